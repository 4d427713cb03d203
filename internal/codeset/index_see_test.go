package codeset

import (
	"strings"
	"testing"
)

// TestReadIndexSeeResolution checks how "see" references resolve: a
// target with nonessential words in parentheses, a target ending in an
// instruction ("by site"), a main term that is an alias of another, and
// one that leads nowhere (counted as unresolved).
func TestReadIndexSeeResolution(t *testing.T) {
	in := `<ICD10CM.index><version>2017</version><title>I</title><letter><title>A</title>
<mainTerm><title>Arteriosclerosis, arteriosclerotic</title><code>I70.90</code>
  <term level="1"><title>coronary</title><code>I25.10</code></term>
  <term level="1"><title>heart</title><see>Arteriosclerosis, coronary (artery),</see></term>
</mainTerm>
<mainTerm><title>Pressure</title><term level="1"><title>sore</title><see>Ulcer, pressure, by site</see></term></mainTerm>
<mainTerm><title>Tear, torn</title><term level="1"><title>meniscus</title><code>S83.209</code></term></mainTerm>
<mainTerm><title>Torn</title><see>Tear</see></mainTerm>
<mainTerm><title>Ulcer, ulcerated</title><term level="1"><title>pressure</title><code>L89.90</code></term></mainTerm>
<mainTerm><title>Calcareous</title><see>condition</see></mainTerm>
</letter></ICD10CM.index>`
	idx, err := ReadIndex(strings.NewReader(in), "i.xml", "index", "R")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, term := range idx.Terms {
		got[term.Term] = term.Code
	}
	for term, want := range map[string]string{
		"Arteriosclerosis, arteriosclerotic, heart": "I25.10",
		"Pressure, sore":       "L89.90",
		"Torn, meniscus":       "S83.209",
		"Tear, torn, meniscus": "S83.209",
	} {
		if got[term] != want {
			t.Errorf("term %q → %q, want %q (all: %v)", term, got[term], want, got)
		}
	}
	if idx.Unresolved != 1 {
		t.Errorf("Unresolved = %d, want 1 (Calcareous see condition)", idx.Unresolved)
	}
}

func TestSeeKeys(t *testing.T) {
	for in, want := range map[string]string{
		"Ulcer, pressure, by site":               "ulcer, pressure, by site|ulcer, pressure",
		"Arteriosclerosis, coronary (artery),":   "arteriosclerosis, coronary",
		"Neoplasm, malignant, by site":           "neoplasm, malignant, by site|neoplasm, malignant",
		"Infarct, myocardium":                    "infarct, myocardium",
		"Contact, with, by specified type (NEC)": "contact, with, by specified type|contact, with",
	} {
		if got := strings.Join(seeKeys(in), "|"); got != want {
			t.Errorf("seeKeys(%q) = %q, want %q", in, got, want)
		}
	}
}
