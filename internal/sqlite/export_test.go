package sqlite

import "context"

// ExecForTest runs raw SQL on the store, for tests that must damage or
// age a database behind the store's back.
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := db.db.ExecContext(ctx, query, args...)
	return err
}

// QueryIntForTest returns the single integer a query yields.
func (db *DB) QueryIntForTest(ctx context.Context, query string, args ...any) (int64, error) {
	var n int64
	err := db.db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}
