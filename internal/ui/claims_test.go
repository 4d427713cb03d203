package ui

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

// labelTexts returns the texts of the labels in objs.
func labelTexts(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return out
}

func TestDeniedClaimCorrectedAndResubmitted(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	if !s.Show(claimsName) {
		t.Fatal("no Claims screen")
	}
	cs := s.screenNamed(claimsName).(*claimScreen)
	cs.statusSel.SetSelected(claimdesk.StatusSubmitted.Label())
	if len(cs.rows) == 0 {
		t.Fatal("no submitted claims in the list")
	}
	cs.selectRow(0)
	orig := cs.rows[0]
	if orig.Status != claimdesk.StatusSubmitted {
		t.Fatalf("filter shows a %s claim", orig.Status)
	}

	// The payer denies it: CO-16 for the whole charge, remark N115.
	pressShortcut(t, s, ctrlShift(fyne.KeyO))
	od := cs.outcome
	if od == nil || od.claim.ID != orig.ID {
		t.Fatal("Ctrl+Shift+O did not open the outcome dialog for the chosen claim")
	}
	od.kind.SetSelected(kindDenied)
	// A denial starts as CO for the open balance; the biller adds the CARC.
	if od.adjs[0].group.Text != "CO" || od.adjs[0].amount.Text != orig.Billed.String() || s.win.Canvas().Focused() != od.adjs[0].reason {
		t.Fatalf("denial pre-fill: %q %q, focus %T", od.adjs[0].group.Text, od.adjs[0].amount.Text, s.win.Canvas().Focused())
	}
	test.Type(od.adjs[0].reason, "16")
	test.Type(od.remarks, "N115")
	test.Type(od.payerNo, "ICN2026-0001")
	if !strings.Contains(od.summary.Text, "the claim becomes Denied") || !strings.Contains(od.summary.Text, "balance "+moneyText(orig.Billed)) {
		t.Errorf("summary = %q", od.summary.Text)
	}
	test.Tap(od.save)
	// It leaves the Submitted worklist; the Denied one shows it.
	for _, r := range cs.rows {
		if r.ID == orig.ID {
			t.Fatal("the denied claim is still in the Submitted list")
		}
	}
	cs.statusSel.SetSelected(claimdesk.StatusDenied.Label())
	if !cs.selectClaim(orig.ID) {
		t.Fatal("the denied claim is not in the Denied list")
	}
	if r, _ := cs.selected(); r.ID != orig.ID || r.Status != claimdesk.StatusDenied {
		t.Fatalf("after the denial the chosen claim is %+v", r)
	}
	if r, _ := cs.selected(); r.Balance != orig.Billed {
		t.Errorf("a denied claim's balance is %s, want the billed %s (denials stay open)", r.Balance, orig.Billed)
	}

	// Fix and resubmit: a corrected claim referring to the payer's number.
	pressShortcut(t, s, ctrlShift(fyne.KeyE))
	cd := cs.fix
	if cd == nil || cd.ref.Text != "ICN2026-0001" {
		t.Fatalf("fix dialog not open or without the payer claim number")
	}
	test.Type(cd.note, "diagnosis pointer fixed")
	test.Tap(cd.ok)
	next, ok := cs.selected()
	if !ok || next.ID == orig.ID || next.Status != claimdesk.StatusDraft || next.Frequency != claimdesk.FrequencyReplacement {
		t.Fatalf("after the correction the chosen claim is %+v", next)
	}
	test.Tap(cs.readyB)
	if r, _ := cs.selected(); r.Status != claimdesk.StatusReady {
		t.Fatalf("Mark ready left the claim %s", r.Status)
	}
	test.Tap(cs.submitB)
	if r, _ := cs.selected(); r.ID != next.ID || r.Status != claimdesk.StatusSubmitted {
		t.Fatalf("Mark submitted left the claim %+v", r)
	}

	// The history on screen shows both versions and the denial.
	versions := labelTexts(cs.versions.Objects)
	if len(versions) != 2 || !strings.Contains(versions[0], "v1 · claim") || !strings.Contains(versions[0], "Replaced") ||
		!strings.Contains(versions[1], "v2 · claim") || !strings.Contains(versions[1], "corrected (7)") ||
		!strings.Contains(versions[1], "Submitted") || !strings.Contains(versions[1], "ref ICN2026-0001") {
		t.Fatalf("versions on screen:\n%s", strings.Join(versions, "\n"))
	}
	events := strings.Join(labelTexts(cs.events.Objects), "\n")
	for _, want := range []string{"Denied; CO-16", "remarks N115", "Moved from Denied to Replaced (diagnosis pointer fixed)", "Version 2 created: corrected (7)", "Moved from Ready to Submitted"} {
		if !strings.Contains(events, want) {
			t.Errorf("history lacks %q:\n%s", want, events)
		}
	}
}

func TestOutcomeDialogShowsErrorsBesideFields(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(claimsName)
	cs := s.screenNamed(claimsName).(*claimScreen)
	cs.statusSel.SetSelected(claimdesk.StatusSubmitted.Label())
	cs.selectRow(0)
	orig := cs.rows[0]
	cs.recordOutcome()
	od := cs.outcome
	tests := []struct {
		name  string
		fill  func()
		field string
		adj   bool
	}{
		{"overpaid", func() { od.paid.SetText((orig.Billed + 100).String()) }, "paid", false},
		{"bad amount", func() { od.paid.SetText("eighty") }, "paid", false},
		{"bad date", func() { od.paid.SetText("1.00"); od.date.SetText("31/31/2026") }, "date", false},
		{"adjustment without amount", func() {
			od.date.SetText("11/20/2026")
			od.adjs[0].group.SetText("CO")
			od.adjs[0].reason.SetText("45")
		}, "", true},
		{"rejected without message", func() { od.adjs[0].group.SetText(""); od.adjs[0].reason.SetText(""); od.kind.SetSelected(kindRejected) }, "message", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fill()
			test.Tap(od.save)
			if tt.adj {
				if od.adjs[0].err.Text == "" || !od.adjs[0].err.Visible() {
					t.Fatal("no error beside the adjustment row")
				}
				return
			}
			if od.fs.message(tt.field) == "" {
				t.Fatalf("no error beside %s; general: %q", tt.field, od.fs.other.Text)
			}
		})
	}
	if r, _ := cs.selected(); r.Status != claimdesk.StatusSubmitted {
		t.Fatalf("a refused outcome changed the claim to %s", r.Status)
	}
}

func TestAgingOnScreenEqualsReport(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(claimsName)
	cs := s.screenNamed(claimsName).(*claimScreen)
	pressShortcut(t, s, ctrlShift(fyne.KeyA))
	if cs.tabs.SelectedIndex() != 1 {
		t.Fatal("Ctrl+Shift+A did not open the A/R aging tab")
	}
	// What 'claimctl report ar --csv' prints comes from the same report.
	rep, err := desk.ARAging(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, o := range cs.agingGrid.Objects {
		if row, ok := o.(*fyne.Container); ok {
			cells = append(cells, labelTexts(row.Objects)...)
		}
	}
	if len(cells) != 8*len(recs) {
		t.Fatalf("screen has %d cells for %d CSV rows", len(cells), len(recs))
	}
	for i, rec := range recs[1:] {
		row := cells[8*(i+1) : 8*(i+2)]
		if row[0] != rec[0] {
			t.Errorf("row %d payer %q, CSV %q", i, row[0], rec[0])
		}
		for j := 1; j <= 6; j++ {
			c, err := claimdesk.ParseCents(rec[j+1])
			if err != nil {
				t.Fatal(err)
			}
			if row[j] != moneyText(c) {
				t.Errorf("%s column %d: screen %s, CSV %s", rec[0], j, row[j], rec[j+1])
			}
		}
		if row[7] != rec[8] {
			t.Errorf("%s claims: screen %s, CSV %s", rec[0], row[7], rec[8])
		}
	}
	if !strings.Contains(cs.agingTotal.Text, moneyText(rep.Totals.Total)) || rep.Totals.Total == 0 {
		t.Errorf("total label %q, report %s", cs.agingTotal.Text, rep.Totals.Total)
	}

	// A payer's name opens its open claims; their balances add up to the
	// payer's total.
	row := rep.Rows[0]
	for _, o := range cs.agingGrid.Objects {
		if line, ok := o.(*fyne.Container); ok {
			if b, ok := line.Objects[0].(*widget.Button); ok && b.Text == row.Payer {
				test.Tap(b)
				break
			}
		}
	}
	if cs.tabs.SelectedIndex() != 0 || cs.payerSel.Selected != row.Payer || cs.statusSel.Selected != openOnly {
		t.Fatalf("payer drill-down: tab %d, payer %q, status %q", cs.tabs.SelectedIndex(), cs.payerSel.Selected, cs.statusSel.Selected)
	}
	var sum claimdesk.Cents
	for _, r := range cs.rows {
		if r.PayerID != row.PayerID || !r.Status.Open() {
			t.Fatalf("row %+v in the drill-down", r)
		}
		sum += r.Balance
	}
	if sum != row.Total {
		t.Errorf("drill-down balances add to %s, aging says %s", sum, row.Total)
	}
}

func TestMoneyText(t *testing.T) {
	for in, want := range map[claimdesk.Cents]string{0: "0.00", 5: "0.05", 12345: "123.45", 123456789: "1,234,567.89", -100000: "-1,000.00"} {
		if got := moneyText(in); got != want {
			t.Errorf("moneyText(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintBatchWritesPDFAndMarksSubmitted(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(claimsName)
	cs := s.screenNamed(claimsName).(*claimScreen)
	cs.statusSel.SetSelected(claimdesk.StatusReady.Label())
	if len(cs.rows) < 2 {
		t.Fatalf("%d ready claims", len(cs.rows))
	}
	test.Tap(cs.allB)
	ids := cs.batchIDs()
	if len(ids) != len(cs.rows) || cs.printB.Disabled() {
		t.Fatalf("select all chose %d of %d", len(ids), len(cs.rows))
	}
	pdf := filepath.Join(t.TempDir(), "batch.pdf")
	cs.printTo(pdf, ids, claimdesk.PrintModePlain)
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("batch PDF: %v (%d bytes)", err, len(b))
	}
	// The "Mark submitted?" question follows; answer it from the desk.
	cs.markSubmitted()
	for _, id := range ids {
		c, err := desk.Claims.Claim(t.Context(), id)
		if err != nil || c.Status != claimdesk.StatusSubmitted {
			t.Fatalf("claim %d is %s after printing and marking: %v", id, c.Status, err)
		}
	}
}

func TestClaimsFromTheKeyboard(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(claimsName)
	cs := s.screenNamed(claimsName).(*claimScreen)
	cs.statusSel.SetSelected(claimdesk.StatusSubmitted.Label())
	c := s.win.Canvas()
	k := keyboard{t, c}
	c.Focus(cs.list)
	k.key(fyne.KeyDown)
	k.key(fyne.KeySpace)
	r, ok := cs.selected()
	if !ok || r.ID != cs.rows[1].ID {
		t.Fatalf("Down, Space chose %+v", r)
	}
	pressShortcut(t, s, ctrlShift(fyne.KeyO))
	if cs.outcome == nil || cs.outcome.claim.ID != r.ID || c.Focused() != cs.outcome.paid {
		t.Fatal("Ctrl+Shift+O did not open the outcome dialog on the paid amount")
	}
	k.typeText(r.Billed.String())
	k.key(fyne.KeyReturn)
	got, err := desk.Claims.Claim(t.Context(), r.ID)
	if err != nil || got.Status != claimdesk.StatusPaid {
		t.Fatalf("claim %d is %s after paying in full from the keyboard: %v", r.ID, got.Status, err)
	}
}
