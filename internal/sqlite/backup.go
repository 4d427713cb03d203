package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Backup writes a consistent copy of the database to dst while it may be in
// use: VACUUM INTO a 0600 temporary file in dst's folder, then sync and
// rename it onto dst. dst is never left half-written.
func (db *DB) Backup(ctx context.Context, dst string) error {
	if err := vacuumInto(ctx, db.db, dst); err != nil {
		return fmt.Errorf("backup to %s: %w", dst, err)
	}
	return nil
}

// vacuumInto copies the database q reads to dst atomically.
func vacuumInto(ctx context.Context, q querier, dst string) error {
	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	// VACUUM INTO accepts an existing empty file, so the copy keeps the
	// temp file's 0600 mode from its first byte.
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(name)
			os.Remove(name + "-journal")
		}
	}()
	if _, err := q.ExecContext(ctx, `VACUUM INTO ?`, name); err != nil {
		return err
	}
	if err := syncFile(name); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o600); err != nil {
		return err
	}
	if err := os.Rename(name, dst); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Windows cannot sync a folder; the
// rename itself has happened there, so its error is ignored.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Restore replaces the database file target with the backup file. It first
// checks the backup (integrity, foreign keys, a ClaimDesk schema no newer
// than this binary knows), then copies it beside target, keeps the current
// target aside as target+".replaced-<UTC timestamp>" (with its -wal, if
// any) and renames the copy onto target. Stale -wal and -shm files of
// target are removed so they cannot be applied to the restored file. Close
// every connection to target first.
func Restore(ctx context.Context, backup, target string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("restore %s from %s: %w", target, backup, err)
		}
	}()
	if _, err := os.Stat(backup); err != nil {
		return err
	}
	src, err := openForRead(backup)
	if err != nil {
		return err
	}
	defer src.Close()
	have, err := readVersion(ctx, src)
	if err != nil {
		return fmt.Errorf("not a readable database: %w", err)
	}
	var n int
	if err := src.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return err
	}
	if n == 0 || have == 0 {
		return errors.New("the backup is not a ClaimDesk database")
	}
	if known := KnownSchemaVersion(); have > known {
		return &SchemaError{Path: backup, Have: have, Known: known}
	}
	if err := check(ctx, src); err != nil {
		return fmt.Errorf("the backup is damaged: %w", err)
	}

	// Copy the backup (with anything in its own WAL) next to the target.
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	staged := filepath.Join(dir, "."+filepath.Base(target)+".restore")
	os.Remove(staged)
	if err := vacuumInto(ctx, src, staged); err != nil {
		return fmt.Errorf("copy backup: %w", err)
	}
	defer os.Remove(staged)
	src.Close()

	if _, err := os.Stat(target); err == nil {
		// Fold the target's WAL into it, so the file kept aside is whole.
		if t, err := openPlain(target); err == nil {
			t.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			t.Close()
		}
		aside := target + ".replaced-" + time.Now().UTC().Format("20060102T150405Z")
		if err := keepAside(target, aside); err != nil {
			return fmt.Errorf("keep the current database aside: %w", err)
		}
		if _, err := os.Stat(target + "-wal"); err == nil {
			if err := os.Rename(target+"-wal", aside+"-wal"); err != nil {
				return fmt.Errorf("keep the current WAL aside: %w", err)
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale %s: %w", suffix, err)
		}
	}
	if err := os.Rename(staged, target); err != nil {
		return err
	}
	return syncDir(dir)
}

// keepAside makes aside a copy of the file at p (a hard link when the
// file system allows, else a byte copy), leaving p in place until the
// restored file is renamed over it.
func keepAside(p, aside string) error {
	if err := os.Link(p, aside); err == nil {
		return nil
	}
	in, err := os.Open(p)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(aside, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(aside)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// openForRead opens a database file to read it without changing it: read
// only when a -wal is present (a read-write connection would fold it into
// the file on close), else like openPlain.
func openForRead(p string) (*sql.DB, error) {
	if _, err := os.Stat(p + "-wal"); err == nil {
		sdb, err := sql.Open("sqlite", "file:"+uriPath(p)+"?mode=ro&_pragma=busy_timeout(5000)")
		if err == nil {
			if err = sdb.Ping(); err == nil {
				sdb.SetMaxOpenConns(1)
				return sdb, nil
			}
			sdb.Close()
		}
	}
	return openPlain(p)
}

// openPlain opens a database file for checks without migrating it or
// changing its journal mode. It refuses a missing file.
func openPlain(p string) (*sql.DB, error) {
	if _, err := os.Stat(p); err != nil {
		return nil, err
	}
	d, err := dsn(p, "_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, err
	}
	// One connection: the checks and the copy see one snapshot source.
	sdb.SetMaxOpenConns(1)
	return sdb, nil
}
