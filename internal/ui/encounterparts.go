package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

// ---- box 21 list ----

// dxList shows the diagnoses A–L. It takes the focus: ↑/↓ move,
// Alt+↑/Alt+↓ (or Ctrl+↑/↓) move the diagnosis up or down, Delete or
// Backspace removes it.
type dxList struct {
	widget.BaseWidget
	f       *encounterForm
	cur     int
	focused bool
	box     *fyne.Container
	empty   *widget.Label
	// readOnly refuses moves and removals (a claim past draft).
	readOnly bool
}

func newDxList(f *encounterForm) *dxList {
	l := &dxList{f: f, box: container.NewVBox()}
	l.empty = widget.NewLabel("No diagnoses yet: search on the left and press Enter")
	l.empty.Importance = widget.LowImportance
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer implements fyne.Widget.
func (l *dxList) CreateRenderer() fyne.WidgetRenderer {
	l.rebuild()
	return widget.NewSimpleRenderer(l.box)
}

// Refresh redraws the rows.
func (l *dxList) Refresh() {
	l.rebuild()
	l.BaseWidget.Refresh()
}

func (l *dxList) rebuild() {
	l.box.Objects = nil
	if len(l.f.dx) == 0 {
		l.box.Add(l.empty)
	}
	if l.cur >= len(l.f.dx) {
		l.cur = len(l.f.dx) - 1
	}
	if l.cur < 0 {
		l.cur = 0
	}
	for i, d := range l.f.dx {
		bg := canvas.NewRectangle(nil)
		if l.focused && i == l.cur {
			bg.FillColor = theme.Color(theme.ColorNameSelection)
		}
		letter := widget.NewLabelWithStyle(claimdesk.DiagnosisLetter(i)+".", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		code := widget.NewLabelWithStyle(d.Code, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		title := widget.NewLabel(d.Title)
		title.Truncation = fyne.TextTruncateEllipsis
		row := container.NewBorder(nil, nil, container.NewHBox(letter, code), nil, title)
		l.box.Add(container.NewStack(bg, row))
	}
	l.box.Refresh()
}

// FocusGained implements fyne.Focusable.
func (l *dxList) FocusGained() { l.focused = true; l.Refresh() }

// FocusLost implements fyne.Focusable.
func (l *dxList) FocusLost() { l.focused = false; l.Refresh() }

// TypedRune implements fyne.Focusable.
func (l *dxList) TypedRune(r rune) {
	// A letter jumps to that diagnosis.
	if r >= 'a' && r <= 'l' {
		r -= 'a' - 'A'
	}
	if r >= 'A' && r <= 'L' && int(r-'A') < len(l.f.dx) {
		l.cur = int(r - 'A')
		l.Refresh()
	}
}

// TypedKey implements fyne.Focusable.
func (l *dxList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		if l.cur < len(l.f.dx)-1 {
			l.cur++
			l.Refresh()
		}
	case fyne.KeyUp:
		if l.cur > 0 {
			l.cur--
			l.Refresh()
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		l.remove()
	}
}

// TypedShortcut implements fyne.Shortcutable: Alt/Ctrl+↑/↓ reorder.
func (l *dxList) TypedShortcut(s fyne.Shortcut) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier&(fyne.KeyModifierAlt|fyne.KeyModifierControl) == 0 {
		return
	}
	switch cs.KeyName {
	case fyne.KeyUp:
		l.moveCur(-1)
	case fyne.KeyDown:
		l.moveCur(1)
	}
}

func (l *dxList) moveCur(d int) {
	if l.readOnly {
		return
	}
	j := l.cur + d
	if l.cur < 0 || j < 0 || j >= len(l.f.dx) {
		return
	}
	dx := l.f.dx
	dx[l.cur], dx[j] = dx[j], dx[l.cur]
	l.f.renumberPointers(l.cur, j)
	l.cur = j
	l.Refresh()
	l.f.changed()
}

func (l *dxList) remove() {
	if l.readOnly || l.cur < 0 || l.cur >= len(l.f.dx) {
		return
	}
	i := l.cur
	l.f.dx = append(l.f.dx[:i], l.f.dx[i+1:]...)
	l.f.dropPointer(i)
	l.Refresh()
	l.f.changed()
	if len(l.f.dx) == 0 {
		l.f.shell.win.Canvas().Focus(l.f.dxBox.entry)
	}
}

// renumberPointers swaps letters i and j in every line's pointers, so the
// lines keep pointing at the same diagnoses after a move.
func (f *encounterForm) renumberPointers(i, j int) {
	a, b := claimdesk.DiagnosisLetter(i), claimdesk.DiagnosisLetter(j)
	for _, r := range f.lines {
		p := parsePointers(r.ptrs.Text)
		p = strings.Map(func(c rune) rune {
			switch string(c) {
			case a:
				return rune(b[0])
			case b:
				return rune(a[0])
			}
			return c
		}, p)
		r.ptrs.SetText(p)
	}
}

// dropPointer removes letter i from every line's pointers and shifts the
// letters after it down.
func (f *encounterForm) dropPointer(i int) {
	for _, r := range f.lines {
		var b strings.Builder
		for _, c := range parsePointers(r.ptrs.Text) {
			n := int(c - 'A')
			switch {
			case n == i:
				continue
			case n > i:
				b.WriteString(claimdesk.DiagnosisLetter(n - 1))
			default:
				b.WriteRune(c)
			}
		}
		r.ptrs.SetText(b.String())
	}
}

// ---- service line rows ----

// lineColumns are the service line grid's titles and weights.
var lineColumns = []struct {
	title string
	width float32
}{{"#", 3}, {"Code", 8}, {"Description", 23}, {"Modifiers", 9}, {"Pointers", 8}, {"Units", 6}, {"Charge", 9}, {"NDC unit qty", 15}, {"", 4}}

func lineHeader() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	var w []float32
	for _, c := range lineColumns {
		l := widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		objs = append(objs, l)
		w = append(w, c.width)
	}
	return container.New(&columnsLayout{weights: w}, objs...)
}

// lineRow is one service line's widgets.
type lineRow struct {
	f        *encounterForm
	code     string
	num      *widget.Label
	codeL    *widget.Label
	title    *widget.Label
	mods     *selectEntry
	ptrs     *selectEntry
	units    *selectEntry
	charge   *selectEntry
	ndc      *selectEntry
	remove   *widget.Button
	err      *widget.Label
	root     *fyne.Container
	override bool
	setting  bool
}

func newLineRow(f *encounterForm, li lineInput, title string) *lineRow {
	r := &lineRow{f: f, code: li.Code, override: li.ChargeOverridden}
	r.num = widget.NewLabel("")
	r.codeL = widget.NewLabelWithStyle(li.Code, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	r.title = widget.NewLabel(title)
	r.title.Truncation = fyne.TextTruncateEllipsis
	entry := func(text, ph string) *selectEntry {
		e := newSelectEntry()
		e.SetText(text)
		e.SetPlaceHolder(ph)
		return e
	}
	r.mods = entry(li.Modifiers, "")
	r.ptrs = entry(li.Pointers, "")
	r.units = entry(li.Units, "1")
	r.charge = entry(li.Charge, "0.00")
	r.ndc = entry(joinNDC(li.NDC, li.NDCUnit, li.NDCQty), "")
	if li.NDC == "" && !strings.HasPrefix(strings.ToUpper(li.Code), "J") {
		r.ndc.SetPlaceHolder("—")
	} else {
		r.ndc.SetPlaceHolder("NDC unit qty")
	}
	r.mods.OnChanged = func(string) { r.fillCharge(); f.changed() }
	r.units.OnChanged = func(string) { r.fillCharge(); f.changed() }
	r.ptrs.OnChanged = func(s string) {
		if up := strings.ToUpper(s); up != s {
			r.ptrs.SetText(up)
			return
		}
		f.changed()
	}
	r.charge.OnChanged = func(string) {
		if !r.setting {
			r.override = true
		}
		f.changed()
	}
	r.ndc.OnChanged = func(string) { f.changed() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.removeLine(r) })
	r.remove.Importance = widget.LowImportance
	r.err = widget.NewLabel("")
	r.err.Importance = widget.DangerImportance
	r.err.Wrapping = fyne.TextWrapWord
	r.err.Hide()
	var w []float32
	for _, c := range lineColumns {
		w = append(w, c.width)
	}
	grid := container.New(&columnsLayout{weights: w}, r.num, r.codeL, r.title, r.mods, r.ptrs, r.units, r.charge, r.ndc, r.remove)
	r.root = container.NewVBox(grid, r.err)
	r.renumber(len(f.lines))
	return r
}

func (r *lineRow) renumber(i int) { r.num.SetText(fmt.Sprint(i + 1)) }

func (r *lineRow) input() lineInput {
	ndc, unit, qty := splitNDC(r.ndc.Text)
	return lineInput{
		Code: r.code, Modifiers: r.mods.Text, Pointers: r.ptrs.Text, Units: r.units.Text,
		Charge: r.charge.Text, ChargeOverridden: r.override, NDC: ndc, NDCUnit: unit, NDCQty: qty,
	}
}

// fillCharge sets the charge from the fee schedule (per unit × units) unless
// the user typed one.
func (r *lineRow) fillCharge() {
	if r.override {
		return
	}
	d := r.f.shell.Desk()
	if d == nil || d.Practice == nil {
		return
	}
	mods := parseModifiers(r.mods.Text)
	mod := ""
	if len(mods) > 0 {
		mod = mods[0]
	}
	units, err := claimdesk.ParseUnits(strings.TrimSpace(r.units.Text))
	if strings.TrimSpace(r.units.Text) == "" {
		units, err = claimdesk.WholeUnits(1), nil
	}
	if err != nil {
		return
	}
	code := r.code
	var fee claimdesk.Cents
	var ok bool
	r.f.shell.Busy("", func(ctx context.Context) error {
		var err error
		fee, ok, err = d.Practice.Fee(ctx, code, mod)
		return err
	}, func(err error) {
		if err != nil {
			r.f.shell.log.Warn("fee lookup", "err", err)
			return
		}
		if !ok || r.override {
			return
		}
		r.setting = true
		r.charge.SetText(fee.Times(units).String())
		r.setting = false
	})
}

func (r *lineRow) showErr(msgs []string) {
	if len(msgs) == 0 {
		r.err.Hide()
		return
	}
	r.err.SetText(strings.Join(msgs, "\n"))
	r.err.Show()
}

// focusTarget returns the entry of a line field key (".pointers").
func (r *lineRow) focusTarget(rest string) fyne.Focusable {
	rest = strings.TrimPrefix(rest, ".")
	switch {
	case strings.HasPrefix(rest, "modifiers"):
		return r.mods
	case strings.HasPrefix(rest, "units"):
		return r.units
	case strings.HasPrefix(rest, "charge"):
		return r.charge
	case strings.HasPrefix(rest, "ndc"):
		return r.ndc
	}
	return r.ptrs
}

// ---- checks panel ----

// checksPanel lists the problems: field errors and claim check findings.
// Each row takes the focus (Tab); Enter, Space or a tap moves the focus to
// the field concerned.
type checksPanel struct {
	f      *encounterForm
	box    *fyne.Container
	scroll *container.Scroll
	rows   []*findingRow
	probs  []problem
}

func newChecksPanel(f *encounterForm) *checksPanel {
	p := &checksPanel{f: f, box: container.NewVBox()}
	p.scroll = container.NewVScroll(p.box)
	p.set(nil)
	return p
}

func (p *checksPanel) set(probs []problem) {
	p.probs = probs
	p.rows = nil
	p.box.Objects = nil
	var nErr, nWarn int
	for _, pr := range probs {
		if pr.severity == claimdesk.SeverityError {
			nErr++
		} else {
			nWarn++
		}
	}
	summary := widget.NewLabel("")
	summary.Wrapping = fyne.TextWrapWord
	switch {
	case !p.f.checked:
		summary.SetText("Checking…")
	case len(probs) == 0 && p.f.patient == nil:
		summary.SetText("Choose the patient to start.")
	case len(probs) == 0:
		summary.SetText("No problems found. The claim can be marked ready.")
		summary.Importance = widget.SuccessImportance
	default:
		summary.SetText(fmt.Sprintf("%s, %s. Choose one to go to its field.", plural(nErr, "error"), plural(nWarn, "warning")))
		if nErr > 0 {
			summary.Importance = widget.DangerImportance
		} else {
			summary.Importance = widget.WarningImportance
		}
	}
	p.box.Add(summary)
	for _, pr := range probs {
		r := newFindingRow(p, pr)
		p.rows = append(p.rows, r)
		p.box.Add(r)
	}
	p.box.Refresh()
}

// findingRow is one problem in the checks panel.
type findingRow struct {
	widget.BaseWidget
	p       *checksPanel
	prob    problem
	bg      *canvas.Rectangle
	focused bool
}

func newFindingRow(p *checksPanel, pr problem) *findingRow {
	r := &findingRow{p: p, prob: pr, bg: canvas.NewRectangle(nil)}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *findingRow) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(theme.WarningIcon())
	if r.prob.severity == claimdesk.SeverityError {
		icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	} else {
		icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	}
	text := r.prob.message
	if r.prob.box != "" && !strings.HasPrefix(text, "Box ") {
		text = "Box " + r.prob.box + ": " + text
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, nil, container.NewVBox(icon, layout.NewSpacer()), nil, l)))
}

// Tapped implements fyne.Tappable.
func (r *findingRow) Tapped(*fyne.PointEvent) { r.p.f.focusKey(r.prob) }

// FocusGained implements fyne.Focusable.
func (r *findingRow) FocusGained() {
	r.focused = true
	r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	r.bg.Refresh()
}

// FocusLost implements fyne.Focusable.
func (r *findingRow) FocusLost() {
	r.focused = false
	r.bg.FillColor = nil
	r.bg.Refresh()
}

// TypedRune implements fyne.Focusable.
func (r *findingRow) TypedRune(c rune) {
	if c == ' ' {
		r.p.f.focusKey(r.prob)
	}
}

// TypedKey implements fyne.Focusable.
func (r *findingRow) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		r.p.f.focusKey(r.prob)
	}
}

// ---- new patient ----

// newPatientDialog creates a patient (and optionally their primary
// policy) without leaving the form; typed is what was typed in the
// patient box ("Last, First" or "First Last").
func (f *encounterForm) newPatientDialog(typed string) {
	d := f.shell.Desk()
	last, first := splitName(typed)
	e := func(text, ph string) *escEntry {
		x := newEscEntry()
		x.SetText(text)
		x.SetPlaceHolder(ph)
		return x
	}
	lastE, firstE := e(last, ""), e(first, "")
	dobE := e("", "MM/DD/YYYY")
	var dlg dialog.Dialog
	esc := func() { dlg.Hide() }
	sexS := newKeySelect([]string{"F", "M", "U"}, nil)
	sexS.onEscape = esc
	acctE := e(fmt.Sprintf("A%d", f.shell.today().Unix()%1000000), "")
	line1E, cityE, stateE, zipE, phoneE := e("", ""), e("", ""), e("", "2 letters"), e("", "5 or 9 digits"), e("", "")
	payers := f.payers
	payerNames := []string{"(add later)"}
	for _, p := range payers {
		payerNames = append(payerNames, p.Name)
	}
	payerS := newKeySelect(payerNames, nil)
	payerS.onEscape = esc
	payerS.SetSelectedIndex(0)
	memberE := e("", "member ID")
	errL := widget.NewLabel("")
	errL.Importance = widget.DangerImportance
	errL.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Last name", lastE), widget.NewFormItem("First name", firstE),
		widget.NewFormItem("Date of birth", dobE), widget.NewFormItem("Sex", sexS),
		widget.NewFormItem("Account", acctE), widget.NewFormItem("Street", line1E),
		widget.NewFormItem("City", cityE), widget.NewFormItem("State", stateE), widget.NewFormItem("ZIP", zipE),
		widget.NewFormItem("Phone", phoneE),
		widget.NewFormItem("Primary payer", payerS), widget.NewFormItem("Member ID", memberE),
	}
	submit := func() {
		errL.SetText("")
		dob, err := parseDay(dobE.Text)
		p := claimdesk.Patient{Account: strings.TrimSpace(acctE.Text), Person: claimdesk.Person{
			Last: strings.TrimSpace(lastE.Text), First: strings.TrimSpace(firstE.Text), DOB: dob,
			Sex: claimdesk.Sex(sexS.Selected), Phone: strings.TrimSpace(phoneE.Text),
			Address: claimdesk.Address{Line1: line1E.Text, City: cityE.Text, State: strings.ToUpper(strings.TrimSpace(stateE.Text)), ZIP: strings.TrimSpace(zipE.Text)},
		}}
		fe := p.Validate(f.shell.today())
		if err != nil {
			fe = append(claimdesk.FieldErrors{{Path: "dob", Message: "date of birth: " + err.Error()}}, fe...)
		}
		var pol *claimdesk.Policy
		if i := payerS.SelectedIndex(); i > 0 {
			pol = &claimdesk.Policy{PayerID: payers[i-1].ID, Priority: claimdesk.Primary, MemberID: strings.TrimSpace(memberE.Text), Relationship: claimdesk.RelSelf}
			for _, x := range pol.Validate(f.shell.today()) {
				fe = append(fe, claimdesk.FieldError{Path: "policy." + x.Path, Message: x.Message})
			}
		}
		if len(fe) > 0 {
			var msgs []string
			for _, x := range fe {
				msgs = append(msgs, x.Message)
			}
			errL.SetText(strings.Join(msgs, "\n"))
			return
		}
		var pols []claimdesk.Policy
		f.shell.Busy("Creating patient", func(ctx context.Context) error {
			if err := d.Patients.SavePatient(ctx, &p); err != nil {
				return err
			}
			if pol != nil {
				pol.PatientID = p.ID
				if err := d.Patients.SavePolicy(ctx, pol); err != nil {
					return err
				}
			}
			var err error
			pols, err = d.Patients.Policies(ctx, p.ID)
			return err
		}, func(err error) {
			if err != nil {
				errL.SetText(claimdesk.ErrorMessage(err))
				return
			}
			dlg.Hide()
			f.setPatient(p, pols)
			f.changed()
			f.shell.RefreshCounts()
			f.shell.win.Canvas().Focus(f.dxBox.entry)
		})
	}
	f.newPatient = &newPatientForm{entries: map[string]*escEntry{
		"last": lastE, "first": firstE, "dob": dobE, "account": acctE, "line1": line1E, "city": cityE,
		"state": stateE, "zip": zipE, "phone": phoneE, "member": memberE,
	}, sex: &sexS.Select, payer: &payerS.Select, err: errL, submit: submit}
	create := newEscButton("Create patient", theme.ConfirmIcon(), submit, esc)
	create.Importance = widget.HighImportance
	cancel := newEscButton("Cancel (Esc)", theme.CancelIcon(), esc, esc)
	dlg = dialog.NewCustomWithoutButtons("New patient", container.NewVBox(widget.NewForm(items...), errL,
		container.NewHBox(layout.NewSpacer(), cancel, create)), f.shell.win)
	for _, x := range []*escEntry{lastE, firstE, dobE, acctE, line1E, cityE, stateE, zipE, phoneE, memberE} {
		x.onEscape = dlg.Hide
		x.OnSubmitted = func(string) { submit() }
	}
	dlg.Resize(fyne.NewSize(560, 640))
	f.shell.showDialog(dlg, lastE)
	if last == "" {
		f.shell.win.Canvas().Focus(lastE)
	} else {
		f.shell.win.Canvas().Focus(dobE)
	}
}

// newPatientForm is the open New patient dialog's widgets (tests fill it).
type newPatientForm struct {
	entries map[string]*escEntry
	sex     *widget.Select
	payer   *widget.Select
	err     *widget.Label
	submit  func()
}

// splitName reads "Last, First" or "First Last".
func splitName(s string) (last, first string) {
	s = strings.TrimSpace(s)
	if l, fi, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(l), strings.TrimSpace(fi)
	}
	parts := strings.Fields(s)
	switch len(parts) {
	case 0:
		return "", ""
	case 1:
		return parts[0], ""
	}
	return parts[len(parts)-1], strings.Join(parts[:len(parts)-1], " ")
}

// escEntry is an entry whose Esc closes its dialog.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry() *escEntry {
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
