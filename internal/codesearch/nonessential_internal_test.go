package codesearch

import (
	"slices"
	"testing"
)

func TestNonessentialWords(t *testing.T) {
	for text, want := range map[string][]string{
		"Myocardial infarction (acute) NOS":              {"acute"},
		"Essential (primary) hypertension":               {"primary"},
		"Pneumonia":                                      nil,
		"Hypertension (benign) (essential) hypertension": {"benign", "essential"},
		"Cyst (of) (ovary)":                              {"ovary"},
		"Unbalanced (parenthesis":                        {"parenthesis"},
		"Tinnitus (ear) of ear":                          nil, // also outside
	} {
		if got := nonessentialWords(text, nil); !slices.Equal(got, want) {
			t.Errorf("nonessentialWords(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSigOf(t *testing.T) {
	// Words sharing their first three letters share a signature.
	if sigOf("hypertension") != sigOf("hyp") || sigOf("gout") != sigOf("gouty") {
		t.Error("signature differs for a shared three-letter start")
	}
	if s := sigOf("a"); s == 0 || s&(s-1) != 0 {
		t.Errorf("sigOf(a) = %b, want one bit", s)
	}
}
