package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/wire"
)

func init() {
	register("claim check", "check a claim before it goes out: --claim ID (from --db) or --in claim.json [--codes FILE...]; exit 0 clean, 1 warnings, 2 errors", runClaimCheck)
}

// checkOutput is the --json document of claim check.
type checkOutput struct {
	Findings claimdesk.Findings `json:"findings"`
}

func runClaimCheck(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim check")
	id := f.Int64("claim", 0, "ID of the claim in the database to check")
	in := f.String("in", "", "claim JSON file to check instead (docs/claim-json.md); - reads stdin")
	todayFlag := f.String("today", "", "check as of this day, YYYY-MM-DD (default: today)")
	var codeFiles multiFlag
	f.Var(&codeFiles, "codes", "check against these code set files (official zips or files, Tabular XML, procedure list CSV) instead of the database's (repeatable)")
	dbSet := false
	if err := f.parse(args); err != nil {
		return err
	}
	f.Visit(func(fl *flag.Flag) {
		if fl.Name == "db" {
			dbSet = true
		}
	})
	if f.NArg() != 0 {
		return fmt.Errorf("claim check: unexpected argument %q (use --claim ID or --in FILE)", f.Arg(0))
	}
	if (*id == 0) == (*in == "") {
		return errors.New("claim check: give exactly one of --claim ID or --in FILE")
	}
	var now func() time.Time
	if *todayFlag != "" {
		d, err := claimdesk.ParseDate(*todayFlag)
		if err != nil {
			return fmt.Errorf("claim check --today: %w", err)
		}
		now = func() time.Time { return d.Time.Add(12 * time.Hour) }
	}

	// The database gives the code sets and fee schedule; with --in it is
	// optional (no database: the checks run without code sets and say so).
	var desk *billing.Desk
	var cd claimdesk.ClaimData
	dbExists := fileExists(*f.db)
	if *id != 0 || dbExists || dbSet {
		db, err := openExistingDB(*f.db)
		if err != nil {
			return err
		}
		defer db.Close()
		desk = wire.New(db, wire.Options{Now: now, Log: slog.New(slog.DiscardHandler)})
	} else {
		desk = &billing.Desk{Now: now, Log: slog.New(slog.DiscardHandler)}
	}
	if len(codeFiles) > 0 {
		ref, err := billing.LoadCheckReferenceFiles(ctx, codeFiles)
		if err != nil {
			return err
		}
		desk.SetCheckReference(ref)
	}
	if *id != 0 {
		var err error
		cd, err = desk.Claims.ClaimData(ctx, *id)
		if err != nil {
			return err
		}
	} else {
		var r io.Reader = m.Stdin
		if *in != "-" {
			fh, err := os.Open(*in)
			if err != nil {
				return fmt.Errorf("claim check: %w", err)
			}
			defer fh.Close()
			r = fh
		}
		var err error
		cd, err = claimdesk.DecodeClaimJSON(r)
		if err != nil {
			return fmt.Errorf("%s: %w", *in, err)
		}
	}
	fs := desk.CheckClaim(ctx, cd)
	if fs == nil {
		fs = claimdesk.Findings{}
	}
	if *f.json {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(checkOutput{Findings: fs}); err != nil {
			return err
		}
	} else {
		printFindings(m.Stdout, fs)
	}
	switch {
	case fs.HasErrors():
		return &exitError{code: 2}
	case len(fs) > 0:
		return &exitError{code: 1}
	}
	return nil
}

func printFindings(w io.Writer, fs claimdesk.Findings) {
	if len(fs) == 0 {
		fmt.Fprintln(w, "No problems found: the claim is ready to go.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tBOX\tFIELD\tRULE\tMESSAGE")
	nErr := 0
	for _, f := range fs {
		if f.Severity == claimdesk.SeverityError {
			nErr++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Severity, f.Box, f.Field, f.Rule, f.Message)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d error(s), %d warning(s).\n", nErr, len(fs)-nErr)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
