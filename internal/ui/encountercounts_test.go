package ui

import (
	"context"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

// listSpy is the store, counting the calls that load whole lists.
type listSpy struct {
	*sqlite.DB
	lists int
}

func (s *listSpy) Patients(ctx context.Context, f claimdesk.PatientFilter) ([]claimdesk.Patient, error) {
	s.lists++
	return s.DB.Patients(ctx, f)
}

func (s *listSpy) Encounters(ctx context.Context, f claimdesk.EncounterFilter) ([]claimdesk.EncounterSummary, error) {
	s.lists++
	return s.DB.Encounters(ctx, f)
}

// listOnly hides the store's count methods: only the services' own.
type listOnly struct {
	claimdesk.PatientService
	claimdesk.EncounterService
}

// TestStatusCountsWithoutLists: the status bar counts with the store's
// COUNT(*) queries, never by loading the patients and encounters; a
// service without them is still counted, by listing.
func TestStatusCountsWithoutLists(t *testing.T) {
	w := newTestWorld(t)
	ctx := context.Background()
	d := claimdesk.NewDate(2026, 3, 2)
	e := claimdesk.Encounter{PatientID: w.patient.ID, PolicyID: w.policy.ID, DateFrom: d, POS: "11", Diagnoses: []string{"I10"},
		Lines: []claimdesk.ServiceLine{{From: d, POS: "11", Code: "99213", Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 12500}}}
	if err := w.db.SaveEncounter(ctx, &e); err != nil {
		t.Fatal(err)
	}
	const want = "2 patients · 1 encounter · claims: 1 draft"
	spy := &listSpy{DB: w.db}
	desk := *w.desk
	desk.Patients, desk.Encounters = spy, spy
	s := newTestShell(t, &desk, withBackend(newFakeBackend()))
	spy.lists = 0 // the worklist loads its rows
	s.RefreshCounts()
	if s.counts.Text != want {
		t.Errorf("counts = %q, want %q", s.counts.Text, want)
	}
	if spy.lists != 0 {
		t.Errorf("the counts loaded %d lists", spy.lists)
	}

	lo := listOnly{PatientService: w.db, EncounterService: w.db}
	desk2 := *w.desk
	desk2.Patients, desk2.Encounters = lo, lo
	s2 := newTestShell(t, &desk2, withBackend(newFakeBackend()))
	s2.RefreshCounts()
	if s2.counts.Text != want {
		t.Errorf("counts by listing = %q, want %q", s2.counts.Text, want)
	}
}
