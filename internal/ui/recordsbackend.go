package ui

import (
	"context"
	"io"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// deskRecords is the records backend over a billing.Desk. Code-set look-ups
// go to the store's CodeService when the desk's store offers one.
type deskRecords struct{ d *billing.Desk }

var errNotReady = claimdesk.Errorf(claimdesk.EConflict, "this part of ClaimDesk is not available in this build yet")

func (b deskRecords) codes() (claimdesk.CodeService, error) {
	if b.d == nil {
		return nil, errNotReady
	}
	if cs, ok := any(b.d.Practice).(claimdesk.CodeService); ok {
		return cs, nil
	}
	return nil, errNotReady
}

// PrintClaims implements recordsBackend.
func (b deskRecords) PrintClaims(ctx context.Context, ids []int64, w io.Writer, mode string, progress func(done, total int)) error {
	return errNotReady
}

// PrintAlignment implements recordsBackend.
func (b deskRecords) PrintAlignment(ctx context.Context, w io.Writer) error {
	return errNotReady
}

// ImportCodeFiles implements recordsBackend.
func (b deskRecords) ImportCodeFiles(ctx context.Context, paths []string, progress func(done, total int)) (string, error) {
	return "", errNotReady
}

// ImportStarterCodes implements recordsBackend.
func (b deskRecords) ImportStarterCodes(ctx context.Context) (string, error) {
	return "", errNotReady
}

// Releases implements recordsBackend.
func (b deskRecords) Releases(ctx context.Context) ([]claimdesk.Release, error) {
	cs, err := b.codes()
	if err != nil {
		return nil, err
	}
	return cs.Releases(ctx)
}

// Code implements recordsBackend.
func (b deskRecords) Code(ctx context.Context, system claimdesk.CodeSystem, code string) (claimdesk.Code, error) {
	cs, err := b.codes()
	if err != nil {
		return claimdesk.Code{}, err
	}
	return cs.Code(ctx, system, code, claimdesk.Date{})
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
func (b deskRecords) AddProcedure(ctx context.Context, p claimdesk.Procedure) error {
	cs, err := b.codes()
	if err != nil {
		return err
	}
	return cs.AddProcedure(ctx, p)
}
