package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

// runCLI runs one claimctl command line and returns stdout, stderr and the
// exit status.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := m.Main(t.Context(), args)
	return out.String(), errb.String(), code
}

// storeNPI returns a valid NPI from a 9-digit prefix.
func storeNPI(first9 string) string { return first9 + string(claimdesk.NPICheckDigit(first9)) }

// seedStoreDB writes a small fictional database: two patients, one
// encounter each, one claim submitted. It returns the file's path.
func seedStoreDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "cd.db")
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC) }
	ctx := t.Context()
	a := claimdesk.Address{Line1: "1 Sample St", City: "Springfield", State: "IL", ZIP: "62701"}
	mustStore(t, db.SavePractice(ctx, &claimdesk.Practice{Name: "Sample Clinic", Address: a, TaxID: "12-3456789", TaxIDType: claimdesk.TaxEIN, NPI: storeNPI("123456789")}))
	prov := claimdesk.Provider{Role: claimdesk.RoleRendering, Last: "Testdoc", First: "Ada", Credentials: "MD", NPI: storeNPI("198765432")}
	mustStore(t, db.SaveProvider(ctx, &prov))
	payer := claimdesk.Payer{Name: "Fictional Health Plan", Address: a, PlanType: claimdesk.PlanGroup}
	mustStore(t, db.SavePayer(ctx, &payer))
	for i, name := range []string{"Zzyzxtest", "Abbotfake"} {
		p := claimdesk.Patient{Account: "ACC" + name[:3], Person: claimdesk.Person{Last: name, First: "Pat",
			DOB: claimdesk.NewDate(1970+i, 5, 6), Sex: claimdesk.SexUnknown, Address: a}}
		mustStore(t, db.SavePatient(ctx, &p))
		pol := claimdesk.Policy{PatientID: p.ID, PayerID: payer.ID, Priority: claimdesk.Primary, MemberID: "M" + name[:3], Relationship: claimdesk.RelSelf}
		mustStore(t, db.SavePolicy(ctx, &pol))
		dos := claimdesk.NewDate(2026, 3, 1+i)
		e := claimdesk.Encounter{PatientID: p.ID, PolicyID: pol.ID, DateFrom: dos, POS: "11", RenderingID: prov.ID,
			Diagnoses: []string{"I10"}, Lines: []claimdesk.ServiceLine{{From: dos, Code: "99213", Pointers: "A", Units: 1000, Charge: 12500}}}
		mustStore(t, db.SaveEncounter(ctx, &e))
		if i == 0 {
			cs, err := db.ClaimsOfEncounter(ctx, e.ID)
			mustStore(t, err)
			mustStore(t, db.SetClaimStatus(ctx, cs[0].ID, claimdesk.StatusReady, ""))
			mustStore(t, db.SetClaimStatus(ctx, cs[0].ID, claimdesk.StatusSubmitted, ""))
		}
	}
	return path
}

func mustStore(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenDBCreatesPrivateFolderAndFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "sub", "cd.db")
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(t.Context()); err != nil || v != sqlite.KnownSchemaVersion() {
		t.Fatalf("schema version %d, %v", v, err)
	}
	assertMode(t, filepath.Dir(path), 0o700)
	assertMode(t, path, 0o600)
}
