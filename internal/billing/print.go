package billing

import (
	"context"
	"fmt"
	"io"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/cms1500"
)

// PrintOptions are the choices of a CMS-1500 print run.
type PrintOptions struct {
	// Mode is claimdesk.PrintModeForm (data only, for the red form) or
	// claimdesk.PrintModePlain (the whole form on plain paper).
	Mode string
	// OffsetX and OffsetY are the printer offsets in 1/100 inch (right and
	// down positive), normally from PrinterSettings.
	OffsetX, OffsetY int
	// MarkSubmitted marks every printed claim submitted once the PDF is
	// written.
	MarkSubmitted bool
}

func (o PrintOptions) render() (cms1500.Options, error) {
	ro := cms1500.Options{Mode: cms1500.Mode(o.Mode), OffsetX: o.OffsetX, OffsetY: o.OffsetY}
	if err := ro.Check(); err != nil {
		return ro, claimdesk.Errorf(claimdesk.EInvalid, "%s", err.Error())
	}
	return ro, nil
}

// PrintOptionsFromSettings returns the print options saved in settings
// (offsets and default mode).
func (d *Desk) PrintOptionsFromSettings(ctx context.Context) (PrintOptions, error) {
	p, err := d.PrinterSettings(ctx)
	if err != nil {
		return PrintOptions{}, err
	}
	return PrintOptions{Mode: p.Mode, OffsetX: p.OffsetX, OffsetY: p.OffsetY}, nil
}

// checkBeforePrint runs the claim checks on a claim about to be printed
// (the same guard as moving a claim to ready, see ReadyGuard): a claim
// with error findings is not printed.
func (d *Desk) checkBeforePrint(ctx context.Context, cd claimdesk.ClaimData) error {
	return d.ReadyGuard(ctx, cd)
}

// WriteClaimsPDF renders the claims ids, in order, as one CMS-1500 PDF on w:
// each claim's data comes from the store (Claims.ClaimData) and passes
// the claim checks first. progress (may be nil) is called after each
// claim; cancelling ctx stops the run. Nothing is marked submitted (see
// PrintClaims). The PDF is streamed: after an error w holds an incomplete
// file, so give it a temporary file that is renamed only on success.
func (d *Desk) WriteClaimsPDF(ctx context.Context, ids []int64, w io.Writer, opt PrintOptions, progress func(done, total int)) error {
	ro, err := opt.render()
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return claimdesk.Errorf(claimdesk.EInvalid, "choose at least one claim to print")
	}
	src := func(ctx context.Context, i int) (claimdesk.ClaimData, error) {
		cd, err := d.Claims.ClaimData(ctx, ids[i])
		if err != nil {
			return cd, fmt.Errorf("load claim %d: %w", ids[i], err)
		}
		if err := d.checkBeforePrint(ctx, cd); err != nil {
			return cd, fmt.Errorf("claim %d: %w", ids[i], err)
		}
		return cd, nil
	}
	err = cms1500.Batch(ctx, w, len(ids), src, cms1500.FillOptions{Date: d.Today()}, ro, progress)
	if err != nil {
		return err
	}
	d.log().Info("printed claims", "claims", len(ids), "mode", opt.Mode)
	return nil
}

// PrintClaims writes the claims' CMS-1500 PDF to path atomically (a
// half-written file never replaces an old one; see atomicfile) and, when
// opt.MarkSubmitted is set, then marks each claim submitted. Claims that
// cannot move to submitted (not ready) are refused before anything is
// written.
func (d *Desk) PrintClaims(ctx context.Context, ids []int64, path string, opt PrintOptions, progress func(done, total int)) error {
	if opt.MarkSubmitted {
		for _, id := range ids {
			c, err := d.Claims.Claim(ctx, id)
			if err != nil {
				return fmt.Errorf("load claim %d: %w", id, err)
			}
			if !c.Status.CanMove(claimdesk.StatusSubmitted) {
				return claimdesk.Errorf(claimdesk.EConflict, "claim %d is %s: only ready claims can be printed and marked submitted", id, c.Status.Label())
			}
		}
	}
	err := atomicfile.Write(path, func(w io.Writer) error {
		return d.WriteClaimsPDF(ctx, ids, w, opt, progress)
	})
	if err != nil {
		return err
	}
	if opt.MarkSubmitted {
		if _, err := d.SubmitClaims(ctx, ids, "printed on CMS-1500"); err != nil {
			return err
		}
	}
	return nil
}

// WriteAlignmentPDF writes the printer alignment test page (see
// cms1500.Document.AddAlignmentPage) on w.
func WriteAlignmentPDF(w io.Writer, opt PrintOptions) error {
	ro, err := opt.render()
	if err != nil {
		return err
	}
	doc, err := cms1500.NewDocument(w, ro)
	if err != nil {
		return err
	}
	if err := doc.AddAlignmentPage(); err != nil {
		return err
	}
	return doc.Close()
}

// PrintClaimData renders claims given as data (claim JSON, no database) on
// w: no checks are run and nothing is stored.
func PrintClaimData(ctx context.Context, claims []claimdesk.ClaimData, w io.Writer, today claimdesk.Date, opt PrintOptions) error {
	ro, err := opt.render()
	if err != nil {
		return err
	}
	src := func(ctx context.Context, i int) (claimdesk.ClaimData, error) { return claims[i], nil }
	return cms1500.Batch(ctx, w, len(claims), src, cms1500.FillOptions{Date: today}, ro, nil)
}
