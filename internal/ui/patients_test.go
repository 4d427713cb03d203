package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/internal/claimdesk"
)

// keyboard types into a canvas the way a user does: text into the focused
// widget, Tab to the next one, Enter and Space as keys.
type keyboard struct {
	t *testing.T
	c fyne.Canvas
}

func (k keyboard) typeText(s string) {
	f := k.c.Focused()
	if f == nil {
		k.t.Fatalf("typing %q: nothing has the focus", s)
	}
	for _, r := range s {
		f.TypedRune(r)
	}
}
func (k keyboard) tab() { test.FocusNext(k.c) }
func (k keyboard) key(name fyne.KeyName) {
	f := k.c.Focused()
	if f == nil {
		k.t.Fatalf("key %s: nothing has the focus", name)
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
}

// fill types each value and tabs to the next field, checking that the
// focus is where the form's reading order says it should be.
func (k keyboard) fill(fields []fyne.Focusable, values []string) {
	k.t.Helper()
	for i, f := range fields {
		if got := k.c.Focused(); got != f {
			k.t.Fatalf("field %d: focus is on %T, want %T (tab order)", i, got, f)
		}
		if values[i] != "" {
			k.typeText(values[i])
		}
		if i < len(fields)-1 {
			k.tab()
			// A drop-down entry's button takes a Tab stop of its own.
			if _, ok := k.c.Focused().(fyne.Focusable); ok && k.c.Focused() != fields[i+1] {
				k.tab()
			}
		}
	}
}

func TestPatientWithSecondaryPolicyFromKeyboard(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(patientsName)
	ps := s.screenNamed(patientsName).(*patientScreen)
	c := s.win.Canvas()
	k := keyboard{t, c}

	c.Focus(ps.newB)
	k.key(fyne.KeySpace)
	if c.Focused() != ps.account {
		t.Fatalf("New patient left the focus on %T", c.Focused())
	}
	p := ps.person
	k.fill([]fyne.Focusable{ps.account, p.last, p.first, p.middle, p.suffix, p.dob, p.sex, p.line1, p.line2, p.city, p.state, p.zip, p.phone},
		[]string{"T90001", "Testwood", "Marigold", "", "", "04/05/1961", "F", "12 Fiction Lane", "", "Springfield", "IL", "62701", "2175550111"})
	k.key(fyne.KeyReturn)
	if ps.current.ID == 0 {
		t.Fatalf("Enter did not save the patient; errors: %q", ps.fs.other.Text)
	}
	if c.Focused() != ps.addPolB {
		t.Fatalf("after saving, focus is on %T, want Add policy", c.Focused())
	}

	// Primary: the patient's own Medicare policy.
	k.key(fyne.KeySpace)
	pe := ps.pol
	if pe == nil || c.Focused() != pe.payer {
		t.Fatal("Add policy did not open the policy editor on the payer")
	}
	pe.payer.SetText("")
	pe.priority.SetText("")
	pe.rel.SetText("")
	k.fill([]fyne.Focusable{pe.payer, pe.priority, pe.member, pe.group, pe.plan, pe.rel, pe.from, pe.to},
		[]string{"Medicare", "primary", "1EG4TE5MK73", "", "", "self", "01/01/2026", ""})
	k.key(fyne.KeyReturn)
	if len(ps.policies) != 1 {
		t.Fatalf("primary not saved: %v %q", ps.pol != nil, func() string {
			if ps.pol != nil {
				return ps.pol.fs.other.Text + ps.pol.fs.message("payer_id")
			}
			return ""
		}())
	}

	// Secondary: the spouse's group plan, with the spouse as subscriber.
	k.key(fyne.KeySpace)
	pe = ps.pol
	pe.payer.SetText("")
	pe.rel.SetText("")
	pe.priority.SetText("")
	k.fill([]fyne.Focusable{pe.payer, pe.priority, pe.member, pe.group, pe.plan, pe.rel, pe.from, pe.to},
		[]string{"Prairie Health", "secondary", "PHG77001", "GRP-100", "Gold PPO", "spouse", "02/01/2026", "12/31/2026"})
	// Saving without the subscriber shows the errors beside its fields.
	k.key(fyne.KeyReturn)
	if !strings.Contains(pe.subFS.message("subscriber.last"), "last name is required") {
		t.Fatalf("no error beside the subscriber's last name: %q / %q", pe.subFS.message("subscriber.last"), pe.fs.other.Text)
	}
	if c.Focused() != pe.sub.last {
		t.Fatalf("focus is on %T, want the subscriber's last name", c.Focused())
	}
	sp := pe.sub
	k.fill([]fyne.Focusable{sp.last, sp.first, sp.middle, sp.suffix, sp.dob, sp.sex, sp.line1, sp.line2, sp.city, sp.state, sp.zip},
		[]string{"Testwood", "Rowan", "", "", "07/08/1958", "M", "12 Fiction Lane", "", "Springfield", "IL", "62701"})
	k.key(fyne.KeyReturn)
	if len(ps.policies) != 2 {
		t.Fatalf("secondary not saved: %q", pe.fs.other.Text)
	}

	pols, err := desk.Patients.Policies(t.Context(), ps.current.ID)
	if err != nil || len(pols) != 2 {
		t.Fatalf("store has %d policies: %v", len(pols), err)
	}
	sec := pols[1]
	if sec.Priority != claimdesk.Secondary || sec.Relationship != claimdesk.RelSpouse || sec.Subscriber == nil ||
		sec.Subscriber.First != "Rowan" || sec.MemberID != "PHG77001" || sec.EffectiveTo != claimdesk.MustDate("2026-12-31") {
		t.Fatalf("secondary policy = %+v", sec)
	}

	// The list finds the patient by DOB and by account.
	for _, q := range []string{"04/05/1961", "T90001", "testw"} {
		ps.search.SetText(q)
		found := false
		for _, r := range ps.rows {
			found = found || r.ID == ps.current.ID
		}
		if !found {
			t.Errorf("search %q does not find the patient", q)
		}
	}
}

func TestPatientFormErrorsMatchCLI(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(patientsName)
	ps := s.screenNamed(patientsName).(*patientScreen)
	ps.open(claimdesk.Patient{})
	ps.account.SetText("A 1")
	ps.person.dob.SetText("13/45/2000")
	ps.person.state.SetText("Illinois")
	ps.person.zip.SetText("1234")
	test.Tap(ps.saveB)
	// The same messages the domain (and so the CLI) gives, beside each field.
	want := map[string]string{
		"account":       "account number must be up to 20 characters without spaces or hyphens",
		"last":          "last name is required",
		"dob":           "date of birth: write it as MM/DD/YYYY",
		"address.state": claimdesk.CheckState("ILLINOIS"),
		"address.zip":   claimdesk.CheckZIP("1234"),
	}
	for path, msg := range want {
		if got := ps.fs.message(path); got != msg {
			t.Errorf("%s: %q, want %q", path, got, msg)
		}
	}
	if s.win.Canvas().Focused() != ps.account {
		t.Errorf("focus is on %T, want the first field in error", s.win.Canvas().Focused())
	}
}
