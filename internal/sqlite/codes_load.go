package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"claimdesk/internal/claimdesk"
)

// LoadCodeSets streams, in one read snapshot, everything a code search
// index needs for date (zero: the newest release of each system): the
// releases in effect (when no release of a system covers date, the newest
// one that started by date, whose ValidTo shows it has ended), their codes (HCPCS codes only when valid on date),
// the practice's procedures, and the ICD-10-CM release's index terms,
// notes and groups. Nil visitor fields are skipped without reading their
// rows.
func (db *DB) LoadCodeSets(ctx context.Context, date claimdesk.Date, v claimdesk.CodeVisitor) error {
	err := db.read(ctx, func(tx *sql.Tx) error {
		var rels []claimdesk.Release
		for _, sys := range []claimdesk.CodeSystem{claimdesk.SystemICD10CM, claimdesk.SystemHCPCS, claimdesk.SystemCPT} {
			r, ok, err := releaseOn(ctx, tx, sys, date)
			if err != nil {
				return err
			}
			if !ok && !date.IsZero() {
				// Past the end of every release (FY2027 not imported yet):
				// search the newest one that started by date.
				r, ok, err = releaseStartedBy(ctx, tx, sys, date)
				if err != nil {
					return err
				}
			}
			if ok {
				rels = append(rels, r)
				if v.Release != nil {
					v.Release(r)
				}
			}
		}
		if v.Code != nil {
			for _, r := range rels {
				if err := loadCodes(ctx, tx, r, date, v.Code); err != nil {
					return err
				}
			}
			if err := loadProcedures(ctx, tx, v.Code); err != nil {
				return err
			}
		}
		var icd *claimdesk.Release
		for i := range rels {
			if rels[i].System == claimdesk.SystemICD10CM {
				icd = &rels[i]
			}
		}
		if icd == nil {
			return nil
		}
		if v.Term != nil {
			if err := loadTerms(ctx, tx, icd.ID, v.Term); err != nil {
				return err
			}
		}
		if v.Note != nil {
			if err := loadNotes(ctx, tx, icd.ID, v.Note); err != nil {
				return err
			}
		}
		if v.Group != nil {
			if err := loadGroups(ctx, tx, icd.ID, v.Group); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load code sets: %w", err)
	}
	return nil
}

func loadCodes(ctx context.Context, tx *sql.Tx, r claimdesk.Release, date claimdesk.Date, fn func(claimdesk.CodeEntry)) error {
	if r.System == claimdesk.SystemICD10CM {
		return loadICDCodes(ctx, tx, r, fn)
	}
	q := `SELECT code, ord, billable, short, title, added, effective, terminated, action_effective, action FROM codes WHERE release_id = ?`
	args := []any{r.ID}
	if !date.IsZero() {
		d := dateText(date)
		q += ` AND (effective = '' OR effective <= ?) AND (terminated = '' OR terminated >= ?)`
		args = append(args, d, d)
	}
	// Primary-key order (release, code): no sort; Order carries file order.
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var e claimdesk.CodeEntry
		var billable int
		var added, eff, term, actEff string
		if err := rows.Scan(&e.Code.Code, &e.Order, &billable, &e.Short, &e.Title, &added, &eff, &term, &actEff, &e.Action); err != nil {
			return err
		}
		e.System, e.Billable, e.Release = r.System, billable == 1, r.Name
		e.Added, e.Effective, e.Terminated, e.ActionEffective = parseDate(added), parseDate(eff), parseDate(term), parseDate(actEff)
		fn(e)
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// loadICDCodes reads an ICD-10-CM release's codes, which carry no dates
// or actions: fewer columns make the start-up load faster.
func loadICDCodes(ctx context.Context, tx *sql.Tx, r claimdesk.Release, fn func(claimdesk.CodeEntry)) error {
	rows, err := tx.QueryContext(ctx, `SELECT code, ord, billable, short, title FROM codes WHERE release_id = ?`, r.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var e claimdesk.CodeEntry
		var billable int
		if err := rows.Scan(&e.Code.Code, &e.Order, &billable, &e.Short, &e.Title); err != nil {
			return err
		}
		e.System, e.Billable, e.Release = r.System, billable == 1, r.Name
		fn(e)
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func loadProcedures(ctx context.Context, tx *sql.Tx, fn func(claimdesk.CodeEntry)) error {
	rows, err := tx.QueryContext(ctx, `SELECT code, short, fee FROM procedures ORDER BY code`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e claimdesk.CodeEntry
		var fee int64
		if err := rows.Scan(&e.Code.Code, &e.Title, &fee); err != nil {
			return err
		}
		e.System, e.Short, e.Billable, e.Fee, e.Release = claimdesk.SystemProcedure, e.Title, true, claimdesk.Cents(fee), "Practice procedure list"
		fn(e)
	}
	return rows.Err()
}

func loadTerms(ctx context.Context, tx *sql.Tx, release int64, fn func(claimdesk.IndexTerm)) error {
	rows, err := tx.QueryContext(ctx, `SELECT term, code, source, source_release FROM index_terms NOT INDEXED WHERE release_id = ?`, release)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var t claimdesk.IndexTerm
		if err := rows.Scan(&t.Term, &t.Code, &t.Source, &t.Release); err != nil {
			return err
		}
		fn(t)
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func loadNotes(ctx context.Context, tx *sql.Tx, release int64, fn func(string, claimdesk.Note)) error {
	rows, err := tx.QueryContext(ctx, `SELECT node, kind, text, char, source_release FROM code_notes NOT INDEXED WHERE release_id = ?`, release)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var nt claimdesk.Note
		var kind string
		if err := rows.Scan(&nt.From, &kind, &nt.Text, &nt.Char, &nt.Release); err != nil {
			return err
		}
		nt.Kind = claimdesk.NoteKind(kind)
		fn(nt.From, nt)
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func loadGroups(ctx context.Context, tx *sql.Tx, release int64, fn func(claimdesk.CodeGroup)) error {
	members := map[string][]string{}
	rows, err := tx.QueryContext(ctx, `SELECT category, node FROM code_group_members WHERE release_id = ? ORDER BY category`, release)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c, node string
		if err := rows.Scan(&c, &node); err != nil {
			rows.Close()
			return err
		}
		members[node] = append(members[node], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT node, title, chapter FROM code_groups WHERE release_id = ? ORDER BY rowid`, release)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g claimdesk.CodeGroup
		if err := rows.Scan(&g.Node, &g.Title, &g.Chapter); err != nil {
			return err
		}
		g.Categories = members[g.Node]
		fn(g)
	}
	return rows.Err()
}

// releaseStartedBy returns the newest release of system that started on
// or before date, whether or not it still covers it.
func releaseStartedBy(ctx context.Context, q querier, system claimdesk.CodeSystem, date claimdesk.Date) (claimdesk.Release, bool, error) {
	row := q.QueryRowContext(ctx, `SELECT `+releaseCols+` FROM code_releases WHERE system = ? AND valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1`,
		string(system), dateText(date))
	r, err := scanRelease(row)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}
