package codesearch

import "claimdesk/internal/claimdesk"

// TermKind says where a synonym comes from.
type TermKind uint8

// Synonym kinds.
const (
	// TermIndex is an Alphabetic Index (or External Cause Index) term.
	TermIndex TermKind = iota + 1
	// TermInclusion is a Tabular inclusion term or Includes note.
	TermInclusion
)

// Entry is one code of one release as the index takes it.
type Entry struct {
	System claimdesk.CodeSystem
	// Code may be written with or without the dot (E11.65 or E1165).
	Code     string
	Title    string
	Short    string
	Billable bool
	// Release names the release of the entry's system in Source.Releases
	// it belongs to; empty means always valid (the practice's procedure
	// list).
	Release string
	// Effective and Terminated bound the code's own validity (HCPCS);
	// zero means unbounded.
	Effective  claimdesk.Date
	Terminated claimdesk.Date
	// Usage is how often the practice used the code; more used codes rank
	// higher.
	Usage int
}

// Synonym is a searchable text for a code: an Alphabetic Index term
// ("Attack, heart") or an inclusion term. It applies to every entry with
// that system and code, and to the ICD-10-CM codes below it (an index term
// pointing at the incomplete code S52.5- applies to S52.501A).
type Synonym struct {
	System claimdesk.CodeSystem
	Code   string
	Text   string
	Kind   TermKind
}

// Source is everything an Index is built from.
type Source struct {
	Releases []claimdesk.Release
	Entries  []Entry
	Synonyms []Synonym
}

// Options control one search. The zero value searches every system with
// the newest releases and returns DefaultLimit hits.
type Options struct {
	// System limits the search to one code system; "" or "all" searches
	// all.
	System claimdesk.CodeSystem
	// Limit is the most hits returned; 0 means DefaultLimit, and it is
	// capped at MaxLimit.
	Limit int
	// Date is the date of service; see the package doc for the release
	// policy. Zero means the newest releases.
	Date claimdesk.Date
	// BillableOnly drops headers (codes that are not valid on a claim).
	BillableOnly bool
	// Favourites are the practice's starred codes (any spelling; an empty
	// System stars the code in every system); those that match the query
	// rank first.
	Favourites []claimdesk.Favourite
}

// Search limits.
const (
	DefaultLimit = 20
	MaxLimit     = 500
	// MaxQueryLen is the longest query accepted, in bytes.
	MaxQueryLen = 256
)

// Reasons a hit matched (Hit.Matched).
const (
	MatchedCode         = "code"
	MatchedTitle        = "title"
	MatchedIndexTerm    = "index term"
	MatchedInclusion    = "inclusion term"
	MatchedAbbreviation = "abbreviation"
	MatchedTypo         = "typo"
)

// Hit is one search result.
type Hit struct {
	System claimdesk.CodeSystem `json:"system"`
	// Code is written as coders write it: E11.65, J3301.
	Code     string `json:"code"`
	Title    string `json:"title"`
	Billable bool   `json:"billable"`
	// Matched says why the code matched: code, title, index term,
	// inclusion term, abbreviation or typo.
	Matched string `json:"matched"`
	// Term is the index or inclusion term that matched, when not the title.
	Term string `json:"-"`
	// Score orders the hits (higher first); only its order means anything.
	Score float64 `json:"-"`
}
