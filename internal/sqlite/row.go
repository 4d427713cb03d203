package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// col is one column and the value to write to it. Column names always come
// from this package's code, never from input; values go through ?
// placeholders.
type col struct {
	name string
	val  any
}

// cols is the column list of one row.
type cols []col

func (c cols) names() []string {
	n := make([]string, len(c))
	for i, x := range c {
		n[i] = x.name
	}
	return n
}

func (c cols) values() []any {
	v := make([]any, len(c))
	for i, x := range c {
		v[i] = x.val
	}
	return v
}

// set returns the names of the columns holding a non-empty value (for the
// audit entry of a created row).
func (c cols) set() []string {
	var n []string
	for _, x := range c {
		if s := valueText(x.val); s != "" && s != "0" {
			n = append(n, x.name)
		}
	}
	return n
}

// insertRow inserts c into table and returns the new row's id.
func insertRow(ctx context.Context, tx *sql.Tx, table string, c cols) (int64, error) {
	q := "INSERT INTO " + table + " (" + strings.Join(c.names(), ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(c)), ", ") + ")"
	res, err := tx.ExecContext(ctx, q, c.values()...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updateRow writes c to the row of table with the given id and returns the
// names of the columns whose value changed; ok is false when the row does
// not exist.
func updateRow(ctx context.Context, tx *sql.Tx, table string, id int64, c cols) (changed []string, ok bool, err error) {
	old, ok, err := loadCols(ctx, tx, table, id, c.names())
	if err != nil || !ok {
		return nil, ok, err
	}
	for i, x := range c {
		if valueText(x.val) != old[i] {
			changed = append(changed, x.name)
		}
	}
	if len(changed) == 0 {
		return nil, true, nil
	}
	sets := make([]string, len(c))
	for i, n := range c.names() {
		sets[i] = n + " = ?"
	}
	q := "UPDATE " + table + " SET " + strings.Join(sets, ", ") + " WHERE id = ?"
	if _, err := tx.ExecContext(ctx, q, append(c.values(), id)...); err != nil {
		return nil, true, err
	}
	return changed, true, nil
}

// loadCols reads the named columns of one row as text.
func loadCols(ctx context.Context, tx *sql.Tx, table string, id int64, names []string) ([]string, bool, error) {
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+table+" WHERE id = ?", id).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = valueText(v)
	}
	return out, true, nil
}

// valueText renders a column value for comparison: NULL as "".
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// exists reports whether table has a row with the given id.
func exists(ctx context.Context, tx *sql.Tx, table string, id int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", id).Scan(&n)
	return n > 0, err
}

// deleteRow deletes the row of table with the given id; ok is false when it
// did not exist.
func deleteRow(ctx context.Context, tx *sql.Tx, table string, id int64) (bool, error) {
	res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
