package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// fakeCodes is a records backend whose search and detail come from a
// small table (the rest from the desk).
type fakeCodes struct {
	deskRecords
	hits []codeHit
}

func (f fakeCodes) SearchCodes(ctx context.Context, q string, limit int) ([]codeHit, error) {
	return f.hits, nil
}

func (f fakeCodes) ShowCode(ctx context.Context, sys claimdesk.CodeSystem, code string) (billing.CodeDetail, error) {
	return billing.CodeDetail{
		CodeRef: codesearch.CodeRef{System: sys, Code: code, Title: "Type 2 diabetes mellitus with hyperglycemia", Billable: true},
		Release: "ICD-10-CM FY2026",
		Parents: []codesearch.CodeRef{{System: sys, Code: "E11.6", Title: "Type 2 diabetes mellitus with other specified complications"}, {System: sys, Code: "E11", Title: "Type 2 diabetes mellitus"}},
		Notes:   []claimdesk.Note{{Kind: claimdesk.NoteUseAdditional, Text: "insulin (Z79.4)", From: "E11", Release: "ICD-10-CM FY2026"}},
	}, nil
}

func TestCodeBrowserStarsRankFirst(t *testing.T) {
	desk, path := openRecordsDesk(t, false)
	hits := []codeHit{
		{System: claimdesk.SystemICD10CM, Code: "E11.9", Title: "Type 2 diabetes mellitus without complications", Billable: true},
		{System: claimdesk.SystemICD10CM, Code: "E11.65", Title: "Type 2 diabetes mellitus with hyperglycemia", Billable: true},
	}
	saved := newRecordsBackend
	newRecordsBackend = func(d *billing.Desk) recordsBackend { return fakeCodes{deskRecords{d}, hits} }
	t.Cleanup(func() { newRecordsBackend = saved })

	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(codesName)
	cs := s.screenNamed(codesName).(*codeScreen)
	test.Type(cs.box.entry, "diab 2")
	if items := cs.box.Items(); len(items) != 2 || items[0].Key != "E11.9" {
		t.Fatalf("results %+v", items)
	}
	cs.show(hits[1])
	for _, want := range []string{"release ICD-10-CM FY2026", "billable"} {
		if !strings.Contains(cs.facts.Text, want) {
			t.Errorf("facts %q lack %q", cs.facts.Text, want)
		}
	}
	notes := strings.Join(labelTexts(cs.notes.Objects), "\n")
	if !strings.Contains(notes, "Use additional code: insulin (Z79.4)  (from E11)") {
		t.Errorf("notes: %q", notes)
	}
	if len(cs.parents.Objects) != 2 {
		t.Errorf("%d parents shown", len(cs.parents.Objects))
	}
	test.Tap(cs.starB)
	favs, err := desk.Favourites(t.Context())
	if err != nil || len(favs) != 1 || favs[0].Code != "E11.65" {
		t.Fatalf("favourites %v, %v", favs, err)
	}
	// The starred code now comes first, marked.
	cs.box.SetText("diab 2 ")
	if items := cs.box.Items(); len(items) != 2 || items[0].Key != "★ E11.65" {
		t.Fatalf("after starring: %+v", items)
	}
	test.Tap(cs.starB)
	if favs, _ := desk.Favourites(t.Context()); len(favs) != 0 {
		t.Fatalf("unstar left %v", favs)
	}
}

func TestCodeBrowserOnDemoDatabase(t *testing.T) {
	desk, path := openRecordsDesk(t, true)
	s := newTestShell(t, desk, WithDatabase(&Database{Path: path, Desk: desk}, nil))
	s.Show(codesName)
	cs := s.screenNamed(codesName).(*codeScreen)
	// The demo's starter codes and practice procedure list are searchable.
	for q, want := range map[string]string{"diab 2 hyperg": "E11.65", "established visit low": "99213"} {
		cs.box.SetText(q)
		items := cs.box.Items()
		if len(items) == 0 || items[0].Key != want {
			t.Fatalf("search %q: %+v", q, items)
		}
	}
	cs.box.SetText("diab 2 hyperg")
	it, _ := cs.box.Highlighted()
	cs.box.OnPick(it)
	if !strings.Contains(cs.facts.Text, "release Starter list") || len(cs.parents.Objects) == 0 {
		t.Fatalf("detail: %q, %d parents", cs.facts.Text, len(cs.parents.Objects))
	}
}

func TestReleaseWarning(t *testing.T) {
	fy26 := claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026", ValidFrom: claimdesk.MustDate("2025-10-01"), ValidTo: claimdesk.MustDate("2026-09-30")}
	starter := claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "Starter list"}
	tests := []struct {
		name  string
		rels  []claimdesk.Release
		today string
		warn  bool
	}{
		{"covered", []claimdesk.Release{fy26, starter}, "2026-09-30", false},
		{"ended", []claimdesk.Release{fy26, starter}, "2026-10-01", true},
		{"starter only", []claimdesk.Release{starter}, "2030-01-01", false},
		{"next imported", []claimdesk.Release{fy26, {System: claimdesk.SystemICD10CM, Name: "FY2027", ValidFrom: claimdesk.MustDate("2026-10-01"), ValidTo: claimdesk.MustDate("2027-09-30")}}, "2026-11-23", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := releaseWarning(tt.rels, claimdesk.MustDate(tt.today)); (got != "") != tt.warn {
				t.Errorf("warning %q, want %v", got, tt.warn)
			}
		})
	}
}
