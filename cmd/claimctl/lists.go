package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"claimdesk/internal/claimdesk"
)

func init() {
	register("patients list", "list patients [--query NAME|ACCOUNT|DOB] [--limit N]", runPatientsList)
	register("encounters list", "list encounters [--from DATE --to DATE --status S --patient NAME]", runEncountersList)
	register("claims list", "list claims with balances [--status S] [--min-age DAYS]", runClaimsList)
	register("audit", "show the audit trail, newest first [--limit N]", runAudit)
}

// listJSON prints v as indented JSON.
func listJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// listTable returns a tabwriter for aligned text columns; call Flush.
func listTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// parseStatusFlag reads a claim status flag ("" for any).
func parseStatusFlag(s string) (claimdesk.ClaimStatus, error) {
	st := claimdesk.ClaimStatus(strings.ToLower(strings.TrimSpace(s)))
	if st == "" || st.Valid() {
		return st, nil
	}
	names := make([]string, len(claimdesk.ClaimStatuses))
	for i, v := range claimdesk.ClaimStatuses {
		names[i] = string(v)
	}
	return "", fmt.Errorf("unknown status %q (one of %s)", s, strings.Join(names, ", "))
}

func runPatientsList(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "patients list")
	query := f.String("query", "", "part of the name or account, or a birth date (YYYY-MM-DD or MM/DD/YYYY)")
	limit := f.Int("limit", 0, "at most N patients (0: all)")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments (use --query)"); err != nil {
		return err
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	ps, err := db.Patients(ctx, claimdesk.PatientFilter{Query: *query, Limit: *limit})
	if err != nil {
		return err
	}
	if *f.json {
		if ps == nil {
			ps = []claimdesk.Patient{}
		}
		return listJSON(m.Stdout, ps)
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "ID\tACCOUNT\tNAME\tDOB\tSEX")
	for _, p := range ps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", p.ID, p.Account, p.FullName(), p.DOB, p.Sex)
	}
	return tw.Flush()
}

func runEncountersList(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "encounters list")
	from := f.String("from", "", "first date of service (YYYY-MM-DD)")
	to := f.String("to", "", "last date of service (YYYY-MM-DD)")
	status := f.String("status", "", "status of the primary claim")
	patient := f.String("patient", "", "part of the patient's name or account")
	limit := f.Int("limit", 0, "at most N encounters (0: all)")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	var flt claimdesk.EncounterFilter
	var err error
	if flt.From, err = claimdesk.ParseDate(*from); err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	if flt.To, err = claimdesk.ParseDate(*to); err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	if flt.Status, err = parseStatusFlag(*status); err != nil {
		return fmt.Errorf("--status: %w", err)
	}
	flt.PatientName, flt.Limit = *patient, *limit
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Encounters(ctx, flt)
	if err != nil {
		return err
	}
	if *f.json {
		if rows == nil {
			rows = []claimdesk.EncounterSummary{}
		}
		return listJSON(m.Stdout, rows)
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "ID\tDATE\tPATIENT\tPROVIDER\tPAYER\tCLAIM\tSTATUS\tTOTAL\tDIAGNOSES\tCODES")
	for _, r := range rows {
		claim := "-"
		if r.ClaimID != 0 {
			claim = fmt.Sprint(r.ClaimID)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.DateFrom, r.PatientName, listDash(r.Provider),
			listDash(r.Payer), claim, listDash(string(r.Status)), r.Total, strings.Join(r.Diagnoses, " "), strings.Join(r.Codes, " "))
	}
	return tw.Flush()
}

func runClaimsList(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claims list")
	status := f.String("status", "", "only claims in this status")
	minAge := f.Int("min-age", 0, "only claims at least this many days past the date of service")
	limit := f.Int("limit", 0, "at most N claims (0: all)")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	st, err := parseStatusFlag(*status)
	if err != nil {
		return fmt.Errorf("--status: %w", err)
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Claims(ctx, claimdesk.ClaimFilter{Status: st, MinAgeDays: *minAge, Limit: *limit})
	if err != nil {
		return err
	}
	if *f.json {
		if rows == nil {
			rows = []claimdesk.ClaimSummary{}
		}
		return listJSON(m.Stdout, rows)
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "ID\tENCOUNTER\tDATE\tPATIENT\tPAYER\tSTATUS\tFREQ\tBILLED\tPAID\tADJUSTED\tBALANCE\tAGE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", r.ID, r.EncounterID, r.DateFrom, r.PatientName,
			r.Payer, r.Status, r.Frequency, r.Billed, r.Paid, r.Adjusted, r.Balance, r.AgeDays)
	}
	return tw.Flush()
}

func runAudit(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "audit")
	limit := f.Int("limit", 50, "at most N entries (0: all)")
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
	rows, err := db.Audit(ctx, *limit)
	if err != nil {
		return err
	}
	if *f.json {
		if rows == nil {
			rows = []claimdesk.AuditEntry{}
		}
		return listJSON(m.Stdout, rows)
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "ID\tAT\tACTION\tENTITY\tENTITY ID\tFIELDS")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", r.ID, r.At.UTC().Format("2006-01-02 15:04:05Z"), r.Action, r.Entity,
			r.EntityID, strings.Join(r.Fields, ","))
	}
	return tw.Flush()
}

func listDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
