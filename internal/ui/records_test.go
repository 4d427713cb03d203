package ui

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/sqlite"
	"claimdesk/internal/wire"
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
	// Wired as the app wires it: every service, the claim checks as the
	// ready guard, the fixed clock.
	d := wire.New(db, wire.Options{Now: func() time.Time { return recordsNow }, Log: slog.New(slog.DiscardHandler)})
	if withDemo {
		if err := d.LoadDemo(t.Context(), 11, nil); err != nil {
			t.Fatal(err)
		}
	}
	return d, path
}
