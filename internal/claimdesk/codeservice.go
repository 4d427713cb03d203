package claimdesk

import (
	"context"
	"strings"
	"time"
)

// CodeEntry is one code as read from an official file, with the fields
// the store keeps besides the Code itself.
type CodeEntry struct {
	Code
	// Order is the code's position in the file (the ICD-10-CM order
	// number, the HCPCS record number); it keeps tabular order.
	Order int `json:"order,omitempty"`
	// Added is the HCPCS add date (first day the code could be used).
	Added Date `json:"added,omitzero"`
	// ActionEffective is the HCPCS action effective date.
	ActionEffective Date `json:"action_effective,omitzero"`
	// Action is the HCPCS action code (A add, C change, D discontinue,
	// N no change, P payment change, S, T, ...).
	Action string `json:"action,omitempty"`
}

// IndexTerm is one flattened Alphabetic Index entry: "Diabetes, type 2,
// with, hyperglycemia" leading to E11.65. It is a searchable synonym of
// its code.
type IndexTerm struct {
	// Term is the main term and its subterms joined by ", ", without the
	// nonessential modifiers in parentheses.
	Term string `json:"term"`
	// Code is written as coders write it (E11.65); a header code
	// ("S52.5") when the index points at an incomplete code.
	Code string `json:"code"`
	// Source is "index" (Index to Diseases and Injuries), "eindex"
	// (External Cause Index), "drug" (Table of Drugs and Chemicals: the
	// column heading ends the term) or "neoplasm" (Neoplasm Table).
	Source string `json:"source"`
	// Release is the release whose index the term was read from.
	Release string `json:"release,omitempty"`
}

// CodeGroup is a chapter or block (section) of the Tabular List; its
// notes apply to every code in it.
type CodeGroup struct {
	// Node names the group as notes refer to it: "Chapter 4" or the block
	// range "E08-E13".
	Node  string `json:"node"`
	Title string `json:"title"`
	// Chapter is the chapter node a block belongs to ("" for a chapter).
	Chapter string `json:"chapter,omitempty"`
	// Categories lists the 3-character categories in the group.
	Categories []string `json:"categories,omitempty"`
}

// NoteImport records a Tabular or Index file applied to a release.
type NoteImport struct {
	// Target is the release the notes or terms attach to.
	Target string `json:"target"`
	// Kind is tabular, index, eindex, drug or neoplasm.
	Kind string `json:"kind"`
	// Name is the release the file comes from (e.g. ICD-10-CM FY2021).
	Name     string    `json:"name"`
	Source   string    `json:"source"`
	SHA256   string    `json:"sha256"`
	Imported time.Time `json:"imported"`
	Notes    int       `json:"notes,omitempty"`
	Terms    int       `json:"terms,omitempty"`
}

// PlaceOfService is one CMS Place of Service code.
type PlaceOfService struct {
	Code        string `json:"code"` // two digits
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Modifier is one HCPCS Level II modifier.
type Modifier struct {
	Code       string `json:"code"` // two characters
	Title      string `json:"title"`
	Short      string `json:"short,omitempty"`
	Effective  Date   `json:"effective,omitzero"`
	Terminated Date   `json:"terminated,omitzero"`
	Release    string `json:"release,omitempty"`
}

// Procedure is one entry of the practice's own procedure list: a code in
// CPT format with the practice's own description and default fee.
type Procedure struct {
	Code  string `json:"code"`
	Short string `json:"short"`
	Fee   Cents  `json:"fee"`
}

// ImportResult tells what an import did.
type ImportResult struct {
	Release Release `json:"release"`
	// Already is true when a file with the same SHA-256 was imported
	// before; nothing changed.
	Already bool `json:"already,omitempty"`
	// Replaced is true when an HCPCS or CPT release of the same name from
	// another file (a corrected quarterly file, the practice's updated CPT
	// file) was replaced by this one.
	Replaced bool `json:"replaced,omitempty"`
	Codes    int  `json:"codes,omitempty"`
	Notes    int  `json:"notes,omitempty"`
	Terms    int  `json:"terms,omitempty"`
	// Skipped counts notes and index terms dropped because their code is
	// not in the target release.
	Skipped int `json:"skipped,omitempty"`
}

// CodeSet is everything read from one official file, ready to store. A
// file fills the parts it carries: an order file Codes, an HCPCS file
// Codes and Modifiers, a Tabular XML Notes and Groups, an index Terms.
type CodeSet struct {
	Release   Release
	Codes     []CodeEntry
	Modifiers []Modifier
	// Notes maps the node a note is written on (a code such as "E11", or
	// a CodeGroup node) to its notes in file order.
	Notes  map[string][]Note
	Groups []CodeGroup
	Terms  []IndexTerm
	POS    []PlaceOfService
}

// CodeService stores code set releases and answers code look-ups. Several
// releases of a system coexist; a look-up on a date uses the release that
// covers the date and started last.
type CodeService interface {
	// Releases lists every imported release, newest first.
	Releases(ctx context.Context) ([]Release, error)
	// ImportCodeSet stores a release's codes (and modifiers, POS) in one
	// transaction. Importing a file whose SHA-256 is already recorded
	// changes nothing and returns Already; so does another file of an
	// ICD-10-CM or POS release already imported, while one of an HCPCS or
	// CPT release replaces it (Replaced). progress may be nil.
	ImportCodeSet(ctx context.Context, cs *CodeSet, progress func(done, total int)) (ImportResult, error)
	// ImportNotes attaches a Tabular or Index release's notes, groups and
	// index terms to the target release: only to codes that exist in it.
	// Each note keeps its source release name.
	ImportNotes(ctx context.Context, target int64, cs *CodeSet, progress func(done, total int)) (ImportResult, error)
	// Code returns the code valid on date (zero date: the newest release);
	// an *Error with ENotFound when no release covering date has it.
	Code(ctx context.Context, system CodeSystem, code string, date Date) (Code, error)
	// Notes returns the notes that apply to an ICD-10-CM code on date:
	// its own and those inherited from its ancestors, nearest first.
	Notes(ctx context.Context, code string, date Date) ([]Note, error)
	Procedures(ctx context.Context) ([]Procedure, error)
	AddProcedure(ctx context.Context, p Procedure) error
	// ImportProcedures adds or replaces procedure list entries in one
	// transaction.
	ImportProcedures(ctx context.Context, ps []Procedure) error
	Modifiers(ctx context.Context, date Date) ([]Modifier, error)
	PlacesOfService(ctx context.Context) ([]PlaceOfService, error)
	// LoadCodeSets streams everything a search index needs, for the
	// releases in effect on date (zero: the newest of each system; a date
	// past the end of every release of a system: the newest that started
	// by then): see CodeVisitor. It reads in one snapshot.
	LoadCodeSets(ctx context.Context, date Date, v CodeVisitor) error
}

// CodeVisitor receives LoadCodeSets' rows; nil fields are not loaded (and
// their rows not read). Strings handed over are fresh, safe to keep.
type CodeVisitor struct {
	// Release is called first, once per release loaded.
	Release func(Release)
	// Code is called for every ICD-10-CM, HCPCS and CPT code of the loaded
	// releases (HCPCS codes only when valid on date), in code order per
	// release (Order gives file order), then for the practice's procedures (System
	// SystemProcedure, Fee set).
	Code func(CodeEntry)
	// Term is called for every Alphabetic Index term of the loaded
	// ICD-10-CM release.
	Term func(IndexTerm)
	// Note is called for every note of the loaded ICD-10-CM release, with
	// the node it is written on (a code, a block or a chapter).
	Note func(node string, n Note)
	// Group is called for every chapter and block; a block lists its
	// categories, a chapter none (its blocks name it in Chapter).
	Group func(CodeGroup)
}

// DottedICD writes an ICD-10-CM code as coders do: a dot after the
// category (E1165 → E11.65). Codes of 3 characters or less and codes that
// already have a dot are returned unchanged (in upper case).
func DottedICD(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) <= 3 || strings.Contains(code, ".") {
		return code
	}
	return code[:3] + "." + code[3:]
}

// ICDAncestors returns the nodes above an ICD-10-CM code by prefix,
// nearest first: S52.521A → S52.521, S52.52, S52.5, S52.
func ICDAncestors(code string) []string {
	code = DottedICD(code)
	var out []string
	for n := len(code) - 1; n >= 3; n-- {
		p := strings.TrimSuffix(code[:n], ".")
		if len(p) < 3 || (len(out) > 0 && out[len(out)-1] == p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Inherited reports whether a note kind written on a node applies to the
// codes below it. Following the ICD-10-CM conventions, instructional
// notes (includes, excludes, code first, use additional, code also, notes)
// and 7th-character definitions apply to every code below the chapter,
// block, category or subcategory they are written on; inclusion terms
// describe the code they are written on only.
func (k NoteKind) Inherited() bool { return k != NoteInclusion }

// EffectiveNotes merges the notes of chain (the code itself first, then
// its ancestors nearest first, then its block and chapter nodes) from
// notes: the code's own notes, then the inherited kinds of its ancestors.
// Each Note's From names the node it is written on.
func EffectiveNotes(chain []string, notes func(node string) []Note) []Note {
	var out []Note
	for i, node := range chain {
		for _, n := range notes(node) {
			if i > 0 && !n.Kind.Inherited() {
				continue
			}
			if n.From == "" {
				n.From = node
			}
			out = append(out, n)
		}
	}
	return out
}
