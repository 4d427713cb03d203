package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

// fixedNow is the clock every test store uses.
var fixedNow = time.Date(2026, time.March, 15, 10, 30, 0, 0, time.UTC)

// MustOpenDB opens a fresh, migrated database file in tb.TempDir() with a
// fixed clock, and closes it when the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "claimdesk.db"))
}

func mustOpenPath(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	db.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return db
}

func addr() claimdesk.Address {
	return claimdesk.Address{Line1: "100 Example Way", City: "Springfield", State: "IL", ZIP: "62701"}
}

// npi returns a valid NPI built from a 9-digit prefix.
func npi(first9 string) string {
	return first9 + string(claimdesk.NPICheckDigit(first9))
}

// world is a small practice with everything a claim needs.
type world struct {
	practice           claimdesk.Practice
	rendering          claimdesk.Provider
	referring          claimdesk.Provider
	facility           claimdesk.Facility
	payer, payer2      claimdesk.Payer
	patient            claimdesk.Patient
	primary, secondary claimdesk.Policy
	encounter          claimdesk.Encounter
	ctx                context.Context
	db                 *sqlite.DB
	tb                 testing.TB
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// newWorld saves a practice, two providers, a facility, two payers, a
// patient with primary and secondary policies, and one encounter.
func newWorld(tb testing.TB, db *sqlite.DB) *world {
	tb.Helper()
	ctx := context.Background()
	w := &world{ctx: ctx, db: db, tb: tb}
	w.practice = claimdesk.Practice{Name: "Sample Family Clinic", Address: addr(), Phone: "217-555-0100",
		TaxID: "12-3456789", TaxIDType: claimdesk.TaxEIN, NPI: npi("123456789"), Taxonomy: "207Q00000X", AcceptAssignment: true}
	must(tb, db.SavePractice(ctx, &w.practice))
	w.rendering = claimdesk.Provider{Role: claimdesk.RoleRendering, Last: "Testdoc", First: "Ada", Credentials: "MD", NPI: npi("198765432"), Taxonomy: "207Q00000X"}
	must(tb, db.SaveProvider(ctx, &w.rendering))
	w.referring = claimdesk.Provider{Role: claimdesk.RoleReferring, Last: "Refermann", First: "Bo", NPI: npi("111222333")}
	must(tb, db.SaveProvider(ctx, &w.referring))
	w.facility = claimdesk.Facility{Name: "Sample Clinic Annex", Address: addr(), NPI: npi("144455566")}
	must(tb, db.SaveFacility(ctx, &w.facility))
	w.payer = claimdesk.Payer{Name: "Fictional Health Plan", Address: addr(), PayerID: "FHP01", PlanType: claimdesk.PlanGroup, TimelyFilingDays: 180}
	must(tb, db.SavePayer(ctx, &w.payer))
	w.payer2 = claimdesk.Payer{Name: "Medicare Sample Contractor", Address: addr(), PayerID: "MCR01", PlanType: claimdesk.PlanMedicare, TimelyFilingDays: 365}
	must(tb, db.SavePayer(ctx, &w.payer2))
	w.patient = claimdesk.Patient{Account: "ACC1001", Person: claimdesk.Person{Last: "Zzyzxtest", First: "Quintessa", Middle: "Q",
		DOB: claimdesk.MustDate("1961-07-04"), Sex: claimdesk.SexFemale, Address: addr(), Phone: "217-555-0199"}}
	must(tb, db.SavePatient(ctx, &w.patient))
	w.primary = claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: claimdesk.Primary, MemberID: "XJ1234567",
		GroupNumber: "G-77", PlanName: "Gold", Relationship: claimdesk.RelSpouse,
		Subscriber:    &claimdesk.Person{Last: "Zzyzxtest", First: "Horatio", DOB: claimdesk.MustDate("1959-01-02"), Sex: claimdesk.SexMale, Address: addr()},
		EffectiveFrom: claimdesk.MustDate("2020-01-01")}
	must(tb, db.SavePolicy(ctx, &w.primary))
	w.secondary = claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer2.ID, Priority: claimdesk.Secondary, MemberID: "1EG4TE5MK73",
		Relationship: claimdesk.RelSelf}
	must(tb, db.SavePolicy(ctx, &w.secondary))
	w.encounter = w.newEncounter(3)
	must(tb, db.SaveEncounter(ctx, &w.encounter))
	return w
}

// newEncounter returns an unsaved encounter of the world's patient with n
// lines of 100.00 each.
func (w *world) newEncounter(n int) claimdesk.Encounter {
	dos := claimdesk.MustDate("2026-03-02")
	e := claimdesk.Encounter{PatientID: w.patient.ID, PolicyID: w.primary.ID, SecondaryPolicyID: w.secondary.ID,
		DateFrom: dos, DateTo: dos, POS: "11", RenderingID: w.rendering.ID, ReferringID: w.referring.ID,
		ReferringQualifier: "DN", FacilityID: w.facility.ID, PriorAuth: "PA-1",
		OnsetDate: claimdesk.MustDate("2026-02-20"), OnsetQualifier: "431",
		Diagnoses: []string{"E11.65", "I10", "Z79.4"}}
	for i := 0; i < n; i++ {
		e.Lines = append(e.Lines, claimdesk.ServiceLine{From: dos, To: dos, Code: "99213", Modifiers: []string{"25"},
			Pointers: "AB", Units: claimdesk.WholeUnits(1), Charge: 10000})
	}
	return e
}
