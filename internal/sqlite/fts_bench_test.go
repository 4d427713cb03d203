package sqlite

import (
	"testing"
)

func TestFTSPrefixQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"diab mell", `"diab"* "mell"*`},
		{"E11.65", `"e11"* "65"*`},
		{`"quoted" (x)`, `"quoted"* "x"*`},
		{"  ", ""},
	} {
		if got := FTSPrefixQuery(tt.in); got != tt.want {
			t.Errorf("FTSPrefixQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFTSBench(t *testing.T) {
	b, err := NewFTSBench(t.Context(), t.TempDir(), []FTSRow{
		{"E11.65", "Type 2 diabetes mellitus with hyperglycemia"},
		{"E11.9", "Type 2 diabetes mellitus without complications"},
		{"I10", "Essential (primary) hypertension"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, err := b.Query(t.Context(), "diab mell hyperglyc", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "E11.65" {
		t.Errorf("got %v, want [E11.65]", got)
	}
	got, err = b.Query(t.Context(), "zzz", 10)
	if err != nil || len(got) != 0 {
		t.Errorf("no match: got %v, %v", got, err)
	}
}
