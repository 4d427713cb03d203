package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

func init() {
	register("codes import", "import official code set files or zips [--notes-from FILE] FILE...", runCodesImport)
	register("codes releases", "list imported code set releases", runCodesReleases)
	register("codes add-procedure", "add a code to the practice's procedure list --code --desc [--fee]", runCodesAddProcedure)
	register("codes import-procedures", "import the practice's procedure list CSV (code,description,fee)", runCodesImportProcedures)
	register("codes starter", "load the embedded starter code list (primary-care ICD-10-CM and HCPCS)", runCodesStarter)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLine returns a progress func drawing "label 42%" on a terminal,
// or nil when w is not one.
func progressLine(w io.Writer, label string) (func(done, total int), func()) {
	if !isTerminal(w) {
		return nil, func() {}
	}
	last := -1
	var lastAt time.Time
	return func(done, total int) {
			if total <= 0 {
				return
			}
			pct := int(int64(done) * 100 / int64(total))
			if pct == last || (time.Since(lastAt) < 100*time.Millisecond && pct < 100) {
				return
			}
			last, lastAt = pct, time.Now()
			fmt.Fprintf(w, "\r%s %3d%%", label, pct)
		}, func() {
			if last >= 0 {
				fmt.Fprint(w, "\r\033[K")
			}
		}
}

func runCodesImport(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes import")
	var notesFrom multiFlag
	f.Var(&notesFrom, "notes-from", "Tabular or Index XML (or its zip) of another release: attach its notes and index terms to the ICD-10-CM release imported here, or the newest one (repeatable)")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 && len(notesFrom) == 0 {
		return fmt.Errorf("codes import: want one or more files or zips")
	}
	desk, closeDB, err := openDeskCreating(f)
	if err != nil {
		return err
	}
	defer closeDB()
	progress, clear := progressLine(m.Stderr, "importing")
	start := time.Now()
	results, err := desk.ImportCodeFiles(ctx, f.Args(), notesFrom, progress)
	clear()
	if *f.json {
		if results == nil {
			results = []billing.CodeFileResult{}
		}
		if jerr := listJSON(m.Stdout, results); jerr != nil {
			return jerr
		}
	} else {
		for _, r := range results {
			fmt.Fprintln(m.Stdout, describeImport(r))
		}
		if err == nil {
			fmt.Fprintf(m.Stdout, "done in %.1fs\n", time.Since(start).Seconds())
		}
	}
	return err
}

// describeImport is one line of import output.
func describeImport(r billing.CodeFileResult) string {
	res := r.Result
	switch {
	case r.SupersededBy != "":
		return fmt.Sprintf("%s: skipped, the newer %s is imported instead", r.File, r.SupersededBy)
	case r.Procedures > 0:
		return fmt.Sprintf("%s: %d procedures added or updated", r.File, r.Procedures)
	case res.Already && r.Target != "":
		return fmt.Sprintf("%s: already imported into %s", r.File, r.Target)
	case res.Already:
		return fmt.Sprintf("%s: already imported (%s, from %s)", r.File, res.Release.Name, res.Release.Source)
	case r.Target != "":
		return fmt.Sprintf("%s: %d notes and %d index terms from %s attached to %s (%d skipped: code not in %s)",
			r.File, res.Notes, res.Terms, res.Release.Name, r.Target, res.Skipped, r.Target)
	}
	valid := "from " + res.Release.ValidFrom.String()
	if res.Release.ValidFrom.IsZero() {
		valid = "any date"
	}
	if !res.Release.ValidTo.IsZero() {
		valid += " to " + res.Release.ValidTo.String()
	}
	replaced := ""
	if res.Replaced {
		replaced = " (replaces the earlier file of this release)"
	}
	return fmt.Sprintf("%s: %s, %d codes, valid %s, sha256 %s%s", r.File, res.Release.Name, res.Codes, valid, res.Release.SHA256, replaced)
}

func runCodesReleases(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes releases")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	rels, err := db.Releases(ctx)
	if err != nil {
		return err
	}
	notes, err := db.NoteImports(ctx)
	if err != nil {
		return err
	}
	if *f.json {
		if rels == nil {
			rels = []claimdesk.Release{}
		}
		return listJSON(m.Stdout, rels)
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "SYSTEM\tRELEASE\tVALID FROM\tVALID TO\tSOURCE\tSHA256")
	for _, r := range rels {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.System, r.Name, listDash(r.ValidFrom.String()), listDash(r.ValidTo.String()), r.Source, r.SHA256[:min(12, len(r.SHA256))])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(notes) == 0 {
		return nil
	}
	fmt.Fprintln(m.Stdout, "\nNotes and index terms:")
	tw = listTable(m.Stdout)
	fmt.Fprintln(tw, "ATTACHED TO\tKIND\tFROM RELEASE\tNOTES\tTERMS\tSOURCE")
	for _, n := range notes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", n.Target, n.Kind, n.Name, n.Notes, n.Terms, n.Source)
	}
	return tw.Flush()
}

func runCodesAddProcedure(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes add-procedure")
	code := f.String("code", "", "CPT-format code: 5 digits, or 4 digits and F, T or U")
	desc := f.String("desc", "", "the practice's own short description")
	fee := f.String("fee", "", "default fee in dollars, e.g. 125.00")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments (use --code, --desc, --fee)"); err != nil {
		return err
	}
	desk, closeDB, err := openDeskCreating(f)
	if err != nil {
		return err
	}
	defer closeDB()
	p, err := desk.AddProcedure(ctx, *code, *desc, *fee)
	if err != nil {
		return err
	}
	if *f.json {
		return listJSON(m.Stdout, p)
	}
	fmt.Fprintf(m.Stdout, "%s %s %s\n", p.Code, p.Short, p.Fee)
	return nil
}

func runCodesImportProcedures(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes import-procedures")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(1, "one CSV file (code,description,fee)"); err != nil {
		return err
	}
	desk, closeDB, err := openDeskCreating(f)
	if err != nil {
		return err
	}
	defer closeDB()
	n, err := desk.ImportProcedureList(ctx, f.Arg(0))
	if err != nil {
		return err
	}
	if *f.json {
		return listJSON(m.Stdout, map[string]int{"procedures": n})
	}
	fmt.Fprintf(m.Stdout, "%d procedures added or updated\n", n)
	return nil
}

func runCodesStarter(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes starter")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	desk, closeDB, err := openDeskCreating(f)
	if err != nil {
		return err
	}
	defer closeDB()
	res, err := desk.ImportStarter(ctx)
	if err != nil {
		return err
	}
	if *f.json {
		return listJSON(m.Stdout, res)
	}
	for _, r := range res {
		if r.Already {
			fmt.Fprintf(m.Stdout, "%s %s: already loaded\n", r.Release.System, r.Release.Name)
			continue
		}
		fmt.Fprintf(m.Stdout, "%s %s: %d codes\n", r.Release.System, r.Release.Name, r.Codes)
	}
	return nil
}
