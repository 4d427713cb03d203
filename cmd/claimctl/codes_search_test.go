package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// searchCLI runs claimctl with stdin and returns stdout, stderr and the
// exit status.
func searchCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := m.Main(t.Context(), args)
	return out.String(), errb.String(), code
}

func TestCodesSearchCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cd.db")
	if out, errOut, code := searchCLI(t, "", "codes", "starter", "--db", db); code != 0 {
		t.Fatalf("starter: %d %s %s", code, out, errOut)
	}
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"words json", "", []string{"codes", "search", "--db", db, "--json", "diab", "mell", "2", "hyperglyc"}, 0, `"code": "E11.65"`, ""},
		{"code without dot", "", []string{"codes", "search", "--db", db, "e119"}, 0, "E11.9 ", ""},
		{"abbreviation", "", []string{"codes", "search", "--db", db, "--system", "icd10cm", "--limit", "1", "htn"}, 0, "I10", ""},
		{"hcpcs only", "", []string{"codes", "search", "--db", db, "--system", "hcpcs", "--json", "zzzznothing"}, 0, "[]", ""},
		{"batch", "htn\n\nE11.9\n", []string{"codes", "search", "--db", db, "--batch", "-", "--limit", "2"}, 0, "\n[]\n", ""},
		{"bad system", "", []string{"codes", "search", "--db", db, "--system", "icd9", "x"}, 2, "", "unknown code system"},
		{"bad date", "", []string{"codes", "search", "--db", db, "--date", "2026-13-01", "x"}, 2, "", "--date"},
		{"no query", "", []string{"codes", "search", "--db", db}, 2, "", "want a QUERY"},
		{"query and batch", "", []string{"codes", "search", "--db", db, "--batch", "-", "x"}, 2, "", "not both"},
		{"punctuation only", "", []string{"codes", "search", "--db", db, ";;"}, 2, "", "no words or codes"},
		{"show json", "", []string{"codes", "show", "--db", db, "--json", "e11.65"}, 0, `"code": "E11.65"`, ""},
		{"show text", "", []string{"codes", "show", "--db", db, "I10"}, 0, "I10  Essential (primary) hypertension", ""},
		{"show unknown", "", []string{"codes", "show", "--db", db, "Q99.999"}, 2, "", "not found"},
		{"show needs a code", "", []string{"codes", "show", "--db", db}, 2, "", "one CODE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := searchCLI(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout containing %q, stderr containing %q",
					code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
		})
	}

	// Batch: one JSON line per query, in order.
	out, _, code := searchCLI(t, "htn\n\ne11.9\n", "codes", "search", "--db", db, "--batch", "-", "--limit", "3")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 3 {
		t.Fatalf("batch: exit %d, %d lines:\n%s", code, len(lines), out)
	}
	var first, third []searchHit
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || len(first) == 0 || first[0].Code != "I10" || first[0].Matched != "abbreviation" {
		t.Errorf("batch line 1: %s (%v)", lines[0], err)
	}
	if lines[1] != "[]" {
		t.Errorf("batch line 2 (blank query) = %s, want []", lines[1])
	}
	if err := json.Unmarshal([]byte(lines[2]), &third); err != nil || len(third) == 0 || third[0].Code != "E11.9" || third[0].Matched != "code" {
		t.Errorf("batch line 3: %s (%v)", lines[2], err)
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &raw); err != nil || len(raw[0]) != 5 {
		t.Errorf("hit fields = %v, want system, code, title, billable, matched", raw)
	}
}
