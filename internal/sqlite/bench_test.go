package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"claimdesk/internal/claimdesk"
)

func TestCancelledSaveWritesNothing(t *testing.T) {
	db := MustOpenDB(t)
	w := newWorld(t, db)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	e := w.newEncounter(5)
	err := db.SaveEncounter(ctx, &e)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	rows, _ := db.Encounters(t.Context(), claimdesk.EncounterFilter{})
	if len(rows) != 1 {
		t.Fatalf("%d encounters after a cancelled save, want 1", len(rows))
	}
	err = db.ReplaceFees(ctx, []claimdesk.FeeEntry{{Code: "99213", Charge: 1}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ReplaceFees err = %v", err)
	}
}

// FuzzPatientQuery checks that any search text is safe: no error, and
// every patient found matches each word of the query (or its birth date).
func FuzzPatientQuery(f *testing.F) {
	db := MustOpenDB(f)
	w := newWorld(f, db)
	others := []claimdesk.Patient{
		{Account: "ACC2", Person: claimdesk.Person{Last: "O'Testly", First: "Ann-Marie", DOB: claimdesk.MustDate("2001-12-31"), Sex: "F", Address: addr()}},
		{Account: "ACC_3", Person: claimdesk.Person{Last: "Percent%Name", First: "Under_Score", Suffix: "JR", DOB: claimdesk.MustDate("1990-01-01"), Sex: "M", Address: addr()}},
	}
	for i := range others {
		must(f, db.SavePatient(context.Background(), &others[i]))
	}
	all := append([]claimdesk.Patient{w.patient}, others...)
	for _, s := range []string{"", "zzy", "Zzyzxtest, Quin", "o'test", "%", "_", "ann-marie", "12/31/2001", "2001-12-31", "acc", `\`, "a b c", "\x00", "ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, err := db.Patients(context.Background(), claimdesk.PatientFilter{Query: q})
		if err != nil {
			t.Fatalf("Patients(%q): %v", q, err)
		}
		if len(got) > len(all) {
			t.Fatalf("Patients(%q) found %d of %d", q, len(got), len(all))
		}
		if isDateQuery(q) {
			return
		}
		words := strings.FieldsFunc(stripControl(q), func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
		for _, p := range got {
			hay := strings.ToLower(strings.Join([]string{p.Last, p.First, p.Middle, p.Suffix, p.Account}, " "))
			for _, word := range words {
				if isASCII(word) && !strings.Contains(hay, strings.ToLower(word)) {
					t.Fatalf("Patients(%q) found patient %d whose name and account lack %q", q, p.ID, word)
				}
			}
		}
	})
}

func isDateQuery(q string) bool {
	q = strings.TrimSpace(q)
	for _, layout := range []string{"2006-01-02", "01/02/2006", "1/2/2006"} {
		if _, err := time.Parse(layout, q); err == nil {
			return true
		}
	}
	return false
}

func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' {
			return -1
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func BenchmarkSaveEncounter(b *testing.B) {
	db := MustOpenDB(b)
	w := newWorld(b, db)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		e := w.newEncounter(6)
		if err := db.SaveEncounter(ctx, &e); err != nil {
			b.Fatal(err)
		}
	}
}

// benchWorld returns a store with 500 encounters of 4 lines each.
func benchWorld(b *testing.B) (*world, []int64) {
	db := MustOpenDB(b)
	w := newWorld(b, db)
	var ids []int64
	for i := 0; i < 500; i++ {
		e := w.newEncounter(4)
		must(b, db.SaveEncounter(context.Background(), &e))
		ids = append(ids, e.ID)
	}
	return w, ids
}

func BenchmarkEncounters(b *testing.B) {
	w, _ := benchWorld(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rows, err := w.db.Encounters(ctx, claimdesk.EncounterFilter{Limit: 100})
		if err != nil || len(rows) != 100 {
			b.Fatal(len(rows), err)
		}
	}
}

func BenchmarkClaims(b *testing.B) {
	w, _ := benchWorld(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rows, err := w.db.Claims(ctx, claimdesk.ClaimFilter{Status: claimdesk.StatusDraft})
		if err != nil || len(rows) != 501 {
			b.Fatal(len(rows), err)
		}
	}
}

func BenchmarkClaimData(b *testing.B) {
	w, ids := benchWorld(b)
	ctx := context.Background()
	claims, err := w.db.ClaimsOfEncounter(ctx, ids[250])
	must(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.db.ClaimData(ctx, claims[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}
