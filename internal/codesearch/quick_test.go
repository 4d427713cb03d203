package codesearch_test

import (
	"os"
	"strings"
	"testing"

	"claimdesk/internal/codesearch"
)

// TestQuickLook prints results for CS_QUERIES (|-separated); a tuning aid.
func TestQuickLook(t *testing.T) {
	qs := os.Getenv("CS_QUERIES")
	if qs == "" {
		t.Skip("set CS_QUERIES")
	}
	ix := fullIndex(t)
	for _, q := range strings.Split(qs, "|") {
		t.Logf("== %s", q)
		for i, h := range ix.Search(q, codesearch.Options{Limit: 8}) {
			t.Logf("%d %-9s %-6v %5.2f %-14s %s [%s]", i+1, h.Code, h.Billable, h.Score, h.Matched, h.Title, h.Term)
		}
	}
}
func TestDebugTerms(t *testing.T) {
	pat := os.Getenv("CS_TERM")
	if pat == "" {
		t.Skip()
	}
	src := fullSource(t)
	for _, s := range src.Synonyms {
		if strings.Contains(strings.ToLower(s.Text), pat) || s.Code == pat {
			t.Logf("%s %d %q", s.Code, s.Kind, s.Text)
		}
	}
}
