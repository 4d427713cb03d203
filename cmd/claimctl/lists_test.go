package main

import (
	"encoding/json"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestListCommands(t *testing.T) {
	path := seedStoreDB(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string // lines of stdout must contain these, in order
		stderr string
	}{
		{"patients", []string{"patients", "list"}, 0, []string{"ID  ACCOUNT  NAME", "2   ACCAbb   Abbotfake, Pat  1971-05-06  U", "1   ACCZzy   Zzyzxtest, Pat  1970-05-06  U"}, ""},
		{"patients query", []string{"patients", "list", "--query", "zzy"}, 0, []string{"ID", "1   ACCZzy"}, ""},
		{"patients by birth date", []string{"patients", "list", "--query", "05/06/1971"}, 0, []string{"ID", "2 "}, ""},
		{"encounters", []string{"encounters", "list"}, 0, []string{"ID  DATE", "2   2026-03-02  Abbotfake, Pat  Ada Testdoc, MD  Fictional Health Plan  2      draft      125.00  I10        99213",
			"1   2026-03-01  Zzyzxtest, Pat  Ada Testdoc, MD  Fictional Health Plan  1      submitted  125.00  I10        99213"}, ""},
		{"encounters by status", []string{"encounters", "list", "--status", "submitted"}, 0, []string{"ID", "1 "}, ""},
		{"encounters by date", []string{"encounters", "list", "--from", "2026-03-02", "--to", "2026-03-02"}, 0, []string{"ID", "2 "}, ""},
		{"encounters bad date", []string{"encounters", "list", "--from", "03/02/2026"}, 2, nil, "--from: date"},
		{"encounters bad status", []string{"encounters", "list", "--status", "lost"}, 2, nil, `unknown status "lost"`},
		{"claims", []string{"claims", "list"}, 0, []string{"ID  ENCOUNTER", "2   2          2026-03-02  Abbotfake, Pat", "1   1          2026-03-01  Zzyzxtest, Pat  Fictional Health Plan  submitted  1     125.00  0.00  0.00      125.00"}, ""},
		{"claims by status", []string{"claims", "list", "--status", "draft"}, 0, []string{"ID", "2 "}, ""},
		{"claims bad status", []string{"claims", "list", "--status", "x"}, 2, nil, "--status"},
		{"audit", []string{"audit", "--limit", "3"}, 0, []string{"ID  AT", "create  claim      2          encounter_id,policy_id,status", "create  encounter  2          patient_id,policy_id,date_from", "create  policy     2"}, ""},
		{"unknown flag", []string{"audit", "--bogus"}, 2, nil, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append(tt.args, "--db", path)...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d stderr %q; want %d %q", code, errOut, tt.code, tt.stderr)
			}
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			if len(tt.want) > 0 && len(lines) != len(tt.want) {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tt.want), out)
			}
			for i, w := range tt.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("line %d = %q, want it to contain %q", i, lines[i], w)
				}
			}
		})
	}
}

func TestListJSON(t *testing.T) {
	path := seedStoreDB(t)
	var patients []claimdesk.Patient
	decodeCLI(t, &patients, "patients", "list", "--json", "--db", path)
	if len(patients) != 2 || patients[0].Last != "Abbotfake" || patients[0].DOB.String() != "1971-05-06" {
		t.Errorf("patients = %+v", patients)
	}
	var encs []claimdesk.EncounterSummary
	decodeCLI(t, &encs, "encounters", "list", "--json", "--status", "draft", "--db", path)
	if len(encs) != 1 || encs[0].Total != 12500 || encs[0].Status != claimdesk.StatusDraft {
		t.Errorf("encounters = %+v", encs)
	}
	var claims []claimdesk.ClaimSummary
	decodeCLI(t, &claims, "claims", "list", "--json", "--status", "submitted", "--db", path)
	if len(claims) != 1 || claims[0].Balance != 12500 || claims[0].AgeDays < 1 {
		t.Errorf("claims = %+v", claims)
	}
	var audit []claimdesk.AuditEntry
	decodeCLI(t, &audit, "audit", "--json", "--limit", "0", "--db", path)
	if len(audit) == 0 {
		t.Fatal("empty audit trail")
	}
	last := audit[len(audit)-1]
	if last.Action != "create" || last.Entity != "patient" || last.EntityID != 1 || !strings.Contains(strings.Join(last.Fields, ","), "last") {
		t.Errorf("first audit entry = %+v", last)
	}
	// JSON never carries field values in the audit trail.
	out, _, _ := runCLI(t, "audit", "--json", "--limit", "0", "--db", path)
	if strings.Contains(out, "Zzyzxtest") || strings.Contains(out, "1970-05-06") {
		t.Errorf("audit JSON holds patient data: %s", out)
	}
	// An empty result is [] rather than null.
	out, _, _ = runCLI(t, "patients", "list", "--json", "--query", "nobody", "--db", path)
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("empty list JSON = %q", out)
	}
}

func decodeCLI(t *testing.T, v any, args ...string) {
	t.Helper()
	out, errOut, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
}
