package billing

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
)

// CodeFileResult is what importing one code set file did.
type CodeFileResult struct {
	// File names the file ("zip.zip:member" for a zip member).
	File string       `json:"file"`
	Kind codeset.Kind `json:"kind"`
	// Target names the release notes and index terms were attached to.
	Target string                 `json:"target,omitempty"`
	Result claimdesk.ImportResult `json:"result"`
	// Procedures counts procedure list entries added or replaced.
	Procedures int `json:"procedures,omitempty"`
	// SupersededBy names the newer file of the same kind given in the same
	// import, which was imported instead of this one.
	SupersededBy string `json:"superseded_by,omitempty"`
}

// ErrNoTarget is matched (errors.Is) when Tabular or Index XML has no
// ICD-10-CM release to attach to.
var ErrNoTarget = errors.New("no ICD-10-CM release to attach the notes to")

// plannedFile is one file to import with its share of the progress.
type plannedFile struct {
	f         codeset.File
	notesFrom bool
}

// ImportCodeFiles imports official code set files: each path is a file, a
// zip as downloaded, or a folder of them (files of unknown kinds in a
// folder are passed over); every member is recognised by name and content and
// routed (order/codes file, HCPCS, POS, CPT, procedure list CSV, Tabular,
// Index). Releases are imported before the notes that attach to them.
// Tabular and Index XML attach to their own release, which must be
// imported (in this call or before); notesFrom files (XML of another
// release) attach instead to the ICD-10-CM releases imported in this call,
// or the newest one imported before. Each file is one transaction:
// a malformed file is rejected whole (a *codeset.ParseError naming file,
// line and field) and the import stops there; files imported before it
// stay. progress gets bytes processed and the total over all files.
func (d *Desk) ImportCodeFiles(ctx context.Context, paths, notesFrom []string, progress func(done, total int)) ([]CodeFileResult, error) {
	defer d.codesChanged()
	defer d.InvalidateChecks() // the claim checks reload the code sets
	if d.Codes == nil {
		return nil, fmt.Errorf("import code files: no code store")
	}
	var plan []plannedFile
	var add func(p string, nf bool) error
	add = func(p string, nf bool) error {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			// A folder: every code set file or zip in it (and below);
			// other files are passed over.
			return filepath.WalkDir(p, func(q string, de os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if de.IsDir() || strings.HasPrefix(de.Name(), ".") {
					return nil
				}
				if err := add(q, nf); err != nil && !errors.Is(err, codeset.ErrUnknownFile) {
					return err
				}
				return nil
			})
		}
		files, err := codeset.Files(p)
		if err != nil {
			return fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		if len(files) == 1 && files[0].Member == "" && (files[0].Kind == codeset.KindUnknown || files[0].Kind == codeset.KindSkip) {
			return &codeset.ParseError{File: files[0].Name(), Err: codeset.ErrUnknownFile}
		}
		found := false
		for _, f := range files {
			if f.Kind == codeset.KindUnknown || f.Kind == codeset.KindSkip {
				continue
			}
			if nf && !f.Kind.Notes() {
				continue
			}
			found = true
			plan = append(plan, plannedFile{f: f, notesFrom: nf})
		}
		if !found {
			return &codeset.ParseError{File: filepath.Base(p), Err: codeset.ErrUnknownFile}
		}
		return nil
	}
	for _, p := range paths {
		if err := add(p, false); err != nil {
			return nil, err
		}
	}
	for _, p := range notesFrom {
		if err := add(p, true); err != nil {
			return nil, err
		}
	}
	// Releases first, then Tabular, then Index (stable within a rank).
	rank := func(pf plannedFile) int {
		switch {
		case !pf.f.Kind.Notes():
			return 0
		case pf.f.Kind == codeset.KindTabular:
			return 1
		}
		return 2
	}
	for i := 1; i < len(plan); i++ {
		for j := i; j > 0 && rank(plan[j]) < rank(plan[j-1]); j-- {
			plan[j], plan[j-1] = plan[j-1], plan[j]
		}
	}
	// Of several Tabular (or Index, or External Cause Index) files going
	// to the same place, only the newest release's is imported: a later
	// one of a kind replaces the earlier one anyway.
	var results []CodeFileResult
	newest := map[string]int{} // kind + own/notes-from → plan index
	fy := func(pf plannedFile) int {
		names := []string{pf.f.Name()}
		if pf.f.Member != "" {
			names = []string{pf.f.Path, pf.f.Member}
		}
		r, err := codeset.ICDRelease(names...)
		if err != nil {
			return 0
		}
		return r.ValidTo.Year()
	}
	drop := map[int]bool{}
	for i, pf := range plan {
		if !pf.f.Kind.Notes() {
			continue
		}
		key := fmt.Sprint(pf.f.Kind, pf.notesFrom)
		if j, ok := newest[key]; ok {
			if fy(pf) > fy(plan[j]) {
				drop[j], newest[key] = true, i
			} else {
				drop[i] = true
			}
			continue
		}
		newest[key] = i
	}
	if len(drop) > 0 {
		var kept []plannedFile
		for i, pf := range plan {
			if !drop[i] {
				kept = append(kept, pf)
				continue
			}
			winner := plan[newest[fmt.Sprint(pf.f.Kind, pf.notesFrom)]]
			results = append(results, CodeFileResult{File: pf.f.Source(), Kind: pf.f.Kind, SupersededBy: winner.f.Source()})
		}
		plan = kept
	}
	var total int64
	for _, pf := range plan {
		total += pf.f.Size
	}
	var base int64
	report := func(done int64) {
		if progress != nil {
			progress(int(done), int(total))
		}
	}
	var imported []claimdesk.Release // ICD-10-CM releases of this call
	for _, pf := range plan {
		f := pf.f
		size := f.Size
		parse := func(done, _ int) { report(base + int64(done)*2/3) }
		store := func(done, tot int) {
			if tot > 0 {
				report(base + size*2/3 + size*int64(done)/(3*int64(tot)))
			}
		}
		res := CodeFileResult{File: f.Source(), Kind: f.Kind}
		if f.Kind == codeset.KindProcedures {
			n, err := d.importProcedureFile(ctx, f)
			if err != nil {
				return results, err
			}
			res.Procedures = n
			results = append(results, res)
			base += size
			report(base)
			continue
		}
		cs, err := codeset.Load(ctx, f, parse)
		if err != nil {
			return results, err
		}
		if !f.Kind.Notes() {
			r, err := d.Codes.ImportCodeSet(ctx, cs, store)
			if err != nil {
				return results, err
			}
			res.Result = r
			if r.Release.System == claimdesk.SystemICD10CM {
				imported = append(imported, r.Release)
			}
		} else {
			targets, err := d.noteTargets(ctx, cs.Release, pf.notesFrom, imported)
			if err != nil {
				return results, fmt.Errorf("import %s: %w", f.Source(), err)
			}
			for _, t := range targets {
				r, err := d.Codes.ImportNotes(ctx, t.ID, cs, store)
				if err != nil {
					return results, err
				}
				res.Result, res.Target = r, t.Name
				results = append(results, res)
			}
			base += size
			report(base)
			d.log().Info("code notes imported", "file", f.Source(), "notes", res.Result.Notes, "terms", res.Result.Terms)
			continue
		}
		results = append(results, res)
		base += size
		report(base)
		d.log().Info("code set imported", "file", f.Source(), "release", res.Result.Release.Name, "codes", res.Result.Codes, "already", res.Result.Already)
	}
	return results, nil
}

// noteTargets picks the releases notes of release rel attach to.
func (d *Desk) noteTargets(ctx context.Context, rel claimdesk.Release, notesFrom bool, imported []claimdesk.Release) ([]claimdesk.Release, error) {
	all, err := d.Codes.Releases(ctx)
	if err != nil {
		return nil, err
	}
	if !notesFrom {
		// The XML's own fiscal year: "ICD-10-CM FY2021" also fits the
		// "ICD-10-CM FY2021 January update" release; one imported in this
		// call first, else the latest of that year.
		same := func(r claimdesk.Release) bool {
			return r.System == claimdesk.SystemICD10CM && (r.Name == rel.Name || strings.HasPrefix(r.Name, rel.Name+" "))
		}
		for i := len(imported) - 1; i >= 0; i-- {
			if same(imported[i]) {
				return []claimdesk.Release{imported[i]}, nil
			}
		}
		var best *claimdesk.Release
		for i, r := range all {
			if same(r) && (best == nil || r.ValidFrom.After(best.ValidFrom)) {
				best = &all[i]
			}
		}
		if best != nil {
			return []claimdesk.Release{*best}, nil
		}
		return nil, fmt.Errorf("%w: %s is not imported; import its order file first, or apply these notes to another release with --notes-from", ErrNoTarget, rel.Name)
	}
	if len(imported) > 0 {
		return imported, nil
	}
	var newest *claimdesk.Release
	for i, r := range all {
		if r.System == claimdesk.SystemICD10CM && r.Name != starterName && (newest == nil || r.ValidFrom.After(newest.ValidFrom)) {
			newest = &all[i]
		}
	}
	if newest == nil {
		return nil, ErrNoTarget
	}
	return []claimdesk.Release{*newest}, nil
}

func (d *Desk) importProcedureFile(ctx context.Context, f codeset.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", f.Source(), err)
	}
	defer rc.Close()
	ps, err := codeset.ReadProcedures(rc, f.Name())
	if err != nil {
		return 0, err
	}
	if err := d.Codes.ImportProcedures(ctx, ps); err != nil {
		return 0, err
	}
	return len(ps), nil
}

// ImportProcedureList imports the practice's procedure list CSV (code,
// description, fee) in one transaction; a malformed line rejects the file.
func (d *Desk) ImportProcedureList(ctx context.Context, path string) (int, error) {
	defer d.codesChanged()
	defer d.InvalidateChecks() // the claim checks reload the code sets
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("import procedures: %w", err)
	}
	return d.importProcedureFile(ctx, codeset.File{Path: path, Kind: codeset.KindProcedures})
}

// AddProcedure checks and adds (or replaces) one entry of the practice's
// procedure list. fee is in dollars ("125.00"; "" for none).
func (d *Desk) AddProcedure(ctx context.Context, code, desc, fee string) (claimdesk.Procedure, error) {
	defer d.codesChanged()
	defer d.InvalidateChecks() // the claim checks reload the code sets
	p, err := codeset.ParseProcedure(code, desc, fee)
	if err != nil {
		var pe *codeset.ParseError
		if errors.As(err, &pe) {
			return p, claimdesk.FieldErrors{{Path: pe.Field, Message: pe.Err.Error()}}
		}
		return p, err
	}
	if err := d.Codes.AddProcedure(ctx, p); err != nil {
		return p, err
	}
	return p, nil
}
