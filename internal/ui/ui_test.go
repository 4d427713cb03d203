package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// newTestShell builds the shell in a headless test window of 1280×800 with
// Busy running synchronously, so tests see its results at once.
func newTestShell(t *testing.T, desk *billing.Desk, opts ...Option) *Shell {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	sync := func(s *Shell) { s.goAsync = func(f func()) { f() } }
	s := newShell(desk, w, append([]Option{sync}, opts...)...)
	w.SetContent(s.root)
	w.Resize(fyne.NewSize(1280, 800))
	return s
}

// pressShortcut fires sc the way the desktop driver does for a main-menu
// shortcut (before the focused widget sees it). It fails the test when no
// menu item has sc.
func pressShortcut(t *testing.T, s *Shell, sc fyne.Shortcut) { pressShortcutTB(t, s, sc) }

func pressShortcutTB(t testing.TB, s *Shell, sc fyne.Shortcut) {
	t.Helper()
	for _, m := range s.mainMenu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && !it.Disabled {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no enabled menu item has shortcut %s", sc.ShortcutName())
}

type stubScreen struct {
	label *widget.Label
	shows int
	stay  bool
}

func (s *stubScreen) content() fyne.CanvasObject { return s.label }
func (s *stubScreen) shown()                     { s.shows++ }
func (s *stubScreen) leave(proceed func()) {
	if !s.stay {
		proceed()
	}
}

// withRegistry replaces the screen registry for one test.
func withRegistry(t *testing.T, defs []screenDef) {
	t.Helper()
	registryMu.Lock()
	saved, savedMenus := registry, menus
	registry, menus = defs, nil
	registryMu.Unlock()
	t.Cleanup(func() {
		registryMu.Lock()
		registry, menus = saved, savedMenus
		registryMu.Unlock()
	})
}

func TestShellRegistryAndNavigation(t *testing.T) {
	a := &stubScreen{label: widget.NewLabel("screen A")}
	b := &stubScreen{label: widget.NewLabel("screen B")}
	withRegistry(t, nil)
	// Registered out of order: the navigation sorts by order.
	registerScreen(20, "Beta", theme.AccountIcon(), func(*Shell) screen { return b })
	registerScreen(10, "Alpha", theme.HomeIcon(), func(*Shell) screen { return a })

	s := newTestShell(t, &billing.Desk{})
	if got := s.defs[0].name; got != "Alpha" {
		t.Fatalf("first screen = %q, want Alpha", got)
	}
	if s.body.Objects[0] != a.label || a.shows != 1 {
		t.Fatalf("home screen not shown (shows=%d)", a.shows)
	}
	if _, built := s.built["Beta"]; built {
		t.Fatal("Beta built before it was shown; screens must build lazily")
	}
	pressShortcut(t, s, ctrl(fyne.Key2))
	if s.body.Objects[0] != b.label || b.shows != 1 {
		t.Fatal("Ctrl+2 did not show Beta")
	}
	if s.win.Title() != "ClaimDesk — Beta" {
		t.Errorf("title = %q", s.win.Title())
	}
	// A screen that refuses to be left keeps the window on it.
	b.stay = true
	if !s.Show("Alpha") {
		t.Fatal("Show(Alpha) = false")
	}
	if s.body.Objects[0] != b.label {
		t.Fatal("left a screen that refused to be left")
	}
	b.stay = false
	s.Show("Alpha")
	if s.body.Objects[0] != a.label || a.shows != 2 {
		t.Fatal("Show(Alpha) did not return to Alpha")
	}
	if s.Show("Nope") {
		t.Error("Show of an unknown screen = true")
	}
}

func TestRegisterScreenTwicePanics(t *testing.T) {
	withRegistry(t, nil)
	registerScreen(1, "X", nil, func(*Shell) screen { return nil })
	defer func() {
		if recover() == nil {
			t.Error("second registration did not panic")
		}
	}()
	registerScreen(2, "X", nil, func(*Shell) screen { return nil })
}

func TestCountsText(t *testing.T) {
	tests := []struct {
		name       string
		pats, encs int
		by         map[claimdesk.ClaimStatus]int
		want       string
	}{
		{"empty", 0, 0, nil, "0 patients · 0 encounters · no claims"},
		{"one", 1, 1, map[claimdesk.ClaimStatus]int{claimdesk.StatusDraft: 1}, "1 patient · 1 encounter · claims: 1 draft"},
		{"workflow order", 50, 200, map[claimdesk.ClaimStatus]int{
			claimdesk.StatusPaid: 3, claimdesk.StatusDraft: 12, claimdesk.StatusPartial: 2, claimdesk.StatusReady: 0,
		}, "50 patients · 200 encounters · claims: 12 draft, 3 paid, 2 partially paid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countsText(tt.pats, tt.encs, tt.by); got != tt.want {
				t.Errorf("countsText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestThemeVariants(t *testing.T) {
	light, dark := NewTheme("light"), NewTheme("dark")
	bgL := light.Color(theme.ColorNameBackground, theme.VariantDark)
	bgD := dark.Color(theme.ColorNameBackground, theme.VariantLight)
	if bgL == bgD {
		t.Error("light and dark themes have the same background")
	}
	if NewTheme("").Color(theme.ColorNameBackground, theme.VariantDark) != bgD {
		t.Error("system theme does not follow the system variant")
	}
}

// TestSwitchDatabase: File → Open database swaps the desk, closes the old
// store, rebuilds the screens and refreshes the status bar.
func TestSwitchDatabase(t *testing.T) {
	w1, w2 := newTestWorld(t), newTestWorld(t)
	closed := 0
	db1 := &Database{Path: "/tmp/one.db", Desk: w1.desk, Close: func() error { closed++; return nil }}
	opener := func(_ context.Context, path string, create bool) (*Database, error) {
		if create {
			return nil, claimdesk.Errorf(claimdesk.EConflict, "exists")
		}
		return &Database{Path: path, Desk: w2.desk, Close: func() error { return nil }}, nil
	}
	s := newTestShell(t, w1.desk, WithDatabase(db1, opener), withBackend(newFakeBackend()))
	before := s.screenNamed(encountersName)
	s.switchDatabase("/tmp/two.db", false)
	if s.Desk() != w2.desk || closed != 1 {
		t.Fatalf("desk switched %v, old store closed %d times", s.Desk() == w2.desk, closed)
	}
	if s.screenNamed(encountersName) == before {
		t.Error("screens not rebuilt over the new database")
	}
	if !strings.Contains(s.dbLabel.Text, "/tmp/two.db") || !strings.Contains(s.counts.Text, "2 patients") {
		t.Errorf("status bar = %q / %q", s.dbLabel.Text, s.counts.Text)
	}
	s.switchDatabase("/tmp/three.db", true)
	if s.Desk() != w2.desk {
		t.Error("a failed open replaced the database")
	}
}
