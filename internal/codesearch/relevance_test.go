package codesearch_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"claimdesk/internal/codesearch"
)

// relQuery is one row of a relevance file.
type relQuery struct {
	line        int
	query, want string
	kind        string
}

func readRelevance(tb testing.TB, path string) []relQuery {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []relQuery
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || cols[0] == "" || cols[1] == "" {
			tb.Fatalf("%s line %d: want query<TAB>code[<TAB>kind]", path, n)
		}
		q := relQuery{line: n, query: cols[0], want: cols[1], kind: "other"}
		if len(cols) > 2 {
			q.kind = cols[2]
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// recall runs the queries and returns recall@1 and recall@5, overall and
// per kind, with a line per miss.
func recall(ix *codesearch.Index, qs []relQuery) (r1, r5 float64, report string, misses []string) {
	type tally struct{ n, at1, at5 int }
	kinds := map[string]*tally{}
	all := &tally{}
	for _, q := range qs {
		hits := ix.Search(q.query, codesearch.Options{Limit: relLimit})
		if len(hits) > 5 {
			hits = hits[:5]
		}
		pos := -1
		for i, h := range hits {
			if h.Code == q.want {
				pos = i
				break
			}
		}
		k := kinds[q.kind]
		if k == nil {
			k = &tally{}
			kinds[q.kind] = k
		}
		for _, t := range []*tally{k, all} {
			t.n++
			if pos == 0 {
				t.at1++
			}
			if pos >= 0 {
				t.at5++
			}
		}
		if pos != 0 {
			var got []string
			for _, h := range hits {
				got = append(got, h.Code)
			}
			misses = append(misses, fmt.Sprintf("line %d %q want %s at %d, got %s", q.line, q.query, q.want, pos+1, strings.Join(got, " ")))
		}
	}
	var b strings.Builder
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t := kinds[k]
		fmt.Fprintf(&b, "  %-10s n=%3d  recall@1 %.3f  recall@5 %.3f\n", k, t.n, float64(t.at1)/float64(t.n), float64(t.at5)/float64(t.n))
	}
	r1 = float64(all.at1) / float64(all.n)
	r5 = float64(all.at5) / float64(all.n)
	fmt.Fprintf(&b, "  %-10s n=%3d  recall@1 %.3f  recall@5 %.3f", "all", all.n, r1, r5)
	return r1, r5, b.String(), misses
}

// checkWanted fails when a wanted code is not in the index at all (a typo
// in the relevance file).
func checkWanted(t *testing.T, ix *codesearch.Index, qs []relQuery) {
	t.Helper()
	for _, q := range qs {
		found := false
		for _, h := range ix.Search(q.want, codesearch.Options{Limit: 10}) {
			found = found || h.Code == q.want
		}
		if !found {
			t.Errorf("line %d: wanted code %s is not a code of the index", q.line, q.want)
		}
	}
}

// TestRelevance checks recall@5 ≥ 0.95 over testdata/relevance.tsv with
// the full code sets, and reports (without failing) the held-out sets.
func TestRelevance(t *testing.T) {
	ix := fullIndex(t)
	qs := readRelevance(t, "testdata/relevance.tsv")
	if len(qs) < 150 {
		t.Fatalf("relevance.tsv has %d queries, want at least 150", len(qs))
	}
	checkWanted(t, ix, qs)
	_, r5, report, misses := recall(ix, qs)
	t.Logf("relevance.tsv:\n%s", report)
	for _, m := range misses {
		t.Log("  miss ", m)
	}
	if r5 < 0.95 {
		t.Errorf("recall@5 = %.3f, want ≥ 0.95", r5)
	}

	// heldout.tsv has served for development since 2026-11-23;
	// heldout2.tsv was written before that day's changes and is not tuned
	// on query by query (docs/codesearch.md).
	for _, set := range []struct{ name, note string }{
		{"heldout.tsv", "development"}, {"heldout2.tsv", "held out"},
	} {
		name := set.name
		ho := readRelevance(t, "testdata/"+name)
		checkWanted(t, ix, ho)
		_, _, report, misses = recall(ix, ho)
		t.Logf("%s (%s):\n%s", name, set.note, report)
		if testing.Verbose() {
			for _, m := range misses {
				t.Log("  held-out miss ", m)
			}
		}
	}
}

// relLimit is the limit the relevance queries run with, as the code
// picker shows them; the top 5 are scored.
var relLimit = 20
