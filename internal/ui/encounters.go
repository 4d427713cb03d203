package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

// encountersName is the Encounters screen's registry name.
const encountersName = "Encounters"

// started is when the program loaded this package (for the start-up log).
var started = time.Now()

func init() {
	registerScreen(10, encountersName, themeIcon(theme.IconNameHome), func(s *Shell) screen { return newEncounterScreen(s) })
	registerMenu(10, encounterMenu)
}

// encounterMenu is the Encounter menu: its shortcuts work from anywhere.
func encounterMenu(s *Shell) *fyne.Menu {
	scr := func() *encounterScreen {
		s.Show(encountersName)
		es, _ := s.screenNamed(encountersName).(*encounterScreen)
		return es
	}
	// onForm runs f on the open form, if any.
	onForm := func(f func(*encounterForm)) func() {
		return func() {
			if es, ok := s.screenNamed(encountersName).(*encounterScreen); ok && es.form != nil && s.currentName() == encountersName {
				f(es.form)
			}
		}
	}
	item := func(label string, sc fyne.Shortcut, act func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, act)
		it.Shortcut = sc
		return it
	}
	return fyne.NewMenu("Encounter",
		item("New encounter", ctrl(fyne.KeyN), func() {
			if es := scr(); es != nil {
				es.newEncounter()
			}
		}),
		item("Find patient in worklist", ctrl(fyne.KeyF), func() {
			if es := scr(); es != nil && es.form == nil {
				s.win.Canvas().Focus(es.search)
			} else if es != nil {
				s.win.Canvas().Focus(es.form.dxBox.entry)
			}
		}),
		fyne.NewMenuItemSeparator(),
		item("Save draft", ctrl(fyne.KeyS), onForm(func(f *encounterForm) { f.save(nil) })),
		item("Mark ready", ctrl(fyne.KeyR), onForm(func(f *encounterForm) { f.markReady() })),
		item("Print claim…", ctrl(fyne.KeyP), onForm(func(f *encounterForm) { f.askPrint() })),
		fyne.NewMenuItemSeparator(),
		item("Diagnosis search", ctrl(fyne.KeyD), onForm(func(f *encounterForm) { s.win.Canvas().Focus(f.dxBox.entry) })),
		item("Service line search", ctrl(fyne.KeyL), onForm(func(f *encounterForm) { s.win.Canvas().Focus(f.procBox.entry) })),
		item("Claim details (boxes 10, 14, 15, 23)", ctrl(fyne.KeyE), onForm(func(f *encounterForm) { f.openDetails() })),
		item("Close encounter", ctrl(fyne.KeyW), onForm(func(f *encounterForm) { f.close() })),
	)
}

// currentName returns the registry name of the screen shown now.
func (s *Shell) currentName() string {
	if s.current < 0 || s.current >= len(s.defs) {
		return ""
	}
	return s.defs[s.current].name
}

// encounterScreen is the home screen: the worklist, and the encounter form
// in its place while one is open.
type encounterScreen struct {
	shell *Shell
	stack *fyne.Container

	search     *worklistSearch
	statusSel  *widget.Select
	provSel    *widget.Select
	fromEntry  *widget.Entry
	toEntry    *widget.Entry
	newBtn     *widget.Button
	list       *worklist
	countLabel *widget.Label
	filterErr  *widget.Label
	listView   fyne.CanvasObject

	rows      []claimdesk.EncounterSummary
	providers []claimdesk.Provider
	// loaded is set once the worklist was first filled.
	loaded bool
	// recoveryAsked is set once the recovery file was looked for.
	recoveryAsked bool

	form *encounterForm
	// recoveryDialog is the open "Unsaved edits found" dialog (tests).
	recoveryDialog dialog.Dialog
	// loadSeq drops stale worklist loads.
	loadSeq int
}

func newEncounterScreen(s *Shell) *encounterScreen {
	es := &encounterScreen{shell: s}
	es.search = newWorklistSearch(es)
	es.search.SetPlaceHolder("Find patient: name, account or DOB (Enter opens the selected encounter)")
	es.search.OnChanged = func(string) { es.reload() }

	statuses := []string{"All statuses"}
	for _, st := range claimdesk.ClaimStatuses {
		statuses = append(statuses, st.Label())
	}
	es.statusSel = widget.NewSelect(statuses, func(string) { es.reload() })
	es.statusSel.SetSelectedIndex(0)
	es.provSel = widget.NewSelect([]string{"All providers"}, func(string) { es.reload() })
	es.provSel.SetSelectedIndex(0)
	es.fromEntry = widget.NewEntry()
	es.fromEntry.SetPlaceHolder("From MM/DD/YYYY")
	es.fromEntry.OnChanged = func(string) { es.reload() }
	es.toEntry = widget.NewEntry()
	es.toEntry.SetPlaceHolder("To MM/DD/YYYY")
	es.toEntry.OnChanged = func(string) { es.reload() }
	es.newBtn = widget.NewButtonWithIcon("New encounter (Ctrl+N)", theme.ContentAddIcon(), es.newEncounter)
	es.newBtn.Importance = widget.HighImportance
	es.countLabel = widget.NewLabel("")
	es.filterErr = widget.NewLabel("")
	es.filterErr.Importance = widget.DangerImportance
	es.filterErr.Hide()

	es.list = newWorklist(es)
	header := worklistRow(true)
	filters := container.New(layout.NewGridLayoutWithColumns(4), es.statusSel, es.provSel, es.fromEntry, es.toEntry)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Encounters", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), es.newBtn, es.search),
		filters,
		es.filterErr,
		header,
		widget.NewSeparator(),
	)
	es.listView = container.NewBorder(top, es.countLabel, nil, nil, es.list)
	es.stack = container.NewStack(es.listView)
	return es
}

// warmUp builds the code search index and loads the claim checks' code
// sets in the background, so the first search and check after start-up do
// not wait for them.
func (es *encounterScreen) warmUp() {
	d := es.shell.Desk()
	if d == nil || d.Search == nil || d.Codes == nil {
		return
	}
	es.shell.Status("Preparing code search…")
	go func() {
		ctx := context.Background()
		t0 := time.Now()
		if _, err := d.CodeIndex(ctx); err != nil {
			es.shell.log.Warn("build code search index", "err", err)
			fyne.Do(func() { es.shell.Status("Code search unavailable: " + claimdesk.ErrorMessage(err)) })
			return
		}
		t1 := time.Now()
		d.CheckClaim(ctx, claimdesk.ClaimData{}) // loads the checks' code sets
		es.shell.log.Info("code search and checks ready", "index_ms", t1.Sub(t0).Milliseconds(), "checks_ms", time.Since(t1).Milliseconds())
		fyne.Do(func() {
			if es.shell.message.Text == "Preparing code search…" {
				es.shell.Status("")
			}
		})
	}()
}

func (es *encounterScreen) content() fyne.CanvasObject { return es.stack }

// shown reloads the worklist (or focuses the open form).
func (es *encounterScreen) shown() {
	if es.form != nil {
		es.form.focusFirst()
		return
	}
	es.loadProviders()
	es.reload()
	es.shell.win.Canvas().Focus(es.search)
	es.offerRecovery()
}

// offerRecovery offers, once, to restore the unsaved edits a previous run
// left in the recovery file.
func (es *encounterScreen) offerRecovery() {
	if es.recoveryAsked {
		return
	}
	es.recoveryAsked = true
	path := es.shell.recoveryPath()
	r, err := readRecovery(path)
	if err != nil {
		es.shell.log.Error("recovery file", "err", err)
		return
	}
	if r == nil {
		return
	}
	in := r.Input
	var dlg dialog.Dialog
	esc := func() { dlg.Hide() }
	restore := newEscButton("Restore the edits", theme.HistoryIcon(), func() {
		dlg.Hide()
		f := newEncounterForm(es)
		es.form = f
		es.stack.Objects = []fyne.CanvasObject{f.content()}
		es.stack.Refresh()
		f.loadRestore(in.ID, &in)
		f.startAutosave(es.shell.autosaveEvery)
	}, esc)
	restore.Importance = widget.HighImportance
	drop := newEscButton("Discard them", theme.DeleteIcon(), func() {
		dlg.Hide()
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			es.shell.ShowError(err)
		}
	}, esc)
	what := "a new encounter"
	if in.ID != 0 {
		what = fmt.Sprintf("encounter %d", in.ID)
	}
	msg := widget.NewLabel(fmt.Sprintf("ClaimDesk closed on %s while %s had unsaved edits.\nRestore them into the form, or discard them?",
		r.Written.Local().Format("01/02/2006 15:04"), what))
	dlg = dialog.NewCustomWithoutButtons("Unsaved edits found", container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), drop, restore)), es.shell.win)
	es.recoveryDialog = dlg
	es.shell.showDialog(dlg, restore)
}

// leave asks the open form about unsaved changes.
func (es *encounterScreen) leave(proceed func()) {
	if es.form == nil {
		proceed()
		return
	}
	es.form.leave(proceed)
}

func (es *encounterScreen) loadProviders() {
	d := es.shell.Desk()
	if d == nil || d.Practice == nil {
		return
	}
	var provs []claimdesk.Provider
	es.shell.Busy("", func(ctx context.Context) error {
		var err error
		provs, err = d.Practice.Providers(ctx)
		return err
	}, func(err error) {
		if err != nil {
			es.shell.log.Error("load providers", "err", err)
			return
		}
		es.providers = nil
		opts := []string{"All providers"}
		for _, p := range provs {
			if p.Role == claimdesk.RoleRendering {
				es.providers = append(es.providers, p)
				opts = append(opts, p.DisplayName())
			}
		}
		sel := es.provSel.SelectedIndex()
		es.provSel.Options = opts
		if sel < 0 || sel >= len(opts) {
			sel = 0
		}
		es.provSel.SetSelectedIndex(sel)
	})
}

// filter reads the filter widgets; a bad date gives an error message.
func (es *encounterScreen) filter() (claimdesk.EncounterFilter, string) {
	f := claimdesk.EncounterFilter{Limit: 1000}
	q := strings.TrimSpace(es.search.Text)
	if q != "" {
		f.PatientName = q
	}
	if i := es.statusSel.SelectedIndex(); i > 0 {
		f.Status = claimdesk.ClaimStatuses[i-1]
	}
	if i := es.provSel.SelectedIndex(); i > 0 && i-1 < len(es.providers) {
		f.ProviderID = es.providers[i-1].ID
	}
	var msgs []string
	var err error
	if f.From, err = parseDay(es.fromEntry.Text); err != nil {
		msgs = append(msgs, "From date: "+err.Error())
	}
	if f.To, err = parseDay(es.toEntry.Text); err != nil {
		msgs = append(msgs, "To date: "+err.Error())
	}
	return f, strings.Join(msgs, "; ")
}

// reload loads the worklist with the current filters, off the UI goroutine.
func (es *encounterScreen) reload() {
	d := es.shell.Desk()
	if d == nil || d.Encounters == nil || es.list == nil {
		return
	}
	f, msg := es.filter()
	es.filterErr.SetText(msg)
	if msg != "" {
		es.filterErr.Show()
		return
	}
	es.filterErr.Hide()
	es.loadSeq++
	seq := es.loadSeq
	var rows []claimdesk.EncounterSummary
	es.shell.Busy("", func(ctx context.Context) error {
		var err error
		rows, err = d.Encounters.Encounters(ctx, f)
		return err
	}, func(err error) {
		if seq != es.loadSeq {
			return
		}
		if err != nil {
			es.shell.ShowError(err)
			return
		}
		es.rows = rows
		es.list.cur = 0
		es.list.Refresh()
		es.list.moving = true
		if len(rows) > 0 {
			es.list.Select(0)
		} else {
			es.list.UnselectAll()
		}
		es.list.moving = false
		if !es.loaded {
			es.loaded = true
			es.shell.log.Info("worklist shown", "encounters", len(rows), "ms_since_start", time.Since(started).Milliseconds())
			es.warmUp() // after the first paint: it competes for the CPU
		}
		es.countLabel.SetText(fmt.Sprintf("%s shown · Up/Down choose · Enter opens · Ctrl+N new encounter · Ctrl+F find", plural(len(rows), "encounter")))
	})
}

// open opens the encounter of worklist row i.
func (es *encounterScreen) open(i int) {
	if i < 0 || i >= len(es.rows) {
		return
	}
	es.openForm(es.rows[i].ID)
}

// newEncounter opens an empty form (Ctrl+N).
func (es *encounterScreen) newEncounter() {
	if es.form != nil {
		es.form.leave(func() { es.closeForm(); es.openForm(0) })
		return
	}
	es.openForm(0)
}

// openForm shows the form for encounter id (0: a new one).
func (es *encounterScreen) openForm(id int64) {
	f := newEncounterForm(es)
	es.form = f
	es.stack.Objects = []fyne.CanvasObject{f.content()}
	es.stack.Refresh()
	f.load(id)
	f.startAutosave(es.shell.autosaveEvery)
}

// closeForm returns to the worklist.
func (es *encounterScreen) closeForm() {
	if es.form != nil {
		es.form.stop()
	}
	es.form = nil
	es.stack.Objects = []fyne.CanvasObject{es.listView}
	es.stack.Refresh()
	es.reload()
	es.shell.RefreshCounts()
	es.shell.win.Canvas().Focus(es.list)
}

// worklistSearch is the worklist's search entry: Down moves into the list,
// Enter opens the selected row.
type worklistSearch struct {
	widget.Entry
	es *encounterScreen
}

func newWorklistSearch(es *encounterScreen) *worklistSearch {
	e := &worklistSearch{es: es}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *worklistSearch) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.es.list.move(1)
		e.es.shell.win.Canvas().Focus(e.es.list)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.es.open(e.es.list.cur)
	default:
		e.Entry.TypedKey(k)
	}
}

// worklist is the encounters list: ↑/↓ move the selection, Enter or a
// double tap opens the encounter.
type worklist struct {
	widget.List
	es  *encounterScreen
	cur int
	// moving is set while the keyboard or a reload moves the selection, so
	// that only a click opens the encounter.
	moving bool
}

func newWorklist(es *encounterScreen) *worklist {
	l := &worklist{es: es}
	l.Length = func() int { return len(es.rows) }
	l.CreateItem = func() fyne.CanvasObject { return worklistRow(false) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		r := es.rows[id]
		cells := o.(*fyne.Container).Objects
		dx := strings.Join(r.Diagnoses, " ")
		vals := []string{formatDay(r.DateFrom), r.PatientName, r.Account, r.Provider, r.Payer, dx, strings.Join(r.Codes, " "), r.Total.String(), r.Status.Label()}
		for i, v := range vals {
			cells[i].(*widget.Label).SetText(v)
		}
		st := cells[len(cells)-1].(*widget.Label)
		st.Importance = statusImportance(r.Status)
		st.Refresh()
	}
	l.OnSelected = func(id widget.ListItemID) {
		l.cur = id
		if !l.moving {
			es.open(id)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable.
func (l *worklist) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		l.move(1)
	case fyne.KeyUp:
		if l.cur == 0 {
			l.es.shell.win.Canvas().Focus(l.es.search)
			return
		}
		l.move(-1)
	case fyne.KeyPageDown:
		l.move(15)
	case fyne.KeyPageUp:
		l.move(-15)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		l.es.open(l.cur)
	default:
		l.List.TypedKey(k)
	}
}

func (l *worklist) move(d int) {
	n := len(l.es.rows)
	if n == 0 {
		return
	}
	l.cur = max(0, min(n-1, l.cur+d))
	l.moving = true
	l.Select(l.cur)
	l.moving = false
	l.ScrollTo(l.cur)
}

// worklistColumns are the worklist's column titles and relative widths.
var worklistColumns = []struct {
	title string
	width float32
}{
	{"DOS", 9}, {"Patient", 17}, {"Account", 9}, {"Provider", 14}, {"Payer", 15}, {"Diagnoses", 14}, {"Codes", 11}, {"Total", 7}, {"Status", 9},
}

// worklistRow builds one row (or the header) of labels in column layout.
func worklistRow(header bool) *fyne.Container {
	var objs []fyne.CanvasObject
	var widths []float32
	for _, c := range worklistColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if header {
			l.SetText(c.title)
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		if c.title == "Total" {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
		widths = append(widths, c.width)
	}
	return container.New(&columnsLayout{weights: widths}, objs...)
}

// statusImportance colours a claim status.
func statusImportance(s claimdesk.ClaimStatus) widget.Importance {
	switch s {
	case claimdesk.StatusDraft:
		return widget.MediumImportance
	case claimdesk.StatusReady:
		return widget.HighImportance
	case claimdesk.StatusPaid:
		return widget.SuccessImportance
	case claimdesk.StatusDenied, claimdesk.StatusRejected:
		return widget.DangerImportance
	case claimdesk.StatusPartial:
		return widget.WarningImportance
	}
	return widget.LowImportance
}

// columnsLayout lays its objects out in one row, widths in proportion to
// weights.
type columnsLayout struct{ weights []float32 }

// Layout implements fyne.Layout.
func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range c.weights {
		total += w
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width * c.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// MinSize implements fyne.Layout.
func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*40, h)
}

// now is the clock the screens use for "today"; the desk's when set.
func (s *Shell) today() claimdesk.Date {
	if s.desk != nil {
		return s.desk.Today()
	}
	return claimdesk.DateOf(time.Now())
}
