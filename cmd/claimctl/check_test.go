package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/shareddata"
)

const corpusDir = "../../internal/claimcheck/testdata/corpus"

func TestClaimCheckIn(t *testing.T) {
	t.Setenv("CLAIMDESK_DB", filepath.Join(t.TempDir(), "none.db")) // no code sets
	tests := []struct {
		name  string
		args  []string
		code  int
		rules []string // must appear in the JSON output
		text  string   // must appear in the output (stdout+stderr)
	}{
		{"clean claim, no code sets: warnings only", []string{"--in", corpusDir + "/clean/replacement-claim.json", "--today", "2026-11-23", "--json"}, 1,
			[]string{"icd-not-loaded", "proc-not-loaded"}, ""},
		{"bad claim: errors", []string{"--in", corpusDir + "/bad/billing-npi-check-digit.json", "--json"}, 2, []string{"billing-npi"}, ""},
		{"text output", []string{"--in", corpusDir + "/bad/dx-duplicate.json"}, 2, nil, "Box 21 C: I10 is already listed as A"},
		{"both sources", []string{"--in", "x.json", "--claim", "3"}, 2, nil, "exactly one of --claim ID or --in FILE"},
		{"missing file", []string{"--in", "no-such.json"}, 2, nil, "no-such.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, append([]string{"claim", "check"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if tt.rules != nil {
				var doc struct {
					Findings []claimdesk.Finding `json:"findings"`
				}
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("JSON: %v\n%s", err, out)
				}
				for _, r := range tt.rules {
					found := false
					for _, f := range doc.Findings {
						found = found || f.Rule == r
						if f.Box == "" || f.Field == "" || f.Message == "" || f.Severity == "" {
							t.Errorf("incomplete finding %+v", f)
						}
					}
					if !found {
						t.Errorf("rule %s missing: %s", r, out)
					}
				}
			}
			if !strings.Contains(out+errOut, tt.text) {
				t.Errorf("output lacks %q:\n%s%s", tt.text, out, errOut)
			}
		})
	}
}

func TestClaimCheckBadJSON(t *testing.T) {
	t.Setenv("CLAIMDESK_DB", filepath.Join(t.TempDir(), "none.db"))
	p := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(p, []byte(`{"encounter":{"lines":[{"charge":"abc"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "claim", "check", "--in", p)
	if code != 2 || !strings.Contains(errOut, "encounter.lines[0].charge") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
}

func TestClaimCheckDB(t *testing.T) {
	path, subs, draftID := followupDB(t)
	if _, errOut, code := run(t, "codes", "starter", "--db", path); code != 0 {
		t.Fatalf("codes starter: %s", errOut)
	}
	for _, id := range []int64{draftID, subs[0].ID} {
		out, errOut, code := run(t, "claim", "check", "--db", path, "--claim", strconv.FormatInt(id, 10), "--json")
		if code < 0 || code > 2 || errOut != "" && code != 2 && code != 1 {
			t.Fatalf("claim %d: exit %d: %s", id, code, errOut)
		}
		var doc map[string][]claimdesk.Finding
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("claim %d: %v: %s", id, err, out)
		}
		if _, ok := doc["findings"]; !ok {
			t.Errorf("claim %d: no findings key: %s", id, out)
		}
		for _, f := range doc["findings"] {
			if f.Rule == "icd-not-loaded" {
				t.Errorf("claim %d: code sets from the database were not used: %v", id, f)
			}
		}
		t.Logf("claim %d: exit %d, %d findings", id, code, len(doc["findings"]))
	}
	if _, errOut, code := run(t, "claim", "check", "--db", path, "--claim", "999999"); code != 2 || errOut == "" {
		t.Errorf("missing claim: exit %d %s", code, errOut)
	}
}

func TestClaimCheckCodesFiles(t *testing.T) {
	t.Setenv("CLAIMDESK_DB", filepath.Join(t.TempDir(), "none.db"))
	order := shareddata.Path(t, "codesets/icd10cm/icd10cm_order_2026.txt")
	tabular := shareddata.Path(t, "codesets/icd10cm/icd10cm_tabular_2021.xml")
	hcpcs := shareddata.Path(t, "codesets/hcpcs/january-2026-alpha-numeric-hcpcs-file.zip")
	pos := shareddata.Path(t, "codesets/pos/cs-CMS-PlaceofServiceCodes.xml")
	procs := "../../internal/claimcheck/testdata/procedures.csv"
	codes := []string{"--codes", order, "--codes", tabular, "--codes", hcpcs, "--codes", pos, "--codes", procs, "--today", "2026-11-23", "--json"}
	for _, tt := range []struct {
		file string
		code int
		rule string
	}{
		{"bad/dx-excludes1-headache-migraine.json", 2, "dx-excludes1"},
		{"bad/dx-category-header-e11.json", 2, "dx-header"},
		{"clean/medicare-awv-with-problem-visit.json", 0, ""},
	} {
		out, errOut, code := run(t, append([]string{"claim", "check", "--in", corpusDir + "/" + tt.file}, codes...)...)
		if code != tt.code || !strings.Contains(out, tt.rule) {
			t.Errorf("%s: exit %d (want %d), want rule %q:\n%s%s", tt.file, code, tt.code, tt.rule, out, errOut)
		}
	}
	if _, errOut, code := run(t, "claim", "check", "--in", corpusDir+"/clean/replacement-claim.json", "--codes", "check_test.go"); code != 2 || !strings.Contains(errOut, "check_test.go") {
		t.Errorf("unknown code file: exit %d %s", code, errOut)
	}
}

func TestClaimCheckStdin(t *testing.T) {
	t.Setenv("CLAIMDESK_DB", filepath.Join(t.TempDir(), "none.db"))
	b, err := os.ReadFile(corpusDir + "/bad/dx-duplicate.json")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	m := &Main{Stdin: strings.NewReader(string(b)), Stdout: &out, Stderr: &errb}
	if code := m.Main(t.Context(), []string{"claim", "check", "--in", "-", "--json"}); code != 2 || !strings.Contains(out.String(), `"dx-duplicate"`) {
		t.Errorf("exit %d: %s%s", code, out.String(), errb.String())
	}
}
