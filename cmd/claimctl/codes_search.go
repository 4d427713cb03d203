package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

func init() {
	register("codes search", "search codes [--system icd10cm|hcpcs|cpt|proc|all] [--limit N] [--date D] [--billable] [--batch FILE|-] QUERY", runCodesSearch)
	register("codes show", "show a code: title, parents, children and the notes that apply [--system S] [--date D] CODE", runCodesShow)
}

// parseSystemFlag reads --system ("" and "all" search every system).
func parseSystemFlag(s string) (claimdesk.CodeSystem, error) {
	switch sys := claimdesk.CodeSystem(strings.ToLower(strings.TrimSpace(s))); sys {
	case "", "all":
		return "", nil
	case claimdesk.SystemICD10CM, claimdesk.SystemHCPCS, claimdesk.SystemCPT, claimdesk.SystemProcedure:
		return sys, nil
	default:
		return "", fmt.Errorf("unknown code system %q (one of icd10cm, hcpcs, cpt, proc, all)", s)
	}
}

// searchHit is a hit as the CLI prints it.
type searchHit struct {
	System   claimdesk.CodeSystem `json:"system"`
	Code     string               `json:"code"`
	Title    string               `json:"title"`
	Billable bool                 `json:"billable"`
	Matched  string               `json:"matched"`
}

func toSearchHits(hits []codesearch.Hit) []searchHit {
	out := make([]searchHit, len(hits))
	for i, h := range hits {
		out[i] = searchHit{h.System, h.Code, h.Title, h.Billable, h.Matched}
	}
	return out
}

func runCodesSearch(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes search")
	system := f.String("system", "all", "code system: icd10cm, hcpcs, cpt, proc or all")
	limit := f.Int("limit", codesearch.DefaultLimit, "most hits per query")
	date := f.String("date", "", "date of service YYYY-MM-DD (default: the newest releases)")
	billable := f.Bool("billable", false, "only codes valid on a claim (no headers)")
	batch := f.String("batch", "", "read one query per line from FILE (- for standard input); print one JSON line of hits per query")
	if err := f.parse(args); err != nil {
		return err
	}
	sys, err := parseSystemFlag(*system)
	if err != nil {
		return err
	}
	if *limit < 1 || *limit > codesearch.MaxLimit {
		return fmt.Errorf("codes search: --limit must be 1 to %d", codesearch.MaxLimit)
	}
	dos, err := claimdesk.ParseDate(*date)
	if err != nil {
		return fmt.Errorf("codes search: --date: %w", err)
	}
	opts := codesearch.Options{System: sys, Limit: *limit, Date: dos, BillableOnly: *billable}
	query := strings.Join(f.Args(), " ")
	if *batch == "" && strings.TrimSpace(query) == "" {
		return fmt.Errorf("codes search: want a QUERY (or --batch FILE)")
	}
	if *batch != "" && f.NArg() > 0 {
		return fmt.Errorf("codes search: give a QUERY or --batch, not both")
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	d := deskOver(db)
	if *batch != "" {
		return searchBatch(ctx, m, d, *batch, opts)
	}
	hits, err := d.SearchCodes(ctx, query, opts)
	if err != nil {
		return err
	}
	if *f.json {
		return listJSON(m.Stdout, toSearchHits(hits))
	}
	if len(hits) == 0 {
		fmt.Fprintln(m.Stdout, "no codes found")
		return nil
	}
	tw := listTable(m.Stdout)
	fmt.Fprintln(tw, "CODE\tSYSTEM\tBILLABLE\tMATCHED\tTITLE")
	for _, h := range hits {
		b := "no"
		if h.Billable {
			b = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", h.Code, h.System, b, h.Matched, h.Title)
	}
	return tw.Flush()
}

// searchBatch answers one query per input line with one JSON line of hits,
// in order; a line that is not a query (blank, too long) gives [].
func searchBatch(ctx context.Context, m *Main, d *billing.Desk, path string, opts codesearch.Options) error {
	var r io.Reader
	if path == "-" {
		if m.Stdin == nil {
			return fmt.Errorf("codes search: --batch -: no standard input")
		}
		r = m.Stdin
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("codes search: %w", err)
		}
		defer fh.Close()
		r = fh
	}
	if _, err := d.CodeIndex(ctx); err != nil {
		return err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	w := bufio.NewWriter(m.Stdout)
	enc := json.NewEncoder(w)
	n := 0
	for sc.Scan() {
		n++
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("codes search: batch line %d: %w", n, err)
			}
		}
		hits, err := d.SearchCodes(ctx, sc.Text(), opts)
		if err != nil && claimdesk.ErrorCode(err) != claimdesk.EInvalid {
			return fmt.Errorf("codes search: batch line %d: %w", n, err)
		}
		if err := enc.Encode(toSearchHits(hits)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("codes search: batch line %d: %w", n+1, err)
	}
	return w.Flush()
}

func runCodesShow(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "codes show")
	system := f.String("system", "all", "code system: icd10cm, hcpcs, cpt, proc or all (ICD-10-CM first)")
	date := f.String("date", "", "date of service YYYY-MM-DD (default: the newest releases)")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(1, "one CODE"); err != nil {
		return err
	}
	sys, err := parseSystemFlag(*system)
	if err != nil {
		return err
	}
	dos, err := claimdesk.ParseDate(*date)
	if err != nil {
		return fmt.Errorf("codes show: --date: %w", err)
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	det, err := deskOver(db).ShowCode(ctx, sys, f.Arg(0), dos)
	if err != nil {
		return err
	}
	if *f.json {
		return listJSON(m.Stdout, det)
	}
	b := "not billable (header)"
	if det.Billable {
		b = "billable"
	}
	fmt.Fprintf(m.Stdout, "%s  %s\n%s, %s", det.Code, det.Title, det.System, b)
	if det.Release != "" {
		fmt.Fprintf(m.Stdout, ", %s", det.Release)
	}
	fmt.Fprintln(m.Stdout)
	for _, p := range det.Parents {
		fmt.Fprintf(m.Stdout, "  in  %-9s %s\n", p.Code, p.Title)
	}
	if len(det.Children) > 0 {
		fmt.Fprintln(m.Stdout, "Codes below:")
		for _, c := range det.Children {
			mark := " "
			if c.Billable {
				mark = "*"
			}
			fmt.Fprintf(m.Stdout, "  %s %-9s %s\n", mark, c.Code, c.Title)
		}
	}
	if len(det.Notes) > 0 {
		fmt.Fprintln(m.Stdout, "Notes:")
		for _, n := range det.Notes {
			fmt.Fprintf(m.Stdout, "  %-18s %s  [%s, %s]\n", n.Kind, n.Text, n.From, n.Release)
		}
	}
	return nil
}
