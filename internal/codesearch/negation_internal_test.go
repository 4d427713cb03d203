package codesearch

import (
	"slices"
	"testing"
)

func TestNegatedWords(t *testing.T) {
	tests := []struct {
		title, short string
		want         []string
	}{
		{"Benign prostatic hyperplasia without lower urinary tract symptoms", "",
			[]string{"without", "lower", "urinary", "tract", "symptoms"}},
		{"Type 1 diabetes mellitus with ketoacidosis without coma", "", []string{"without", "coma"}},
		{"Gastro-esophageal reflux disease with esophagitis, without bleeding", "", []string{"without", "bleeding"}},
		// "of" after two clause words starts the site: scalp is not negated.
		{"Laceration without foreign body of scalp, initial encounter", "", []string{"without", "foreign", "body"}},
		// "of" right after the first clause word belongs to the clause.
		{"Concussion without loss of consciousness, initial encounter", "", []string{"without", "loss", "consciousness"}},
		// A "with" ends the clause.
		{"Acute hepatitis B without delta-agent and without hepatic coma", "", []string{"without", "delta", "agent", "hepatic", "coma"}},
		{"Whooping cough due to Bordetella parapertussis without pneumonia", "Whooping cough due to Bordetella parapertussis w/o pneumonia",
			[]string{"without", "pneumonia", "o"}},
		// A word also said outside the clause is not negated.
		{"Thing with coma without coma", "", []string{"without"}},
		// No clause: nothing negated.
		{"Benign prostatic hyperplasia with lower urinary tract symptoms", "BPH w LUTS", nil},
		{"Type 2 diabetes mellitus with hyperglycemia", "", nil},
	}
	for _, tt := range tests {
		got := negatedWords(tt.title, tt.short, nil)
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("negatedWords(%q, %q) = %q, want %q", tt.title, tt.short, got, want)
		}
	}
}

func TestQueryNegates(t *testing.T) {
	for q, want := range map[string]bool{
		"bph without luts": true, "bph w/o luts": true, "dka no coma": true,
		"bph with luts": false, "bph w/ luts": false, "bph": false, "nocturia": false,
	} {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := queryNegates(pq); got != want {
			t.Errorf("queryNegates(%q) = %v, want %v", q, got, want)
		}
	}
}
