package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"claimdesk/internal/claimdesk"
)

// The follow-up use cases' extra store methods.
var (
	_ claimdesk.ClaimReplacer  = (*DB)(nil)
	_ claimdesk.OutcomeTotaler = (*DB)(nil)
)

// ReplaceClaim creates c, a draft replacement (frequency 7), void (8) or
// re-sent original (1) of claim c.ReplacesID, and moves that claim to
// status to (replaced or voided) with note in its history, in one
// transaction: either both happen or neither.
func (db *DB) ReplaceClaim(ctx context.Context, c *claimdesk.Claim, to claimdesk.ClaimStatus, note string) error {
	if c.ReplacesID == 0 {
		return claimdesk.FieldErrors{{Path: "replaces_id", Message: "a corrected or void claim names the claim it replaces"}}
	}
	switch c.Frequency {
	case claimdesk.FrequencyOriginal, claimdesk.FrequencyReplacement, claimdesk.FrequencyVoid:
	default:
		return claimdesk.FieldErrors{{Path: "frequency", Message: "frequency must be 1 (original), 7 (replacement) or 8 (void)"}}
	}
	if to != claimdesk.StatusReplaced && to != claimdesk.StatusVoided {
		return claimdesk.Errorf(claimdesk.EInvalid, "a corrected claim moves the original to replaced or voided")
	}
	if c.Status == "" {
		c.Status = claimdesk.StatusDraft
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		orig, err := findClaim(ctx, tx, c.ReplacesID)
		if err != nil {
			return err
		}
		if err := orig.Status.CheckMove(to); err != nil {
			return err
		}
		var newer int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE replaces_id = ?`, orig.ID).Scan(&newer); err != nil {
			return fmt.Errorf("replace claim %d: %w", orig.ID, err)
		}
		if newer > 0 {
			return claimdesk.Errorf(claimdesk.EConflict, "claim %d already has a newer version", orig.ID)
		}
		enc, err := findEncounter(ctx, tx, orig.EncounterID)
		if err != nil {
			return err
		}
		c.EncounterID, c.PolicyID = orig.EncounterID, orig.PolicyID
		created := "created"
		switch c.Frequency {
		case claimdesk.FrequencyReplacement:
			created = fmt.Sprintf("corrected claim for claim %d", orig.ID)
		case claimdesk.FrequencyVoid:
			created = fmt.Sprintf("void claim for claim %d", orig.ID)
		case claimdesk.FrequencyOriginal:
			created = fmt.Sprintf("new claim for rejected claim %d", orig.ID)
		}
		if err := db.createClaim(ctx, tx, c, enc.Total(), created); err != nil {
			return err
		}
		return db.moveClaim(ctx, tx, orig, to, note)
	})
}

// OutcomeTotals adds up, per claim, the payments and the CO/OA/PI and PR
// adjustments of payment outcomes (denials' adjustments do not count).
func (db *DB) OutcomeTotals(ctx context.Context) (map[int64]claimdesk.OutcomeTotals, error) {
	out := map[int64]claimdesk.OutcomeTotals{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT o.claim_id,
	coalesce(sum(o.paid), 0),
	coalesce(sum((SELECT coalesce(sum(a.amount), 0) FROM outcome_adjustments a WHERE a.outcome_id = o.id AND a.grp <> 'PR')), 0),
	coalesce(sum((SELECT coalesce(sum(a.amount), 0) FROM outcome_adjustments a WHERE a.outcome_id = o.id AND a.grp = 'PR')), 0)
FROM outcomes o
WHERE o.kind = 'paid'
GROUP BY o.claim_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var t claimdesk.OutcomeTotals
			if err := rows.Scan(&id, &t.Paid, &t.WrittenOff, &t.PatientResp); err != nil {
				return err
			}
			out[id] = t
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("outcome totals: %w", err)
	}
	return out, nil
}
