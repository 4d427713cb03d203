package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/internal/claimdesk"
)

func TestFirstRunSetupCreatesPracticeAndProvider(t *testing.T) {
	desk, path := openRecordsDesk(t, false)
	lastSetup = nil
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	w := lastSetup
	if w == nil {
		t.Fatal("a database without a practice did not open the first-run setup")
	}
	c := s.win.Canvas()
	k := keyboard{t, c}
	if c.Focused() != w.practice.name {
		t.Fatalf("setup starts with the focus on %T, want the practice name", c.Focused())
	}

	// Step 1: the clinic. A bad ZIP is caught before moving on.
	pf := w.practice
	k.fill([]fyne.Focusable{pf.name, pf.line1, pf.line2, pf.city, pf.state, pf.zip, pf.phone},
		[]string{"Fernhill Family Practice (Test)", "1 Example Way", "", "Springfield", "IL", "6270", "2175550100"})
	k.key(fyne.KeyReturn)
	if w.step != 0 || pf.clinic.message("address.zip") != claimdesk.CheckZIP("6270") {
		t.Fatalf("step %d, ZIP error %q", w.step, pf.clinic.message("address.zip"))
	}
	if c.Focused() != pf.zip {
		t.Fatalf("focus on %T, want the ZIP with the error", c.Focused())
	}
	k.typeText("10001")
	c.Focus(pf.taxID)
	k.typeText("37-1234567")
	k.key(fyne.KeyReturn)
	if w.step != 1 || c.Focused() != pf.npi {
		t.Fatalf("after step 1: step %d, focus %T", w.step, c.Focused())
	}

	// Step 2: the billing NPI, checked as it is typed.
	k.typeText("123456789")
	if pf.npiHint.Text != "9 of 10 digits" {
		t.Errorf("hint after 9 digits = %q", pf.npiHint.Text)
	}
	k.typeText("1")
	if !strings.Contains(pf.npiHint.Text, "check digit") {
		t.Errorf("hint for a bad check digit = %q", pf.npiHint.Text)
	}
	pf.npi.SetText("")
	npi := "123456789" + string(claimdesk.NPICheckDigit("123456789"))
	k.typeText(npi)
	if pf.npiHint.Text != "✓ valid NPI" {
		t.Errorf("hint for a valid NPI = %q", pf.npiHint.Text)
	}
	k.key(fyne.KeyReturn)
	if w.step != 2 || !w.practiceSaved {
		t.Fatalf("after step 2: step %d, saved %v, errors %q", w.step, w.practiceSaved, pf.billing.other.Text)
	}
	p, err := desk.Practice.Practice(t.Context())
	if err != nil || p.Name != "Fernhill Family Practice (Test)" || p.NPI != npi || p.Address.ZIP != "627010001" {
		t.Fatalf("stored practice = %+v, %v", p, err)
	}

	// Step 3: the first rendering provider.
	pv := w.provider
	provNPI := "198765432" + string(claimdesk.NPICheckDigit("198765432"))
	k.fill([]fyne.Focusable{pv.first, pv.middle, pv.last, pv.cred, pv.npi, pv.taxonomy},
		[]string{"Ivy", "", "Testcombe", "MD", provNPI, "207Q00000X"})
	k.key(fyne.KeyReturn)
	if w.step != 3 {
		t.Fatalf("after step 3: step %d, errors %q %q", w.step, pv.fs.message("npi"), pv.fs.other.Text)
	}
	provs, err := desk.Practice.Providers(t.Context())
	if err != nil || len(provs) != 1 || provs[0].NPI != provNPI || provs[0].Role != claimdesk.RoleRendering {
		t.Fatalf("stored providers = %+v, %v", provs, err)
	}

	// Step 4: start with the embedded starter list.
	test.Tap(w.starter)
	if !w.codesDone || !strings.Contains(w.codesMsg.Text, "Starter list loaded") {
		t.Fatalf("starter list: %q", w.codesMsg.Text)
	}
	rels, err := desk.Codes.Releases(t.Context())
	if err != nil || len(rels) == 0 {
		t.Fatalf("releases after the starter list: %v, %v", rels, err)
	}
	test.Tap(w.next)
	if v, _, _ := desk.Settings.Setting(t.Context(), claimdesk.SettingSetupDone); v != "1" {
		t.Errorf("setup.done = %q", v)
	}
}

func TestSetupNotShownWhenPracticeExists(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	lastSetup = nil
	newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	if lastSetup != nil {
		t.Fatal("setup opened over a database that has a practice")
	}
}
