package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"claimdesk/internal/sqlite"
)

func init() {
	register("db migrate", "create the database or bring its schema up to date", runDBMigrate)
	register("db check", "run SQLite's integrity and foreign key checks; prints ok when both pass", runDBCheck)
	register("db backup", "write a consistent copy of the database to FILE (safe while the app runs)", runDBBackup)
	register("db restore", "replace the database with the backup FILE after checking it; keeps the old file aside", runDBRestore)
}

func runDBMigrate(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "db migrate")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	db, err := openDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: schema version %d\n", *f.db, v)
	return nil
}

func runDBCheck(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "db check")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(0, "no arguments"); err != nil {
		return err
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		fmt.Fprintln(m.Stdout, err)
		return &exitError{code: 1, msg: "database check failed"}
	}
	fmt.Fprintln(m.Stdout, "ok")
	return nil
}

func runDBBackup(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "db backup")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(1, "the backup FILE"); err != nil {
		return err
	}
	dst := f.Arg(0)
	if dbAbs(dst) == dbAbs(*f.db) {
		return fmt.Errorf("db backup: the backup file must differ from the database")
	}
	db, err := openExistingDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, dst); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "backed up %s to %s\n", *f.db, dst)
	return nil
}

func runDBRestore(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "db restore")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.need(1, "the backup FILE"); err != nil {
		return err
	}
	src := f.Arg(0)
	if dbAbs(src) == dbAbs(*f.db) {
		return fmt.Errorf("db restore: the backup file must differ from the database")
	}
	before, _ := filepath.Glob(*f.db + ".replaced-*")
	if err := sqlite.Restore(ctx, src, *f.db); err != nil {
		return err
	}
	db, err := openDB(*f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		return fmt.Errorf("restored database fails its check: %w", err)
	}
	fmt.Fprintf(m.Stdout, "restored %s from %s\n", *f.db, src)
	after, _ := filepath.Glob(*f.db + ".replaced-*")
	if kept := dbNewest(after, before); kept != "" {
		fmt.Fprintf(m.Stdout, "the replaced database is kept as %s\n", kept)
	}
	return nil
}

// dbNewest returns the last (by name, which sorts by time) of after that is
// not in before.
func dbNewest(after, before []string) string {
	old := map[string]bool{}
	for _, b := range before {
		old[b] = true
	}
	sort.Strings(after)
	for i := len(after) - 1; i >= 0; i-- {
		if !old[after[i]] && !dbSidecar(after[i]) {
			return after[i]
		}
	}
	return ""
}

func dbSidecar(p string) bool {
	n := len(p)
	return n > 4 && (p[n-4:] == "-wal" || p[n-4:] == "-shm")
}

func dbAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
