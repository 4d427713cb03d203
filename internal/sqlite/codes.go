package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

var _ claimdesk.CodeService = (*DB)(nil)

// checkEvery is how many rows an import writes between context checks and
// progress reports.
const checkEvery = 500

// Releases lists every imported code set release, newest first.
func (db *DB) Releases(ctx context.Context) ([]claimdesk.Release, error) {
	var out []claimdesk.Release
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, system, name, valid_from, valid_to, source, sha256, imported
FROM code_releases ORDER BY valid_from DESC, system, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRelease(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list code releases: %w", err)
	}
	return out, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanRelease(s scanner) (claimdesk.Release, error) {
	var r claimdesk.Release
	var system, from, to, imported string
	if err := s.Scan(&r.ID, &system, &r.Name, &from, &to, &r.Source, &r.SHA256, &imported); err != nil {
		return r, err
	}
	r.System = claimdesk.CodeSystem(system)
	r.ValidFrom, r.ValidTo, r.Imported = parseDate(from), parseDate(to), parseStamp(imported)
	return r, nil
}

const releaseCols = `id, system, name, valid_from, valid_to, source, sha256, imported`

// existingRelease returns the release recorded with the same SHA-256, or
// the same system and name; ok is false when there is none.
func existingRelease(ctx context.Context, tx *sql.Tx, r claimdesk.Release) (claimdesk.Release, bool, error) {
	row := tx.QueryRowContext(ctx, `SELECT `+releaseCols+` FROM code_releases WHERE sha256 = ? OR (system = ? AND name = ?) ORDER BY sha256 = ? DESC LIMIT 1`,
		r.SHA256, string(r.System), r.Name, r.SHA256)
	got, err := scanRelease(row)
	if errors.Is(err, sql.ErrNoRows) {
		return claimdesk.Release{}, false, nil
	}
	return got, err == nil, err
}

func validateRelease(r claimdesk.Release) error {
	if r.System == "" || r.Name == "" || r.SHA256 == "" || r.Source == "" {
		return claimdesk.Errorf(claimdesk.EInvalid, "code set release needs a system, a name, a source file and its SHA-256")
	}
	return nil
}

// ImportCodeSet stores a release with its codes, modifiers and places of
// service in one transaction. A file whose SHA-256 is recorded already, or
// another file of an ICD-10-CM or POS release already imported, changes
// nothing: the result has Already set and the existing release. Another
// file of an HCPCS or CPT release replaces the old release (Replaced).
// Cancelling ctx rolls back.
func (db *DB) ImportCodeSet(ctx context.Context, cs *claimdesk.CodeSet, progress func(done, total int)) (claimdesk.ImportResult, error) {
	res := claimdesk.ImportResult{Release: cs.Release}
	if err := validateRelease(cs.Release); err != nil {
		return res, err
	}
	total := len(cs.Codes) + len(cs.Modifiers) + len(cs.POS)
	err := db.write(ctx, func(tx *sql.Tx) error {
		if old, ok, err := existingRelease(ctx, tx, cs.Release); err != nil {
			return err
		} else if ok {
			replaceable := cs.Release.System == claimdesk.SystemHCPCS || cs.Release.System == claimdesk.SystemCPT
			if old.SHA256 == cs.Release.SHA256 || !replaceable {
				res.Release, res.Already = old, true
				return nil
			}
			// A corrected HCPCS file or an updated CPT file of the same
			// release replaces the old one.
			if _, err := tx.ExecContext(ctx, `DELETE FROM code_releases WHERE id = ?`, old.ID); err != nil {
				return err
			}
			res.Replaced = true
		}
		r := cs.Release
		r.Imported = db.now()
		x, err := tx.ExecContext(ctx, `INSERT INTO code_releases (system, name, valid_from, valid_to, source, sha256, imported) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			string(r.System), r.Name, dateText(r.ValidFrom), dateText(r.ValidTo), r.Source, r.SHA256, db.stamp())
		if err != nil {
			return err
		}
		if r.ID, err = x.LastInsertId(); err != nil {
			return err
		}
		res.Release = r
		done := 0
		tick := func() error {
			done++
			if done%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(done, total)
				}
			}
			return nil
		}
		if len(cs.Codes) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO codes (release_id, code, ord, billable, short, title, added, effective, terminated, action_effective, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, c := range cs.Codes {
				if _, err := st.ExecContext(ctx, r.ID, c.Code.Code, c.Order, boolInt(c.Billable), c.Short, c.Title,
					dateText(c.Added), dateText(c.Effective), dateText(c.Terminated), dateText(c.ActionEffective), c.Action); err != nil {
					return fmt.Errorf("code %s: %w", c.Code.Code, constraintError(err, "code "+c.Code.Code))
				}
				if err := tick(); err != nil {
					return err
				}
			}
			res.Codes = len(cs.Codes)
		}
		if len(cs.Modifiers) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO modifiers (release_id, code, title, short, effective, terminated) VALUES (?, ?, ?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, m := range cs.Modifiers {
				if _, err := st.ExecContext(ctx, r.ID, m.Code, m.Title, m.Short, dateText(m.Effective), dateText(m.Terminated)); err != nil {
					return fmt.Errorf("modifier %s: %w", m.Code, constraintError(err, "modifier "+m.Code))
				}
				if err := tick(); err != nil {
					return err
				}
			}
			res.Codes += len(cs.Modifiers)
		}
		for _, p := range cs.POS {
			if _, err := tx.ExecContext(ctx, `INSERT INTO places_of_service (release_id, code, name, description) VALUES (?, ?, ?, ?)`,
				r.ID, p.Code, p.Name, p.Description); err != nil {
				return fmt.Errorf("place of service %s: %w", p.Code, constraintError(err, "place of service "+p.Code))
			}
			if err := tick(); err != nil {
				return err
			}
		}
		res.Codes += len(cs.POS)
		if progress != nil {
			progress(total, total)
		}
		return nil
	})
	if err != nil {
		return claimdesk.ImportResult{Release: cs.Release}, fmt.Errorf("import %s: %w", cs.Release.Name, err)
	}
	return res, nil
}

// noteKindOf names what a notes CodeSet carries, for replacing an earlier
// import of the same kind.
func noteKindOf(cs *claimdesk.CodeSet) string {
	switch {
	case len(cs.Notes) > 0 || len(cs.Groups) > 0:
		return "tabular"
	case len(cs.Terms) > 0 && cs.Terms[0].Source != "":
		return cs.Terms[0].Source
	}
	return "index"
}

// ImportNotes attaches a Tabular or Index release's notes, groups and
// index terms to the target release in one transaction: only those whose
// code (or, for a block, one of its categories) exists in the target.
// Each note and term keeps the name of the release it came from. The same
// file applied twice to the same target changes nothing (Already); a new
// file of the same kind (tabular, index, eindex) replaces the earlier one.
func (db *DB) ImportNotes(ctx context.Context, target int64, cs *claimdesk.CodeSet, progress func(done, total int)) (claimdesk.ImportResult, error) {
	res := claimdesk.ImportResult{Release: cs.Release}
	if err := validateRelease(cs.Release); err != nil {
		return res, err
	}
	kind := noteKindOf(cs)
	nNotes := 0
	for _, ns := range cs.Notes {
		nNotes += len(ns)
	}
	total := nNotes + len(cs.Terms) + len(cs.Groups)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var sys string
		if err := tx.QueryRowContext(ctx, `SELECT system FROM code_releases WHERE id = ?`, target).Scan(&sys); errors.Is(err, sql.ErrNoRows) {
			return claimdesk.Errorf(claimdesk.ENotFound, "code release %d not found", target)
		} else if err != nil {
			return err
		}
		if sys != string(claimdesk.SystemICD10CM) {
			return claimdesk.Errorf(claimdesk.EInvalid, "notes and index terms attach to an ICD-10-CM release, not %s", sys)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM code_note_imports WHERE release_id = ? AND sha256 = ?`, target, cs.Release.SHA256).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			res.Already = true
			return nil
		}
		// The target's codes: notes attach only to these.
		have := make(map[string]bool, 100000)
		rows, err := tx.QueryContext(ctx, `SELECT code FROM codes WHERE release_id = ?`, target)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			have[c] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM code_note_imports WHERE release_id = ? AND kind = ?`, target, kind); err != nil {
			return err
		}
		x, err := tx.ExecContext(ctx, `INSERT INTO code_note_imports (release_id, kind, name, source, sha256, imported) VALUES (?, ?, ?, ?, ?, ?)`,
			target, kind, cs.Release.Name, cs.Release.Source, cs.Release.SHA256, db.stamp())
		if err != nil {
			return err
		}
		imp, err := x.LastInsertId()
		if err != nil {
			return err
		}
		done := 0
		tick := func() error {
			done++
			if done%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(done, total)
				}
			}
			return nil
		}
		// Groups: keep a block when one of its categories is in the target,
		// a chapter when one of its kept blocks is.
		keptChapters := map[string]bool{}
		var keptBlocks []claimdesk.CodeGroup
		for _, g := range cs.Groups {
			if g.Chapter == "" {
				continue
			}
			var cats []string
			for _, c := range g.Categories {
				if have[c] {
					cats = append(cats, c)
				}
			}
			if len(cats) > 0 {
				g.Categories = cats
				keptBlocks = append(keptBlocks, g)
				keptChapters[g.Chapter] = true
			}
		}
		keptNode := map[string]bool{}
		gst, err := tx.PrepareContext(ctx, `INSERT INTO code_groups (import_id, release_id, node, title, chapter) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer gst.Close()
		mst, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO code_group_members (import_id, release_id, category, node) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer mst.Close()
		for _, g := range cs.Groups {
			if g.Chapter == "" && keptChapters[g.Node] {
				if _, err := gst.ExecContext(ctx, imp, target, g.Node, g.Title, ""); err != nil {
					return fmt.Errorf("group %s: %w", g.Node, err)
				}
				keptNode[g.Node] = true
			}
			if err := tick(); err != nil {
				return err
			}
		}
		for _, g := range keptBlocks {
			if _, err := gst.ExecContext(ctx, imp, target, g.Node, g.Title, g.Chapter); err != nil {
				return fmt.Errorf("group %s: %w", g.Node, err)
			}
			keptNode[g.Node] = true
			for _, c := range g.Categories {
				if _, err := mst.ExecContext(ctx, imp, target, c, g.Node); err != nil {
					return fmt.Errorf("group %s: %w", g.Node, err)
				}
			}
		}
		if nNotes > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO code_notes (import_id, release_id, node, seq, kind, text, char, source_release) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			nodes := make([]string, 0, len(cs.Notes))
			for node := range cs.Notes {
				nodes = append(nodes, node)
			}
			sort.Strings(nodes)
			for _, node := range nodes {
				ns := cs.Notes[node]
				if !have[node] && !keptNode[node] {
					res.Skipped += len(ns)
					done += len(ns)
					continue
				}
				for i, nt := range ns {
					src := nt.Release
					if src == "" {
						src = cs.Release.Name
					}
					if _, err := st.ExecContext(ctx, imp, target, node, i, string(nt.Kind), nt.Text, nt.Char, src); err != nil {
						return fmt.Errorf("note on %s: %w", node, err)
					}
					res.Notes++
					if err := tick(); err != nil {
						return err
					}
				}
			}
		}
		if len(cs.Terms) > 0 {
			st, err := tx.PrepareContext(ctx, `INSERT INTO index_terms (import_id, release_id, term, code, source, source_release) VALUES (?, ?, ?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, t := range cs.Terms {
				if !have[t.Code] {
					res.Skipped++
					done++
					continue
				}
				src := t.Release
				if src == "" {
					src = cs.Release.Name
				}
				if _, err := st.ExecContext(ctx, imp, target, t.Term, t.Code, t.Source, src); err != nil {
					return fmt.Errorf("index term %q: %w", t.Term, err)
				}
				res.Terms++
				if err := tick(); err != nil {
					return err
				}
			}
		}
		if progress != nil {
			progress(total, total)
		}
		return nil
	})
	if err != nil {
		return claimdesk.ImportResult{Release: cs.Release}, fmt.Errorf("import %s notes: %w", cs.Release.Name, err)
	}
	return res, nil
}

// releaseOn returns the release of system in effect on date: the one
// covering it that started last (zero date: the newest). ok is false when
// none does.
func releaseOn(ctx context.Context, q querier, system claimdesk.CodeSystem, date claimdesk.Date) (claimdesk.Release, bool, error) {
	var row *sql.Row
	if date.IsZero() {
		row = q.QueryRowContext(ctx, `SELECT `+releaseCols+` FROM code_releases WHERE system = ? ORDER BY valid_from DESC, id DESC LIMIT 1`, string(system))
	} else {
		d := dateText(date)
		row = q.QueryRowContext(ctx, `SELECT `+releaseCols+` FROM code_releases WHERE system = ? AND valid_from <= ? AND (valid_to = '' OR valid_to >= ?)
ORDER BY valid_from DESC, id DESC LIMIT 1`, string(system), d, d)
	}
	r, err := scanRelease(row)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// normalizeCode writes a code as it is stored.
func normalizeCode(system claimdesk.CodeSystem, code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if system == claimdesk.SystemICD10CM {
		// "E11.-" and "E11." as written in notes mean the category.
		return claimdesk.DottedICD(strings.TrimRight(code, ".-"))
	}
	return code
}

// Code returns code as in the release of system in effect on date (zero
// date: the newest release). An HCPCS code must also be valid on date by
// its own add and termination dates. Procedure codes come from the
// practice's procedure list; modifiers from the HCPCS modifiers.
func (db *DB) Code(ctx context.Context, system claimdesk.CodeSystem, code string, date claimdesk.Date) (claimdesk.Code, error) {
	code = normalizeCode(system, code)
	var out claimdesk.Code
	err := db.read(ctx, func(tx *sql.Tx) error {
		switch system {
		case claimdesk.SystemProcedure:
			var fee int64
			err := tx.QueryRowContext(ctx, `SELECT short, fee FROM procedures WHERE code = ?`, code).Scan(&out.Title, &fee)
			if errors.Is(err, sql.ErrNoRows) {
				return claimdesk.Errorf(claimdesk.ENotFound, "procedure %s is not in the practice's list", code)
			}
			out = claimdesk.Code{System: system, Code: code, Title: out.Title, Short: out.Title, Billable: true, Fee: claimdesk.Cents(fee)}
			return err
		case claimdesk.SystemModifier:
			r, ok, err := releaseOn(ctx, tx, claimdesk.SystemHCPCS, date)
			if err != nil || !ok {
				return notValid(system, code, date, err)
			}
			var eff, term string
			err = tx.QueryRowContext(ctx, `SELECT title, short, effective, terminated FROM modifiers WHERE release_id = ? AND code = ?`, r.ID, code).
				Scan(&out.Title, &out.Short, &eff, &term)
			if errors.Is(err, sql.ErrNoRows) {
				return notValid(system, code, date, nil)
			}
			out.System, out.Code, out.Billable, out.Release = system, code, true, r.Name
			out.Effective, out.Terminated = parseDate(eff), parseDate(term)
			if err == nil && !validOn(out, date) {
				return notValid(system, code, date, nil)
			}
			return err
		}
		r, ok, err := releaseOn(ctx, tx, system, date)
		if err != nil || !ok {
			return notValid(system, code, date, err)
		}
		var billable int
		var eff, term string
		err = tx.QueryRowContext(ctx, `SELECT billable, short, title, effective, terminated FROM codes WHERE release_id = ? AND code = ?`, r.ID, code).
			Scan(&billable, &out.Short, &out.Title, &eff, &term)
		if errors.Is(err, sql.ErrNoRows) {
			return notValid(system, code, date, nil)
		}
		if err != nil {
			return err
		}
		out.System, out.Code, out.Billable, out.Release = system, code, billable == 1, r.Name
		out.Effective, out.Terminated = parseDate(eff), parseDate(term)
		if !validOn(out, date) {
			return notValid(system, code, date, nil)
		}
		return nil
	})
	if err != nil {
		return claimdesk.Code{}, err
	}
	return out, nil
}

// validOn reports whether a code's own dates allow it on date.
func validOn(c claimdesk.Code, date claimdesk.Date) bool {
	if date.IsZero() {
		return true
	}
	if !c.Effective.IsZero() && date.Before(c.Effective) {
		return false
	}
	return c.Terminated.IsZero() || !date.After(c.Terminated)
}

func notValid(system claimdesk.CodeSystem, code string, date claimdesk.Date, err error) error {
	if err != nil {
		return fmt.Errorf("look up %s %s: %w", system, code, err)
	}
	if date.IsZero() {
		return claimdesk.Errorf(claimdesk.ENotFound, "%s code %s is not in the imported code sets", system, code)
	}
	return claimdesk.Errorf(claimdesk.ENotFound, "%s code %s is not valid on %s in the imported code sets", system, code, date)
}

// Notes returns the notes that apply to an ICD-10-CM code on date (zero:
// the newest release): its own, then those inherited from its
// subcategories, category, block and chapter, nearest first. Each note
// says which node it is written on and which release it came from.
func (db *DB) Notes(ctx context.Context, code string, date claimdesk.Date) ([]claimdesk.Note, error) {
	code = normalizeCode(claimdesk.SystemICD10CM, code)
	var out []claimdesk.Note
	err := db.read(ctx, func(tx *sql.Tx) error {
		r, ok, err := releaseOn(ctx, tx, claimdesk.SystemICD10CM, date)
		if err != nil || !ok {
			return notValid(claimdesk.SystemICD10CM, code, date, err)
		}
		chain := append([]string{code}, claimdesk.ICDAncestors(code)...)
		if len(code) >= 3 {
			var block, chapter string
			err := tx.QueryRowContext(ctx, `SELECT m.node, g.chapter FROM code_group_members m JOIN code_groups g ON g.release_id = m.release_id AND g.node = m.node
WHERE m.release_id = ? AND m.category = ?`, r.ID, code[:3]).Scan(&block, &chapter)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if block != "" {
				chain = append(chain, block)
			}
			if chapter != "" {
				chain = append(chain, chapter)
			}
		}
		byNode := map[string][]claimdesk.Note{}
		ph := strings.TrimSuffix(strings.Repeat("?,", len(chain)), ",")
		args := []any{r.ID}
		for _, n := range chain {
			args = append(args, n)
		}
		rows, err := tx.QueryContext(ctx, `SELECT node, kind, text, char, source_release FROM code_notes WHERE release_id = ? AND node IN (`+ph+`) ORDER BY node, seq`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n claimdesk.Note
			var kind string
			if err := rows.Scan(&n.From, &kind, &n.Text, &n.Char, &n.Release); err != nil {
				return err
			}
			n.Kind = claimdesk.NoteKind(kind)
			byNode[n.From] = append(byNode[n.From], n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		out = claimdesk.EffectiveNotes(chain, func(node string) []claimdesk.Note { return byNode[node] })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notes of %s: %w", code, err)
	}
	return out, nil
}

// Procedures returns the practice's procedure list ordered by code.
func (db *DB) Procedures(ctx context.Context) ([]claimdesk.Procedure, error) {
	var out []claimdesk.Procedure
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT code, short, fee FROM procedures ORDER BY code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p claimdesk.Procedure
			var fee int64
			if err := rows.Scan(&p.Code, &p.Short, &fee); err != nil {
				return err
			}
			p.Fee = claimdesk.Cents(fee)
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list procedures: %w", err)
	}
	return out, nil
}

func validateProcedure(p claimdesk.Procedure) error {
	var fe claimdesk.FieldErrors
	if !validCPT(p.Code) {
		fe = append(fe, claimdesk.FieldError{Path: "code", Message: "code must be 5 digits, or 4 digits and F, T or U"})
	}
	if strings.TrimSpace(p.Short) == "" {
		fe = append(fe, claimdesk.FieldError{Path: "short", Message: "description is required"})
	}
	if p.Fee < 0 {
		fe = append(fe, claimdesk.FieldError{Path: "fee", Message: "fee cannot be negative"})
	}
	return fe.Err()
}

// validCPT is the CPT code format check (codeset.ValidCPT; the store may
// not import a leaf package).
func validCPT(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	c := s[4]
	return c >= '0' && c <= '9' || c == 'F' || c == 'T' || c == 'U'
}

// AddProcedure adds a procedure to the practice's list, or replaces the
// entry with the same code.
func (db *DB) AddProcedure(ctx context.Context, p claimdesk.Procedure) error {
	return db.ImportProcedures(ctx, []claimdesk.Procedure{p})
}

// ImportProcedures adds or replaces procedure list entries in one
// transaction; an invalid entry rejects them all.
func (db *DB) ImportProcedures(ctx context.Context, ps []claimdesk.Procedure) error {
	for i := range ps {
		ps[i].Code = strings.ToUpper(strings.TrimSpace(ps[i].Code))
		if err := validateProcedure(ps[i]); err != nil {
			return fmt.Errorf("procedure %d (%s): %w", i+1, ps[i].Code, err)
		}
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO procedures (code, short, fee, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET short = excluded.short, fee = excluded.fee, updated_at = excluded.updated_at`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, p := range ps {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if _, err := st.ExecContext(ctx, p.Code, strings.TrimSpace(p.Short), int64(p.Fee), db.stamp()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save procedures: %w", err)
	}
	return nil
}

// Modifiers returns the HCPCS modifiers of the release in effect on date
// (zero: the newest), valid on date by their own dates, ordered by code.
func (db *DB) Modifiers(ctx context.Context, date claimdesk.Date) ([]claimdesk.Modifier, error) {
	var out []claimdesk.Modifier
	err := db.read(ctx, func(tx *sql.Tx) error {
		r, ok, err := releaseOn(ctx, tx, claimdesk.SystemHCPCS, date)
		if err != nil || !ok {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT code, title, short, effective, terminated FROM modifiers WHERE release_id = ? ORDER BY code`, r.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m claimdesk.Modifier
			var eff, term string
			if err := rows.Scan(&m.Code, &m.Title, &m.Short, &eff, &term); err != nil {
				return err
			}
			m.Effective, m.Terminated, m.Release = parseDate(eff), parseDate(term), r.Name
			if validOn(claimdesk.Code{Effective: m.Effective, Terminated: m.Terminated}, date) {
				out = append(out, m)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list modifiers: %w", err)
	}
	return out, nil
}

// PlacesOfService returns the newest imported Place of Service list.
func (db *DB) PlacesOfService(ctx context.Context) ([]claimdesk.PlaceOfService, error) {
	var out []claimdesk.PlaceOfService
	err := db.read(ctx, func(tx *sql.Tx) error {
		r, ok, err := releaseOn(ctx, tx, claimdesk.SystemPOS, claimdesk.Date{})
		if err != nil || !ok {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT code, name, description FROM places_of_service WHERE release_id = ? ORDER BY code`, r.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p claimdesk.PlaceOfService
			if err := rows.Scan(&p.Code, &p.Name, &p.Description); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list places of service: %w", err)
	}
	return out, nil
}

// NoteImports lists the Tabular and Index files applied to each release,
// with how many notes and index terms each brought.
func (db *DB) NoteImports(ctx context.Context) ([]claimdesk.NoteImport, error) {
	var out []claimdesk.NoteImport
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.name, i.kind, i.name, i.source, i.sha256, i.imported,
	(SELECT count(*) FROM code_notes n WHERE n.import_id = i.id),
	(SELECT count(*) FROM index_terms t WHERE t.import_id = i.id)
FROM code_note_imports i JOIN code_releases r ON r.id = i.release_id
ORDER BY r.valid_from DESC, r.id, i.kind`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n claimdesk.NoteImport
			var imported string
			if err := rows.Scan(&n.Target, &n.Kind, &n.Name, &n.Source, &n.SHA256, &imported, &n.Notes, &n.Terms); err != nil {
				return err
			}
			n.Imported = parseStamp(imported)
			out = append(out, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list note imports: %w", err)
	}
	return out, nil
}
