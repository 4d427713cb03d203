// Package wire is the composition root shared by the two mains: it opens
// the store and builds the billing.Desk over it, with every service set and
// the store's ready guard bound to the claim checks. Only the mains import
// it; it holds no logic of its own.
package wire

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/sqlite"
)

// Options tune Open. Zero values are fine.
type Options struct {
	// Now is the clock (tests fix it); nil means time.Now.
	Now func() time.Time
	// Log receives operational logs (never PHI); nil means slog.Default().
	Log *slog.Logger
}

// Open opens (creating when missing, 0600 in a 0700 folder) the database
// at path and returns the Desk over it. Close the returned store when done.
func Open(path string, o Options) (*billing.Desk, *sqlite.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, nil, fmt.Errorf("create folder for %s: %w", path, err)
		}
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return New(db, o), db, nil
}

// New builds the Desk over an open store.
func New(db *sqlite.DB, o Options) *billing.Desk {
	if o.Now != nil {
		db.Now = o.Now
	}
	d := &billing.Desk{
		Practice:   db,
		Patients:   db,
		Encounters: db,
		Claims:     db,
		Audit:      db,
		Settings:   db,
		Codes:      db,
		Search:     &billing.CodeSearch{},
		Now:        o.Now,
		Log:        o.Log,
	}
	db.ReadyGuard = d.ReadyGuard
	return d
}
