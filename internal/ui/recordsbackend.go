package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// deskRecords is the records backend over a billing.Desk. Code-set look-ups
// go to the store's CodeService when the desk's store offers one.
type deskRecords struct{ d *billing.Desk }

var errNotReady = claimdesk.Errorf(claimdesk.EConflict, "this part of ClaimDesk is not available in this build yet")

func (b deskRecords) codes() (claimdesk.CodeService, error) {
	if b.d == nil || b.d.Codes == nil {
		return nil, errNotReady
	}
	return b.d.Codes, nil
}

// PrintClaims implements recordsBackend: the printer offsets come from
// the settings, the mode from the print dialog.
func (b deskRecords) PrintClaims(ctx context.Context, ids []int64, w io.Writer, mode string, progress func(done, total int)) error {
	opt, err := b.d.PrintOptionsFromSettings(ctx)
	if err != nil {
		return err
	}
	opt.Mode = mode
	return b.d.WriteClaimsPDF(ctx, ids, w, opt, progress)
}

// PrintAlignment implements recordsBackend.
func (b deskRecords) PrintAlignment(ctx context.Context, w io.Writer) error {
	opt, err := b.d.PrintOptionsFromSettings(ctx)
	if err != nil {
		return err
	}
	return billing.WriteAlignmentPDF(w, opt)
}

// ImportCodeFiles implements recordsBackend.
func (b deskRecords) ImportCodeFiles(ctx context.Context, paths []string, progress func(done, total int)) (string, error) {
	res, err := b.d.ImportCodeFiles(ctx, paths, nil, progress)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, r := range res {
		switch {
		case r.Result.Already:
			parts = append(parts, fmt.Sprintf("%s: already imported", r.Result.Release.Name))
		case r.Procedures > 0:
			parts = append(parts, fmt.Sprintf("%s: %d procedures", r.File, r.Procedures))
		default:
			parts = append(parts, fmt.Sprintf("%s: %d codes, %d notes", r.Result.Release.Name, r.Result.Codes, r.Result.Notes))
		}
	}
	if len(parts) == 0 {
		return "no code set files found in that folder", nil
	}
	return strings.Join(parts, "; "), nil
}

// ImportStarterCodes implements recordsBackend.
func (b deskRecords) ImportStarterCodes(ctx context.Context) (string, error) {
	res, err := b.d.ImportStarter(ctx)
	if err != nil {
		return "", err
	}
	n := 0
	for _, r := range res {
		n += r.Codes
	}
	return fmt.Sprintf("%d codes", n), nil
}

// Releases implements recordsBackend.
func (b deskRecords) Releases(ctx context.Context) ([]claimdesk.Release, error) {
	cs, err := b.codes()
	if err != nil {
		return nil, err
	}
	return cs.Releases(ctx)
}

// SearchCodes implements recordsBackend.
func (b deskRecords) SearchCodes(ctx context.Context, q string, limit int) ([]codeHit, error) {
	hits, err := b.d.SearchCodes(ctx, q, codesearch.Options{Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]codeHit, len(hits))
	for i, h := range hits {
		out[i] = codeHit{System: h.System, Code: h.Code, Title: h.Title, Billable: h.Billable, Matched: h.Matched, Term: h.Term}
	}
	return out, nil
}

// ShowCode implements recordsBackend.
func (b deskRecords) ShowCode(ctx context.Context, system claimdesk.CodeSystem, code string) (billing.CodeDetail, error) {
	return b.d.ShowCode(ctx, system, code, claimdesk.Date{})
}

// Procedures implements recordsBackend.
func (b deskRecords) Procedures(ctx context.Context) ([]claimdesk.Procedure, error) {
	cs, err := b.codes()
	if err != nil {
		return nil, err
	}
	return cs.Procedures(ctx)
}

// AddProcedure implements recordsBackend.
func (b deskRecords) AddProcedure(ctx context.Context, code, desc, fee string) (claimdesk.Procedure, error) {
	return b.d.AddProcedure(ctx, code, desc, fee)
}
