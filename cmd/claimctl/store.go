package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/sqlite"
	"claimdesk/internal/wire"
)

// openDB opens the database file at path for a command: it creates the
// file's folder (0700) when missing, opens or creates the file (0600) and
// applies the migrations it lacks.
func openDB(path string) (*sqlite.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create folder for %s: %w", path, err)
		}
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// openExistingDB is openDB for commands that only read or check a database:
// a missing file is an error rather than a new empty database.
func openExistingDB(path string) (*sqlite.DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s (create one with 'claimctl demo' or 'claimctl db migrate')", path)
		}
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return openDB(path)
}

// deskOver returns the use cases over an open store, wired exactly as the
// GUI wires them (wire.New: every service, the cached code search, the
// store's ready guard bound to the claim checks), logging nowhere: the CLI
// reports in its own words on stdout and stderr.
func deskOver(db *sqlite.DB) *billing.Desk {
	return wire.New(db, wire.Options{Log: slog.New(slog.DiscardHandler)})
}

// openDesk opens the existing database named by --db and returns the use
// cases over it with a function that closes it; now, when not nil, is the
// desk's clock (printed dates, "today").
func openDesk(f *cmdFlags, now func() time.Time) (*billing.Desk, func(), error) {
	db, err := openExistingDB(*f.db)
	if err != nil {
		return nil, nil, err
	}
	d := deskOver(db)
	if now != nil {
		d.Now = now
	}
	return d, func() { db.Close() }, nil
}

// openDeskCreating is openDesk for commands that fill a database (code
// imports): a missing file is created, as openDB does.
func openDeskCreating(f *cmdFlags) (*billing.Desk, func(), error) {
	db, err := openDB(*f.db)
	if err != nil {
		return nil, nil, err
	}
	return deskOver(db), func() { db.Close() }, nil
}
