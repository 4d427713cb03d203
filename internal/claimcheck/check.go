// Package claimcheck holds the claim edits: the checks a claim must pass
// before it is marked ready, printed or exported, written from the official
// sources (NUCC 1500 instructions and CMS Pub. 100-04 ch. 26 as summarised
// in the project's CMS-1500 reference, the ICD-10-CM Official Guidelines and
// Tabular conventions, the HCPCS and CMS place-of-service files).
//
// Check is a pure function: a claimdesk.ClaimData, reference data through
// the small interfaces of reference.go, and today's date in; findings out.
// Each finding names its rule, severity (an error blocks the claim, a
// warning does not), CMS-1500 box, field path and a message for a biller.
//
// It imports only the standard library and claimdesk: no database, no GUI,
// no other leaf package (the code sets arrive through Reference, filled by
// the caller, e.g. from MemReference).
package claimcheck

import (
	"context"
	"fmt"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Rule describes one claim edit for documentation and tests. A rule's
// findings normally have its Severity; a few rules are errors for some
// payers and warnings for others (noted in Summary).
type Rule struct {
	ID       string
	Severity claimdesk.Severity
	Box      string
	Summary  string
}

const (
	sevE = claimdesk.SeverityError
	sevW = claimdesk.SeverityWarning
)

// Rules lists every rule Check applies, in form order.
var Rules = []Rule{
	{RulePayer, sevE, "carrier", "payer name is given (error) and its mailing address (warning)"},
	{RulePlanType, sevE, "1", "box 1 plan type is one of Medicare, Medicaid, TRICARE, CHAMPVA, group, FECA, other"},
	{RuleInsuredID, sevE, "1a", "insured's ID (member ID) is given, without spaces or punctuation"},
	{RuleMBI, sevE, "1a", "Medicare: the member ID is an MBI (11 characters, CMS positional rules)"},
	{RulePolicyDates, sevE, "1a", "the policy covers the dates of service"},
	{RulePatientName, sevE, "2", "patient's last and first names are given"},
	{RulePatientDOB, sevE, "3", "patient's birth date is given, not in the future"},
	{RulePatientSex, sevE, "3", "patient's sex is M or F (U: warning, box 3 left blank)"},
	{RuleInsuredName, sevE, "4", "insured (subscriber) name when the patient is not the subscriber"},
	{RulePatientAddress, sevE, "5", "patient's street, city, state and 5- or 9-digit ZIP"},
	{RuleRelationship, sevE, "6", "relationship is self, spouse, child or other; self for Medicare"},
	{RuleInsuredAddress, sevE, "7", "insured's address when the patient is not the subscriber"},
	{RuleOtherInsurance, sevE, "9", "secondary claims carry the primary payer's data (9, 9a, 9d, 11d)"},
	{RuleAccident, sevE, "10b", "auto accident: the state where it happened"},
	{RuleInsuredGroup, sevW, "11", "group health plans: the group number"},
	{RuleInsuredDOB, sevE, "11a", "insured's birth date and sex when the patient is not the subscriber"},
	{RuleDateQualifier, sevE, "14", "box 14/15 dates carry a valid qualifier"},
	{RuleReferringRequired, sevE, "17", "services that need a referring/ordering provider have one (error for Medicare, Medicaid, TRICARE, CHAMPVA; warning otherwise)"},
	{RuleReferringQualifier, sevE, "17", "box 17 qualifier is DN, DK or DQ"},
	{RuleReferringName, sevE, "17", "referring provider's name"},
	{RuleReferringNPI, sevE, "17b", "referring provider's NPI is valid (check digit)"},
	{RuleDxRequired, sevE, "21", "at least one diagnosis"},
	{RuleDxCount, sevE, "21", "at most 12 diagnoses (A–L)"},
	{RuleICDNotLoaded, sevW, "21", "an ICD-10-CM release is loaded"},
	{RuleICDRelease, sevW, "21", "a loaded ICD-10-CM release covers the date of service (else the nearest is used)"},
	{RuleDxFormat, sevE, "21", "diagnosis is written as an ICD-10-CM code"},
	{RuleDxUnknown, sevE, "21", "diagnosis exists in the ICD-10-CM release of the date of service"},
	{RuleDxHeader, sevE, "21", "diagnosis is billable, not a category header (names the billable codes)"},
	{RuleDx7thChar, sevE, "21", "codes that need a 7th character have one (placeholder X where needed)"},
	{RuleDxDuplicate, sevE, "21", "no diagnosis listed twice"},
	{RuleDxFirstListed, sevE, "21", "external-cause codes (V00–Y99) and manifestation codes are never first-listed"},
	{RuleDxCodeFirst, sevE, "21", "a code with a Code first note is not first-listed and follows its underlying condition"},
	{RuleDxExcludes1, sevE, "21", "no two diagnoses form an Excludes1 pair (Tabular notes, inherited)"},
	{RuleDxFirstOnly, sevW, "21", "Z codes that may only be first-listed (examinations, supervision of pregnancy, liveborn...) are in A"},
	{RuleDxSex, sevW, "21", "sex-specific codes match the patient's sex"},
	{RuleDxMaternity, sevW, "21", "maternity codes for a female patient aged 12–55"},
	{RuleDxPerinatal, sevW, "21", "perinatal codes (chapter 16) for a patient up to 28 days old"},
	{RuleFrequency, sevE, "22", "frequency 1, 7 or 8; 7 and 8 carry the original reference number"},
	{RuleLineRequired, sevE, "24", "at least one service line"},
	{RuleLineDates, sevE, "24A", "line dates: from ≤ to, inside the encounter, not future, not before birth"},
	{RuleLineSpan, sevW, "24G", "a date span bills at least one unit per day (24A from–to against 24G)"},
	{RuleTimelyFiling, sevW, "24A", "date of service within the payer's timely filing limit (Medicare 12 months)"},
	{RuleLinePOS, sevE, "24B", "place of service is on the CMS list"},
	{RuleFacilityMissing, sevW, "32", "a facility (box 32) for places of service other than office and home"},
	{RuleProcNotLoaded, sevW, "24D", "a HCPCS file, and a CPT file or procedure list, are loaded (else codes are unverified)"},
	{RuleProcUnknown, sevE, "24D", "procedure code exists in HCPCS, the imported CPT file or the practice's list"},
	{RuleProcDates, sevE, "24D", "procedure code is valid (added, not terminated) on the date of service"},
	{RuleModifierFormat, sevE, "24D", "at most 4 modifiers, each 2 letters or digits, none repeated"},
	{RuleModifierUnknown, sevW, "24D", "modifier is in the HCPCS table or a common CPT modifier"},
	{RuleEMModifier25, sevW, "24D", "an E/M visit on the same day as a procedure or preventive visit carries modifier 25"},
	{RuleEMSameDay, sevW, "24D", "one problem-oriented E/M visit per day"},
	{RuleMedicareConsult, sevW, "24D", "Medicare does not pay consultation codes"},
	{RuleLineDuplicate, sevE, "24", "no two lines with the same code, modifiers and date"},
	{RuleLinePointers, sevE, "24E", "1–4 pointers, each to a diagnosis in box 21, none repeated, the first not an external cause"},
	{RuleLineCharge, sevE, "24F", "charge is more than 0.00"},
	{RuleLineFee, sevW, "24F", "charge equals fee schedule × units unless overridden"},
	{RuleLineUnits, sevE, "24G", "units are more than 0"},
	{RuleNDC, sevE, "24", "NDC is 11 digits (5-4-2) with a unit qualifier (F2, GR, ME, ML, UN) and quantity"},
	{RuleNDCMissing, sevW, "24", "Medicaid: drug (J-code) lines carry an NDC"},
	{RuleRendering, sevE, "24J", "rendering provider (when not the billing provider) has a name and a valid NPI"},
	{RuleTaxID, sevE, "25", "billing provider's EIN or SSN is well formed"},
	{RulePatientAccount, sevW, "26", "patient's account number"},
	{RuleClaimTotal, sevE, "28", "total charge equals the sum of the lines"},
	{RuleAmountPaid, sevE, "29", "amount paid is not negative and not above the total"},
	{RuleFacility, sevE, "32", "facility name and address when box 32 is used"},
	{RuleFacilityNPI, sevE, "32a", "facility NPI is valid (check digit)"},
	{RuleBillingProvider, sevE, "33", "billing provider name and street address"},
	{RuleBillingZIP, sevE, "33", "billing provider ZIP has 9 digits"},
	{RuleBillingPOBox, sevW, "33", "billing provider address is a street address, not a P.O. box"},
	{RuleBillingNPI, sevE, "33a", "billing provider NPI is valid (check digit)"},
}

// Rule IDs.
const (
	RulePayer              = "payer"
	RulePlanType           = "plan-type"
	RuleInsuredID          = "insured-id"
	RuleMBI                = "mbi"
	RulePolicyDates        = "policy-dates"
	RulePatientName        = "patient-name"
	RulePatientDOB         = "patient-dob"
	RulePatientSex         = "patient-sex"
	RuleInsuredName        = "insured-name"
	RulePatientAddress     = "patient-address"
	RuleRelationship       = "relationship"
	RuleInsuredAddress     = "insured-address"
	RuleOtherInsurance     = "other-insurance"
	RuleAccident           = "accident-state"
	RuleInsuredGroup       = "insured-group"
	RuleInsuredDOB         = "insured-dob"
	RuleDateQualifier      = "date-qualifier"
	RuleReferringRequired  = "referring-required"
	RuleReferringQualifier = "referring-qualifier"
	RuleReferringName      = "referring-name"
	RuleReferringNPI       = "referring-npi"
	RuleDxRequired         = "dx-required"
	RuleDxCount            = "dx-count"
	RuleICDNotLoaded       = "icd-not-loaded"
	RuleICDRelease         = "icd-release"
	RuleDxFormat           = "dx-format"
	RuleDxUnknown          = "dx-unknown"
	RuleDxHeader           = "dx-header"
	RuleDx7thChar          = "dx-7th-char"
	RuleDxDuplicate        = "dx-duplicate"
	RuleDxFirstListed      = "dx-first-listed"
	RuleDxCodeFirst        = "dx-code-first"
	RuleDxExcludes1        = "dx-excludes1"
	RuleDxFirstOnly        = "dx-first-only"
	RuleDxSex              = "dx-sex"
	RuleDxMaternity        = "dx-maternity"
	RuleDxPerinatal        = "dx-perinatal"
	RuleFrequency          = "frequency"
	RuleLineRequired       = "line-required"
	RuleLineDates          = "line-dates"
	RuleLineSpan           = "line-span"
	RuleTimelyFiling       = "timely-filing"
	RuleLinePOS            = "line-pos"
	RuleFacilityMissing    = "facility-missing"
	RuleProcNotLoaded      = "proc-not-loaded"
	RuleProcUnknown        = "proc-unknown"
	RuleProcDates          = "proc-dates"
	RuleModifierFormat     = "modifier-format"
	RuleModifierUnknown    = "modifier-unknown"
	RuleEMModifier25       = "em-modifier-25"
	RuleEMSameDay          = "em-same-day"
	RuleMedicareConsult    = "medicare-consult"
	RuleLineDuplicate      = "line-duplicate"
	RuleLinePointers       = "line-pointers"
	RuleLineCharge         = "line-charge"
	RuleLineFee            = "line-fee"
	RuleLineUnits          = "line-units"
	RuleNDC                = "ndc"
	RuleNDCMissing         = "ndc-missing"
	RuleRendering          = "rendering"
	RuleTaxID              = "tax-id"
	RulePatientAccount     = "patient-account"
	RuleClaimTotal         = "claim-total"
	RuleAmountPaid         = "amount-paid"
	RuleFacility           = "facility"
	RuleFacilityNPI        = "facility-npi"
	RuleBillingProvider    = "billing-provider"
	RuleBillingZIP         = "billing-zip"
	RuleBillingPOBox       = "billing-po-box"
	RuleBillingNPI         = "billing-npi"
)

// run is the state of one Check call.
type run struct {
	c     *claimdesk.ClaimData
	ref   Reference
	today claimdesk.Date
	out   claimdesk.Findings

	// dos is the claim's first date of service (encounter date, else the
	// first line's).
	dos claimdesk.Date
	// dx holds the normalised diagnoses (E1165), in box 21 order.
	dx []string
	// icd is the release the diagnoses are checked against.
	icd ICDSet
	// procs caches each line's procedure lookup.
	procs []procLookup
	// cptWarned is set once the "no CPT source" warning is given.
	cptWarned bool
}

type procLookup struct {
	info ProcedureInfo
	ok   bool
}

// Check runs every rule on claim c with reference data ref on day today
// (the checks need it for "not in the future", ages and timely filing).
// Findings come in form order; an empty result means the claim is clean.
// ctx is accepted for symmetry with the other use cases: the checks take
// microseconds and do not block.
func Check(ctx context.Context, c claimdesk.ClaimData, ref Reference, today claimdesk.Date) claimdesk.Findings {
	_ = ctx
	r := &run{c: &c, ref: ref, today: today}
	r.prepare()
	r.checkPayer()
	r.checkPatient()
	r.checkInsured()
	r.checkOtherInsurance()
	r.checkEncounterBoxes()
	r.checkReferring()
	r.checkDiagnoses()
	r.checkFrequency()
	r.checkLines()
	r.checkRendering()
	r.checkBillingProvider()
	r.checkTotals()
	r.checkFacility()
	r.checkTimelyFiling()
	return r.out
}

func (r *run) prepare() {
	e := &r.c.Encounter
	r.dos = e.DateFrom
	if r.dos.IsZero() {
		for _, l := range e.Lines {
			if !l.From.IsZero() && (r.dos.IsZero() || l.From.Before(r.dos)) {
				r.dos = l.From
			}
		}
	}
	r.dx = make([]string, len(e.Diagnoses))
	for i, d := range e.Diagnoses {
		r.dx[i] = claimdesk.NormalizeICD(d)
	}
	r.procs = make([]procLookup, len(e.Lines))
	if r.ref.Procedures != nil {
		for i, l := range e.Lines {
			code := strings.ToUpper(strings.TrimSpace(l.Code))
			p, ok := r.ref.Procedures.Procedure(code)
			r.procs[i] = procLookup{p, ok}
		}
	}
}

func (r *run) add(rule string, sev claimdesk.Severity, box, field, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	r.out = append(r.out, claimdesk.Finding{Rule: rule, Severity: sev, Box: box, Field: field, Message: msg})
}

// plan returns the billed payer's plan type.
func (r *run) plan() claimdesk.PlanType { return r.c.Payer.PlanType }

func (r *run) medicare() bool { return r.c.Payer.PlanType == claimdesk.PlanMedicare }

// government reports whether the payer is a government program that
// enforces referring/ordering provider edits as denials.
func (r *run) government() bool {
	switch r.c.Payer.PlanType {
	case claimdesk.PlanMedicare, claimdesk.PlanMedicaid, claimdesk.PlanTricare, claimdesk.PlanChampVA:
		return true
	}
	return false
}

// lineDate returns a line's first date, falling back to the encounter's.
func (r *run) lineDate(i int) claimdesk.Date {
	l := r.c.Encounter.Lines[i]
	if !l.From.IsZero() {
		return l.From
	}
	return r.c.Encounter.DateFrom
}

func linePath(i int, field string) string {
	return fmt.Sprintf("encounter.lines[%d].%s", i, field)
}

func dxPath(i int) string { return fmt.Sprintf("encounter.diagnoses[%d]", i) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// lineCode returns line i's procedure code in upper case.
func (r *run) lineCode(i int) string {
	return strings.ToUpper(strings.TrimSpace(r.c.Encounter.Lines[i].Code))
}
