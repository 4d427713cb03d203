package claimcheck

import (
	"claimdesk/internal/claimdesk"
)

// Small synthetic reference for the rule tests: a few real ICD-10-CM
// FY2026 codes with their official titles and Tabular notes, HCPCS codes,
// a practice procedure list, modifiers, places of service and fees. The
// full official files are used by the corpus tests (corpus_test.go).

var (
	today  = claimdesk.MustDate("2026-11-23")
	fy2026 = claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026", ValidFrom: claimdesk.MustDate("2025-10-01"), ValidTo: claimdesk.MustDate("2026-09-30")}
)

func icd(code, title string, billable bool) claimdesk.CodeEntry {
	return claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemICD10CM, Code: code, Title: title, Billable: billable}}
}

func hcpcs(code, title string, added, term string) claimdesk.CodeEntry {
	e := claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemHCPCS, Code: code, Title: title, Billable: true}}
	if added != "" {
		e.Added = claimdesk.MustDate(added)
	}
	if term != "" {
		e.Terminated = claimdesk.MustDate(term)
	}
	return e
}

func testRef() *MemReference {
	m := NewMemReference()
	t := m.AddICD(fy2026, []claimdesk.CodeEntry{
		icd("E10", "Type 1 diabetes mellitus", false),
		icd("E10.9", "Type 1 diabetes mellitus without complications", true),
		icd("E11", "Type 2 diabetes mellitus", false),
		icd("E11.2", "Type 2 diabetes mellitus with kidney complications", false),
		icd("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease", true),
		icd("E11.4", "Type 2 diabetes mellitus with neurological complications", false),
		icd("E11.42", "Type 2 diabetes mellitus with diabetic polyneuropathy", true),
		icd("E11.6", "Type 2 diabetes mellitus with other specified complications", false),
		icd("E11.65", "Type 2 diabetes mellitus with hyperglycemia", true),
		icd("E11.9", "Type 2 diabetes mellitus without complications", true),
		icd("G63", "Polyneuropathy in diseases classified elsewhere", true),
		icd("I10", "Essential (primary) hypertension", true),
		icd("J02", "Acute pharyngitis", false),
		icd("J02.0", "Streptococcal pharyngitis", true),
		icd("J02.9", "Acute pharyngitis, unspecified", true),
		icd("N18", "Chronic kidney disease (CKD)", false),
		icd("N18.3", "Chronic kidney disease, stage 3 (moderate)", false),
		icd("N18.30", "Chronic kidney disease, stage 3 unspecified", true),
		icd("N40", "Benign prostatic hyperplasia", false),
		icd("N40.0", "Benign prostatic hyperplasia without lower urinary tract symptoms", true),
		icd("O80", "Encounter for full-term uncomplicated delivery", true),
		icd("P59", "Neonatal jaundice from other and unspecified causes", false),
		icd("P59.9", "Neonatal jaundice, unspecified", true),
		icd("P70", "Transitory disorders of carbohydrate metabolism specific to newborn", false),
		icd("P70.2", "Neonatal diabetes mellitus", true),
		icd("R50", "Fever of other and unknown origin", false),
		icd("R50.9", "Fever, unspecified", true),
		icd("S93", "Dislocation and sprain of joints and ligaments at ankle, foot and toe level", false),
		icd("S93.4", "Sprain of ankle", false),
		icd("S93.40", "Sprain of unspecified ligament of ankle", false),
		icd("S93.401", "Sprain of unspecified ligament of right ankle", false),
		icd("S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter", true),
		icd("S93.401D", "Sprain of unspecified ligament of right ankle, subsequent encounter", true),
		icd("S93.401S", "Sprain of unspecified ligament of right ankle, sequela", true),
		icd("S93.402", "Sprain of unspecified ligament of left ankle", false),
		icd("S93.402A", "Sprain of unspecified ligament of left ankle, initial encounter", true),
		icd("S93.402D", "Sprain of unspecified ligament of left ankle, subsequent encounter", true),
		icd("S93.402S", "Sprain of unspecified ligament of left ankle, sequela", true),
		icd("T78.40", "Allergy, unspecified", false),
		icd("T78.40XA", "Allergy, unspecified, initial encounter", true),
		icd("W19", "Unspecified fall", false),
		icd("W19.XXXA", "Unspecified fall, initial encounter", true),
		icd("Z00.00", "Encounter for general adult medical examination without abnormal findings", true),
		icd("Z34.00", "Encounter for supervision of normal first pregnancy, unspecified trimester", true),
	})
	t.AddNotes("ICD-10-CM FY2021", map[string][]claimdesk.Note{
		"E10": {{Kind: claimdesk.NoteExcludes1, Text: "type 2 diabetes mellitus (E11.-)"}},
		"E11": {
			{Kind: claimdesk.NoteExcludes1, Text: "diabetes mellitus due to underlying condition (E08.-)"},
			{Kind: claimdesk.NoteExcludes1, Text: "type 1 diabetes mellitus (E10.-)"},
			{Kind: claimdesk.NoteUseAdditional, Text: "code to identify control using: insulin (Z79.4)"},
		},
		"Chapter 4": {{Kind: claimdesk.NoteExcludes1, Text: "transitory endocrine and metabolic disorders specific to newborn (P70-P74)"}},
		"G63": {
			{Kind: claimdesk.NoteCodeFirst, Text: "underlying disease, such as:"},
			{Kind: claimdesk.NoteCodeFirst, Text: "amyloidosis (E85.-)"},
			{Kind: claimdesk.NoteExcludes1, Text: "polyneuropathy (in):  diabetes mellitus (E08-E13 with .42)"},
		},
		"N18": {
			{Kind: claimdesk.NoteCodeFirst, Text: "any associated:"},
			{Kind: claimdesk.NoteCodeFirst, Text: "diabetic chronic kidney disease (E08.22, E09.22, E10.22, E11.22, E13.22)"},
		},
		"J02": {{Kind: claimdesk.NoteExcludes2, Text: "acute laryngopharyngitis (J06.0)"}},
	}, []claimdesk.CodeGroup{
		{Node: "E08-E13", Chapter: "Chapter 4", Categories: []string{"E10", "E11"}},
		{Node: "Chapter 4"},
	})
	hc := claimdesk.Release{System: claimdesk.SystemHCPCS, Name: "HCPCS 2026 January", ValidFrom: claimdesk.MustDate("2026-01-01")}
	m.AddProcedureCodes(hc, []claimdesk.CodeEntry{
		hcpcs("J0696", "Injection, ceftriaxone sodium, per 250 mg", "1994-01-01", ""),
		hcpcs("G0438", "Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit", "2011-01-01", ""),
		hcpcs("E0114", "Crutches underarm, other than wood, adjustable or fixed, pair, with pad, tip and handgrip", "1986-01-01", ""),
		hcpcs("G9999", "Discontinued test code", "2020-01-01", "2025-12-31"),
		hcpcs("G0998", "New test code", "2027-01-01", ""),
	})
	for _, p := range []claimdesk.Procedure{
		{Code: "99203", Short: "Office visit new patient low", Fee: 180_00},
		{Code: "99213", Short: "Office visit established low", Fee: 150_00},
		{Code: "99214", Short: "Office visit established moderate", Fee: 210_00},
		{Code: "99244", Short: "Office consult moderate", Fee: 260_00},
		{Code: "99396", Short: "Preventive visit 40-64 established", Fee: 240_00},
		{Code: "87880", Short: "Rapid strep test", Fee: 35_00},
		{Code: "80053", Short: "Comprehensive metabolic panel", Fee: 45_00},
		{Code: "93000", Short: "ECG with interpretation", Fee: 60_00},
		{Code: "11102", Short: "Tangential skin biopsy single", Fee: 140_00},
		{Code: "20610", Short: "Major joint injection", Fee: 120_00},
		{Code: "96372", Short: "Therapeutic injection IM/SC", Fee: 40_00},
		{Code: "71046", Short: "Chest x-ray 2 views", Fee: 95_00},
	} {
		m.AddProcedure(p)
	}
	m.SetFee("J0696", "", 30_00)
	m.AddModifiers([]claimdesk.Modifier{{Code: "LT", Title: "Left side"}, {Code: "RT", Title: "Right side"}, {Code: "QW", Title: "CLIA waived test"}, {Code: "XU", Title: "Unusual non-overlapping service"}, {Code: "GT", Title: "Telehealth"}})
	m.AddPlaces([]claimdesk.PlaceOfService{{Code: "02", Name: "Telehealth"}, {Code: "11", Name: "Office"}, {Code: "12", Name: "Home"}, {Code: "21", Name: "Inpatient Hospital"}, {Code: "22", Name: "On Campus-Outpatient Hospital"}, {Code: "23", Name: "Emergency Room – Hospital"}})
	return m
}

// npi makes a valid NPI from 9 digits.
func npi(first9 string) string { return first9 + string(claimdesk.NPICheckDigit(first9)) }

// cleanClaim is a correct commercial claim: an office visit and a rapid
// strep test for a fictional adult patient, DOS inside FY2026.
func cleanClaim() claimdesk.ClaimData {
	dos := claimdesk.MustDate("2026-08-14")
	return claimdesk.ClaimData{
		Claim: claimdesk.Claim{Status: claimdesk.StatusDraft, Frequency: "1", TotalCharge: 185_00},
		Practice: claimdesk.Practice{
			Name:    "Maple Street Family Medicine",
			Address: claimdesk.Address{Line1: "100 Maple Street", City: "Springfield", State: "IL", ZIP: "627011234"},
			Phone:   "2175550100", TaxID: "37-1234567", TaxIDType: claimdesk.TaxEIN, NPI: npi("123456789"),
		},
		Rendering: &claimdesk.Provider{Role: claimdesk.RoleRendering, Last: "Quill", First: "Ada", Credentials: "MD", NPI: npi("198765432")},
		Referring: &claimdesk.Provider{Role: claimdesk.RoleReferring, Last: "Quill", First: "Ada", Credentials: "MD", NPI: npi("198765432")},
		Payer: claimdesk.Payer{
			Name: "Prairie Health Plan", PlanType: claimdesk.PlanGroup, TimelyFilingDays: 180,
			Address: claimdesk.Address{Line1: "PO Box 4000", City: "Chicago", State: "IL", ZIP: "60601"},
		},
		Patient: claimdesk.Patient{Account: "A1042", Person: claimdesk.Person{
			Last: "Testperson", First: "Wendy", DOB: claimdesk.MustDate("1984-03-09"), Sex: claimdesk.SexFemale,
			Address: claimdesk.Address{Line1: "12 Elm Court", City: "Springfield", State: "IL", ZIP: "62704"},
		}},
		Policy: claimdesk.Policy{Priority: claimdesk.Primary, MemberID: "PHP123456789", GroupNumber: "GRP7700", Relationship: claimdesk.RelSelf},
		Encounter: claimdesk.Encounter{
			DateFrom: dos, DateTo: dos, POS: "11", ReferringQualifier: "DK",
			Diagnoses: []string{"J02.9", "R50.9"},
			Lines: []claimdesk.ServiceLine{
				{From: dos, To: dos, Code: "99213", Pointers: "AB", Units: claimdesk.WholeUnits(1), Charge: 150_00},
				{From: dos, To: dos, Code: "87880", Modifiers: []string{"QW"}, Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: 35_00},
			},
		},
	}
}

// medicareClaim is a correct Medicare claim for a fictional beneficiary.
func medicareClaim() claimdesk.ClaimData {
	c := cleanClaim()
	c.Payer = claimdesk.Payer{Name: "Medicare Part B", PlanType: claimdesk.PlanMedicare,
		Address: claimdesk.Address{Line1: "PO Box 6700", City: "Indianapolis", State: "IN", ZIP: "46206"}}
	c.Patient.DOB = claimdesk.MustDate("1952-05-17")
	c.Policy = claimdesk.Policy{Priority: claimdesk.Primary, MemberID: "1EG4TE5MK73", Relationship: claimdesk.RelSelf}
	c.Encounter.Diagnoses = []string{"E11.65", "I10"}
	return c
}

func rules(fs claimdesk.Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func hasRule(fs claimdesk.Findings, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
