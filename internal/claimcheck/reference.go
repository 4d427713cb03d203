package claimcheck

import "claimdesk/internal/claimdesk"

// ICDCode is what the checks need to know of one ICD-10-CM code or header.
type ICDCode struct {
	// Code is normalised: upper case, no dot (E1165).
	Code     string
	Title    string
	Billable bool
}

// ICDSet is one ICD-10-CM release. Codes passed in are normalised (upper
// case, no dot).
type ICDSet interface {
	// Name names the release, e.g. "ICD-10-CM FY2026".
	Name() string
	// Lookup returns the code or header; ok is false when the release has no
	// such code.
	Lookup(code string) (c ICDCode, ok bool)
	// Completions returns up to max billable codes that start with code (in
	// tabular order) and how many there are in all.
	Completions(code string, max int) (first []ICDCode, total int)
	// Notes returns the Tabular notes of one kind that apply to code: its
	// own, then the inherited ones of its ancestors, block and chapter
	// (nearest first), each with From naming the node it is written on.
	Notes(code string, kind claimdesk.NoteKind) []claimdesk.Note
}

// ICDReleases chooses the ICD-10-CM release for a date of service.
type ICDReleases interface {
	// ICDFor returns the release valid on d with covered true; when no
	// loaded release covers d it returns the nearest one (the newest for a
	// date after every release) with covered false, and nil when none is
	// loaded at all.
	ICDFor(d claimdesk.Date) (set ICDSet, covered bool)
}

// ProcedureInfo is what the checks need to know of a procedure code.
type ProcedureInfo struct {
	Code   string
	Title  string
	System claimdesk.CodeSystem // hcpcs, cpt or proc (the practice's list)
	// Added is the first day the code may be used (zero: unknown);
	// Terminated the last day (zero: still valid).
	Added      claimdesk.Date
	Terminated claimdesk.Date
}

// Procedures looks procedure codes up in HCPCS Level II, the imported CPT
// file and the practice's procedure list.
type Procedures interface {
	Procedure(code string) (ProcedureInfo, bool)
}

// CPTSource is implemented by Procedures that can tell whether any CPT
// code (CPT file or procedure list) is loaded at all; when none is, CPT
// codes are reported as unverified (a warning) rather than unknown.
type CPTSource interface {
	HasCPT() bool
}

// Modifiers looks modifiers up in the HCPCS modifier table (the checks add
// the common CPT modifiers themselves).
type Modifiers interface {
	Modifier(code string) (title string, ok bool)
}

// Places looks places of service up in the CMS list.
type Places interface {
	Place(code string) (name string, ok bool)
}

// Fees looks up the practice's fee schedule: the charge per unit for code
// with modifier, falling back to the code without modifier.
type Fees interface {
	Fee(code, modifier string) (claimdesk.Cents, bool)
}

// Reference is the reference data the checks use. Any part may be nil:
// the rules needing it are then skipped (a missing ICD-10-CM code set gives
// one warning, so a claim is never passed silently unchecked).
type Reference struct {
	ICD        ICDReleases
	Procedures Procedures
	Modifiers  Modifiers
	Places     Places
	Fees       Fees
}
