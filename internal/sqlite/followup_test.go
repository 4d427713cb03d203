package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/demo"
)

// openFollowupDB opens a fresh database file with a fixed clock and,
// when withDemo, the demo practice loaded.
func openFollowupDB(t *testing.T, withDemo bool) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if withDemo {
		if err := demo.Load(t.Context(), db, demo.Generate(7, claimdesk.DateOf(now)), nil); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestSettingsStore(t *testing.T) {
	ctx := t.Context()
	db := openFollowupDB(t, false)
	if _, ok, err := db.Setting(ctx, "print.mode"); ok || err != nil {
		t.Fatalf("unset setting: ok=%v err=%v", ok, err)
	}
	if err := db.SetSettings(ctx, map[string]string{"print.offset_x": "-5", "print.mode": "plain"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "print.mode", "form"); err != nil {
		t.Fatal(err)
	}
	all, err := db.AllSettings(ctx)
	if err != nil || len(all) != 2 || all["print.offset_x"] != "-5" || all["print.mode"] != "form" {
		t.Fatalf("all = %v, %v", all, err)
	}
	if err := db.DeleteSetting(ctx, "print.mode"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.Setting(ctx, "print.mode"); ok {
		t.Fatal("deleted setting still there")
	}
	if err := db.SetSetting(ctx, " ", "x"); claimdesk.ErrorCode(err) != claimdesk.EInvalid {
		t.Fatalf("empty key: %v", err)
	}

	e1165 := claimdesk.Favourite{System: claimdesk.SystemICD10CM, Code: "E11.65"}
	c99213 := claimdesk.Favourite{System: claimdesk.SystemCPT, Code: "99213"}
	for _, f := range []claimdesk.Favourite{e1165, c99213, e1165} {
		if err := db.SetFavourite(ctx, f, true); err != nil {
			t.Fatal(err)
		}
	}
	favs, err := db.Favourites(ctx)
	if err != nil || len(favs) != 2 || favs[0] != c99213 || favs[1] != e1165 {
		t.Fatalf("favourites = %v, %v", favs, err)
	}
	if err := db.SetFavourite(ctx, e1165, false); err != nil {
		t.Fatal(err)
	}
	if favs, _ := db.Favourites(ctx); len(favs) != 1 {
		t.Fatalf("after unstar: %v", favs)
	}
	if err := db.SetFavourite(ctx, claimdesk.Favourite{Code: "X"}, true); err == nil {
		t.Fatal("favourite without system saved")
	}
}

// claimIn returns the first claim of the demo in status st.
func claimIn(t *testing.T, db *DB, st claimdesk.ClaimStatus) claimdesk.Claim {
	t.Helper()
	s, err := db.Claims(t.Context(), claimdesk.ClaimFilter{Status: st, Limit: 1})
	if err != nil || len(s) == 0 {
		t.Fatalf("no %s claim in the demo: %v", st, err)
	}
	c, err := db.Claim(t.Context(), s[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReplaceClaim(t *testing.T) {
	ctx := t.Context()
	db := openFollowupDB(t, true)

	t.Run("denied claim corrected", func(t *testing.T) {
		orig := claimIn(t, db, claimdesk.StatusDenied)
		next := claimdesk.Claim{Frequency: claimdesk.FrequencyReplacement, ReplacesID: orig.ID, OriginalRef: "ICN-1"}
		if err := db.ReplaceClaim(ctx, &next, claimdesk.StatusReplaced, "replaced by a corrected claim"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Claim(ctx, next.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != claimdesk.StatusDraft || got.Frequency != "7" || got.ReplacesID != orig.ID || got.OriginalRef != "ICN-1" || got.EncounterID != orig.EncounterID || got.PolicyID != orig.PolicyID || got.TotalCharge != orig.TotalCharge {
			t.Fatalf("new claim = %+v", got)
		}
		o, _ := db.Claim(ctx, orig.ID)
		last := o.History[len(o.History)-1]
		if o.Status != claimdesk.StatusReplaced || last.From != claimdesk.StatusDenied || last.To != claimdesk.StatusReplaced {
			t.Fatalf("original = %s, history %+v", o.Status, last)
		}
		// A second correction of the same claim is refused, and nothing
		// is created.
		again := claimdesk.Claim{Frequency: claimdesk.FrequencyVoid, ReplacesID: orig.ID}
		if err := db.ReplaceClaim(ctx, &again, claimdesk.StatusVoided, ""); err == nil {
			t.Fatal("replaced claim corrected twice")
		}
	})
	t.Run("draft claim cannot be replaced", func(t *testing.T) {
		orig := claimIn(t, db, claimdesk.StatusDraft)
		before, _ := db.ClaimsOfEncounter(ctx, orig.EncounterID)
		next := claimdesk.Claim{Frequency: claimdesk.FrequencyReplacement, ReplacesID: orig.ID}
		if err := db.ReplaceClaim(ctx, &next, claimdesk.StatusReplaced, ""); claimdesk.ErrorCode(err) != claimdesk.EConflict {
			t.Fatalf("err = %v, want conflict", err)
		}
		after, _ := db.ClaimsOfEncounter(ctx, orig.EncounterID)
		if len(after) != len(before) {
			t.Fatal("a refused replacement left a claim behind")
		}
	})
	t.Run("bad requests", func(t *testing.T) {
		for _, c := range []claimdesk.Claim{{Frequency: "7"}, {Frequency: "9", ReplacesID: 1}} {
			if err := db.ReplaceClaim(ctx, &c, claimdesk.StatusReplaced, ""); claimdesk.ErrorCode(err) != claimdesk.EInvalid {
				t.Errorf("%+v: err = %v", c, err)
			}
		}
	})
}

func TestOutcomeTotals(t *testing.T) {
	ctx := t.Context()
	db := openFollowupDB(t, true)
	c := claimIn(t, db, claimdesk.StatusSubmitted)
	o := claimdesk.Outcome{ClaimID: c.ID, Kind: claimdesk.OutcomeDenied, Date: claimdesk.MustDate("2026-11-20"),
		Adjustments: []claimdesk.Adjustment{{Group: "CO", Reason: "50", Amount: c.TotalCharge}}}
	if err := db.AddOutcome(ctx, &o); err != nil {
		t.Fatal(err)
	}
	totals, err := db.OutcomeTotals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := totals[c.ID]; ok {
		t.Fatalf("a denial counted as a payment: %+v", totals[c.ID])
	}
	// Every total equals the sum over the claim's own payment outcomes.
	for id, got := range totals {
		outs, err := db.Outcomes(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var want claimdesk.OutcomeTotals
		for _, x := range outs {
			if x.Kind == claimdesk.OutcomePaid {
				want.Paid += x.Paid
				want.WrittenOff += x.WrittenOff()
				want.PatientResp += x.PatientResponsibility()
			}
		}
		if got != want {
			t.Fatalf("claim %d: totals %+v, want %+v", id, got, want)
		}
	}
	if len(totals) == 0 {
		t.Fatal("the demo has no payments")
	}
}

func BenchmarkOutcomeTotals(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := demo.Load(b.Context(), db, demo.Generate(7, claimdesk.DateOf(now)), nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.OutcomeTotals(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}
