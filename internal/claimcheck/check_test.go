package claimcheck

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestCleanClaimsHaveNoFindings(t *testing.T) {
	ref := testRef().Reference()
	for name, c := range map[string]claimdesk.ClaimData{"commercial": cleanClaim(), "medicare": medicareClaim()} {
		if fs := Check(t.Context(), c, ref, today); len(fs) != 0 {
			t.Errorf("%s: want no findings, got:\n%v", name, fs)
		}
	}
}

func date(s string) claimdesk.Date { return claimdesk.MustDate(s) }

func line(code, ptr string, charge claimdesk.Cents, mods ...string) claimdesk.ServiceLine {
	d := date("2026-08-14")
	return claimdesk.ServiceLine{From: d, To: d, Code: code, Pointers: ptr, Units: claimdesk.WholeUnits(1), Charge: charge, Modifiers: mods}
}

// setLines replaces the lines and fixes the total.
func setLines(c *claimdesk.ClaimData, ls ...claimdesk.ServiceLine) {
	c.Encounter.Lines = ls
	c.Claim.TotalCharge = c.Encounter.Total()
}

type ruleCase struct {
	name   string
	base   func() claimdesk.ClaimData
	mutate func(c *claimdesk.ClaimData)
	rule   string
	want   bool // the rule must fire (fail row) or must not (pass row)
}

// TestRules has, for every rule, at least one failing claim and one
// passing claim close to it.
func TestRules(t *testing.T) {
	ref := testRef().Reference()
	sub := &claimdesk.Person{Last: "Testperson", First: "Harold", DOB: date("1980-01-02"), Sex: claimdesk.SexMale,
		Address: claimdesk.Address{Line1: "12 Elm Court", City: "Springfield", State: "IL", ZIP: "62704"}}
	cases := []ruleCase{
		{"payer name missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Payer.Name = "" }, RulePayer, true},
		{"payer address missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Payer.Address = claimdesk.Address{} }, RulePayer, true},
		{"payer name given", cleanClaim, nil, RulePayer, false},
		{"plan type missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Payer.PlanType = "" }, RulePlanType, true},
		{"plan type other", cleanClaim, func(c *claimdesk.ClaimData) { c.Payer.PlanType = claimdesk.PlanOther }, RulePlanType, false},
		{"member id missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.MemberID = " " }, RuleInsuredID, true},
		{"member id too long", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.MemberID = strings.Repeat("9", 30) }, RuleInsuredID, true},
		{"member id given", cleanClaim, nil, RuleInsuredID, false},
		{"medicare HICN", medicareClaim, func(c *claimdesk.ClaimData) { c.Policy.MemberID = "123456789A" }, RuleMBI, true},
		{"medicare MBI with letter S", medicareClaim, func(c *claimdesk.ClaimData) { c.Policy.MemberID = "1SG4TE5MK73" }, RuleMBI, true},
		{"medicare MBI with dashes", medicareClaim, func(c *claimdesk.ClaimData) { c.Policy.MemberID = "1EG4-TE5-MK73" }, RuleMBI, true},
		{"medicare MBI ok", medicareClaim, nil, RuleMBI, false},
		{"commercial id not MBI", cleanClaim, nil, RuleMBI, false},
		{"policy ended", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.EffectiveTo = date("2026-06-30") }, RulePolicyDates, true},
		{"policy not yet started", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.EffectiveFrom = date("2026-09-01") }, RulePolicyDates, true},
		{"policy active", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.EffectiveFrom = date("2026-01-01") }, RulePolicyDates, false},
		{"patient last name", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Last = "" }, RulePatientName, true},
		{"patient first name", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.First = "" }, RulePatientName, true},
		{"patient names", cleanClaim, nil, RulePatientName, false},
		{"dob missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.DOB = claimdesk.Date{} }, RulePatientDOB, true},
		{"dob future", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.DOB = date("2027-01-01") }, RulePatientDOB, true},
		{"dob ok", cleanClaim, nil, RulePatientDOB, false},
		{"sex missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Sex = "" }, RulePatientSex, true},
		{"sex unknown", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Sex = claimdesk.SexUnknown }, RulePatientSex, true},
		{"sex male", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Sex = claimdesk.SexMale }, RulePatientSex, false},
		{"patient zip 4 digits", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Address.ZIP = "6270" }, RulePatientAddress, true},
		{"patient street missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Address.Line1 = "" }, RulePatientAddress, true},
		{"patient zip 9", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Address.ZIP = "62704-1111" }, RulePatientAddress, false},
		{"relationship missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.Relationship = "" }, RuleRelationship, true},
		{"medicare spouse", medicareClaim, func(c *claimdesk.ClaimData) {
			c.Policy.Relationship = claimdesk.RelSpouse
			c.Policy.Subscriber = sub
		}, RuleRelationship, true},
		{"relationship spouse commercial", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Policy.Relationship = claimdesk.RelSpouse
			c.Policy.Subscriber = sub
		}, RuleRelationship, false},
		{"subscriber missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.Relationship = claimdesk.RelChild }, RuleInsuredName, true},
		{"subscriber given", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Policy.Relationship = claimdesk.RelSpouse
			c.Policy.Subscriber = sub
		}, RuleInsuredName, false},
		{"subscriber address missing", cleanClaim, func(c *claimdesk.ClaimData) {
			s := *sub
			s.Address = claimdesk.Address{}
			c.Policy.Relationship, c.Policy.Subscriber = claimdesk.RelSpouse, &s
		}, RuleInsuredAddress, true},
		{"subscriber address", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.Relationship, c.Policy.Subscriber = claimdesk.RelSpouse, sub }, RuleInsuredAddress, false},
		{"subscriber dob missing", cleanClaim, func(c *claimdesk.ClaimData) {
			s := *sub
			s.DOB = claimdesk.Date{}
			c.Policy.Relationship, c.Policy.Subscriber = claimdesk.RelSpouse, &s
		}, RuleInsuredDOB, true},
		{"parent younger than child", cleanClaim, func(c *claimdesk.ClaimData) {
			s := *sub
			s.DOB = date("1990-01-01")
			c.Policy.Relationship, c.Policy.Subscriber = claimdesk.RelChild, &s
		}, RuleInsuredDOB, true},
		{"subscriber dob", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.Relationship, c.Policy.Subscriber = claimdesk.RelSpouse, sub }, RuleInsuredDOB, false},
		{"secondary without primary", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.Priority = claimdesk.Secondary }, RuleOtherInsurance, true},
		{"secondary primary without id", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Policy.Priority = claimdesk.Secondary
			c.OtherPolicy = &claimdesk.Policy{Priority: claimdesk.Primary, Relationship: claimdesk.RelSelf, PlanName: "Acme PPO"}
		}, RuleOtherInsurance, true},
		{"secondary with primary", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Policy.Priority = claimdesk.Secondary
			c.OtherPolicy = &claimdesk.Policy{Priority: claimdesk.Primary, MemberID: "ACM998877", Relationship: claimdesk.RelSelf, PlanName: "Acme PPO"}
		}, RuleOtherInsurance, false},
		{"auto accident no state", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.AutoAccident = true }, RuleAccident, true},
		{"auto accident state", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.AutoAccident, c.Encounter.AccidentState = true, "IL" }, RuleAccident, false},
		{"group number missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Policy.GroupNumber = "" }, RuleInsuredGroup, true},
		{"group number not needed (other)", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Policy.GroupNumber = ""
			c.Payer.PlanType = claimdesk.PlanOther
		}, RuleInsuredGroup, false},
		{"onset without qualifier", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.OnsetDate = date("2026-08-10") }, RuleDateQualifier, true},
		{"onset with qualifier", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.OnsetDate, c.Encounter.OnsetQualifier = date("2026-08-10"), "431"
		}, RuleDateQualifier, false},
		{"lab without ordering provider (medicare)", medicareClaim, func(c *claimdesk.ClaimData) { c.Referring = nil }, RuleReferringRequired, true},
		{"office visit needs no referring", medicareClaim, func(c *claimdesk.ClaimData) {
			c.Referring = nil
			setLines(c, line("99213", "AB", 150_00))
		}, RuleReferringRequired, false},
		{"referring qualifier bad", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.ReferringQualifier = "XX" }, RuleReferringQualifier, true},
		{"referring qualifier empty on a lab order", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.ReferringQualifier = "" }, RuleReferringQualifier, true},
		{"medicare relationship blank", medicareClaim, func(c *claimdesk.ClaimData) { c.Policy.Relationship = "" }, RuleRelationship, false},
		{"referring qualifier DN", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.ReferringQualifier = "DN" }, RuleReferringQualifier, false},
		{"referring name missing", cleanClaim, func(c *claimdesk.ClaimData) {
			r := *c.Referring
			r.First = ""
			c.Referring = &r
		}, RuleReferringName, true},
		{"referring name", cleanClaim, nil, RuleReferringName, false},
		{"referring NPI check digit", cleanClaim, func(c *claimdesk.ClaimData) {
			r := *c.Referring
			r.NPI = "1987654320"
			c.Referring = &r
		}, RuleReferringNPI, true},
		{"referring NPI", cleanClaim, nil, RuleReferringNPI, false},
		{"no diagnoses", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = nil }, RuleDxRequired, true},
		{"diagnoses", cleanClaim, nil, RuleDxRequired, false},
		{"13 diagnoses", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"J02.9", "R50.9", "I10", "E11.9", "N18.30", "Z00.00", "J02.0", "E11.65", "E11.22", "E11.42", "T78.40XA", "W19.XXXA", "S93.401A"}
		}, RuleDxCount, true},
		{"12 diagnoses", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"J02.9", "R50.9", "I10", "E11.9", "N18.30", "Z00.00", "J02.0", "E11.65", "E11.22", "E11.42", "T78.40XA", "S93.401A"}
		}, RuleDxCount, false},
		{"no ICD loaded", cleanClaim, nil, RuleICDNotLoaded, false},
		{"DOS in FY2027", cleanClaim, func(c *claimdesk.ClaimData) {
			d := date("2026-11-02")
			c.Encounter.DateFrom, c.Encounter.DateTo = d, d
			for i := range c.Encounter.Lines {
				c.Encounter.Lines[i].From, c.Encounter.Lines[i].To = d, d
			}
		}, RuleICDRelease, true},
		{"DOS in FY2026", cleanClaim, nil, RuleICDRelease, false},
		{"ICD-9 code", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "462" }, RuleDxFormat, true},
		{"ICD-9 E code", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[1] = "E849.0" }, RuleDxFormat, true},
		{"bad characters", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "J02-9" }, RuleDxFormat, true},
		{"code without dot", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "j029" }, RuleDxFormat, false},
		{"unknown code", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "J02.8" }, RuleDxUnknown, true},
		{"known code", cleanClaim, nil, RuleDxUnknown, false},
		{"category header", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "E11" }, RuleDxHeader, true},
		{"subcategory header", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "J02" }, RuleDxHeader, true},
		{"billable code", cleanClaim, nil, RuleDxHeader, false},
		{"injury without 7th char", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "S93.401" }, RuleDx7thChar, true},
		{"injury header S93.40 is a header", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "S93.40" }, RuleDxHeader, true},
		{"placeholder X missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "T78.40A" }, RuleDx7thChar, true},
		{"invalid 7th character", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "S93.401B" }, RuleDx7thChar, true},
		{"injury with 7th char", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[0] = "S93.401A" }, RuleDx7thChar, false},
		{"duplicate dx", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[1] = "J029" }, RuleDxDuplicate, true},
		{"distinct dx", cleanClaim, nil, RuleDxDuplicate, false},
		{"external cause first", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"W19.XXXA", "S93.401A"} }, RuleDxFirstListed, true},
		{"manifestation first", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"G63", "R50.9"} }, RuleDxCodeFirst, true},
		{"external cause second", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"S93.401A", "W19.XXXA"} }, RuleDxFirstListed, false},
		{"code-first target after", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"N18.30", "E11.22"} }, RuleDxCodeFirst, true},
		{"code-first conditional alone", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"N18.30", "I10"} }, RuleDxCodeFirst, false},
		{"code-first in order", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.22", "N18.30"} }, RuleDxCodeFirst, false},
		{"manifestation second", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.42", "G63"} }, RuleDxCodeFirst, false},
		{"excludes1 E11/E10", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.9", "E10.9"} }, RuleDxExcludes1, true},
		{"excludes1 inherited from chapter", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.9", "P70.2"} }, RuleDxExcludes1, true},
		{"excludes1 range with qualifier (E08-E13 with .42)", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.42", "G63"} }, RuleDxExcludes1, true},
		{"excludes1 'with .42' spares E11.9", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"E11.9", "G63"} }, RuleDxExcludes1, false},
		{"excludes2 not flagged", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"J02.9", "E11.9", "I10"} }, RuleDxExcludes1, false},
		{"general exam listed second", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"I10", "Z00.00"} }, RuleDxFirstOnly, true},
		{"general exam listed first", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"Z00.00", "I10"} }, RuleDxFirstOnly, false},
		{"male code on female", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses[1] = "N40.0" }, RuleDxSex, true},
		{"male code on male", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses[1] = "N40.0"
			c.Patient.Sex = claimdesk.SexMale
		}, RuleDxSex, false},
		{"pregnancy code on male", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"Z34.00"}
			c.Patient.Sex = claimdesk.SexMale
		}, RuleDxMaternity, true},
		{"pregnancy code age 60", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"Z34.00"}
			c.Patient.DOB = date("1966-01-01")
		}, RuleDxMaternity, true},
		{"pregnancy code age 42 female", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"Z34.00"} }, RuleDxMaternity, false},
		{"newborn code adult", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Diagnoses = []string{"P59.9"} }, RuleDxPerinatal, true},
		{"newborn code 10 days", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"P59.9"}
			c.Patient.DOB = date("2026-08-04")
		}, RuleDxPerinatal, false},
		{"replacement without ref", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.Frequency = "7" }, RuleFrequency, true},
		{"frequency 6", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.Frequency, c.Claim.OriginalRef = "6", "X1" }, RuleFrequency, true},
		{"void with ref", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.Frequency, c.Claim.OriginalRef = "8", "22612345678900" }, RuleFrequency, false},
		{"no lines", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c) }, RuleLineRequired, true},
		{"lines", cleanClaim, nil, RuleLineRequired, false},
		{"line to before from", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].To = date("2026-08-13") }, RuleLineDates, true},
		{"line in future", cleanClaim, func(c *claimdesk.ClaimData) {
			d := date("2026-12-01")
			c.Encounter.Lines[0].From, c.Encounter.Lines[0].To, c.Encounter.DateTo = d, d, d
		}, RuleLineDates, true},
		{"line outside encounter", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Lines[1].From, c.Encounter.Lines[1].To = date("2026-08-15"), date("2026-08-15")
		}, RuleLineDates, true},
		{"line before birth", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.DOB = date("2026-08-20") }, RuleLineDates, true},
		{"line dates ok", cleanClaim, nil, RuleLineDates, false},
		{"medicare past 12 months", medicareClaim, func(c *claimdesk.ClaimData) {
			d := date("2025-10-20")
			c.Encounter.DateFrom, c.Encounter.DateTo = d, d
			for i := range c.Encounter.Lines {
				c.Encounter.Lines[i].From, c.Encounter.Lines[i].To = d, d
			}
		}, RuleTimelyFiling, true},
		{"commercial near 180 days", cleanClaim, func(c *claimdesk.ClaimData) {
			d := date("2026-06-01")
			c.Encounter.DateFrom, c.Encounter.DateTo = d, d
			for i := range c.Encounter.Lines {
				c.Encounter.Lines[i].From, c.Encounter.Lines[i].To = d, d
			}
		}, RuleTimelyFiling, true},
		{"timely", medicareClaim, nil, RuleTimelyFiling, false},
		{"POS unknown", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.POS = "30" }, RuleLinePOS, true},
		{"POS missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.POS = "" }, RuleLinePOS, true},
		{"line POS overrides", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].POS = "02" }, RuleLinePOS, false},
		{"hospital outpatient without facility", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.POS = "22" }, RuleFacilityMissing, true},
		{"office needs no facility", cleanClaim, nil, RuleFacilityMissing, false},
		{"unknown CPT", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Code = "99999" }, RuleProcUnknown, true},
		{"unknown HCPCS", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Code = "J9998" }, RuleProcUnknown, true},
		{"not a code", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Code = "9921" }, RuleProcUnknown, true},
		{"known codes", cleanClaim, nil, RuleProcUnknown, false},
		{"terminated HCPCS", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c, line("G9999", "A", 10_00)) }, RuleProcDates, true},
		{"HCPCS not yet added", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c, line("G0998", "A", 10_00)) }, RuleProcDates, true},
		{"HCPCS valid", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c, line("J0696", "A", 30_00)) }, RuleProcDates, false},
		{"five modifiers", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[1].Modifiers = []string{"QW", "59", "76", "91", "XU"} }, RuleModifierFormat, true},
		{"modifier 3 chars", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[1].Modifiers = []string{"QW1"} }, RuleModifierFormat, true},
		{"modifier twice", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[1].Modifiers = []string{"QW", "qw"} }, RuleModifierFormat, true},
		{"modifiers ok", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[1].Modifiers = []string{"QW", "91"} }, RuleModifierFormat, false},
		{"unknown modifier", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[1].Modifiers = []string{"Q9"} }, RuleModifierUnknown, true},
		{"CPT modifier 95", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Modifiers = []string{"95"} }, RuleModifierUnknown, false},
		{"E/M with procedure no 25", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("99213", "A", 150_00), line("11102", "A", 140_00))
		}, RuleEMModifier25, true},
		{"E/M with preventive no 25", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("99396", "A", 240_00), line("99213", "A", 150_00))
		}, RuleEMModifier25, true},
		{"E/M with procedure and 25", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("99213", "A", 150_00, "25"), line("11102", "A", 140_00))
		}, RuleEMModifier25, false},
		{"E/M with lab only", cleanClaim, nil, RuleEMModifier25, false},
		{"two visits same day", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("99213", "A", 150_00), line("99214", "A", 210_00))
		}, RuleEMSameDay, true},
		{"visit and preventive visit", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("99396", "A", 240_00), line("99213", "A", 150_00, "25"))
		}, RuleEMSameDay, false},
		{"medicare consult", medicareClaim, func(c *claimdesk.ClaimData) { setLines(c, line("99244", "A", 260_00)) }, RuleMedicareConsult, true},
		{"commercial consult", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c, line("99244", "A", 260_00)) }, RuleMedicareConsult, false},
		{"duplicate line", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("96372", "A", 40_00), line("96372", "A", 40_00))
		}, RuleLineDuplicate, true},
		{"repeat with 76", cleanClaim, func(c *claimdesk.ClaimData) {
			setLines(c, line("96372", "A", 40_00), line("96372", "A", 40_00, "76"))
		}, RuleLineDuplicate, false},
		{"no pointers", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Pointers = "" }, RuleLinePointers, true},
		{"pointer to missing dx", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Pointers = "AC" }, RuleLinePointers, true},
		{"five pointers", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Pointers = "ABABA" }, RuleLinePointers, true},
		{"pointer digit", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Pointers = "1" }, RuleLinePointers, true},
		{"pointer repeated", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Pointers = "AA" }, RuleLinePointers, true},
		{"first pointer to external cause", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"S93.401A", "W19.XXXA"}
			c.Encounter.Lines[0].Pointers = "BA"
		}, RuleLinePointers, true},
		{"external cause pointed second", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Diagnoses = []string{"S93.401A", "W19.XXXA"}
			c.Encounter.Lines[0].Pointers = "AB"
		}, RuleLinePointers, false},
		{"pointers ok", cleanClaim, nil, RuleLinePointers, false},
		{"3-day span with 1 unit", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.DateFrom, c.Encounter.DateTo = date("2026-08-12"), date("2026-08-14")
			c.Encounter.Lines[1].From = date("2026-08-12")
		}, RuleLineSpan, true},
		{"3-day span with 3 units", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.DateFrom, c.Encounter.DateTo = date("2026-08-12"), date("2026-08-14")
			c.Encounter.Lines[1].From, c.Encounter.Lines[1].Units = date("2026-08-12"), claimdesk.WholeUnits(3)
		}, RuleLineSpan, false},
		{"zero charge", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Charge = 0 }, RuleLineCharge, true},
		{"charge", cleanClaim, nil, RuleLineCharge, false},
		{"charge off fee schedule", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Charge = 140_00; c.Claim.TotalCharge = 175_00 }, RuleLineFee, true},
		{"drug units times fee wrong", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.Units = claimdesk.WholeUnits(4)
			setLines(c, l)
		}, RuleLineFee, true},
		{"charge overridden", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Encounter.Lines[0].Charge, c.Encounter.Lines[0].ChargeOverridden, c.Claim.TotalCharge = 140_00, true, 175_00
		}, RuleLineFee, false},
		{"zero units", cleanClaim, func(c *claimdesk.ClaimData) { c.Encounter.Lines[0].Units = 0 }, RuleLineUnits, true},
		{"units", cleanClaim, nil, RuleLineUnits, false},
		{"NDC 10 digits", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.NDC, l.NDCUnit, l.NDCQty = "0409-7332-01", "UN", claimdesk.WholeUnits(1)
			setLines(c, l)
		}, RuleNDC, true},
		{"NDC with N4 typed in", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.NDC, l.NDCUnit, l.NDCQty = "N400409733201", "UN", claimdesk.WholeUnits(1)
			setLines(c, l)
		}, RuleNDC, true},
		{"NDC without unit", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.NDC, l.NDCQty = "00409733201", claimdesk.WholeUnits(1)
			setLines(c, l)
		}, RuleNDC, true},
		{"NDC without quantity", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.NDC, l.NDCUnit = "00409-7332-01", "UN"
			setLines(c, l)
		}, RuleNDC, true},
		{"NDC ok", cleanClaim, func(c *claimdesk.ClaimData) {
			l := line("J0696", "A", 30_00)
			l.NDC, l.NDCUnit, l.NDCQty = "00409-7332-01", "UN", claimdesk.WholeUnits(1)
			setLines(c, l)
		}, RuleNDC, false},
		{"medicaid J-code without NDC", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Payer.PlanType = claimdesk.PlanMedicaid
			setLines(c, line("J0696", "A", 30_00))
		}, RuleNDCMissing, true},
		{"commercial J-code without NDC", cleanClaim, func(c *claimdesk.ClaimData) { setLines(c, line("J0696", "A", 30_00)) }, RuleNDCMissing, false},
		{"rendering NPI bad", cleanClaim, func(c *claimdesk.ClaimData) {
			r := *c.Rendering
			r.NPI = "1987654321"
			c.Rendering = &r
		}, RuleRendering, true},
		{"rendering NPI 9 digits", cleanClaim, func(c *claimdesk.ClaimData) {
			r := *c.Rendering
			r.NPI = "198765432"
			c.Rendering = &r
		}, RuleRendering, true},
		{"rendering same as billing", cleanClaim, func(c *claimdesk.ClaimData) {
			r := *c.Rendering
			r.NPI = c.Practice.NPI
			c.Rendering = &r
		}, RuleRendering, false},
		{"EIN prefix never issued", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.TaxID = "07-1234567" }, RuleTaxID, true},
		{"EIN 8 digits", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.TaxID = "3712345" }, RuleTaxID, true},
		{"SSN bad area", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.TaxID, c.Practice.TaxIDType = "666-12-3456", claimdesk.TaxSSN }, RuleTaxID, true},
		{"SSN ok", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.TaxID, c.Practice.TaxIDType = "123-45-6789", claimdesk.TaxSSN }, RuleTaxID, false},
		{"account missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Patient.Account = "" }, RulePatientAccount, true},
		{"account", cleanClaim, nil, RulePatientAccount, false},
		{"total off", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.TotalCharge = 150_00 }, RuleClaimTotal, true},
		{"total", cleanClaim, nil, RuleClaimTotal, false},
		{"total not filled in is a warning", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.TotalCharge = 0 }, RuleClaimTotal, true},
		{"paid negative", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.AmountPaid = -1 }, RuleAmountPaid, true},
		{"paid above total", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.AmountPaid = 200_00 }, RuleAmountPaid, true},
		{"copay paid", cleanClaim, func(c *claimdesk.ClaimData) { c.Claim.AmountPaid = 20_00 }, RuleAmountPaid, false},
		{"facility without address", cleanClaim, func(c *claimdesk.ClaimData) { c.Facility = &claimdesk.Facility{Name: "Springfield Surgery Center"} }, RuleFacility, true},
		{"facility complete", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Facility = &claimdesk.Facility{Name: "Springfield Surgery Center", Address: claimdesk.Address{Line1: "5 Lake Road", City: "Springfield", State: "IL", ZIP: "62702"}}
		}, RuleFacility, false},
		{"facility NPI bad", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Facility = &claimdesk.Facility{Name: "Springfield Surgery Center", NPI: "1234567890", Address: claimdesk.Address{Line1: "5 Lake Road", City: "Springfield", State: "IL", ZIP: "62702"}}
		}, RuleFacilityNPI, true},
		{"facility NPI ok", cleanClaim, func(c *claimdesk.ClaimData) {
			c.Facility = &claimdesk.Facility{Name: "Springfield Surgery Center", NPI: npi("176543210"), Address: claimdesk.Address{Line1: "5 Lake Road", City: "Springfield", State: "IL", ZIP: "62702"}}
		}, RuleFacilityNPI, false},
		{"billing name missing", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.Name = "" }, RuleBillingProvider, true},
		{"billing provider", cleanClaim, nil, RuleBillingProvider, false},
		{"billing ZIP 5 digits", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.Address.ZIP = "62701" }, RuleBillingZIP, true},
		{"billing ZIP+4 with hyphen", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.Address.ZIP = "62701-1234" }, RuleBillingZIP, false},
		{"billing PO box", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.Address.Line1 = "P.O. Box 77" }, RuleBillingPOBox, true},
		{"billing street", cleanClaim, nil, RuleBillingPOBox, false},
		{"billing NPI check digit", cleanClaim, func(c *claimdesk.ClaimData) { c.Practice.NPI = "1234567890" }, RuleBillingNPI, true},
		{"billing NPI", cleanClaim, nil, RuleBillingNPI, false},
	}
	covered := map[string][2]bool{}
	for _, tc := range cases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			c := tc.base()
			if tc.mutate != nil {
				tc.mutate(&c)
			}
			fs := Check(t.Context(), c, ref, today)
			if got := hasRule(fs, tc.rule); got != tc.want {
				t.Errorf("rule %s fired = %v, want %v; findings:\n%v", tc.rule, got, tc.want, fs)
			}
			checkFindingShape(t, fs)
		})
		k := covered[tc.rule]
		if tc.want {
			k[0] = true
		} else {
			k[1] = true
		}
		covered[tc.rule] = k
	}
	for _, r := range Rules {
		if r.ID == RuleICDNotLoaded || r.ID == RuleProcNotLoaded {
			continue // TestNoReference
		}
		if k := covered[r.ID]; !k[0] || !k[1] {
			t.Errorf("rule %s lacks a failing (%v) or passing (%v) test row", r.ID, k[0], k[1])
		}
	}
}

func TestTotalNotFilledInIsAWarning(t *testing.T) {
	c := cleanClaim()
	c.Claim.TotalCharge = 0
	fs := Check(t.Context(), c, testRef().Reference(), today)
	if fs.HasErrors() || !hasRule(fs, RuleClaimTotal) {
		t.Errorf("want a claim-total warning only: %v", fs)
	}
}

func TestNoReference(t *testing.T) {
	fs := Check(t.Context(), cleanClaim(), Reference{}, today)
	if !hasRule(fs, RuleICDNotLoaded) || !hasRule(fs, RuleProcNotLoaded) {
		t.Errorf("want not-loaded warnings, got %v", fs)
	}
	if claimdesk.Findings(fs).HasErrors() {
		t.Errorf("a clean claim without reference data has errors: %v", fs)
	}
	fs = Check(t.Context(), cleanClaim(), testRef().Reference(), today)
	if hasRule(fs, RuleICDNotLoaded) || hasRule(fs, RuleProcNotLoaded) {
		t.Errorf("reference loaded, yet: %v", fs)
	}
}

var pathRE = regexp.MustCompile(`^(claim|practice|rendering|referring|facility|payer|patient|policy|other_policy|other_payer|encounter)(\.[a-z_0-9]+(\[\d+\])?)*$`)

// checkFindingShape: every finding names a known rule, a box, a field path
// rooted in the claim JSON and a message naming the box.
func checkFindingShape(t *testing.T, fs claimdesk.Findings) {
	t.Helper()
	known := map[string]Rule{}
	for _, r := range Rules {
		known[r.ID] = r
	}
	for _, f := range fs {
		if _, ok := known[f.Rule]; !ok {
			t.Errorf("finding with unknown rule %q", f.Rule)
		}
		if f.Severity != claimdesk.SeverityError && f.Severity != claimdesk.SeverityWarning {
			t.Errorf("%s: bad severity %q", f.Rule, f.Severity)
		}
		if f.Box == "" || !pathRE.MatchString(f.Field) {
			t.Errorf("%s: box %q field %q", f.Rule, f.Box, f.Field)
		}
		if !strings.Contains(f.Message, "Box") && !strings.Contains(f.Message, "Carrier block") {
			t.Errorf("%s: message does not name the box: %s", f.Rule, f.Message)
		}
	}
}

func TestMessagesQuoteNotesAndCompletions(t *testing.T) {
	ref := testRef().Reference()
	c := cleanClaim()
	c.Encounter.Diagnoses = []string{"E11", "S93.401", "E11.9", "E10.9"}
	fs := Check(t.Context(), c, ref, today)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"E11.9 Type 2 diabetes mellitus without complications", // header names completions
		"S93.401A", "initial encounter", // 7th character choices
		"type 1 diabetes mellitus (E10.-)", // Excludes1 quoted
	} {
		if !strings.Contains(all, want) {
			t.Errorf("messages lack %q:\n%s", want, all)
		}
	}
}

func TestCheckMBI(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{"1EG4TE5MK73", true},  // CMS example
		{"1eg4te5mk73", true},  // lower case prints upper
		{"9AA0AA0AA00", true},  // all edges
		{"0EG4TE5MK73", false}, // position 1 is 1–9
		{"1EG4TE5MK7", false},  // 10 characters
		{"1EG4TE5MK733", false},
		{"1OG4TE5MK73", false}, // O excluded
		{"1EGATE5MK73", false}, // position 4 digit
		{"1EG4TE5M173", false}, // position 9 letter
		{"1EG4-TE5-MK73", false},
		{"123456789A", false}, // HICN
	} {
		if got := CheckMBI(tc.id) == ""; got != tc.ok {
			t.Errorf("CheckMBI(%q) ok = %v, want %v (%s)", tc.id, got, tc.ok, CheckMBI(tc.id))
		}
	}
}

func TestNDC11(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"00409733201", "00409733201"},
		{"00409-7332-01", "00409733201"},
		{"0409-7332-01", "00409733201"}, // 4-4-2
		{"12345-678-90", "12345067890"}, // 5-3-2
		{"12345-6789-1", "12345678901"}, // 5-4-1
		{"0409733201", ""},              // 10 digits without hyphens: ambiguous
		{"12-34", ""},
	} {
		got, ok := NDC11(tc.in)
		if tc.want == "" {
			if ok {
				t.Errorf("NDC11(%q) = %q, want failure", tc.in, got)
			}
			continue
		}
		if !ok || got != tc.want {
			t.Errorf("NDC11(%q) = %q %v, want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseRefs(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []codeRef
	}{
		{"type 1 diabetes mellitus (E10.-)", []codeRef{{lo: "E10"}}},
		{"transitory disorders (P70-P74)", []codeRef{{lo: "P70", hi: "P74"}}},
		{"gestational (O24.4-, O99.81-)", []codeRef{{lo: "O244"}, {lo: "O9981"}}},
		{"diabetic CKD (E08.22, E11.22)", []codeRef{{lo: "E0822"}, {lo: "E1122"}}},
		{"pregnancy (O00-O9A)", []codeRef{{lo: "O00", hi: "O9A"}}},
		{"vitamin B12 deficiency anemia (D51.-)", []codeRef{{lo: "D51"}}},
		{"no codes here", nil},
		{"polyneuropathy in diabetes (E08-E13 with .42)", []codeRef{{lo: "E08", hi: "E13", suffixes: []codeRef{{lo: "42"}}}}},
		{"x (E08-E13 with .51-.52)", []codeRef{{lo: "E08", hi: "E13", suffixes: []codeRef{{lo: "51", hi: "52"}}}}},
		{"adverse effect (T36-T50 with fifth or sixth character 5)", []codeRef{{lo: "T36", hi: "T50", at: []int{4, 5}, chars: "5"}}},
		{"poisoning (T36-T65 with fifth or sixth character 1-4 or 6)", []codeRef{{lo: "T36", hi: "T65", at: []int{4, 5}, chars: "12346"}}},
		{"pedestrian (V01-V09 with 5th character 9)", []codeRef{{lo: "V01", hi: "V09", at: []int{4}, chars: "9"}}},
		{"sequelae (I69. with final characters -23)", []codeRef{{lo: "I69", final: "23"}}},
		{"x (F10-F19, with .17, .27, .97)", []codeRef{{lo: "F10", hi: "F19", suffixes: []codeRef{{lo: "17"}, {lo: "27"}, {lo: "97"}}}}},
	} {
		got := parseRefs(tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseRefs(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	adverse := codeRef{lo: "T36", hi: "T50", at: []int{4, 5}, chars: "5"}
	if !refMatch(adverse, "T383X5A") || refMatch(adverse, "T383X1A") || !refMatch(adverse, "T4275XA") {
		t.Error("T36-T50 with fifth or sixth character 5")
	}
	if !refMatch(codeRef{lo: "O00", hi: "O9A"}, "O9A211") || !refMatch(codeRef{lo: "O00", hi: "O9A"}, "O99891") || refMatch(codeRef{lo: "O00", hi: "O9A"}, "P000") {
		t.Error("range O00-O9A")
	}
}

func TestMandatoryCodeFirst(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"underlying disease, such as: amyloidosis (E85.-)", true},
		{"the underlying physiological condition, such as: Alzheimer's (G30.-)", true},
		{"(T51-T65) to identify cause", true},
		{"underlying disease, if known, such as:", false},
		{"any associated: diabetic chronic kidney disease (E11.22)", false},
		{"poisoning due to drug or toxin, if applicable (T36-T65 with fifth or sixth character 1-4 or 6)", false},
		{"postprocedural sepsis (T81.4-) sepsis during labor (O75.3)", false},
		{"coronary atherosclerosis (I25.1-, I25.7-, I25.81-)", false},
	} {
		if got := mandatoryCodeFirst(tc.text); got != tc.want {
			t.Errorf("mandatoryCodeFirst(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestExcludes1WithinItsOwnBlock(t *testing.T) {
	m := NewMemReference()
	tab := m.AddICD(fy2026, []claimdesk.CodeEntry{icd("M26.4", "Malocclusion, unspecified", true), icd("M27.8", "Other specified diseases of jaws", true)})
	tab.AddNotes("ICD-10-CM FY2021", map[string][]claimdesk.Note{
		"M26-M27": {{Kind: claimdesk.NoteExcludes1, Text: "unilateral condylar hyperplasia or hypoplasia (M27.8)"}},
	}, []claimdesk.CodeGroup{{Node: "M26-M27", Categories: []string{"M26", "M27"}}})
	c := cleanClaim()
	c.Encounter.Diagnoses = []string{"M26.4", "M27.8"}
	if fs := Check(t.Context(), c, m.Reference(), today); hasRule(fs, RuleDxExcludes1) {
		t.Errorf("a block's note excluding a code of the same block paired them: %v", fs)
	}
}

func TestFindingsErr(t *testing.T) {
	c := cleanClaim()
	c.Practice.NPI = "1234567890"
	fs := Check(t.Context(), c, testRef().Reference(), today)
	err := fs.Err()
	if err == nil || claimdesk.ErrorCode(err) != claimdesk.EInvalid || !strings.Contains(err.Error(), "Box 33a") {
		t.Fatalf("Err() = %v", err)
	}
	if Check(t.Context(), cleanClaim(), testRef().Reference(), today).Err() != nil {
		t.Error("clean claim: Err() != nil")
	}
}

func TestCPTWithoutCPTSource(t *testing.T) {
	m := NewMemReference()
	m.AddProcedureCodes(claimdesk.Release{System: claimdesk.SystemHCPCS, Name: "HCPCS"}, []claimdesk.CodeEntry{hcpcs("J0696", "Ceftriaxone", "", "")})
	c := cleanClaim()
	fs := Check(t.Context(), c, m.Reference(), today)
	if hasRule(fs, RuleProcUnknown) || !hasRule(fs, RuleProcNotLoaded) {
		t.Errorf("no CPT source: want one proc-not-loaded warning, got %v", fs)
	}
	m.AddProcedure(claimdesk.Procedure{Code: "99213", Short: "Office visit"})
	fs = Check(t.Context(), c, m.Reference(), today)
	if !hasRule(fs, RuleProcUnknown) { // 87880 is not in the list
		t.Errorf("with a procedure list, an unlisted CPT code is an error: %v", fs)
	}
}
