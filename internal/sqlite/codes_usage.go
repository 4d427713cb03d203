package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"claimdesk/internal/claimdesk"
)

var _ claimdesk.CodeUsageService = (*DB)(nil)

// CodeUsage counts the diagnosis and service line codes of encounters with
// a date of service on or after since (zero: all), most used first, at
// most limit rows (0: all). It reads codes and counts only, never patient
// data.
func (db *DB) CodeUsage(ctx context.Context, since claimdesk.Date, limit int) ([]claimdesk.CodeUsage, error) {
	var out []claimdesk.CodeUsage
	err := db.read(ctx, func(tx *sql.Tx) error {
		q := `SELECT kind, code, n FROM (
	SELECT 'diagnosis' AS kind, d.code AS code, count(*) AS n
	FROM encounter_diagnoses d JOIN encounters e ON e.id = d.encounter_id
	WHERE e.date_from >= ?
	GROUP BY d.code
	UNION ALL
	SELECT 'procedure', l.code, count(*)
	FROM service_lines l JOIN encounters e ON e.id = l.encounter_id
	WHERE e.date_from >= ?
	GROUP BY l.code
) ORDER BY n DESC, kind, code`
		d := ""
		if !since.IsZero() {
			d = dateText(since)
		}
		args := []any{d, d}
		if limit > 0 {
			q += ` LIMIT ?`
			args = append(args, limit)
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u claimdesk.CodeUsage
			if err := rows.Scan(&u.Kind, &u.Code, &u.Count); err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("code usage: %w", err)
	}
	return out, nil
}
