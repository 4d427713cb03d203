package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

func TestMigrateFromEmptyFile(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "empty.db")
	must(t, os.WriteFile(path, nil, 0o600))
	db := mustOpenPath(t, path)
	v, err := db.SchemaVersion(ctx)
	must(t, err)
	if v != sqlite.KnownSchemaVersion() || v < 1 {
		t.Fatalf("schema version = %d, want %d", v, sqlite.KnownSchemaVersion())
	}
	for _, table := range []string{"practice", "providers", "facilities", "payers", "patients", "policies", "encounters",
		"encounter_diagnoses", "service_lines", "claims", "claim_history", "outcomes", "outcome_adjustments",
		"outcome_remarks", "fee_schedule", "audit_log", "schema_migrations"} {
		n, err := db.QueryIntForTest(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table)
		if err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
	for _, pragma := range []struct{ q, want string }{
		{"PRAGMA foreign_keys", "1"}, {"PRAGMA busy_timeout", "5000"}, {"PRAGMA synchronous", "2"},
	} {
		n, err := db.QueryIntForTest(ctx, pragma.q)
		if err != nil || fmt.Sprint(n) != pragma.want {
			t.Errorf("%s = %d, %v; want %s", pragma.q, n, err, pragma.want)
		}
	}
	must(t, db.Check(ctx))
	applied, err := db.QueryIntForTest(ctx, `SELECT count(*) FROM schema_migrations`)
	must(t, err)
	must(t, db.Close())

	// Reopening applies nothing twice.
	db2 := mustOpenPath(t, path)
	again, err := db2.QueryIntForTest(ctx, `SELECT count(*) FROM schema_migrations`)
	must(t, err)
	if again != applied {
		t.Fatalf("migrations recorded %d then %d", applied, again)
	}
	var journal string
	n, _ := db2.QueryIntForTest(ctx, `SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'`)
	if n != 1 {
		t.Errorf("journal mode is not WAL %s", journal)
	}
}

func TestConcurrentOpenMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "race.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlite.Open(path)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		must(t, err)
	}
	db := mustOpenPath(t, path)
	v, _ := db.SchemaVersion(t.Context())
	if v != sqlite.KnownSchemaVersion() {
		t.Fatalf("version %d", v)
	}
}

// ageSchema marks the database at path as written by a newer ClaimDesk.
func ageSchema(t *testing.T, path string) {
	t.Helper()
	db, err := sqlite.Open(path)
	must(t, err)
	newer := sqlite.KnownSchemaVersion() + 1
	must(t, db.ExecForTest(t.Context(), `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2030-01-01T00:00:00Z')`, newer))
	must(t, db.ExecForTest(t.Context(), fmt.Sprintf(`PRAGMA user_version = %d`, newer)))
	must(t, db.Close())
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	ageSchema(t, path)
	before, err := os.ReadFile(path)
	must(t, err)

	db, err := sqlite.Open(path)
	if err == nil {
		db.Close()
		t.Fatal("a newer schema was opened")
	}
	var se *sqlite.SchemaError
	if !errors.Is(err, sqlite.ErrNewerSchema) || !errors.As(err, &se) || se.Have != sqlite.KnownSchemaVersion()+1 {
		t.Fatalf("err = %v, want a SchemaError", err)
	}
	if !strings.Contains(err.Error(), "newer than this ClaimDesk") {
		t.Errorf("message %q is not clear", err)
	}
	after, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Fatal("refused database file was changed")
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s left behind", side)
		}
	}

	// Only user_version newer (no table row) is refused as well.
	path2 := filepath.Join(t.TempDir(), "future2.db")
	db2, err := sqlite.Open(path2)
	must(t, err)
	must(t, db2.ExecForTest(t.Context(), fmt.Sprintf(`PRAGMA user_version = %d`, sqlite.KnownSchemaVersion()+5)))
	must(t, db2.Close())
	if _, err := sqlite.Open(path2); !errors.Is(err, sqlite.ErrNewerSchema) {
		t.Fatalf("user_version newer: err = %v", err)
	}
}

// TestNewerSchemaWithPendingWALRefused covers a newer ClaimDesk that died
// with changes still in its WAL: refusing must not fold them into the file.
func TestNewerSchemaWithPendingWALRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	// Age the schema while the store is open: the change sits in the WAL
	// (far below the automatic checkpoint), and copying the three files
	// now gives what a crash would leave.
	db, err := sqlite.Open(path)
	must(t, err)
	newer := sqlite.KnownSchemaVersion() + 1
	must(t, db.ExecForTest(t.Context(), `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '')`, newer))
	must(t, db.ExecForTest(t.Context(), fmt.Sprintf(`PRAGMA user_version = %d`, newer)))
	crash := filepath.Join(dir, "crash.db")
	for _, side := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + side)
		must(t, err)
		must(t, os.WriteFile(crash+side, b, 0o600))
	}
	must(t, db.Close())
	before, _ := os.ReadFile(crash)
	beforeWAL, _ := os.ReadFile(crash + "-wal")
	if len(beforeWAL) == 0 {
		t.Fatal("test set-up: the WAL holds nothing")
	}
	if _, err := sqlite.Open(crash); !errors.Is(err, sqlite.ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	after, _ := os.ReadFile(crash)
	afterWAL, _ := os.ReadFile(crash + "-wal")
	if !bytes.Equal(before, after) || !bytes.Equal(beforeWAL, afterWAL) {
		t.Fatal("refusing the newer database changed its file or WAL")
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "text.db")
	must(t, os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 100), 0o600))
	if db, err := sqlite.Open(path); err == nil {
		db.Close()
		t.Fatal("opened a text file")
	}
	if _, err := sqlite.Open(""); err == nil {
		t.Fatal("opened an empty path")
	}
	if _, err := sqlite.Open(filepath.Join(t.TempDir(), "a?b.db")); err == nil {
		t.Fatal("opened a path with '?'")
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s mode = %o, want %o", filepath.Base(path), got, want)
	}
}

func TestFilesArePrivate(t *testing.T) {
	db := MustOpenDB(t)
	newWorld(t, db) // writes, so the WAL and SHM exist
	path := db.Path()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		assertMode(t, p, 0o600)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	must(t, db.Backup(t.Context(), backup))
	assertMode(t, backup, 0o600)
}

func TestOpenNarrowsWideFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	path := filepath.Join(t.TempDir(), "wide.db")
	must(t, os.WriteFile(path, nil, 0o644))
	must(t, os.Chmod(path, 0o644))
	db := mustOpenPath(t, path)
	newWorld(t, db)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		assertMode(t, p, 0o600)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var writeErr error
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			e := w.newEncounter(25)
			if err := db.SaveEncounter(context.Background(), &e); err != nil {
				writeErr = err
				return
			}
		}
	}()
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		dst := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		must(t, db.Backup(ctx, dst))
		b := mustOpenPath(t, dst)
		must(t, b.Check(ctx))
		assertComplete(t, b)
		must(t, b.Close())
	}
	close(stop)
	wg.Wait()
	must(t, writeErr)
	// No temporary files are left beside the backups.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// assertComplete checks that every encounter has all its lines (each
// test encounter's lines add up to its claim's total) and one claim.
func assertComplete(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := t.Context()
	rows, err := db.Encounters(ctx, claimdesk.EncounterFilter{})
	must(t, err)
	for _, r := range rows {
		claims, err := db.ClaimsOfEncounter(ctx, r.ID)
		must(t, err)
		if len(claims) != 1 || claims[0].TotalCharge != r.Total {
			t.Fatalf("encounter %d: total %v, claims %+v", r.ID, r.Total, claims)
		}
	}
}

func TestBackupRestore(t *testing.T) {
	ctx := t.Context()
	db := MustOpenDB(t)
	w := newWorld(t, db)
	path := db.Path()
	backup := filepath.Join(t.TempDir(), "backup.db")
	must(t, db.Backup(ctx, backup))

	// Change the live database after the backup.
	extra := w.newEncounter(2)
	must(t, db.SaveEncounter(ctx, &extra))
	must(t, db.Close())

	must(t, sqlite.Restore(ctx, backup, path))
	kept, _ := filepath.Glob(path + ".replaced-*")
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	restored := mustOpenPath(t, path)
	must(t, restored.Check(ctx))
	if _, err := restored.Encounter(ctx, extra.ID); claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		t.Fatalf("encounter saved after the backup survived the restore: %v", err)
	}
	if _, err := restored.Encounter(ctx, w.encounter.ID); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path, 0o600)
	old := mustOpenPath(t, kept[0])
	if _, err := old.Encounter(ctx, extra.ID); err != nil {
		t.Fatalf("the replaced file lost the later encounter: %v", err)
	}
}

// TestRestoreFromLiveCopy restores from a copy taken of a database in use
// (with its -wal): the WAL's changes are restored and the copy is left as
// it was.
func TestRestoreFromLiveCopy(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "live.db"))
	w := newWorld(t, db)
	copyPath := filepath.Join(dir, "copy.db")
	for _, side := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(db.Path() + side)
		must(t, err)
		must(t, os.WriteFile(copyPath+side, b, 0o600))
	}
	before, _ := os.ReadFile(copyPath)
	target := filepath.Join(dir, "restored.db")
	must(t, sqlite.Restore(ctx, copyPath, target))
	after, _ := os.ReadFile(copyPath)
	if !bytes.Equal(before, after) {
		t.Error("restore changed the backup file")
	}
	r := mustOpenPath(t, target)
	if _, err := r.Encounter(ctx, w.encounter.ID); err != nil {
		t.Fatalf("restored copy lacks the WAL's encounter: %v", err)
	}
	if kept, _ := filepath.Glob(target + ".replaced-*"); len(kept) != 0 {
		t.Errorf("nothing to keep aside, yet: %v", kept)
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	target := filepath.Join(dir, "live.db")
	live, err := sqlite.Open(target)
	must(t, err)
	newWorld(t, live)
	must(t, live.Close())
	before, _ := os.ReadFile(target)

	future := filepath.Join(dir, "future.db")
	ageSchema(t, future)
	text := filepath.Join(dir, "text.db")
	must(t, os.WriteFile(text, bytes.Repeat([]byte("x"), 8192), 0o600))
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sqlite.Open(foreign)
	must(t, err)
	must(t, fdb.ExecForTest(ctx, `DROP TABLE schema_migrations`))
	must(t, fdb.ExecForTest(ctx, `PRAGMA user_version = 0`))
	must(t, fdb.Close())
	broken := filepath.Join(dir, "broken.db")
	bdb, err := sqlite.Open(broken)
	must(t, err)
	must(t, bdb.ExecForTest(ctx, `PRAGMA foreign_keys = OFF`))
	must(t, bdb.ExecForTest(ctx, `INSERT INTO policies (patient_id, payer_id, priority, member_id, relationship, created_at, updated_at) VALUES (77, 88, 1, 'M', 'self', '', '')`))
	must(t, bdb.Close())

	tests := []struct {
		name, backup, want string
	}{
		{"missing", filepath.Join(dir, "none.db"), "no such file"},
		{"newer schema", future, "newer than this ClaimDesk"},
		{"not a database", text, "not a readable database"},
		{"not ClaimDesk", foreign, "not a ClaimDesk database"},
		{"foreign keys broken", broken, "foreign key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sqlite.Restore(ctx, tt.backup, target)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			after, _ := os.ReadFile(target)
			if !bytes.Equal(before, after) {
				t.Fatal("target changed by a refused restore")
			}
			if kept, _ := filepath.Glob(target + ".replaced-*"); len(kept) != 0 {
				t.Fatalf("set aside on a refused restore: %v", kept)
			}
		})
	}
}

func TestCheckFindsForeignKeyDamage(t *testing.T) {
	ctx := t.Context()
	db := MustOpenDB(t)
	w := newWorld(t, db)
	must(t, db.Check(ctx))
	// A connection without foreign keys (as another tool might use)
	// leaves an orphan line.
	must(t, db.ExecForTest(ctx, `PRAGMA foreign_keys = OFF`))
	must(t, db.ExecForTest(ctx, `INSERT INTO encounter_diagnoses (encounter_id, seq, code) VALUES (?, 0, 'I10')`, w.encounter.ID+1000))
	err := db.Check(ctx)
	if err == nil || !strings.Contains(err.Error(), "foreign key: encounter_diagnoses") {
		t.Fatalf("Check = %v, want the orphan named", err)
	}
}
