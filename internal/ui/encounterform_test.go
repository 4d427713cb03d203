package ui

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"claimdesk/internal/claimdesk"
)

// openFlowShell builds the shell over a seeded temp database.
func openFlowShell(t *testing.T, be encounterBackend) (*Shell, *testWorld) {
	t.Helper()
	w := newTestWorld(t)
	s := newTestShell(t, w.desk, withBackend(be), func(s *Shell) {
		s.checkDelay, s.autosaveEvery, s.noViewer = 0, 0, true
	})
	return s, w
}

func encScreen(t *testing.T, s *Shell) *encounterScreen {
	t.Helper()
	es, ok := s.screenNamed(encountersName).(*encounterScreen)
	if !ok {
		t.Fatal("no Encounters screen")
	}
	return es
}

// TestEncounterKeyboardFlow is the whole coding flow from the keyboard:
// Ctrl+N, pick a patient by typing, "diab 2 hyperg" Enter adds E11.65,
// 99213 with pointer A, Ctrl+S; the database then holds the encounter, its
// line and its draft claim. The keystrokes are counted for
// docs/benchmarks.md.
func TestEncounterKeyboardFlow(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	c := s.win.Canvas()

	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	if f == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	if c.Focused() != f.patientBox.entry {
		t.Fatalf("focus after Ctrl+N = %T, want the patient box", c.Focused())
	}
	k.typ("test")
	if n := len(f.patientBox.Items()); n < 2 {
		t.Fatalf("patient search shows %d rows, want the patient and New patient…", n)
	}
	k.press(fyne.KeyReturn)
	if f.patient == nil || f.patient.ID != w.patient.ID {
		t.Fatalf("picked patient = %+v", f.patient)
	}
	if got := f.policyID(f.policySel); got != w.policy.ID {
		t.Errorf("policy = %d, want the primary %d", got, w.policy.ID)
	}
	if c.Focused() != f.dxBox.entry {
		t.Fatalf("focus after picking the patient = %T, want the diagnosis search", c.Focused())
	}
	k.typ("diab 2 hyperg")
	if it, ok := f.dxBox.Highlighted(); !ok || it.Key != "E11.65" {
		t.Fatalf("highlighted diagnosis = %+v, want E11.65", it)
	}
	if !strings.Contains(f.dxBox.detail.Text, "Excludes1") {
		t.Errorf("notes of the highlighted result not shown: %q", f.dxBox.detail.Text)
	}
	k.press(fyne.KeyReturn)
	if len(f.dx) != 1 || f.dx[0].Code != "E11.65" {
		t.Fatalf("diagnoses = %+v, want [E11.65]", f.dx)
	}
	k.press(fyne.KeyReturn) // empty box: on to the service lines
	if c.Focused() != f.procBox.entry {
		t.Fatalf("focus = %T, want the service line search", c.Focused())
	}
	k.typ("99213")
	k.press(fyne.KeyReturn)
	if len(f.lines) != 1 {
		t.Fatalf("lines = %d, want 1", len(f.lines))
	}
	l := f.lines[0]
	if l.ptrs.Text != "A" || l.units.Text != "1" || l.charge.Text != "125.00" {
		t.Errorf("line = pointers %q units %q charge %q, want A 1 125.00", l.ptrs.Text, l.units.Text, l.charge.Text)
	}
	if f.readyBtn.Disabled() {
		t.Errorf("Mark ready disabled with no errors; problems: %+v", f.problems())
	}
	k.shortcut(ctrl(fyne.KeyS))
	if f.dirty {
		t.Fatal("form still dirty after Ctrl+S")
	}

	// The database holds the encounter, its diagnosis and line, and a draft claim.
	ctx := context.Background()
	encs, err := w.db.Encounters(ctx, claimdesk.EncounterFilter{})
	if err != nil || len(encs) != 1 {
		t.Fatalf("encounters = %d, %v; want 1", len(encs), err)
	}
	e, err := w.db.Encounter(ctx, encs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.PatientID != w.patient.ID || e.PolicyID != w.policy.ID || e.POS != "11" || !e.DateFrom.Equal(claimdesk.DateOf(fixedNow)) || e.RenderingID != w.rendering.ID {
		t.Errorf("stored encounter = %+v", e)
	}
	if len(e.Diagnoses) != 1 || claimdesk.FormatICD(e.Diagnoses[0]) != "E11.65" {
		t.Errorf("stored diagnoses = %v", e.Diagnoses)
	}
	if len(e.Lines) != 1 || e.Lines[0].Code != "99213" || e.Lines[0].Pointers != "A" || e.Lines[0].Charge != 12500 || e.Lines[0].Units != claimdesk.WholeUnits(1) {
		t.Errorf("stored lines = %+v", e.Lines)
	}
	claims, err := w.db.ClaimsOfEncounter(ctx, e.ID)
	if err != nil || len(claims) != 1 || claims[0].Status != claimdesk.StatusDraft || claims[0].TotalCharge != 12500 {
		t.Fatalf("claims = %+v, %v; want one draft of 125.00", claims, err)
	}
	// The live checks' claim data equals the store's for the saved claim.
	live, err := w.desk.EncounterClaimData(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := w.db.ClaimData(ctx, claims[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	live.Claim, stored.Claim = claimdesk.Claim{}, claimdesk.Claim{}
	if lj, sj := mustJSON(t, live), mustJSON(t, stored); lj != sj {
		t.Errorf("EncounterClaimData differs from the store's ClaimData:\n%s\n%s", lj, sj)
	}
	t.Logf("keyboard flow: %d keystrokes: %s", k.count, strings.Join(k.log, " "))
	if k.count > 30 {
		t.Errorf("the common path takes %d keystrokes; keep it at 30 or fewer", k.count)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMarkReadyFollowsChecks: Mark ready is disabled while the checks
// report errors and enabled once they are fixed; it then moves the claim
// to ready.
func TestMarkReadyFollowsChecks(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	if !f.readyBtn.Disabled() {
		t.Error("Mark ready enabled on an empty form")
	}
	k.typ("T1001")
	k.press(fyne.KeyReturn)
	k.typ("Z00.00")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	// The fake edit says Z00.00 does not go with a problem visit.
	if !f.findings.HasErrors() {
		t.Fatalf("findings = %+v, want an error", f.findings)
	}
	if !f.readyBtn.Disabled() {
		t.Fatal("Mark ready enabled while the checks report errors")
	}
	if !strings.Contains(f.errs["diagnoses"].Text+f.lines[0].err.Text, "preventive") {
		t.Errorf("error not shown next to its field: line error %q", f.lines[0].err.Text)
	}
	// Choosing the finding moves the focus to the line's pointers.
	var row *findingRow
	for _, r := range f.checks.rows {
		if r.prob.severity == claimdesk.SeverityError {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no error row in the checks panel")
	}
	row.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.win.Canvas().Focused() != f.lines[0].ptrs {
		t.Errorf("choosing the finding focused %T, want the line's pointers", s.win.Canvas().Focused())
	}
	// A field error (no pointer) also disables it.
	f.lines[0].ptrs.SetText("")
	if !f.readyBtn.Disabled() {
		t.Error("Mark ready enabled with a line without pointer")
	}
	f.lines[0].ptrs.SetText("A")

	// Fix: replace Z00.00 by I10 from the keyboard.
	s.win.Canvas().Focus(f.dxList)
	k.press(fyne.KeyDelete)
	if len(f.dx) != 0 {
		t.Fatalf("Delete did not remove the diagnosis: %+v", f.dx)
	}
	if f.lines[0].ptrs.Text != "" {
		t.Errorf("pointer to a removed diagnosis kept: %q", f.lines[0].ptrs.Text)
	}
	s.win.Canvas().Focus(f.dxBox.entry)
	k.typ("hypert")
	k.press(fyne.KeyReturn)
	f.lines[0].ptrs.SetText("a")
	if f.lines[0].ptrs.Text != "A" {
		t.Errorf("pointer typed a shows %q, want A", f.lines[0].ptrs.Text)
	}
	if f.findings.HasErrors() || f.readyBtn.Disabled() {
		t.Fatalf("Mark ready still disabled after the fix; problems %+v", f.problems())
	}
	k.shortcut(ctrl(fyne.KeyR))
	if f.claim == nil || f.claim.Status != claimdesk.StatusReady {
		t.Fatalf("claim after Mark ready = %+v", f.claim)
	}
	got, err := w.db.Claim(context.Background(), f.claim.ID)
	if err != nil || got.Status != claimdesk.StatusReady {
		t.Fatalf("stored claim = %+v, %v", got, err)
	}
	if !f.saveBtn.Disabled() {
		t.Error("Save enabled for a ready claim")
	}
}

// TestPrintWritesPDF: Ctrl+P asks for the mode and file and writes a PDF
// that passes qpdf --check.
func TestPrintWritesPDF(t *testing.T) {
	be := newFakeBackend()
	s, _ := openFlowShell(t, be)
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("99214")
	k.press(fyne.KeyReturn)
	k.shortcut(ctrl(fyne.KeyP))
	if f.printDialog == nil {
		t.Fatal("Ctrl+P opened no print dialog")
	}
	out := filepath.Join(t.TempDir(), "out", "claim.pdf")
	entry := s.win.Canvas().Focused().(*escEntry)
	entry.SetText(out)
	f.printDialog.Submit()
	if f.dirty || f.claim == nil {
		t.Fatal("printing did not save the draft first")
	}
	if len(be.printed) != 1 || be.printed[0] != f.claim.ID {
		t.Fatalf("printed claims = %v, want [%d]", be.printed, f.claim.ID)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("PDF mode = %v, want 0600", fi.Mode().Perm())
	}
	qpdfCheck(t, out)
}

// qpdfCheck runs qpdf --check on a PDF (skipped without qpdf, except in CI).
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is not installed")
		}
		t.Skip("qpdf not installed")
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// TestDiagnosisListKeyboard: Alt+↑/↓ reorder box 21 and the lines' pointers
// follow; a header code asks for the missing characters.
func TestDiagnosisListKeyboard(t *testing.T) {
	s, _ := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("test")
	k.press(fyne.KeyReturn)
	for _, q := range []string{"I10", "J06.9"} {
		k.typ(q)
		k.press(fyne.KeyReturn)
	}
	// A header: Enter asks for the missing characters.
	k.typ("E11")
	if it, _ := f.dxBox.Highlighted(); it.Key != "E11" || !it.Warn {
		t.Fatalf("highlighted = %+v, want the E11 header", it)
	}
	k.press(fyne.KeyReturn)
	if len(s.dialogs) != 1 {
		t.Fatalf("no completion dialog (dialogs %d)", len(s.dialogs))
	}
	k.typ("6")
	dlgBox := s.win.Canvas().Focused().(*searchEntry).box
	if items := dlgBox.Items(); len(items) != 1 || items[0].Key != "E11.65" {
		t.Errorf("completions for 6 = %+v, want only E11.65", items)
	}
	k.typ("5")
	k.press(fyne.KeyReturn)
	if len(f.dx) != 3 || f.dx[2].Code != "E11.65" {
		t.Fatalf("after completion diagnoses = %+v", f.dx)
	}
	if len(s.dialogs) != 0 {
		t.Error("completion dialog still open")
	}
	k.press(fyne.KeyReturn)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	f.lines[0].ptrs.SetText("AC")

	c := s.win.Canvas()
	c.Focus(f.dxList)
	f.dxList.TypedRune('c')
	f.dxList.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt})
	f.dxList.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt})
	var codes []string
	for _, d := range f.dx {
		codes = append(codes, d.Code)
	}
	if strings.Join(codes, " ") != "E11.65 I10 J06.9" {
		t.Fatalf("after moving C to the top: %v", codes)
	}
	if got := f.lines[0].ptrs.Text; got != "BA" {
		t.Errorf("pointers after the move = %q, want BA (same diagnoses)", got)
	}
	// Esc closes the completion dialog.
	c.Focus(f.dxBox.entry)
	k.typ("E11")
	k.press(fyne.KeyReturn)
	if len(s.dialogs) != 1 {
		t.Fatal("no completion dialog")
	}
	k.press(fyne.KeyEscape)
	if len(s.dialogs) != 0 {
		t.Error("Esc did not close the completion dialog")
	}
}

// TestUnsavedChangesPrompt: leaving a dirty form asks; Discard leaves.
func TestUnsavedChangesPrompt(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	es := encScreen(t, s)
	f := es.form
	k.typ("test")
	k.press(fyne.KeyReturn)
	left := false
	es.leave(func() { left = true }) // as the shell does before switching screens
	if left || f.leaveDialog == nil {
		t.Fatal("left a dirty form without asking")
	}
	f.leaveDialog.Hide() // Keep editing
	k.shortcut(ctrl(fyne.KeyW))
	if es.form == nil {
		t.Fatal("form closed without asking")
	}
	// Discard.
	s.dialogs[len(s.dialogs)-1].Hide()
	f.dirty = false
	k.shortcut(ctrl(fyne.KeyW))
	if es.form != nil {
		t.Fatal("clean form did not close")
	}
	if n, _ := w.db.Encounters(context.Background(), claimdesk.EncounterFilter{}); len(n) != 0 {
		t.Errorf("discarded encounter was saved")
	}
}

// TestWorklistOpensWithEnter: the worklist filters by patient and Enter
// opens the encounter with its codes.
func TestWorklistOpensWithEnter(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	ctx := context.Background()
	e := claimdesk.Encounter{PatientID: w.patient.ID, PolicyID: w.policy.ID, DateFrom: claimdesk.NewDate(2026, 3, 2), POS: "11", RenderingID: w.rendering.ID,
		Diagnoses: []string{"E11.65", "I10"},
		Lines:     []claimdesk.ServiceLine{{From: claimdesk.NewDate(2026, 3, 2), POS: "11", Code: "99214", Pointers: "AB", Units: claimdesk.WholeUnits(1), Charge: 18000}}}
	if err := w.db.SaveEncounter(ctx, &e); err != nil {
		t.Fatal(err)
	}
	es := encScreen(t, s)
	s.Show(encountersName)
	if len(es.rows) != 1 {
		t.Fatalf("worklist rows = %d, want 1", len(es.rows))
	}
	k := &keys{t: t, s: s}
	s.win.Canvas().Focus(es.search)
	k.typ("zzz")
	if len(es.rows) != 0 {
		t.Fatalf("filter zzz shows %d rows", len(es.rows))
	}
	for range 3 {
		k.press(fyne.KeyBackspace)
	}
	k.typ("testp")
	if len(es.rows) != 1 {
		t.Fatalf("filter testp shows %d rows", len(es.rows))
	}
	es.statusSel.SetSelected(claimdesk.StatusReady.Label())
	if len(es.rows) != 0 {
		t.Fatalf("status filter Ready shows %d rows", len(es.rows))
	}
	es.statusSel.SetSelectedIndex(0)
	es.fromEntry.SetText("03/03/2026")
	if len(es.rows) != 0 {
		t.Fatalf("from 03/03/2026 shows %d rows", len(es.rows))
	}
	es.fromEntry.SetText("3/2/26x")
	if !es.filterErr.Visible() || !strings.Contains(es.filterErr.Text, "MM/DD/YYYY") {
		t.Errorf("bad date filter error = %q", es.filterErr.Text)
	}
	es.fromEntry.SetText("03/01/2026")
	es.provSel.SetSelectedIndex(1)
	if len(es.rows) != 1 {
		t.Fatalf("from 03/01/2026 and the provider show %d rows", len(es.rows))
	}
	s.win.Canvas().Focus(es.search)
	k.press(fyne.KeyReturn)
	f := es.form
	if f == nil || f.id != e.ID {
		t.Fatalf("Enter did not open the encounter")
	}
	if len(f.dx) != 2 || f.dx[0].Title == "" || len(f.lines) != 1 || f.lines[0].ptrs.Text != "AB" || f.lines[0].charge.Text != "180.00" {
		t.Fatalf("form shows dx %+v, lines %d", f.dx, len(f.lines))
	}
	if f.dirty {
		t.Error("loading an encounter marked it dirty")
	}
	if f.dateFrom.Text != "03/02/2026" {
		t.Errorf("DOS shows %q", f.dateFrom.Text)
	}
}

// TestTabOrderFollowsReadingOrder pins the form's tab order.
func TestTabOrderFollowsReadingOrder(t *testing.T) {
	s, _ := openFlowShell(t, newFakeBackend())
	pressShortcut(t, s, ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	c := s.win.Canvas()
	k := &keys{t: t, s: s}
	c.Focus(f.patientBox.entry)
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	l := f.lines[0]
	// The claim details section is closed: one stop; the qualifier waits
	// for a referring provider.
	want := []fyne.Focusable{f.patientBox.entry, f.policySel, f.secondarySel, f.dateFrom, f.dateTo, f.posBox.entry,
		f.renderingSel, f.referringSel, f.facilitySel, f.detailsBtn, f.dxBox.entry, f.dxList, f.procBox.entry,
		l.mods, l.ptrs, l.units, l.charge, l.ndc, l.remove}
	// The checks panel stands beside the form, the buttons below both.
	if len(f.checks.rows) == 0 {
		t.Fatal("no finding in the checks panel (the fake backend warns about prior auth)")
	}
	for _, r := range f.checks.rows {
		want = append(want, r)
	}
	want = append(want, f.saveBtn, f.readyBtn, f.printBtn, f.closeBtn)
	walkTabs(t, s, want)

	// With a referring provider, an auto accident and the section open:
	// the qualifier beside the provider, then boxes 10, 14, 15 and 23 in
	// reading order (left column, then right), then the diagnoses.
	f.referringSel.SetSelectedIndex(1)
	c.Focus(f.detailsBtn)
	k.press(fyne.KeySpace)
	if !f.detailsBox.Visible() {
		t.Fatal("Space on the section title did not open it")
	}
	f.autoAccident.SetChecked(true)
	walkTabs(t, s, []fyne.Focusable{f.renderingSel, f.referringSel, f.referringQual, f.facilitySel, f.detailsBtn,
		f.employment, f.autoAccident, f.accidentState, f.otherAccident,
		f.onsetDate, f.onsetQual, f.otherDate, f.otherQual, f.priorAuth, f.dxBox.entry})
}

// walkTabs focuses want[0], presses Tab and checks each next stop.
func walkTabs(t *testing.T, s *Shell, want []fyne.Focusable) {
	t.Helper()
	c := s.win.Canvas()
	c.Focus(want[0])
	for i := 1; i < len(want); i++ {
		c.FocusNext()
		if c.Focused() != want[i] {
			t.Fatalf("Tab %d focused %T, want %T (%d)", i, c.Focused(), want[i], i)
		}
	}
}

// realChecks is the fake code search with the desk's real claim checks
// and CMS-1500 printing.
type realChecks struct {
	*fakeBackend
	desk deskBackend
}

func (r realChecks) CheckEncounter(ctx context.Context, e claimdesk.Encounter) (claimdesk.Findings, error) {
	return r.desk.CheckEncounter(ctx, e)
}

func (r realChecks) PrintClaim(ctx context.Context, id int64, path, mode string, submit bool) error {
	return r.desk.PrintClaim(ctx, id, path, mode, submit)
}

// TestRealChecksAndPrint runs the flow with the real claim checks and the
// real CMS-1500 renderer: Mark ready, then Ctrl+P writes a PDF that passes
// qpdf --check and marks the claim submitted.
func TestRealChecksAndPrint(t *testing.T) {
	w := newTestWorld(t)
	be := realChecks{fakeBackend: newFakeBackend(), desk: deskBackend{d: w.desk}}
	s := newTestShell(t, w.desk, withBackend(be), func(s *Shell) { s.checkDelay, s.autosaveEvery, s.noViewer = 0, 0, true })
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("diab 2 hyperg")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	for _, fd := range f.findings {
		t.Logf("finding: %s", fd)
	}
	if f.findings.HasErrors() || f.readyBtn.Disabled() {
		t.Fatalf("real checks report errors on a clean claim: %+v", f.problems())
	}
	k.shortcut(ctrl(fyne.KeyR))
	if f.claim == nil || f.claim.Status != claimdesk.StatusReady {
		t.Fatalf("claim after Mark ready = %+v", f.claim)
	}
	k.shortcut(ctrl(fyne.KeyP))
	out := filepath.Join(t.TempDir(), "claim.pdf")
	s.win.Canvas().Focused().(*escEntry).SetText(out)
	f.printSubmit.SetChecked(true)
	f.printDialog.Submit()
	qpdfCheck(t, out)
	c, err := w.db.Claim(context.Background(), f.claim.ID)
	if err != nil || c.Status != claimdesk.StatusSubmitted {
		t.Fatalf("claim after printing = %+v, %v; want submitted", c.Status, err)
	}
	if txt, err := exec.Command("pdftotext", "-layout", out, "-").Output(); err == nil {
		for _, want := range []string{"E1165", "99213", "TESTPERSON"} {
			if !strings.Contains(strings.ReplaceAll(string(txt), ".", ""), want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	}
}

// TestAutosaveDraft: a dirty draft the store accepts is saved by the
// autosave tick; an incomplete one waits.
func TestAutosaveDraft(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("99213")
	k.press(fyne.KeyReturn)
	f.lines[0].ptrs.SetText("")
	f.autosaveTick() // a line without pointer: not saved
	ctx := context.Background()
	if encs, _ := w.db.Encounters(ctx, claimdesk.EncounterFilter{}); len(encs) != 0 {
		t.Fatal("autosaved a draft with field errors")
	}
	f.lines[0].ptrs.SetText("A")
	f.autosaveTick()
	if encs, _ := w.db.Encounters(ctx, claimdesk.EncounterFilter{}); len(encs) != 1 || f.dirty {
		t.Fatalf("autosave: %d encounters, dirty %v", len(encs), f.dirty)
	}
	if !strings.HasPrefix(s.message.Text, "Draft autosaved") {
		t.Errorf("status = %q", s.message.Text)
	}
}

// TestNewPatientInline: a patient not found is created from the picker
// without leaving the form, with a primary policy, and then chosen.
func TestNewPatientInline(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("Fictiva, Nora")
	items := f.patientBox.Items()
	if len(items) != 1 || items[0].Tag != "create" {
		t.Fatalf("picker rows = %+v, want only New patient…", items)
	}
	k.press(fyne.KeyReturn)
	np := f.newPatient
	if np == nil || np.entries["last"].Text != "Fictiva" || np.entries["first"].Text != "Nora" {
		t.Fatal("New patient dialog not opened with the typed name")
	}
	if s.win.Canvas().Focused() != np.entries["dob"] {
		t.Errorf("focus = %T, want the DOB entry", s.win.Canvas().Focused())
	}
	// Missing fields: the dialog stays and says what is wrong.
	np.submit()
	if np.err.Text == "" || f.patient != nil {
		t.Fatalf("incomplete patient accepted (err %q)", np.err.Text)
	}
	for key, v := range map[string]string{"dob": "07/04/1980", "line1": "1 Sample St", "city": "Springfield", "state": "il", "zip": "62701", "member": "MEM123"} {
		np.entries[key].SetText(v)
	}
	np.sex.SetSelected("F")
	np.payer.SetSelectedIndex(1)
	np.submit()
	if np.err.Text != "" {
		t.Fatalf("create failed: %s", np.err.Text)
	}
	if f.patient == nil || f.patient.Last != "Fictiva" || f.policyID(f.policySel) == 0 {
		t.Fatalf("new patient not chosen with a policy: %+v", f.patient)
	}
	pols, err := w.db.Policies(context.Background(), f.patient.ID)
	if err != nil || len(pols) != 1 || pols[0].PayerID != w.payer.ID {
		t.Fatalf("stored policies = %+v, %v", pols, err)
	}
	if s.win.Canvas().Focused() != f.dxBox.entry {
		t.Errorf("focus after creating = %T, want the diagnosis search", s.win.Canvas().Focused())
	}
}

// TestDrugLineNDC: a drug line's NDC cell takes the NDC, its unit and
// quantity, and they are stored with the line.
func TestDrugLineNDC(t *testing.T) {
	s, w := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn)
	k.typ("J3301")
	k.press(fyne.KeyReturn)
	l := f.lines[0]
	l.charge.SetText("30.00")
	s.win.Canvas().Focus(l.ndc)
	k.typ("00003-0293-05 ml 1")
	k.shortcut(ctrl(fyne.KeyS))
	if f.dirty {
		t.Fatalf("not saved: %+v", f.problems())
	}
	e, err := w.db.Encounter(context.Background(), f.id)
	if err != nil {
		t.Fatal(err)
	}
	got := e.Lines[0]
	if got.NDC != "00003029305" || got.NDCUnit != "ML" || got.NDCQty != claimdesk.WholeUnits(1) || got.Charge != 3000 || !got.ChargeOverridden {
		t.Errorf("stored drug line = %+v", got)
	}
}

// TestRecoveryAfterCrash: edits not yet saved are kept in a recovery file
// beside the database; the next start offers them back, and saving
// removes the file.
func TestRecoveryAfterCrash(t *testing.T) {
	w := newTestWorld(t)
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	opts := func() []Option {
		return []Option{WithDatabase(&Database{Path: path, Desk: w.desk}, nil), withBackend(newFakeBackend()),
			func(s *Shell) { s.checkDelay, s.autosaveEvery, s.noViewer = 0, 0, true }}
	}
	s := newTestShell(t, w.desk, opts()...)
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	k.typ("test")
	k.press(fyne.KeyReturn)
	k.typ("I10")
	k.press(fyne.KeyReturn) // no line yet: the store would refuse this draft
	rec := path + ".unsaved.json"
	fi, err := os.Stat(rec)
	if err != nil {
		t.Fatalf("no recovery file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("recovery file mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(rec)
	if strings.Contains(string(b), "Testperson") {
		t.Error("the recovery file holds the patient's name")
	}

	// "Crash": a new shell over the same database.
	s2 := newTestShell(t, w.desk, opts()...)
	es := encScreen(t, s2)
	if es.recoveryDialog == nil {
		t.Fatal("no offer to restore the unsaved edits")
	}
	s2.win.Canvas().Focused().(*escButton).OnTapped()
	f := es.form
	if f == nil || f.patient == nil || f.patient.ID != w.patient.ID || len(f.dx) != 1 || f.dx[0].Code != "I10" || !f.dirty {
		t.Fatalf("restored form: patient %+v dx %+v dirty %v", f.patient, f.dx, f != nil && f.dirty)
	}
	k2 := &keys{t: t, s: s2}
	s2.win.Canvas().Focus(f.procBox.entry)
	k2.typ("99213")
	k2.press(fyne.KeyReturn)
	k2.shortcut(ctrl(fyne.KeyS))
	if f.dirty {
		t.Fatalf("not saved: %+v", f.problems())
	}
	if _, err := os.Stat(rec); !os.IsNotExist(err) {
		t.Errorf("recovery file still there after saving: %v", err)
	}
}

// TestPlaceOfServicePicker: typing a word offers the CMS places; picking
// one sets the code and its name, and the field stays live afterwards.
func TestPlaceOfServicePicker(t *testing.T) {
	s, _ := openFlowShell(t, newFakeBackend())
	k := &keys{t: t, s: s}
	k.shortcut(ctrl(fyne.KeyN))
	f := encScreen(t, s).form
	if f.posBox.Text() != "11" || f.posName.Text != "Office" {
		t.Fatalf("default POS = %q %q", f.posBox.Text(), f.posName.Text)
	}
	s.win.Canvas().Focus(f.posBox.entry)
	f.posBox.entry.SetText("")
	k.typ("tele")
	if it, ok := f.posBox.Highlighted(); !ok || it.Key != "02" {
		t.Fatalf("POS search tele highlights %+v", it)
	}
	k.press(fyne.KeyReturn)
	if f.posBox.Text() != "02" || !strings.HasPrefix(f.posName.Text, "Telehealth") {
		t.Fatalf("picked POS = %q %q", f.posBox.Text(), f.posName.Text)
	}
	f.dirty = false
	s.win.Canvas().Focus(f.posBox.entry)
	f.posBox.entry.SetText("12")
	if f.posName.Text != "Home" || !f.dirty {
		t.Errorf("typing 12 after a pick: name %q, dirty %v", f.posName.Text, f.dirty)
	}
}
