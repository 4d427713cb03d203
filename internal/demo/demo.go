// Package demo makes a clearly fictional practice with its providers,
// payers, patients, policies, encounters and claims, from a seed and a
// fixed "today", for `claimctl demo`, screenshots and tests. The same seed
// and day give the same data.
//
// Every person is synthetic: names are made from invented words, member IDs
// and addresses are random. The package imports only claimdesk and the
// standard library.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Data is a generated data set, before it is stored.
type Data struct {
	Practice   claimdesk.Practice
	Providers  []claimdesk.Provider
	Facilities []claimdesk.Facility
	Payers     []claimdesk.Payer
	Fees       []claimdesk.FeeEntry
	// Procedures is the practice's own procedure list: CPT-format codes
	// with the practice's own short descriptions (not AMA text).
	Procedures []claimdesk.Procedure
	Patients   []PatientData
	Encounters []EncounterData
}

// PatientData is a patient with its policies; policies refer to payers by
// index into Data.Payers (PayerID holds index+1 until stored).
type PatientData struct {
	Patient  claimdesk.Patient
	Policies []claimdesk.Policy
}

// EncounterData is an encounter of Patients[Patient] and the claim life it
// should be given once stored.
type EncounterData struct {
	Patient   int
	Encounter claimdesk.Encounter
	// Status is the status the encounter's claim ends in; Outcome, when
	// set, is the payer response that puts it there.
	Status  claimdesk.ClaimStatus
	Outcome *claimdesk.Outcome
}

// Sizes of the generated set.
const (
	NumPatients   = 50
	NumEncounters = 200
	DaysBack      = 90
)

type visit struct {
	dx    []string
	lines []line
}

type line struct {
	code  string
	mods  []string
	units int64
	ptr   string
	ndc   string // 11 digits
	ndcU  string
	ndcQ  string
}

// visits are typical primary-care diagnosis and procedure combinations.
var visits = []visit{
	{[]string{"E11.65", "I10", "E78.5"}, []line{{code: "99214", ptr: "ABC"}, {code: "83036", ptr: "A"}, {code: "36415", ptr: "A"}}},
	{[]string{"E11.9", "I10"}, []line{{code: "99213", ptr: "AB"}}},
	{[]string{"I10"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"J06.9"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"N39.0", "R30.0"}, []line{{code: "99213", ptr: "AB"}, {code: "81002", ptr: "A"}}},
	{[]string{"Z00.00"}, []line{{code: "99396", ptr: "A"}}},
	{[]string{"Z23"}, []line{{code: "90686", ptr: "A"}, {code: "90471", ptr: "A"}}},
	{[]string{"M54.50"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"E78.5", "Z68.30", "E66.9"}, []line{{code: "99213", ptr: "ABC"}, {code: "80061", ptr: "A"}, {code: "36415", ptr: "A"}}},
	{[]string{"J44.9"}, []line{{code: "99214", ptr: "A"}, {code: "94010", ptr: "A"}}},
	{[]string{"E53.8"}, []line{{code: "J3420", ptr: "A", ndc: "63323004401", ndcU: "ML", ndcQ: "1"}, {code: "96372", ptr: "A"}}},
	{[]string{"S93.401A"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"M17.11"}, []line{{code: "99213", mods: []string{"25"}, ptr: "A"}, {code: "20610", mods: []string{"RT"}, ptr: "A"}, {code: "J3301", units: 4, ptr: "A", ndc: "00003029320", ndcU: "ML", ndcQ: "1"}}},
	{[]string{"K21.9"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"F41.1"}, []line{{code: "99214", ptr: "A"}}},
	{[]string{"E03.9"}, []line{{code: "99213", ptr: "A"}, {code: "84443", ptr: "A"}, {code: "36415", ptr: "A"}}},
	{[]string{"J01.90"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"H66.91"}, []line{{code: "99213", ptr: "A"}}},
	{[]string{"J02.0"}, []line{{code: "99213", ptr: "A"}, {code: "87880", ptr: "A"}}},
	{[]string{"I48.91", "I10"}, []line{{code: "99214", ptr: "AB"}, {code: "93000", ptr: "A"}}},
	{[]string{"R07.9"}, []line{{code: "99214", ptr: "A"}, {code: "93000", ptr: "A"}}},
	{[]string{"R05.9", "J20.9"}, []line{{code: "99213", ptr: "BA"}}},
	{[]string{"E55.9", "R53.83"}, []line{{code: "99213", ptr: "AB"}, {code: "82306", ptr: "A"}, {code: "36415", ptr: "A"}}},
	{[]string{"F32.A"}, []line{{code: "99214", ptr: "A"}, {code: "96127", ptr: "A"}}},
}

// medicareVisits add Medicare-specific HCPCS services.
var medicareVisits = []visit{
	{[]string{"Z00.00"}, []line{{code: "G0439", ptr: "A"}}},
	{[]string{"Z23"}, []line{{code: "90662", ptr: "A"}, {code: "G0008", ptr: "A"}}},
	{[]string{"Z13.31"}, []line{{code: "G0444", ptr: "A"}}},
	{[]string{"I10", "E11.9", "N18.30"}, []line{{code: "99214", ptr: "ABC"}, {code: "G2211", ptr: "A"}}},
}

// fees is the practice's fee schedule (per unit) in cents, with the
// practice's own short descriptions for its procedure list.
var fees = []struct {
	code, desc string
	cents      claimdesk.Cents
}{
	{"99202", "New patient visit, straightforward", 11000}, {"99203", "New patient visit, low complexity", 16500},
	{"99212", "Established visit, straightforward", 7500}, {"99213", "Established visit, low complexity", 12500},
	{"99214", "Established visit, moderate complexity", 18500}, {"99215", "Established visit, high complexity", 25000},
	{"99396", "Preventive visit, age 40-64", 23000}, {"83036", "Hemoglobin A1c", 3500},
	{"36415", "Venipuncture", 1500}, {"81002", "Urinalysis, dipstick, non-automated", 1200},
	{"90686", "Flu vaccine, quadrivalent, preservative free", 3800}, {"90662", "Flu vaccine, high dose", 7500},
	{"90471", "Vaccine administration, first", 2800}, {"80061", "Lipid panel", 4500},
	{"94010", "Spirometry", 6500}, {"96372", "Injection, SC/IM", 3200}, {"20610", "Large joint injection/aspiration", 14000},
	{"84443", "TSH", 4000}, {"87880", "Rapid strep test", 2500}, {"93000", "ECG with interpretation", 6000},
	{"82306", "Vitamin D, 25-hydroxy", 5500}, {"96127", "Brief emotional/behavioral assessment", 1500},
	{"J3420", "", 2000}, {"J3301", "", 800}, {"G0439", "", 17500}, {"G0008", "", 3000},
	{"G0444", "", 2500}, {"G2211", "", 1800},
}

var firstNames = strings.Fields(`Alba Bram Corin Delphine Elric Fenna Gideon Hester Isolde Jasper Kestrel Lark Marlow Nerys Orrin Posy Quinlan Rowan Sable Tamsin Ulric Vesper Wren Yarrow Zinnia Ansel Briony Cosmo Dacey Ember`)
var lastNames = strings.Fields(`Applegate Birchwood Cobblestone Dandelion Evergreen Fernsby Gingersnap Hollyhock Inkwell Juniperly Kettleburn Larkspur Marigoldson Nettlefield Oakenshaw Pebbleworth Quillfeather Rosethorn Sparrowhawk Thistledown Umberfield Willowmere Yarrowby Zephyrine`)
var streets = strings.Fields(`Maple Cedar Willow Aspen Juniper Hawthorn Linden Magnolia Sycamore Chestnut`)
var suffixes = strings.Fields(`St Ave Rd Ln Ct Dr`)

// towns are fictional towns placed in real states with plausible ZIPs.
var towns = []claimdesk.Address{
	{City: "Millbrook Falls", State: "IL", ZIP: "62704"},
	{City: "Cedar Hollow", State: "IL", ZIP: "62702"},
	{City: "Brightwater", State: "IL", ZIP: "62711"},
	{City: "North Fenwick", State: "IL", ZIP: "62703"},
	{City: "Harrow Junction", State: "MO", ZIP: "63101"},
}

// Generate builds the data set for seed as of day today.
func Generate(seed uint64, today claimdesk.Date) Data {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := gen{r: r}
	d := Data{}
	d.Practice = claimdesk.Practice{
		Name:    "Maple Grove Family Medicine (Demo)",
		Address: claimdesk.Address{Line1: "400 Demo Plaza Suite 2", City: "Millbrook Falls", State: "IL", ZIP: "627040001"},
		Phone:   "2175550140", TaxID: "37-1234567", TaxIDType: claimdesk.TaxEIN,
		NPI: g.npi("1"), Taxonomy: "261QP2300X", AcceptAssignment: true,
	}
	d.Providers = []claimdesk.Provider{
		{Role: claimdesk.RoleRendering, Last: "Quillfeather", First: "Ada", Middle: "M", Credentials: "MD", NPI: g.npi("1"), Taxonomy: "207Q00000X"},
		{Role: claimdesk.RoleRendering, Last: "Brookstone", First: "Milo", Credentials: "DO", NPI: g.npi("1"), Taxonomy: "207R00000X"},
		{Role: claimdesk.RoleReferring, Last: "Hartwell", First: "Juno", Credentials: "MD", NPI: g.npi("1"), Taxonomy: "207RC0000X"},
	}
	d.Facilities = []claimdesk.Facility{{Name: "Maple Grove Family Medicine", Address: claimdesk.Address{Line1: "400 Demo Plaza Suite 2", City: "Millbrook Falls", State: "IL", ZIP: "627040001"}, NPI: g.npi("1")}}
	d.Payers = []claimdesk.Payer{
		{Name: "Medicare Part B (Demo MAC)", Address: claimdesk.Address{Line1: "PO Box 1001", City: "Indianapolis", State: "IN", ZIP: "462061001"}, PayerID: "06102", PlanType: claimdesk.PlanMedicare, TimelyFilingDays: 365},
		{Name: "State Medicaid (Demo)", Address: claimdesk.Address{Line1: "PO Box 2002", City: "Springfield", State: "IL", ZIP: "627942002"}, PayerID: "77027", PlanType: claimdesk.PlanMedicaid, TimelyFilingDays: 180},
		{Name: "Prairie Health Group Plan (Demo)", Address: claimdesk.Address{Line1: "PO Box 3003", City: "Chicago", State: "IL", ZIP: "606803003"}, PayerID: "PHG01", PlanType: claimdesk.PlanGroup, TimelyFilingDays: 90},
		{Name: "TRICARE East (Demo)", Address: claimdesk.Address{Line1: "PO Box 4004", City: "Surfside Beach", State: "SC", ZIP: "295874004"}, PayerID: "TREST", PlanType: claimdesk.PlanTricare, TimelyFilingDays: 365},
		{Name: "Acme Auto Insurance Claims (Demo)", Address: claimdesk.Address{Line1: "PO Box 5005", City: "Columbus", State: "OH", ZIP: "432165005"}, PayerID: "AAI99", PlanType: claimdesk.PlanOther, TimelyFilingDays: 180},
	}
	for _, f := range fees {
		d.Fees = append(d.Fees, claimdesk.FeeEntry{Code: f.code, Charge: f.cents})
		if f.desc != "" {
			d.Procedures = append(d.Procedures, claimdesk.Procedure{Code: f.code, Short: f.desc, Fee: f.cents})
		}
	}
	for i := 0; i < NumPatients; i++ {
		d.Patients = append(d.Patients, g.patient(i, today))
	}
	// Encounters over the last DaysBack days, oldest first.
	for i := 0; i < NumEncounters; i++ {
		d.Encounters = append(d.Encounters, g.encounter(i, &d, today))
	}
	return d
}

type gen struct{ r *rand.Rand }

func (g gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// npi returns a random NPI with a valid check digit.
func (g gen) npi(first string) string {
	body := first + g.digits(8)
	return body + string(claimdesk.NPICheckDigit(body))
}

// mbi returns a random Medicare Beneficiary Identifier in the CMS format.
func (g gen) mbi() string {
	const letters = "ACDEFGHJKMNPQRTUVWXY"
	alnum := letters + "0123456789"
	b := []byte{
		byte('1' + g.r.IntN(9)), letters[g.r.IntN(len(letters))], alnum[g.r.IntN(len(alnum))], byte('0' + g.r.IntN(10)),
		letters[g.r.IntN(len(letters))], alnum[g.r.IntN(len(alnum))], byte('0' + g.r.IntN(10)),
		letters[g.r.IntN(len(letters))], letters[g.r.IntN(len(letters))], byte('0' + g.r.IntN(10)), byte('0' + g.r.IntN(10)),
	}
	return string(b)
}

func (g gen) address() claimdesk.Address {
	t := towns[g.r.IntN(len(towns))]
	t.Line1 = fmt.Sprintf("%d %s %s", 10+g.r.IntN(9000), g.pick(streets), g.pick(suffixes))
	return t
}

func (g gen) person(today claimdesk.Date, minAge, maxAge int, sex claimdesk.Sex) claimdesk.Person {
	age := minAge + g.r.IntN(maxAge-minAge+1)
	dob := claimdesk.NewDate(today.Year()-age, 1, 1).AddDays(g.r.IntN(365))
	if sex == "" {
		sex = claimdesk.SexFemale
		if g.r.IntN(2) == 0 {
			sex = claimdesk.SexMale
		}
	}
	p := claimdesk.Person{Last: g.pick(lastNames), First: g.pick(firstNames), DOB: dob, Sex: sex, Address: g.address(), Phone: "217555" + g.digits(4)}
	if g.r.IntN(3) == 0 {
		p.Middle = string(rune('A' + g.r.IntN(26)))
	}
	return p
}

// patient makes patient i: a quarter on Medicare (some with a Medigap-like
// secondary), a fifth on Medicaid, the rest on the group plan (children and
// spouses covered by a subscriber), TRICARE or auto insurance.
func (g gen) patient(i int, today claimdesk.Date) PatientData {
	pd := PatientData{}
	kind := i % 10
	var p claimdesk.Person
	switch {
	case kind < 3: // Medicare
		p = g.person(today, 65, 92, "")
	case kind == 9: // child on a parent's group plan
		p = g.person(today, 2, 17, "")
	default:
		p = g.person(today, 19, 64, "")
	}
	pd.Patient = claimdesk.Patient{Account: fmt.Sprintf("DEMO%04d", i+1), Person: p}
	pol := claimdesk.Policy{Priority: claimdesk.Primary, Relationship: claimdesk.RelSelf, EffectiveFrom: claimdesk.NewDate(today.Year()-2, 1, 1)}
	switch {
	case kind < 3:
		pol.PayerID = 1
		pol.MemberID = g.mbi()
		pol.PlanName = "Medicare Part B"
	case kind < 5:
		pol.PayerID = 2
		pol.MemberID = "MCD" + g.digits(9)
		pol.PlanName = "State Medicaid"
	case kind == 7:
		pol.PayerID = 4
		pol.MemberID = g.digits(11)
		pol.PlanName = "TRICARE Select"
	case kind == 8 && i%20 == 8:
		pol.PayerID = 5
		pol.MemberID = "AUTO" + g.digits(8)
		pol.PlanName = "Auto medical payments"
	default:
		pol.PayerID = 3
		pol.MemberID = "PHG" + g.digits(9)
		pol.GroupNumber = "GRP" + g.digits(5)
		pol.PlanName = "Prairie Health PPO"
		if kind == 9 || i%7 == 5 {
			rel := claimdesk.RelChild
			sub := g.person(today, 30, 55, "")
			if kind != 9 {
				rel = claimdesk.RelSpouse
				sub = g.person(today, 25, 64, "")
			}
			sub.Last = p.Last
			sub.Address = p.Address
			pol.Relationship = rel
			pol.Subscriber = &sub
		}
	}
	pd.Policies = append(pd.Policies, pol)
	// Secondary coverage: some Medicare patients have a group plan as
	// secondary (retiree), some group members a spouse's plan.
	if kind == 1 || (kind == 6 && i%4 == 2) {
		sec := claimdesk.Policy{Priority: claimdesk.Secondary, PayerID: 3, MemberID: "PHG" + g.digits(9), GroupNumber: "RET" + g.digits(4), PlanName: "Prairie Health Retiree", Relationship: claimdesk.RelSelf, EffectiveFrom: pol.EffectiveFrom}
		pd.Policies = append(pd.Policies, sec)
	}
	return pd
}

func (g gen) encounter(i int, d *Data, today claimdesk.Date) EncounterData {
	pi := g.r.IntN(len(d.Patients))
	pd := d.Patients[pi]
	medicare := pd.Policies[0].PayerID == 1
	pool := visits
	if medicare && g.r.IntN(3) == 0 {
		pool = medicareVisits
	}
	v := pool[g.r.IntN(len(pool))]
	// Spread dates over the last DaysBack days, oldest first, weekdays only.
	dos := today.AddDays(-DaysBack + i*DaysBack/NumEncounters)
	for dos.Weekday() == 0 || dos.Weekday() == 6 {
		dos = dos.AddDays(1)
	}
	if dos.After(today) {
		dos = today
	}
	prov := int64(1 + g.r.IntN(2))
	e := claimdesk.Encounter{
		PolicyID: 1, DateFrom: dos, DateTo: dos, POS: "11", RenderingID: prov, FacilityID: 1,
		Diagnoses: append([]string(nil), v.dx...),
	}
	if len(pd.Policies) > 1 {
		e.SecondaryPolicyID = 2
	}
	for _, l := range v.lines {
		units := l.units
		if units == 0 {
			units = 1
		}
		sl := claimdesk.ServiceLine{From: dos, To: dos, Code: l.code, Modifiers: l.mods, Pointers: l.ptr, Units: claimdesk.WholeUnits(units)}
		for _, f := range fees {
			if f.code == l.code {
				sl.Charge = f.cents.Times(sl.Units)
			}
		}
		if l.ndc != "" {
			sl.NDC, sl.NDCUnit = l.ndc, l.ndcU
			sl.NDCQty, _ = claimdesk.ParseUnits(l.ndcQ)
		}
		if ordered(l.code) {
			// In-office tests are ordered by the treating physician (DK);
			// some patients come with a referral from an outside physician.
			e.ReferringID, e.ReferringQualifier = prov, "DK"
			if g.r.IntN(4) == 0 {
				e.ReferringID, e.ReferringQualifier = 3, "DN"
			}
		}
		e.Lines = append(e.Lines, sl)
	}
	ed := EncounterData{Patient: pi, Encounter: e}
	ed.Status, ed.Outcome = g.fate(today.DaysUntil(dos)*-1, e.Total(), dos)
	return ed
}

// ordered reports whether a demo service is an ordered test (laboratory,
// ECG, spirometry), which payers pay only with the ordering provider in
// box 17.
func ordered(code string) bool {
	switch code {
	case "83036", "80061", "84443", "82306", "87880", "81002", "93000", "94010":
		return true
	}
	return false
}

// fate decides where a claim of an encounter age days old ends up.
func (g gen) fate(age int, total claimdesk.Cents, dos claimdesk.Date) (claimdesk.ClaimStatus, *claimdesk.Outcome) {
	x := g.r.IntN(100)
	switch {
	case age <= 3:
		return claimdesk.StatusDraft, nil
	case age <= 10:
		if x < 50 {
			return claimdesk.StatusReady, nil
		}
		return claimdesk.StatusDraft, nil
	case age <= 30:
		return claimdesk.StatusSubmitted, nil
	}
	paidOn := dos.AddDays(21 + g.r.IntN(10))
	switch {
	case x < 55:
		allowed := total * 72 / 100
		pr := allowed / 5
		return claimdesk.StatusPaid, &claimdesk.Outcome{Kind: claimdesk.OutcomePaid, Date: paidOn, Paid: allowed - pr,
			Adjustments:      []claimdesk.Adjustment{{Group: claimdesk.GroupCO, Reason: "45", Amount: total - allowed}, {Group: claimdesk.GroupPR, Reason: "2", Amount: pr}},
			PayerClaimNumber: "ICN" + g.digits(10)}
	case x < 70:
		paid := total * 40 / 100
		return claimdesk.StatusPartial, &claimdesk.Outcome{Kind: claimdesk.OutcomePaid, Date: paidOn, Paid: paid,
			Adjustments:      []claimdesk.Adjustment{{Group: claimdesk.GroupCO, Reason: "45", Amount: total * 20 / 100}},
			PayerClaimNumber: "ICN" + g.digits(10)}
	case x < 82:
		reasons := []string{"16", "50", "197", "97"}
		return claimdesk.StatusDenied, &claimdesk.Outcome{Kind: claimdesk.OutcomeDenied, Date: paidOn,
			Adjustments:      []claimdesk.Adjustment{{Group: claimdesk.GroupCO, Reason: reasons[g.r.IntN(len(reasons))], Amount: total}},
			Remarks:          []string{"N115"},
			PayerClaimNumber: "ICN" + g.digits(10)}
	case x < 88:
		return claimdesk.StatusRejected, &claimdesk.Outcome{Kind: claimdesk.OutcomeRejected, Date: dos.AddDays(3),
			Message: "Subscriber ID not found for date of service"}
	}
	return claimdesk.StatusSubmitted, nil
}
