package sqlite_test

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
	"claimdesk/internal/shareddata"
	"claimdesk/internal/sqlite"
)

// loadShared parses one shared code set file (the first importable member
// of a zip) of the given kind.
func loadShared(tb testing.TB, rel string, kind codeset.Kind) *claimdesk.CodeSet {
	tb.Helper()
	files, err := codeset.Files(shareddata.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		if f.Kind == kind {
			cs, err := codeset.Load(context.Background(), f, nil)
			if err != nil {
				tb.Fatal(err)
			}
			return cs
		}
	}
	tb.Fatalf("%s holds no %s file", rel, kind)
	return nil
}

// importFile is what `claimctl codes import` does for one file: find it,
// parse it, store it in one transaction.
func importFile(tb testing.TB, db *sqlite.DB, rel string, kind codeset.Kind, target int64) claimdesk.ImportResult {
	tb.Helper()
	cs := loadShared(tb, rel, kind)
	var res claimdesk.ImportResult
	var err error
	if kind.Notes() {
		res, err = db.ImportNotes(context.Background(), target, cs, nil)
	} else {
		res, err = db.ImportCodeSet(context.Background(), cs, nil)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

const (
	fy26Order = "codesets/icd10cm/icd10cm_order_2026.txt"
	fy17Zip   = "codesets/icd10cm/ICD10CM_FY2017_Full_XML.zip"
	tab21     = "codesets/icd10cm/icd10cm_tabular_2021.xml"
	hcpcsZip  = "codesets/hcpcs/january-2026-alpha-numeric-hcpcs-file.zip"
)

// fullDB imports FY2026 ICD-10-CM, the FY2021 Tabular and FY2017 indexes
// applied to it, and HCPCS January 2026.
func fullDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "full.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	icd := importFile(tb, db, fy26Order, codeset.KindOrder, 0)
	importFile(tb, db, tab21, codeset.KindTabular, icd.Release.ID)
	importFile(tb, db, fy17Zip, codeset.KindIndex, icd.Release.ID)
	importFile(tb, db, fy17Zip, codeset.KindEIndex, icd.Release.ID)
	importFile(tb, db, hcpcsZip, codeset.KindHCPCS, 0)
	return db
}

func TestFullImportAndLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("full code set import")
	}
	db := fullDB(t)
	ctx := t.Context()
	var codes, terms, notes, groups int
	err := db.LoadCodeSets(ctx, claimdesk.MustDate("2026-03-01"), claimdesk.CodeVisitor{
		Code:  func(claimdesk.CodeEntry) { codes++ },
		Term:  func(claimdesk.IndexTerm) { terms++ },
		Note:  func(string, claimdesk.Note) { notes++ },
		Group: func(claimdesk.CodeGroup) { groups++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	// 98,186 ICD-10-CM rows + HCPCS codes valid on 2026-03-01.
	if codes < 98186+7000 || terms < 70000 || notes < 24000 || groups < 250 {
		t.Fatalf("codes %d terms %d notes %d groups %d", codes, terms, notes, groups)
	}
	c, err := db.Code(ctx, claimdesk.SystemICD10CM, "E1165", claimdesk.MustDate("2026-03-01"))
	if err != nil || c.Title != "Type 2 diabetes mellitus with hyperglycemia" || !c.Billable {
		t.Fatalf("E11.65: %+v, %v", c, err)
	}
	ns, err := db.Notes(ctx, "S52.521A", claimdesk.MustDate("2026-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	var seventh, chapter bool
	for _, n := range ns {
		seventh = seventh || (n.Kind == claimdesk.NoteSeventhChar && n.Char == "A" && n.From == "S52.52")
		chapter = chapter || n.From == "Chapter 19"
		if n.Release != "ICD-10-CM FY2021" {
			t.Fatalf("note release %+v", n)
		}
	}
	if !seventh || !chapter {
		t.Fatalf("notes of S52.521A miss the 7th characters or chapter notes: %+v", ns)
	}
	g, err := db.Code(ctx, claimdesk.SystemHCPCS, "G0438", claimdesk.MustDate("2026-03-01"))
	if err != nil || g.Release != "HCPCS 2026 Q1 (January)" {
		t.Fatalf("G0438: %+v, %v", g, err)
	}
}

// BenchmarkImportOrderFY2026 measures `codes import icd10cm_order_2026.txt`:
// parse the 14.7 MB order file and store 98,186 codes in one transaction
// into a fresh database (goal ≤ 3 s).
func BenchmarkImportOrderFY2026(b *testing.B) {
	files, err := codeset.Files(shareddata.Path(b, fy26Order))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		cs, err := codeset.Load(context.Background(), files[0], nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.ImportCodeSet(context.Background(), cs, nil); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkImportTabularIndex measures applying the Tabular XML (FY2021,
// 9.3 MB) and the Alphabetic and External Cause Index XML (FY2017, 9.1 MB
// and 1.0 MB) to the FY2026 release: parse and store (goal ≤ 10 s).
func BenchmarkImportTabularIndex(b *testing.B) {
	tabFiles, err := codeset.Files(shareddata.Path(b, tab21))
	if err != nil {
		b.Fatal(err)
	}
	zipFiles, err := codeset.Files(shareddata.Path(b, fy17Zip))
	if err != nil {
		b.Fatal(err)
	}
	var xmls []codeset.File
	xmls = append(xmls, tabFiles[0])
	for _, f := range zipFiles {
		if f.Kind == codeset.KindIndex || f.Kind == codeset.KindEIndex {
			xmls = append(xmls, f)
		}
	}
	order := loadShared(b, fy26Order, codeset.KindOrder)
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		res, err := db.ImportCodeSet(context.Background(), order, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		for _, f := range xmls {
			cs, err := codeset.Load(context.Background(), f, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.ImportNotes(context.Background(), res.Release.ID, cs, nil); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cpuTime() - c0
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkLoadCodeSets measures the start-up bulk load a search index
// builds from: every FY2026 ICD-10-CM and HCPCS code, index term, note and
// group (the search index itself must be ready in ≤ 1 s).
func BenchmarkLoadCodeSets(b *testing.B) {
	db := fullDB(b)
	date := claimdesk.MustDate("2026-03-01")
	var codes, terms, notes int
	v := claimdesk.CodeVisitor{
		Code:  func(claimdesk.CodeEntry) { codes++ },
		Term:  func(claimdesk.IndexTerm) { terms++ },
		Note:  func(string, claimdesk.Note) { notes++ },
		Group: func(claimdesk.CodeGroup) {},
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		codes, terms, notes = 0, 0, 0
		if err := db.LoadCodeSets(context.Background(), date, v); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per load: the machine is shared, so wall time is noisy.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(codes), "codes")
	b.ReportMetric(float64(terms), "terms")
	b.ReportMetric(float64(notes), "notes")
}

// cpuTime returns the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
