package claimdesk

import (
	"strings"
	"testing"
)

var today = MustDate("2026-11-23")

func goodAddress() Address {
	return Address{Line1: "12 Sample St", City: "Springfield", State: "IL", ZIP: "62701"}
}

func goodPerson() Person {
	return Person{Last: "Testperson", First: "Alba", DOB: MustDate("1970-05-04"), Sex: SexFemale, Address: goodAddress()}
}

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Person)
		field string
	}{
		{"ok", func(p *Person) {}, ""},
		{"no last name", func(p *Person) { p.Last = " " }, "last"},
		{"no first name", func(p *Person) { p.First = "" }, "first"},
		{"no dob", func(p *Person) { p.DOB = Date{} }, "dob"},
		{"future dob", func(p *Person) { p.DOB = today.AddDays(1) }, "dob"},
		{"bad sex", func(p *Person) { p.Sex = "X" }, "sex"},
		{"bad state", func(p *Person) { p.Address.State = "ZZ" }, "address.state"},
		{"bad zip", func(p *Person) { p.Address.ZIP = "1234" }, "address.zip"},
		{"bad phone", func(p *Person) { p.Phone = "12" }, "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := goodPerson()
			tt.edit(&p)
			fe := p.Validate(today)
			if tt.field == "" {
				if len(fe) != 0 {
					t.Fatalf("unexpected errors: %v", fe)
				}
				return
			}
			if fe.For(tt.field) == "" {
				t.Fatalf("want error on %s, got %v", tt.field, fe)
			}
		})
	}
}

func goodEncounter() Encounter {
	d := MustDate("2026-11-02")
	return Encounter{
		PatientID: 1, PolicyID: 1, DateFrom: d, DateTo: d, POS: "11",
		Diagnoses: []string{"E11.65", "I10"},
		Lines:     []ServiceLine{{From: d, To: d, Code: "99213", Pointers: "AB", Units: WholeUnits(1), Charge: 12500}},
	}
}

func TestEncounterValidate(t *testing.T) {
	dob := MustDate("1970-05-04")
	tests := []struct {
		name  string
		edit  func(e *Encounter)
		field string
	}{
		{"ok", func(e *Encounter) {}, ""},
		{"no patient", func(e *Encounter) { e.PatientID = 0 }, "patient_id"},
		{"no date", func(e *Encounter) { e.DateFrom = Date{} }, "date_from"},
		{"future date", func(e *Encounter) { e.DateFrom = today.AddDays(3) }, "date_from"},
		{"before birth", func(e *Encounter) { e.DateFrom = MustDate("1960-01-01") }, "date_from"},
		{"to before from", func(e *Encounter) { e.DateTo = e.DateFrom.AddDays(-1) }, "date_to"},
		{"bad pos", func(e *Encounter) { e.POS = "1" }, "pos"},
		{"duplicate dx", func(e *Encounter) { e.Diagnoses = []string{"I10", "i10"} }, "diagnoses[1]"},
		{"13 dx", func(e *Encounter) {
			e.Diagnoses = strings.Fields("A00.0 A01.0 A02.0 A03.0 A04.0 A05.0 A06.0 A07.0 A08.0 A09 B00.0 B01.0 B02.0")
		}, "diagnoses"},
		{"pointer past dx", func(e *Encounter) { e.Lines[0].Pointers = "AC" }, "lines[0].pointers"},
		{"no pointer", func(e *Encounter) { e.Lines[0].Pointers = "" }, "lines[0].pointers"},
		{"five pointers", func(e *Encounter) { e.Lines[0].Pointers = "AAAAA" }, "lines[0].pointers"},
		{"zero units", func(e *Encounter) { e.Lines[0].Units = 0 }, "lines[0].units"},
		{"zero charge", func(e *Encounter) { e.Lines[0].Charge = 0 }, "lines[0].charge"},
		{"bad modifier", func(e *Encounter) { e.Lines[0].Modifiers = []string{"2"} }, "lines[0].modifiers[0]"},
		{"line to before from", func(e *Encounter) { e.Lines[0].To = e.Lines[0].From.AddDays(-1) }, "lines[0].to"},
		{"no code", func(e *Encounter) { e.Lines[0].Code = "" }, "lines[0].code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := goodEncounter()
			tt.edit(&e)
			fe := e.Validate(today, dob)
			if tt.field == "" {
				if len(fe) != 0 {
					t.Fatalf("unexpected errors: %v", fe)
				}
				return
			}
			if fe.For(tt.field) == "" {
				t.Fatalf("want error on %s, got %v", tt.field, fe)
			}
		})
	}
}

func TestPracticePolicyPayerValidate(t *testing.T) {
	pr := Practice{Name: "Maple Test Clinic", Address: goodAddress(), Phone: "555-201-4477", TaxID: "12-3456789", TaxIDType: TaxEIN, NPI: "1234567893"}
	if fe := pr.Validate(); len(fe) != 0 {
		t.Fatalf("good practice: %v", fe)
	}
	bad := pr
	bad.NPI = "1234567890"
	bad.TaxIDType = TaxSSN
	if fe := bad.Validate(); fe.For("npi") == "" || fe.For("tax_id") == "" {
		t.Fatalf("bad practice not caught: %v", fe)
	}
	pol := Policy{PayerID: 1, Priority: Primary, MemberID: "XYZ123", Relationship: RelSelf}
	if fe := pol.Validate(today); len(fe) != 0 {
		t.Fatalf("good policy: %v", fe)
	}
	pol.Relationship = RelChild
	if fe := pol.Validate(today); fe.For("subscriber") == "" {
		t.Fatalf("child without subscriber not caught: %v", fe)
	}
	sub := goodPerson()
	pol.Subscriber = &sub
	pol.EffectiveFrom, pol.EffectiveTo = MustDate("2026-01-01"), MustDate("2025-01-01")
	if fe := pol.Validate(today); fe.For("effective_to") == "" || fe.For("subscriber") != "" {
		t.Fatalf("policy dates: %v", fe)
	}
	py := Payer{Name: "Test Payer", Address: goodAddress(), PlanType: PlanMedicare, TimelyFilingDays: 365}
	if fe := py.Validate(); len(fe) != 0 {
		t.Fatalf("good payer: %v", fe)
	}
	py.PlanType = "hmo"
	if fe := py.Validate(); fe.For("plan_type") == "" {
		t.Fatal("bad plan type not caught")
	}
	pv := Provider{Role: RoleRendering, Last: "Quill", First: "Ada", NPI: "1234567893"}
	if fe := pv.Validate(); len(fe) != 0 {
		t.Fatalf("good provider: %v", fe)
	}
	pv.Role = "boss"
	if fe := pv.Validate(); fe.For("role") == "" {
		t.Fatal("bad role not caught")
	}
}

func TestClaimStatusMoves(t *testing.T) {
	tests := []struct {
		from, to ClaimStatus
		ok       bool
	}{
		{StatusDraft, StatusReady, true}, {StatusReady, StatusSubmitted, true}, {StatusSubmitted, StatusPaid, true},
		{StatusSubmitted, StatusDenied, true}, {StatusDenied, StatusReplaced, true}, {StatusRejected, StatusDraft, true},
		{StatusDraft, StatusPaid, false}, {StatusPaid, StatusDraft, false}, {StatusDraft, "bogus", false},
		{StatusReplaced, StatusPaid, false},
	}
	for _, tt := range tests {
		if err := tt.from.CheckMove(tt.to); (err == nil) != tt.ok {
			t.Errorf("%s -> %s: %v", tt.from, tt.to, err)
		}
	}
}

func TestDates(t *testing.T) {
	d := MustDate("2000-02-29")
	if d.AgeOn(MustDate("2026-02-28")) != 25 || d.AgeOn(MustDate("2026-03-01")) != 26 {
		t.Error("AgeOn wrong")
	}
	if MustDate("2026-01-01").DaysUntil(MustDate("2026-03-01")) != 59 {
		t.Error("DaysUntil wrong")
	}
	if _, err := ParseDate("2026-13-01"); err == nil {
		t.Error("bad month accepted")
	}
	if FormatICD("e1165") != "E11.65" || FormatICD("I10") != "I10" || NormalizeICD(" s52.501a") != "S52501A" {
		t.Error("ICD formatting wrong")
	}
}

func TestOutcomeValidate(t *testing.T) {
	ok := Outcome{Kind: OutcomePaid, Date: today, Paid: 8000, Adjustments: []Adjustment{{GroupCO, "45", 2000}}}
	if fe := ok.Validate(); len(fe) != 0 {
		t.Fatalf("good outcome: %v", fe)
	}
	bad := Outcome{Kind: OutcomeDenied, Date: today, Paid: 10}
	if fe := bad.Validate(); fe.For("paid") == "" || fe.For("adjustments") == "" {
		t.Fatalf("bad denial not caught: %v", fe)
	}
	rej := Outcome{Kind: OutcomeRejected, Date: today}
	if fe := rej.Validate(); fe.For("message") == "" {
		t.Fatal("rejection without message not caught")
	}
}
