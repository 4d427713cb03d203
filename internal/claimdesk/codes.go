package claimdesk

import "time"

// CodeSystem names a code set.
type CodeSystem string

// Code systems. Procedure is the practice's own procedure list (CPT-format
// codes with the practice's own descriptions) for practices without a
// licensed CPT file.
const (
	SystemICD10CM   CodeSystem = "icd10cm"
	SystemHCPCS     CodeSystem = "hcpcs"
	SystemCPT       CodeSystem = "cpt"
	SystemProcedure CodeSystem = "proc"
	SystemModifier  CodeSystem = "modifier"
	SystemPOS       CodeSystem = "pos"
)

// Release is one imported edition of a code set, valid for a date range.
type Release struct {
	ID        int64      `json:"id,omitempty"`
	System    CodeSystem `json:"system"`
	Name      string     `json:"name"` // e.g. "ICD-10-CM FY2026"
	ValidFrom Date       `json:"valid_from"`
	ValidTo   Date       `json:"valid_to,omitempty"` // zero: open-ended
	Source    string     `json:"source"`             // file name
	SHA256    string     `json:"sha256"`
	Imported  time.Time  `json:"imported,omitzero"`
}

// Covers reports whether the release is valid on day d.
func (r Release) Covers(d Date) bool {
	if d.Before(r.ValidFrom) {
		return false
	}
	return r.ValidTo.IsZero() || !d.After(r.ValidTo)
}

// NoteKind is the kind of an official Tabular note.
type NoteKind string

// Tabular note kinds.
const (
	NoteInclusion     NoteKind = "inclusionTerm"
	NoteIncludes      NoteKind = "includes"
	NoteExcludes1     NoteKind = "excludes1"
	NoteExcludes2     NoteKind = "excludes2"
	NoteCodeFirst     NoteKind = "codeFirst"
	NoteUseAdditional NoteKind = "useAdditionalCode"
	NoteCodeAlso      NoteKind = "codeAlso"
	NoteSeventhChar   NoteKind = "sevenChrDef"
	NoteSeventhNote   NoteKind = "sevenChrNote"
	NoteNotes         NoteKind = "notes"
)

// Note is one official note attached to a code, with the release it came
// from (which may differ from the code's release when notes were applied
// from another edition's XML).
type Note struct {
	Kind NoteKind `json:"kind"`
	Text string   `json:"text"`
	// Char is the 7th character a sevenChrDef note defines.
	Char string `json:"char,omitempty"`
	// From is the code the note is written on (the code itself or an
	// ancestor it is inherited from).
	From    string `json:"from"`
	Release string `json:"release"`
}

// Code is one code of a code set as ClaimDesk shows it.
type Code struct {
	System CodeSystem `json:"system"`
	// Code is written as coders write it: E11.65, J3301, 99213.
	Code     string `json:"code"`
	Title    string `json:"title"`
	Short    string `json:"short,omitempty"`
	Billable bool   `json:"billable"`
	// Release names the edition the code comes from.
	Release string `json:"release,omitempty"`
	// Effective and Terminated bound a HCPCS code's validity.
	Effective  Date `json:"effective,omitzero"`
	Terminated Date `json:"terminated,omitzero"`
	// Fee is the default fee of a practice procedure.
	Fee Cents `json:"fee,omitempty"`
}
