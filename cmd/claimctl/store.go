package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"claimdesk/internal/sqlite"
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
