// Package ui is ClaimDesk's Fyne GUI: the app shell (main window content,
// navigation, menus, status bar, keyboard shortcuts) and one file per
// screen. It only shows values and passes them back: every decision lives
// in internal/billing and internal/claimdesk. It never imports
// fyne.io/fyne/v2/app (only cmd/claimdesk does), database/sql or gofpdf, so
// its widget tests run with CGO_ENABLED=0.
//
// # Screen registry
//
// Each screen lives in its own file and registers itself from init, so
// screens are added without editing this file:
//
//	func init() {
//		registerScreen(20, "Patients", themeIcon(theme.IconNameAccount), func(s *Shell) screen {
//			return newPatientScreen(s)
//		})
//	}
//
// (themeIcon looks the icon up when it is drawn: calling theme.AccountIcon()
// in init, before the app exists, makes Fyne log an error.) order sorts
// the navigation (Encounters 10, Patients 20, Claims 30, Codes
// 40, Settings 50); name is the navigation label and the key for
// (*Shell).Show. The shell builds a screen lazily, the first time it is
// shown, and builds it again after File → Open/New database. Ctrl+1 … Ctrl+9
// jump to the screens in navigation order.
//
// A screen is any type with content() fyne.CanvasObject. It may also
// implement, all optional:
//
//   - shower:  shown() is called each time the screen becomes visible (reload
//     its data, focus its first field).
//   - leaver:  leave(proceed func()) is called before the shell switches
//     away, opens another database or closes the window; call proceed
//     (maybe after asking "Discard changes?") to go on, or don't to stay.
//
// A screen file may also add a top-level menu (placed after File, in order):
//
//	registerMenu(10, func(s *Shell) *fyne.Menu { ... })
//
// Menu item shortcuts work anywhere in the window, even while an entry has
// focus (Fyne runs main-menu shortcuts before the focused widget's). The
// menu is built before its screen, so an action calls s.Show(name) and then
// s.screenNamed(name) to reach the screen.
//
// What a screen may use from the shell: Desk() for the use cases (the
// current database's), Window(), Show(name), Busy(what, work, done) to run
// store/print/search work off the UI goroutine with its result delivered
// on it, ShowError(err), Status(msg) for the status bar's message area and
// RefreshCounts() after a change of patients, encounters or claims.
//
// In tests, build the shell with newTestShell (ui_test.go): Busy runs
// synchronously, and pressShortcut(s, sc) fires a menu shortcut.
package ui

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// screen is one page of the main window. See the package documentation for
// the optional interfaces a screen may also implement.
type screen interface {
	content() fyne.CanvasObject
}

// shower is a screen told each time it becomes visible.
type shower interface{ shown() }

// leaver is a screen asked before the shell leaves it.
type leaver interface{ leave(proceed func()) }

// screenDef is one registered screen.
type screenDef struct {
	order int
	name  string
	icon  fyne.Resource
	build func(*Shell) screen
}

// menuDef is one registered top-level menu.
type menuDef struct {
	order int
	build func(*Shell) *fyne.Menu
}

var (
	registryMu sync.Mutex
	registry   []screenDef
	menus      []menuDef
)

// registerMenu adds a top-level menu after File; call it from init.
func registerMenu(order int, build func(*Shell) *fyne.Menu) {
	registryMu.Lock()
	defer registryMu.Unlock()
	menus = append(menus, menuDef{order: order, build: build})
	sort.SliceStable(menus, func(i, j int) bool { return menus[i].order < menus[j].order })
}

func registeredMenus() []menuDef {
	registryMu.Lock()
	defer registryMu.Unlock()
	return append([]menuDef(nil), menus...)
}

// registerScreen adds a screen to the navigation; call it from init in the
// screen's own file. Registering a name twice panics.
func registerScreen(order int, name string, icon fyne.Resource, build func(*Shell) screen) {
	registryMu.Lock()
	defer registryMu.Unlock()
	for _, d := range registry {
		if d.name == name {
			panic("ui: screen registered twice: " + name)
		}
	}
	registry = append(registry, screenDef{order: order, name: name, icon: icon, build: build})
	sort.SliceStable(registry, func(i, j int) bool { return registry[i].order < registry[j].order })
}

func registeredScreens() []screenDef {
	registryMu.Lock()
	defer registryMu.Unlock()
	return append([]screenDef(nil), registry...)
}

// Database is an open store as the shell sees it: its path, the use cases
// over it, and how to back it up and close it. cmd/claimdesk builds it.
type Database struct {
	Path string
	Desk *billing.Desk
	// Backup writes a consistent copy of the database to dst (0600).
	Backup func(ctx context.Context, dst string) error
	// Close closes the store.
	Close func() error
	// Restore replaces the database file with the backup at src after
	// checking it (integrity, schema), keeping the replaced file aside.
	// The store is closed first; the shell reopens the file after.
	Restore func(ctx context.Context, src string) error
}

// Opener opens the database at path; create says File → New database
// (the file must not exist yet) rather than File → Open database.
type Opener func(ctx context.Context, path string, create bool) (*Database, error)

// Option configures the shell.
type Option func(*Shell)

// WithDatabase tells the shell which database is open and how to open
// another; without it File → Open/New/Backup are disabled.
func WithDatabase(db *Database, open Opener) Option {
	return func(s *Shell) {
		s.db = db
		s.open = open
		if db != nil && db.Desk != nil {
			s.desk = db.Desk
		}
	}
}

// WithLogger sets the logger for internal errors (never PHI: IDs only).
func WithLogger(l *slog.Logger) Option { return func(s *Shell) { s.log = l } }

// Shell is the main window's frame: navigation on the left, the current
// screen in the middle, the status bar at the bottom, and the menus.
type Shell struct {
	win  fyne.Window
	desk *billing.Desk
	db   *Database
	open Opener
	log  *slog.Logger

	// goAsync runs f off the UI goroutine; tests replace it with a
	// synchronous call.
	goAsync func(f func())
	// checkDelay debounces the live claim checks (0: check at once).
	checkDelay time.Duration
	// autosaveEvery saves a dirty draft this often (0: never).
	autosaveEvery time.Duration
	// noViewer keeps printed PDFs from opening in the system viewer.
	noViewer bool
	// detailsOpen remembers whether the encounter form's claim details
	// section was left open, for the next form.
	detailsOpen bool
	// be is the encounter backend; nil means deskBackend over desk.
	be encounterBackend
	// dialogs are the open dialogs, newest last; Esc hides the newest.
	dialogs []dialog.Dialog

	defs    []screenDef
	built   map[string]screen
	current int

	nav      *widget.List
	body     *fyne.Container
	title    *widget.Label
	dbLabel  *widget.Label
	counts   *widget.Label
	message  *widget.Label
	root     fyne.CanvasObject
	mainMenu *fyne.MainMenu
}

// New builds the shell for window w over desk, sets the window's main menu
// and close handling, and returns the content to put in the window.
func New(desk *billing.Desk, w fyne.Window, opts ...Option) fyne.CanvasObject {
	return newShell(desk, w, opts...).root
}

func newShell(desk *billing.Desk, w fyne.Window, opts ...Option) *Shell {
	s := &Shell{
		win:     w,
		desk:    desk,
		log:     slog.Default(),
		goAsync: func(f func()) { go f() },

		checkDelay:    300 * time.Millisecond,
		autosaveEvery: time.Minute,
		defs:          registeredScreens(),
		built:         map[string]screen{},
		current:       -1,
	}
	for _, o := range opts {
		o(s)
	}
	s.buildFrame()
	s.buildMenu()
	w.SetCloseIntercept(func() {
		s.leaveCurrent(func() {
			if s.db != nil && s.db.Close != nil {
				if err := s.db.Close(); err != nil {
					s.log.Error("close database", "err", err)
				}
			}
			w.Close()
		})
	})
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			s.closeTopDialog()
		}
	})
	if len(s.defs) > 0 {
		s.showIndex(0)
	}
	s.RefreshCounts()
	return s
}

// withBackend replaces the encounter desk's backend (tests).
func withBackend(b encounterBackend) Option { return func(s *Shell) { s.be = b } }

// backend returns the encounter backend over the open database.
func (s *Shell) backend() encounterBackend {
	if s.be != nil {
		return s.be
	}
	return deskBackend{d: s.desk}
}

// showDialog shows d and remembers it so that Esc (when no entry has the
// focus) hides it; focus, if not nil, gets the focus. When d closes, the
// widget that had the focus before gets it back.
func (s *Shell) showDialog(d dialog.Dialog, focus fyne.Focusable) {
	s.showDialogThen(d, focus, nil)
}

// showDialogThen is showDialog with a function run when d closes (instead
// of giving the focus back).
func (s *Shell) showDialogThen(d dialog.Dialog, focus fyne.Focusable, onClosed func()) {
	prev := s.win.Canvas().Focused()
	s.dialogs = append(s.dialogs, d)
	d.SetOnClosed(func() {
		for i, x := range s.dialogs {
			if x == d {
				s.dialogs = append(s.dialogs[:i], s.dialogs[i+1:]...)
				break
			}
		}
		switch {
		case onClosed != nil:
			onClosed()
		case prev != nil && s.win.Canvas().Focused() == nil:
			s.win.Canvas().Focus(prev)
		}
	})
	d.Show()
	if focus != nil {
		s.win.Canvas().Focus(focus)
	}
}

// closeTopDialog hides the newest open dialog (Esc).
func (s *Shell) closeTopDialog() {
	if n := len(s.dialogs); n > 0 {
		s.dialogs[n-1].Hide()
	}
}

// Desk returns the use cases over the database that is open now.
func (s *Shell) Desk() *billing.Desk { return s.desk }

// Window returns the main window.
func (s *Shell) Window() fyne.Window { return s.win }

func (s *Shell) buildFrame() {
	s.nav = widget.NewList(
		func() int { return len(s.defs) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Encounters__"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(s.defs[id].icon)
			box.Objects[1].(*widget.Label).SetText(s.defs[id].name)
		},
	)
	s.nav.OnSelected = func(id widget.ListItemID) {
		if id != s.current {
			s.leaveCurrent(func() { s.showIndex(id) })
		}
	}
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.dbLabel = widget.NewLabel("")
	s.counts = widget.NewLabel("")
	s.message = widget.NewLabel("")
	s.message.Alignment = fyne.TextAlignTrailing
	s.updateDBLabel()

	s.body = container.NewStack()
	s.message.Truncation = fyne.TextTruncateEllipsis
	status := container.NewBorder(nil, nil, container.NewHBox(s.dbLabel, widget.NewSeparator(), s.counts), nil, s.message)
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), s.nav)
	s.root = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), status),
		side, nil, s.body)
}

func (s *Shell) updateDBLabel() {
	if s.db == nil || s.db.Path == "" {
		s.dbLabel.SetText("No database file")
		return
	}
	s.dbLabel.SetText("Database: " + s.db.Path)
}

// Show switches to the screen registered under name, asking the current
// screen first. It reports whether such a screen exists.
func (s *Shell) Show(name string) bool {
	for i, d := range s.defs {
		if d.name == name {
			if i == s.current {
				s.screenAt(i)
				if sh, ok := s.built[name].(shower); ok {
					sh.shown()
				}
				return true
			}
			s.leaveCurrent(func() { s.showIndex(i) })
			return true
		}
	}
	return false
}

// screenAt returns the i-th screen, building it on first use.
func (s *Shell) screenAt(i int) screen {
	d := s.defs[i]
	if sc, ok := s.built[d.name]; ok {
		return sc
	}
	sc := d.build(s)
	s.built[d.name] = sc
	return sc
}

// screenNamed returns the built screen registered under name (building it),
// or nil.
func (s *Shell) screenNamed(name string) screen {
	for i, d := range s.defs {
		if d.name == name {
			return s.screenAt(i)
		}
	}
	return nil
}

func (s *Shell) showIndex(i int) {
	if i < 0 || i >= len(s.defs) {
		return
	}
	sc := s.screenAt(i)
	s.current = i
	s.body.Objects = []fyne.CanvasObject{sc.content()}
	s.body.Refresh()
	s.win.SetTitle("ClaimDesk — " + s.defs[i].name)
	s.nav.Select(i)
	if sh, ok := sc.(shower); ok {
		sh.shown()
	}
}

// leaveCurrent asks the current screen whether it may be left, then runs
// proceed.
func (s *Shell) leaveCurrent(proceed func()) {
	if s.current < 0 {
		proceed()
		return
	}
	if l, ok := s.built[s.defs[s.current].name].(leaver); ok {
		l.leave(func() {
			proceed()
		})
		// When the screen refuses, keep the navigation on it.
		s.nav.Select(s.current)
		return
	}
	proceed()
}

func (s *Shell) buildMenu() {
	open := fyne.NewMenuItem("Open database…", s.openDatabase)
	open.Shortcut = ctrl(fyne.KeyO)
	create := fyne.NewMenuItem("New database…", s.newDatabase)
	backup := fyne.NewMenuItem("Backup…", s.backupDatabase)
	if s.open == nil {
		open.Disabled, create.Disabled = true, true
	}
	if s.db == nil || s.db.Backup == nil {
		backup.Disabled = true
	}
	file := fyne.NewMenu("File", open, create, fyne.NewMenuItemSeparator(), backup)

	menus := []*fyne.Menu{file}
	for _, md := range registeredMenus() {
		if m := md.build(s); m != nil {
			menus = append(menus, m)
		}
	}

	var goItems []*fyne.MenuItem
	for i, d := range s.defs {
		it := fyne.NewMenuItem(d.name, func() { s.Show(d.name) })
		it.Icon = d.icon
		if i < 9 {
			it.Shortcut = ctrl(fyne.KeyName(fmt.Sprint(i + 1)))
		}
		goItems = append(goItems, it)
	}
	menus = append(menus, fyne.NewMenu("Go", goItems...))
	menus = append(menus, themeMenu())
	help := fyne.NewMenuItem("Keyboard shortcuts", s.showShortcuts)
	// Ctrl+H: a key without modifier (F1) never reaches the menu while an
	// entry has the focus.
	help.Shortcut = ctrl(fyne.KeyH)
	menus = append(menus, fyne.NewMenu("Help", help))

	s.mainMenu = fyne.NewMainMenu(menus...)
	s.win.SetMainMenu(s.mainMenu)
	// Also register each shortcut on the canvas, for when no widget has
	// focus on drivers without a main menu.
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut == nil || it.Action == nil {
				continue
			}
			act := it.Action
			s.win.Canvas().AddShortcut(it.Shortcut, func(fyne.Shortcut) { act() })
		}
	}
}

// ctrl returns the Ctrl (Cmd on macOS) + key shortcut.
func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// shortcutText writes a shortcut for help texts: "Ctrl+N".
func shortcutText(sc fyne.Shortcut) string {
	if cs, ok := sc.(*desktop.CustomShortcut); ok {
		var mods []string
		if cs.Modifier&fyne.KeyModifierControl != 0 {
			mods = append(mods, "Ctrl")
		}
		if cs.Modifier&fyne.KeyModifierSuper != 0 {
			mods = append(mods, "Cmd")
		}
		if cs.Modifier&fyne.KeyModifierAlt != 0 {
			mods = append(mods, "Alt")
		}
		if cs.Modifier&fyne.KeyModifierShift != 0 {
			mods = append(mods, "Shift")
		}
		return strings.Join(append(mods, string(cs.KeyName)), "+")
	}
	return sc.ShortcutName()
}

func (s *Shell) showShortcuts() {
	var b strings.Builder
	for _, m := range s.mainMenu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				fmt.Fprintf(&b, "%-18s %s › %s\n", shortcutText(it.Shortcut), m.Label, strings.TrimSuffix(it.Label, "…"))
			}
		}
	}
	for _, k := range [][2]string{
		{"Tab, Shift+Tab", "next / previous field (reading order)"},
		{"Up, Down", "move in a result list or the worklist"},
		{"Enter", "open the encounter / add the highlighted code"},
		{"Enter (empty box)", "diagnoses done: go to the service lines"},
		{"Alt+Up, Alt+Down", "move a diagnosis in box 21 (pointers follow)"},
		{"Delete", "remove the diagnosis in box 21"},
		{"Esc", "close the results, a picker or a dialog"},
	} {
		fmt.Fprintf(&b, "%-18s %s\n", k[0], k[1])
	}
	txt := widget.NewLabel(strings.TrimSuffix(b.String(), "\n"))
	txt.TextStyle = fyne.TextStyle{Monospace: true}
	var d dialog.Dialog
	esc := func() { d.Hide() }
	closeB := newEscButton("Close (Esc)", theme.CancelIcon(), esc, esc)
	d = dialog.NewCustomWithoutButtons("Keyboard shortcuts", container.NewVBox(txt, container.NewHBox(layout.NewSpacer(), closeB)), s.win)
	s.showDialog(d, nil)
}

// Busy runs work off the UI goroutine and then done (if not nil) on it
// with work's error. The status bar shows what while it runs. A non-nil
// error is also shown to the user unless done is given.
func (s *Shell) Busy(what string, work func(ctx context.Context) error, done func(err error)) {
	if what != "" {
		s.Status(what + "…")
	}
	s.goAsync(func() {
		err := work(context.Background())
		fyne.Do(func() {
			if what != "" && s.message.Text == what+"…" {
				s.Status("")
			}
			if done != nil {
				done(err)
				return
			}
			if err != nil {
				s.ShowError(err)
			}
		})
	})
}

// ShowError shows err to the user in words: a claimdesk.Error's message or
// field errors as they are, anything else as "Internal error" (its detail
// goes to the log).
func (s *Shell) ShowError(err error) {
	if err == nil {
		return
	}
	if claimdesk.ErrorCode(err) == claimdesk.EInternal {
		s.log.Error("internal error", "err", err)
	}
	// Its own OK button, focused: Enter, Space or Esc closes it (a Fyne
	// error dialog's button ignores Esc).
	msg := widget.NewLabel(claimdesk.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	ok := newEscButton("OK", nil, func() { d.Hide() }, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	d = dialog.NewCustomWithoutButtons("Error", container.NewVBox(
		container.NewBorder(nil, nil, container.NewVBox(icon), nil, msg),
		container.NewHBox(layout.NewSpacer(), ok)), s.win)
	d.Resize(fyne.NewSize(480, 1))
	s.showDialog(d, ok)
}

// Status sets the status bar's message (e.g. "Draft saved").
func (s *Shell) Status(msg string) { s.message.SetText(msg) }

// RefreshCounts reloads the status bar's counts of patients, encounters and
// claims by status, off the UI goroutine.
func (s *Shell) RefreshCounts() {
	d := s.desk
	if d == nil || d.Patients == nil || d.Encounters == nil || d.Claims == nil {
		s.counts.SetText("")
		return
	}
	var text string
	s.Busy("", func(ctx context.Context) error {
		pats, err := countPatients(ctx, d.Patients)
		if err != nil {
			return fmt.Errorf("count patients: %w", err)
		}
		encs, err := countEncounters(ctx, d.Encounters)
		if err != nil {
			return fmt.Errorf("count encounters: %w", err)
		}
		byStatus, err := d.Claims.CountClaims(ctx)
		if err != nil {
			return fmt.Errorf("count claims: %w", err)
		}
		text = countsText(pats, encs, byStatus)
		return nil
	}, func(err error) {
		if err != nil {
			s.log.Error("status counts", "err", err)
			s.counts.SetText("Counts unavailable")
			return
		}
		s.counts.SetText(text)
	})
}

// patientCounter and encounterCounter count records without loading them
// (SELECT COUNT(*)); the store (internal/sqlite) has both, so the status
// bar stays instant on a large database. A service without them is
// counted by listing.
type patientCounter interface {
	CountPatients(ctx context.Context) (int, error)
}

type encounterCounter interface {
	CountEncounters(ctx context.Context) (int, error)
}

func countPatients(ctx context.Context, ps claimdesk.PatientService) (int, error) {
	if c, ok := ps.(patientCounter); ok {
		return c.CountPatients(ctx)
	}
	pats, err := ps.Patients(ctx, claimdesk.PatientFilter{})
	return len(pats), err
}

func countEncounters(ctx context.Context, es claimdesk.EncounterService) (int, error) {
	if c, ok := es.(encounterCounter); ok {
		return c.CountEncounters(ctx)
	}
	encs, err := es.Encounters(ctx, claimdesk.EncounterFilter{})
	return len(encs), err
}

// countsText writes the status bar's counts: "50 patients · 200 encounters ·
// claims: 12 draft, 5 ready".
func countsText(patients, encounters int, byStatus map[claimdesk.ClaimStatus]int) string {
	var parts []string
	for _, st := range claimdesk.ClaimStatuses {
		if n := byStatus[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(st.Label())))
		}
	}
	claims := "no claims"
	if len(parts) > 0 {
		claims = "claims: " + strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s · %s · %s", plural(patients, "patient"), plural(encounters, "encounter"), claims)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (s *Shell) openDatabase() {
	if s.open == nil {
		return
	}
	s.leaveCurrent(func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			_ = r.Close()
			s.switchDatabase(path, false)
		}, s.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite"}))
		s.showDialog(d, nil)
	})
}

func (s *Shell) newDatabase() {
	if s.open == nil {
		return
	}
	s.leaveCurrent(func() {
		d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			if wc == nil {
				return
			}
			path := wc.URI().Path()
			_ = wc.Close()
			// The save dialog created an empty file; the store creates its
			// own with mode 0600.
			if err := removeEmpty(path); err != nil {
				s.ShowError(err)
				return
			}
			s.switchDatabase(path, true)
		}, s.win)
		d.SetFileName("claimdesk.db")
		s.showDialog(d, nil)
	})
}

func (s *Shell) backupDatabase() {
	if s.db == nil || s.db.Backup == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		if err := removeEmpty(path); err != nil {
			s.ShowError(err)
			return
		}
		db := s.db
		s.Busy("Backing up", func(ctx context.Context) error {
			return db.Backup(ctx, path)
		}, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Status("Backup written to " + path)
		})
	}, s.win)
	d.SetFileName("claimdesk-backup.db")
	s.showDialog(d, nil)
}

// switchDatabase opens path and rebuilds every screen over it.
func (s *Shell) switchDatabase(path string, create bool) {
	var db *Database
	s.Busy("Opening database", func(ctx context.Context) error {
		var err error
		db, err = s.open(ctx, path, create)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		old := s.db
		s.db, s.desk = db, db.Desk
		if old != nil && old.Close != nil {
			if err := old.Close(); err != nil {
				s.log.Error("close database", "err", err)
			}
		}
		s.built = map[string]screen{}
		s.buildMenu()
		s.updateDBLabel()
		cur := s.current
		if cur < 0 {
			cur = 0
		}
		s.current = -1
		s.showIndex(cur)
		s.RefreshCounts()
		s.Status("Opened " + path)
	})
}

// removeEmpty removes the empty file a save dialog leaves behind, so the
// store or the backup can create the file itself with mode 0600. A file
// with content is left alone (and the store will refuse to overwrite it).
func removeEmpty(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("check %s: %w", filepath.Base(path), err)
	}
	if fi.Size() == 0 {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("remove empty %s: %w", filepath.Base(path), err)
		}
	}
	return nil
}

// themeIcon is a theme icon looked up when it is drawn, so screens can name
// their icon in init, before the app exists.
func themeIcon(n fyne.ThemeIconName) fyne.Resource { return themedIcon(n) }

type themedIcon fyne.ThemeIconName

// Name implements fyne.Resource.
func (t themedIcon) Name() string { return theme.Icon(fyne.ThemeIconName(t)).Name() }

// Content implements fyne.Resource.
func (t themedIcon) Content() []byte { return theme.Icon(fyne.ThemeIconName(t)).Content() }

// ThemeColorName implements fyne.ThemedResource: drawn in the foreground colour.
func (t themedIcon) ThemeColorName() fyne.ThemeColorName { return theme.ColorNameForeground }
