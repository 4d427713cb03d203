package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
	"claimdesk/internal/wire"
)

// followupDB writes a demo database and returns its path with the IDs of
// a few submitted claims and their totals.
func followupDB(t *testing.T) (string, []claimdesk.ClaimSummary, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cd.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := wire.New(db, wire.Options{Log: slog.New(slog.DiscardHandler)}).LoadDemo(t.Context(), 3, nil); err != nil {
		t.Fatal(err)
	}
	subs, err := db.Claims(t.Context(), claimdesk.ClaimFilter{Status: claimdesk.StatusSubmitted})
	if err != nil || len(subs) < 4 {
		t.Fatalf("demo has %d submitted claims: %v", len(subs), err)
	}
	drafts, err := db.Claims(t.Context(), claimdesk.ClaimFilter{Status: claimdesk.StatusDraft, Limit: 1})
	if err != nil || len(drafts) == 0 {
		t.Fatalf("demo has no draft claim: %v", err)
	}
	return path, subs, drafts[0].ID
}

// run runs one claimctl command line and returns stdout, stderr and the
// exit status.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := m.Main(t.Context(), args)
	return out.String(), errb.String(), code
}

func TestClaimOutcomeAndCorrect(t *testing.T) {
	path, subs, draftID := followupDB(t)
	paidID, deniedID, rejectedID := subs[0].ID, subs[1].ID, subs[2].ID
	paidTotal := subs[0].Billed
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"paid in full with adjustments", []string{"claim", "outcome", "--db", path, "--claim", id(paidID),
			"--paid", (paidTotal - 3500).String(), "--adj", "CO-45:20.00", "--adj", "PR-2:15.00", "--date", "2026-11-02"},
			0, "is now paid: billed " + paidTotal.String() + ", paid " + (paidTotal - 3500).String() + ", written off 20.00, patient owes 15.00, balance 0.00", ""},
		{"paid again is refused", []string{"claim", "outcome", "--db", path, "--claim", id(paidID), "--paid", "1.00"},
			2, "", "more than the open balance"},
		{"denied with reason and remark", []string{"claim", "outcome", "--db", path, "--claim", id(deniedID), "--denied",
			"--adj", "CO-50:" + subs[1].Billed.String(), "--remark", "N115", "--payer-claim", "ICN2026110100"},
			0, "is now denied", ""},
		{"rejected with message", []string{"claim", "outcome", "--db", path, "--claim", id(rejectedID), "--rejected", "--message", "Subscriber ID not on file"},
			0, "is now rejected", ""},
		{"denied without reason", []string{"claim", "outcome", "--db", path, "--claim", id(subs[3].ID), "--denied"},
			2, "", "give the denial's group and reason code"},
		{"rejected without message", []string{"claim", "outcome", "--db", path, "--claim", id(subs[3].ID), "--rejected"},
			2, "", "enter the payer's rejection message"},
		{"no kind", []string{"claim", "outcome", "--db", path, "--claim", id(subs[3].ID)},
			2, "", "exactly one of --paid"},
		{"two kinds", []string{"claim", "outcome", "--db", path, "--claim", id(subs[3].ID), "--paid", "1", "--denied"},
			2, "", "exactly one of --paid"},
		{"bad adjustment", []string{"claim", "outcome", "--db", path, "--claim", id(subs[3].ID), "--paid", "1", "--adj", "ZZ-1:2"},
			2, "", "group must be CO, PR, OA or PI"},
		{"unknown claim", []string{"claim", "outcome", "--db", path, "--claim", "999999", "--paid", "1"},
			2, "", "not found"},
		{"missing database", []string{"claim", "outcome", "--db", filepath.Join(t.TempDir(), "none.db"), "--claim", "1", "--paid", "1"},
			2, "", "no database at"},
		{"correct the denied claim", []string{"claim", "correct", "--db", path, "--claim", id(deniedID)},
			0, "created corrected claim (frequency 7)", ""},
		{"correct it twice", []string{"claim", "correct", "--db", path, "--claim", id(deniedID)},
			2, "", "cannot be marked"},
		{"void the rejected claim needs the payer number", []string{"claim", "correct", "--db", path, "--claim", id(rejectedID), "--void"},
			2, "", "payer's claim number"},
		{"void with a typed number", []string{"claim", "correct", "--db", path, "--claim", id(rejectedID), "--void", "--ref", "DCN77"},
			0, "created void claim (frequency 8)", ""},
		{"a draft cannot be corrected", []string{"claim", "correct", "--db", path, "--claim", id(draftID), "--void", "--ref", "X"},
			2, "", "a Draft claim cannot be marked Voided"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := run(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errs, tt.wantErr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, stdout ~%q, stderr ~%q", code, out, errs, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}

	// History from the new version shows both versions and the denial.
	out, errs, code := run(t, "claim", "history", "--db", path, "--claim", id(deniedID), "--json")
	if code != 0 {
		t.Fatalf("history: %s", errs)
	}
	var h billing.ClaimHistory
	if err := json.Unmarshal([]byte(out), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 2 || h.Versions[0].Claim.ID != deniedID || h.Versions[0].Claim.Status != claimdesk.StatusReplaced ||
		h.Versions[1].Claim.Frequency != "7" || h.Versions[1].Claim.OriginalRef != "ICN2026110100" || h.Versions[1].Claim.Status != claimdesk.StatusDraft {
		t.Fatalf("history versions = %+v", h.Versions)
	}
	out, _, _ = run(t, "claim", "history", "--db", path, "--claim", id(h.Versions[1].Claim.ID))
	for _, want := range []string{"corrected (7)", "Denied; CO-50", "remarks N115", "Moved from Denied to Replaced"} {
		if !strings.Contains(out, want) {
			t.Errorf("history text lacks %q:\n%s", want, out)
		}
	}
}

func TestReportAR(t *testing.T) {
	path, _, _ := followupDB(t)
	out, errs, code := run(t, "report", "ar", "--db", path, "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var rep billing.AgingReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) == 0 || rep.Totals.Total <= 0 {
		t.Fatalf("empty report: %+v", rep)
	}
	var sum claimdesk.Cents
	for _, r := range rep.Rows {
		var b claimdesk.Cents
		for _, c := range r.Buckets() {
			b += c
		}
		if b != r.Total {
			t.Errorf("%s: buckets add to %s, total %s", r.Payer, b, r.Total)
		}
		sum += r.Total
	}
	if sum != rep.Totals.Total {
		t.Errorf("rows add to %s, total row says %s", sum, rep.Totals.Total)
	}

	out, errs, code = run(t, "report", "ar", "--db", path, "--csv")
	if code != 0 {
		t.Fatal(errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rep.Rows)+2 || recs[0][2] != "days_0_30" || recs[len(recs)-1][0] != "Total" {
		t.Fatalf("csv = %v", recs)
	}
	number := regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)
	for _, r := range recs[1:] {
		for _, v := range r[2:8] {
			if !number.MatchString(v) {
				t.Fatalf("amount %q is not a plain number", v)
			}
		}
	}
	if recs[len(recs)-1][7] != rep.Totals.Total.String() {
		t.Errorf("csv total %s, json total %s", recs[len(recs)-1][7], rep.Totals.Total)
	}

	out, _, code = run(t, "report", "ar", "--db", path)
	if code != 0 || !strings.Contains(out, "OVER 120") || !strings.Contains(out, rep.Totals.Total.String()) {
		t.Fatalf("text report:\n%s", out)
	}
	if _, errs, code := run(t, "report", "ar", "--db", path, "--csv", "--json"); code != 2 || !strings.Contains(errs, "not both") {
		t.Fatalf("--csv --json: %d %s", code, errs)
	}
}

func TestSettingsAndFees(t *testing.T) {
	path, _, _ := followupDB(t)
	fees := filepath.Join(t.TempDir(), "fees.csv")
	if err := os.WriteFile(fees, []byte("code,modifier,charge\n99213,,120.00\n99213,25,120.00\nG0438,,180\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("code,charge\n99213,120\n99214,lots\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"default mode", []string{"settings", "get", "print.mode", "--db", path}, 0, "form\n", ""},
		{"set offset", []string{"settings", "set", "print.offset_x", "-5", "--db", path}, 0, "print.offset_x = -5", ""},
		{"read offset", []string{"settings", "get", "print.offset_x", "--db", path}, 0, "-5\n", ""},
		{"offset too large", []string{"settings", "set", "print.offset_y", "80", "--db", path}, 2, "", "between -50 and 50"},
		{"bad mode", []string{"settings", "set", "print.mode", "colour", "--db", path}, 2, "", "form or plain"},
		{"unknown key", []string{"settings", "get", "nope", "--db", path}, 2, "", "unknown setting"},
		{"list", []string{"settings", "get", "--db", path}, 0, "print.offset_x  -5", ""},
		{"star", []string{"settings", "star", "e11.65", "99213", "--db", path}, 0, "starred E11.65 (icd10cm)\nstarred 99213", ""},
		{"starred are listed", []string{"settings", "get", "--db", path}, 0, "favourite codes: E11.65, 99213", ""},
		{"star unknown", []string{"settings", "star", "Q99.99", "--db", path}, 2, "", "not found"},
		{"unstar", []string{"settings", "star", "99213", "--off", "--db", path}, 0, "unstarred 99213", ""},
		{"import fees", []string{"fees", "import", fees, "--db", path}, 0, "fee schedule replaced: 3 fees", ""},
		{"bad fee file", []string{"fees", "import", bad, "--db", path}, 2, "", "bad.csv line 3 field charge"},
		{"missing fee file", []string{"fees", "import", filepath.Join(t.TempDir(), "x.csv"), "--db", path}, 2, "", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := run(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errs, tt.wantErr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, stdout ~%q, stderr ~%q", code, out, errs, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Fees(t.Context())
	if err != nil || len(got) != 3 {
		t.Fatalf("fees after a good and a bad import = %v, %v", got, err)
	}
}
