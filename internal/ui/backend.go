package ui

import (
	"context"

	"claimdesk/internal/claimdesk"
)

// codeHit is one code search result as the screens show it.
type codeHit struct {
	System   claimdesk.CodeSystem
	Code     string
	Title    string
	Billable bool
	// Matched says why it matched (code, title, index term, typo …).
	Matched string
	// Term is the index or inclusion term that matched, when not the title.
	Term string
}

// encounterBackend is what the encounter desk needs besides the store's
// services on billing.Desk: code search, notes and completions, the places
// of service, the claim checks and printing. deskBackend adapts
// *billing.Desk; tests use a fake.
type encounterBackend interface {
	// SearchCodes searches the given systems (all when empty) with the
	// releases of the date of service.
	SearchCodes(ctx context.Context, q string, systems []claimdesk.CodeSystem, dos claimdesk.Date, limit int) ([]codeHit, error)
	// CodeNotes returns the Tabular notes of an ICD-10-CM code.
	CodeNotes(ctx context.Context, code string, dos claimdesk.Date) ([]claimdesk.Note, error)
	// Completions returns up to max billable codes below an ICD-10-CM
	// header and how many there are in all.
	Completions(ctx context.Context, code string, dos claimdesk.Date, max int) ([]codeHit, int, error)
	// PlacesOfService lists the CMS place of service codes.
	PlacesOfService(ctx context.Context) ([]claimdesk.PlaceOfService, error)
	// CheckEncounter runs the claim checks on an encounter as edited (not
	// yet saved), billed to its primary policy.
	CheckEncounter(ctx context.Context, e claimdesk.Encounter) (claimdesk.Findings, error)
	// PrintClaim writes one claim's CMS-1500 PDF to path (atomically) in
	// mode (form or plain), and then marks the claim submitted when asked.
	PrintClaim(ctx context.Context, claimID int64, path, mode string, markSubmitted bool) error
}
