package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// TestDemoThenCheck is the acceptance path: claimctl demo --db X,
// then claimctl db check --db X prints ok; the data has claims in every
// status and the files are private to their owner.
func TestDemoThenCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if out, errs, code := runCLI(t, "demo", "--db", path); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code := runCLI(t, "db", "check", "--db", path)
	if code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("db check: exit %d, out %q, err %q", code, out, errs)
	}
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, st.Mode().Perm())
		}
	}
	out, _, code = runCLI(t, "claims", "list", "--db", path, "--json")
	if code != 0 {
		t.Fatalf("claims list: exit %d", code)
	}
	var claims []claimdesk.ClaimSummary
	if err := json.Unmarshal([]byte(out), &claims); err != nil {
		t.Fatalf("claims list --json: %v", err)
	}
	if len(claims) != 200 {
		t.Errorf("%d claims, want 200", len(claims))
	}
	seen := map[claimdesk.ClaimStatus]bool{}
	for _, c := range claims {
		seen[c.Status] = true
	}
	for _, s := range []claimdesk.ClaimStatus{claimdesk.StatusDraft, claimdesk.StatusReady, claimdesk.StatusSubmitted, claimdesk.StatusPaid, claimdesk.StatusPartial, claimdesk.StatusDenied, claimdesk.StatusRejected} {
		if !seen[s] {
			t.Errorf("no demo claim is %s", s)
		}
	}
	// A second demo into the same file is refused, and changes nothing.
	if _, errs, code := runCLI(t, "demo", "--db", path); code == 0 || !strings.Contains(errs, "already holds a practice") {
		t.Errorf("second demo: exit %d, %q", code, errs)
	}
}

// TestDemoIsDeterministic: the same seed gives the same patients list.
func TestDemoIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var lists []string
	for _, name := range []string{"a.db", "b.db"} {
		p := filepath.Join(dir, name)
		if _, errs, code := runCLI(t, "demo", "--db", p, "--seed", "42"); code != 0 {
			t.Fatalf("demo: %s", errs)
		}
		out, _, _ := runCLI(t, "patients", "list", "--db", p)
		lists = append(lists, out)
	}
	if lists[0] != lists[1] || lists[0] == "" {
		t.Error("the same seed gave different patients")
	}
}
