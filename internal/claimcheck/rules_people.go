package claimcheck

import (
	"strings"

	"claimdesk/internal/claimdesk"
)

// Required data and identifiers of the upper part of the form (boxes 1–13)
// and of the providers (17, 24J, 25, 32, 33), from the NUCC instructions and
// Medicare's (cms1500.md §3).

func (r *run) checkPayer() {
	p := r.c.Payer
	if blank(p.Name) {
		r.add(RulePayer, sevE, "carrier", "payer.name", "Carrier block: the payer's name is missing; choose the payer the claim is sent to.")
	} else if blank(p.Address.Line1) || blank(p.Address.City) || claimdesk.CheckState(p.Address.State) != "" {
		r.add(RulePayer, sevW, "carrier", "payer.address", "Carrier block: the payer's claims mailing address is incomplete; a paper claim needs it printed at the top right.")
	}
	if !p.PlanType.Valid() {
		r.add(RulePlanType, sevE, "1", "payer.plan_type", "Box 1: the type of insurance is missing or unknown; set the payer's plan type (Medicare, Medicaid, TRICARE, CHAMPVA, group health plan, FECA black lung or other).")
	}
}

// checkAddress checks a postal address; zip9 demands a 9-digit ZIP (box 33).
func (r *run) checkAddress(rule, box, path, who string, a claimdesk.Address, zip9 bool) {
	if blank(a.Line1) {
		r.add(rule, sevE, box, path+".line1", "Box %s: %s street address is missing.", box, who)
	}
	if blank(a.City) {
		r.add(rule, sevE, box, path+".city", "Box %s: %s city is missing.", box, who)
	}
	if msg := claimdesk.CheckState(a.State); msg != "" {
		r.add(rule, sevE, box, path+".state", "Box %s: %s %s.", box, who, msg)
	}
	if zip9 {
		return
	}
	if msg := claimdesk.CheckZIP(a.ZIP); msg != "" {
		r.add(rule, sevE, box, path+".zip", "Box %s: %s %s.", box, who, msg)
	}
}

func (r *run) checkPatient() {
	pt := r.c.Patient
	if blank(pt.Last) {
		r.add(RulePatientName, sevE, "2", "patient.last", "Box 2: the patient's last name is missing.")
	}
	if blank(pt.First) {
		r.add(RulePatientName, sevE, "2", "patient.first", "Box 2: the patient's first name is missing.")
	}
	switch {
	case pt.DOB.IsZero():
		r.add(RulePatientDOB, sevE, "3", "patient.dob", "Box 3: the patient's birth date is missing.")
	case pt.DOB.After(r.today):
		r.add(RulePatientDOB, sevE, "3", "patient.dob", "Box 3: the patient's birth date is in the future.")
	case pt.DOB.Year() < 1880:
		r.add(RulePatientDOB, sevE, "3", "patient.dob", "Box 3: the patient's birth date is too far in the past (mistyped year?).")
	}
	switch pt.Sex {
	case claimdesk.SexMale, claimdesk.SexFemale:
	case claimdesk.SexUnknown:
		r.add(RulePatientSex, sevW, "3", "patient.sex", "Box 3: the patient's sex is unknown, so box 3's M/F is left blank; many payers (Medicare among them) reject a claim without it.")
	case "":
		r.add(RulePatientSex, sevE, "3", "patient.sex", "Box 3: the patient's sex is missing (M or F).")
	default:
		r.add(RulePatientSex, sevE, "3", "patient.sex", "Box 3: the patient's sex must be M, F or U (unknown).")
	}
	r.checkAddress(RulePatientAddress, "5", "patient.address", "the patient's", pt.Address, false)
	if blank(pt.Account) {
		r.add(RulePatientAccount, sevW, "26", "patient.account", "Box 26: the patient's account number is missing; payers return it on the remittance, which makes posting payments much easier.")
	}
}

func (r *run) checkInsured() {
	pol := r.c.Policy
	id := strings.TrimSpace(pol.MemberID)
	switch {
	case r.medicare():
		if msg := CheckMBI(id); msg != "" {
			r.add(RuleMBI, sevE, "1a", "policy.member_id", "Box 1a: %s.", msg)
		}
	case id == "":
		r.add(RuleInsuredID, sevE, "1a", "policy.member_id", "Box 1a: the insured's ID number (member ID from the card) is missing.")
	case len(id) > 29:
		r.add(RuleInsuredID, sevE, "1a", "policy.member_id", "Box 1a: the insured's ID number is longer than the 29 characters the box holds.")
	}
	if !pol.ActiveOn(r.dos) && !r.dos.IsZero() {
		if !pol.EffectiveFrom.IsZero() && r.dos.Before(pol.EffectiveFrom) {
			r.add(RulePolicyDates, sevE, "1a", "policy.effective_from", "Box 1a: the policy's coverage starts after the date of service; bill the policy that was in effect then, or correct the coverage start date.")
		} else {
			r.add(RulePolicyDates, sevE, "1a", "policy.effective_to", "Box 1a: the policy's coverage ended before the date of service; bill the policy that was in effect then, or correct the coverage end date.")
		}
	}
	switch pol.Relationship {
	case claimdesk.RelSelf, claimdesk.RelSpouse, claimdesk.RelChild, claimdesk.RelOther:
	case "":
		if r.medicare() {
			// Medicare leaves box 6 blank: the beneficiary is the insured.
			return
		}
		r.add(RuleRelationship, sevE, "6", "policy.relationship", "Box 6: the patient's relationship to the insured is missing (self, spouse, child or other).")
		return
	default:
		r.add(RuleRelationship, sevE, "6", "policy.relationship", "Box 6: the relationship must be self, spouse, child or other.")
		return
	}
	if r.medicare() && pol.Relationship != claimdesk.RelSelf {
		r.add(RuleRelationship, sevE, "6", "policy.relationship", "Box 6: a Medicare beneficiary is always the insured; set the relationship to self and put the patient's own MBI in box 1a.")
		return
	}
	if pol.Relationship == claimdesk.RelSelf {
		r.checkGroup()
		return
	}
	s := pol.Subscriber
	if s == nil {
		r.add(RuleInsuredName, sevE, "4", "policy.subscriber", "Box 4: the patient is not the subscriber, so the insured's (policy holder's) name, birth date, sex and address are needed; enter the subscriber on the policy.")
		return
	}
	if blank(s.Last) {
		r.add(RuleInsuredName, sevE, "4", "policy.subscriber.last", "Box 4: the insured's last name is missing.")
	}
	if blank(s.First) {
		r.add(RuleInsuredName, sevE, "4", "policy.subscriber.first", "Box 4: the insured's first name is missing.")
	}
	r.checkAddress(RuleInsuredAddress, "7", "policy.subscriber.address", "the insured's", s.Address, false)
	switch {
	case s.DOB.IsZero():
		r.add(RuleInsuredDOB, sevE, "11a", "policy.subscriber.dob", "Box 11a: the insured's birth date is missing.")
	case s.DOB.After(r.today):
		r.add(RuleInsuredDOB, sevE, "11a", "policy.subscriber.dob", "Box 11a: the insured's birth date is in the future.")
	case pol.Relationship == claimdesk.RelChild && !r.c.Patient.DOB.IsZero() && !s.DOB.Before(r.c.Patient.DOB):
		r.add(RuleInsuredDOB, sevE, "11a", "policy.subscriber.dob", "Box 11a: the insured (a parent, relationship child) is not older than the patient; check both birth dates or the relationship in box 6.")
	}
	if s.Sex != claimdesk.SexMale && s.Sex != claimdesk.SexFemale {
		r.add(RuleInsuredDOB, sevE, "11a", "policy.subscriber.sex", "Box 11a: the insured's sex (M or F) is missing.")
	}
	r.checkGroup()
}

// checkGroup: a group health plan has a group number (box 11).
func (r *run) checkGroup() {
	if r.plan() == claimdesk.PlanGroup && blank(r.c.Policy.GroupNumber) {
		r.add(RuleInsuredGroup, sevW, "11", "policy.group_number", "Box 11: a group health plan usually has a group number on the card; enter it, or confirm the plan has none.")
	}
}

// isSecondaryClaim reports whether this claim bills the patient's
// secondary (or tertiary) coverage.
func (r *run) isSecondaryClaim() bool {
	if r.c.Policy.Priority > claimdesk.Primary {
		return true
	}
	e := r.c.Encounter
	return e.SecondaryPolicyID != 0 && r.c.Policy.ID != 0 && r.c.Policy.ID == e.SecondaryPolicyID
}

func (r *run) checkOtherInsurance() {
	op := r.c.OtherPolicy
	if r.isSecondaryClaim() && op == nil {
		r.add(RuleOtherInsurance, sevE, "11d", "other_policy", "Boxes 9, 9a, 9d, 11d: this claim bills the %s policy, so the primary payer's data is required: the other insured's name (9), policy or group number (9a), plan name (9d), and 11d marked YES. Add the primary policy to the claim.", r.c.Policy.Priority)
		return
	}
	if op == nil {
		return
	}
	if r.medicare() && !r.isSecondaryClaim() {
		// Medicare primary: boxes 9–9d are only for a Medigap transfer.
		return
	}
	if blank(op.MemberID) && blank(op.GroupNumber) {
		r.add(RuleOtherInsurance, sevE, "9a", "other_policy.member_id", "Box 9a: the other insured's policy or group number is missing.")
	}
	if blank(op.PlanName) && (r.c.OtherPayer == nil || blank(r.c.OtherPayer.Name)) {
		r.add(RuleOtherInsurance, sevE, "9d", "other_policy.plan_name", "Box 9d: the other insurance's plan or program name is missing.")
	}
	if op.Relationship != claimdesk.RelSelf && op.Relationship != "" {
		if s := op.Subscriber; s == nil || blank(s.Last) || blank(s.First) {
			r.add(RuleOtherInsurance, sevE, "9", "other_policy.subscriber", "Box 9: the other insured's name is missing (the patient is not the subscriber of the other policy).")
		}
	}
	if r.isSecondaryClaim() && !op.ActiveOn(r.dos) && !r.dos.IsZero() {
		r.add(RuleOtherInsurance, sevE, "9a", "other_policy.effective_to", "Box 9a: the primary policy given did not cover the date of service; a secondary claim needs the primary that was in effect.")
	}
}

// checkEncounterBoxes covers boxes 10, 14 and 15.
func (r *run) checkEncounterBoxes() {
	e := r.c.Encounter
	if e.AutoAccident && claimdesk.CheckState(strings.TrimSpace(e.AccidentState)) != "" {
		r.add(RuleAccident, sevE, "10b", "encounter.accident_state", "Box 10b: the condition is marked as related to an auto accident, so give the two-letter state where the accident happened.")
	}
	if !e.OnsetDate.IsZero() {
		switch e.OnsetQualifier {
		case "431", "484":
		case "":
			if !r.medicare() {
				r.add(RuleDateQualifier, sevE, "14", "encounter.onset_qualifier", "Box 14: a date is given without its qualifier; use 431 (onset of current symptoms or illness) or 484 (last menstrual period).")
			}
		default:
			r.add(RuleDateQualifier, sevE, "14", "encounter.onset_qualifier", "Box 14: the qualifier must be 431 (onset of current symptoms or illness) or 484 (last menstrual period).")
		}
		if e.OnsetDate.After(r.today) {
			r.add(RuleDateQualifier, sevE, "14", "encounter.onset_date", "Box 14: the date of the current illness is in the future.")
		}
	}
	if !e.OtherDate.IsZero() {
		switch e.OtherQualifier {
		case "454", "304", "453", "439", "455", "471", "090", "091", "444":
		default:
			r.add(RuleDateQualifier, sevE, "15", "encounter.other_qualifier", "Box 15: the other date needs a qualifier: 454, 304, 453, 439, 455, 471, 090, 091 or 444.")
		}
	}
}

func (r *run) checkReferring() {
	e := r.c.Encounter
	ref := r.c.Referring
	if ref != nil {
		switch e.ReferringQualifier {
		case "DN", "DK", "DQ":
		case "":
			// The form prints DN (referring) by default (docs/claim-json.md);
			// ordered tests and equipment are reported with DK.
			for i := range e.Lines {
				if kind, qual, ok := needsReferring(r.lineCode(i)); ok && qual == "DK" {
					r.add(RuleReferringQualifier, sevW, "17", "encounter.referring_qualifier", "Box 17: no qualifier is set, so DN (referring provider) is printed, but line %d is %s, reported with the ordering provider (DK); set the qualifier.", i+1, kind)
					break
				}
			}
		default:
			r.add(RuleReferringQualifier, sevE, "17", "encounter.referring_qualifier", "Box 17: the qualifier must be DN (referring), DK (ordering) or DQ (supervising) provider.")
		}
		if blank(ref.Last) || blank(ref.First) {
			r.add(RuleReferringName, sevE, "17", "referring.last", "Box 17: the referring/ordering provider's first and last names are required.")
		}
		if msg := claimdesk.CheckNPI(strings.TrimSpace(ref.NPI)); msg != "" {
			r.add(RuleReferringNPI, sevE, "17b", "referring.npi", "Box 17b: the referring/ordering provider's %s.", lowerFirst(msg))
		}
		return
	}
	sev := sevW
	if r.government() {
		sev = sevE
	}
	for i := range e.Lines {
		code := r.lineCode(i)
		kind, qual, ok := needsReferring(code)
		if !ok {
			continue
		}
		role := "ordering (qualifier DK)"
		if qual == "DN" {
			role = "referring (qualifier DN)"
		}
		r.add(RuleReferringRequired, sev, "17", "encounter.referring_id", "Box 17/17b: line %d (%s) is %s, which needs the %s provider's name in box 17 and NPI in 17b; when the rendering provider ordered it, enter that provider.", i+1, code, kind, role)
		return
	}
}

func (r *run) checkRendering() {
	rp := r.c.Rendering
	if rp == nil {
		return
	}
	npi := strings.TrimSpace(rp.NPI)
	if npi == strings.TrimSpace(r.c.Practice.NPI) && npi != "" {
		// Same as the billing provider: 24J stays blank.
		return
	}
	if blank(rp.Last) || blank(rp.First) {
		r.add(RuleRendering, sevE, "24J", "rendering.last", "Box 24J/31: the rendering provider's first and last names are required.")
	}
	if msg := claimdesk.CheckNPI(npi); msg != "" {
		r.add(RuleRendering, sevE, "24J", "rendering.npi", "Box 24J: the rendering provider's %s.", lowerFirst(msg))
	}
}

func (r *run) checkBillingProvider() {
	p := r.c.Practice
	switch p.TaxIDType {
	case claimdesk.TaxEIN:
		if msg := claimdesk.CheckEIN(strings.TrimSpace(p.TaxID)); msg != "" {
			r.add(RuleTaxID, sevE, "25", "practice.tax_id", "Box 25: the billing provider's %s.", msg)
		}
	case claimdesk.TaxSSN:
		if msg := claimdesk.CheckSSN(strings.TrimSpace(p.TaxID)); msg != "" {
			r.add(RuleTaxID, sevE, "25", "practice.tax_id", "Box 25: the billing provider's %s.", msg)
		}
	default:
		r.add(RuleTaxID, sevE, "25", "practice.tax_id_type", "Box 25: mark whether the billing provider's tax ID is an EIN or an SSN.")
	}
	if blank(p.Name) {
		r.add(RuleBillingProvider, sevE, "33", "practice.name", "Box 33: the billing provider's name is missing.")
	}
	r.checkAddress(RuleBillingProvider, "33", "practice.address", "the billing provider's", p.Address, true)
	zip := strings.TrimSpace(p.Address.ZIP)
	if d := strings.Replace(zip, "-", "", 1); len(d) != 9 || !isDigits(d) || (strings.Contains(zip, "-") && len(zip) != 10) {
		r.add(RuleBillingZIP, sevE, "33", "practice.address.zip", "Box 33: the billing provider's ZIP code must have all 9 digits (ZIP+4); payers reject a 5-digit billing ZIP.")
	}
	if isPOBox(p.Address.Line1) || isPOBox(p.Address.Line2) {
		r.add(RuleBillingPOBox, sevW, "33", "practice.address.line1", "Box 33: the billing provider's address must be a physical street address, not a P.O. box or lock box (electronic claims reject it); put a P.O. box in the pay-to address instead.")
	}
	if msg := claimdesk.CheckNPI(strings.TrimSpace(p.NPI)); msg != "" {
		r.add(RuleBillingNPI, sevE, "33a", "practice.npi", "Box 33a: the billing provider's %s.", lowerFirst(msg))
	}
}

var poBoxCleaner = strings.NewReplacer(".", "", ",", " ", "#", " ")

// isPOBox recognises "PO Box 12", "P.O. Box", "Post Office Box", "Lock Box".
func isPOBox(line string) bool {
	s := poBoxCleaner.Replace(strings.ToUpper(line))
	f := strings.Fields(s)
	for i := 0; i+1 < len(f); i++ {
		switch {
		case (f[i] == "PO" || f[i] == "LOCK") && f[i+1] == "BOX":
			return true
		case f[i] == "POB" || f[i] == "POBOX":
			return true
		case i+2 < len(f) && f[i] == "POST" && f[i+1] == "OFFICE" && f[i+2] == "BOX":
			return true
		}
	}
	return len(f) > 0 && (f[len(f)-1] == "POBOX")
}

// facilityPOS are places of service at which Medicare and most payers
// expect box 32 (a service location other than the office or the
// patient's home, where the billing address stands for the location).
func needsFacility(pos string) bool {
	switch pos {
	case "", "01", "02", "10", "11", "12", "13", "14", "15", "16", "27", "33", "99":
		return false
	}
	return true
}

func (r *run) checkFacility() {
	f := r.c.Facility
	if f == nil {
		pos := r.c.Encounter.POS
		if needsFacility(pos) && len(r.c.Encounter.Lines) > 0 {
			name := ""
			if r.ref.Places != nil {
				if n, ok := r.ref.Places.Place(pos); ok {
					name = " (" + n + ")"
				}
			}
			r.add(RuleFacilityMissing, sevW, "32", "encounter.facility_id", "Box 32: services at place of service %s%s are billed with the facility's name, address and NPI; choose the facility where they were rendered.", pos, name)
		}
		return
	}
	if blank(f.Name) {
		r.add(RuleFacility, sevE, "32", "facility.name", "Box 32: the service facility's name is missing.")
	}
	r.checkAddress(RuleFacility, "32", "facility.address", "the service facility's", f.Address, false)
	if npi := strings.TrimSpace(f.NPI); npi != "" {
		if msg := claimdesk.CheckNPI(npi); msg != "" {
			r.add(RuleFacilityNPI, sevE, "32a", "facility.npi", "Box 32a: the service facility's %s.", lowerFirst(msg))
		}
	}
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "NPI") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
