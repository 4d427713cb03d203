package codesearch_test

import (
	"errors"
	"strings"
	"testing"

	"claimdesk/internal/codesearch"
)

// TestAbbrevTable checks every row's shape: a lower-case key that parses
// as one group offering the row's expansions.
func TestAbbrevTable(t *testing.T) {
	for _, e := range codesearch.AbbrevTable() {
		t.Run(e.Key, func(t *testing.T) {
			if e.Key != strings.ToLower(strings.TrimSpace(e.Key)) || len(e.Expansions) == 0 {
				t.Fatalf("row %+v: want a trimmed lower-case key and expansions", e)
			}
			q, err := codesearch.ParseQuery(e.Key)
			if e.Key == "w/" { // "with": a stop word, nothing to search alone
				if !errors.Is(err, codesearch.ErrEmptyQuery) {
					t.Fatalf("ParseQuery(w/) err = %v, want ErrEmptyQuery", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", e.Key, err)
			}
			if len(q.Groups) != 1 {
				t.Fatalf("ParseQuery(%q) = %d groups, want 1", e.Key, len(q.Groups))
			}
			n := 0
			for _, a := range q.Groups[0].Alts {
				if a.Abbrev {
					n++
				}
			}
			nonEmpty := 0
			for _, x := range e.Expansions {
				if len(strings.Fields(x)) > 0 {
					nonEmpty++
				}
			}
			if n != nonEmpty {
				t.Errorf("ParseQuery(%q): %d expansions, want %d", e.Key, n, nonEmpty)
			}
		})
	}
}

// TestAbbrevTableFull checks every row against the full code sets: each
// expansion finds codes, and the row's query finds its wanted code in the
// top 5.
func TestAbbrevTableFull(t *testing.T) {
	ix := fullIndex(t)
	for _, e := range codesearch.AbbrevTable() {
		t.Run(e.Key, func(t *testing.T) {
			for _, x := range e.Expansions {
				if strings.TrimSpace(x) == "with" {
					continue
				}
				if len(ix.Search(x, codesearch.Options{Limit: 1})) == 0 {
					t.Errorf("expansion %q finds no code", x)
				}
			}
			if e.Want == "" {
				return
			}
			q := e.Query
			if q == "" {
				q = e.Key
			}
			hits := ix.Search(q, codesearch.Options{Limit: 5})
			var got []string
			for _, h := range hits {
				if strings.HasPrefix(h.Code, e.Want) {
					return
				}
				got = append(got, h.Code)
			}
			t.Errorf("Search(%q) top 5 = %v, want a code starting with %s", q, got, e.Want)
		})
	}
}
