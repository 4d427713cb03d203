package sqlite_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestAuditTrail(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	claims, _ := db.ClaimsOfEncounter(ctx, w.encounter.ID)
	claimID := claims[0].ID

	// Changes after the world was built, each audited with the changed
	// field names only.
	w.patient.First = "Renamedfirst"
	w.patient.Phone = "217-555-0142"
	must(t, db.SavePatient(ctx, &w.patient))
	must(t, db.SavePatient(ctx, &w.patient)) // no change: no entry
	w.primary.MemberID = "NEWMEMBER1"
	must(t, db.SavePolicy(ctx, &w.primary))
	w.encounter.Lines[1].Charge = 12345
	w.encounter.Diagnoses = []string{"E11.65", "I10"}
	w.encounter.Lines[0].Pointers, w.encounter.Lines[1].Pointers, w.encounter.Lines[2].Pointers = "A", "AB", "B"
	w.encounter.Lines = w.encounter.Lines[:2]
	must(t, db.SaveEncounter(ctx, &w.encounter))
	must(t, db.SetClaimStatus(ctx, claimID, claimdesk.StatusReady, ""))
	spare := claimdesk.Policy{PatientID: w.patient.ID, PayerID: w.payer.ID, Priority: claimdesk.Tertiary, MemberID: "T3", Relationship: claimdesk.RelSelf}
	must(t, db.SavePolicy(ctx, &spare))
	must(t, db.DeletePolicy(ctx, spare.ID))

	got, err := db.Audit(ctx, 0)
	must(t, err)
	type entry struct {
		Action, Entity string
		ID             int64
		Fields         string
	}
	var rows []entry
	for _, e := range got {
		rows = append(rows, entry{e.Action, e.Entity, e.EntityID, strings.Join(e.Fields, ",")})
		if !e.At.Equal(fixedNow) {
			t.Errorf("entry %d at %v, want the store's clock", e.ID, e.At)
		}
	}
	want := []entry{
		{"delete", "policy", spare.ID, ""},
		{"create", "policy", spare.ID, "patient_id,payer_id,priority,member_id,relationship"},
		{"update", "claim", claimID, "status"},
		{"update", "claim", claimID, "total_charge"},
		{"update", "encounter", w.encounter.ID, "diagnoses[2],lines[0].pointers,lines[1].charge,lines[2]"},
		{"update", "policy", w.primary.ID, "member_id"},
		{"update", "patient", w.patient.ID, "first,phone"},
		{"create", "claim", claimID, "encounter_id,policy_id,status,frequency,total_charge"},
		{"create", "encounter", w.encounter.ID, "patient_id,policy_id,secondary_policy_id,date_from,date_to,pos,rendering_id,referring_id,referring_qualifier,facility_id,prior_auth,onset_date,onset_qualifier,diagnoses,lines"},
		{"create", "policy", w.secondary.ID, "patient_id,payer_id,priority,member_id,relationship"},
		{"create", "policy", w.primary.ID, "patient_id,payer_id,priority,member_id,group_number,plan_name,relationship,has_subscriber,sub_last,sub_first,sub_dob,sub_sex,sub_line1,sub_city,sub_state,sub_zip,effective_from"},
		{"create", "patient", w.patient.ID, "account,last,first,middle,dob,sex,addr_line1,addr_city,addr_state,addr_zip,phone"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("audit trail:\n%+v\nwant\n%+v", rows, want)
	}

	// The trail never holds a value, only names.
	js, _ := json.Marshal(got)
	for _, v := range []string{"Zzyzxtest", "Renamedfirst", "1961-07-04", "NEWMEMBER1", "XJ1234567", "0142", "12345", "E11.65"} {
		if bytes.Contains(js, []byte(v)) {
			t.Errorf("audit trail holds the value %q", v)
		}
	}
	limited, _ := db.Audit(ctx, 2)
	if len(limited) != 2 || limited[0].ID != got[0].ID {
		t.Errorf("limit 2: %+v", limited)
	}

	// Deleting an encounter audits the encounter and its draft claims.
	must(t, db.SetClaimStatus(ctx, claimID, claimdesk.StatusDraft, ""))
	must(t, db.DeleteEncounter(ctx, w.encounter.ID))
	last, _ := db.Audit(ctx, 2)
	if last[0].Action != "delete" || last[0].Entity != "encounter" || last[1].Action != "delete" || last[1].Entity != "claim" {
		t.Errorf("delete entries: %+v", last)
	}
}

func TestStoreErrorsCarryNoPHI(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	w := newWorld(t, db)
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))

	// A duplicate account, an invalid patient, a bad encounter, a missing
	// patient: log each error the way the app does.
	dup := w.patient
	dup.ID = 0
	log.Error("save failed", "patient", dup, "err", db.SavePatient(ctx, &dup))
	bad := w.patient
	bad.DOB = claimdesk.MustDate("2099-01-01")
	bad.Address.ZIP = "ABCDE"
	log.Error("save failed", "patient", &bad, "err", db.SavePatient(ctx, &bad))
	enc := w.newEncounter(1)
	enc.DateFrom = claimdesk.MustDate("1950-01-01")
	log.Error("save failed", slog.Group("ctx", "encounter", enc), "err", db.SaveEncounter(ctx, &enc))
	_, err := db.Patient(ctx, 424242)
	log.With("patient", w.patient).Error("load failed", "err", err)
	pol := w.primary
	pol.PayerID = 999
	log.Error("save failed", "policy", pol, "err", db.SavePolicy(ctx, &pol))

	out := buf.String()
	for _, v := range []string{"Zzyzxtest", "Quintessa", "Horatio", "1961-07-04", "1959-01-02", "ACC1001", "XJ1234567", "217-555-0199", "Example Way"} {
		if strings.Contains(out, v) {
			t.Errorf("log holds %q:\n%s", v, out)
		}
	}
	if !strings.Contains(out, `"id":`+itoa(w.patient.ID)) {
		t.Errorf("log lacks the patient id:\n%s", out)
	}
	if strings.Count(out, `"err":`) != 5 {
		t.Errorf("expected five logged errors:\n%s", out)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
