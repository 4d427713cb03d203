package sqlite_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := claimdesk.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func TestPracticeRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	_, err := db.Practice(ctx)
	wantCode(t, err, claimdesk.ENotFound)

	w := newWorld(t, db)
	got, err := db.Practice(ctx)
	must(t, err)
	if !reflect.DeepEqual(got, w.practice) {
		t.Fatalf("practice = %+v, want %+v", got, w.practice)
	}
	w.practice.Name = "Renamed Clinic"
	w.practice.AcceptAssignment = false
	must(t, db.SavePractice(ctx, &w.practice))
	got, _ = db.Practice(ctx)
	if !reflect.DeepEqual(got, w.practice) {
		t.Fatalf("updated practice = %+v, want %+v", got, w.practice)
	}

	bad := w.practice
	bad.NPI = "1234567890"
	var fe claimdesk.FieldErrors
	if err := db.SavePractice(ctx, &bad); !errors.As(err, &fe) || fe.For("npi") == "" {
		t.Fatalf("bad NPI: err = %v, want field error on npi", err)
	}
}

func TestReferenceDataRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)

	p, err := db.Provider(ctx, w.rendering.ID)
	must(t, err)
	if !reflect.DeepEqual(p, w.rendering) {
		t.Errorf("provider = %+v, want %+v", p, w.rendering)
	}
	provs, err := db.Providers(ctx)
	must(t, err)
	if len(provs) != 2 || provs[0].Last != "Refermann" {
		t.Errorf("providers = %+v, want 2 ordered by name", provs)
	}
	w.rendering.Credentials = "DO"
	must(t, db.SaveProvider(ctx, &w.rendering))
	p, _ = db.Provider(ctx, w.rendering.ID)
	if p.Credentials != "DO" {
		t.Errorf("updated credentials = %q", p.Credentials)
	}

	f, err := db.Facility(ctx, w.facility.ID)
	must(t, err)
	if !reflect.DeepEqual(f, w.facility) {
		t.Errorf("facility = %+v, want %+v", f, w.facility)
	}
	fs, err := db.Facilities(ctx)
	must(t, err)
	if len(fs) != 1 {
		t.Errorf("facilities = %d, want 1", len(fs))
	}

	py, err := db.Payer(ctx, w.payer.ID)
	must(t, err)
	if !reflect.DeepEqual(py, w.payer) {
		t.Errorf("payer = %+v, want %+v", py, w.payer)
	}
	pys, err := db.Payers(ctx)
	must(t, err)
	if len(pys) != 2 || pys[0].Name != "Fictional Health Plan" {
		t.Errorf("payers = %+v", pys)
	}

	// Used reference data cannot be deleted; unused can.
	wantCode(t, db.DeleteProvider(ctx, w.rendering.ID), claimdesk.EConflict)
	wantCode(t, db.DeleteFacility(ctx, w.facility.ID), claimdesk.EConflict)
	wantCode(t, db.DeletePayer(ctx, w.payer.ID), claimdesk.EConflict)
	spare := claimdesk.Payer{Name: "Spare Plan", Address: addr(), PlanType: claimdesk.PlanOther}
	must(t, db.SavePayer(ctx, &spare))
	must(t, db.DeletePayer(ctx, spare.ID))
	_, err = db.Payer(ctx, spare.ID)
	wantCode(t, err, claimdesk.ENotFound)
	wantCode(t, db.DeletePayer(ctx, spare.ID), claimdesk.ENotFound)
	_, err = db.Provider(ctx, 999)
	wantCode(t, err, claimdesk.ENotFound)
	_, err = db.Facility(ctx, 999)
	wantCode(t, err, claimdesk.ENotFound)
	wantCode(t, db.SaveProvider(ctx, &claimdesk.Provider{ID: 999, Role: claimdesk.RoleRendering, Last: "X", First: "Y", NPI: npi("123456789")}), claimdesk.ENotFound)

	var fe claimdesk.FieldErrors
	if err := db.SavePayer(ctx, &claimdesk.Payer{Name: "", Address: addr(), PlanType: "bogus"}); !errors.As(err, &fe) || fe.For("plan_type") == "" || fe.For("name") == "" {
		t.Errorf("bad payer: err = %v", err)
	}
}

func TestFees(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	must(t, db.SaveFee(ctx, claimdesk.FeeEntry{Code: "99213", Charge: 12500}))
	must(t, db.SaveFee(ctx, claimdesk.FeeEntry{Code: "99213", Modifier: "25", Charge: 13000}))
	must(t, db.SaveFee(ctx, claimdesk.FeeEntry{Code: "J3301", Charge: 450}))

	tests := []struct {
		name, code, mod string
		want            claimdesk.Cents
		ok              bool
	}{
		{"exact code", "99213", "", 12500, true},
		{"with modifier", "99213", "25", 13000, true},
		{"modifier falls back to code", "99213", "59", 12500, true},
		{"lower case", "j3301", "", 450, true},
		{"unknown code", "99999", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := db.Fee(ctx, tt.code, tt.mod)
			must(t, err)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Fee(%s,%s) = %v,%v want %v,%v", tt.code, tt.mod, got, ok, tt.want, tt.ok)
			}
		})
	}
	fees, err := db.Fees(ctx)
	must(t, err)
	want := []claimdesk.FeeEntry{{Code: "99213", Charge: 12500}, {Code: "99213", Modifier: "25", Charge: 13000}, {Code: "J3301", Charge: 450}}
	if !reflect.DeepEqual(fees, want) {
		t.Errorf("fees = %+v, want %+v", fees, want)
	}
	must(t, db.DeleteFee(ctx, "J3301", ""))
	wantCode(t, db.DeleteFee(ctx, "J3301", ""), claimdesk.ENotFound)

	// A bad row in ReplaceFees changes nothing.
	err = db.ReplaceFees(ctx, []claimdesk.FeeEntry{{Code: "99214", Charge: 1}, {Code: "", Charge: -1}})
	var fe claimdesk.FieldErrors
	if !errors.As(err, &fe) || fe.For("fees[1].code") == "" || fe.For("fees[1].charge") == "" {
		t.Fatalf("ReplaceFees bad row: %v", err)
	}
	must(t, db.ReplaceFees(ctx, []claimdesk.FeeEntry{{Code: "99214", Charge: 17000}}))
	fees, _ = db.Fees(ctx)
	if len(fees) != 1 || fees[0].Code != "99214" {
		t.Errorf("after replace: %+v", fees)
	}
}

func TestPatientRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)

	got, err := db.Patient(ctx, w.patient.ID)
	must(t, err)
	if !reflect.DeepEqual(got, w.patient) {
		t.Fatalf("patient = %+v, want %+v", got, w.patient)
	}
	other := claimdesk.Patient{Account: "ACC1002", Person: claimdesk.Person{Last: "Abbotfake", First: "Ulysses",
		DOB: claimdesk.MustDate("2001-12-31"), Sex: claimdesk.SexMale, Address: addr()}}
	must(t, db.SavePatient(ctx, &other))

	tests := []struct {
		name  string
		query string
		want  []int64
	}{
		{"all, ordered by name", "", []int64{other.ID, w.patient.ID}},
		{"part of last name", "zyzx", []int64{w.patient.ID}},
		{"last, first", "Zzyzxtest, Quin", []int64{w.patient.ID}},
		{"account", "acc1002", []int64{other.ID}},
		{"ISO birth date", "2001-12-31", []int64{other.ID}},
		{"US birth date", "07/04/1961", []int64{w.patient.ID}},
		{"no match", "nobody", nil},
		{"wildcards are literal", "%", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := db.Patients(ctx, claimdesk.PatientFilter{Query: tt.query})
			must(t, err)
			var ids []int64
			for _, p := range ps {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("Patients(%q) = %v, want %v", tt.query, ids, tt.want)
			}
		})
	}
	ps, _ := db.Patients(ctx, claimdesk.PatientFilter{Limit: 1, Offset: 1})
	if len(ps) != 1 || ps[0].ID != w.patient.ID {
		t.Errorf("limit/offset: %+v", ps)
	}

	// Duplicate account: a conflict, without patient data in the message.
	dup := other
	dup.ID = 0
	err = db.SavePatient(ctx, &dup)
	wantCode(t, err, claimdesk.EConflict)

	var fe claimdesk.FieldErrors
	bad := claimdesk.Patient{Account: "A 1", Person: claimdesk.Person{Last: "X", DOB: claimdesk.MustDate("2030-01-01"), Sex: "Q"}}
	if err := db.SavePatient(ctx, &bad); !errors.As(err, &fe) || fe.For("account") == "" || fe.For("dob") == "" || fe.For("first") == "" {
		t.Errorf("bad patient: %v", err)
	}
	if bad.ID != 0 {
		t.Errorf("invalid patient got an id")
	}

	// Delete: refused with encounters, allowed without (policies go too).
	wantCode(t, db.DeletePatient(ctx, w.patient.ID), claimdesk.EConflict)
	pol := claimdesk.Policy{PatientID: other.ID, PayerID: w.payer.ID, Priority: claimdesk.Primary, MemberID: "M1", Relationship: claimdesk.RelSelf}
	must(t, db.SavePolicy(ctx, &pol))
	must(t, db.DeletePatient(ctx, other.ID))
	_, err = db.Patient(ctx, other.ID)
	wantCode(t, err, claimdesk.ENotFound)
	_, err = db.Policy(ctx, pol.ID)
	wantCode(t, err, claimdesk.ENotFound)
	wantCode(t, db.DeletePatient(ctx, other.ID), claimdesk.ENotFound)
}

func TestPolicyRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)

	got, err := db.Policy(ctx, w.primary.ID)
	must(t, err)
	if !reflect.DeepEqual(got, w.primary) {
		t.Fatalf("policy = %+v\nwant %+v", got, w.primary)
	}
	pols, err := db.Policies(ctx, w.patient.ID)
	must(t, err)
	if len(pols) != 2 || pols[0].ID != w.primary.ID || pols[1].ID != w.secondary.ID {
		t.Fatalf("policies = %+v", pols)
	}
	if pols[1].Subscriber != nil {
		t.Errorf("self policy has a subscriber")
	}

	// Self → no subscriber round trip.
	w.primary.Relationship = claimdesk.RelSelf
	w.primary.Subscriber = nil
	must(t, db.SavePolicy(ctx, &w.primary))
	got, _ = db.Policy(ctx, w.primary.ID)
	if !reflect.DeepEqual(got, w.primary) {
		t.Fatalf("updated policy = %+v\nwant %+v", got, w.primary)
	}

	tests := []struct {
		name string
		p    claimdesk.Policy
		code string
		path string
	}{
		{"missing payer", claimdesk.Policy{PatientID: w.patient.ID, PayerID: 999, Priority: 1, MemberID: "M", Relationship: claimdesk.RelSelf}, claimdesk.EInvalid, "payer_id"},
		{"missing patient", claimdesk.Policy{PatientID: 999, PayerID: w.payer.ID, Priority: 1, MemberID: "M", Relationship: claimdesk.RelSelf}, claimdesk.ENotFound, ""},
		{"no patient", claimdesk.Policy{PayerID: w.payer.ID, Priority: 1, MemberID: "M", Relationship: claimdesk.RelSelf}, claimdesk.EInvalid, "patient_id"},
		{"child without subscriber", claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: 1, MemberID: "M", Relationship: claimdesk.RelChild}, claimdesk.EInvalid, "subscriber"},
		{"unknown id", claimdesk.Policy{ID: 999, PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: 1, MemberID: "M", Relationship: claimdesk.RelSelf}, claimdesk.ENotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SavePolicy(ctx, &tt.p)
			wantCode(t, err, tt.code)
			var fe claimdesk.FieldErrors
			if tt.path != "" && (!errors.As(err, &fe) || fe.For(tt.path) == "") {
				t.Errorf("err = %v, want a field error on %s", err, tt.path)
			}
		})
	}
	wantCode(t, db.DeletePolicy(ctx, w.primary.ID), claimdesk.EConflict)
	spare := claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: claimdesk.Tertiary, MemberID: "T3", Relationship: claimdesk.RelSelf}
	must(t, db.SavePolicy(ctx, &spare))
	must(t, db.DeletePolicy(ctx, spare.ID))
	wantCode(t, db.DeletePolicy(ctx, spare.ID), claimdesk.ENotFound)
}

func TestEncounterRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)

	e := w.newEncounter(2)
	e.OtherDate, e.OtherQualifier = claimdesk.MustDate("2026-01-10"), "454"
	e.AutoAccident, e.AccidentState, e.Employment, e.OtherAccident = true, "IL", true, true
	e.Lines[1] = claimdesk.ServiceLine{From: e.DateFrom, To: e.DateFrom, POS: "11", EMG: true, Code: "J3301",
		Modifiers: []string{"JZ", "RT", "59", "XU"}, Pointers: "ABCD"[:3], Units: 2500, Charge: 1125, ChargeOverridden: true,
		NDC: "00003029320", NDCUnit: "ML", NDCQty: 1500, RenderingID: w.referring.ID}
	must(t, db.SaveEncounter(ctx, &e))
	got, err := db.Encounter(ctx, e.ID)
	must(t, err)
	if !reflect.DeepEqual(got, e) {
		t.Fatalf("encounter =\n%+v\nwant\n%+v", got, e)
	}

	// A draft claim to the primary policy came with it.
	claims, err := db.ClaimsOfEncounter(ctx, e.ID)
	must(t, err)
	if len(claims) != 1 || claims[0].PolicyID != w.primary.ID || claims[0].Status != claimdesk.StatusDraft ||
		claims[0].TotalCharge != 10000+1125 || claims[0].Frequency != "1" || len(claims[0].History) != 1 {
		t.Fatalf("claims = %+v", claims)
	}

	// Update: fewer lines, new diagnosis order; the claim total follows.
	e.Lines = e.Lines[:1]
	e.Lines[0].Charge = 20000
	e.Diagnoses = []string{"i10", "E1165"}
	e.Lines[0].Pointers = "AB"
	must(t, db.SaveEncounter(ctx, &e))
	got, _ = db.Encounter(ctx, e.ID)
	if !slices.Equal(got.Diagnoses, []string{"I10", "E11.65"}) || len(got.Lines) != 1 || got.Lines[0].Charge != 20000 {
		t.Fatalf("updated encounter = %+v", got)
	}
	claims, _ = db.ClaimsOfEncounter(ctx, e.ID)
	if len(claims) != 1 || claims[0].TotalCharge != 20000 {
		t.Fatalf("claim after update = %+v", claims)
	}

	// Switching the primary policy moves the draft claim with it.
	e.PolicyID, e.SecondaryPolicyID = w.secondary.ID, w.primary.ID
	must(t, db.SaveEncounter(ctx, &e))
	claims, _ = db.ClaimsOfEncounter(ctx, e.ID)
	if len(claims) != 1 || claims[0].PolicyID != w.secondary.ID {
		t.Fatalf("claim after policy switch = %+v", claims)
	}

	// Invalid encounters are refused with field errors and change nothing.
	bad := w.newEncounter(1)
	bad.Lines[0].Pointers = "Z"
	bad.POS = "1"
	var fe claimdesk.FieldErrors
	if err := db.SaveEncounter(ctx, &bad); !errors.As(err, &fe) || fe.For("pos") == "" || fe.For("lines[0].pointers") == "" {
		t.Fatalf("bad encounter: %v", err)
	}
	foreign := w.newEncounter(1)
	stranger := claimdesk.Patient{Account: "ACC9", Person: claimdesk.Person{Last: "Strangerly", First: "Nemo", DOB: claimdesk.MustDate("1990-01-01"), Sex: "U", Address: addr()}}
	must(t, db.SavePatient(ctx, &stranger))
	foreign.PatientID = stranger.ID
	if err := db.SaveEncounter(ctx, &foreign); !errors.As(err, &fe) || fe.For("policy_id") == "" {
		t.Fatalf("policy of another patient: %v", err)
	}
	missing := w.newEncounter(1)
	missing.ID = 999
	wantCode(t, db.SaveEncounter(ctx, &missing), claimdesk.ENotFound)
	_, err = db.Encounter(ctx, 999)
	wantCode(t, err, claimdesk.ENotFound)

	// Without a policy the patient's active primary is chosen.
	auto := w.newEncounter(1)
	auto.PolicyID, auto.SecondaryPolicyID = 0, 0
	must(t, db.SaveEncounter(ctx, &auto))
	if auto.PolicyID != w.primary.ID {
		t.Fatalf("auto policy = %d, want %d", auto.PolicyID, w.primary.ID)
	}

	// Delete takes the draft claim along.
	must(t, db.DeleteEncounter(ctx, e.ID))
	_, err = db.Encounter(ctx, e.ID)
	wantCode(t, err, claimdesk.ENotFound)
	claims, _ = db.ClaimsOfEncounter(ctx, e.ID)
	if len(claims) != 0 {
		t.Fatalf("claims left after delete: %+v", claims)
	}
	wantCode(t, db.DeleteEncounter(ctx, e.ID), claimdesk.ENotFound)
}

func TestEncounterLockedPastDraft(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	id := claims[0].ID
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusReady, ""))
	w.encounter.PriorAuth = "PA-2"
	wantCode(t, db.SaveEncounter(ctx, &w.encounter), claimdesk.EConflict)
	wantCode(t, db.DeleteEncounter(ctx, w.encounter.ID), claimdesk.EConflict)
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusDraft, "fix prior auth"))
	must(t, db.SaveEncounter(ctx, &w.encounter))
}

func TestEncountersWorklist(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	e2 := w.newEncounter(1)
	e2.DateFrom, e2.DateTo = claimdesk.MustDate("2026-03-10"), claimdesk.MustDate("2026-03-10")
	e2.Lines[0].From, e2.Lines[0].To = e2.DateFrom, e2.DateFrom
	e2.Lines[0].Code = "G0439"
	e2.RenderingID = 0
	must(t, db.SaveEncounter(ctx, &e2))
	c2, _ := db.ClaimsOfEncounter(ctx, e2.ID)
	must(t, db.SetClaimStatus(ctx, c2[0].ID, claimdesk.StatusReady, ""))

	all, err := db.Encounters(ctx, claimdesk.EncounterFilter{})
	must(t, err)
	if len(all) != 2 || all[0].ID != e2.ID {
		t.Fatalf("worklist = %+v", all)
	}
	first := all[1]
	want := claimdesk.EncounterSummary{ID: w.encounter.ID, PatientID: w.patient.ID, PatientName: "Zzyzxtest, Quintessa Q",
		Account: "ACC1001", DateFrom: claimdesk.MustDate("2026-03-02"), Provider: "Ada Testdoc, MD", Payer: "Fictional Health Plan",
		ClaimID: first.ClaimID, Status: claimdesk.StatusDraft, Total: 30000, Diagnoses: []string{"E11.65", "I10", "Z79.4"},
		Codes: []string{"99213", "99213", "99213"}}
	if first.ClaimID == 0 || !reflect.DeepEqual(first, want) {
		t.Fatalf("summary =\n%+v\nwant\n%+v", first, want)
	}

	tests := []struct {
		name string
		f    claimdesk.EncounterFilter
		want []int64
	}{
		{"from", claimdesk.EncounterFilter{From: claimdesk.MustDate("2026-03-05")}, []int64{e2.ID}},
		{"to", claimdesk.EncounterFilter{To: claimdesk.MustDate("2026-03-05")}, []int64{w.encounter.ID}},
		{"status ready", claimdesk.EncounterFilter{Status: claimdesk.StatusReady}, []int64{e2.ID}},
		{"status paid", claimdesk.EncounterFilter{Status: claimdesk.StatusPaid}, nil},
		{"provider", claimdesk.EncounterFilter{ProviderID: w.rendering.ID}, []int64{w.encounter.ID}},
		{"patient", claimdesk.EncounterFilter{PatientID: w.patient.ID}, []int64{e2.ID, w.encounter.ID}},
		{"patient name", claimdesk.EncounterFilter{PatientName: "quint"}, []int64{e2.ID, w.encounter.ID}},
		{"other name", claimdesk.EncounterFilter{PatientName: "nobody"}, nil},
		{"limit", claimdesk.EncounterFilter{Limit: 1}, []int64{e2.ID}},
		{"offset", claimdesk.EncounterFilter{Limit: 1, Offset: 1}, []int64{w.encounter.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := db.Encounters(ctx, tt.f)
			must(t, err)
			var ids []int64
			for _, r := range rows {
				ids = append(ids, r.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestClaimData(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	cd, err := db.ClaimData(ctx, claims[0].ID)
	must(t, err)
	if cd.Claim.ID != claims[0].ID || !reflect.DeepEqual(cd.Practice, w.practice) || !reflect.DeepEqual(cd.Patient, w.patient) ||
		!reflect.DeepEqual(cd.Policy, w.primary) || !reflect.DeepEqual(cd.Payer, w.payer) ||
		!reflect.DeepEqual(cd.Encounter, w.encounter) {
		t.Fatalf("claim data mismatch: %+v", cd)
	}
	if cd.Rendering == nil || cd.Rendering.ID != w.rendering.ID || cd.Referring == nil || cd.Referring.ID != w.referring.ID ||
		cd.Facility == nil || cd.Facility.ID != w.facility.ID {
		t.Fatalf("providers/facility: %+v %+v %+v", cd.Rendering, cd.Referring, cd.Facility)
	}
	if cd.OtherPolicy == nil || cd.OtherPolicy.ID != w.secondary.ID || cd.OtherPayer == nil || cd.OtherPayer.ID != w.payer2.ID {
		t.Fatalf("other coverage when billing primary: %+v %+v", cd.OtherPolicy, cd.OtherPayer)
	}
	if len(cd.Claim.History) != 1 || cd.Claim.History[0].To != claimdesk.StatusDraft {
		t.Fatalf("history: %+v", cd.Claim.History)
	}

	// The secondary claim sees the primary as the other coverage.
	sec := claimdesk.Claim{EncounterID: w.encounter.ID, PolicyID: w.secondary.ID}
	must(t, db.CreateClaim(ctx, &sec))
	if sec.TotalCharge != w.encounter.Total() || sec.Status != claimdesk.StatusDraft || sec.Frequency != "1" {
		t.Fatalf("secondary claim = %+v", sec)
	}
	cd, err = db.ClaimData(ctx, sec.ID)
	must(t, err)
	if cd.OtherPolicy == nil || cd.OtherPolicy.ID != w.primary.ID || cd.OtherPayer.ID != w.payer.ID || cd.Payer.ID != w.payer2.ID {
		t.Fatalf("other coverage when billing secondary: %+v", cd.OtherPolicy)
	}
	_, err = db.ClaimData(ctx, 999)
	wantCode(t, err, claimdesk.ENotFound)
}

func TestClaimStatusTransitions(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	id := claims[0].ID

	steps := []struct {
		to   claimdesk.ClaimStatus
		code string
	}{
		{claimdesk.StatusSubmitted, claimdesk.EConflict}, // draft cannot skip ready
		{claimdesk.StatusReady, ""},
		{claimdesk.StatusReady, claimdesk.EConflict},
		{"bogus", claimdesk.EInvalid},
		{claimdesk.StatusSubmitted, ""},
		{claimdesk.StatusDraft, claimdesk.EConflict},
		{claimdesk.StatusRejected, ""},
		{claimdesk.StatusDraft, ""},
	}
	for i, s := range steps {
		err := db.SetClaimStatus(ctx, id, s.to, "step")
		if claimdesk.ErrorCode(err) != s.code {
			t.Fatalf("step %d to %s: err = %v, want code %q", i, s.to, err, s.code)
		}
	}
	c, err := db.Claim(ctx, id)
	must(t, err)
	var path []claimdesk.ClaimStatus
	for _, h := range c.History {
		path = append(path, h.To)
		if !h.At.Equal(fixedNow) {
			t.Errorf("history time = %v", h.At)
		}
	}
	want := []claimdesk.ClaimStatus{"draft", "ready", "submitted", "rejected", "draft"}
	if !slices.Equal(path, want) || c.History[1].From != "draft" || c.History[2].Note != "step" {
		t.Fatalf("history = %+v", c.History)
	}
	if c.SubmittedOn.String() != "2026-03-15" {
		t.Errorf("submitted_on = %v", c.SubmittedOn)
	}
	wantCode(t, db.SetClaimStatus(ctx, 999, claimdesk.StatusReady, ""), claimdesk.ENotFound)

	// The ready guard refuses, and nothing changes.
	guardErr := claimdesk.FieldErrors{{Path: "claim", Message: "checks failed"}}
	var seen claimdesk.ClaimData
	db.ReadyGuard = func(ctx context.Context, cd claimdesk.ClaimData) error { seen = cd; return guardErr }
	err = db.SetClaimStatus(ctx, id, claimdesk.StatusReady, "")
	if !errors.Is(err, guardErr) && claimdesk.ErrorCode(err) != claimdesk.EInvalid {
		t.Fatalf("guarded move: %v", err)
	}
	if seen.Claim.ID != id || seen.Patient.ID != w.patient.ID {
		t.Fatalf("guard saw %+v", seen.Claim)
	}
	c, _ = db.Claim(ctx, id)
	if c.Status != claimdesk.StatusDraft || len(c.History) != 5 {
		t.Fatalf("after refused move: %s, %d history rows", c.Status, len(c.History))
	}
	db.ReadyGuard = func(context.Context, claimdesk.ClaimData) error { return nil }
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusReady, ""))

	counts, err := db.CountClaims(ctx)
	must(t, err)
	if counts[claimdesk.StatusReady] != 1 || len(counts) != 1 {
		t.Fatalf("counts = %v", counts)
	}
}

// submitted returns the world's primary claim moved to submitted.
func submitted(t *testing.T, db *sqlite.DB, w *world) int64 {
	t.Helper()
	ctx := t.Context()
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	id := claims[0].ID
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusReady, ""))
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusSubmitted, ""))
	return id
}

func TestOutcomes(t *testing.T) {
	date := claimdesk.MustDate("2026-03-12")
	tests := []struct {
		name     string
		outcomes []claimdesk.Outcome
		status   claimdesk.ClaimStatus
		paid     claimdesk.Cents
		balance  claimdesk.Cents
		code     string // of the last AddOutcome
	}{
		{"paid in full with contractual adjustment", []claimdesk.Outcome{{Kind: "paid", Date: date, Paid: 24000,
			Adjustments: []claimdesk.Adjustment{{Group: "CO", Reason: "45", Amount: 6000}}, Remarks: []string{"N130"}, PayerClaimNumber: "ICN1"}},
			claimdesk.StatusPaid, 24000, 0, ""},
		{"partial payment", []claimdesk.Outcome{{Kind: "paid", Date: date, Paid: 10000}}, claimdesk.StatusPartial, 10000, 20000, ""},
		{"partial then rest", []claimdesk.Outcome{{Kind: "paid", Date: date, Paid: 10000}, {Kind: "paid", Date: date, Paid: 15000,
			Adjustments: []claimdesk.Adjustment{{Group: "PR", Reason: "2", Amount: 5000}}}}, claimdesk.StatusPaid, 25000, 0, ""},
		{"denied", []claimdesk.Outcome{{Kind: "denied", Date: date, Adjustments: []claimdesk.Adjustment{{Group: "CO", Reason: "50", Amount: 30000}}}},
			claimdesk.StatusDenied, 0, 30000, ""},
		{"denied then paid in part", []claimdesk.Outcome{{Kind: "denied", Date: date, Adjustments: []claimdesk.Adjustment{{Group: "CO", Reason: "50", Amount: 30000}}},
			{Kind: "paid", Date: date, Paid: 20000}}, claimdesk.StatusPartial, 20000, 10000, ""},
		{"rejected", []claimdesk.Outcome{{Kind: "rejected", Date: date, Message: "invalid member ID"}}, claimdesk.StatusRejected, 0, 30000, ""},
		{"invalid outcome", []claimdesk.Outcome{{Kind: "denied", Date: date}}, claimdesk.StatusSubmitted, 0, 30000, claimdesk.EInvalid},
		{"rejection after payment refused", []claimdesk.Outcome{{Kind: "paid", Date: date, Paid: 30000}, {Kind: "rejected", Date: date, Message: "x"}},
			claimdesk.StatusPaid, 30000, 0, claimdesk.EConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			ctx := t.Context()
			w := newWorld(t, db)
			id := submitted(t, db, w)
			var err error
			for i := range tt.outcomes {
				o := tt.outcomes[i]
				o.ClaimID = id
				err = db.AddOutcome(ctx, &o)
				if i < len(tt.outcomes)-1 {
					must(t, err)
				}
			}
			wantCode(t, err, tt.code)
			c, err := db.Claim(ctx, id)
			must(t, err)
			if c.Status != tt.status || c.AmountPaid != tt.paid {
				t.Fatalf("claim status %s paid %v, want %s %v", c.Status, c.AmountPaid, tt.status, tt.paid)
			}
			sums, err := db.Claims(ctx, claimdesk.ClaimFilter{})
			must(t, err)
			if len(sums) != 1 || sums[0].Balance != tt.balance || sums[0].Paid != tt.paid || sums[0].Billed != 30000 {
				t.Fatalf("summary = %+v, want balance %v", sums, tt.balance)
			}
			got, err := db.Outcomes(ctx, id)
			must(t, err)
			n := len(tt.outcomes)
			if tt.code != "" {
				n--
			}
			if len(got) != n {
				t.Fatalf("outcomes = %d, want %d", len(got), n)
			}
			if n > 0 {
				want := tt.outcomes[0]
				want.ClaimID, want.ID = id, got[0].ID
				if !reflect.DeepEqual(got[0], want) {
					t.Fatalf("outcome = %+v, want %+v", got[0], want)
				}
			}
		})
	}
}

func TestOutcomeOnDraftRefused(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	o := claimdesk.Outcome{ClaimID: claims[0].ID, Kind: "paid", Date: claimdesk.MustDate("2026-03-12"), Paid: 100}
	wantCode(t, db.AddOutcome(ctx, &o), claimdesk.EConflict)
	got, _ := db.Outcomes(ctx, claims[0].ID)
	if len(got) != 0 {
		t.Fatalf("refused outcome was stored")
	}
	o.ClaimID = 999
	wantCode(t, db.AddOutcome(ctx, &o), claimdesk.ENotFound)
	_, err := db.Outcomes(ctx, 999)
	wantCode(t, err, claimdesk.ENotFound)
}

func TestClaimsFilter(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	id := submitted(t, db, w)
	sec := claimdesk.Claim{EncounterID: w.encounter.ID, PolicyID: w.secondary.ID}
	must(t, db.CreateClaim(ctx, &sec))

	all, err := db.Claims(ctx, claimdesk.ClaimFilter{})
	must(t, err)
	if len(all) != 2 {
		t.Fatalf("claims = %+v", all)
	}
	for _, s := range all {
		if s.AgeDays != 13 || s.PatientName != "Zzyzxtest, Quintessa Q" || s.DateFrom.String() != "2026-03-02" {
			t.Errorf("summary = %+v", s)
		}
	}
	tests := []struct {
		name string
		f    claimdesk.ClaimFilter
		want []int64
	}{
		{"status", claimdesk.ClaimFilter{Status: claimdesk.StatusSubmitted}, []int64{id}},
		{"payer", claimdesk.ClaimFilter{PayerID: w.payer2.ID}, []int64{sec.ID}},
		{"patient", claimdesk.ClaimFilter{PatientID: w.patient.ID}, []int64{sec.ID, id}},
		{"other patient", claimdesk.ClaimFilter{PatientID: 999}, nil},
		{"age reached", claimdesk.ClaimFilter{MinAgeDays: 13}, []int64{sec.ID, id}},
		{"age not reached", claimdesk.ClaimFilter{MinAgeDays: 14}, nil},
		{"limit", claimdesk.ClaimFilter{Limit: 1}, []int64{sec.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := db.Claims(ctx, tt.f)
			must(t, err)
			var ids []int64
			for _, r := range rows {
				ids = append(ids, r.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestCreateClaimReplacement(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	id := submitted(t, db, w)
	o := claimdesk.Outcome{ClaimID: id, Kind: "denied", Date: claimdesk.MustDate("2026-03-12"), PayerClaimNumber: "ICN-77",
		Adjustments: []claimdesk.Adjustment{{Group: "CO", Reason: "16", Amount: 30000}}}
	must(t, db.AddOutcome(ctx, &o))

	tests := []struct {
		name string
		c    claimdesk.Claim
		path string
	}{
		{"replacement without original", claimdesk.Claim{EncounterID: w.encounter.ID, PolicyID: w.primary.ID, Frequency: "7"}, "replaces_id"},
		{"bad frequency", claimdesk.Claim{EncounterID: w.encounter.ID, PolicyID: w.primary.ID, Frequency: "9"}, "frequency"},
		{"no encounter", claimdesk.Claim{PolicyID: w.primary.ID}, "encounter_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe claimdesk.FieldErrors
			if err := db.CreateClaim(ctx, &tt.c); !errors.As(err, &fe) || fe.For(tt.path) == "" {
				t.Fatalf("err = %v, want field error on %s", err, tt.path)
			}
		})
	}
	repl := claimdesk.Claim{EncounterID: w.encounter.ID, PolicyID: w.primary.ID, Frequency: "7", ReplacesID: id}
	must(t, db.CreateClaim(ctx, &repl))
	if repl.OriginalRef != "ICN-77" {
		t.Errorf("original ref = %q, want the payer's number", repl.OriginalRef)
	}
	must(t, db.SetClaimStatus(ctx, id, claimdesk.StatusReplaced, "corrected claim"))
	// The encounter is editable again: its live claim is a draft.
	w.encounter.PriorAuth = "PA-9"
	must(t, db.SaveEncounter(ctx, &w.encounter))
	got, _ := db.Claim(ctx, repl.ID)
	if got.ReplacesID != id || got.Frequency != "7" {
		t.Errorf("replacement = %+v", got)
	}
	sums, _ := db.Encounters(ctx, claimdesk.EncounterFilter{})
	if sums[0].ClaimID != repl.ID || sums[0].Status != claimdesk.StatusDraft {
		t.Errorf("worklist shows claim %d %s, want the replacement", sums[0].ClaimID, sums[0].Status)
	}
}
