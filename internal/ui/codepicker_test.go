package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// queued runs async work only when the test says so, like a slow search.
type queued struct{ fns []func() }

func (q *queued) async(f func()) { q.fns = append(q.fns, f) }
func (q *queued) run() {
	fns := q.fns
	q.fns = nil
	for _, f := range fns {
		f()
	}
}

func newTestBox(t *testing.T, q *queued) (*searchBox, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	b := newSearchBox("search", 5, true)
	b.async = q.async
	words := []string{"alpha", "alpine", "beta", "betamax", "gamma"}
	b.search = func(_ context.Context, s string) ([]pickItem, error) {
		var out []pickItem
		for _, w := range words {
			if strings.HasPrefix(w, s) {
				out = append(out, pickItem{Key: w, Title: "title of " + w})
			}
		}
		return out, nil
	}
	b.describe = func(_ context.Context, it pickItem) string { return "notes of " + it.Key }
	var picked []string
	b.OnPick = func(it pickItem) { picked = append(picked, it.Key) }
	test.NewTempWindow(t, b)
	return b, &picked
}

func TestSearchBoxKeys(t *testing.T) {
	tests := []struct {
		name string
		typ  string
		keys []fyne.KeyName
		want string // picked, "" for none
	}{
		{"enter picks the first", "alp", []fyne.KeyName{fyne.KeyReturn}, "alpha"},
		{"down then enter", "alp", []fyne.KeyName{fyne.KeyDown, fyne.KeyReturn}, "alpine"},
		{"down wraps", "alp", []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyReturn}, "alpha"},
		{"up wraps to the last", "bet", []fyne.KeyName{fyne.KeyUp, fyne.KeyReturn}, "betamax"},
		{"no match picks nothing", "zzz", []fyne.KeyName{fyne.KeyReturn}, ""},
		{"escape closes the results", "gam", []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := &queued{}
			b, picked := newTestBox(t, q)
			test.Type(b.entry, tt.typ)
			q.run()
			for _, k := range tt.keys {
				b.entry.TypedKey(&fyne.KeyEvent{Name: k})
				q.run()
			}
			got := strings.Join(*picked, ",")
			if got != tt.want {
				t.Errorf("picked %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSearchBoxTypeAhead: Enter pressed before the results arrive picks
// the first result when they do, and stale results never show.
func TestSearchBoxTypeAhead(t *testing.T) {
	q := &queued{}
	b, picked := newTestBox(t, q)
	test.Type(b.entry, "be")
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(*picked) != 0 {
		t.Fatal("picked before the results arrived")
	}
	q.run()
	if strings.Join(*picked, ",") != "beta" {
		t.Fatalf("picked %v after the results arrived, want beta", *picked)
	}

	// Stale: the results of "a" arrive after "g" was typed.
	q2 := &queued{}
	b2, _ := newTestBox(t, q2)
	test.Type(b2.entry, "a")
	first := q2.fns
	q2.fns = nil
	test.Type(b2.entry, "g") // query is now "ag": no match
	q2.run()
	for _, f := range first {
		f()
	}
	if len(b2.Items()) != 0 {
		t.Errorf("stale results shown: %+v", b2.Items())
	}
}

func TestSearchBoxDetailFollowsHighlight(t *testing.T) {
	q := &queued{}
	b, _ := newTestBox(t, q)
	test.Type(b.entry, "alp")
	q.run()
	q.run()
	if b.detail.Text != "notes of alpha" {
		t.Fatalf("detail = %q", b.detail.Text)
	}
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	q.run()
	if b.detail.Text != "notes of alpine" {
		t.Errorf("detail after Down = %q", b.detail.Text)
	}
}

func TestSelectEntrySelectsOnFocus(t *testing.T) {
	test.NewTempApp(t)
	e := newSelectEntry()
	e.SetText("A")
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "" {
		t.Errorf("Backspace after focus left %q, want the selected text gone", e.Text)
	}
}
