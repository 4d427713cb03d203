package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

func init() {
	register("claim outcome", "record a payer's response: --paid AMT [--adj CO-45:20.00], --denied --adj CO-50:AMT, or --rejected --message TEXT", runClaimOutcome)
	register("claim correct", "create the corrected (frequency 7) or --void (8) claim of a denied or rejected claim", runClaimCorrect)
	register("claim history", "show every version of a claim with its status changes and payer responses", runClaimHistory)
	register("report ar", "A/R aging: open balances by payer in 0-30 … over 120 days [--csv|--json]", runReportAR)
	register("settings get", "print one setting (or all of them without KEY)", runSettingsGet)
	register("settings set", "change a setting: claimctl settings set KEY VALUE", runSettingsSet)
	register("settings star", "star codes so they rank first in searches: claimctl settings star E11.65 99213 [--off]", runSettingsStar)
	register("fees import", "replace the fee schedule with a CSV file (columns code, modifier, charge)", runFeesImport)
}

// multiFlag collects a repeatable flag's values.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// amountFlag is a money flag that remembers whether it was given.
type amountFlag struct {
	set bool
	v   claimdesk.Cents
}

func (a *amountFlag) String() string { return a.v.String() }
func (a *amountFlag) Set(s string) error {
	c, err := claimdesk.ParseCents(s)
	if err != nil {
		return err
	}
	a.v, a.set = c, true
	return nil
}

func runClaimOutcome(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim outcome")
	id := f.Int64("claim", 0, "claim ID")
	var paid amountFlag
	f.Var(&paid, "paid", "amount the payer paid (paid in full or in part)")
	denied := f.Bool("denied", false, "the payer denied the claim (give its --adj group and reason, and --remark codes)")
	rejected := f.Bool("rejected", false, "the payer rejected the claim unprocessed (give its --message)")
	var adjs, remarks multiFlag
	f.Var(&adjs, "adj", "adjustment GROUP-CARC:AMOUNT, e.g. CO-45:20.00 or PR-2:15.00 (repeatable)")
	f.Var(&remarks, "remark", "RARC remark code, e.g. N115 (repeatable or comma-separated)")
	msg := f.String("message", "", "the payer's rejection message")
	date := f.String("date", "", "date of the payer's response YYYY-MM-DD (default today)")
	icn := f.String("payer-claim", "", "the payer's claim number (ICN/DCN)")
	if err := f.parse(args); err != nil {
		return err
	}
	if *id == 0 {
		return fmt.Errorf("claim outcome: give --claim ID")
	}
	kinds := 0
	o := claimdesk.Outcome{ClaimID: *id, Message: strings.TrimSpace(*msg), PayerClaimNumber: strings.TrimSpace(*icn)}
	if paid.set {
		kinds++
		o.Kind, o.Paid = claimdesk.OutcomePaid, paid.v
	}
	if *denied {
		kinds++
		o.Kind = claimdesk.OutcomeDenied
	}
	if *rejected {
		kinds++
		o.Kind = claimdesk.OutcomeRejected
	}
	if kinds != 1 {
		return fmt.Errorf("claim outcome: give exactly one of --paid AMOUNT, --denied or --rejected")
	}
	for _, s := range adjs {
		a, err := billing.ParseAdjustment(s)
		if err != nil {
			return fmt.Errorf("--adj %w", err)
		}
		o.Adjustments = append(o.Adjustments, a)
	}
	for _, r := range remarks {
		for _, c := range strings.Split(r, ",") {
			if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
				o.Remarks = append(o.Remarks, c)
			}
		}
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	o.Date = d.Today()
	if *date != "" {
		if o.Date, err = claimdesk.ParseDate(*date); err != nil {
			return fmt.Errorf("--date: %w", err)
		}
	}
	money, err := d.RecordOutcome(ctx, &o)
	if err != nil {
		return err
	}
	c, err := d.Claims.Claim(ctx, o.ClaimID)
	if err != nil {
		return err
	}
	if *f.json {
		return printFollowupJSON(m.Stdout, struct {
			Outcome claimdesk.Outcome     `json:"outcome"`
			Status  claimdesk.ClaimStatus `json:"status"`
			Money   billing.ClaimMoney    `json:"money"`
		}{o, c.Status, money})
	}
	fmt.Fprintf(m.Stdout, "claim %d is now %s: billed %s, paid %s, written off %s, patient owes %s, balance %s\n",
		c.ID, strings.ToLower(c.Status.Label()), money.Billed, money.Paid, money.WrittenOff, money.PatientResp, money.Balance)
	return nil
}

func runClaimCorrect(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim correct")
	id := f.Int64("claim", 0, "ID of the denied or rejected claim")
	void := f.Bool("void", false, "void the claim (frequency 8) instead of correcting it (7)")
	ref := f.String("ref", "", "the payer's claim number of the original (default: the one recorded)")
	note := f.String("note", "", "note for the original claim's history")
	if err := f.parse(args); err != nil {
		return err
	}
	if *id == 0 {
		return fmt.Errorf("claim correct: give --claim ID")
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	next, err := d.CorrectClaim(ctx, billing.CorrectRequest{ClaimID: *id, Void: *void, OriginalRef: *ref, Note: *note})
	if err != nil {
		return err
	}
	if *f.json {
		return printFollowupJSON(m.Stdout, next)
	}
	what := "corrected claim (frequency 7)"
	switch next.Frequency {
	case claimdesk.FrequencyVoid:
		what = "void claim (frequency 8)"
	case claimdesk.FrequencyOriginal:
		what = "new original claim (the rejected one had no payer claim number)"
	}
	fmt.Fprintf(m.Stdout, "created %s %d as a draft", what, next.ID)
	if next.OriginalRef != "" {
		fmt.Fprintf(m.Stdout, " referring to payer claim no. %s", next.OriginalRef)
	}
	fmt.Fprintf(m.Stdout, "; claim %d is now %s\n", *id, map[bool]string{true: "voided", false: "replaced"}[*void])
	return nil
}

func runClaimHistory(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "claim history")
	id := f.Int64("claim", 0, "claim ID (any version)")
	if err := f.parse(args); err != nil {
		return err
	}
	if *id == 0 {
		return fmt.Errorf("claim history: give --claim ID")
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	h, err := d.ClaimHistory(ctx, *id)
	if err != nil {
		return err
	}
	if *f.json {
		return printFollowupJSON(m.Stdout, h)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tCLAIM\tFREQUENCY\tSTATUS\tBILLED\tPAID\tBALANCE")
	for _, v := range h.Versions {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", v.Version, v.Claim.ID, billing.FrequencyLabel(v.Claim.Frequency), v.Claim.Status.Label(), v.Money.Billed, v.Money.Paid, v.Money.Balance)
	}
	tw.Flush()
	fmt.Fprintln(m.Stdout)
	for _, e := range h.Events {
		fmt.Fprintf(m.Stdout, "%s  v%d  %s\n", e.At.Format("2006-01-02 15:04"), e.Version, e.What)
	}
	return nil
}

func runReportAR(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "report ar")
	asCSV := f.Bool("csv", false, "print CSV (amounts as plain numbers)")
	if err := f.parse(args); err != nil {
		return err
	}
	if *asCSV && *f.json {
		return fmt.Errorf("report ar: give --csv or --json, not both")
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	rep, err := d.ARAging(ctx)
	if err != nil {
		return err
	}
	switch {
	case *f.json:
		return printFollowupJSON(m.Stdout, rep)
	case *asCSV:
		return rep.WriteCSV(m.Stdout)
	}
	fmt.Fprintf(m.Stdout, "A/R aging as of %s (days since the date of service)\n\n", rep.AsOf)
	rows := append(append([]billing.AgingRow(nil), rep.Rows...), rep.Totals)
	wp := len("PAYER")
	for _, r := range rows {
		wp = max(wp, len(r.Payer))
	}
	cols := append(append([]string(nil), billing.AgingBuckets[:]...), "total", "claims")
	wc := make([]int, len(cols))
	cells := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r.Buckets() {
			cells[i] = append(cells[i], c.String())
		}
		cells[i] = append(cells[i], r.Total.String(), strconv.Itoa(r.Claims))
	}
	for j, c := range cols {
		wc[j] = len(c)
		for i := range rows {
			wc[j] = max(wc[j], len(cells[i][j]))
		}
	}
	fmt.Fprintf(m.Stdout, "%-*s", wp, "PAYER")
	for j, c := range cols {
		fmt.Fprintf(m.Stdout, "  %*s", wc[j], strings.ToUpper(c))
	}
	fmt.Fprintln(m.Stdout)
	for i, r := range rows {
		fmt.Fprintf(m.Stdout, "%-*s", wp, r.Payer)
		for j := range cols {
			fmt.Fprintf(m.Stdout, "  %*s", wc[j], cells[i][j])
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}

func runSettingsGet(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "settings get")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 1 {
		return fmt.Errorf("settings get: want at most one KEY")
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	if f.NArg() == 1 {
		si, err := d.GetSetting(ctx, f.Arg(0))
		if err != nil {
			return err
		}
		if *f.json {
			return printFollowupJSON(m.Stdout, si)
		}
		fmt.Fprintln(m.Stdout, si.Value)
		return nil
	}
	all, err := d.ListSettings(ctx)
	if err != nil {
		return err
	}
	favs, err := d.Favourites(ctx)
	if err != nil {
		return err
	}
	if *f.json {
		return printFollowupJSON(m.Stdout, struct {
			Settings   []billing.SettingInfo `json:"settings"`
			Favourites []claimdesk.Favourite `json:"favourites"`
		}{all, favs})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	for _, si := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", si.Key, si.Value, si.Summary)
	}
	tw.Flush()
	if len(favs) > 0 {
		var s []string
		for _, x := range favs {
			s = append(s, x.Code)
		}
		fmt.Fprintf(m.Stdout, "favourite codes: %s\n", strings.Join(s, ", "))
	}
	return nil
}

func runSettingsSet(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "settings set")
	// A negative offset ("-5") is a value, not a flag.
	var fixed []string
	for _, a := range args {
		if _, err := strconv.Atoi(a); err == nil && strings.HasPrefix(a, "-") {
			fixed = append(fixed, "--")
		}
		fixed = append(fixed, a)
	}
	if err := f.parse(fixed); err != nil {
		return err
	}
	if err := f.need(2, "KEY VALUE (keys: "+strings.Join(billing.SettingKeys(), ", ")+")"); err != nil {
		return err
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := d.SetSetting(ctx, f.Arg(0), f.Arg(1)); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s = %s\n", f.Arg(0), strings.TrimSpace(f.Arg(1)))
	return nil
}

func runSettingsStar(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "settings star")
	off := f.Bool("off", false, "unstar the codes")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return fmt.Errorf("settings star: give one or more codes")
	}
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	for _, code := range f.Args() {
		det, err := d.ShowCode(ctx, "", code, claimdesk.Date{})
		if err != nil {
			return err
		}
		if err := d.SetFavourite(ctx, claimdesk.Favourite{System: det.System, Code: det.Code}, !*off); err != nil {
			return err
		}
		verb := "starred"
		if *off {
			verb = "unstarred"
		}
		fmt.Fprintf(m.Stdout, "%s %s (%s)\n", verb, det.Code, det.System)
	}
	return nil
}

func runFeesImport(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "fees import")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(1, "one CSV FILE"); err != nil {
		return err
	}
	name := f.Arg(0)
	file, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("fees import: %w", err)
	}
	defer file.Close()
	d, closeDB, err := openDesk(f, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	n, err := d.ImportFees(ctx, followupBaseName(name), file)
	if err != nil {
		return err
	}
	if *f.json {
		return printFollowupJSON(m.Stdout, map[string]int{"fees": n})
	}
	fmt.Fprintf(m.Stdout, "fee schedule replaced: %s fees\n", strconv.Itoa(n))
	return nil
}

// followupBaseName returns the last element of a slash- or backslash-separated path.
func followupBaseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// printFollowupJSON prints v as indented JSON.
func printFollowupJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
