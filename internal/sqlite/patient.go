package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"

	"claimdesk/internal/claimdesk"
)

const patientCols = `p.id, p.account, p.last, p.first, p.middle, p.suffix, p.dob, p.sex,
	p.addr_line1, p.addr_line2, p.addr_city, p.addr_state, p.addr_zip, p.phone`

func scanPatient(s interface{ Scan(...any) error }) (claimdesk.Patient, error) {
	var p claimdesk.Patient
	var dob, sex string
	err := s.Scan(&p.ID, &p.Account, &p.Last, &p.First, &p.Middle, &p.Suffix, &dob, &sex,
		&p.Address.Line1, &p.Address.Line2, &p.Address.City, &p.Address.State, &p.Address.ZIP, &p.Phone)
	p.DOB = parseDate(dob)
	p.Sex = claimdesk.Sex(sex)
	return p, err
}

// patientQuery turns a PatientFilter's query into a WHERE clause: a birth
// date (YYYY-MM-DD or MM/DD/YYYY) matches the DOB; otherwise every word must
// occur in the name or the account number.
func patientQuery(q string) (string, []any) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "1", nil
	}
	if d, err := claimdesk.ParseDate(q); err == nil {
		return "p.dob = ?", []any{d.String()}
	}
	if t, err := time.Parse("01/02/2006", q); err == nil {
		return "p.dob = ?", []any{claimdesk.DateOf(t).String()}
	}
	if t, err := time.Parse("1/2/2006", q); err == nil {
		return "p.dob = ?", []any{claimdesk.DateOf(t).String()}
	}
	// Control characters (a NUL would end SQLite's LIKE pattern early and
	// match everyone) never occur in names or accounts: drop them.
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' {
			return -1
		}
		return r
	}, q)
	words := strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(words) == 0 {
		return "1", nil
	}
	var conds []string
	var args []any
	for _, w := range words {
		conds = append(conds, `(p.last || ' ' || p.first || ' ' || p.middle || ' ' || p.suffix || ' ' || p.account) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(w)+"%")
	}
	return strings.Join(conds, " AND "), args
}

// Patients returns the patients matching f, ordered by name.
func (db *DB) Patients(ctx context.Context, f claimdesk.PatientFilter) ([]claimdesk.Patient, error) {
	var out []claimdesk.Patient
	err := db.read(ctx, func(tx *sql.Tx) error {
		where, args := patientQuery(f.Query)
		lim, off := limitOffset(f.Limit, f.Offset)
		rows, err := tx.QueryContext(ctx, `SELECT `+patientCols+` FROM patients p WHERE `+where+`
ORDER BY p.last COLLATE NOCASE, p.first COLLATE NOCASE, p.id LIMIT ? OFFSET ?`, append(args, lim, off)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPatient(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("patients: %w", err)
	}
	return out, nil
}

// Patient returns one patient.
func (db *DB) Patient(ctx context.Context, id int64) (claimdesk.Patient, error) {
	var p claimdesk.Patient
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = findPatient(ctx, tx, id)
		return err
	})
	return p, err
}

func findPatient(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Patient, error) {
	p, err := scanPatient(tx.QueryRowContext(ctx, `SELECT `+patientCols+` FROM patients p WHERE p.id = ?`, id))
	if err == sql.ErrNoRows {
		return p, notFound("patient", id)
	}
	if err != nil {
		return p, fmt.Errorf("patient %d: %w", id, err)
	}
	return p, nil
}

func personCols(prefix string, p claimdesk.Person) cols {
	addr := "addr_"
	if prefix != "" {
		addr = prefix
	}
	return cols{{prefix + "last", p.Last}, {prefix + "first", p.First}, {prefix + "middle", p.Middle},
		{prefix + "suffix", p.Suffix}, {prefix + "dob", dateText(p.DOB)}, {prefix + "sex", string(p.Sex)},
		{addr + "line1", p.Address.Line1}, {addr + "line2", p.Address.Line2}, {addr + "city", p.Address.City},
		{addr + "state", p.Address.State}, {addr + "zip", p.Address.ZIP}, {prefix + "phone", p.Phone}}
}

// SavePatient validates and stores a patient (setting p.ID when new) and
// records the change in the audit trail.
func (db *DB) SavePatient(ctx context.Context, p *claimdesk.Patient) error {
	if err := p.Validate(db.today()).Err(); err != nil {
		return err
	}
	c := append(cols{{"account", p.Account}}, personCols("", p.Person)...)
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.saveAudited(ctx, tx, "patients", entityPatient, &p.ID, c)
	})
}

// saveAudited inserts or updates an audited row and records the change.
func (db *DB) saveAudited(ctx context.Context, tx *sql.Tx, table, entity string, id *int64, c cols) error {
	now := db.stamp()
	if *id == 0 {
		nid, err := insertRow(ctx, tx, table, append(c, col{"created_at", now}, col{"updated_at", now}))
		if err != nil {
			return fmt.Errorf("save %s: %w", entity, constraintError(err, "this "+entity))
		}
		*id = nid
		return db.audit(ctx, tx, actionCreate, entity, nid, c.set())
	}
	changed, ok, err := updateRow(ctx, tx, table, *id, c)
	if err != nil {
		return fmt.Errorf("save %s %d: %w", entity, *id, constraintError(err, "this "+entity))
	}
	if !ok {
		return notFound(entity, *id)
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET updated_at = ? WHERE id = ?", now, *id); err != nil {
		return fmt.Errorf("save %s %d: %w", entity, *id, err)
	}
	return db.audit(ctx, tx, actionUpdate, entity, *id, changed)
}

// DeletePatient deletes a patient without encounters, with the patient's
// policies. A patient with encounters is refused (EConflict).
func (db *DB) DeletePatient(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if ok, err := exists(ctx, tx, "patients", id); err != nil {
			return fmt.Errorf("delete patient %d: %w", id, err)
		} else if !ok {
			return notFound("patient", id)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM encounters WHERE patient_id = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("delete patient %d: %w", id, err)
		}
		if n > 0 {
			return claimdesk.Errorf(claimdesk.EConflict, "the patient has %d encounters; delete them first", n)
		}
		pols, err := findPolicies(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, p := range pols {
			if err := db.deletePolicy(ctx, tx, p.ID); err != nil {
				return err
			}
		}
		if _, err := deleteRow(ctx, tx, "patients", id); err != nil {
			return fmt.Errorf("delete patient %d: %w", id, constraintError(err, "the patient"))
		}
		return db.audit(ctx, tx, actionDelete, entityPatient, id, nil)
	})
}

const policyCols = `id, patient_id, payer_id, priority, member_id, group_number, plan_name, relationship,
	has_subscriber, sub_last, sub_first, sub_middle, sub_suffix, sub_dob, sub_sex,
	sub_line1, sub_line2, sub_city, sub_state, sub_zip, sub_phone, effective_from, effective_to`

func scanPolicy(s interface{ Scan(...any) error }) (claimdesk.Policy, error) {
	var p claimdesk.Policy
	var rel, dob, sex, from, to string
	var hasSub int
	var sub claimdesk.Person
	err := s.Scan(&p.ID, &p.PatientID, &p.PayerID, &p.Priority, &p.MemberID, &p.GroupNumber, &p.PlanName, &rel,
		&hasSub, &sub.Last, &sub.First, &sub.Middle, &sub.Suffix, &dob, &sex,
		&sub.Address.Line1, &sub.Address.Line2, &sub.Address.City, &sub.Address.State, &sub.Address.ZIP, &sub.Phone,
		&from, &to)
	p.Relationship = claimdesk.Relationship(rel)
	if hasSub != 0 {
		sub.DOB = parseDate(dob)
		sub.Sex = claimdesk.Sex(sex)
		p.Subscriber = &sub
	}
	p.EffectiveFrom = parseDate(from)
	p.EffectiveTo = parseDate(to)
	return p, err
}

// Policies returns a patient's policies, primary first (then the most
// recently effective first).
func (db *DB) Policies(ctx context.Context, patientID int64) ([]claimdesk.Policy, error) {
	var out []claimdesk.Policy
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = findPolicies(ctx, tx, patientID)
		return err
	})
	return out, err
}

func findPolicies(ctx context.Context, tx *sql.Tx, patientID int64) ([]claimdesk.Policy, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+policyCols+` FROM policies WHERE patient_id = ?
ORDER BY priority, effective_from DESC, id`, patientID)
	if err != nil {
		return nil, fmt.Errorf("policies of patient %d: %w", patientID, err)
	}
	defer rows.Close()
	var out []claimdesk.Policy
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			return nil, fmt.Errorf("policies of patient %d: %w", patientID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Policy returns one policy.
func (db *DB) Policy(ctx context.Context, id int64) (claimdesk.Policy, error) {
	var p claimdesk.Policy
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = findPolicy(ctx, tx, id)
		return err
	})
	return p, err
}

func findPolicy(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Policy, error) {
	p, err := scanPolicy(tx.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, notFound("policy", id)
	}
	if err != nil {
		return p, fmt.Errorf("policy %d: %w", id, err)
	}
	return p, nil
}

// SavePolicy validates and stores a policy (setting p.ID when new) and
// records the change in the audit trail. The patient must exist; the payer
// must exist (else a field error on payer_id).
func (db *DB) SavePolicy(ctx context.Context, p *claimdesk.Policy) error {
	fe := p.Validate(db.today())
	if p.PatientID == 0 {
		fe = append(claimdesk.FieldErrors{{Path: "patient_id", Message: "choose the patient"}}, fe...)
	}
	if err := fe.Err(); err != nil {
		return err
	}
	var sub claimdesk.Person
	if p.Subscriber != nil {
		sub = *p.Subscriber
	}
	c := cols{{"patient_id", p.PatientID}, {"payer_id", p.PayerID}, {"priority", int(p.Priority)},
		{"member_id", strings.TrimSpace(p.MemberID)}, {"group_number", p.GroupNumber}, {"plan_name", p.PlanName},
		{"relationship", string(p.Relationship)}, {"has_subscriber", boolInt(p.Subscriber != nil)}}
	c = append(c, personCols("sub_", sub)...)
	c = append(c, col{"effective_from", dateText(p.EffectiveFrom)}, col{"effective_to", dateText(p.EffectiveTo)})
	return db.write(ctx, func(tx *sql.Tx) error {
		if ok, err := exists(ctx, tx, "patients", p.PatientID); err != nil {
			return fmt.Errorf("save policy: %w", err)
		} else if !ok {
			return notFound("patient", p.PatientID)
		}
		if ok, err := exists(ctx, tx, "payers", p.PayerID); err != nil {
			return fmt.Errorf("save policy: %w", err)
		} else if !ok {
			return claimdesk.FieldErrors{{Path: "payer_id", Message: "the chosen payer no longer exists"}}
		}
		if p.ID != 0 {
			old, err := findPolicy(ctx, tx, p.ID)
			if err != nil {
				return err
			}
			if old.PatientID != p.PatientID {
				return claimdesk.Errorf(claimdesk.EConflict, "a policy cannot move to another patient")
			}
		}
		return db.saveAudited(ctx, tx, "policies", entityPolicy, &p.ID, c)
	})
}

// DeletePolicy deletes a policy no encounter or claim uses.
func (db *DB) DeletePolicy(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.deletePolicy(ctx, tx, id)
	})
}

func (db *DB) deletePolicy(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT
	(SELECT count(*) FROM encounters WHERE policy_id = ? OR secondary_policy_id = ?) +
	(SELECT count(*) FROM claims WHERE policy_id = ?)`, id, id, id).Scan(&n); err != nil {
		return fmt.Errorf("delete policy %d: %w", id, err)
	}
	if n > 0 {
		return claimdesk.Errorf(claimdesk.EConflict, "the policy is used by encounters or claims and cannot be deleted")
	}
	ok, err := deleteRow(ctx, tx, "policies", id)
	if err != nil {
		return fmt.Errorf("delete policy %d: %w", id, constraintError(err, "the policy"))
	}
	if !ok {
		return notFound("policy", id)
	}
	return db.audit(ctx, tx, actionDelete, entityPolicy, id, nil)
}
