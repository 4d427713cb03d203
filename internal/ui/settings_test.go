package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
	"claimdesk/internal/wire"
)

func TestSettingsPrinterAndPayer(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(settingsName)
	ss := s.screenNamed(settingsName).(*settingsScreen)

	t.Run("printer offsets", func(t *testing.T) {
		ss.tabs.SelectIndex(6)
		if ss.offX.Text != "0" || ss.printMode.Text != "form" {
			t.Fatalf("defaults %q %q", ss.offX.Text, ss.printMode.Text)
		}
		ss.offX.SetText("80")
		ss.offY.SetText("up")
		ss.savePrinter()
		if ss.printFS.message("offset_x") == "" || ss.printFS.message("offset_y") == "" {
			t.Fatalf("no errors beside the offsets: %q %q", ss.printFS.message("offset_x"), ss.printFS.message("offset_y"))
		}
		ss.offX.SetText("-5")
		ss.offY.SetText("+12")
		ss.printMode.SetText("plain")
		ss.savePrinter()
		p, err := desk.PrinterSettings(t.Context())
		if err != nil || p != (claimdesk.PrinterSettings{OffsetX: -5, OffsetY: 12, Mode: "plain"}) {
			t.Fatalf("stored %+v, %v", p, err)
		}
	})

	t.Run("payer", func(t *testing.T) {
		ss.tabs.SelectIndex(3)
		before := len(ss.payList)
		test.Tap(ss.payers.newB)
		ss.payName.SetText("Harbor Mutual (Test)")
		ss.payAddr.line1.SetText("PO Box 9")
		ss.payAddr.city.SetText("Boston")
		ss.payAddr.state.SetText("MA")
		ss.payAddr.zip.SetText("02101")
		ss.payPlan.SetText("Group health plan")
		ss.payDays.SetText("ninety")
		test.Tap(ss.payers.saveB)
		if ss.payFS.message("timely_filing_days") == "" {
			t.Fatal("no error beside timely filing")
		}
		ss.payDays.SetText("90")
		test.Tap(ss.payers.saveB)
		if len(ss.payList) != before+1 {
			t.Fatalf("payers %d → %d: %q", before, len(ss.payList), ss.payFS.other.Text)
		}
		var got claimdesk.Payer
		for _, p := range ss.payList {
			if p.Name == "Harbor Mutual (Test)" {
				got = p
			}
		}
		if got.PlanType != claimdesk.PlanGroup || got.TimelyFilingDays != 90 {
			t.Fatalf("saved payer %+v", got)
		}
	})

	t.Run("fee", func(t *testing.T) {
		ss.tabs.SelectIndex(4)
		test.Tap(ss.fees.newB)
		ss.feeCode.SetText("99215")
		ss.feeCharge.SetText("x")
		test.Tap(ss.fees.saveB)
		if ss.feeFS.message("charge") == "" {
			t.Fatal("no error beside the charge")
		}
		ss.feeCharge.SetText("245.00")
		test.Tap(ss.fees.saveB)
		c, ok, err := desk.Practice.Fee(t.Context(), "99215", "")
		if err != nil || !ok || c != 24500 {
			t.Fatalf("fee 99215 = %s %v %v", c, ok, err)
		}
	})
}

func TestRestoreChecksBackupThenReopens(t *testing.T) {
	_, path := openRecordsDesk(t, true)
	dir := t.TempDir()
	var db *sqlite.DB
	open := func(ctx context.Context, p string, create bool) (*Database, error) {
		var err error
		db, err = sqlite.Open(p)
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() { db.Close() })
		d := wire.New(db, wire.Options{Now: func() time.Time { return recordsNow }})
		return &Database{Path: p, Desk: d, Backup: db.Backup, Close: db.Close,
			Restore: func(ctx context.Context, src string) error { return sqlite.Restore(ctx, src, p) }}, nil
	}
	first, err := open(t.Context(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, first.Desk, WithDatabase(first, open))
	s.Show(settingsName)
	ss := s.screenNamed(settingsName).(*settingsScreen)

	backup := filepath.Join(dir, "backup.db")
	if err := first.Backup(t.Context(), backup); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		ps, err := s.desk.Patients.Patients(t.Context(), claimdesk.PatientFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}
	before := count()
	p := claimdesk.Patient{Account: "R1", Person: claimdesk.Person{Last: "Restorewell", First: "Ida", DOB: claimdesk.MustDate("1970-01-02"), Sex: "F",
		Address: claimdesk.Address{Line1: "1 Way", City: "Springfield", State: "IL", ZIP: "62701"}}}
	if err := s.desk.Patients.SavePatient(t.Context(), &p); err != nil {
		t.Fatal(err)
	}

	// A file that is not a ClaimDesk database is refused; nothing changes.
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	ss.restoreFrom(junk)
	if count() != before+1 {
		t.Fatalf("after a refused restore: %d patients, want %d", count(), before+1)
	}

	ss.restoreFrom(backup)
	if count() != before {
		t.Fatalf("after restoring the backup: %d patients, want %d", count(), before)
	}
	if ss2, ok := s.screenNamed(settingsName).(*settingsScreen); !ok || ss2 == ss {
		t.Error("the screens were not rebuilt over the restored database")
	}
}
