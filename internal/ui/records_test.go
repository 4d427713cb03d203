package ui

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/demo"
	"claimdesk/internal/sqlite"
)

// recordsNow is the fixed clock of the records screens' tests.
var recordsNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// openRecordsDesk opens a fresh database file (with the demo practice when
// withDemo) and returns the use cases over it and its path.
func openRecordsDesk(t *testing.T, withDemo bool) (*billing.Desk, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ui.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return recordsNow }
	if withDemo {
		if err := demo.Load(t.Context(), db, demo.Generate(11, claimdesk.DateOf(recordsNow)), nil); err != nil {
			t.Fatal(err)
		}
	}
	d := &billing.Desk{Practice: db, Patients: db, Encounters: db, Claims: db, Audit: db, Settings: db,
		Now: func() time.Time { return recordsNow }, Log: slog.New(slog.DiscardHandler)}
	return d, path
}
