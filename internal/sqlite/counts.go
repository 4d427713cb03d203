package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// CountPatients returns how many patients the database holds, without
// loading them (the status bar's count).
func (db *DB) CountPatients(ctx context.Context) (int, error) {
	return db.count(ctx, "patients", `SELECT COUNT(*) FROM patients`)
}

// CountEncounters returns how many encounters the database holds, without
// loading them.
func (db *DB) CountEncounters(ctx context.Context) (int, error) {
	return db.count(ctx, "encounters", `SELECT COUNT(*) FROM encounters`)
}

func (db *DB) count(ctx context.Context, what, query string) (int, error) {
	var n int
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, query).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", what, err)
	}
	return n, nil
}
