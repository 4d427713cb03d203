package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Practice returns the practice; an ENotFound error when none is set up.
func (db *DB) Practice(ctx context.Context) (claimdesk.Practice, error) {
	var p claimdesk.Practice
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = findPractice(ctx, tx)
		return err
	})
	return p, err
}

func findPractice(ctx context.Context, tx *sql.Tx) (claimdesk.Practice, error) {
	var p claimdesk.Practice
	var taxType string
	var accept int
	err := tx.QueryRowContext(ctx, `SELECT id, name, addr_line1, addr_line2, addr_city, addr_state, addr_zip,
	phone, tax_id, tax_id_type, npi, taxonomy, accept_assignment FROM practice WHERE id = 1`).Scan(
		&p.ID, &p.Name, &p.Address.Line1, &p.Address.Line2, &p.Address.City, &p.Address.State, &p.Address.ZIP,
		&p.Phone, &p.TaxID, &taxType, &p.NPI, &p.Taxonomy, &accept)
	if err == sql.ErrNoRows {
		return p, claimdesk.Errorf(claimdesk.ENotFound, "the practice is not set up yet")
	}
	if err != nil {
		return p, fmt.Errorf("practice: %w", err)
	}
	p.TaxIDType = claimdesk.TaxIDType(taxType)
	p.AcceptAssignment = accept != 0
	return p, nil
}

// SavePractice validates and stores the practice (there is only one).
func (db *DB) SavePractice(ctx context.Context, p *claimdesk.Practice) error {
	if err := p.Validate().Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO practice (id, name, addr_line1, addr_line2, addr_city, addr_state, addr_zip,
	phone, tax_id, tax_id_type, npi, taxonomy, accept_assignment, updated_at)
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, addr_line1 = excluded.addr_line1,
	addr_line2 = excluded.addr_line2, addr_city = excluded.addr_city, addr_state = excluded.addr_state,
	addr_zip = excluded.addr_zip, phone = excluded.phone, tax_id = excluded.tax_id,
	tax_id_type = excluded.tax_id_type, npi = excluded.npi, taxonomy = excluded.taxonomy,
	accept_assignment = excluded.accept_assignment, updated_at = excluded.updated_at`,
			p.Name, p.Address.Line1, p.Address.Line2, p.Address.City, p.Address.State, p.Address.ZIP,
			p.Phone, p.TaxID, string(p.TaxIDType), p.NPI, p.Taxonomy, boolInt(p.AcceptAssignment), db.stamp())
		if err != nil {
			return fmt.Errorf("save practice: %w", err)
		}
		p.ID = 1
		return nil
	})
}

const providerCols = `id, role, last, first, middle, credentials, npi, taxonomy`

func scanProvider(s interface{ Scan(...any) error }) (claimdesk.Provider, error) {
	var p claimdesk.Provider
	var role string
	err := s.Scan(&p.ID, &role, &p.Last, &p.First, &p.Middle, &p.Credentials, &p.NPI, &p.Taxonomy)
	p.Role = claimdesk.ProviderRole(role)
	return p, err
}

// Providers returns every provider ordered by name.
func (db *DB) Providers(ctx context.Context) ([]claimdesk.Provider, error) {
	var out []claimdesk.Provider
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+providerCols+` FROM providers ORDER BY last, first, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProvider(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("providers: %w", err)
	}
	return out, nil
}

// Provider returns one provider.
func (db *DB) Provider(ctx context.Context, id int64) (claimdesk.Provider, error) {
	var p claimdesk.Provider
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = findProvider(ctx, tx, id)
		return err
	})
	return p, err
}

func findProvider(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Provider, error) {
	p, err := scanProvider(tx.QueryRowContext(ctx, `SELECT `+providerCols+` FROM providers WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, notFound("provider", id)
	}
	if err != nil {
		return p, fmt.Errorf("provider %d: %w", id, err)
	}
	return p, nil
}

// SaveProvider validates and stores a provider, setting p.ID when new.
func (db *DB) SaveProvider(ctx context.Context, p *claimdesk.Provider) error {
	if err := p.Validate().Err(); err != nil {
		return err
	}
	c := cols{{"role", string(p.Role)}, {"last", p.Last}, {"first", p.First}, {"middle", p.Middle},
		{"credentials", p.Credentials}, {"npi", p.NPI}, {"taxonomy", p.Taxonomy}}
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.saveRow(ctx, tx, "providers", "provider", &p.ID, c)
	})
}

// saveRow inserts c (setting *id) when *id is 0, or updates the row,
// stamping created_at and updated_at. Used for reference data that is not
// audited.
func (db *DB) saveRow(ctx context.Context, tx *sql.Tx, table, what string, id *int64, c cols) error {
	now := db.stamp()
	if *id == 0 {
		nid, err := insertRow(ctx, tx, table, append(c, col{"created_at", now}, col{"updated_at", now}))
		if err != nil {
			return fmt.Errorf("save %s: %w", what, constraintError(err, "the "+what))
		}
		*id = nid
		return nil
	}
	changed, ok, err := updateRow(ctx, tx, table, *id, c)
	if err != nil {
		return fmt.Errorf("save %s %d: %w", what, *id, constraintError(err, "the "+what))
	}
	if !ok {
		return notFound(what, *id)
	}
	if len(changed) > 0 {
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET updated_at = ? WHERE id = ?", now, *id); err != nil {
			return fmt.Errorf("save %s %d: %w", what, *id, err)
		}
	}
	return nil
}

// deleteRef deletes a reference-data row, refusing while other records use it.
func (db *DB) deleteRef(ctx context.Context, table, what string, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		ok, err := deleteRow(ctx, tx, table, id)
		if err != nil {
			return fmt.Errorf("delete %s %d: %w", what, id, constraintError(err, "the "+what))
		}
		if !ok {
			return notFound(what, id)
		}
		return nil
	})
}

// DeleteProvider deletes a provider no encounter uses.
func (db *DB) DeleteProvider(ctx context.Context, id int64) error {
	return db.deleteRef(ctx, "providers", "provider", id)
}

const facilityCols = `id, name, addr_line1, addr_line2, addr_city, addr_state, addr_zip, npi`

func scanFacility(s interface{ Scan(...any) error }) (claimdesk.Facility, error) {
	var f claimdesk.Facility
	err := s.Scan(&f.ID, &f.Name, &f.Address.Line1, &f.Address.Line2, &f.Address.City, &f.Address.State, &f.Address.ZIP, &f.NPI)
	return f, err
}

// Facilities returns every service facility ordered by name.
func (db *DB) Facilities(ctx context.Context) ([]claimdesk.Facility, error) {
	var out []claimdesk.Facility
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+facilityCols+` FROM facilities ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFacility(rows)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("facilities: %w", err)
	}
	return out, nil
}

// Facility returns one service facility.
func (db *DB) Facility(ctx context.Context, id int64) (claimdesk.Facility, error) {
	var f claimdesk.Facility
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		f, err = findFacility(ctx, tx, id)
		return err
	})
	return f, err
}

func findFacility(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Facility, error) {
	f, err := scanFacility(tx.QueryRowContext(ctx, `SELECT `+facilityCols+` FROM facilities WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return f, notFound("facility", id)
	}
	if err != nil {
		return f, fmt.Errorf("facility %d: %w", id, err)
	}
	return f, nil
}

// SaveFacility validates and stores a facility, setting f.ID when new.
func (db *DB) SaveFacility(ctx context.Context, f *claimdesk.Facility) error {
	if err := f.Validate().Err(); err != nil {
		return err
	}
	c := cols{{"name", f.Name}, {"addr_line1", f.Address.Line1}, {"addr_line2", f.Address.Line2},
		{"addr_city", f.Address.City}, {"addr_state", f.Address.State}, {"addr_zip", f.Address.ZIP}, {"npi", f.NPI}}
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.saveRow(ctx, tx, "facilities", "facility", &f.ID, c)
	})
}

// DeleteFacility deletes a facility no encounter uses.
func (db *DB) DeleteFacility(ctx context.Context, id int64) error {
	return db.deleteRef(ctx, "facilities", "facility", id)
}

const payerCols = `id, name, addr_line1, addr_line2, addr_city, addr_state, addr_zip, payer_ident, plan_type, timely_filing_days`

func scanPayer(s interface{ Scan(...any) error }) (claimdesk.Payer, error) {
	var p claimdesk.Payer
	var plan string
	err := s.Scan(&p.ID, &p.Name, &p.Address.Line1, &p.Address.Line2, &p.Address.City, &p.Address.State, &p.Address.ZIP,
		&p.PayerID, &plan, &p.TimelyFilingDays)
	p.PlanType = claimdesk.PlanType(plan)
	return p, err
}

// Payers returns every payer ordered by name.
func (db *DB) Payers(ctx context.Context) ([]claimdesk.Payer, error) {
	var out []claimdesk.Payer
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+payerCols+` FROM payers ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPayer(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("payers: %w", err)
	}
	return out, nil
}

// Payer returns one payer.
func (db *DB) Payer(ctx context.Context, id int64) (claimdesk.Payer, error) {
	var p claimdesk.Payer
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = findPayer(ctx, tx, id)
		return err
	})
	return p, err
}

func findPayer(ctx context.Context, tx *sql.Tx, id int64) (claimdesk.Payer, error) {
	p, err := scanPayer(tx.QueryRowContext(ctx, `SELECT `+payerCols+` FROM payers WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, notFound("payer", id)
	}
	if err != nil {
		return p, fmt.Errorf("payer %d: %w", id, err)
	}
	return p, nil
}

// SavePayer validates and stores a payer, setting p.ID when new.
func (db *DB) SavePayer(ctx context.Context, p *claimdesk.Payer) error {
	if err := p.Validate().Err(); err != nil {
		return err
	}
	c := cols{{"name", p.Name}, {"addr_line1", p.Address.Line1}, {"addr_line2", p.Address.Line2},
		{"addr_city", p.Address.City}, {"addr_state", p.Address.State}, {"addr_zip", p.Address.ZIP},
		{"payer_ident", p.PayerID}, {"plan_type", string(p.PlanType)}, {"timely_filing_days", p.TimelyFilingDays}}
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.saveRow(ctx, tx, "payers", "payer", &p.ID, c)
	})
}

// DeletePayer deletes a payer no policy uses.
func (db *DB) DeletePayer(ctx context.Context, id int64) error {
	return db.deleteRef(ctx, "payers", "payer", id)
}

// Fees returns the fee schedule ordered by code and modifier.
func (db *DB) Fees(ctx context.Context) ([]claimdesk.FeeEntry, error) {
	var out []claimdesk.FeeEntry
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT code, modifier, charge FROM fee_schedule ORDER BY code, modifier`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f claimdesk.FeeEntry
			if err := rows.Scan(&f.Code, &f.Modifier, &f.Charge); err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("fee schedule: %w", err)
	}
	return out, nil
}

// Fee returns the per-unit charge for code with modifier, falling back to
// the code without modifier; ok is false when neither is listed.
func (db *DB) Fee(ctx context.Context, code, modifier string) (charge claimdesk.Cents, ok bool, err error) {
	code, modifier = normFeeKey(code, modifier)
	err = db.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT charge FROM fee_schedule WHERE code = ? AND modifier IN (?, '')
ORDER BY modifier = '' LIMIT 1`, code, modifier).Scan(&charge)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("fee %s: %w", code, err)
	}
	return charge, ok, nil
}

func normFeeKey(code, modifier string) (string, string) {
	return strings.ToUpper(strings.TrimSpace(code)), strings.ToUpper(strings.TrimSpace(modifier))
}

// validateFee checks one fee schedule row.
func validateFee(f claimdesk.FeeEntry) claimdesk.FieldErrors {
	var fe claimdesk.FieldErrors
	code, mod := normFeeKey(f.Code, f.Modifier)
	if code == "" || len(code) > 8 {
		fe = append(fe, claimdesk.FieldError{Path: "code", Message: "procedure code is required (up to 8 characters)"})
	}
	if mod != "" && len(mod) != 2 {
		fe = append(fe, claimdesk.FieldError{Path: "modifier", Message: "a modifier is 2 letters or digits"})
	}
	if f.Charge < 0 {
		fe = append(fe, claimdesk.FieldError{Path: "charge", Message: "charge cannot be negative"})
	}
	return fe
}

// SaveFee adds or replaces one fee schedule row.
func (db *DB) SaveFee(ctx context.Context, f claimdesk.FeeEntry) error {
	if err := validateFee(f).Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		return saveFee(ctx, tx, f)
	})
}

func saveFee(ctx context.Context, tx *sql.Tx, f claimdesk.FeeEntry) error {
	code, mod := normFeeKey(f.Code, f.Modifier)
	_, err := tx.ExecContext(ctx, `INSERT INTO fee_schedule (code, modifier, charge) VALUES (?, ?, ?)
ON CONFLICT (code, modifier) DO UPDATE SET charge = excluded.charge`, code, mod, f.Charge)
	if err != nil {
		return fmt.Errorf("save fee %s: %w", code, err)
	}
	return nil
}

// DeleteFee deletes one fee schedule row; ENotFound when it is not listed.
func (db *DB) DeleteFee(ctx context.Context, code, modifier string) error {
	code, modifier = normFeeKey(code, modifier)
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM fee_schedule WHERE code = ? AND modifier = ?`, code, modifier)
		if err != nil {
			return fmt.Errorf("delete fee %s: %w", code, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return claimdesk.Errorf(claimdesk.ENotFound, "no fee for %s %s", code, modifier)
		}
		return nil
	})
}

// ReplaceFees replaces the whole fee schedule in one transaction. Every row
// is validated first; field paths are prefixed with fees[i].
func (db *DB) ReplaceFees(ctx context.Context, fees []claimdesk.FeeEntry) error {
	var all claimdesk.FieldErrors
	for i, f := range fees {
		for _, e := range validateFee(f) {
			all = append(all, claimdesk.FieldError{Path: fmt.Sprintf("fees[%d].%s", i, e.Path), Message: e.Message})
		}
	}
	if err := all.Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM fee_schedule`); err != nil {
			return fmt.Errorf("replace fees: %w", err)
		}
		for i, f := range fees {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("replace fees: %w", err)
				}
			}
			if err := saveFee(ctx, tx, f); err != nil {
				return err
			}
		}
		return nil
	})
}
