package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"claimdesk/internal/claimdesk"
)

// codeVisit starts a new encounter from the keyboard: patient, diagnosis
// I10 and one line of code (its charge typed when the fee schedule has
// none).
func codeVisit(t *testing.T, s *Shell, code string) (*encounterForm, *keys) {
	t.Helper()
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	if f.detailsSummary.Text != "none (Ctrl+E)" && !f.detailsBox.Visible() {
		t.Errorf("new form's details summary = %q", f.detailsSummary.Text)
	}
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ(code)
	k.press(fyne.KeyReturn)
	if len(f.lines) != 1 {
		t.Fatalf("lines = %d, want 1", len(f.lines))
	}
	if f.lines[0].charge.Text == "" {
		f.lines[0].charge.SetText("40.00")
	}
	return f, k
}

// findingFor returns the checks panel's row about form key, or nil.
func findingFor(f *encounterForm, key string) *findingRow {
	for _, r := range f.checks.rows {
		if r.prob.key == key {
			return r
		}
	}
	return nil
}

// TestClaimDetailsFromKeyboard: boxes 10, 14, 15 and 23 typed from the
// keyboard (Ctrl+E opens the section), saved, and shown again when the
// encounter is reopened; a bad state is refused next to its field.
func TestClaimDetailsFromKeyboard(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	f, k := codeVisit(t, s, "99213")
	c := s.win.Canvas()
	if f.detailsBox.Visible() || !strings.HasPrefix(f.detailsSummary.Text, "none") {
		t.Fatalf("section open %v, summary %q; want closed, none", f.detailsBox.Visible(), f.detailsSummary.Text)
	}
	k.shortcut(ctrl(fyne.KeyE))
	if !f.detailsBox.Visible() || c.Focused() != f.employment {
		t.Fatalf("Ctrl+E: open %v, focus %T; want open, employment", f.detailsBox.Visible(), c.Focused())
	}
	k.typ("y") // 10a yes
	k.tab()
	k.typ(" ") // Space: 10b yes (a check box toggles on the typed space)
	if c.Focused() != f.autoAccident || !f.autoAccident.Checked {
		t.Fatalf("auto accident not checked from the keyboard (focus %T)", c.Focused())
	}
	k.tab()
	if c.Focused() != f.accidentState {
		t.Fatalf("Tab after auto accident focused %T, want the state", c.Focused())
	}
	k.typ("zz")
	if msg := f.errs["accident_state"]; !msg.Visible() || !strings.Contains(msg.Text, "two-letter") {
		t.Errorf("bad state: error %q (visible %v)", msg.Text, msg.Visible())
	}
	k.shortcut(ctrl(fyne.KeyS))
	if f.id != 0 || c.Focused() != f.accidentState {
		t.Fatalf("saved with a bad state (id %d), focus %T", f.id, c.Focused())
	}
	f.accidentState.SetText("")
	if row := findingFor(f, "accident_state"); row == nil {
		t.Errorf("no finding for the missing accident state: %+v", f.problems())
	}
	k.typ("ny")
	k.tab() // 10c stays no
	k.tab()
	if c.Focused() != f.onsetDate {
		t.Fatalf("focus %T, want box 14's date", c.Focused())
	}
	k.typ("03/01/2026")
	k.tab()
	k.typ("48") // 484 LMP
	k.tab()
	k.typ("03/02/2026")
	if row := findingFor(f, "other_qualifier"); row == nil {
		t.Errorf("box 15 date without qualifier: no finding in %+v", f.problems())
	}
	k.tab()
	k.typ("acc") // 439 accident
	k.tab()
	if c.Focused() != f.priorAuth {
		t.Fatalf("focus %T, want prior auth", c.Focused())
	}
	k.typ("pa77")
	k.shortcut(ctrl(fyne.KeyS))
	if f.dirty || f.id == 0 {
		t.Fatalf("not saved: %+v", f.problems())
	}
	e, err := w.db.Encounter(context.Background(), f.id)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Employment || !e.AutoAccident || e.AccidentState != "NY" || e.OtherAccident ||
		!e.OnsetDate.Equal(claimdesk.NewDate(2026, 3, 1)) || e.OnsetQualifier != "484" ||
		!e.OtherDate.Equal(claimdesk.NewDate(2026, 3, 2)) || e.OtherQualifier != "439" || e.PriorAuth != "PA77" {
		t.Fatalf("stored details = 10a %v 10b %v %q 10c %v 14 %v %q 15 %v %q 23 %q", e.Employment, e.AutoAccident, e.AccidentState,
			e.OtherAccident, e.OnsetDate, e.OnsetQualifier, e.OtherDate, e.OtherQualifier, e.PriorAuth)
	}

	// Reopened (section closed): the summary says what is set; opened,
	// the widgets hold it.
	id := f.id
	k.shortcut(ctrl(fyne.KeyW))
	s.detailsOpen = false
	es := encScreen(t, s)
	es.openForm(id)
	g := es.form
	if g.detailsBox.Visible() {
		t.Fatal("section open though it was closed")
	}
	want := "Employment · auto accident (NY) · 14: 03/01/2026 LMP (last period) · 15: 03/02/2026 accident · prior auth PA77"
	if g.detailsSummary.Text != want {
		t.Errorf("summary = %q\nwant      %q", g.detailsSummary.Text, want)
	}
	if !g.employment.Checked || !g.autoAccident.Checked || g.accidentState.Text != "NY" || g.accidentState.Disabled() || g.otherAccident.Checked ||
		g.onsetDate.Text != "03/01/2026" || qualifierCode(g.onsetQual.Selected) != "484" ||
		g.otherDate.Text != "03/02/2026" || qualifierCode(g.otherQual.Selected) != "439" || g.priorAuth.Text != "PA77" {
		t.Errorf("reloaded widgets differ from what was saved")
	}
	if g.dirty {
		t.Error("reopening marked the form dirty")
	}
	// A finding about a field of the closed section opens it and focuses the field.
	g.focusKey(problem{key: "other_qualifier"})
	if !g.detailsBox.Visible() || s.win.Canvas().Focused() != g.otherQual {
		t.Errorf("finding on box 15's qualifier: open %v, focus %T", g.detailsBox.Visible(), s.win.Canvas().Focused())
	}
}

// TestReferringQualifierFollowsLines: a referring provider picked for an
// ordered test gets DK (the checks' referring-qualifier finding), for a
// visit DN; a choice of the user is kept.
func TestReferringQualifierFollowsLines(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	f, _ := codeVisit(t, s, "80053")
	if !f.referringQual.Disabled() {
		t.Error("qualifier enabled without a referring provider")
	}
	f.referringSel.SetSelectedIndex(1)
	if got := qualifierCode(f.referringQual.Selected); got != "DK" || f.referringQual.Disabled() {
		t.Fatalf("qualifier for a lab test = %q (disabled %v), want DK", got, f.referringQual.Disabled())
	}
	if findingFor(f, "referring_qualifier") != nil {
		t.Error("the form set DK but the finding stays")
	}
	// The lab line removed, a visit added: back to DN.
	k := &keys{t: t, s: s}
	f.removeLine(f.lines[0])
	s.win.Canvas().Focus(f.procBox.entry)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	if got := qualifierCode(f.referringQual.Selected); got != "DN" {
		t.Fatalf("qualifier for an office visit = %q, want DN", got)
	}
	// The user's choice stays.
	s.win.Canvas().Focus(f.referringQual)
	k.typ("s")
	if got := qualifierCode(f.referringQual.Selected); got != "DQ" || f.qualAuto {
		t.Fatalf("typed s: qualifier %q (auto %v), want DQ chosen", got, f.qualAuto)
	}
	k.shortcut(ctrl(fyne.KeyS))
	e, err := w.db.Encounter(context.Background(), f.id)
	if err != nil || e.ReferringID != w.referring.ID || e.ReferringQualifier != "DQ" {
		t.Fatalf("stored referring %d %q, %v", e.ReferringID, e.ReferringQualifier, err)
	}
	// No provider: no qualifier.
	f.referringSel.SetSelectedIndex(0)
	if f.referringQual.Selected != "" || !f.referringQual.Disabled() {
		t.Errorf("qualifier %q kept without a provider", f.referringQual.Selected)
	}
}

// TestReferringQualifierFinding: an encounter stored with a referring
// provider but no qualifier for a lab test shows the referring-qualifier
// finding; choosing it focuses the qualifier, and typing k fixes it.
func TestReferringQualifierFinding(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	ctx := context.Background()
	d := claimdesk.NewDate(2026, 3, 2)
	e := claimdesk.Encounter{PatientID: w.patient.ID, PolicyID: w.policy.ID, DateFrom: d, POS: "11", RenderingID: w.rendering.ID, ReferringID: w.referring.ID,
		PriorAuth: "X1", Diagnoses: []string{"I10"},
		Lines: []claimdesk.ServiceLine{{From: d, POS: "11", Code: "80053", Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 4000}}}
	if err := w.db.SaveEncounter(ctx, &e); err != nil {
		t.Fatal(err)
	}
	es := encScreen(t, s)
	es.openForm(e.ID)
	f := es.form
	if f.referringQual.Selected != "" || f.dirty {
		t.Fatalf("stored empty qualifier shown as %q (dirty %v): a stored choice is not changed on opening", f.referringQual.Selected, f.dirty)
	}
	row := findingFor(f, "referring_qualifier")
	if row == nil {
		t.Fatalf("no referring-qualifier finding: %+v", f.problems())
	}
	row.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.win.Canvas().Focused() != f.referringQual {
		t.Fatalf("choosing the finding focused %T, want the qualifier", s.win.Canvas().Focused())
	}
	k := &keys{t: t, s: s}
	k.typ("k")
	if got := qualifierCode(f.referringQual.Selected); got != "DK" {
		t.Fatalf("typed k: qualifier %q", got)
	}
	if findingFor(f, "referring_qualifier") != nil {
		t.Error("finding stays after choosing DK")
	}
	k.shortcut(ctrl(fyne.KeyS))
	got, err := w.db.Encounter(ctx, e.ID)
	if err != nil || got.ReferringQualifier != "DK" {
		t.Fatalf("stored qualifier %q, %v", got.ReferringQualifier, err)
	}
}

// TestDialogsCloseOnEsc: Esc closes the print dialog from each of its
// focus stops (mode, file, check boxes, buttons), and the other encounter
// dialogs from their buttons and selects.
func TestDialogsCloseOnEsc(t *testing.T) {
	s, _ := openFlowShell(t, newFakeBackend())
	f, k := codeVisit(t, s, "99213")
	c := s.win.Canvas()
	k.shortcut(ctrl(fyne.KeyS))
	open := func() *printDialog {
		t.Helper()
		k.shortcut(ctrl(fyne.KeyP))
		if len(s.dialogs) != 1 || f.printDialog == nil {
			t.Fatalf("Ctrl+P: %d dialogs", len(s.dialogs))
		}
		return f.printDialog
	}
	p := open()
	// The focus stops, in order, from the file entry.
	stops := []fyne.Focusable{p.mode, p.path, p.open, p.cancelB, p.printB}
	walkTabs(t, s, stops)
	for i := range stops {
		if i > 0 {
			p = open()
			stops = []fyne.Focusable{p.mode, p.path, p.open, p.cancelB, p.printB}
		}
		c.Focus(stops[i])
		k.press(fyne.KeyEscape)
		if len(s.dialogs) != 0 {
			t.Fatalf("Esc with the focus on %T left the print dialog open", stops[i])
		}
	}
	if c.Focused() != f.printBtn && c.Focused() == nil {
		t.Error("no focus after the print dialog closed")
	}
	// The mode choice works from the keyboard.
	p = open()
	c.Focus(p.mode)
	k.press(fyne.KeyDown)
	if !strings.HasPrefix(p.mode.Selected, "Plain") {
		t.Errorf("Down on the mode chose %q", p.mode.Selected)
	}
	k.press(fyne.KeyEscape)

	// Leave dialog: Esc from each button keeps editing.
	f.priorAuth.SetText("X2")
	for _, pick := range []func(){func() {}, func() { c.FocusNext() }, func() { c.FocusNext(); c.FocusNext() }} {
		k.shortcut(ctrl(fyne.KeyW))
		if len(s.dialogs) != 1 {
			t.Fatal("no unsaved-changes dialog")
		}
		pick()
		k.press(fyne.KeyEscape)
		if len(s.dialogs) != 0 || encScreen(t, s).form != f {
			t.Fatalf("Esc in the unsaved-changes dialog (focus %T): %d dialogs", c.Focused(), len(s.dialogs))
		}
	}

	// New patient: Esc from the Sex select and the buttons.
	c.Focus(f.dxBox.entry)
	f.newPatientDialog("Fictiva, Nora")
	np := f.newPatient
	c.Focus(np.sex)
	k.press(fyne.KeyEscape)
	if len(s.dialogs) != 0 {
		t.Fatal("Esc on the Sex select left the New patient dialog open")
	}
	f.newPatientDialog("Fictiva, Nora")
	c.Focus(f.newPatient.entries["member"])
	c.FocusNext() // Cancel
	k.press(fyne.KeyEscape)
	if len(s.dialogs) != 0 {
		t.Fatalf("Esc on %T left the New patient dialog open", c.Focused())
	}

	// An error: its OK button has the focus; Esc and Enter close it.
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		s.ShowError(claimdesk.Errorf(claimdesk.EInvalid, "the file could not be written"))
		if _, ok := c.Focused().(*escButton); !ok || len(s.dialogs) != 1 {
			t.Fatalf("error dialog: focus %T, %d dialogs", c.Focused(), len(s.dialogs))
		}
		k.press(key)
		if len(s.dialogs) != 0 {
			t.Errorf("%s left the error dialog open", key)
		}
	}

	// Keyboard shortcuts (Ctrl+H): Esc on its Close button.
	k.shortcut(ctrl(fyne.KeyH))
	c.FocusNext()
	if _, ok := c.Focused().(*escButton); !ok {
		t.Fatalf("Tab in the shortcuts dialog focused %T", c.Focused())
	}
	k.press(fyne.KeyEscape)
	if len(s.dialogs) != 0 {
		t.Error("Esc on Close left the shortcuts dialog open")
	}
}

// tab presses Tab: the window moves the focus (widgets never see Tab).
func (k *keys) tab() {
	k.t.Helper()
	k.s.win.Canvas().FocusNext()
	k.count++
	k.log = append(k.log, "Tab")
}

// TestReferringQualifierRealChecks: with the real claim checks, a
// referring provider picked for a lab test gets DK (their
// referring-qualifier warning is the form's cue), and the printed claim
// data carries it.
func TestReferringQualifierRealChecks(t *testing.T) {
	w := newTestWorld(t)
	be := realChecks{fakeBackend: newFakeBackend(), desk: deskBackend{d: w.desk}}
	s := newTestShell(t, w.desk, withBackend(be), func(s *Shell) { s.checkDelay, s.autosaveEvery, s.noViewer = 0, 0, true })
	f, _ := codeVisit(t, s, "80053")
	f.referringSel.SetSelectedIndex(1)
	if got := qualifierCode(f.referringQual.Selected); got != "DK" {
		t.Fatalf("qualifier for 80053 with the real checks = %q, want DK; findings %+v", got, f.findings)
	}
	for _, fd := range f.findings {
		if fd.Rule == ruleReferringQualifier {
			t.Errorf("finding kept after the form set DK: %s", fd.Message)
		}
	}
	// Without the qualifier the real checks do warn (the cue's contract).
	e, _ := f.input().toEncounter()
	e.ReferringQualifier = ""
	fs, err := be.CheckEncounter(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, fd := range fs {
		found = found || fd.Rule == ruleReferringQualifier && fd.Severity == claimdesk.SeverityWarning && fieldPath(fd.Field) == "referring_qualifier"
	}
	if !found {
		t.Errorf("the real checks give no referring-qualifier warning for a lab test without qualifier: %+v", fs)
	}
}
