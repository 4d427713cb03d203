package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"claimdesk/internal/claimdesk"
)

const encounterCols = `id, patient_id, coalesce(policy_id, 0), coalesce(secondary_policy_id, 0), date_from, date_to, pos,
	coalesce(rendering_id, 0), coalesce(referring_id, 0), referring_qualifier, coalesce(facility_id, 0), prior_auth,
	onset_date, onset_qualifier, other_date, other_qualifier, employment, auto_accident, accident_state, other_accident`

func scanEncounter(s interface{ Scan(...any) error }) (claimdesk.Encounter, error) {
	var e claimdesk.Encounter
	var from, to, onset, other string
	var emp, auto, otherAcc int
	err := s.Scan(&e.ID, &e.PatientID, &e.PolicyID, &e.SecondaryPolicyID, &from, &to, &e.POS,
		&e.RenderingID, &e.ReferringID, &e.ReferringQualifier, &e.FacilityID, &e.PriorAuth,
		&onset, &e.OnsetQualifier, &other, &e.OtherQualifier, &emp, &auto, &e.AccidentState, &otherAcc)
	e.DateFrom, e.DateTo = parseDate(from), parseDate(to)
	e.OnsetDate, e.OtherDate = parseDate(onset), parseDate(other)
	e.Employment, e.AutoAccident, e.OtherAccident = emp != 0, auto != 0, otherAcc != 0
	return e, err
}

// encounterRowCols is the encounters row of e (without its diagnoses and
// lines).
func encounterRowCols(e *claimdesk.Encounter) cols {
	return cols{{"patient_id", e.PatientID}, {"policy_id", nullID(e.PolicyID)},
		{"secondary_policy_id", nullID(e.SecondaryPolicyID)}, {"date_from", dateText(e.DateFrom)},
		{"date_to", dateText(e.DateTo)}, {"pos", e.POS}, {"rendering_id", nullID(e.RenderingID)},
		{"referring_id", nullID(e.ReferringID)}, {"referring_qualifier", e.ReferringQualifier},
		{"facility_id", nullID(e.FacilityID)}, {"prior_auth", e.PriorAuth},
		{"onset_date", dateText(e.OnsetDate)}, {"onset_qualifier", e.OnsetQualifier},
		{"other_date", dateText(e.OtherDate)}, {"other_qualifier", e.OtherQualifier},
		{"employment", boolInt(e.Employment)}, {"auto_accident", boolInt(e.AutoAccident)},
		{"accident_state", e.AccidentState}, {"other_accident", boolInt(e.OtherAccident)}}
}

// lineCols is the service_lines row of l (without encounter_id and seq).
func lineCols(l claimdesk.ServiceLine) cols {
	var m [claimdesk.MaxModifiers]string
	copy(m[:], l.Modifiers)
	return cols{{"date_from", dateText(l.From)}, {"date_to", dateText(l.To)}, {"pos", l.POS},
		{"emg", boolInt(l.EMG)}, {"code", strings.TrimSpace(l.Code)},
		{"modifier1", m[0]}, {"modifier2", m[1]}, {"modifier3", m[2]}, {"modifier4", m[3]},
		{"pointers", l.Pointers}, {"units", int64(l.Units)}, {"charge", int64(l.Charge)},
		{"charge_overridden", boolInt(l.ChargeOverridden)}, {"ndc", l.NDC}, {"ndc_unit", l.NDCUnit},
		{"ndc_qty", int64(l.NDCQty)}, {"rendering_id", nullID(l.RenderingID)}}
}

// Encounter returns one encounter with its diagnoses and lines.
func (db *DB) Encounter(ctx context.Context, id int64) (claimdesk.Encounter, error) {
	var e claimdesk.Encounter
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		e, err = findEncounter(ctx, tx, id)
		return err
	})
	return e, err
}

func findEncounter(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Encounter, error) {
	e, err := scanEncounter(tx.QueryRowContext(ctx, `SELECT `+encounterCols+` FROM encounters WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return e, notFound("encounter", id)
	}
	if err != nil {
		return e, fmt.Errorf("encounter %d: %w", id, err)
	}
	if e.Diagnoses, err = findDiagnoses(ctx, tx, id); err != nil {
		return e, err
	}
	if e.Lines, err = findLines(ctx, tx, id); err != nil {
		return e, err
	}
	return e, nil
}

func findDiagnoses(ctx context.Context, tx *sql.Tx, encID int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT code FROM encounter_diagnoses WHERE encounter_id = ? ORDER BY seq`, encID)
	if err != nil {
		return nil, fmt.Errorf("diagnoses of encounter %d: %w", encID, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("diagnoses of encounter %d: %w", encID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func findLines(ctx context.Context, tx *sql.Tx, encID int64) ([]claimdesk.ServiceLine, error) {
	rows, err := tx.QueryContext(ctx, `SELECT date_from, date_to, pos, emg, code, modifier1, modifier2, modifier3, modifier4,
	pointers, units, charge, charge_overridden, ndc, ndc_unit, ndc_qty, coalesce(rendering_id, 0)
FROM service_lines WHERE encounter_id = ? ORDER BY seq`, encID)
	if err != nil {
		return nil, fmt.Errorf("lines of encounter %d: %w", encID, err)
	}
	defer rows.Close()
	out := []claimdesk.ServiceLine{}
	for rows.Next() {
		var l claimdesk.ServiceLine
		var from, to string
		var emg, over int
		var m [4]string
		if err := rows.Scan(&from, &to, &l.POS, &emg, &l.Code, &m[0], &m[1], &m[2], &m[3], &l.Pointers,
			&l.Units, &l.Charge, &over, &l.NDC, &l.NDCUnit, &l.NDCQty, &l.RenderingID); err != nil {
			return nil, fmt.Errorf("lines of encounter %d: %w", encID, err)
		}
		l.From, l.To = parseDate(from), parseDate(to)
		l.EMG, l.ChargeOverridden = emg != 0, over != 0
		for _, x := range m {
			if x != "" {
				l.Modifiers = append(l.Modifiers, x)
			}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// editableClaimStatus reports whether an encounter with a claim in status s
// may still be edited or deleted.
func editableClaimStatus(s claimdesk.ClaimStatus) bool {
	return s == claimdesk.StatusDraft || s == claimdesk.StatusReplaced || s == claimdesk.StatusVoided
}

// checkEditable returns EConflict when a claim of the encounter is past
// draft (and not replaced or voided).
func checkEditable(ctx context.Context, tx *sql.Tx, encID int64) error {
	claims, err := findClaimsOfEncounter(ctx, tx, encID, false)
	if err != nil {
		return err
	}
	for _, c := range claims {
		if !editableClaimStatus(c.Status) {
			return claimdesk.Errorf(claimdesk.EConflict,
				"claim %d is %s, so its encounter can no longer be changed; move the claim back to draft or send a corrected claim",
				c.ID, strings.ToLower(c.Status.Label()))
		}
	}
	return nil
}

// SaveEncounter validates and writes the encounter, its diagnoses and lines
// in one transaction, and creates (or updates) the draft claim to its
// primary policy; every draft claim of the encounter gets the new total. A
// PolicyID of 0 is filled with the patient's primary policy active on the
// date of service, if any (an encounter without policy gets no claim). An
// encounter whose claim is past draft is refused with EConflict.
func (db *DB) SaveEncounter(ctx context.Context, e *claimdesk.Encounter) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.saveEncounter(ctx, tx, e)
	})
}

func (db *DB) saveEncounter(ctx context.Context, tx *sql.Tx, e *claimdesk.Encounter) error {
	var dob claimdesk.Date
	if e.PatientID != 0 {
		pat, err := findPatient(ctx, tx, e.PatientID)
		if err != nil {
			return err
		}
		dob = pat.DOB
	}
	fe := e.Validate(db.today(), dob)
	if err := fe.Err(); err != nil {
		return err
	}
	if e.PolicyID == 0 && len(e.Lines) > 0 {
		id, err := primaryPolicyOn(ctx, tx, e.PatientID, e.DateFrom)
		if err != nil {
			return err
		}
		e.PolicyID = id
	}
	if err := checkEncounterRefs(ctx, tx, e); err != nil {
		return err
	}

	var old claimdesk.Encounter
	if e.ID != 0 {
		var err error
		old, err = findEncounter(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if old.PatientID != e.PatientID {
			return claimdesk.Errorf(claimdesk.EConflict, "an encounter cannot move to another patient")
		}
		if err := checkEditable(ctx, tx, e.ID); err != nil {
			return err
		}
	}

	now := db.stamp()
	c := encounterRowCols(e)
	var changed []string
	if e.ID == 0 {
		id, err := insertRow(ctx, tx, "encounters", append(c, col{"created_at", now}, col{"updated_at", now}))
		if err != nil {
			return fmt.Errorf("save encounter: %w", err)
		}
		e.ID = id
		changed = c.set()
		if len(e.Diagnoses) > 0 {
			changed = append(changed, "diagnoses")
		}
		if len(e.Lines) > 0 {
			changed = append(changed, "lines")
		}
	} else {
		var err error
		changed, _, err = updateRow(ctx, tx, "encounters", e.ID, c)
		if err != nil {
			return fmt.Errorf("save encounter %d: %w", e.ID, err)
		}
		changed = append(changed, diffDiagnoses(old.Diagnoses, e.Diagnoses)...)
		changed = append(changed, diffLines(old.Lines, e.Lines)...)
		if len(changed) > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE encounters SET updated_at = ? WHERE id = ?`, now, e.ID); err != nil {
				return fmt.Errorf("save encounter %d: %w", e.ID, err)
			}
		}
	}
	if err := writeDiagnoses(ctx, tx, e.ID, e.Diagnoses); err != nil {
		return err
	}
	if err := writeLines(ctx, tx, e.ID, e.Lines); err != nil {
		return err
	}
	action := actionUpdate
	if old.ID == 0 {
		action = actionCreate
	}
	if err := db.audit(ctx, tx, action, entityEncounter, e.ID, changed); err != nil {
		return err
	}
	return db.syncDraftClaims(ctx, tx, e, old.PolicyID)
}

// primaryPolicyOn returns the patient's primary policy active on day d, or 0.
func primaryPolicyOn(ctx context.Context, tx *sql.Tx, patientID int64, d claimdesk.Date) (int64, error) {
	pols, err := findPolicies(ctx, tx, patientID)
	if err != nil {
		return 0, err
	}
	for _, p := range pols {
		if p.Priority == claimdesk.Primary && p.ActiveOn(d) {
			return p.ID, nil
		}
	}
	return 0, nil
}

// checkEncounterRefs checks that the policies belong to the patient and the
// providers and facility exist, as field errors.
func checkEncounterRefs(ctx context.Context, tx *sql.Tx, e *claimdesk.Encounter) error {
	var fe claimdesk.FieldErrors
	for _, p := range []struct {
		path string
		id   int64
	}{{"policy_id", e.PolicyID}, {"secondary_policy_id", e.SecondaryPolicyID}} {
		if p.id == 0 {
			continue
		}
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT patient_id FROM policies WHERE id = ?`, p.id).Scan(&owner)
		switch {
		case err == sql.ErrNoRows:
			fe = append(fe, claimdesk.FieldError{Path: p.path, Message: "the chosen policy no longer exists"})
		case err != nil:
			return fmt.Errorf("check encounter policy: %w", err)
		case owner != e.PatientID:
			fe = append(fe, claimdesk.FieldError{Path: p.path, Message: "the policy belongs to another patient"})
		}
	}
	if e.SecondaryPolicyID != 0 && e.SecondaryPolicyID == e.PolicyID {
		fe = append(fe, claimdesk.FieldError{Path: "secondary_policy_id", Message: "the secondary policy must differ from the primary"})
	}
	if e.SecondaryPolicyID != 0 && e.PolicyID == 0 {
		fe = append(fe, claimdesk.FieldError{Path: "policy_id", Message: "choose the primary policy before the secondary"})
	}
	type ref struct {
		path, table string
		id          int64
	}
	refs := []ref{{"rendering_id", "providers", e.RenderingID}, {"referring_id", "providers", e.ReferringID},
		{"facility_id", "facilities", e.FacilityID}}
	for i, l := range e.Lines {
		refs = append(refs, ref{fmt.Sprintf("lines[%d].rendering_id", i), "providers", l.RenderingID})
	}
	for _, r := range refs {
		if r.id == 0 {
			continue
		}
		ok, err := exists(ctx, tx, r.table, r.id)
		if err != nil {
			return fmt.Errorf("check encounter references: %w", err)
		}
		if !ok {
			fe = append(fe, claimdesk.FieldError{Path: r.path, Message: "the chosen record no longer exists"})
		}
	}
	return fe.Err()
}

func writeDiagnoses(ctx context.Context, tx *sql.Tx, encID int64, dx []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM encounter_diagnoses WHERE encounter_id = ?`, encID); err != nil {
		return fmt.Errorf("save diagnoses: %w", err)
	}
	for i, d := range dx {
		if _, err := tx.ExecContext(ctx, `INSERT INTO encounter_diagnoses (encounter_id, seq, code) VALUES (?, ?, ?)`,
			encID, i, claimdesk.FormatICD(d)); err != nil {
			return fmt.Errorf("save diagnosis %d: %w", i, err)
		}
	}
	return nil
}

func writeLines(ctx context.Context, tx *sql.Tx, encID int64, lines []claimdesk.ServiceLine) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM service_lines WHERE encounter_id = ?`, encID); err != nil {
		return fmt.Errorf("save lines: %w", err)
	}
	if len(lines) == 0 {
		return nil
	}
	c0 := append(cols{{"encounter_id", 0}, {"seq", 0}}, lineCols(lines[0])...)
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO service_lines ("+strings.Join(c0.names(), ", ")+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(c0)), ", ")+")")
	if err != nil {
		return fmt.Errorf("save lines: %w", err)
	}
	defer stmt.Close()
	for i, l := range lines {
		c := append(cols{{"encounter_id", encID}, {"seq", i}}, lineCols(l)...)
		if _, err := stmt.ExecContext(ctx, c.values()...); err != nil {
			return fmt.Errorf("save line %d: %w", i, err)
		}
	}
	return nil
}

// diffDiagnoses names the changed diagnosis positions.
func diffDiagnoses(old, cur []string) []string {
	var out []string
	for i := 0; i < max(len(old), len(cur)); i++ {
		var a, b string
		if i < len(old) {
			a = old[i]
		}
		if i < len(cur) {
			b = claimdesk.FormatICD(cur[i])
		}
		if a != b {
			out = append(out, fmt.Sprintf("diagnoses[%d]", i))
		}
	}
	return out
}

// diffLines names the changed line fields ("lines[2].charge"), or the
// whole line when it was added or removed.
func diffLines(old, cur []claimdesk.ServiceLine) []string {
	var out []string
	for i := 0; i < max(len(old), len(cur)); i++ {
		if i >= len(old) || i >= len(cur) {
			out = append(out, fmt.Sprintf("lines[%d]", i))
			continue
		}
		a, b := lineCols(old[i]), lineCols(cur[i])
		for j := range a {
			if valueText(a[j].val) != valueText(b[j].val) {
				out = append(out, fmt.Sprintf("lines[%d].%s", i, a[j].name))
			}
		}
	}
	return out
}

// syncDraftClaims keeps the encounter's claims in step after a save: the
// draft claim to the primary policy (found by the policy it had before,
// oldPolicyID) follows the new primary policy, or is created, or is
// deleted when the encounter no longer has a policy; every draft claim of
// the encounter takes the new total.
func (db *DB) syncDraftClaims(ctx context.Context, tx *sql.Tx, e *claimdesk.Encounter, oldPolicyID int64) error {
	claims, err := findClaimsOfEncounter(ctx, tx, e.ID, false)
	if err != nil {
		return err
	}
	var primary *claimdesk.Claim
	lookFor := oldPolicyID
	if lookFor == 0 {
		lookFor = e.PolicyID
	}
	for i := len(claims) - 1; i >= 0; i-- {
		c := &claims[i]
		if c.PolicyID == lookFor && lookFor != 0 && c.Status == claimdesk.StatusDraft {
			primary = c
			break
		}
	}
	total := e.Total()
	if primary == nil && e.PolicyID != 0 {
		hasOther := false
		for _, c := range claims {
			if c.PolicyID == e.PolicyID && c.Status != claimdesk.StatusReplaced && c.Status != claimdesk.StatusVoided {
				hasOther = true
			}
		}
		if !hasOther {
			nc := claimdesk.Claim{EncounterID: e.ID, PolicyID: e.PolicyID, Status: claimdesk.StatusDraft,
				Frequency: claimdesk.FrequencyOriginal}
			return db.createClaim(ctx, tx, &nc, total, "created with the encounter")
		}
	}
	for _, c := range claims {
		if c.Status != claimdesk.StatusDraft {
			continue
		}
		if primary != nil && c.ID == primary.ID && e.PolicyID == 0 {
			if err := db.deleteClaim(ctx, tx, c.ID); err != nil {
				return err
			}
			continue
		}
		upd := cols{{"total_charge", int64(total)}}
		if primary != nil && c.ID == primary.ID {
			upd = append(upd, col{"policy_id", e.PolicyID})
		}
		if err := db.updateClaim(ctx, tx, c.ID, upd); err != nil {
			return err
		}
	}
	return nil
}

// DeleteEncounter deletes an encounter with its diagnoses, lines and draft
// claims. An encounter with a claim past draft is refused (EConflict).
func (db *DB) DeleteEncounter(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if ok, err := exists(ctx, tx, "encounters", id); err != nil {
			return fmt.Errorf("delete encounter %d: %w", id, err)
		} else if !ok {
			return notFound("encounter", id)
		}
		claims, err := findClaimsOfEncounter(ctx, tx, id, false)
		if err != nil {
			return err
		}
		for _, c := range claims {
			if c.Status != claimdesk.StatusDraft {
				return claimdesk.Errorf(claimdesk.EConflict, "claim %d is %s, so its encounter cannot be deleted",
					c.ID, strings.ToLower(c.Status.Label()))
			}
		}
		// Delete newest first: a draft replacement refers to its original.
		for i := len(claims) - 1; i >= 0; i-- {
			if err := db.deleteClaim(ctx, tx, claims[i].ID); err != nil {
				return err
			}
		}
		if _, err := deleteRow(ctx, tx, "encounters", id); err != nil {
			return fmt.Errorf("delete encounter %d: %w", id, constraintError(err, "the encounter"))
		}
		return db.audit(ctx, tx, actionDelete, entityEncounter, id, nil)
	})
}

// Encounters returns the worklist rows matching f, newest date of service
// first. Status filters on the encounter's claim to its primary policy.
func (db *DB) Encounters(ctx context.Context, f claimdesk.EncounterFilter) ([]claimdesk.EncounterSummary, error) {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "e.date_from >= ?")
		args = append(args, dateText(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "e.date_from <= ?")
		args = append(args, dateText(f.To))
	}
	if f.ProviderID != 0 {
		where = append(where, "e.rendering_id = ?")
		args = append(args, f.ProviderID)
	}
	if f.PatientID != 0 {
		where = append(where, "e.patient_id = ?")
		args = append(args, f.PatientID)
	}
	if f.Status != "" {
		where = append(where, "c.status = ?")
		args = append(args, string(f.Status))
	}
	if q := strings.TrimSpace(f.PatientName); q != "" {
		w, a := patientQuery(q)
		where = append(where, w)
		args = append(args, a...)
	}
	cond := "1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	lim, off := limitOffset(f.Limit, f.Offset)
	args = append(args, lim, off)
	q := `SELECT e.id, e.patient_id, p.last, p.first, p.middle, p.suffix, p.account, e.date_from,
	coalesce(pr.first, ''), coalesce(pr.last, ''), coalesce(pr.credentials, ''), coalesce(py.name, ''),
	coalesce(c.id, 0), coalesce(c.status, ''),
	(SELECT coalesce(sum(charge), 0) FROM service_lines WHERE encounter_id = e.id),
	coalesce((SELECT group_concat(code, ',' ORDER BY seq) FROM encounter_diagnoses WHERE encounter_id = e.id), ''),
	coalesce((SELECT group_concat(code, ',' ORDER BY seq) FROM service_lines WHERE encounter_id = e.id), '')
FROM encounters e
JOIN patients p ON p.id = e.patient_id
LEFT JOIN providers pr ON pr.id = e.rendering_id
LEFT JOIN policies po ON po.id = e.policy_id
LEFT JOIN payers py ON py.id = po.payer_id
LEFT JOIN claims c ON c.id = (SELECT x.id FROM claims x WHERE x.encounter_id = e.id AND x.policy_id = e.policy_id
	ORDER BY x.status IN ('replaced', 'voided'), x.id DESC LIMIT 1)
WHERE ` + cond + `
ORDER BY e.date_from DESC, e.id DESC LIMIT ? OFFSET ?`
	var out []claimdesk.EncounterSummary
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s claimdesk.EncounterSummary
			var person claimdesk.Person
			var prov claimdesk.Provider
			var from, status, dx, codes string
			if err := rows.Scan(&s.ID, &s.PatientID, &person.Last, &person.First, &person.Middle, &person.Suffix,
				&s.Account, &from, &prov.First, &prov.Last, &prov.Credentials, &s.Payer, &s.ClaimID, &status,
				&s.Total, &dx, &codes); err != nil {
				return err
			}
			s.PatientName = person.FullName()
			s.DateFrom = parseDate(from)
			if prov.Last != "" || prov.First != "" {
				s.Provider = prov.DisplayName()
			}
			s.Status = claimdesk.ClaimStatus(status)
			s.Diagnoses = splitList(dx)
			s.Codes = splitList(codes)
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("encounters: %w", err)
	}
	return out, nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
