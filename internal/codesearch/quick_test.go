package codesearch_test

import (
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

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

// TestSlowest lists the slowest benchmark queries (CS_SLOW=1); a tuning aid.
func TestSlowest(t *testing.T) {
	if os.Getenv("CS_SLOW") == "" {
		t.Skip("set CS_SLOW")
	}
	ix := fullIndex(t)
	type qt struct {
		q string
		d time.Duration
	}
	var all []qt
	for _, q := range benchQueries(t) {
		best := time.Hour
		runtime.LockOSThread()
		n := 5
		if os.Getenv("CS_SLOW") == "cold" {
			n = 1
		}
		for range n {
			t0 := threadCPU()
			ix.Search(q, codesearch.Options{Limit: 20})
			best = min(best, threadCPU()-t0)
		}
		runtime.UnlockOSThread()
		all = append(all, qt{q, best})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	for i, x := range all {
		if i < 25 || (i > len(all)/2-8 && i < len(all)/2+8) {
			t.Logf("%3d %8v %s", i, x.d, x.q)
		}
	}
}

// TestTrace traces CS_TRACE queries (|-separated); a tuning aid.
func TestTrace(t *testing.T) {
	qs := os.Getenv("CS_TRACE")
	if qs == "" {
		t.Skip("set CS_TRACE")
	}
	ix := fullIndex(t)
	codesearch.SetDebug(t.Logf)
	defer codesearch.SetDebug(nil)
	for _, q := range strings.Split(qs, "|") {
		t.Logf("== %s", q)
		ix.Search(q, codesearch.Options{Limit: 20})
	}
}

// TestExplain shows where CS_EXPLAIN="query|code" ranks the code (limit 200).
func TestExplain(t *testing.T) {
	x := os.Getenv("CS_EXPLAIN")
	if x == "" {
		t.Skip("set CS_EXPLAIN")
	}
	q, code, _ := strings.Cut(x, "|")
	ix := fullIndex(t)
	for i, h := range ix.Search(q, codesearch.Options{Limit: 200}) {
		if i < 5 || h.Code == code {
			t.Logf("%d %-9s %-6v %6.3f %-14s %s [%s]", i+1, h.Code, h.Billable, h.Score, h.Matched, h.Title, h.Term)
		}
	}
}
