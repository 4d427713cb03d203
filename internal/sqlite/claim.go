package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"claimdesk/internal/claimdesk"
)

const claimCols = `id, encounter_id, policy_id, status, frequency, original_ref, coalesce(replaces_id, 0),
	payer_claim_number, total_charge, amount_paid, submitted_on, created_at, updated_at`

func scanClaim(s interface{ Scan(...any) error }) (claimdesk.Claim, error) {
	var c claimdesk.Claim
	var status, submitted, created, updated string
	err := s.Scan(&c.ID, &c.EncounterID, &c.PolicyID, &status, &c.Frequency, &c.OriginalRef, &c.ReplacesID,
		&c.PayerClaimNumber, &c.TotalCharge, &c.AmountPaid, &submitted, &created, &updated)
	c.Status = claimdesk.ClaimStatus(status)
	c.SubmittedOn = parseDate(submitted)
	c.CreatedAt, c.UpdatedAt = parseStamp(created), parseStamp(updated)
	return c, err
}

// findClaim returns one claim with its history.
func findClaim(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Claim, error) {
	c, err := scanClaim(tx.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, notFound("claim", id)
	}
	if err != nil {
		return c, fmt.Errorf("claim %d: %w", id, err)
	}
	c.History, err = findHistory(ctx, tx, id)
	return c, err
}

func findHistory(ctx context.Context, tx *sql.Tx, claimID int64) ([]claimdesk.StatusChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT at, from_status, to_status, note FROM claim_history WHERE claim_id = ? ORDER BY id`, claimID)
	if err != nil {
		return nil, fmt.Errorf("history of claim %d: %w", claimID, err)
	}
	defer rows.Close()
	var out []claimdesk.StatusChange
	for rows.Next() {
		var h claimdesk.StatusChange
		var at, from, to string
		if err := rows.Scan(&at, &from, &to, &h.Note); err != nil {
			return nil, fmt.Errorf("history of claim %d: %w", claimID, err)
		}
		h.At = parseStamp(at)
		h.From, h.To = claimdesk.ClaimStatus(from), claimdesk.ClaimStatus(to)
		out = append(out, h)
	}
	return out, rows.Err()
}

// findClaimsOfEncounter returns an encounter's claims, oldest first, with
// their history when withHistory is set.
func findClaimsOfEncounter(ctx context.Context, tx *sql.Tx, encID int64, withHistory bool) ([]claimdesk.Claim, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+claimCols+` FROM claims WHERE encounter_id = ? ORDER BY id`, encID)
	if err != nil {
		return nil, fmt.Errorf("claims of encounter %d: %w", encID, err)
	}
	var out []claimdesk.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("claims of encounter %d: %w", encID, err)
		}
		out = append(out, c)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if withHistory {
		for i := range out {
			if out[i].History, err = findHistory(ctx, tx, out[i].ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// createClaim inserts c with the given total, writes its first history row
// (from "" to its status) and audits it.
func (db *DB) createClaim(ctx context.Context, tx *sql.Tx, c *claimdesk.Claim, total claimdesk.Cents, note string) error {
	now := db.stamp()
	c.TotalCharge = total
	row := cols{{"encounter_id", c.EncounterID}, {"policy_id", c.PolicyID}, {"status", string(c.Status)},
		{"frequency", c.Frequency}, {"original_ref", c.OriginalRef}, {"replaces_id", nullID(c.ReplacesID)},
		{"payer_claim_number", c.PayerClaimNumber}, {"total_charge", int64(total)},
		{"amount_paid", int64(c.AmountPaid)}, {"submitted_on", dateText(c.SubmittedOn)}}
	id, err := insertRow(ctx, tx, "claims", append(row, col{"created_at", now}, col{"updated_at", now}))
	if err != nil {
		return fmt.Errorf("create claim: %w", constraintError(err, "the claim"))
	}
	c.ID = id
	c.CreatedAt, c.UpdatedAt = parseStamp(now), parseStamp(now)
	h := claimdesk.StatusChange{At: parseStamp(now), To: c.Status, Note: note}
	if err := writeHistory(ctx, tx, id, h); err != nil {
		return err
	}
	c.History = []claimdesk.StatusChange{h}
	return db.audit(ctx, tx, actionCreate, entityClaim, id, row.set())
}

func writeHistory(ctx context.Context, tx *sql.Tx, claimID int64, h claimdesk.StatusChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO claim_history (claim_id, at, from_status, to_status, note) VALUES (?, ?, ?, ?, ?)`,
		claimID, h.At.UTC().Format(time.RFC3339Nano), string(h.From), string(h.To), h.Note)
	if err != nil {
		return fmt.Errorf("claim %d history: %w", claimID, err)
	}
	return nil
}

// updateClaim writes the given claim columns and audits the changed ones.
func (db *DB) updateClaim(ctx context.Context, tx *sql.Tx, id int64, c cols) error {
	changed, ok, err := updateRow(ctx, tx, "claims", id, c)
	if err != nil {
		return fmt.Errorf("update claim %d: %w", id, err)
	}
	if !ok {
		return notFound("claim", id)
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET updated_at = ? WHERE id = ?`, db.stamp(), id); err != nil {
		return fmt.Errorf("update claim %d: %w", id, err)
	}
	return db.audit(ctx, tx, actionUpdate, entityClaim, id, changed)
}

// deleteClaim deletes a claim with its history and outcomes, and audits it.
func (db *DB) deleteClaim(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := deleteRow(ctx, tx, "claims", id); err != nil {
		return fmt.Errorf("delete claim %d: %w", id, constraintError(err, "the claim"))
	}
	return db.audit(ctx, tx, actionDelete, entityClaim, id, nil)
}

// Claim returns the claim with its history.
func (db *DB) Claim(ctx context.Context, id int64) (claimdesk.Claim, error) {
	var c claimdesk.Claim
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = findClaim(ctx, tx, id)
		return err
	})
	return c, err
}

// ClaimsOfEncounter returns an encounter's claims with their history,
// oldest first.
func (db *DB) ClaimsOfEncounter(ctx context.Context, encounterID int64) ([]claimdesk.Claim, error) {
	var out []claimdesk.Claim
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = findClaimsOfEncounter(ctx, tx, encounterID, true)
		return err
	})
	return out, err
}

// CreateClaim creates a claim of an encounter to one of its patient's
// policies, for example a secondary claim or a corrected (frequency 7) or
// void (frequency 8) claim. Status defaults to draft and Frequency to 1;
// the total is the encounter's line total. c is filled with the stored
// claim.
func (db *DB) CreateClaim(ctx context.Context, c *claimdesk.Claim) error {
	if c.Status == "" {
		c.Status = claimdesk.StatusDraft
	}
	if c.Frequency == "" {
		c.Frequency = claimdesk.FrequencyOriginal
	}
	var fe claimdesk.FieldErrors
	if c.EncounterID == 0 {
		fe = append(fe, claimdesk.FieldError{Path: "encounter_id", Message: "choose the encounter"})
	}
	if c.PolicyID == 0 {
		fe = append(fe, claimdesk.FieldError{Path: "policy_id", Message: "choose the policy to bill"})
	}
	if !c.Status.Valid() {
		fe = append(fe, claimdesk.FieldError{Path: "status", Message: "unknown claim status"})
	}
	switch c.Frequency {
	case claimdesk.FrequencyOriginal:
	case claimdesk.FrequencyReplacement, claimdesk.FrequencyVoid:
		if c.ReplacesID == 0 {
			fe = append(fe, claimdesk.FieldError{Path: "replaces_id", Message: "a corrected or void claim names the claim it replaces"})
		}
	default:
		fe = append(fe, claimdesk.FieldError{Path: "frequency", Message: "frequency must be 1 (original), 7 (replacement) or 8 (void)"})
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		enc, err := findEncounter(ctx, tx, c.EncounterID)
		if err != nil {
			return err
		}
		var owner int64
		err = tx.QueryRowContext(ctx, `SELECT patient_id FROM policies WHERE id = ?`, c.PolicyID).Scan(&owner)
		if err == sql.ErrNoRows || (err == nil && owner != enc.PatientID) {
			return claimdesk.FieldErrors{{Path: "policy_id", Message: "the policy is not one of the patient's"}}
		}
		if err != nil {
			return fmt.Errorf("create claim: %w", err)
		}
		if c.ReplacesID != 0 {
			orig, err := findClaim(ctx, tx, c.ReplacesID)
			if err != nil {
				return err
			}
			if orig.EncounterID != c.EncounterID {
				return claimdesk.FieldErrors{{Path: "replaces_id", Message: "the replaced claim belongs to another encounter"}}
			}
			if c.OriginalRef == "" {
				c.OriginalRef = orig.PayerClaimNumber
			}
		}
		return db.createClaim(ctx, tx, c, enc.Total(), "created")
	})
}

// SetClaimStatus moves a claim to a new status and records the change in
// its history, in one transaction. Moving to ready first runs ReadyGuard
// (when set) on the claim's data and refuses the move with its error.
// Moving to submitted stamps the submission date.
func (db *DB) SetClaimStatus(ctx context.Context, id int64, to claimdesk.ClaimStatus, note string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		c, err := findClaim(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := c.Status.CheckMove(to); err != nil {
			return err
		}
		if to == claimdesk.StatusReady && db.ReadyGuard != nil {
			cd, err := db.claimData(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := db.ReadyGuard(ctx, cd); err != nil {
				return err
			}
		}
		return db.moveClaim(ctx, tx, c, to, note)
	})
}

// moveClaim sets the claim's status and writes the history row.
func (db *DB) moveClaim(ctx context.Context, tx *sql.Tx, c claimdesk.Claim, to claimdesk.ClaimStatus, note string) error {
	upd := cols{{"status", string(to)}}
	if to == claimdesk.StatusSubmitted {
		upd = append(upd, col{"submitted_on", dateText(db.today())})
	}
	if err := db.updateClaim(ctx, tx, c.ID, upd); err != nil {
		return err
	}
	return writeHistory(ctx, tx, c.ID, claimdesk.StatusChange{At: db.now(), From: c.Status, To: to, Note: note})
}

// AddOutcome validates and records a payer's response and moves the claim:
// a payment that leaves no balance (billed − paid − the payments'
// adjustments ≤ 0) makes it paid, one that leaves a balance partial; a
// denial denied; a rejection rejected. The claim's amount paid is the sum
// of its payments.
func (db *DB) AddOutcome(ctx context.Context, o *claimdesk.Outcome) error {
	if err := o.Validate().Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		c, err := findClaim(ctx, tx, o.ClaimID)
		if err != nil {
			return err
		}
		id, err := insertRow(ctx, tx, "outcomes", cols{{"claim_id", o.ClaimID}, {"kind", string(o.Kind)},
			{"date", dateText(o.Date)}, {"paid", int64(o.Paid)}, {"message", o.Message},
			{"payer_claim_number", o.PayerClaimNumber}, {"created_at", db.stamp()}})
		if err != nil {
			return fmt.Errorf("add outcome: %w", err)
		}
		for i, a := range o.Adjustments {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outcome_adjustments (outcome_id, seq, grp, reason, amount) VALUES (?, ?, ?, ?, ?)`,
				id, i, string(a.Group), a.Reason, int64(a.Amount)); err != nil {
				return fmt.Errorf("add outcome adjustment %d: %w", i, err)
			}
		}
		for i, r := range o.Remarks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outcome_remarks (outcome_id, seq, code) VALUES (?, ?, ?)`, id, i, r); err != nil {
				return fmt.Errorf("add outcome remark %d: %w", i, err)
			}
		}
		paid, adjusted, err := claimAmounts(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		var to claimdesk.ClaimStatus
		switch o.Kind {
		case claimdesk.OutcomeDenied:
			to = claimdesk.StatusDenied
		case claimdesk.OutcomeRejected:
			to = claimdesk.StatusRejected
		default:
			if c.TotalCharge-paid-adjusted > 0 {
				to = claimdesk.StatusPartial
			} else {
				to = claimdesk.StatusPaid
			}
		}
		if to != c.Status {
			if err := c.Status.CheckMove(to); err != nil {
				return err
			}
		}
		upd := cols{{"amount_paid", int64(paid)}}
		if o.PayerClaimNumber != "" {
			upd = append(upd, col{"payer_claim_number", o.PayerClaimNumber})
		}
		if err := db.updateClaim(ctx, tx, c.ID, upd); err != nil {
			return err
		}
		if to != c.Status {
			if err := db.moveClaim(ctx, tx, c, to, fmt.Sprintf("payer response of %s", o.Date)); err != nil {
				return err
			}
		}
		o.ID = id
		return nil
	})
}

// claimAmounts returns the sums of a claim's payments and of the
// adjustments that came with them. A denial's adjustments explain the
// refusal; they do not settle the claim, so they are not counted.
func claimAmounts(ctx context.Context, tx *sql.Tx, claimID int64) (paid, adjusted claimdesk.Cents, err error) {
	err = tx.QueryRowContext(ctx, `SELECT
	(SELECT coalesce(sum(paid), 0) FROM outcomes WHERE claim_id = ?),
	(SELECT coalesce(sum(a.amount), 0) FROM outcome_adjustments a JOIN outcomes o ON o.id = a.outcome_id WHERE o.claim_id = ? AND o.kind = 'paid')`,
		claimID, claimID).Scan(&paid, &adjusted)
	if err != nil {
		return 0, 0, fmt.Errorf("amounts of claim %d: %w", claimID, err)
	}
	return paid, adjusted, nil
}

// Outcomes returns a claim's recorded payer responses, oldest first.
func (db *DB) Outcomes(ctx context.Context, claimID int64) ([]claimdesk.Outcome, error) {
	var out []claimdesk.Outcome
	err := db.read(ctx, func(tx *sql.Tx) error {
		if ok, err := exists(ctx, tx, "claims", claimID); err != nil {
			return err
		} else if !ok {
			return notFound("claim", claimID)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, claim_id, kind, date, paid, message, payer_claim_number
FROM outcomes WHERE claim_id = ? ORDER BY id`, claimID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var o claimdesk.Outcome
			var kind, date string
			if err := rows.Scan(&o.ID, &o.ClaimID, &kind, &date, &o.Paid, &o.Message, &o.PayerClaimNumber); err != nil {
				rows.Close()
				return err
			}
			o.Kind, o.Date = claimdesk.OutcomeKind(kind), parseDate(date)
			out = append(out, o)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for i := range out {
			if err := loadOutcomeDetail(ctx, tx, &out[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("outcomes of claim %d: %w", claimID, err)
	}
	return out, nil
}

func loadOutcomeDetail(ctx context.Context, tx *sql.Tx, o *claimdesk.Outcome) error {
	rows, err := tx.QueryContext(ctx, `SELECT grp, reason, amount FROM outcome_adjustments WHERE outcome_id = ? ORDER BY seq`, o.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a claimdesk.Adjustment
		var g string
		if err := rows.Scan(&g, &a.Reason, &a.Amount); err != nil {
			rows.Close()
			return err
		}
		a.Group = claimdesk.AdjustmentGroup(g)
		o.Adjustments = append(o.Adjustments, a)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT code FROM outcome_remarks WHERE outcome_id = ? ORDER BY seq`, o.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return err
		}
		o.Remarks = append(o.Remarks, r)
	}
	return rows.Err()
}

// CountClaims returns how many claims are in each status.
func (db *DB) CountClaims(ctx context.Context) (map[claimdesk.ClaimStatus]int, error) {
	out := map[claimdesk.ClaimStatus]int{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT status, count(*) FROM claims GROUP BY status`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				return err
			}
			out[claimdesk.ClaimStatus(s)] = n
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("count claims: %w", err)
	}
	return out, nil
}

// Claims returns the claims matching f, newest date of service first, with
// their amounts: billed, paid, adjusted (the adjustments of payments; a
// denial's adjustments do not settle anything) and balance = billed − paid
// − adjusted, and their age in days since the date of service.
func (db *DB) Claims(ctx context.Context, f claimdesk.ClaimFilter) ([]claimdesk.ClaimSummary, error) {
	today := db.today()
	var where []string
	var args []any
	if f.Status != "" {
		where = append(where, "c.status = ?")
		args = append(args, string(f.Status))
	}
	if f.PayerID != 0 {
		where = append(where, "po.payer_id = ?")
		args = append(args, f.PayerID)
	}
	if f.PatientID != 0 {
		where = append(where, "e.patient_id = ?")
		args = append(args, f.PatientID)
	}
	if f.MinAgeDays > 0 {
		where = append(where, "e.date_from <= ?")
		args = append(args, dateText(today.AddDays(-f.MinAgeDays)))
	}
	cond := "1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	lim, off := limitOffset(f.Limit, f.Offset)
	args = append(args, lim, off)
	q := `SELECT c.id, c.encounter_id, c.status, c.frequency, po.payer_id, py.name,
	p.last, p.first, p.middle, p.suffix, e.date_from, c.total_charge,
	(SELECT coalesce(sum(paid), 0) FROM outcomes WHERE claim_id = c.id),
	(SELECT coalesce(sum(a.amount), 0) FROM outcome_adjustments a JOIN outcomes o ON o.id = a.outcome_id WHERE o.claim_id = c.id AND o.kind = 'paid')
FROM claims c
JOIN encounters e ON e.id = c.encounter_id
JOIN patients p ON p.id = e.patient_id
JOIN policies po ON po.id = c.policy_id
JOIN payers py ON py.id = po.payer_id
WHERE ` + cond + `
ORDER BY e.date_from DESC, c.id DESC LIMIT ? OFFSET ?`
	var out []claimdesk.ClaimSummary
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s claimdesk.ClaimSummary
			var person claimdesk.Person
			var status, from string
			if err := rows.Scan(&s.ID, &s.EncounterID, &status, &s.Frequency, &s.PayerID, &s.Payer,
				&person.Last, &person.First, &person.Middle, &person.Suffix, &from, &s.Billed, &s.Paid, &s.Adjusted); err != nil {
				return err
			}
			s.Status = claimdesk.ClaimStatus(status)
			s.PatientName = person.FullName()
			s.DateFrom = parseDate(from)
			s.Balance = s.Billed - s.Paid - s.Adjusted
			s.AgeDays = s.DateFrom.DaysUntil(today)
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return out, nil
}

// ClaimData gathers everything the claim needs to be checked and printed.
// A practice that is not set up yet gives a zero Practice (the claim checks
// report its missing fields).
func (db *DB) ClaimData(ctx context.Context, id int64) (claimdesk.ClaimData, error) {
	var cd claimdesk.ClaimData
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		cd, err = db.claimData(ctx, tx, id)
		return err
	})
	return cd, err
}

func (db *DB) claimData(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.ClaimData, error) {
	var cd claimdesk.ClaimData
	var err error
	if cd.Claim, err = findClaim(ctx, tx, id); err != nil {
		return cd, err
	}
	if cd.Encounter, err = findEncounter(ctx, tx, cd.Claim.EncounterID); err != nil {
		return cd, err
	}
	if cd.Patient, err = findPatient(ctx, tx, cd.Encounter.PatientID); err != nil {
		return cd, err
	}
	if cd.Policy, err = findPolicy(ctx, tx, cd.Claim.PolicyID); err != nil {
		return cd, err
	}
	if cd.Payer, err = findPayer(ctx, tx, cd.Policy.PayerID); err != nil {
		return cd, err
	}
	cd.Practice, err = findPractice(ctx, tx)
	if err != nil && claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		return cd, err
	}
	if cd.Encounter.RenderingID != 0 {
		p, err := findProvider(ctx, tx, cd.Encounter.RenderingID)
		if err != nil {
			return cd, err
		}
		cd.Rendering = &p
	}
	if cd.Encounter.ReferringID != 0 {
		p, err := findProvider(ctx, tx, cd.Encounter.ReferringID)
		if err != nil {
			return cd, err
		}
		cd.Referring = &p
	}
	if cd.Encounter.FacilityID != 0 {
		f, err := findFacility(ctx, tx, cd.Encounter.FacilityID)
		if err != nil {
			return cd, err
		}
		cd.Facility = &f
	}
	var other int64
	switch cd.Claim.PolicyID {
	case cd.Encounter.PolicyID:
		other = cd.Encounter.SecondaryPolicyID
	case cd.Encounter.SecondaryPolicyID:
		other = cd.Encounter.PolicyID
	}
	if other != 0 {
		p, err := findPolicy(ctx, tx, other)
		if err != nil {
			return cd, err
		}
		py, err := findPayer(ctx, tx, p.PayerID)
		if err != nil {
			return cd, err
		}
		cd.OtherPolicy, cd.OtherPayer = &p, &py
	}
	return cd, nil
}
