package cms1500

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
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

// MaxOffset bounds the printer offsets, in 1/100 inch either way.
const MaxOffset = claimdesk.MaxPrintOffset

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
	pdf.SetCompression(false) // finishPDF compresses, reusing one compressor
	d := &Document{pdf: pdf, opt: opt, dx: float64(opt.OffsetX) * 0.72, dy: float64(opt.OffsetY) * 0.72}
	if opt.Mode == ModePlain {
		// Fonts are numbered in the order a document first uses them, and a
		// template refers to its fonts by those numbers: register them in the
		// template's order before drawing it.
		registerLabelFonts(pdf)
		d.bg = blankForm()
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
// scale it when printing (/ViewerPreferences /PrintScaling /None). Write
// may be called once.
func (d *Document) Write(w io.Writer) error {
	if d.pages == 0 {
		return fmt.Errorf("write PDF: no pages")
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("render PDF: %w", err)
	}
	return finishPDF(buf.Bytes(), w)
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

// finisher rewrites gofpdf's uncompressed output as it copies it to the
// writer: it compresses every stream with one reused zlib writer (gofpdf
// would make a new compressor, about 1 MB of allocations, per page), adds
// /ViewerPreferences << /PrintScaling /None >> to the catalog (gofpdf has
// no API for it), raises the header to PDF 1.6 (the version defining
// PrintScaling), and writes a new cross-reference table.
type finisher struct {
	w       *bufio.Writer
	n       int64 // bytes written
	offsets []int64
	zbuf    bytes.Buffer
	zw      *zlib.Writer
}

var errPDFLayout = errors.New("render PDF: unexpected gofpdf output")

func (f *finisher) write(b []byte) {
	f.w.Write(b)
	f.n += int64(len(b))
}

func (f *finisher) writeString(s string) {
	f.w.WriteString(s)
	f.n += int64(len(s))
}

// finishPDF copies the uncompressed PDF raw to w (see finisher).
func finishPDF(raw []byte, w io.Writer) error {
	f := &finisher{w: bufio.NewWriterSize(w, 64<<10)}
	nl := bytes.IndexByte(raw, '\n')
	if nl < 0 || !bytes.HasPrefix(raw, []byte("%PDF-1.")) {
		return errPDFLayout
	}
	f.writeString("%PDF-1.6\n")
	pos := nl + 1
	for !bytes.HasPrefix(raw[pos:], []byte("xref\n")) {
		// "N 0 obj\n"
		eol := bytes.IndexByte(raw[pos:], '\n')
		if eol < 0 {
			return errPDFLayout
		}
		head := raw[pos : pos+eol]
		num, ok := bytes.CutSuffix(head, []byte(" 0 obj"))
		n, err := strconv.Atoi(string(num))
		if !ok || err != nil || n <= 0 {
			return errPDFLayout
		}
		for len(f.offsets) <= n {
			f.offsets = append(f.offsets, -1)
		}
		f.offsets[n] = f.n
		body := pos + eol + 1
		end := bytes.Index(raw[body:], []byte("\nendobj\n"))
		st := bytes.Index(raw[body:], []byte("\nstream\n"))
		if end < 0 {
			return errPDFLayout
		}
		if st < 0 || st > end {
			// Not a stream: copy, adding the viewer preference to the catalog.
			obj := raw[body : body+end]
			f.write(raw[pos:body])
			if i := bytes.Index(obj, []byte("/Type /Catalog\n")); i >= 0 {
				i += len("/Type /Catalog\n")
				f.write(obj[:i])
				f.writeString("/ViewerPreferences << /PrintScaling /None >>\n")
				f.write(obj[i:])
			} else {
				f.write(obj)
			}
			f.writeString("\nendobj\n")
			pos = body + end + len("\nendobj\n")
			continue
		}
		dict := raw[body : body+st]
		data := body + st + len("\nstream\n")
		li := bytes.Index(dict, []byte("/Length "))
		if li < 0 {
			return errPDFLayout
		}
		le := li + len("/Length ")
		lj := le
		for lj < len(dict) && dict[lj] >= '0' && dict[lj] <= '9' {
			lj++
		}
		size, err := strconv.Atoi(string(dict[le:lj]))
		if err != nil || data+size > len(raw) || !bytes.HasPrefix(raw[data+size:], []byte("\nendstream\nendobj\n")) {
			return errPDFLayout
		}
		stream := raw[data : data+size]
		f.write(raw[pos:body])
		if bytes.Contains(dict, []byte("/Filter")) {
			f.write(raw[body:data])
			f.write(stream)
		} else {
			f.zbuf.Reset()
			if f.zw == nil {
				f.zw, _ = zlib.NewWriterLevel(&f.zbuf, zlib.BestSpeed)
			} else {
				f.zw.Reset(&f.zbuf)
			}
			f.zw.Write(stream)
			if err := f.zw.Close(); err != nil {
				return fmt.Errorf("render PDF: %w", err)
			}
			i := bytes.Index(dict, []byte("<<"))
			if i < 0 || i > li {
				return errPDFLayout
			}
			f.write(dict[:i+2])
			f.writeString("/Filter /FlateDecode ")
			f.write(dict[i+2 : le])
			f.writeString(strconv.Itoa(f.zbuf.Len()))
			f.write(dict[lj:])
			f.writeString("\nstream\n")
			f.write(f.zbuf.Bytes())
		}
		f.writeString("\nendstream\nendobj\n")
		pos = data + size + len("\nendstream\nendobj\n")
	}
	tr := bytes.Index(raw[pos:], []byte("trailer\n"))
	sx := bytes.LastIndex(raw, []byte("startxref\n"))
	if tr < 0 || sx < pos+tr {
		return errPDFLayout
	}
	xref := f.n
	var b []byte
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets))
	for n := 1; n < len(f.offsets); n++ {
		if f.offsets[n] < 0 {
			return errPDFLayout
		}
		b = fmt.Appendf(b, "%010d 00000 n \n", f.offsets[n])
	}
	f.write(b)
	f.write(raw[pos+tr : sx])
	f.writeString("startxref\n" + strconv.FormatInt(xref, 10) + "\n%%EOF\n")
	if err := f.w.Flush(); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
