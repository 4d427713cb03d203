package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

var _ claimdesk.SettingsService = (*DB)(nil)

// Setting returns the value stored under key; ok is false when none is.
func (db *DB) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores value under key.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.SetSettings(ctx, map[string]string{key: value})
}

// SetSettings stores several values in one transaction.
func (db *DB) SetSettings(ctx context.Context, values map[string]string) error {
	keys := make([]string, 0, len(values))
	for k := range values {
		if strings.TrimSpace(k) == "" {
			return claimdesk.Errorf(claimdesk.EInvalid, "setting name is empty")
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	err := db.write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, k, values[k], db.stamp()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// AllSettings returns every stored setting.
func (db *DB) AllSettings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings ORDER BY key`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			out[k] = v
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return out, nil
}

// DeleteSetting removes key; a missing key is not an error.
func (db *DB) DeleteSetting(ctx context.Context, key string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete setting %s: %w", key, err)
	}
	return nil
}

// Favourites lists the starred codes by system and code.
func (db *DB) Favourites(ctx context.Context) ([]claimdesk.Favourite, error) {
	var out []claimdesk.Favourite
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT system, code FROM favourite_codes ORDER BY system, code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f claimdesk.Favourite
			var sys string
			if err := rows.Scan(&sys, &f.Code); err != nil {
				return err
			}
			f.System = claimdesk.CodeSystem(sys)
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read favourites: %w", err)
	}
	return out, nil
}

// SetFavourite stars (on) or unstars a code; starring twice is harmless.
func (db *DB) SetFavourite(ctx context.Context, f claimdesk.Favourite, on bool) error {
	if f.System == "" || strings.TrimSpace(f.Code) == "" {
		return claimdesk.Errorf(claimdesk.EInvalid, "a favourite needs its code system and code")
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if on {
			_, err = tx.ExecContext(ctx, `INSERT INTO favourite_codes (system, code, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				string(f.System), f.Code, db.stamp())
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM favourite_codes WHERE system = ? AND code = ?`, string(f.System), f.Code)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("save favourite: %w", err)
	}
	return nil
}
