package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

// detailsTitle names the claim details section.
const detailsTitle = "Claim details (boxes 10, 14, 15, 23)"

// buildDetails makes the widgets of the claim details section: box 10
// (condition related to employment, an auto accident and its state, another
// accident), box 14 (date of current illness, injury or LMP with its
// qualifier), box 15 (other date with its qualifier) and box 23 (prior
// authorization). Most visits need none of them, so the section stays
// closed (one Tab stop) until opened with Space on its title, Ctrl+E, or by
// choosing a finding about one of its fields.
func (f *encounterForm) buildDetails() {
	ch := func(bool) { f.changed() }
	f.employment = newEscCheck("Yes", ch, nil)
	f.autoAccident = newEscCheck("Yes, in state", func(on bool) {
		if on && f.editable() {
			f.accidentState.Enable()
		} else {
			f.accidentState.Disable()
		}
		f.changed()
	}, nil)
	f.accidentState = newSelectEntry()
	f.accidentState.SetPlaceHolder("e.g. NY")
	f.accidentState.OnChanged = func(s string) {
		if len(s) > 2 {
			// Two letters: a third character typed goes nowhere.
			f.accidentState.SetText(s[:2])
			return
		}
		f.changed()
	}
	f.accidentState.Disable()
	f.otherAccident = newEscCheck("Yes", ch, nil)

	f.onsetDate = newSelectEntry()
	f.onsetDate.SetPlaceHolder("MM/DD/YYYY")
	f.onsetDate.OnChanged = func(string) { f.changed() }
	f.onsetQual = newKeySelect(qualifierLabels(onsetQualifiers), nil)
	f.onsetQual.PlaceHolder = "qualifier"
	f.onsetQual.SetSelectedIndex(0) // 431 onset: what most such dates are
	f.onsetQual.OnChanged = func(string) { f.changed() }
	f.otherDate = newSelectEntry()
	f.otherDate.SetPlaceHolder("MM/DD/YYYY")
	f.otherDate.OnChanged = func(string) { f.changed() }
	f.otherQual = newKeySelect(qualifierLabels(otherQualifiers), func(string) { f.changed() })
	f.otherQual.PlaceHolder = "qualifier"

	f.priorAuth = newSelectEntry()
	f.priorAuth.SetPlaceHolder("prior authorization number")
	f.priorAuth.OnChanged = func(string) { f.changed() }

	f.detailsBtn = widget.NewButtonWithIcon("Boxes 10, 14, 15, 23", theme.MenuExpandIcon(), func() { f.setDetailsOpen(!f.detailsBox.Visible()) })
	f.detailsBtn.Importance = widget.LowImportance
	f.detailsBtn.Alignment = widget.ButtonAlignLeading
	f.detailsSummary = widget.NewLabel("")
	f.detailsSummary.Truncation = fyne.TextTruncateEllipsis
}

// detailsSection lays the section's fields out, shown below the visit when
// open: box 10 on the left; boxes 14, 15 and 23 on the right. Its title (a
// button that opens and closes it, with a summary of what is set) sits in
// the visit's last row.
func (f *encounterForm) detailsSection(label func(string) *widget.Label, field func(fyne.CanvasObject, string) fyne.CanvasObject,
	grid func(...fyne.CanvasObject) *fyne.Container) fyne.CanvasObject {
	state := container.New(&fixedWidth{w: 90}, f.accidentState)
	left := grid(
		label("Employment (10a)"), f.employment,
		label("Auto accident (10b)"), field(container.NewHBox(f.autoAccident, state), "accident_state"),
		label("Other accident (10c)"), f.otherAccident,
	)
	right := grid(
		// The date at its width; the qualifier's words take the rest.
		label("Illness, injury, LMP (14)"), field(container.New(&fixedFirst{w: 105}, f.onsetDate, f.onsetQual), "onset_date"),
		label("Other date (15)"), field(container.New(&fixedFirst{w: 105}, f.otherDate, f.otherQual), "other_date"),
		label("Prior auth (23)"), field(f.priorAuth, "prior_auth"),
	)
	title := widget.NewLabelWithStyle(detailsTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.detailsBox = container.NewVBox(title, container.NewGridWithColumns(2, left, right))
	f.detailsBox.Hide()
	f.setDetailsOpen(f.shell.detailsOpen)
	return f.detailsBox
}

// setDetailsOpen opens or closes the claim details section; the shell
// remembers the choice for the next form.
func (f *encounterForm) setDetailsOpen(open bool) {
	f.shell.detailsOpen = open
	if open {
		f.detailsBtn.SetIcon(theme.MenuDropDownIcon())
		f.detailsBox.Show()
	} else {
		f.detailsBtn.SetIcon(theme.MenuExpandIcon())
		f.detailsBox.Hide()
	}
	f.updateDetailsSummary()
}

// openDetails opens the section and focuses its first field (Ctrl+E).
func (f *encounterForm) openDetails() {
	f.setDetailsOpen(true)
	f.shell.win.Canvas().Focus(f.employment)
	f.scrollTo(f.detailsBtn)
}

// updateDetailsSummary writes what the section holds beside its title.
func (f *encounterForm) updateDetailsSummary() {
	if f.detailsSummary == nil {
		return
	}
	sum := detailsSummary(f.input())
	switch {
	case f.detailsBox.Visible():
		sum = "shown below"
	case sum == "":
		sum = "none (Ctrl+E)"
	}
	f.detailsSummary.SetText(sum)
}

// setDetails fills the section from in.
func (f *encounterForm) setDetails(in encounterInput) {
	f.employment.SetChecked(in.Employment)
	f.autoAccident.SetChecked(in.AutoAccident)
	f.accidentState.SetText(in.AccidentState)
	f.otherAccident.SetChecked(in.OtherAccident)
	f.onsetDate.SetText(in.OnsetDate)
	setQualifier(&f.onsetQual.Select, onsetQualifiers, in.OnsetQualifier)
	if f.onsetQual.Selected == "" {
		f.onsetQual.SetSelectedIndex(0) // 431 onset
	}
	f.otherDate.SetText(in.OtherDate)
	setQualifier(&f.otherQual.Select, otherQualifiers, in.OtherQualifier)
	f.priorAuth.SetText(in.PriorAuth)
	f.updateDetailsSummary()
}

// setQualifier selects code in a qualifier select (none when "").
func setQualifier(sel *widget.Select, qs []qualifier, code string) {
	if l := qualifierLabel(qs, code); l != "" {
		sel.SetSelected(l)
		return
	}
	sel.ClearSelected()
}

// detailsInput copies the section into in.
func (f *encounterForm) detailsInput(in *encounterInput) {
	in.Employment = f.employment.Checked
	in.AutoAccident = f.autoAccident.Checked
	in.AccidentState = f.accidentState.Text
	in.OtherAccident = f.otherAccident.Checked
	in.OnsetDate = f.onsetDate.Text
	in.OnsetQualifier = qualifierCode(f.onsetQual.Selected)
	in.OtherDate = f.otherDate.Text
	in.OtherQualifier = qualifierCode(f.otherQual.Selected)
	in.PriorAuth = f.priorAuth.Text
}

// detailsTarget returns the section's widget for a form key, or nil.
func (f *encounterForm) detailsTarget(key string) fyne.Focusable {
	switch key {
	case "employment":
		return f.employment
	case "auto_accident":
		return f.autoAccident
	case "accident_state":
		if f.accidentState.Disabled() {
			return f.autoAccident
		}
		return f.accidentState
	case "other_accident":
		return f.otherAccident
	case "onset_date":
		return f.onsetDate
	case "onset_qualifier":
		return f.onsetQual
	case "other_date":
		return f.otherDate
	case "other_qualifier":
		return f.otherQual
	case "prior_auth":
		return f.priorAuth
	}
	return nil
}

// referringChanged follows a new referring provider: the qualifier is
// enabled with one (and cleared without), and a qualifier the user has not
// chosen follows the lines.
func (f *encounterForm) referringChanged() {
	if f.loading {
		return
	}
	if f.referringSel.SelectedIndex() <= 0 {
		f.setQualifierAuto("")
		f.qualAuto = true
		f.referringQual.Disable()
	} else {
		if f.editable() {
			f.referringQual.Enable()
		}
		if f.referringQual.Selected == "" {
			f.qualAuto = true
		}
		if f.qualAuto && f.referringQual.Selected == "" {
			f.setQualifierAuto("DN") // the checks move it to DK for an ordered service
		}
	}
	f.changed()
}

// setQualifierAuto sets box 17's qualifier for the user ("" clears it).
func (f *encounterForm) setQualifierAuto(code string) {
	if qualifierCode(f.referringQual.Selected) == code {
		return
	}
	f.settingQual = true
	setQualifier(&f.referringQual.Select, referringQualifiers, code)
	f.settingQual = false
}

// followQualifier applies the checks' view of box 17 while the qualifier
// follows the lines: the checks ran with no qualifier, and their
// referring-qualifier warning says an ordered service wants DK; without it
// DN (referring) is right. It returns the findings without that warning
// (the form has acted on it).
func (f *encounterForm) followQualifier(found claimdesk.Findings) claimdesk.Findings {
	want := "DN"
	var out claimdesk.Findings
	for _, fd := range found {
		if fd.Rule == ruleReferringQualifier && fd.Severity == claimdesk.SeverityWarning {
			want = "DK"
			continue
		}
		out = append(out, fd)
	}
	if qualifierCode(f.referringQual.Selected) != want {
		f.setQualifierAuto(want)
		if want == "DK" {
			f.shell.Status("Box 17 qualifier: DK (ordering), for an ordered service")
		}
		f.changed()
	}
	return out
}

// ruleReferringQualifier is the claim checks' rule about box 17's qualifier.
const ruleReferringQualifier = "referring-qualifier"

// fixedWidth lays out one object at a fixed width and its own height.
type fixedWidth struct{ w float32 }

// Layout implements fyne.Layout.
func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(l.w, size.Height))
	}
}

// MinSize implements fyne.Layout.
func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

// fixedFirst lays two objects out in a row: the first at a fixed width,
// the second in the rest (a Border layout would put the second first in
// the tab order).
type fixedFirst struct{ w float32 }

// Layout implements fyne.Layout.
func (l *fixedFirst) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	x := float32(0)
	for i, o := range objs {
		w := l.w
		if i > 0 {
			w = max(0, size.Width-x)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize implements fyne.Layout.
func (l *fixedFirst) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := l.w, float32(0)
	for i, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		if i > 0 {
			w += theme.Padding() + m.Width
		}
	}
	return fyne.NewSize(w, h)
}

var (
	_ fyne.Layout = (*fixedWidth)(nil)
	_ fyne.Layout = (*fixedFirst)(nil)
)
