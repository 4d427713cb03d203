package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Audit actions and entities.
const (
	actionCreate = "create"
	actionUpdate = "update"
	actionDelete = "delete"

	entityPatient   = "patient"
	entityPolicy    = "policy"
	entityEncounter = "encounter"
	entityClaim     = "claim"
)

// audit records one change: the action, the entity and its id, and the
// names of the changed fields (never their values). An update that changed
// nothing is not recorded.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, entity string, id int64, fields []string) error {
	if action == actionUpdate && len(fields) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, action, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)`,
		db.stamp(), action, entity, id, strings.Join(fields, ","))
	if err != nil {
		return fmt.Errorf("audit %s %s %d: %w", action, entity, id, err)
	}
	return nil
}

// Audit returns the newest limit entries of the audit trail, newest first
// (all of them when limit is 0 or less).
func (db *DB) Audit(ctx context.Context, limit int) ([]claimdesk.AuditEntry, error) {
	var out []claimdesk.AuditEntry
	err := db.read(ctx, func(tx *sql.Tx) error {
		lim, _ := limitOffset(limit, 0)
		rows, err := tx.QueryContext(ctx, `SELECT id, at, action, entity, entity_id, fields FROM audit_log ORDER BY id DESC LIMIT ?`, lim)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e claimdesk.AuditEntry
			var at, fields string
			if err := rows.Scan(&e.ID, &at, &e.Action, &e.Entity, &e.EntityID, &fields); err != nil {
				return err
			}
			e.At = parseStamp(at)
			if fields != "" {
				e.Fields = strings.Split(fields, ",")
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("audit trail: %w", err)
	}
	return out, nil
}
