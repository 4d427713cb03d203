package ui

import (
	"context"
	"sort"
	"strings"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// deskBackend is the encounter backend over *billing.Desk.
type deskBackend struct{ d *billing.Desk }

var errNotAvailable = claimdesk.Errorf(claimdesk.EInternal, "this part of ClaimDesk is not available in this build")

// SearchCodes implements encounterBackend: one search per system, merged
// by score.
func (b deskBackend) SearchCodes(ctx context.Context, q string, systems []claimdesk.CodeSystem, dos claimdesk.Date, limit int) ([]codeHit, error) {
	return b.search(ctx, q, systems, dos, limit, false)
}

func (b deskBackend) search(ctx context.Context, q string, systems []claimdesk.CodeSystem, dos claimdesk.Date, limit int, billable bool) ([]codeHit, error) {
	if b.d == nil || b.d.Codes == nil {
		return nil, errNotAvailable
	}
	if len(systems) == 0 {
		systems = []claimdesk.CodeSystem{""}
	}
	var all []codesearch.Hit
	for _, sys := range systems {
		hits, err := b.d.SearchCodes(ctx, q, codesearch.Options{System: sys, Limit: limit, Date: dos, BillableOnly: billable})
		if err != nil {
			if claimdesk.ErrorCode(err) == claimdesk.EInvalid {
				return nil, nil // not a query yet (e.g. only punctuation)
			}
			return nil, err
		}
		all = append(all, hits...)
	}
	if len(systems) > 1 {
		sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	}
	if len(all) > limit {
		all = all[:limit]
	}
	out := make([]codeHit, len(all))
	for i, h := range all {
		out[i] = codeHit{System: h.System, Code: h.Code, Title: h.Title, Billable: h.Billable, Matched: h.Matched, Term: h.Term}
	}
	return out, nil
}

// CodeNotes implements encounterBackend.
func (b deskBackend) CodeNotes(ctx context.Context, code string, dos claimdesk.Date) ([]claimdesk.Note, error) {
	if b.d == nil || b.d.Codes == nil {
		return nil, errNotAvailable
	}
	notes, err := b.d.Codes.Notes(ctx, code, dos)
	if err == nil && len(notes) == 0 && !dos.IsZero() {
		// No release covers the date (e.g. a FY2027 date with FY2026
		// loaded): show the newest release's notes, as the search does.
		notes, err = b.d.Codes.Notes(ctx, code, claimdesk.Date{})
	}
	return notes, err
}

// Completions implements encounterBackend: the billable codes the search
// lists below a header code.
func (b deskBackend) Completions(ctx context.Context, code string, dos claimdesk.Date, max int) ([]codeHit, int, error) {
	hits, err := b.search(ctx, code, []claimdesk.CodeSystem{claimdesk.SystemICD10CM}, dos, max+1, true)
	if err != nil {
		return nil, 0, err
	}
	head := claimdesk.NormalizeICD(code)
	var out []codeHit
	for _, h := range hits {
		if h.Billable && strings.HasPrefix(claimdesk.NormalizeICD(h.Code), head) {
			out = append(out, h)
		}
	}
	n := len(out)
	if n > max {
		out = out[:max]
	}
	return out, n, nil
}

// PlacesOfService implements encounterBackend.
func (b deskBackend) PlacesOfService(ctx context.Context) ([]claimdesk.PlaceOfService, error) {
	if b.d == nil || b.d.Codes == nil {
		return nil, errNotAvailable
	}
	return b.d.Codes.PlacesOfService(ctx)
}

// CheckEncounter implements encounterBackend: the claim checks on the
// encounter as edited, billed to its primary policy.
func (b deskBackend) CheckEncounter(ctx context.Context, e claimdesk.Encounter) (claimdesk.Findings, error) {
	cd, err := b.d.EncounterClaimData(ctx, e)
	if err != nil {
		return nil, err
	}
	return b.d.CheckClaim(ctx, cd), nil
}

// PrintClaim implements encounterBackend.
func (b deskBackend) PrintClaim(ctx context.Context, claimID int64, path, mode string, markSubmitted bool) error {
	opt, err := b.d.PrintOptionsFromSettings(ctx)
	if err != nil {
		return err
	}
	opt.Mode, opt.MarkSubmitted = mode, markSubmitted
	return b.d.PrintClaims(ctx, []int64{claimID}, path, opt, nil)
}
