package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"claimdesk/internal/claimdesk"
)

// TestCounts: the status bar's counts follow saves and deletes.
func TestCounts(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	counts := func() (int, int) {
		t.Helper()
		p, err := db.CountPatients(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e, err := db.CountEncounters(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p, e
	}
	if p, e := counts(); p != 0 || e != 0 {
		t.Fatalf("empty database counts %d patients, %d encounters", p, e)
	}
	var ids []int64
	for _, last := range []string{"Countington", "Tallyson", "Sumwell"} {
		p := claimdesk.Patient{Account: "C" + last, Person: claimdesk.Person{Last: last, First: "Testy", DOB: claimdesk.NewDate(1980, 1, 2), Sex: claimdesk.SexFemale, Address: addr()}}
		if err := db.SavePatient(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	d := claimdesk.NewDate(2026, 3, 2)
	for range 2 {
		e := claimdesk.Encounter{PatientID: ids[0], DateFrom: d, DateTo: d, POS: "11", Diagnoses: []string{"I10"},
			Lines: []claimdesk.ServiceLine{{From: d, To: d, POS: "11", Code: "99213", Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 12500}}}
		if err := db.SaveEncounter(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	if p, e := counts(); p != 3 || e != 2 {
		t.Fatalf("counts %d patients, %d encounters; want 3, 2", p, e)
	}
	if err := db.DeletePatient(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	if p, _ := counts(); p != 2 {
		t.Errorf("after a delete: %d patients, want 2", p)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.CountPatients(cancelled); err == nil {
		t.Error("count with a cancelled context did not fail")
	}
}

// BenchmarkStatusCounts compares the status bar's counts by COUNT(*) with
// loading the lists (what it did before) on 2,000 patients and 6,000
// encounters.
func BenchmarkStatusCounts(b *testing.B) {
	db := MustOpenDB(b)
	ctx := context.Background()
	d := claimdesk.NewDate(2026, 3, 2)
	for i := range 2000 {
		p := claimdesk.Patient{Account: fmt.Sprintf("B%06d", i), Person: claimdesk.Person{Last: "Benchley", First: fmt.Sprintf("Testa%d", i), DOB: claimdesk.NewDate(1980, 1, 2), Sex: claimdesk.SexFemale, Address: addr()}}
		if err := db.SavePatient(ctx, &p); err != nil {
			b.Fatal(err)
		}
		for range 3 {
			e := claimdesk.Encounter{PatientID: p.ID, DateFrom: d, DateTo: d, POS: "11", Diagnoses: []string{"I10"},
				Lines: []claimdesk.ServiceLine{{From: d, To: d, POS: "11", Code: "99213", Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 12500}}}
			if err := db.SaveEncounter(ctx, &e); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("count", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.CountPatients(ctx); err != nil {
				b.Fatal(err)
			}
			if _, err := db.CountEncounters(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lists", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.Patients(ctx, claimdesk.PatientFilter{}); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Encounters(ctx, claimdesk.EncounterFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
