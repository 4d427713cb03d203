package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

// fixedNow is the clock of the test store and desk.
var fixedNow = time.Date(2026, time.March, 16, 9, 0, 0, 0, time.UTC)

// fakeBackend is a small encounter backend: a handful of codes searched by
// word prefixes, two claim rules and a one-page PDF.
type fakeBackend struct {
	codes    []codeHit
	notes    map[string][]claimdesk.Note
	searches int
	printed  []int64
}

func newFakeBackend() *fakeBackend {
	icd := func(code, title string, billable bool) codeHit {
		return codeHit{System: claimdesk.SystemICD10CM, Code: code, Title: title, Billable: billable, Matched: "title"}
	}
	return &fakeBackend{
		codes: []codeHit{
			icd("E11", "Type 2 diabetes mellitus", false),
			icd("E11.65", "Type 2 diabetes mellitus with hyperglycemia", true),
			icd("E11.9", "Type 2 diabetes mellitus without complications", true),
			icd("E11.8", "Type 2 diabetes mellitus with unspecified complications", true),
			icd("E10.65", "Type 1 diabetes mellitus with hyperglycemia", true),
			icd("I10", "Essential (primary) hypertension", true),
			icd("J06.9", "Acute upper respiratory infection, unspecified", true),
			icd("Z00.00", "Encounter for general adult medical examination without abnormal findings", true),
			{System: claimdesk.SystemCPT, Code: "99213", Title: "Office or other outpatient visit, established patient, low MDM", Billable: true, Matched: "code"},
			{System: claimdesk.SystemCPT, Code: "99214", Title: "Office or other outpatient visit, established patient, moderate MDM", Billable: true, Matched: "code"},
			{System: claimdesk.SystemCPT, Code: "80053", Title: "Comprehensive metabolic panel", Billable: true, Matched: "code"},
			{System: claimdesk.SystemHCPCS, Code: "J3301", Title: "Injection, triamcinolone acetonide, not otherwise specified, 10 mg", Billable: true, Matched: "code"},
		},
		notes: map[string][]claimdesk.Note{
			"E11.65": {
				{Kind: claimdesk.NoteExcludes1, Text: "diabetes mellitus due to underlying condition (E08.-)", From: "E11"},
				{Kind: claimdesk.NoteUseAdditional, Text: "code to identify control using insulin (Z79.4)", From: "E11"},
			},
		},
	}
}

func (b *fakeBackend) SearchCodes(_ context.Context, q string, systems []claimdesk.CodeSystem, _ claimdesk.Date, limit int) ([]codeHit, error) {
	b.searches++
	words := strings.Fields(strings.ToLower(q))
	var out []codeHit
	for _, c := range b.codes {
		if len(systems) > 0 && !containsSystem(systems, c.System) {
			continue
		}
		title := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(c.Title)))
		ok := true
		for _, w := range words {
			if strings.HasPrefix(strings.ToLower(c.Code), w) || strings.HasPrefix(claimdesk.NormalizeICD(c.Code), strings.ToUpper(w)) {
				continue
			}
			found := false
			for _, t := range title {
				if strings.HasPrefix(t, w) {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func containsSystem(ss []claimdesk.CodeSystem, s claimdesk.CodeSystem) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (b *fakeBackend) CodeNotes(_ context.Context, code string, _ claimdesk.Date) ([]claimdesk.Note, error) {
	return b.notes[code], nil
}

func (b *fakeBackend) Completions(_ context.Context, code string, _ claimdesk.Date, max int) ([]codeHit, int, error) {
	var out []codeHit
	for _, c := range b.codes {
		if c.Billable && c.Code != code && strings.HasPrefix(claimdesk.NormalizeICD(c.Code), claimdesk.NormalizeICD(code)) {
			out = append(out, c)
		}
	}
	n := len(out)
	if len(out) > max {
		out = out[:max]
	}
	return out, n, nil
}

func (b *fakeBackend) PlacesOfService(context.Context) ([]claimdesk.PlaceOfService, error) {
	return []claimdesk.PlaceOfService{
		{Code: "02", Name: "Telehealth Provided Other than in Patient's Home"},
		{Code: "11", Name: "Office"},
		{Code: "12", Name: "Home"},
		{Code: "22", Name: "On Campus-Outpatient Hospital"},
	}, nil
}

// CheckEncounter applies two rules: at least one diagnosis, and no
// diagnosis code starting with "Z00" billed with a problem visit (a stand-in
// for a real edit, so tests can make the checks fail and pass).
func (b *fakeBackend) CheckEncounter(_ context.Context, e claimdesk.Encounter) (claimdesk.Findings, error) {
	var fs claimdesk.Findings
	if len(e.Diagnoses) == 0 {
		fs = append(fs, claimdesk.Finding{Rule: "dx-required", Severity: claimdesk.SeverityError, Box: "21", Field: "encounter.diagnoses", Message: "enter at least one diagnosis"})
	}
	if len(e.Lines) == 0 {
		fs = append(fs, claimdesk.Finding{Rule: "line-required", Severity: claimdesk.SeverityError, Box: "24", Field: "encounter.lines", Message: "enter at least one service line"})
	}
	for i, d := range e.Diagnoses {
		if strings.HasPrefix(d, "Z00") {
			for j, l := range e.Lines {
				if strings.HasPrefix(l.Code, "992") {
					fs = append(fs, claimdesk.Finding{Rule: "fake-z00", Severity: claimdesk.SeverityError, Box: "21",
						Field: fmt.Sprintf("encounter.lines[%d].pointers", j), Message: fmt.Sprintf("diagnosis %s is for a preventive visit, not a problem visit", claimdesk.DiagnosisLetter(i))})
				}
			}
		}
	}
	// As the real checks do: an ordered test with a referring provider
	// but no qualifier wants DK.
	if e.ReferringID != 0 && e.ReferringQualifier == "" {
		for i, l := range e.Lines {
			if strings.HasPrefix(l.Code, "8") {
				fs = append(fs, claimdesk.Finding{Rule: "referring-qualifier", Severity: claimdesk.SeverityWarning, Box: "17", Field: "encounter.referring_qualifier",
					Message: fmt.Sprintf("Box 17: no qualifier is set, so DN (referring provider) is printed, but line %d is a clinical laboratory test, reported with the ordering provider (DK); set the qualifier.", i+1)})
				break
			}
		}
	}
	if e.AutoAccident && e.AccidentState == "" {
		fs = append(fs, claimdesk.Finding{Rule: "accident-state", Severity: claimdesk.SeverityError, Box: "10b", Field: "encounter.accident_state", Message: "Box 10b: give the state where the auto accident happened."})
	}
	if !e.OtherDate.IsZero() && e.OtherQualifier == "" {
		fs = append(fs, claimdesk.Finding{Rule: "date-qualifier", Severity: claimdesk.SeverityError, Box: "15", Field: "encounter.other_qualifier", Message: "Box 15: the other date needs a qualifier."})
	}
	if e.PriorAuth == "" {
		fs = append(fs, claimdesk.Finding{Rule: "fake-warning", Severity: claimdesk.SeverityWarning, Box: "23", Field: "encounter.prior_auth", Message: "no prior authorization number (only some payers need one)"})
	}
	return fs, nil
}

func (b *fakeBackend) PrintClaim(_ context.Context, id int64, path, mode string, _ bool) error {
	b.printed = append(b.printed, id)
	return atomicfile.Write(path, func(w io.Writer) error {
		return writeTinyPDF(w, fmt.Sprintf("CMS-1500 claim %d (%s)", id, mode))
	})
}

// writeTinyPDF writes a valid one-page PDF showing text.
func writeTinyPDF(w io.Writer, text string) error {
	stream := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	_, err := io.WriteString(w, b.String())
	return err
}

// testWorld is a temp sqlite database with a small fictional practice.
type testWorld struct {
	db        *sqlite.DB
	desk      *billing.Desk
	rendering claimdesk.Provider
	referring claimdesk.Provider
	payer     claimdesk.Payer
	patient   claimdesk.Patient
	policy    claimdesk.Policy
}

func npiOf(first9 string) string { return first9 + string(claimdesk.NPICheckDigit(first9)) }

// newTestWorld opens a fresh database in t.TempDir() and seeds it.
func newTestWorld(t *testing.T) *testWorld { return newTestWorldTB(t) }

func newTestWorldTB(t testing.TB) *testWorld {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "claimdesk.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	db.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	addr := claimdesk.Address{Line1: "100 Example Way", City: "Springfield", State: "IL", ZIP: "627011234"}
	w := &testWorld{db: db}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", what, err)
		}
	}
	pr := claimdesk.Practice{Name: "Example Family Clinic", Address: addr, Phone: "2175550100", TaxID: "12-3456789", TaxIDType: claimdesk.TaxEIN, NPI: npiOf("123456789"), AcceptAssignment: true}
	must("practice", db.SavePractice(ctx, &pr))
	w.rendering = claimdesk.Provider{Role: claimdesk.RoleRendering, Last: "Example", First: "Robin", Credentials: "MD", NPI: npiOf("198765432")}
	must("provider", db.SaveProvider(ctx, &w.rendering))
	w.referring = claimdesk.Provider{Role: claimdesk.RoleReferring, Last: "Sampleref", First: "Jordan", Credentials: "MD", NPI: npiOf("176543210")}
	must("referring provider", db.SaveProvider(ctx, &w.referring))
	w.payer = claimdesk.Payer{Name: "Example Health Plan", Address: addr, PayerID: "EX123", PlanType: claimdesk.PlanGroup, TimelyFilingDays: 180}
	must("payer", db.SavePayer(ctx, &w.payer))
	w.patient = claimdesk.Patient{Account: "T1001", Person: claimdesk.Person{Last: "Testperson", First: "Dana", DOB: claimdesk.NewDate(1961, 4, 2), Sex: claimdesk.SexFemale, Address: addr}}
	must("patient", db.SavePatient(ctx, &w.patient))
	other := claimdesk.Patient{Account: "T1002", Person: claimdesk.Person{Last: "Sampleton", First: "Lee", DOB: claimdesk.NewDate(1975, 9, 30), Sex: claimdesk.SexMale, Address: addr}}
	must("patient 2", db.SavePatient(ctx, &other))
	w.policy = claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: claimdesk.Primary, MemberID: "XEH123456789", GroupNumber: "G100", Relationship: claimdesk.RelSelf}
	must("policy", db.SavePolicy(ctx, &w.policy))
	must("fee", db.SaveFee(ctx, claimdesk.FeeEntry{Code: "99213", Charge: 12500}))
	must("fee", db.SaveFee(ctx, claimdesk.FeeEntry{Code: "99214", Charge: 18000}))
	w.desk = &billing.Desk{Practice: db, Patients: db, Encounters: db, Claims: db, Audit: db, Settings: db, Codes: db, Now: func() time.Time { return fixedNow }}
	return w
}

// keys drives the focused widget like a keyboard and counts keystrokes:
// each typed character, key and shortcut is one.
type keys struct {
	t     *testing.T
	s     *Shell
	count int
	log   []string
}

func (k *keys) focused() fyne.Focusable {
	k.t.Helper()
	f := k.s.win.Canvas().Focused()
	if f == nil {
		k.t.Fatal("nothing has the focus")
	}
	return f
}

func (k *keys) typ(text string) {
	k.t.Helper()
	f := k.focused()
	for _, r := range text {
		f.TypedRune(r)
		k.count++
	}
	k.log = append(k.log, fmt.Sprintf("%q", text))
}

func (k *keys) press(name fyne.KeyName) {
	k.t.Helper()
	k.focused().TypedKey(&fyne.KeyEvent{Name: name})
	k.count++
	k.log = append(k.log, string(name))
}

func (k *keys) shortcut(sc fyne.Shortcut) {
	k.t.Helper()
	pressShortcut(k.t, k.s, sc)
	k.count++
	k.log = append(k.log, shortcutText(sc))
}
