package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/billing"
	"claimdesk/internal/shareddata"
)

// writeOrderFile writes a tiny synthetic ICD-10-CM order file.
func writeOrderFile(t *testing.T) string {
	t.Helper()
	rows := []struct {
		code     string
		billable int
		title    string
	}{
		{"E11", 0, "Type 2 diabetes mellitus"},
		{"E1165", 1, "Type 2 diabetes mellitus with hyperglycemia"},
		{"E119", 1, "Type 2 diabetes mellitus without complications"},
		{"I10", 1, "Essential (primary) hypertension"},
	}
	var b strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&b, "%05d %-7s %d %-60s %s\r\n", i+1, r.code, r.billable, r.title, r.title)
	}
	p := filepath.Join(t.TempDir(), "icd10cm_order_2026.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBenchSearchCLI(t *testing.T) {
	order := writeOrderFile(t)
	queries := filepath.Join(t.TempDir(), "q.tsv")
	if err := os.WriteFile(queries, []byte("# comment\ndiab 2\tE11.9\nhtn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := searchCLI(t, "", "bench", "search", "--rounds", "2", "--json", "--queries", queries, order)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res SearchBench
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Codes != 4 || res.Queries != 2+len(benchPrefixes) || res.Rounds != 2 || res.MedianUS <= 0 || res.FTSMedian <= 0 {
		t.Errorf("result %+v", res)
	}
	out, _, code = searchCLI(t, "", "bench", "search", "--rounds", "1", order)
	if code != 0 || !strings.Contains(out, "ratio fts5/codesearch") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "search"}, "want official code set files"},
		{[]string{"bench", "search", "--rounds", "0", order}, "--rounds"},
		{[]string{"bench", "search", "--queries", "/nonexistent/q.txt", order}, "no such file"},
	} {
		_, errOut, code := searchCLI(t, "", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}

// BenchmarkSearchVsFTS times the code search and a plain SQLite FTS5
// prefix MATCH (ORDER BY rank) over the same titles, with the full FY2026
// ICD-10-CM (FY2017 Index and FY2021 Tabular terms applied) and HCPCS
// January 2026, on the relevance queries and 1- to 3-letter prefixes.
func BenchmarkSearchVsFTS(b *testing.B) {
	files := []string{
		shareddata.Path(b, "codesets/icd10cm/icd10cm_order_2026.txt"),
		shareddata.Path(b, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt"),
		shareddata.Path(b, "codesets/icd10cm/ICD10CM_FY2017_Full_XML.zip"),
		shareddata.Path(b, "codesets/icd10cm/icd10cm_tabular_2021.xml"),
	}
	qs, err := readBenchQueries("../../internal/codesearch/testdata/relevance.tsv")
	if err != nil {
		b.Fatal(err)
	}
	qs = append(qs, benchPrefixes...)
	src, err := billing.CodeSourceFromFiles(b.Context(), files)
	if err != nil {
		b.Fatal(err)
	}
	var res SearchBench
	for b.Loop() {
		if res, err = RunSearchBench(b.Context(), src, qs, 5); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(res.BuildMS, "build-ms")
	b.ReportMetric(res.IndexMB, "index-MB")
	b.ReportMetric(res.MedianUS, "median-µs")
	b.ReportMetric(res.P99US, "p99-µs")
	b.ReportMetric(res.FTSMedian, "fts-median-µs")
	b.ReportMetric(res.FTSP99, "fts-p99-µs")
	b.ReportMetric(res.Ratio, "ratio-median")
	b.ReportMetric(res.CPURatio, "cpu-ratio-median")
}
