package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"claimdesk/internal/sqlite"
)

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s mode = %o, want %o", filepath.Base(path), got, want)
	}
}

func TestDBCommands(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	tests := []struct {
		name    string
		args    []string
		code    int
		stdout  string // must contain
		stderr  string // must contain
		missing bool   // the --db file must not exist afterwards
	}{
		{"migrate creates", []string{"db", "migrate", "--db", fresh}, 0, "schema version", "", false},
		{"check ok", []string{"db", "check", "--db", fresh}, 0, "ok\n", "", false},
		{"check missing file", []string{"db", "check", "--db", filepath.Join(dir, "nope.db")}, 2, "", "no database at", true},
		{"check extra argument", []string{"db", "check", "--db", fresh, "x"}, 2, "", "want no arguments", false},
		{"backup needs file", []string{"db", "backup", "--db", fresh}, 2, "", "want the backup FILE", false},
		{"backup onto itself", []string{"db", "backup", "--db", fresh, fresh}, 2, "", "must differ", false},
		{"restore missing backup", []string{"db", "restore", "--db", fresh, filepath.Join(dir, "none.db")}, 2, "", "no such file", false},
		{"subcommand needed", []string{"db"}, 2, "", "needs a subcommand", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
	if out, _, _ := runCLI(t, "db", "check", "--db", fresh); out != "ok\n" {
		t.Errorf("check prints %q, want exactly ok", out)
	}
}

func TestDBCheckReportsDamage(t *testing.T) {
	path := seedStoreDB(t)
	// Overwrite the b-tree header of the file's last page (a table or
	// index page; the schema and migrations tables come first).
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(b[16])<<8 | int(b[17])
	last := len(b) - pageSize
	for i := 0; i < 12; i++ {
		b[last+i] = 0xFF
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "db", "check", "--db", path)
	if code != 1 || out == "ok\n" || !strings.Contains(out, "integrity") || !strings.Contains(errOut, "check failed") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 naming the integrity problem", code, out, errOut)
	}
}

func TestDBBackupRestore(t *testing.T) {
	path := seedStoreDB(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	out, errOut, code := runCLI(t, "db", "backup", "--db", path, backup)
	if code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d %q %q", code, out, errOut)
	}
	assertMode(t, backup, 0o600)

	// Change the live database, then restore: the change is gone and the
	// replaced file is kept aside.
	if _, errOut, code := runCLI(t, "db", "check", "--db", path); code != 0 {
		t.Fatal(errOut)
	}
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteEncounter(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errOut, code = runCLI(t, "db", "restore", "--db", path, backup)
	if code != 0 || !strings.Contains(out, "restored") || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: exit %d %q %q", code, out, errOut)
	}
	kept, _ := filepath.Glob(path + ".replaced-*")
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	out, _, _ = runCLI(t, "encounters", "list", "--db", path, "--json")
	if !strings.Contains(out, `"id": 2`) {
		t.Errorf("restored database lacks encounter 2: %s", out)
	}
	out, _, _ = runCLI(t, "encounters", "list", "--db", kept[0], "--json")
	if strings.Contains(out, `"id": 2,`) {
		t.Errorf("kept-aside database should be the changed one: %s", out)
	}

	// A file that is not a ClaimDesk database is refused, and the live one
	// stays.
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("not a database at all, just some text that is long enough"), 0o600)
	_, errOut, code = runCLI(t, "db", "restore", "--db", path, junk)
	if code == 0 || errOut == "" {
		t.Fatalf("restoring junk: exit %d %q", code, errOut)
	}
	if out, _, _ := runCLI(t, "db", "check", "--db", path); out != "ok\n" {
		t.Fatalf("live database after refused restore: %q", out)
	}
}

func TestDBNewerSchemaRefused(t *testing.T) {
	path := seedStoreDB(t)
	// Set the header's user_version (bytes 60-63, big-endian) past what
	// this binary knows, as a newer ClaimDesk would.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := sqlite.KnownSchemaVersion() + 1
	b[60], b[61], b[62], b[63] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"db", "check"}, {"db", "migrate"}, {"patients", "list"}, {"db", "backup", filepath.Join(t.TempDir(), "b.db")}} {
		out, errOut, code := runCLI(t, append(args, "--db", path)...)
		if code != 2 || out != "" || !strings.Contains(errOut, "newer than this ClaimDesk") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(b, after) {
		t.Fatal("the newer database was changed")
	}
}
