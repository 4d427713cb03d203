package ui

import (
	"context"
	"log/slog"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/internal/billing"
	"claimdesk/internal/shareddata"
)

// BenchmarkDiagnosisKeystroke types "diab 2 hyperg" into the encounter
// form's diagnosis box over the full FY2026 ICD-10-CM code set (the real
// search through deskBackend, run synchronously as in the other tests) and
// reports the time from one typed character to its results on screen.
func BenchmarkDiagnosisKeystroke(b *testing.B) {
	order := shareddata.Path(b, "codesets/icd10cm/icd10cm_order_2026.txt")
	w := newTestWorldTB(b)
	quiet := slog.New(slog.DiscardHandler)
	w.desk.Log = quiet
	ctx := context.Background()
	if _, err := w.desk.ImportCodeFiles(ctx, []string{order}, nil, nil); err != nil {
		b.Fatal(err)
	}
	w.desk.Search = &billing.CodeSearch{}
	if _, err := w.desk.CodeIndex(ctx); err != nil {
		b.Fatal(err)
	}
	test.NewTempApp(b)
	win := test.NewTempWindow(b, nil)
	s := newShell(w.desk, win, WithLogger(quiet), func(s *Shell) { s.goAsync = func(f func()) { f() }; s.checkDelay, s.autosaveEvery = 0, 0 })
	win.SetContent(s.root)
	win.Resize(fyne.NewSize(1280, 800))
	pressShortcutTB(b, s, ctrl(fyne.KeyN))
	f := s.screenNamed(encountersName).(*encounterScreen).form
	const q = "diab 2 hyperg"
	b.ReportAllocs()
	for b.Loop() {
		f.dxBox.Clear()
		for _, r := range q {
			f.dxBox.entry.TypedRune(r)
		}
		if it, ok := f.dxBox.Highlighted(); !ok || it.Key != "E11.65" {
			b.Fatalf("highlighted %+v", it)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(q))/1e6, "ms/keystroke")
}
