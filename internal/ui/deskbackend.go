package ui

import (
	"context"
	"io"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// deskBackend is the encounter backend over *billing.Desk.
type deskBackend struct{ d *billing.Desk }

var errNotAvailable = claimdesk.Errorf(claimdesk.EInternal, "this part of ClaimDesk is not available in this build")

// SearchCodes implements encounterBackend.
func (b deskBackend) SearchCodes(ctx context.Context, q string, systems []claimdesk.CodeSystem, dos claimdesk.Date, limit int) ([]codeHit, error) {
	return nil, errNotAvailable
}

// CodeNotes implements encounterBackend.
func (b deskBackend) CodeNotes(ctx context.Context, code string, dos claimdesk.Date) ([]claimdesk.Note, error) {
	return nil, errNotAvailable
}

// Completions implements encounterBackend.
func (b deskBackend) Completions(ctx context.Context, code string, dos claimdesk.Date, max int) ([]codeHit, int, error) {
	return nil, 0, errNotAvailable
}

// PlacesOfService implements encounterBackend.
func (b deskBackend) PlacesOfService(ctx context.Context) ([]claimdesk.PlaceOfService, error) {
	return nil, errNotAvailable
}

// CheckEncounter implements encounterBackend.
func (b deskBackend) CheckEncounter(ctx context.Context, e claimdesk.Encounter) (claimdesk.Findings, error) {
	return nil, errNotAvailable
}

// PrintClaim implements encounterBackend.
func (b deskBackend) PrintClaim(ctx context.Context, claimID int64, w io.Writer, mode string) error {
	return errNotAvailable
}
