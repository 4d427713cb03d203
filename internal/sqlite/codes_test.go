package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

func icdSet(name, sha string, from, to string, codes ...string) *claimdesk.CodeSet {
	cs := &claimdesk.CodeSet{Release: claimdesk.Release{System: claimdesk.SystemICD10CM, Name: name,
		ValidFrom: claimdesk.MustDate(from), Source: "test.txt", SHA256: sha}}
	if to != "" {
		cs.Release.ValidTo = claimdesk.MustDate(to)
	}
	for i, c := range codes {
		code, title, _ := strings.Cut(c, "=")
		billable := !strings.HasSuffix(code, "*")
		code = strings.TrimSuffix(code, "*")
		cs.Codes = append(cs.Codes, claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemICD10CM, Code: code, Title: title, Short: title, Billable: billable}, Order: i + 1})
	}
	return cs
}

func TestImportCodeSetAndLookup(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	fy25 := icdSet("ICD-10-CM FY2025", "aa", "2024-10-01", "2025-09-30", "E11*=Type 2 diabetes mellitus", "E11.9=Type 2 diabetes mellitus without complications", "U07.0=Vaping-related disorder")
	fy26 := icdSet("ICD-10-CM FY2026", "bb", "2025-10-01", "2026-09-30", "E11*=Type 2 diabetes mellitus", "E11.9=Type 2 diabetes mellitus without complications", "QA0.0101=SCN2A-related neurodevelopmental disorder")
	var last [2]int
	res, err := db.ImportCodeSet(ctx, fy25, func(d, t int) { last = [2]int{d, t} })
	if err != nil || res.Codes != 3 || res.Already || res.Release.ID == 0 {
		t.Fatalf("import FY2025: %+v, %v", res, err)
	}
	if last != [2]int{3, 3} {
		t.Fatalf("last progress %v", last)
	}
	if _, err := db.ImportCodeSet(ctx, fy26, nil); err != nil {
		t.Fatal(err)
	}
	// Same file again: nothing changes.
	res, err = db.ImportCodeSet(ctx, fy26, nil)
	if err != nil || !res.Already || res.Release.Name != "ICD-10-CM FY2026" {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	// Another file of the same release: nothing changes either.
	other := icdSet("ICD-10-CM FY2026", "cc", "2025-10-01", "2026-09-30", "A00*=Cholera")
	if res, err := db.ImportCodeSet(ctx, other, nil); err != nil || !res.Already || res.Release.SHA256 != "bb" {
		t.Fatalf("same release, other file: %+v, %v", res, err)
	}
	rels, err := db.Releases(ctx)
	if err != nil || len(rels) != 2 || rels[0].Name != "ICD-10-CM FY2026" || !rels[0].Imported.Equal(fixedNow) {
		t.Fatalf("releases %+v, %v", rels, err)
	}
	tests := []struct {
		code, date string
		release    string
		billable   bool
		err        string
	}{
		{"E11.9", "2025-06-01", "ICD-10-CM FY2025", true, ""},
		{"e119", "2025-10-01", "ICD-10-CM FY2026", true, ""},
		{"E11", "2026-01-01", "ICD-10-CM FY2026", false, ""},
		{"E11.-", "2026-01-01", "ICD-10-CM FY2026", false, ""},
		{"U07.0", "2025-09-30", "ICD-10-CM FY2025", true, ""},
		{"U07.0", "2025-10-01", "", false, claimdesk.ENotFound},
		{"QA0.0101", "2025-09-30", "", false, claimdesk.ENotFound},
		{"QA00101", "", "ICD-10-CM FY2026", true, ""},
		{"E11.9", "2027-01-01", "", false, claimdesk.ENotFound},
	}
	for _, tt := range tests {
		t.Run(tt.code+"@"+tt.date, func(t *testing.T) {
			var d claimdesk.Date
			if tt.date != "" {
				d = claimdesk.MustDate(tt.date)
			}
			c, err := db.Code(ctx, claimdesk.SystemICD10CM, tt.code, d)
			if tt.err != "" {
				if claimdesk.ErrorCode(err) != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil || c.Release != tt.release || c.Billable != tt.billable {
				t.Fatalf("got %+v, %v", c, err)
			}
		})
	}
}

func TestImportRollsBack(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	// A duplicate code fails the whole import.
	dup := icdSet("ICD-10-CM FY2026", "dd", "2025-10-01", "2026-09-30", "A00*=Cholera", "A00.0=Cholera due to", "A00.0=again")
	if _, err := db.ImportCodeSet(ctx, dup, nil); err == nil || !strings.Contains(err.Error(), "A00.0") {
		t.Fatalf("duplicate import: %v", err)
	}
	// Cancelling midway rolls back too.
	var codes []string
	for i := range 3000 {
		codes = append(codes, fmt.Sprintf("A%02d.%d=Code %d", i/10, i%10, i))
	}
	big := icdSet("ICD-10-CM FY2026", "ee", "2025-10-01", "2026-09-30", codes...)
	cctx, cancel := context.WithCancel(ctx)
	_, err := db.ImportCodeSet(cctx, big, func(done, total int) {
		if done >= 1000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	rels, err := db.Releases(ctx)
	if err != nil || len(rels) != 0 {
		t.Fatalf("releases after failed imports: %+v, %v", rels, err)
	}
	n := 0
	if err := db.LoadCodeSets(ctx, claimdesk.Date{}, claimdesk.CodeVisitor{Code: func(claimdesk.CodeEntry) { n++ }}); err != nil || n != 0 {
		t.Fatalf("codes after failed imports: %d, %v", n, err)
	}
	// The same file imports fine afterwards.
	if res, err := db.ImportCodeSet(ctx, big, nil); err != nil || res.Codes != 3000 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
}

func importNotesWorld(t *testing.T) (*sqlite.DB, int64) {
	t.Helper()
	db := MustOpenDB(t)
	ctx := t.Context()
	res, err := db.ImportCodeSet(ctx, icdSet("ICD-10-CM FY2026", "ff", "2025-10-01", "2026-09-30",
		"E11*=Type 2 diabetes mellitus", "E11.6*=with other specified complications", "E11.65=Type 2 diabetes mellitus with hyperglycemia",
		"S52*=Fracture of forearm", "S52.5*=Fracture of lower end of radius", "S52.52*=Torus fracture", "S52.521*=Torus fracture right",
		"S52.521A=initial", "QA0*=Neurodevelopmental"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return db, res.Release.ID
}

func notesSet() *claimdesk.CodeSet {
	rel := "ICD-10-CM FY2021"
	n := func(node string, kind claimdesk.NoteKind, text, char string) claimdesk.Note {
		return claimdesk.Note{Kind: kind, Text: text, Char: char, From: node, Release: rel}
	}
	return &claimdesk.CodeSet{
		Release: claimdesk.Release{System: claimdesk.SystemICD10CM, Name: rel, Source: "icd10cm_tabular_2021.xml", SHA256: "x1"},
		Notes: map[string][]claimdesk.Note{
			"E11":       {n("E11", claimdesk.NoteInclusion, "diabetes NOS", ""), n("E11", claimdesk.NoteExcludes1, "type 1 diabetes mellitus (E10.-)", "")},
			"E08-E13":   {n("E08-E13", claimdesk.NoteUseAdditional, "insulin (Z79.4)", "")},
			"Chapter 4": {n("Chapter 4", claimdesk.NoteNotes, "chapter note", "")},
			"S52":       {n("S52", claimdesk.NoteSeventhChar, "initial encounter for closed fracture", "A")},
			"U07.1":     {n("U07.1", claimdesk.NoteInclusion, "COVID-19", "")},
		},
		Groups: []claimdesk.CodeGroup{
			{Node: "Chapter 4", Title: "Endocrine"},
			{Node: "E08-E13", Title: "Diabetes mellitus", Chapter: "Chapter 4", Categories: []string{"E08", "E11"}},
			{Node: "Chapter 22", Title: "Codes for special purposes"},
			{Node: "U00-U85", Title: "Provisional", Chapter: "Chapter 22", Categories: []string{"U07"}},
		},
	}
}

func TestImportNotesAndEffectiveNotes(t *testing.T) {
	db, target := importNotesWorld(t)
	ctx := t.Context()
	res, err := db.ImportNotes(ctx, target, notesSet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Notes != 5 || res.Skipped != 1 {
		t.Fatalf("result %+v", res)
	}
	if res, err := db.ImportNotes(ctx, target, notesSet(), nil); err != nil || !res.Already {
		t.Fatalf("second notes import: %+v, %v", res, err)
	}
	notes, err := db.Notes(ctx, "E11.65", claimdesk.MustDate("2026-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range notes {
		got = append(got, n.From+"|"+string(n.Kind)+"|"+n.Release)
	}
	want := "E11|excludes1|ICD-10-CM FY2021,E08-E13|useAdditionalCode|ICD-10-CM FY2021,Chapter 4|notes|ICD-10-CM FY2021"
	if strings.Join(got, ",") != want {
		t.Fatalf("notes of E11.65:\n%s\nwant\n%s", strings.Join(got, ","), want)
	}
	notes, err = db.Notes(ctx, "E11", claimdesk.Date{})
	if err != nil || len(notes) != 4 || notes[0].Kind != claimdesk.NoteInclusion {
		t.Fatalf("notes of E11: %+v, %v", notes, err)
	}
	notes, err = db.Notes(ctx, "S52.521A", claimdesk.Date{})
	if err != nil || len(notes) != 1 || notes[0].Char != "A" || notes[0].From != "S52" {
		t.Fatalf("notes of S52.521A: %+v, %v", notes, err)
	}
	var groups []claimdesk.CodeGroup
	if err := db.LoadCodeSets(ctx, claimdesk.Date{}, claimdesk.CodeVisitor{Group: func(g claimdesk.CodeGroup) { groups = append(groups, g) }}); err != nil {
		t.Fatal(err)
	}
	// Chapter 22 and its block are dropped: U07 is not in the target.
	if len(groups) != 2 || groups[1].Node != "E08-E13" || strings.Join(groups[1].Categories, ",") != "E11" {
		t.Fatalf("groups %+v", groups)
	}
}

func TestImportIndexTerms(t *testing.T) {
	db, target := importNotesWorld(t)
	ctx := t.Context()
	cs := &claimdesk.CodeSet{
		Release: claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2017", Source: "x.zip:icd10cm_index_2017.xml", SHA256: "i1"},
		Terms: []claimdesk.IndexTerm{
			{Term: "Diabetes, type 2, with, hyperglycemia", Code: "E11.65", Source: "index", Release: "ICD-10-CM FY2017"},
			{Term: "Fracture, radius, distal end", Code: "S52.5", Source: "index", Release: "ICD-10-CM FY2017"},
			{Term: "Vaping", Code: "U07.0", Source: "index", Release: "ICD-10-CM FY2017"},
		},
	}
	res, err := db.ImportNotes(ctx, target, cs, nil)
	if err != nil || res.Terms != 2 || res.Skipped != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	var terms []string
	var codes int
	err = db.LoadCodeSets(ctx, claimdesk.MustDate("2026-01-02"), claimdesk.CodeVisitor{
		Term: func(t claimdesk.IndexTerm) { terms = append(terms, t.Term+"→"+t.Code) },
		Code: func(claimdesk.CodeEntry) { codes++ },
	})
	if err != nil || codes != 9 || strings.Join(terms, ";") != "Diabetes, type 2, with, hyperglycemia→E11.65;Fracture, radius, distal end→S52.5" {
		t.Fatalf("codes %d terms %v err %v", codes, terms, err)
	}
	// Past FY2026's end with no FY2027: the search still gets FY2026; before
	// it started, nothing.
	for date, want := range map[string]int{"2026-11-23": 9, "2025-09-30": 0} {
		codes = 0
		var rels []string
		err = db.LoadCodeSets(ctx, claimdesk.MustDate(date), claimdesk.CodeVisitor{
			Release: func(r claimdesk.Release) { rels = append(rels, r.Name) },
			Code:    func(claimdesk.CodeEntry) { codes++ },
		})
		if err != nil || codes != want {
			t.Fatalf("on %s: %d codes from %v, %v", date, codes, rels, err)
		}
	}
	// Notes attach only to an ICD-10-CM release.
	hc := &claimdesk.CodeSet{Release: claimdesk.Release{System: claimdesk.SystemHCPCS, Name: "HCPCS 2026 Q1 (January)", Source: "h.txt", SHA256: "h1", ValidFrom: claimdesk.MustDate("2026-01-01")},
		Codes: []claimdesk.CodeEntry{{Code: claimdesk.Code{System: claimdesk.SystemHCPCS, Code: "G0438", Title: "Annual wellness visit", Billable: true}}}}
	hres, err := db.ImportCodeSet(ctx, hc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportNotes(ctx, hres.Release.ID, cs, nil); claimdesk.ErrorCode(err) != claimdesk.EInvalid {
		t.Fatalf("notes on HCPCS: %v", err)
	}
}

func TestHCPCSDatesModifiersPOS(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	cs := &claimdesk.CodeSet{
		Release: claimdesk.Release{System: claimdesk.SystemHCPCS, Name: "HCPCS 2026 Q1 (January)", Source: "h.txt", SHA256: "h1", ValidFrom: claimdesk.MustDate("2026-01-01")},
		Codes: []claimdesk.CodeEntry{
			{Code: claimdesk.Code{System: claimdesk.SystemHCPCS, Code: "G0438", Title: "Annual wellness visit", Billable: true, Effective: claimdesk.MustDate("2011-01-01")}, Action: "P"},
			{Code: claimdesk.Code{System: claimdesk.SystemHCPCS, Code: "G9999", Title: "Ended", Billable: true, Effective: claimdesk.MustDate("2011-01-01"), Terminated: claimdesk.MustDate("2026-02-28")}},
		},
		Modifiers: []claimdesk.Modifier{{Code: "GT", Title: "Via interactive audio and video"}, {Code: "ZZ", Title: "Old", Terminated: claimdesk.MustDate("2020-12-31")}},
	}
	if _, err := db.ImportCodeSet(ctx, cs, nil); err != nil {
		t.Fatal(err)
	}
	// A corrected file of the same quarter replaces it.
	fixed := *cs
	fixed.Release.SHA256 = "h2"
	fixed.Codes = append([]claimdesk.CodeEntry{}, cs.Codes...)
	fixed.Codes[0].Title = "Annual wellness visit (corrected)"
	if res, err := db.ImportCodeSet(ctx, &fixed, nil); err != nil || !res.Replaced || res.Codes != 4 {
		t.Fatalf("corrected file: %+v, %v", res, err)
	}
	if c, err := db.Code(ctx, claimdesk.SystemHCPCS, "G0438", claimdesk.Date{}); err != nil || c.Title != "Annual wellness visit (corrected)" {
		t.Fatalf("after correction: %+v, %v", c, err)
	}
	if rels, _ := db.Releases(ctx); len(rels) != 1 || rels[0].SHA256 != "h2" {
		t.Fatalf("releases after correction: %+v", rels)
	}
	if _, err := db.Code(ctx, claimdesk.SystemHCPCS, "G9999", claimdesk.MustDate("2026-02-28")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Code(ctx, claimdesk.SystemHCPCS, "G9999", claimdesk.MustDate("2026-03-01")); claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		t.Fatalf("terminated code: %v", err)
	}
	if _, err := db.Code(ctx, claimdesk.SystemHCPCS, "G0438", claimdesk.MustDate("2025-12-31")); claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		t.Fatalf("before the release: %v", err)
	}
	// Open-ended: still valid in July.
	if c, err := db.Code(ctx, claimdesk.SystemHCPCS, "g0438", claimdesk.MustDate("2026-07-01")); err != nil || c.Title != "Annual wellness visit (corrected)" {
		t.Fatalf("G0438: %+v %v", c, err)
	}
	mods, err := db.Modifiers(ctx, claimdesk.MustDate("2026-01-05"))
	if err != nil || len(mods) != 1 || mods[0].Code != "GT" {
		t.Fatalf("modifiers %+v, %v", mods, err)
	}
	if m, err := db.Code(ctx, claimdesk.SystemModifier, "gt", claimdesk.MustDate("2026-01-05")); err != nil || m.Title != "Via interactive audio and video" {
		t.Fatalf("modifier GT: %+v %v", m, err)
	}
	pos := &claimdesk.CodeSet{Release: claimdesk.Release{System: claimdesk.SystemPOS, Name: "CMS Place of Service 20240502", Source: "pos.xml", SHA256: "p1"},
		POS: []claimdesk.PlaceOfService{{Code: "11", Name: "Office"}, {Code: "12", Name: "Home"}}}
	if _, err := db.ImportCodeSet(ctx, pos, nil); err != nil {
		t.Fatal(err)
	}
	ps, err := db.PlacesOfService(ctx)
	if err != nil || len(ps) != 2 || ps[0].Name != "Office" {
		t.Fatalf("POS %+v, %v", ps, err)
	}
}

func TestProcedures(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	tests := []struct {
		name string
		p    claimdesk.Procedure
		err  string // field path expected in the error
	}{
		{"five digits", claimdesk.Procedure{Code: "99213", Short: "Office visit", Fee: 12500}, ""},
		{"category II", claimdesk.Procedure{Code: "3074f", Short: "BP < 130"}, ""},
		{"bad code", claimdesk.Procedure{Code: "9921", Short: "x"}, "code"},
		{"no description", claimdesk.Procedure{Code: "99214", Short: " "}, "short"},
		{"negative fee", claimdesk.Procedure{Code: "99215", Short: "x", Fee: -1}, "fee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.AddProcedure(ctx, tt.p)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe claimdesk.FieldErrors
			if !errors.As(err, &fe) || fe.For(tt.err) == "" {
				t.Fatalf("err = %v, want field %s", err, tt.err)
			}
		})
	}
	// Replace by code.
	if err := db.AddProcedure(ctx, claimdesk.Procedure{Code: "99213", Short: "Office visit, est.", Fee: 13000}); err != nil {
		t.Fatal(err)
	}
	ps, err := db.Procedures(ctx)
	if err != nil || len(ps) != 2 || ps[0] != (claimdesk.Procedure{Code: "3074F", Short: "BP < 130"}) || ps[1].Fee != 13000 {
		t.Fatalf("procedures %+v, %v", ps, err)
	}
	c, err := db.Code(ctx, claimdesk.SystemProcedure, "99213", claimdesk.Date{})
	if err != nil || c.Fee != 13000 {
		t.Fatalf("procedure look-up %+v %v", c, err)
	}
	// One bad entry rejects the whole list.
	err = db.ImportProcedures(ctx, []claimdesk.Procedure{{Code: "99395", Short: "Preventive"}, {Code: "x", Short: "bad"}})
	if err == nil {
		t.Fatal("bad list accepted")
	}
	if ps, _ := db.Procedures(ctx); len(ps) != 2 {
		t.Fatalf("half-imported list: %+v", ps)
	}
}
