package codesearch_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

func sampleIndex(t *testing.T) *codesearch.Index {
	t.Helper()
	ix, err := codesearch.Build(t.Context(), sampleSource())
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func codesOf(hits []codesearch.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Code
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := sampleIndex(t)
	fy25 := claimdesk.MustDate("2025-03-01")
	tests := []struct {
		name    string
		q       string
		opts    codesearch.Options
		first   string   // wanted first code ("" for no hits)
		matched string   // wanted Matched of the first hit
		has     []string // codes that must be among the hits
		hasNot  []string // codes that must not be
	}{
		{name: "words any order, prefixes", q: "hyperglyc mell diab 2", first: "E11.65", matched: "title"},
		{name: "stop words dropped", q: "diabetes with hyperglycemia", first: "E11.65"},
		{name: "no match", q: "zzqqx", first: ""},
		{name: "code with dot", q: "E11.9", first: "E11.9", matched: "code"},
		{name: "code without dot, lower case", q: "e119", first: "E11.9", matched: "code"},
		{name: "category then billable children", q: "E11", first: "E11", has: []string{"E11.65", "E11.9", "E11.A"}},
		{name: "category, billable only", q: "E11", opts: codesearch.Options{BillableOnly: true}, first: "E11.9", hasNot: []string{"E11"}},
		{name: "hcpcs prefix", q: "J330", first: "J3300", has: []string{"J3301"}},
		{name: "7th characters A, D, S in order", q: "S52.502", first: "S52.502", has: []string{"S52.502A", "S52.502D", "S52.502S"}},
		{name: "header completions hide headers", q: "S52.5", first: "S52.5", hasNot: []string{"S52.50", "S52.502"}},
		{name: "placeholder X padded", q: "T1490A", first: "T14.90XA", matched: "code"},
		{name: "dotted code is ICD-10-CM only", q: "J33.0", first: ""},
		{name: "index term synonym", q: "heart attack", first: "I21.9"},
		{name: "abbreviation", q: "htn", first: "I10", matched: "abbreviation"},
		{name: "typo", q: "hypertenson", first: "I10", matched: "typo"},
		{name: "exact word before typo", q: "hypertension", first: "I10", matched: "index term"},
		{name: "inherited index term and 7th character", q: "fx radius distal left init", first: "S52.502A", matched: "abbreviation"},
		{name: "slash abbreviation", q: "dm2 w/o complications", first: "E11.9"},
		{name: "hcpcs words", q: "triamcinolone 10 mg", first: "J3301"},
		{name: "procedure list", q: "office visit", first: "99213", opts: codesearch.Options{System: claimdesk.SystemProcedure}},
		{name: "system filter", q: "injection", opts: codesearch.Options{System: claimdesk.SystemICD10CM}, first: ""},
		{name: "missing one word still offered", q: "essential hypertension zzqqx", first: "I10"},
		{name: "favourite first", q: "hypertension", first: "I15.9",
			opts: codesearch.Options{Favourites: []claimdesk.Favourite{{System: claimdesk.SystemICD10CM, Code: "i159"}}}},
		{name: "favourite of another system ignored", q: "hypertension", first: "I10",
			opts: codesearch.Options{Favourites: []claimdesk.Favourite{{System: claimdesk.SystemHCPCS, Code: "I15.9"}}}},
		{name: "release of the date", q: "E11.A", opts: codesearch.Options{Date: fy25}, first: ""},
		{name: "newest release when none covers the date", q: "E11.A", opts: codesearch.Options{Date: claimdesk.MustDate("2026-11-02")}, first: "E11.A"},
		{name: "hcpcs code terminated before the date", q: "G9999", opts: codesearch.Options{Date: claimdesk.MustDate("2026-04-01")}, first: ""},
		{name: "hcpcs code valid through its last day", q: "G9999", opts: codesearch.Options{Date: claimdesk.MustDate("2026-03-31")}, first: "G9999"},
		{name: "limit", q: "E11", opts: codesearch.Options{Limit: 2}, has: []string{"E11"}, first: "E11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := ix.Search(tt.q, tt.opts)
			got := codesOf(hits)
			if tt.first == "" {
				if len(hits) != 0 {
					t.Fatalf("Search(%q) = %v, want none", tt.q, got)
				}
				return
			}
			if len(hits) == 0 || hits[0].Code != tt.first {
				t.Fatalf("Search(%q) = %v, want %s first", tt.q, got, tt.first)
			}
			if tt.matched != "" && hits[0].Matched != tt.matched {
				t.Errorf("Search(%q)[0].Matched = %q, want %q", tt.q, hits[0].Matched, tt.matched)
			}
			for _, c := range tt.has {
				if !slices.Contains(got, c) {
					t.Errorf("Search(%q) = %v, want %s among them", tt.q, got, c)
				}
			}
			for _, c := range tt.hasNot {
				if slices.Contains(got, c) {
					t.Errorf("Search(%q) = %v, want no %s", tt.q, got, c)
				}
			}
			if tt.opts.Limit > 0 && len(hits) > tt.opts.Limit {
				t.Errorf("Search(%q) gave %d hits, limit %d", tt.q, len(hits), tt.opts.Limit)
			}
		})
	}
}

func TestSearchOrderOfCompletions(t *testing.T) {
	ix := sampleIndex(t)
	got := codesOf(ix.Search("S52.502", codesearch.Options{}))
	want := []string{"S52.502", "S52.502A", "S52.502D", "S52.502S"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// Typo ranks below the exact word.
	hits := ix.Search("hypertensio", codesearch.Options{})
	if len(hits) == 0 || hits[0].Matched == codesearch.MatchedTypo {
		t.Errorf("prefix of a word: %+v", hits)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		src  codesearch.Source
		want string
	}{
		{"bad code", codesearch.Source{Entries: []codesearch.Entry{{System: claimdesk.SystemICD10CM, Code: "E11 9", Title: "x"}}}, "bad code"},
		{"unknown release", codesearch.Source{Entries: []codesearch.Entry{{System: claimdesk.SystemICD10CM, Code: "E119", Title: "x", Release: "nope"}}}, "unknown release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := codesearch.Build(t.Context(), tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := codesearch.Build(ctx, sampleSource()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: err = %v", err)
	}
	// An empty index answers nothing.
	ix, err := codesearch.Build(t.Context(), codesearch.Source{})
	if err != nil || ix.Search("diabetes", codesearch.Options{}) != nil {
		t.Errorf("empty index: %v", err)
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		q    string
		want error
	}{
		{"", codesearch.ErrEmptyQuery},
		{" ;;; ", codesearch.ErrEmptyQuery},
		{strings.Repeat("x", codesearch.MaxQueryLen+1), codesearch.ErrQueryTooLong},
		{strings.Repeat("ab ", codesearch.MaxQueryWords+1), codesearch.ErrQueryTooLong},
		{"diabetes", nil},
		{"of the", nil}, // only stop words: kept as words
	}
	for _, tt := range tests {
		_, err := codesearch.ParseQuery(tt.q)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseQuery(%.20q) err = %v, want %v", tt.q, err, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	ix := sampleIndex(t)
	ref, ok := ix.Lookup("", "s52502a", claimdesk.Date{})
	if !ok || ref.Code != "S52.502A" || !ref.Billable {
		t.Fatalf("Lookup = %+v, %v", ref, ok)
	}
	var parents []string
	for _, p := range ix.Parents("", "S52.502A", claimdesk.Date{}) {
		parents = append(parents, p.Code)
	}
	if want := []string{"S52.502", "S52.50", "S52.5"}; !slices.Equal(parents, want) {
		t.Errorf("parents %v, want %v", parents, want)
	}
	var kids []string
	for _, c := range ix.Children(claimdesk.SystemICD10CM, "E11", claimdesk.MustDate("2025-01-15")) {
		kids = append(kids, c.Code)
	}
	if want := []string{"E11.65", "E11.9"}; !slices.Equal(kids, want) {
		t.Errorf("FY2025 children of E11: %v, want %v", kids, want)
	}
	if _, ok := ix.Lookup(claimdesk.SystemHCPCS, "E11.9", claimdesk.Date{}); ok {
		t.Error("E11.9 found as HCPCS")
	}
}
