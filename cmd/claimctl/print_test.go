package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// exampleClaimJSON writes the claim JSON example of docs/claim-json.md to
// a temporary file.
func exampleClaimJSON(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "claim-json.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(b), "```json\n")
	ex, _, _ := strings.Cut(rest, "```")
	p := filepath.Join(t.TempDir(), "claim.json")
	if err := os.WriteFile(p, []byte(ex), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkPDF asserts path is a PDF with n pages that qpdf accepts (when
// qpdf is installed; under CI=true it must be).
func checkPDF(t *testing.T, path string, pages int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-1.6")) {
		t.Fatalf("%s is not a PDF: %v", path, err)
	}
	q, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is required under CI=true")
		}
		return
	}
	if out, err := exec.Command(q, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command(q, "--show-npages", path).Output()
	if err != nil || strings.TrimSpace(string(out)) != strconv.Itoa(pages) {
		t.Errorf("%s: %s pages, want %d", path, strings.TrimSpace(string(out)), pages)
	}
}

func TestClaimPDFFromJSON(t *testing.T) {
	in := exampleClaimJSON(t)
	dir := t.TempDir()
	noDB := filepath.Join(dir, "none.db")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"encounter": {"lines": [{}, {}, {"charge": "12,50"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		pages  int
	}{
		{"form", []string{"claim", "pdf", "--in", in, "--mode", "form", "--out", filepath.Join(dir, "f.pdf"), "--date", "2026-11-02"}, 0, "wrote " + filepath.Join(dir, "f.pdf") + " (form mode)", "", 1},
		{"plain with offsets", []string{"claim", "pdf", "--in", in, "--mode", "plain", "--offset-x", "5", "--offset-y", "-3", "--out", filepath.Join(dir, "p.pdf")}, 0, "(plain mode)", "", 1},
		{"bad json", []string{"claim", "pdf", "--in", bad, "--out", filepath.Join(dir, "x.pdf")}, 2, "", "encounter.lines[2].charge: want an amount like 125.00", 0},
		{"missing file", []string{"claim", "pdf", "--in", filepath.Join(dir, "nope.json"), "--out", filepath.Join(dir, "x.pdf")}, 2, "", "no such file", 0},
		{"no out", []string{"claim", "pdf", "--in", in}, 2, "", "--out FILE is required", 0},
		{"both", []string{"claim", "pdf", "--in", in, "--claim", "3", "--out", filepath.Join(dir, "x.pdf")}, 2, "", "not both", 0},
		{"neither", []string{"claim", "pdf", "--out", filepath.Join(dir, "x.pdf")}, 2, "", "give --claim ID", 0},
		{"bad mode", []string{"claim", "pdf", "--in", in, "--mode", "fancy", "--out", filepath.Join(dir, "x.pdf")}, 2, "", "want form or plain", 0},
		{"bad offset", []string{"claim", "pdf", "--in", in, "--offset-x", "80", "--out", filepath.Join(dir, "x.pdf")}, 2, "", "offsets must be between", 0},
		{"bad date", []string{"claim", "pdf", "--in", in, "--date", "11/02/2026", "--out", filepath.Join(dir, "x.pdf")}, 2, "", "--date", 0},
		{"align", []string{"claim", "align-page", "--out", filepath.Join(dir, "a.pdf"), "--offset-x", "4", "--db", noDB}, 0, "offset x +4, y +0", "", 1},
		{"align plain", []string{"claim", "align-page", "--mode", "plain", "--out", filepath.Join(dir, "ap.pdf"), "--db", noDB}, 0, "wrote", "", 1},
		{"align no out", []string{"claim", "align-page", "--db", noDB}, 2, "", "--out FILE is required", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d\nstdout %q\nstderr %q\nwant %d %q %q", code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
			if tt.pages > 0 {
				for i, a := range tt.args {
					if a == "--out" {
						checkPDF(t, tt.args[i+1], tt.pages)
					}
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed command left x.pdf")
	}
}

func TestClaimPDFStdin(t *testing.T) {
	b, err := os.ReadFile(exampleClaimJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "s.pdf")
	var so, se bytes.Buffer
	m := &Main{Stdin: bytes.NewReader(b), Stdout: &so, Stderr: &se}
	if code := m.Main(t.Context(), []string{"claim", "pdf", "--in", "-", "--out", out}); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	checkPDF(t, out, 1)
}

func TestClaimsPrintFromDB(t *testing.T) {
	path := seedStoreDB(t)
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	pr, err := db.Practice(ctx)
	mustStore(t, err)
	pr.Address.ZIP = "62701-1234"
	mustStore(t, db.SavePractice(ctx, &pr))
	pl, err := db.Claims(ctx, claimdesk.ClaimFilter{Status: claimdesk.StatusDraft})
	mustStore(t, err)
	draft := pl[0].ID
	mustStore(t, db.SetClaimStatus(ctx, draft, claimdesk.StatusReady, ""))
	db.Close()

	dir := t.TempDir()
	out, errOut, code := runCLI(t, "claims", "print", "--db", path, "--status", "ready", "--mode", "form", "--out", filepath.Join(dir, "batch.pdf"), "--mark-submitted", "--date", "2026-03-15")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, "1 claims (form mode), marked submitted") || !strings.Contains(errOut, "printed 1 of 1 claims") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
	checkPDF(t, filepath.Join(dir, "batch.pdf"), 1)

	// Now nothing is ready.
	_, errOut, code = runCLI(t, "claims", "print", "--db", path, "--out", filepath.Join(dir, "none.pdf"))
	if code != 1 || !strings.Contains(errOut, "no ready claims") {
		t.Errorf("empty print: exit %d %q", code, errOut)
	}
	// The submitted claims reprint one at a time from the database.
	out, errOut, code = runCLI(t, "claim", "pdf", "--db", path, "--claim", strconv.FormatInt(draft, 10), "--mode", "plain", "--out", filepath.Join(dir, "one.pdf"))
	if code != 0 {
		t.Fatalf("claim pdf --db: exit %d %s", code, errOut)
	}
	checkPDF(t, filepath.Join(dir, "one.pdf"), 1)
	_, errOut, code = runCLI(t, "claim", "pdf", "--db", path, "--claim", "99", "--out", filepath.Join(dir, "x.pdf"))
	if code == 0 || !strings.Contains(errOut, "99") {
		t.Errorf("unknown claim: exit %d %q", code, errOut)
	}
	_, errOut, code = runCLI(t, "claims", "print", "--db", path, "--status", "lost", "--out", filepath.Join(dir, "x.pdf"))
	if code != 2 || !strings.Contains(errOut, `unknown status "lost"`) {
		t.Errorf("bad status: exit %d %q", code, errOut)
	}
}
