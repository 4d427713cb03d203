package sqlite_test

import (
	"slices"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestCodeUsage(t *testing.T) {
	db := MustOpenDB(t)
	w := newWorld(t, db) // one encounter on 2026-03-02: E11.65, I10, Z79.4, 3 × 99213
	e := w.newEncounter(1)
	e.Diagnoses = []string{"I10", "J06.9"}
	must(t, db.SaveEncounter(t.Context(), &e))

	got, err := db.CodeUsage(t.Context(), claimdesk.Date{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []claimdesk.CodeUsage{
		{Kind: claimdesk.UsageProcedure, Code: "99213", Count: 4},
		{Kind: claimdesk.UsageDiagnosis, Code: "I10", Count: 2},
		{Kind: claimdesk.UsageDiagnosis, Code: "E11.65", Count: 1},
		{Kind: claimdesk.UsageDiagnosis, Code: "J06.9", Count: 1},
		{Kind: claimdesk.UsageDiagnosis, Code: "Z79.4", Count: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("all:\n got %v\nwant %v", got, want)
	}
	got, err = db.CodeUsage(t.Context(), claimdesk.Date{}, 2)
	if err != nil || !slices.Equal(got, want[:2]) {
		t.Errorf("limit 2: got %v, %v", got, err)
	}
	got, err = db.CodeUsage(t.Context(), claimdesk.MustDate("2026-03-03"), 0)
	if err != nil || len(got) != 0 {
		t.Errorf("since after every encounter: got %v, %v", got, err)
	}
}
