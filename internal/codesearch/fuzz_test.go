package codesearch_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"claimdesk/internal/codesearch"
)

// FuzzParseQuery: any input parses or fails with ErrEmptyQuery or
// ErrQueryTooLong; a parsed query has groups, each with a code or
// alternatives of non-empty lower-case words, and searching it over a small
// index never panics and respects the limit.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"diab mell 2 hyperglyc", "E11.9", "e119", "S52.501", "T1490A", "J330", "n/v", "w/o",
		"heart attack", "ringing in ears", "a fib", "b12 injection", "hypertenson", "", "   ", ";;;", "É11", "x\x00y",
		strings.Repeat("a ", 200), "ckd 3", "fx radius distal left init", "\xff\xfe", "dm2 w/ ckd"} {
		f.Add(s)
	}
	ix, err := codesearch.Build(context.Background(), sampleSource())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := codesearch.ParseQuery(s)
		if err != nil {
			if !errors.Is(err, codesearch.ErrEmptyQuery) && !errors.Is(err, codesearch.ErrQueryTooLong) {
				t.Fatalf("ParseQuery(%q): unexpected error %v", s, err)
			}
			if hits := ix.Search(s, codesearch.Options{}); hits != nil {
				t.Fatalf("Search(%q) = %v for an unparsable query", s, hits)
			}
			return
		}
		if len(q.Groups) == 0 || len(q.Groups) > codesearch.MaxQueryWords {
			t.Fatalf("ParseQuery(%q): %d groups", s, len(q.Groups))
		}
		for _, g := range q.Groups {
			if g.Code == "" && len(g.Alts) == 0 {
				t.Fatalf("ParseQuery(%q): empty group %+v", s, g)
			}
			for _, a := range g.Alts {
				for _, w := range a.Words {
					if w == "" || w != strings.ToLower(w) || !utf8.ValidString(w) {
						t.Fatalf("ParseQuery(%q): bad word %q", s, w)
					}
				}
			}
		}
		for _, limit := range []int{1, 3} {
			if hits := ix.Search(s, codesearch.Options{Limit: limit}); len(hits) > limit {
				t.Fatalf("Search(%q, limit %d) gave %d hits", s, limit, len(hits))
			}
		}
	})
}
