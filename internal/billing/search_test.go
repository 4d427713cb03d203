package billing

import (
	"context"
	"errors"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// searchCodes is a fake code store with a few FY2026 codes and an index
// term, and usage counts.
type searchCodes struct {
	claimdesk.CodeService // unimplemented methods panic
	loads                 int
}

var searchRel = claimdesk.Release{ID: 1, System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026",
	ValidFrom: claimdesk.MustDate("2025-10-01"), ValidTo: claimdesk.MustDate("2026-09-30")}

var searchEntries = []claimdesk.Code{
	{System: claimdesk.SystemICD10CM, Code: "E11", Title: "Type 2 diabetes mellitus"},
	{System: claimdesk.SystemICD10CM, Code: "E11.65", Title: "Type 2 diabetes mellitus with hyperglycemia", Billable: true},
	{System: claimdesk.SystemICD10CM, Code: "E11.9", Title: "Type 2 diabetes mellitus without complications", Billable: true},
	{System: claimdesk.SystemICD10CM, Code: "I10", Title: "Essential (primary) hypertension", Billable: true},
	{System: claimdesk.SystemICD10CM, Code: "I15.9", Title: "Secondary hypertension, unspecified", Billable: true},
}

func (s *searchCodes) LoadCodeSets(_ context.Context, _ claimdesk.Date, v claimdesk.CodeVisitor) error {
	s.loads++
	v.Release(searchRel)
	for _, c := range searchEntries {
		c.Release = searchRel.Name
		v.Code(claimdesk.CodeEntry{Code: c})
	}
	v.Term(claimdesk.IndexTerm{Term: "Hypertension, hypertensive", Code: "I10", Source: "index"})
	v.Note("E11", claimdesk.Note{Kind: claimdesk.NoteIncludes, Text: "diabetes NOS", Release: "ICD-10-CM FY2021"})
	v.Note("E11", claimdesk.Note{Kind: claimdesk.NoteExcludes1, Text: "type 1 diabetes mellitus (E10.-)", Release: "ICD-10-CM FY2021"})
	return nil
}

func (s *searchCodes) Code(_ context.Context, sys claimdesk.CodeSystem, code string, _ claimdesk.Date) (claimdesk.Code, error) {
	for _, c := range searchEntries {
		if c.System == sys && c.Code == code {
			c.Release = searchRel.Name
			return c, nil
		}
	}
	return claimdesk.Code{}, claimdesk.Errorf(claimdesk.ENotFound, "no code")
}

func (s *searchCodes) Notes(_ context.Context, code string, _ claimdesk.Date) ([]claimdesk.Note, error) {
	if code == "E11.9" || code == "E11.65" {
		return []claimdesk.Note{{Kind: claimdesk.NoteExcludes1, Text: "type 1 diabetes mellitus (E10.-)", From: "E11", Release: "ICD-10-CM FY2021"}}, nil
	}
	return nil, nil
}

func (s *searchCodes) CodeUsage(context.Context, claimdesk.Date, int) ([]claimdesk.CodeUsage, error) {
	return []claimdesk.CodeUsage{{Kind: claimdesk.UsageDiagnosis, Code: "I15.9", Count: 40}}, nil
}

func TestSearchCodes(t *testing.T) {
	codes := &searchCodes{}
	d := &Desk{Codes: codes, Search: &CodeSearch{}}
	ctx := t.Context()
	tests := []struct {
		name, q  string
		opts     codesearch.Options
		want     string // first code
		wantErr  string // error code
		matched  string
		notFirst string
	}{
		{name: "words", q: "diab mell 2 hyperglyc", want: "E11.65", matched: codesearch.MatchedTitle},
		{name: "code without dot", q: "e119", want: "E11.9", matched: codesearch.MatchedCode},
		{name: "category first", q: "E11", want: "E11", matched: codesearch.MatchedCode},
		{name: "abbreviation", q: "htn", want: "I15.9", matched: codesearch.MatchedAbbreviation}, // usage gain
		{name: "favourite first", q: "hypertension", opts: codesearch.Options{Favourites: []claimdesk.Favourite{{System: claimdesk.SystemICD10CM, Code: "I10"}}}, want: "I10"},
		{name: "billable only", q: "E11", opts: codesearch.Options{BillableOnly: true}, want: "E11.9", notFirst: "E11"},
		{name: "empty query", q: " ,; ", wantErr: claimdesk.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := d.SearchCodes(ctx, tt.q, tt.opts)
			if tt.wantErr != "" {
				if claimdesk.ErrorCode(err) != tt.wantErr {
					t.Fatalf("err = %v, want code %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].Code != tt.want {
				t.Fatalf("hits = %+v, want %s first", hits, tt.want)
			}
			if tt.matched != "" && hits[0].Matched != tt.matched {
				t.Errorf("matched = %q, want %q", hits[0].Matched, tt.matched)
			}
		})
	}
	if codes.loads != 1 {
		t.Errorf("index built %d times, want once", codes.loads)
	}
	d.Search.Invalidate()
	if _, err := d.SearchCodes(ctx, "e11", codesearch.Options{}); err != nil || codes.loads != 2 {
		t.Errorf("after Invalidate: loads %d, err %v", codes.loads, err)
	}
}

func TestShowCode(t *testing.T) {
	d := &Desk{Codes: &searchCodes{}}
	det, err := d.ShowCode(t.Context(), "", "e1165", claimdesk.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if det.Code != "E11.65" || !det.Billable || det.Release != "ICD-10-CM FY2026" {
		t.Errorf("detail %+v", det)
	}
	if len(det.Parents) != 1 || det.Parents[0].Code != "E11" {
		t.Errorf("parents %+v, want E11", det.Parents)
	}
	if len(det.Notes) != 1 || det.Notes[0].From != "E11" {
		t.Errorf("notes %+v", det.Notes)
	}
	cat, err := d.ShowCode(t.Context(), claimdesk.SystemICD10CM, "E11", claimdesk.Date{})
	if err != nil || len(cat.Children) != 2 {
		t.Errorf("E11 children %+v, %v", cat.Children, err)
	}
	_, err = d.ShowCode(t.Context(), "", "Q99.99", claimdesk.Date{})
	var e *claimdesk.Error
	if !errors.As(err, &e) || e.Code != claimdesk.ENotFound {
		t.Errorf("unknown code: err %v, want not_found", err)
	}
}

func (s *searchCodes) AddProcedure(context.Context, claimdesk.Procedure) error { return nil }

func TestCodeChangesInvalidateIndex(t *testing.T) {
	codes := &searchCodes{}
	d := &Desk{Codes: codes, Search: &CodeSearch{}}
	if _, err := d.SearchCodes(t.Context(), "htn", codesearch.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddProcedure(t.Context(), "99213", "Office visit", "95.00"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SearchCodes(t.Context(), "htn", codesearch.Options{}); err != nil {
		t.Fatal(err)
	}
	if codes.loads != 2 {
		t.Errorf("index built %d times, want 2 (rebuilt after the procedure list changed)", codes.loads)
	}
}
