package codesearch_test

import (
	"testing"

	"claimdesk/internal/codesearch"
)

// TestParseQueryRules checks the query rules for charting shorthand:
// "r/o X" drops what follows (not coded in outpatient care) unless nothing
// precedes it, "c/o" and "y/o" carry nothing, and qualifier words the
// Index treats as nonessential modifiers are optional groups.
func TestParseQueryRules(t *testing.T) {
	for _, tc := range []struct {
		q        string
		groups   string // Query.String()
		optional []bool
	}{
		{"cp r/o mi", "cp", []bool{false}},
		{"chest pain rule out mi", "chest pain", []bool{false, false}},
		{"r/o mi", "mi", []bool{false}},
		{"c/o cough", "cough", []bool{false}},
		{"community acquired pneumonia", "community acquired pneumonia", []bool{true, true, false}},
		{"acute bronchitis", "acute bronchitis", []bool{true, false}},
		{"pneumonia", "pneumonia", []bool{false}},
		{"rlq pain", "rlq pain", []bool{false, false}},
	} {
		q, err := codesearch.ParseQuery(tc.q)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tc.q, err)
			continue
		}
		if q.String() != tc.groups || len(q.Groups) != len(tc.optional) {
			t.Errorf("ParseQuery(%q) = %q (%d groups), want %q", tc.q, q.String(), len(q.Groups), tc.groups)
			continue
		}
		for i, g := range q.Groups {
			if g.Optional != tc.optional[i] {
				t.Errorf("ParseQuery(%q) group %q optional = %v, want %v", tc.q, g.Text, g.Optional, tc.optional[i])
			}
		}
	}
	// Failing rows: nothing left to search.
	for _, q := range []string{"c/o", "y/o c/o"} {
		if _, err := codesearch.ParseQuery(q); err == nil {
			t.Errorf("ParseQuery(%q): no error, want ErrEmptyQuery", q)
		}
	}
}

// TestQualityMeasuresDemoted checks that a diagnosis in words finds the
// ICD-10-CM code before HCPCS quality-measure statements (G8/G9/M1), and
// that a G code typed as a code still comes first.
func TestQualityMeasuresDemoted(t *testing.T) {
	ix := fullIndex(t)
	for _, q := range []string{"personal history of colon cancer", "major depressive disorder", "diabetes poor control"} {
		hits := ix.Search(q, codesearch.Options{Limit: 3})
		if len(hits) == 0 || hits[0].System != "icd10cm" {
			t.Errorf("Search(%q) first hit %+v, want an ICD-10-CM code", q, hits)
		}
	}
	if hits := ix.Search("G9998", codesearch.Options{Limit: 1}); len(hits) == 0 || hits[0].Code != "G9998" {
		t.Errorf("Search(G9998) = %+v, want G9998 first", hits)
	}
}
