package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// This file holds what the records screens (first-run setup, patients,
// claims and follow-up, codes, settings) share: the Follow-up menu, the
// first-run check, the form helper that shows field errors beside their
// fields, and the records backend (printing, code sets, restore) they
// reach through an interface so tests can fake it.

func init() {
	registerMenu(20, recordsMenu)
}

// ctrlShift returns the Ctrl+Shift+key shortcut (Cmd+Shift on macOS).
func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// recordsMenu is the Follow-up menu. The shell builds its menus when it
// starts and again after it opens another database: exactly when a
// database without a practice should offer the first-run setup, so the
// check is started here too.
func recordsMenu(s *Shell) *fyne.Menu {
	item := func(label string, sc fyne.Shortcut, act func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, act)
		it.Shortcut = sc
		return it
	}
	claims := func(f func(cs *claimScreen)) func() {
		return func() {
			s.Show(claimsName)
			if cs, ok := s.screenNamed(claimsName).(*claimScreen); ok {
				f(cs)
			}
		}
	}
	m := fyne.NewMenu("Follow-up",
		item("Record outcome of selected claim…", ctrlShift(fyne.KeyO), claims(func(cs *claimScreen) { cs.recordOutcome() })),
		item("Fix and resubmit selected claim…", ctrlShift(fyne.KeyE), claims(func(cs *claimScreen) { cs.correct() })),
		item("A/R aging", ctrlShift(fyne.KeyA), claims(func(cs *claimScreen) { cs.showAging() })),
		fyne.NewMenuItemSeparator(),
		item("First-run setup…", nil, func() { showSetup(s) }),
	)
	offerSetup(s)
	return m
}

// offerSetup opens the first-run setup when the open database has no
// practice. Only a shell with a database file does this (not a test shell
// over fakes).
func offerSetup(s *Shell) {
	d := s.desk
	if s.db == nil || d == nil || d.Practice == nil {
		return
	}
	missing := false
	s.Busy("", func(ctx context.Context) error {
		_, err := d.Practice.Practice(ctx)
		if claimdesk.ErrorCode(err) == claimdesk.ENotFound {
			missing = true
			return nil
		}
		return err
	}, func(err error) {
		if err != nil {
			s.log.Error("first-run check", "err", err)
			return
		}
		if missing {
			showSetup(s)
		}
	})
}

// recordsBackend is what the records screens need besides the store's
// services on billing.Desk: printing, code sets, the starter list and
// restore. deskRecords adapts *billing.Desk; tests replace
// newRecordsBackend.
type recordsBackend interface {
	// PrintClaims writes the claims' CMS-1500 PDF in mode (form or plain).
	PrintClaims(ctx context.Context, ids []int64, w io.Writer, mode string, progress func(done, total int)) error
	// PrintAlignment writes the printer alignment page.
	PrintAlignment(ctx context.Context, w io.Writer) error
	// ImportCodeFiles imports official code set files.
	ImportCodeFiles(ctx context.Context, paths []string, progress func(done, total int)) (string, error)
	// ImportStarterCodes loads the embedded starter code list.
	ImportStarterCodes(ctx context.Context) (string, error)
	// Releases lists the imported code set releases, newest first.
	Releases(ctx context.Context) ([]claimdesk.Release, error)
	// SearchCodes searches every code system (favourites first).
	SearchCodes(ctx context.Context, q string, limit int) ([]codeHit, error)
	// ShowCode returns a code's detail: release, notes, parents, children.
	ShowCode(ctx context.Context, system claimdesk.CodeSystem, code string) (billing.CodeDetail, error)
	// Procedures lists the practice's procedure list; AddProcedure adds
	// or replaces one entry.
	Procedures(ctx context.Context) ([]claimdesk.Procedure, error)
	AddProcedure(ctx context.Context, code, desc, fee string) (claimdesk.Procedure, error)
}

// newRecordsBackend builds the records backend over a desk.
var newRecordsBackend = func(d *billing.Desk) recordsBackend { return deskRecords{d: d} }

// records returns the records backend over the open database.
func (s *Shell) records() recordsBackend { return newRecordsBackend(s.desk) }

// fieldSet builds a form whose fields each have an error label beside
// them, keyed by the domain's field path ("address.zip", "npi").
type fieldSet struct {
	items  []*widget.FormItem
	order  []string
	errs   map[string]*widget.Label
	focus  map[string]fyne.Focusable
	other  *widget.Label // errors with no field of their own
	submit func()
}

func newFieldSet() *fieldSet {
	o := widget.NewLabel("")
	o.Importance = widget.DangerImportance
	o.Wrapping = fyne.TextWrapWord
	o.Hide()
	return &fieldSet{errs: map[string]*widget.Label{}, focus: map[string]fyne.Focusable{}, other: o}
}

// add adds a field under path with its label.
func (fs *fieldSet) add(path, label string, w fyne.CanvasObject, focus fyne.Focusable) {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	fs.errs[path] = e
	if focus != nil {
		fs.focus[path] = focus
	}
	fs.order = append(fs.order, path)
	fs.items = append(fs.items, widget.NewFormItem(label, container.NewVBox(w, e)))
}

// entry adds a one-line entry; Enter in it runs the set's submit.
func (fs *fieldSet) entry(path, label, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) {
		if fs.submit != nil {
			fs.submit()
		}
	}
	fs.add(path, label, e, e)
	return e
}

// choice adds an entry with a drop-down of options that can also be typed.
func (fs *fieldSet) choice(path, label string, options []string) *widget.SelectEntry {
	e := widget.NewSelectEntry(options)
	e.OnSubmitted = func(string) {
		if fs.submit != nil {
			fs.submit()
		}
	}
	fs.add(path, label, e, e)
	return e
}

// form returns the fields as a form with the general error label under it.
func (fs *fieldSet) form() fyne.CanvasObject {
	return container.NewVBox(widget.NewForm(fs.items...), fs.other)
}

// formOf lays several field sets out as one form (aligned labels), with
// their general error labels under it.
func formOf(sets ...*fieldSet) fyne.CanvasObject {
	var items []*widget.FormItem
	box := container.NewVBox()
	for _, fs := range sets {
		items = append(items, fs.items...)
	}
	box.Add(widget.NewForm(items...))
	for _, fs := range sets {
		box.Add(fs.other)
	}
	return box
}

// phoneText writes a stored 10-digit phone number as (217) 555-0140.
func phoneText(p string) string {
	d := claimdesk.Digits(p)
	if len(d) != 10 || d != p {
		return p
	}
	return "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
}

// zipText writes a stored 9-digit ZIP code as 62704-0001.
func zipText(z string) string {
	if len(z) == 9 && claimdesk.Digits(z) == z {
		return z[:5] + "-" + z[5:]
	}
	return z
}

// clear hides every error.
func (fs *fieldSet) clear() {
	for _, l := range fs.errs {
		l.SetText("")
		l.Hide()
	}
	fs.other.SetText("")
	fs.other.Hide()
}

// show puts each error beside its field (the longest known path that is a
// prefix of the error's path), the rest under the form, and focuses the
// first field with an error. It reports whether there were errors.
func (fs *fieldSet) show(err error, c fyne.Canvas) bool {
	fs.clear()
	if err == nil {
		return false
	}
	fe, ok := err.(claimdesk.FieldErrors)
	if !ok {
		fs.other.SetText(claimdesk.ErrorMessage(err))
		fs.other.Show()
		return true
	}
	var first string
	var rest []string
	for _, x := range fe {
		key := fs.match(x.Path)
		if key == "" {
			rest = append(rest, x.Message)
			continue
		}
		l := fs.errs[key]
		if l.Text != "" {
			l.SetText(l.Text + "\n" + x.Message)
		} else {
			l.SetText(x.Message)
		}
		l.Show()
		if first == "" || fs.index(key) < fs.index(first) {
			first = key
		}
	}
	if len(rest) > 0 {
		fs.other.SetText(strings.Join(rest, "\n"))
		fs.other.Show()
	}
	if first != "" && c != nil {
		if f := fs.focus[first]; f != nil {
			c.Focus(f)
		}
	}
	return true
}

// message returns the error shown beside path ("" for none).
func (fs *fieldSet) message(path string) string {
	if l := fs.errs[path]; l != nil {
		return l.Text
	}
	return ""
}

func (fs *fieldSet) match(path string) string {
	best := ""
	for k := range fs.errs {
		if (path == k || strings.HasPrefix(path, k+".") || strings.HasPrefix(path, k+"[")) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

func (fs *fieldSet) index(key string) int {
	for i, k := range fs.order {
		if k == key {
			return i
		}
	}
	return len(fs.order)
}

// npiHint checks an NPI as it is typed and writes the verdict into l.
func npiHint(e *widget.Entry, l *widget.Label) {
	e.OnChanged = func(s string) {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			l.SetText("")
		case len(s) < 10 && claimdesk.Digits(s) == s:
			l.SetText(fmt.Sprintf("%d of 10 digits", len(s)))
			l.Importance = widget.LowImportance
		case claimdesk.CheckNPI(s) == "":
			l.SetText("✓ valid NPI")
			l.Importance = widget.SuccessImportance
		default:
			l.SetText(claimdesk.CheckNPI(s))
			l.Importance = widget.DangerImportance
		}
		l.Refresh()
	}
}

// moneyText writes an amount for the screens: "1,250.00".
func moneyText(c claimdesk.Cents) string {
	s := c.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// progressDialog shows a progress bar with a Cancel button while work runs
// off the UI goroutine; done runs on the UI goroutine with work's error.
func progressDialog(s *Shell, title string, work func(ctx context.Context, progress func(done, total int)) error, done func(err error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Hide()
	busy := widget.NewProgressBarInfinite() // until the work reports progress
	note := widget.NewLabel("Working…")
	cancelB := widget.NewButton("Cancel", cancel)
	content := container.NewVBox(note, busy, bar, container.NewHBox(cancelB))
	dlg := dialog.NewCustomWithoutButtons(title, content, s.win)
	s.showDialog(dlg, cancelB)
	s.goAsync(func() {
		err := work(ctx, func(d, t int) {
			fyne.Do(func() {
				if t > 0 {
					if !bar.Visible() {
						busy.Stop()
						busy.Hide()
						bar.Show()
					}
					bar.SetValue(float64(d) / float64(t))
					note.SetText(fmt.Sprintf("%d of %d", d, t))
				}
			})
		})
		cancel()
		fyne.Do(func() {
			busy.Stop()
			dlg.Hide()
			done(err)
		})
	})
}
