// Package sqlite is ClaimDesk's store: one SQLite file (modernc.org/sqlite,
// pure Go) holding the practice, patients, policies, encounters, claims,
// their history and outcomes, the fee schedule and the audit trail. It
// implements the claimdesk service interfaces on *DB, applies the embedded
// numbered migrations on Open, and offers integrity checks, backup and
// restore.
//
// It is the only package that imports database/sql and modernc.org/sqlite.
// All SQL lives here and uses ? placeholders only. Each exported method runs
// in one transaction: it begins, calls unexported helpers that take
// (ctx, tx, ...), and commits, so a multi-row save is whole or absent even
// when the process is killed midway.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"claimdesk/internal/claimdesk"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// pragmas run on every pooled connection. synchronous(FULL) makes a
// committed save survive a power cut as well as a killed process; a
// desktop clinic app commits rarely, so the fsync per commit costs little.
const pragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"

// DB is an open ClaimDesk database. It implements claimdesk's
// PracticeService, PatientService, EncounterService, ClaimService and
// AuditService. Set Now and ReadyGuard before use; Close when done.
type DB struct {
	db   *sql.DB
	path string

	// Now is the store's clock: audit times, history times, "today" for
	// validation and claim ages. Open sets time.Now; tests set a fixed clock.
	Now func() time.Time

	// ReadyGuard, when set, is called with the claim's data before a claim
	// moves to ready, inside the status change's transaction; a non-nil
	// error refuses the move and is returned to the caller. The wiring code
	// plugs the claim checks in here.
	ReadyGuard func(ctx context.Context, c claimdesk.ClaimData) error
}

// Compile-time checks that *DB implements the service interfaces.
var (
	_ claimdesk.PracticeService  = (*DB)(nil)
	_ claimdesk.PatientService   = (*DB)(nil)
	_ claimdesk.EncounterService = (*DB)(nil)
	_ claimdesk.ClaimService     = (*DB)(nil)
	_ claimdesk.AuditService     = (*DB)(nil)
)

// ErrNewerSchema is matched (errors.Is) by the error Open and Restore return
// for a database written by a newer ClaimDesk than this one.
var ErrNewerSchema = errors.New("database schema is newer than this ClaimDesk")

// SchemaError reports a database whose schema version this binary does not
// know. The database is left untouched.
type SchemaError struct {
	Path  string
	Have  int // the database's schema version
	Known int // the newest version this binary knows
}

// Error implements error.
func (e *SchemaError) Error() string {
	return fmt.Sprintf("database %s has schema version %d, newer than this ClaimDesk knows (%d): use a newer ClaimDesk; the file was not changed", e.Path, e.Have, e.Known)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *SchemaError) Is(target error) bool { return target == ErrNewerSchema }

// migration is one embedded numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads migration/NNNN_name.sql in version order.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migration")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, v)
		}
		seen[v] = name
		b, err := migrationFS.ReadFile(path.Join("migration", name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(name, ".sql"), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// KnownSchemaVersion returns the newest schema version this binary knows:
// the number of its last embedded migration.
func KnownSchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// dsn returns the connection string for the database file at p with the
// given query parameters. The path is passed as a plain file name (not a
// file: URI), so it needs no escaping; a '?' in it is refused.
func dsn(p, params string) (string, error) {
	if strings.ContainsRune(p, '?') {
		return "", fmt.Errorf("database path %q: '?' is not allowed in the file name", p)
	}
	if params == "" {
		return p, nil
	}
	return p + "?" + params, nil
}

// createPrivate creates the file at p with mode 0600 if it does not exist,
// so that SQLite (which copies the database file's mode) also creates the
// -wal and -shm files 0600. An existing file (and its -wal and -shm) that
// others may read is narrowed to 0600, best effort.
func createPrivate(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create database %s: %w", p, err)
	}
	if runtime.GOOS != "windows" {
		for _, q := range []string{p, p + "-wal", p + "-shm"} {
			if fi, err := os.Stat(q); err == nil && fi.Mode().Perm()&0o077 != 0 {
				os.Chmod(q, fi.Mode().Perm()&0o700)
			}
		}
	}
	return nil
}

// Open opens (creating it 0600 if needed) the database file at path, and
// applies the embedded migrations it lacks, each in its own transaction. A
// database whose schema is newer than this binary knows is refused with a
// *SchemaError (errors.Is ErrNewerSchema) before anything is written.
func Open(p string) (*DB, error) {
	if p == "" || p == ":memory:" {
		return nil, fmt.Errorf("open database: need a file path (an in-memory database is one per connection)")
	}
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	if err := createPrivate(p); err != nil {
		return nil, err
	}
	// Read the version first on a connection that sets no pragma which
	// could change the file (journal_mode would).
	have, err := peekVersion(p)
	if err != nil {
		return nil, err
	}
	if known := lastVersion(ms); have > known {
		return nil, &SchemaError{Path: p, Have: have, Known: known}
	}
	d, err := dsn(p, pragmas)
	if err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", p, err)
	}
	db := &DB{db: sdb, path: p, Now: time.Now}
	if err := db.migrate(context.Background(), ms); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

func lastVersion(ms []migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// peekVersion returns the schema version of the database at p (0 for an
// empty file) without changing the file. When a -wal file is present (the
// database is in use, or a process died with changes not yet folded into
// the file), it reads through a read-only connection: the last read-write
// connection to close would checkpoint those changes into the file.
func peekVersion(p string) (int, error) {
	if _, err := os.Stat(p + "-wal"); err == nil {
		if v, err := peekWith("file:" + uriPath(p) + "?mode=ro&_pragma=busy_timeout(5000)"); err == nil {
			return v, nil
		}
	}
	d, err := dsn(p, "_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, err
	}
	v, err := peekWith(d)
	if err != nil {
		return 0, fmt.Errorf("read schema version of %s: %w", p, err)
	}
	return v, nil
}

func peekWith(d string) (int, error) {
	sdb, err := sql.Open("sqlite", d)
	if err != nil {
		return 0, err
	}
	defer sdb.Close()
	return readVersion(context.Background(), sdb)
}

// uriPath escapes a file path for an SQLite file: URI.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// readVersion returns the highest schema version recorded: the larger of
// PRAGMA user_version and the schema_migrations table's highest version.
func readVersion(ctx context.Context, q querier) (int, error) {
	var uv int
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&uv); err != nil {
		return 0, err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return uv, nil
	}
	var mv sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&mv); err != nil {
		return 0, err
	}
	return max(uv, int(mv.Int64)), nil
}

// migrate applies the migrations the database lacks, in version order, each
// in its own transaction that also records it.
func (db *DB) migrate(ctx context.Context, ms []migration) error {
	if err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`)
		return err
	}); err != nil {
		return fmt.Errorf("migrate %s: %w", db.path, err)
	}
	for _, m := range ms {
		err := db.write(ctx, func(tx *sql.Tx) error {
			// Re-check inside the write lock: another process may have
			// applied it or a newer one meanwhile.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			have, err := readVersion(ctx, tx)
			if err != nil {
				return err
			}
			if known := lastVersion(ms); have > known {
				return &SchemaError{Path: db.path, Have: have, Known: known}
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, db.stamp()); err != nil {
				return err
			}
			// PRAGMA takes no placeholders; the version is an int from our
			// own embedded file names.
			_, err = tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, max(have, m.version)))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", db.path, err)
		}
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	if db == nil || db.db == nil {
		return nil
	}
	return db.db.Close()
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the database's schema version: the number of the
// newest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := readVersion(ctx, db.db)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// Check runs SQLite's integrity check and the foreign key check. It
// returns nil only when both are clean, and otherwise an error listing the
// problems (table names and row ids, never row values).
func (db *DB) Check(ctx context.Context) error {
	return check(ctx, db.db)
}

func check(ctx context.Context, q querier) error {
	var problems []string
	rows, err := q.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, "integrity: "+s)
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows, err = q.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return fmt.Errorf("foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("foreign key: %s row %d refers to a missing %s row", table, rowid.Int64, parent))
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	if len(problems) > 0 {
		if len(problems) > 20 {
			problems = append(problems[:20], fmt.Sprintf("... and %d more", len(problems)-20))
		}
		return fmt.Errorf("database check failed:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits it, or
// rolls back when fn or the commit fails.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in a read-only (deferred) transaction: a consistent snapshot
// that does not take the write lock.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// now returns the store's current time.
func (db *DB) now() time.Time {
	if db.Now != nil {
		return db.Now()
	}
	return time.Now()
}

// today returns the current calendar day in the local time zone.
func (db *DB) today() claimdesk.Date { return claimdesk.DateOf(db.now()) }

// stamp returns the current time as stored: RFC 3339 in UTC.
func (db *DB) stamp() string { return db.now().UTC().Format(time.RFC3339Nano) }

// parseStamp reads a stored instant; an empty or bad value gives zero.
func parseStamp(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// dateText is how a Date is stored: "YYYY-MM-DD" or "".
func dateText(d claimdesk.Date) string { return d.String() }

// parseDate reads a stored date; a bad value (never written by this
// package) gives the zero Date.
func parseDate(s string) claimdesk.Date {
	d, err := claimdesk.ParseDate(s)
	if err != nil {
		return claimdesk.Date{}
	}
	return d
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// constraintError maps a constraint failure to a user-facing error; other
// errors are returned as they are.
func constraintError(err error, what string) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return claimdesk.Errorf(claimdesk.EConflict, "%s is still used by other records", what)
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return claimdesk.Errorf(claimdesk.EConflict, "%s already exists", what)
	}
	return err
}

// limitOffset returns SQLite's LIMIT and OFFSET values for a filter: a zero
// limit means no limit.
func limitOffset(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = -1
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// likeEscape escapes LIKE wildcards in s for use with ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// notFound returns an ENotFound error for a missing row.
func notFound(entity string, id int64) error {
	return claimdesk.Errorf(claimdesk.ENotFound, "%s %d not found", entity, id)
}
