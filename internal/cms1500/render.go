package cms1500

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jung-kurt/gofpdf"

	"claimdesk/internal/claimdesk"
)

// Mode is what a render prints.
type Mode string

// Render modes.
const (
	// ModeForm prints the data only, in black Courier 12 pt (10 cpi) on the
	// form's grid, for the pre-printed red OCR form.
	ModeForm Mode = "form"
	// ModePlain draws the whole form in dropout red with the data on it,
	// for plain paper (a record copy, or payers that accept it).
	ModePlain Mode = "plain"
)

// ParseMode reads "form" or "plain".
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case ModeForm, ModePlain:
		return Mode(s), nil
	}
	return "", fmt.Errorf("mode %q: want form or plain", s)
}

// MaxOffset bounds the printer offsets, in 1/100 inch (one inch either way).
const MaxOffset = 100

// Options control a render.
type Options struct {
	Mode Mode
	// OffsetX and OffsetY move everything printed by this many 1/100 inch
	// to compensate for the printer: positive X moves right, positive Y
	// moves down. Find them with the alignment page.
	OffsetX, OffsetY int
}

// Check returns an error for an unknown mode or offsets beyond MaxOffset.
func (o Options) Check() error {
	if _, err := ParseMode(string(o.Mode)); err != nil {
		return err
	}
	if o.OffsetX < -MaxOffset || o.OffsetX > MaxOffset || o.OffsetY < -MaxOffset || o.OffsetY > MaxOffset {
		return fmt.Errorf("printer offsets must be between -%d and %d (1/100 inch)", MaxOffset, MaxOffset)
	}
	return nil
}

// pdfDate is the fixed creation date written into every PDF, so the same
// input always gives the same bytes.
var pdfDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Document is a PDF being built from CMS-1500 forms: Add forms (from any
// number of claims) and alignment pages, then Write it once.
type Document struct {
	pdf   *gofpdf.Fpdf
	opt   Options
	dx    float64
	dy    float64
	bg    gofpdf.Template
	pages int
}

// NewDocument starts a Letter-size PDF in points.
func NewDocument(opt Options) (*Document, error) {
	if err := opt.Check(); err != nil {
		return nil, err
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 612, Ht: 792}, OrientationStr: "P"})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(pdfDate)
	pdf.SetModificationDate(pdfDate)
	pdf.SetProducer("ClaimDesk", false)
	pdf.SetCreator("ClaimDesk", false)
	pdf.SetTitle("CMS-1500 (02/12) claims", false)
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	d := &Document{pdf: pdf, opt: opt, dx: float64(opt.OffsetX) * 0.72, dy: float64(opt.OffsetY) * 0.72}
	if opt.Mode == ModePlain {
		// Fonts are numbered in the order a document first uses them, and a
		// template refers to its fonts by those numbers: register them in the
		// template's order before drawing it.
		registerLabelFonts(pdf)
		d.bg = pdf.CreateTemplate(drawBlankForm)
	}
	return d, pdf.Error()
}

// Pages returns how many pages were added so far.
func (d *Document) Pages() int { return d.pages }

// Add appends one page per form.
func (d *Document) Add(forms ...Form) {
	for i := range forms {
		d.newPage()
		d.drawData(&forms[i])
	}
}

func (d *Document) newPage() {
	d.pdf.AddPage()
	d.pages++
	if d.bg != nil {
		if d.dx != 0 || d.dy != 0 {
			d.pdf.UseTemplateScaled(d.bg, gofpdf.PointType{X: d.dx, Y: d.dy}, gofpdf.SizeType{Wd: 612, Ht: 792})
		} else {
			d.pdf.UseTemplate(d.bg)
		}
	}
	d.pdf.SetFont("Courier", "", 12)
	d.pdf.SetTextColor(0, 0, 0)
}

// drawData prints a form's values on the grid: left-aligned values from
// the field's first column, right-aligned ones ending in its last column.
func (d *Document) drawData(f *Form) {
	f.Each(func(fld *Field, text string) {
		x := fld.XLeft
		if fld.Align == AlignRight {
			x = fld.XRight - cellW*float64(len(text))
		}
		d.pdf.Text(x+d.dx, fld.Baseline+d.dy, text)
	})
}

// Write finishes the PDF and writes it to w. The PDF asks viewers not to
// scale it when printing (/ViewerPreferences /PrintScaling /None).
func (d *Document) Write(w io.Writer) error {
	if d.pages == 0 {
		return fmt.Errorf("write PDF: no pages")
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("render PDF: %w", err)
	}
	out, err := noPrintScaling(buf.Bytes())
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// Render writes forms as one PDF: a convenience for Document.
func Render(w io.Writer, forms []Form, opt Options) error {
	d, err := NewDocument(opt)
	if err != nil {
		return err
	}
	d.Add(forms...)
	return d.Write(w)
}

// Source returns the i-th claim of a batch (0 ≤ i < n).
type Source func(ctx context.Context, i int) (claimdesk.ClaimData, error)

// Batch renders n claims into one PDF on w, each claim on as many forms as
// it needs. It calls progress(done, n) after each claim (progress may be
// nil), checks ctx between claims, and stops at the first error, naming
// the claim's position (never its data).
func Batch(ctx context.Context, w io.Writer, n int, src Source, fo FillOptions, opt Options, progress func(done, total int)) error {
	d, err := NewDocument(opt)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("print claims: %w", err)
		}
		cd, err := src(ctx, i)
		if err != nil {
			return fmt.Errorf("print claim %d of %d: %w", i+1, n, err)
		}
		forms, err := Fill(cd, fo)
		if err != nil {
			return fmt.Errorf("print claim %d of %d (id %d): %w", i+1, n, cd.Claim.ID, err)
		}
		d.Add(forms...)
		if progress != nil {
			progress(i+1, n)
		}
	}
	return d.Write(w)
}

// noPrintScaling adds /ViewerPreferences << /PrintScaling /None >> to the
// catalog of a PDF written by gofpdf (which has no API for it), moves the
// cross-reference offsets after the insertion, and raises the header to
// PDF 1.6, the version that defines PrintScaling.
func noPrintScaling(pdf []byte) ([]byte, error) {
	const key = "/Type /Catalog\n"
	ins := []byte("/ViewerPreferences << /PrintScaling /None >>\n")
	at := bytes.LastIndex(pdf, []byte(key))
	xrefAt := bytes.LastIndex(pdf, []byte("\nxref\n"))
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if at < 0 || xrefAt < at || sx < xrefAt {
		return nil, fmt.Errorf("render PDF: catalog or xref not found")
	}
	at += len(key)
	out := make([]byte, 0, len(pdf)+len(ins)+8)
	out = append(out, pdf[:at]...)
	out = append(out, ins...)
	// Copy up to the xref table, then rewrite its "nnnnnnnnnn ggggg n" rows.
	out = append(out, pdf[at:xrefAt+len("\nxref\n")]...)
	rest := pdf[xrefAt+len("\nxref\n") : sx]
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			nl = len(rest) - 1
		}
		line := rest[:nl+1]
		rest = rest[nl+1:]
		if len(line) >= 18 && line[17] == 'n' {
			off, err := strconv.Atoi(string(line[:10]))
			if err == nil && off > at {
				out = fmt.Appendf(out, "%010d", off+len(ins))
				out = append(out, line[10:]...)
				continue
			}
		}
		out = append(out, line...)
	}
	tail := pdf[sx+len("startxref\n"):]
	nl := bytes.IndexByte(tail, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("render PDF: startxref malformed")
	}
	old, err := strconv.Atoi(string(tail[:nl]))
	if err != nil {
		return nil, fmt.Errorf("render PDF: startxref malformed")
	}
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(old+len(ins)), 10)
	out = append(out, tail[nl:]...)
	for _, v := range []string{"%PDF-1.3", "%PDF-1.4", "%PDF-1.5"} {
		if bytes.HasPrefix(out, []byte(v)) {
			copy(out, "%PDF-1.6")
		}
	}
	return out, nil
}
