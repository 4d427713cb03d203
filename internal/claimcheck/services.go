package claimcheck

// codeRange is an inclusive range of 5-character procedure codes (CPT or
// HCPCS), compared as strings of equal length.
type codeRange struct{ lo, hi string }

func (cr codeRange) has(code string) bool {
	return len(code) == len(cr.lo) && code >= cr.lo && code <= cr.hi
}

// orderedService is a kind of service that Medicare and most payers pay
// only with the referring or ordering provider in box 17/17b (CMS Pub.
// 100-04 ch. 26 item 17; the CMS ordering/referring edits for clinical
// laboratory, imaging, DMEPOS and other ordered diagnostic services; the
// certifying practitioner for therapy; the requesting practitioner for
// consultations).
type orderedService struct {
	codeRange
	kind string
	// qual is box 17's usual qualifier: DK ordering, DN referring.
	qual string
}

// orderedServices is the reviewed table of services that need box 17.
var orderedServices = []orderedService{
	{codeRange{"70010", "79999"}, "an imaging/radiology service", "DK"},
	{codeRange{"80047", "89398"}, "a clinical laboratory test", "DK"},
	{codeRange{"G0480", "G0483"}, "a clinical laboratory test (drug testing)", "DK"},
	{codeRange{"93000", "93356"}, "a cardiovascular diagnostic test (ECG, Holter, echocardiogram, stress test)", "DK"},
	{codeRange{"93880", "93998"}, "a non-invasive vascular diagnostic study", "DK"},
	{codeRange{"94010", "94621"}, "a pulmonary function test", "DK"},
	{codeRange{"95700", "95726"}, "an EEG monitoring study", "DK"},
	{codeRange{"95782", "95913"}, "a neurological diagnostic test (sleep study, EEG, EMG, nerve conduction)", "DK"},
	{codeRange{"97010", "97799"}, "a physical/occupational therapy service (needs the certifying practitioner)", "DN"},
	{codeRange{"99242", "99245"}, "an office consultation (needs the requesting practitioner)", "DN"},
	{codeRange{"99252", "99255"}, "an inpatient consultation (needs the requesting practitioner)", "DN"},
	{codeRange{"E0100", "E8002"}, "durable medical equipment", "DK"},
	{codeRange{"K0001", "K0999"}, "durable medical equipment", "DK"},
	{codeRange{"L0112", "L9900"}, "an orthotic or prosthetic device", "DK"},
}

// needsReferring returns the kind of service code is and box 17's usual
// qualifier when the code needs a referring or ordering provider.
func needsReferring(code string) (kind, qual string, ok bool) {
	// Proprietary Laboratory Analyses: 4 digits and U.
	if len(code) == 5 && code[4] == 'U' && isDigits(code[:4]) {
		return "a clinical laboratory test (PLA code)", "DK", true
	}
	for _, s := range orderedServices {
		if s.has(code) {
			return s.kind, s.qual, true
		}
	}
	return "", "", false
}

// emKind classifies evaluation and management codes.
type emKind int

const (
	emNone emKind = iota
	emProblem
	emPreventive
)

// emRanges lists problem-oriented E/M visits (CPT 2023+ code ranges):
// office/outpatient, hospital inpatient and observation, consultations,
// emergency department, nursing facility, home or residence.
var emRanges = []codeRange{
	{"99202", "99205"}, {"99211", "99215"},
	{"99221", "99223"}, {"99231", "99239"},
	{"99242", "99245"}, {"99252", "99255"},
	{"99281", "99285"},
	{"99304", "99316"},
	{"99341", "99350"},
}

// preventiveRanges lists preventive medicine visits: CPT 99381–99397 and
// Medicare's Welcome to Medicare (G0402) and annual wellness visits
// (G0438, G0439).
var preventiveRanges = []codeRange{
	{"99381", "99397"}, {"G0402", "G0402"}, {"G0438", "G0439"},
}

func classifyEM(code string) emKind {
	for _, r := range emRanges {
		if r.has(code) {
			return emProblem
		}
	}
	for _, r := range preventiveRanges {
		if r.has(code) {
			return emPreventive
		}
	}
	return emNone
}

// consultRanges are the consultation codes Medicare stopped paying in 2010
// (CMS Transmittal 1875); Medicare patients are billed with E/M visit codes.
var consultRanges = []codeRange{{"99241", "99245"}, {"99251", "99255"}}

func isConsult(code string) bool {
	for _, r := range consultRanges {
		if r.has(code) {
			return true
		}
	}
	return false
}

// procedureRanges are procedures whose global surgery or NCCI bundling
// rules make a same-day E/M visit payable only with modifier 25 (or 57 for
// the decision for major surgery): the surgery section (minus venipuncture
// and capillary blood draw), injections and infusions, chemotherapy
// administration and active wound care.
var procedureRanges = []codeRange{
	{"10004", "36414"}, {"36417", "69990"},
	{"96360", "96379"}, {"96401", "96549"},
	{"97597", "97610"},
}

func isMinorProcedure(code string) bool {
	for _, r := range procedureRanges {
		if r.has(code) {
			return true
		}
	}
	return false
}

// isDrugJCode reports whether code is a HCPCS J drug code (J0120–J9999),
// for the Medicaid NDC edit.
func isDrugJCode(code string) bool {
	return len(code) == 5 && code[0] == 'J' && isDigits(code[1:])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
