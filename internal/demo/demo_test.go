package demo

import (
	"reflect"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestGenerateIsDeterministicAndValid(t *testing.T) {
	today := claimdesk.MustDate("2026-11-23")
	a := Generate(7, today)
	b := Generate(7, today)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different data")
	}
	if c := Generate(8, today); reflect.DeepEqual(a.Patients, c.Patients) {
		t.Fatal("different seeds gave the same patients")
	}
	if len(a.Patients) != NumPatients || len(a.Encounters) != NumEncounters || len(a.Payers) != 5 {
		t.Fatalf("sizes: %d patients, %d encounters, %d payers", len(a.Patients), len(a.Encounters), len(a.Payers))
	}
	if fe := a.Practice.Validate(); len(fe) != 0 {
		t.Errorf("practice: %v", fe)
	}
	for i, p := range a.Providers {
		if fe := p.Validate(); len(fe) != 0 {
			t.Errorf("provider %d: %v", i, fe)
		}
	}
	for i, p := range a.Payers {
		if fe := p.Validate(); len(fe) != 0 {
			t.Errorf("payer %d: %v", i, fe)
		}
	}
	secondary, notSelf := 0, 0
	for i, p := range a.Patients {
		if fe := p.Patient.Validate(today); len(fe) != 0 {
			t.Errorf("patient %d: %v", i, fe)
		}
		for _, pol := range p.Policies {
			pol.PatientID = 1
			if fe := pol.Validate(today); len(fe) != 0 {
				t.Errorf("patient %d policy: %v", i, fe)
			}
			if pol.Priority == claimdesk.Secondary {
				secondary++
			}
			if pol.Relationship != claimdesk.RelSelf {
				notSelf++
			}
		}
	}
	if secondary == 0 || notSelf == 0 {
		t.Errorf("want some secondary policies (%d) and some subscribers other than self (%d)", secondary, notSelf)
	}
	statuses := map[claimdesk.ClaimStatus]int{}
	for i, ed := range a.Encounters {
		e := ed.Encounter
		e.PatientID = 1
		if fe := e.Validate(today, a.Patients[ed.Patient].Patient.DOB); len(fe) != 0 {
			t.Errorf("encounter %d: %v", i, fe)
		}
		if today.DaysUntil(e.DateFrom) < -DaysBack || e.DateFrom.After(today) {
			t.Errorf("encounter %d date %s outside the last %d days", i, e.DateFrom, DaysBack)
		}
		statuses[ed.Status]++
	}
	for _, s := range []claimdesk.ClaimStatus{claimdesk.StatusDraft, claimdesk.StatusReady, claimdesk.StatusSubmitted, claimdesk.StatusPaid, claimdesk.StatusPartial, claimdesk.StatusDenied, claimdesk.StatusRejected} {
		if statuses[s] == 0 {
			t.Errorf("no claim in status %s: %v", s, statuses)
		}
	}
}
