package codesearch_test

import (
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// Synthetic releases: two ICD-10-CM releases (FY2025 and FY2026) and one
// HCPCS quarter. Titles are official FY2026 titles; the set is small and
// made up for the tests.
var (
	relFY25 = claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2025",
		ValidFrom: claimdesk.MustDate("2024-10-01"), ValidTo: claimdesk.MustDate("2025-09-30")}
	relFY26 = claimdesk.Release{System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026",
		ValidFrom: claimdesk.MustDate("2025-10-01"), ValidTo: claimdesk.MustDate("2026-09-30")}
	relHC = claimdesk.Release{System: claimdesk.SystemHCPCS, Name: "HCPCS 2026 Q1 (January)",
		ValidFrom: claimdesk.MustDate("2026-01-01")}
)

func icd(rel, code, title string, billable bool) codesearch.Entry {
	return codesearch.Entry{System: claimdesk.SystemICD10CM, Code: code, Title: title, Billable: billable, Release: rel}
}

// sampleSource is a small index source covering the search features.
func sampleSource() codesearch.Source {
	src := codesearch.Source{Releases: []claimdesk.Release{relFY25, relFY26, relHC}}
	for _, rel := range []string{relFY25.Name, relFY26.Name} {
		src.Entries = append(src.Entries,
			icd(rel, "E11", "Type 2 diabetes mellitus", false),
			icd(rel, "E11.65", "Type 2 diabetes mellitus with hyperglycemia", true),
			icd(rel, "E11.9", "Type 2 diabetes mellitus without complications", true),
			icd(rel, "I10", "Essential (primary) hypertension", true),
			icd(rel, "I15.9", "Secondary hypertension, unspecified", true),
			icd(rel, "I21.9", "Acute myocardial infarction, unspecified", true),
			icd(rel, "S52.5", "Fracture of lower end of radius", false),
			icd(rel, "S52.50", "Unspecified fracture of the lower end of radius", false),
			icd(rel, "S52.502", "Unspecified fracture of the lower end of left radius", false),
			icd(rel, "S52.502A", "Unspecified fracture of the lower end of left radius, initial encounter for closed fracture", true),
			icd(rel, "S52.502D", "Unspecified fracture of the lower end of left radius, subsequent encounter for closed fracture with routine healing", true),
			icd(rel, "S52.502S", "Unspecified fracture of the lower end of left radius, sequela", true),
			icd(rel, "T14.90", "Injury, unspecified", false),
			icd(rel, "T14.90XA", "Injury, unspecified, initial encounter", true),
		)
	}
	// A code new in FY2026.
	src.Entries = append(src.Entries, icd(relFY26.Name, "E11.A", "Type 2 diabetes mellitus without complications in remission", true))
	hc := func(code, title string, eff, term string) codesearch.Entry {
		e := codesearch.Entry{System: claimdesk.SystemHCPCS, Code: code, Title: title, Billable: true, Release: relHC.Name}
		e.Effective, _ = claimdesk.ParseDate(eff)
		e.Terminated, _ = claimdesk.ParseDate(term)
		return e
	}
	src.Entries = append(src.Entries,
		hc("J3301", "Injection, triamcinolone acetonide, not otherwise specified, 10 mg", "2000-01-01", ""),
		hc("J3300", "Injection, triamcinolone acetonide, preservative free, 1 mg", "2000-01-01", ""),
		hc("G0438", "Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit", "2011-01-01", ""),
		hc("G9999", "Retired sample measure", "2010-01-01", "2026-03-31"),
		codesearch.Entry{System: claimdesk.SystemProcedure, Code: "99213", Title: "Office visit, established, low", Billable: true},
	)
	src.Synonyms = []codesearch.Synonym{
		{System: claimdesk.SystemICD10CM, Code: "I10", Text: "Hypertension, hypertensive", Kind: codesearch.TermIndex},
		{System: claimdesk.SystemICD10CM, Code: "I21.9", Text: "Attack, heart", Kind: codesearch.TermIndex},
		{System: claimdesk.SystemICD10CM, Code: "S52.5", Text: "Fracture, radius, distal end", Kind: codesearch.TermIndex},
		{System: claimdesk.SystemICD10CM, Code: "Q99.9", Text: "a code in no release", Kind: codesearch.TermIndex},
		{System: claimdesk.SystemICD10CM, Code: "E11", Text: "diabetes NOS", Kind: codesearch.TermInclusion},
	}
	return src
}
