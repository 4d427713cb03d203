package codesearch_test

import (
	"slices"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// withWithoutSource is a mini-index of official FY2026 sibling titles
// that differ by "with X" and "without X", and a header whose index term
// its billable child only inherits.
func withWithoutSource() codesearch.Source {
	rel := relFY26.Name
	src := codesearch.Source{Releases: []claimdesk.Release{relFY26}}
	src.Entries = []codesearch.Entry{
		icd(rel, "N40", "Benign prostatic hyperplasia", false),
		icd(rel, "N40.0", "Benign prostatic hyperplasia without lower urinary tract symptoms", true),
		icd(rel, "N40.1", "Benign prostatic hyperplasia with lower urinary tract symptoms", true),
		icd(rel, "E10.1", "Type 1 diabetes mellitus with ketoacidosis", false),
		icd(rel, "E10.10", "Type 1 diabetes mellitus with ketoacidosis without coma", true),
		icd(rel, "E10.11", "Type 1 diabetes mellitus with ketoacidosis with coma", true),
		icd(rel, "K21.0", "Gastro-esophageal reflux disease with esophagitis", false),
		icd(rel, "K21.00", "Gastro-esophageal reflux disease with esophagitis, without bleeding", true),
		icd(rel, "K21.01", "Gastro-esophageal reflux disease with esophagitis, with bleeding", true),
		icd(rel, "S01.01XA", "Laceration without foreign body of scalp, initial encounter", true),
		icd(rel, "S01.02XA", "Laceration with foreign body of scalp, initial encounter", true),
		icd(rel, "I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", true),
		icd(rel, "I25.110", "Atherosclerotic heart disease of native coronary artery with unstable angina pectoris", true),
		icd(rel, "I20.8", "Other forms of angina pectoris", false),
		icd(rel, "I20.81", "Angina pectoris with coronary microvascular dysfunction", true),
		icd(rel, "I20.89", "Other forms of angina pectoris", true),
		icd(rel, "I20.9", "Angina pectoris, unspecified", true),
	}
	src.Synonyms = []codesearch.Synonym{
		{System: claimdesk.SystemICD10CM, Code: "I20.8", Text: "Angina, stable", Kind: codesearch.TermIndex},
	}
	return src
}

// withWithoutTests: the first code wanted and, optionally, a code that
// must rank below it. Pass rows (the rules apply) and rows where they
// must not (the query names the "with" part, negates, or types a code).
var withWithoutTests = []struct {
	name, q, first, below string
}{
	// (b) neither named: the "without" sibling is the default.
	{"bph default without", "bph", "N40.0", "N40.1"},
	{"bph words default without", "benign prostatic hyperplasia", "N40.0", "N40.1"},
	{"dka default without coma", "dm1 dka", "E10.10", "E10.11"},
	{"gerd esophagitis default without bleeding", "gerd with esophagitis", "K21.00", "K21.01"},
	{"scalp laceration default without foreign body", "scalp laceration", "S01.01XA", "S01.02XA"},
	{"cad default without angina", "cad", "I25.10", "I25.110"},
	// (a) the query names the clause: the title denying it does not match.
	{"luts named", "bph luts", "N40.1", "N40.0"},
	{"luts named with w/", "bph w/ luts", "N40.1", "N40.0"},
	{"lower urinary tract symptoms named", "benign prostatic hyperplasia with lower urinary tract symptoms", "N40.1", "N40.0"},
	{"coma named", "dm1 dka with coma", "E10.11", "E10.10"},
	{"bleeding named", "gerd esophagitis bleeding", "K21.01", "K21.00"},
	{"foreign body named", "scalp laceration foreign body", "S01.02XA", "S01.01XA"},
	{"angina named", "cad with unstable angina", "I25.110", "I25.10"},
	// The query negates: the "without" title matches.
	{"w/o luts", "bph w/o luts", "N40.0", "N40.1"},
	{"without luts", "bph without luts", "N40.0", "N40.1"},
	{"no coma", "dm1 dka no coma", "E10.10", "E10.11"},
	{"w/o foreign body", "laceration w/o foreign body scalp", "S01.01XA", "S01.02XA"},
	// Billable codes before their headers for equal matches.
	{"billable child before header", "stable angina", "I20.89", "I20.8"},
	{"typed header code still first", "I20.8", "I20.8", "I20.89"},
}

func checkWithWithout(t *testing.T, ix *codesearch.Index) {
	t.Helper()
	for _, tt := range withWithoutTests {
		t.Run(tt.name, func(t *testing.T) {
			hits := ix.Search(tt.q, codesearch.Options{Limit: 20})
			codes := codesOf(hits)
			if len(codes) == 0 || codes[0] != tt.first {
				t.Fatalf("Search(%q) = %v, want %s first", tt.q, codes, tt.first)
			}
			if tt.below != "" {
				if i := slices.Index(codes, tt.below); i == 0 {
					t.Errorf("Search(%q) = %v, want %s below %s", tt.q, codes, tt.below, tt.first)
				}
			}
		})
	}
}

func TestWithWithoutSynthetic(t *testing.T) {
	ix, err := codesearch.Build(t.Context(), withWithoutSource())
	if err != nil {
		t.Fatal(err)
	}
	checkWithWithout(t, ix)
}

// TestWithWithoutFull runs the same table against the real FY2026 code
// sets with the Alphabetic Index and inclusion terms.
func TestWithWithoutFull(t *testing.T) {
	checkWithWithout(t, fullIndex(t))
}
