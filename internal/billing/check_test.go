package billing

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claimcheck"
	"claimdesk/internal/claimdesk"
)

// checkCodes is a CodeService fake holding two ICD-10-CM releases, one
// HCPCS release, a procedure list, modifiers and places of service.
type checkCodes struct {
	claimdesk.CodeService
	loads int
	fail  error
}

var (
	fy25 = claimdesk.Release{ID: 1, System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2025", ValidFrom: claimdesk.MustDate("2024-10-01"), ValidTo: claimdesk.MustDate("2025-09-30")}
	fy26 = claimdesk.Release{ID: 2, System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026", ValidFrom: claimdesk.MustDate("2025-10-01"), ValidTo: claimdesk.MustDate("2026-09-30")}
	hc26 = claimdesk.Release{ID: 3, System: claimdesk.SystemHCPCS, Name: "HCPCS 2026 January", ValidFrom: claimdesk.MustDate("2026-01-01")}
)

func (c *checkCodes) Releases(context.Context) ([]claimdesk.Release, error) {
	return []claimdesk.Release{hc26, fy26, fy25}, nil
}

func (c *checkCodes) LoadCodeSets(_ context.Context, date claimdesk.Date, v claimdesk.CodeVisitor) error {
	c.loads++
	if c.fail != nil {
		return c.fail
	}
	icd := fy26
	if !date.IsZero() && fy25.Covers(date) {
		icd = fy25
	}
	v.Release(icd)
	v.Release(hc26)
	code := func(sys claimdesk.CodeSystem, rel, code, title string, billable bool) {
		v.Code(claimdesk.CodeEntry{Code: claimdesk.Code{System: sys, Code: code, Title: title, Billable: billable, Release: rel}})
	}
	code(claimdesk.SystemICD10CM, icd.Name, "J02", "Acute pharyngitis", false)
	code(claimdesk.SystemICD10CM, icd.Name, "J029", "Acute pharyngitis, unspecified", true)
	code(claimdesk.SystemICD10CM, icd.Name, "R509", "Fever, unspecified", true)
	if icd.ID == fy26.ID {
		code(claimdesk.SystemICD10CM, icd.Name, "E11", "Type 2 diabetes mellitus", false)
		code(claimdesk.SystemICD10CM, icd.Name, "E119", "Type 2 diabetes mellitus without complications", true)
		code(claimdesk.SystemICD10CM, icd.Name, "E109", "Type 1 diabetes mellitus without complications", true)
		v.Note("E11", claimdesk.Note{Kind: claimdesk.NoteExcludes1, Text: "type 1 diabetes mellitus (E10.-)", Release: "ICD-10-CM FY2021"})
	}
	code(claimdesk.SystemHCPCS, hc26.Name, "G0439", "Annual wellness visit, subsequent", true)
	v.Code(claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemProcedure, Code: "99213", Title: "Office visit", Fee: 125_00}})
	v.Code(claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemProcedure, Code: "87880", Title: "Rapid strep test", Fee: 35_00}})
	return nil
}

func (c *checkCodes) Modifiers(context.Context, claimdesk.Date) ([]claimdesk.Modifier, error) {
	return []claimdesk.Modifier{{Code: "QW", Title: "CLIA waived test"}}, nil
}

func (c *checkCodes) PlacesOfService(context.Context) ([]claimdesk.PlaceOfService, error) {
	return []claimdesk.PlaceOfService{{Code: "11", Name: "Office"}}, nil
}

// checkPractice answers fee look-ups.
type checkPractice struct {
	claimdesk.PracticeService
	fees map[string]claimdesk.Cents
}

func (p checkPractice) Fee(_ context.Context, code, mod string) (claimdesk.Cents, bool, error) {
	c, ok := p.fees[code]
	return c, ok, nil
}

// checkClaims serves one claim's data.
type checkClaims struct {
	claimdesk.ClaimService
	cd claimdesk.ClaimData
}

func (c checkClaims) ClaimData(_ context.Context, id int64) (claimdesk.ClaimData, error) {
	if id != 7 {
		return claimdesk.ClaimData{}, claimdesk.Errorf(claimdesk.ENotFound, "no claim %d", id)
	}
	return c.cd, nil
}

func npiOf(first9 string) string { return first9 + string(claimdesk.NPICheckDigit(first9)) }

func checkedClaim(dos string) claimdesk.ClaimData {
	d := claimdesk.MustDate(dos)
	return claimdesk.ClaimData{
		Claim: claimdesk.Claim{Frequency: "1", TotalCharge: 160_00},
		Practice: claimdesk.Practice{Name: "Maple Street Family Medicine", TaxID: "371234567", TaxIDType: claimdesk.TaxEIN, NPI: npiOf("123456789"),
			Address: claimdesk.Address{Line1: "100 Maple Street", City: "Springfield", State: "IL", ZIP: "627011234"}},
		Referring: &claimdesk.Provider{Last: "Quill", First: "Ada", NPI: npiOf("198765432")},
		Payer:     claimdesk.Payer{Name: "Prairie Health Plan", PlanType: claimdesk.PlanOther},
		Patient: claimdesk.Patient{Account: "A1", Person: claimdesk.Person{Last: "Testperson", First: "Wendy", DOB: claimdesk.MustDate("1984-03-09"), Sex: claimdesk.SexFemale,
			Address: claimdesk.Address{Line1: "12 Elm Court", City: "Springfield", State: "IL", ZIP: "62704"}}},
		Policy: claimdesk.Policy{Priority: claimdesk.Primary, MemberID: "PHP1", Relationship: claimdesk.RelSelf},
		Encounter: claimdesk.Encounter{DateFrom: d, DateTo: d, POS: "11", Diagnoses: []string{"J02.9", "R50.9"}, Lines: []claimdesk.ServiceLine{
			{From: d, To: d, Code: "99213", Pointers: "AB", Units: claimdesk.WholeUnits(1), Charge: 125_00},
			{From: d, To: d, Code: "87880", Modifiers: []string{"QW"}, Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 35_00},
		}},
	}
}

func newCheckDesk(codes *checkCodes) *Desk {
	return &Desk{
		Codes:    codes,
		Practice: checkPractice{fees: map[string]claimdesk.Cents{"99213": 125_00, "87880": 40_00}},
		Now:      func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) },
	}
}

func TestCheckClaim(t *testing.T) {
	codes := &checkCodes{}
	d := newCheckDesk(codes)
	tests := []struct {
		name   string
		dos    string
		mutate func(*claimdesk.ClaimData)
		want   []string // rules that must fire
		errors bool
	}{
		{"clean but fee differs", "2026-08-14", nil, []string{claimcheck.RuleLineFee}, false},
		{"header code", "2026-08-14", func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[1] = "E11" }, []string{claimcheck.RuleDxHeader}, true},
		{"excludes1 from store notes", "2026-08-14", func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.9", "E10.9"} }, []string{claimcheck.RuleDxExcludes1}, true},
		{"older release for older DOS", "2025-08-14", func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"J02.9", "E11.9"} }, []string{claimcheck.RuleDxUnknown}, true},
		{"FY2027 date: newest release with a warning", "2026-11-02", nil, []string{claimcheck.RuleICDRelease}, false},
		{"fee from the procedure list when the schedule has none", "2026-08-14", func(c *claimdesk.ClaimData) {
			c.Encounter.Lines = c.Encounter.Lines[:1]
			c.Encounter.Lines[0].Code, c.Encounter.Lines[0].Charge = "G0439", 125_00 // no fee anywhere: no warning
			c.Claim.TotalCharge = 125_00
		}, nil, false},
		{"unknown procedure", "2026-08-14", func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Code = "99214" }, []string{claimcheck.RuleProcUnknown}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cd := checkedClaim(tt.dos)
			if tt.mutate != nil {
				tt.mutate(&cd)
			}
			fs := d.CheckClaim(t.Context(), cd)
			for _, w := range tt.want {
				found := false
				for _, f := range fs {
					found = found || f.Rule == w
				}
				if !found {
					t.Errorf("rule %s did not fire: %v", w, fs)
				}
			}
			if fs.HasErrors() != tt.errors {
				t.Errorf("errors = %v, want %v: %v", fs.HasErrors(), tt.errors, fs)
			}
			err := d.ReadyGuard(t.Context(), cd)
			if (err != nil) != tt.errors {
				t.Errorf("ReadyGuard = %v", err)
			}
			if err != nil && (claimdesk.ErrorCode(err) != claimdesk.EInvalid || !strings.Contains(err.Error(), "Box")) {
				t.Errorf("ReadyGuard error = %v", err)
			}
		})
	}
	if codes.loads != 2 { // newest pass + the FY2025 pass, once for all checks
		t.Errorf("code sets loaded %d times, want 2 (cached)", codes.loads)
	}
	d.InvalidateChecks()
	d.CheckClaim(t.Context(), checkedClaim("2026-08-14"))
	if codes.loads != 4 {
		t.Errorf("after InvalidateChecks: %d loads, want 4", codes.loads)
	}
}

func TestWarmChecks(t *testing.T) {
	codes := &checkCodes{}
	d := newCheckDesk(codes)
	if err := d.WarmChecks(t.Context()); err != nil {
		t.Fatal(err)
	}
	d.CheckClaim(t.Context(), checkedClaim("2026-08-14"))
	if codes.loads != 2 {
		t.Errorf("loads = %d, want 2 (warmed once, then cached)", codes.loads)
	}
	bad := newCheckDesk(&checkCodes{fail: errors.New("locked")})
	if err := bad.WarmChecks(t.Context()); err == nil {
		t.Error("WarmChecks: want the load error")
	}
}

func TestCheckClaimWithoutCodeSets(t *testing.T) {
	d := newCheckDesk(&checkCodes{fail: errors.New("disk on fire")})
	d.Log = nil
	fs := d.CheckClaim(t.Context(), checkedClaim("2026-08-14"))
	found := false
	for _, f := range fs {
		found = found || f.Rule == claimcheck.RuleICDNotLoaded
	}
	if !found || fs.HasErrors() {
		t.Errorf("want the not-loaded warning and no errors: %v", fs)
	}
}

func TestCheckClaimID(t *testing.T) {
	d := newCheckDesk(&checkCodes{})
	d.Claims = checkClaims{cd: checkedClaim("2026-08-14")}
	if _, err := d.CheckClaimID(t.Context(), 7); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CheckClaimID(t.Context(), 8); claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		t.Errorf("missing claim: %v", err)
	}
}

func TestStoreFeesFallBackToProcedureList(t *testing.T) {
	m := claimcheck.NewMemReference()
	m.AddProcedure(claimdesk.Procedure{Code: "87880", Short: "Rapid strep test", Fee: 35_00})
	f := storeFees{ctx: t.Context(), s: checkPractice{fees: map[string]claimdesk.Cents{"99213": 125_00}}, fallback: m.Reference().Fees}
	for _, tc := range []struct {
		code string
		want claimdesk.Cents
		ok   bool
	}{{"99213", 125_00, true}, {"87880", 35_00, true}, {"99999", 0, false}} {
		if c, ok := f.Fee(tc.code, ""); c != tc.want || ok != tc.ok {
			t.Errorf("Fee(%s) = %v %v, want %v %v", tc.code, c, ok, tc.want, tc.ok)
		}
	}
}

// TestCheckClaimConcurrent runs checks from several goroutines while the
// code sets are invalidated (the GUI checks live while a batch prints).
func TestCheckClaimConcurrent(t *testing.T) {
	d := newCheckDesk(&checkCodes{})
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 50; i++ {
				d.CheckClaim(t.Context(), checkedClaim("2026-08-14"))
				if i%10 == 0 {
					d.InvalidateChecks()
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
