package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

func init() {
	register("claim pdf", "write a claim's CMS-1500 PDF: --claim ID (from --db) or --in claim.json, --mode form|plain, --out FILE", runClaimPDF)
	register("claims print", "print every claim in a status (default ready) as one CMS-1500 PDF [--mark-submitted]", runClaimsPrint)
	register("claim align-page", "write the printer alignment test page: --out FILE [--offset-x N --offset-y N]", runClaimAlignPage)
}

// printFlags are the flags shared by the print commands.
type printFlags struct {
	mode *string
	offX *int
	offY *int
	out  *string
	date *string
}

func addPrintFlags(f *cmdFlags) *printFlags {
	return &printFlags{
		mode: f.String("mode", "", "form (data only, for the red form) or plain (whole form on plain paper); default: the saved setting, else form"),
		offX: f.Int("offset-x", 0, "move printing right (+) or left (-), in 1/100 inch; default: the saved setting"),
		offY: f.Int("offset-y", 0, "move printing down (+) or up (-), in 1/100 inch; default: the saved setting"),
		out:  f.String("out", "", "PDF file to write (required)"),
		date: f.String("date", "", "date printed beside the signatures in boxes 12 and 31, YYYY-MM-DD (default: today)"),
	}
}

// options returns the print options: flags given on the command line win,
// then the saved printer settings (when base is not nil), then form mode
// with no offsets.
func (p *printFlags) options(f *cmdFlags, base *billing.PrintOptions) billing.PrintOptions {
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	o := billing.PrintOptions{Mode: claimdesk.PrintModeForm}
	if base != nil {
		o = *base
	}
	if set["mode"] {
		o.Mode = *p.mode
	}
	if set["offset-x"] {
		o.OffsetX = *p.offX
	}
	if set["offset-y"] {
		o.OffsetY = *p.offY
	}
	return o
}

func (p *printFlags) needOut(name string) error {
	if *p.out == "" {
		return fmt.Errorf("%s: --out FILE is required", name)
	}
	return nil
}

// now returns the clock for the print date: --date when given.
func (p *printFlags) now() (func() time.Time, error) {
	if *p.date == "" {
		return time.Now, nil
	}
	d, err := claimdesk.ParseDate(*p.date)
	if err != nil {
		return nil, fmt.Errorf("--date: %w", err)
	}
	return func() time.Time { return d.Time }, nil
}

// savedPrintOptions reads the printer settings of the database when it
// exists; a missing database gives nil (use the defaults).
func savedPrintOptions(ctx context.Context, f *cmdFlags) (*billing.PrintOptions, error) {
	if _, err := os.Stat(*f.db); err != nil {
		return nil, nil
	}
	d, closeDB, err := openDesk(f, time.Now)
	if err != nil {
		return nil, err
	}
	defer closeDB()
	o, err := d.PrintOptionsFromSettings(ctx)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func runClaimPDF(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim pdf")
	id := f.Int64("claim", 0, "claim ID in the database")
	in := f.String("in", "", "claim JSON file (docs/claim-json.md) to print without a database; - reads stdin")
	pf := addPrintFlags(f)
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	if err := pf.needOut("claim pdf"); err != nil {
		return err
	}
	switch {
	case *in != "" && *id != 0:
		return errors.New("claim pdf: give --claim ID or --in FILE, not both")
	case *in != "":
		now, err := pf.now()
		if err != nil {
			return err
		}
		cd, err := readClaimJSON(m, *in)
		if err != nil {
			return err
		}
		opt := pf.options(f, nil)
		err = atomicfile.Write(*pf.out, func(w io.Writer) error {
			return billing.PrintClaimData(ctx, []claimdesk.ClaimData{cd}, w, claimdesk.DateOf(now()), opt)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wrote %s (%s mode)\n", *pf.out, opt.Mode)
		return nil
	case *id != 0:
		now, err := pf.now()
		if err != nil {
			return err
		}
		d, closeDB, err := openDesk(f, now)
		if err != nil {
			return err
		}
		defer closeDB()
		saved, err := d.PrintOptionsFromSettings(ctx)
		if err != nil {
			return err
		}
		opt := pf.options(f, &saved)
		if err := d.PrintClaims(ctx, []int64{*id}, *pf.out, opt, nil); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wrote %s: claim %d (%s mode)\n", *pf.out, *id, opt.Mode)
		return nil
	}
	return errors.New("claim pdf: give --claim ID (with --db) or --in claim.json")
}

// readClaimJSON decodes the claim JSON file name ("-" for stdin).
func readClaimJSON(m *Main, name string) (claimdesk.ClaimData, error) {
	var r io.Reader = m.Stdin
	if name != "-" {
		fh, err := os.Open(name)
		if err != nil {
			return claimdesk.ClaimData{}, err
		}
		defer fh.Close()
		r = fh
	} else if r == nil {
		r = os.Stdin
	}
	cd, err := claimdesk.DecodeClaimJSON(r)
	if err != nil {
		return cd, fmt.Errorf("%s: %w", name, err)
	}
	return cd, nil
}

func runClaimsPrint(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claims print")
	status := f.String("status", string(claimdesk.StatusReady), "print the claims in this status")
	mark := f.Bool("mark-submitted", false, "mark the printed claims submitted once the PDF is written")
	pf := addPrintFlags(f)
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	if err := pf.needOut("claims print"); err != nil {
		return err
	}
	st := claimdesk.ClaimStatus(*status)
	if !st.Valid() {
		return fmt.Errorf("claims print: --status: unknown status %q", *status)
	}
	now, err := pf.now()
	if err != nil {
		return err
	}
	d, closeDB, err := openDesk(f, now)
	if err != nil {
		return err
	}
	defer closeDB()
	list, err := d.AllClaims(ctx, claimdesk.ClaimFilter{Status: st})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("no %s claims to print", st)}
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	saved, err := d.PrintOptionsFromSettings(ctx)
	if err != nil {
		return err
	}
	opt := pf.options(f, &saved)
	opt.MarkSubmitted = *mark
	step := max(1, len(ids)/10)
	progress := func(done, total int) {
		if done%step == 0 || done == total {
			fmt.Fprintf(m.Stderr, "printed %d of %d claims\n", done, total)
		}
	}
	if err := d.PrintClaims(ctx, ids, *pf.out, opt, progress); err != nil {
		return err
	}
	msg := fmt.Sprintf("wrote %s: %d claims (%s mode)", *pf.out, len(ids), opt.Mode)
	if *mark {
		msg += ", marked submitted"
	}
	fmt.Fprintln(m.Stdout, msg)
	return nil
}

func runClaimAlignPage(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim align-page")
	pf := addPrintFlags(f)
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	if err := pf.needOut("claim align-page"); err != nil {
		return err
	}
	saved, err := savedPrintOptions(ctx, f)
	if err != nil {
		return err
	}
	opt := pf.options(f, saved)
	if err := atomicfile.Write(*pf.out, func(w io.Writer) error { return billing.WriteAlignmentPDF(w, opt) }); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s: print it on a red CMS-1500 at 100%% (no fit to page), then set the offsets (offset x %+d, y %+d now)\n", *pf.out, opt.OffsetX, opt.OffsetY)
	return nil
}
