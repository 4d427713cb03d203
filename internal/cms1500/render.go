package cms1500

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
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

// chunkPages is how many pages gofpdf holds at a time: every chunkPages
// pages the chunk is written out and a new gofpdf document started, so a
// batch of any size needs the memory of one chunk.
const chunkPages = 100

// Document is a PDF being written: Add forms (from any number of claims)
// and alignment pages, then Close it. Pages are written to the writer in
// chunks as they are added (see chunkPages), so memory does not grow with
// the number of pages. After an error the writer holds an incomplete PDF:
// write to a temporary file and rename it only on success (atomicfile).
type Document struct {
	out   *pdfStream
	pdf   *gofpdf.Fpdf // the current chunk
	inPDF int          // pages in the current chunk
	opt   Options
	dx    float64
	dy    float64
	pages int
	err   error
}

// NewDocument starts a Letter-size PDF written to w.
func NewDocument(w io.Writer, opt Options) (*Document, error) {
	if err := opt.Check(); err != nil {
		return nil, err
	}
	d := &Document{out: newPDFStream(w), opt: opt, dx: float64(opt.OffsetX) * 0.72, dy: float64(opt.OffsetY) * 0.72}
	return d, nil
}

// newChunk starts a gofpdf document for the next pages.
func (d *Document) newChunk() {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 612, Ht: 792}, OrientationStr: "P"})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(pdfDate)
	pdf.SetModificationDate(pdfDate)
	pdf.SetProducer("ClaimDesk", false)
	pdf.SetCreator("ClaimDesk", false)
	pdf.SetTitle("CMS-1500 (02/12) claims", false)
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(false) // pdfStream compresses, reusing one compressor
	// Every chunk declares the same fonts, so the resources the last chunk
	// writes serve the pages of all of them.
	registerLabelFonts(pdf)
	pdf.SetFont("Courier", "", 12)
	d.pdf, d.inPDF = pdf, 0
}

// Pages returns how many pages were added so far.
func (d *Document) Pages() int { return d.pages }

// Add appends one page per form. An error (writing a finished chunk) is
// sticky: later calls do nothing and Close returns it.
func (d *Document) Add(forms ...Form) error {
	for i := range forms {
		if err := d.newPage(); err != nil {
			return err
		}
		d.drawData(&forms[i])
	}
	return d.err
}

func (d *Document) newPage() error {
	if d.err != nil {
		return d.err
	}
	if d.pdf != nil && d.inPDF == chunkPages {
		d.err = d.flush(false)
		if d.err != nil {
			return d.err
		}
	}
	if d.pdf == nil {
		d.newChunk()
	}
	d.pdf.AddPage()
	d.pages++
	d.inPDF++
	if d.opt.Mode == ModePlain {
		bg := blankForm()
		if d.dx != 0 || d.dy != 0 {
			d.pdf.UseTemplateScaled(bg, gofpdf.PointType{X: d.dx, Y: d.dy}, gofpdf.SizeType{Wd: 612, Ht: 792})
		} else {
			d.pdf.UseTemplate(bg)
		}
	}
	d.pdf.SetFont("Courier", "", 12)
	d.pdf.SetTextColor(0, 0, 0)
	return nil
}

// flush writes the current chunk's pages (and, for the last chunk, the
// shared resources and the document's end).
func (d *Document) flush(last bool) error {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("render PDF: %w", err)
	}
	d.pdf = nil
	return d.out.chunk(buf.Bytes(), last)
}

// Close writes the rest of the PDF. The PDF asks viewers not to scale it
// when printing (/ViewerPreferences /PrintScaling /None).
func (d *Document) Close() error {
	if d.err != nil {
		return d.err
	}
	if d.pages == 0 {
		return fmt.Errorf("write PDF: no pages")
	}
	d.err = d.flush(true)
	if d.err == nil {
		d.err = errClosed
		return nil
	}
	return d.err
}

var errClosed = errors.New("PDF document already closed")

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

// Render writes forms as one PDF: a convenience for Document.
func Render(w io.Writer, forms []Form, opt Options) error {
	d, err := NewDocument(w, opt)
	if err != nil {
		return err
	}
	if err := d.Add(forms...); err != nil {
		return err
	}
	return d.Close()
}

// Source returns the i-th claim of a batch (0 ≤ i < n).
type Source func(ctx context.Context, i int) (claimdesk.ClaimData, error)

// Batch renders n claims into one PDF on w, each claim on as many forms as
// it needs. It calls progress(done, n) after each claim (progress may be
// nil), checks ctx between claims, and stops at the first error, naming
// the claim's position (never its data).
func Batch(ctx context.Context, w io.Writer, n int, src Source, fo FillOptions, opt Options, progress func(done, total int)) error {
	d, err := NewDocument(w, opt)
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
		if err := d.Add(forms...); err != nil {
			return err
		}
		if progress != nil {
			progress(i+1, n)
		}
	}
	return d.Close()
}

// pdfStream writes one PDF from the uncompressed output of successive
// gofpdf documents (chunks): it copies each chunk's page objects with new
// object numbers, compresses every stream with one reused zlib writer
// (gofpdf would make a new compressor, about 1 MB of allocations, per
// page), and from the last chunk also writes the resources (fonts and the
// plain-mode form drawing, the same in every chunk), the page tree listing
// every page, the info and catalog (with /ViewerPreferences << /PrintScaling
// /None >>, which gofpdf cannot write), a new cross-reference table and the
// trailer. The header says PDF 1.6, the version defining PrintScaling.
//
// Object numbers: 1 is the page tree and 2 the resource dictionary, as in
// gofpdf; every other object gets the next free number.
type pdfStream struct {
	w       *bufio.Writer
	n       int64   // bytes written
	offsets []int64 // by object number; 0 = not written
	next    int     // next free object number
	kids    []int   // page objects, in order
	started bool
	zbuf    bytes.Buffer
	zw      *zlib.Writer
}

func newPDFStream(w io.Writer) *pdfStream {
	return &pdfStream{w: bufio.NewWriterSize(w, 64<<10), next: 3, offsets: make([]int64, 3)}
}

var errPDFLayout = errors.New("render PDF: unexpected gofpdf output")

func (s *pdfStream) write(b []byte) {
	s.w.Write(b)
	s.n += int64(len(b))
}

func (s *pdfStream) writeString(t string) {
	s.w.WriteString(t)
	s.n += int64(len(t))
}

// pdfObject is one "N 0 obj ... endobj" of a gofpdf output.
type pdfObject struct {
	num    int
	dict   []byte // the object's text before any stream
	stream []byte // nil when the object has no stream
}

// parseObjects splits gofpdf's uncompressed output into its objects and
// returns the trailer dictionary text.
func parseObjects(raw []byte) ([]pdfObject, []byte, error) {
	nl := bytes.IndexByte(raw, '\n')
	if nl < 0 || !bytes.HasPrefix(raw, []byte("%PDF-1.")) {
		return nil, nil, errPDFLayout
	}
	var objs []pdfObject
	pos := nl + 1
	for !bytes.HasPrefix(raw[pos:], []byte("xref\n")) {
		eol := bytes.IndexByte(raw[pos:], '\n')
		if eol < 0 {
			return nil, nil, errPDFLayout
		}
		numText, ok := bytes.CutSuffix(raw[pos:pos+eol], []byte(" 0 obj"))
		num, err := strconv.Atoi(string(numText))
		if !ok || err != nil || num <= 0 {
			return nil, nil, errPDFLayout
		}
		body := pos + eol + 1
		end := bytes.Index(raw[body:], []byte("\nendobj\n"))
		st := bytes.Index(raw[body:], []byte("\nstream\n"))
		if end < 0 {
			return nil, nil, errPDFLayout
		}
		if st < 0 || st > end {
			objs = append(objs, pdfObject{num: num, dict: raw[body : body+end]})
			pos = body + end + len("\nendobj\n")
			continue
		}
		dict := raw[body : body+st]
		data := body + st + len("\nstream\n")
		size, _, _, err := streamLength(dict)
		if err != nil || data+size > len(raw) || !bytes.HasPrefix(raw[data+size:], []byte("\nendstream\nendobj\n")) {
			return nil, nil, errPDFLayout
		}
		objs = append(objs, pdfObject{num: num, dict: dict, stream: raw[data : data+size]})
		pos = data + size + len("\nendstream\nendobj\n")
	}
	tr := bytes.Index(raw[pos:], []byte("trailer\n"))
	sx := bytes.LastIndex(raw, []byte("startxref\n"))
	if tr < 0 || sx < pos+tr {
		return nil, nil, errPDFLayout
	}
	return objs, raw[pos+tr+len("trailer\n") : sx], nil
}

// streamLength finds "/Length N" in a stream dictionary: N and where the
// number starts and ends.
func streamLength(dict []byte) (n, from, to int, err error) {
	i := bytes.Index(dict, []byte("/Length "))
	if i < 0 {
		return 0, 0, 0, errPDFLayout
	}
	from = i + len("/Length ")
	to = from
	for to < len(dict) && dict[to] >= '0' && dict[to] <= '9' {
		to++
	}
	n, err = strconv.Atoi(string(dict[from:to]))
	return n, from, to, err
}

var refRE = regexp.MustCompile(`(\d+) 0 R\b`)

// renumber rewrites the "N 0 R" references of a dictionary through m.
func renumber(dict []byte, m map[int]int) ([]byte, error) {
	var bad error
	out := refRE.ReplaceAllFunc(dict, func(ref []byte) []byte {
		n, _ := strconv.Atoi(string(ref[:bytes.IndexByte(ref, ' ')]))
		g, ok := m[n]
		if !ok {
			bad = errPDFLayout
			return ref
		}
		return []byte(strconv.Itoa(g) + " 0 R")
	})
	return out, bad
}

// chunk writes one gofpdf output; last marks the final chunk.
func (s *pdfStream) chunk(raw []byte, last bool) error {
	objs, trailer, err := parseObjects(raw)
	if err != nil {
		return err
	}
	if !s.started {
		s.writeString("%PDF-1.6\n")
		s.started = true
	}
	// Number this chunk's objects: pages and their contents first, in
	// order; the rest only for the last chunk.
	m := map[int]int{1: 1, 2: 2}
	isPage := map[int]bool{}
	for _, o := range objs {
		if bytes.HasPrefix(o.dict, []byte("<</Type /Page\n")) {
			isPage[o.num] = true
			m[o.num] = s.next
			s.kids = append(s.kids, s.next)
			s.next++
			c := refRE.FindSubmatch(o.dict[bytes.Index(o.dict, []byte("/Contents ")):])
			if c == nil {
				return errPDFLayout
			}
			cn, _ := strconv.Atoi(string(c[1]))
			m[cn] = s.next
			isPage[cn] = true
			s.next++
		}
	}
	if last {
		for _, o := range objs {
			if _, ok := m[o.num]; !ok {
				m[o.num] = s.next
				s.next++
			}
		}
	}
	for _, o := range objs {
		if !isPage[o.num] && !last {
			continue
		}
		g := m[o.num]
		for len(s.offsets) <= g {
			s.offsets = append(s.offsets, 0)
		}
		s.offsets[g] = s.n
		s.writeString(strconv.Itoa(g) + " 0 obj\n")
		dict := o.dict
		switch {
		case o.num == 1: // the page tree: every page of every chunk
			var b []byte
			b = append(b, "<</Type /Pages\n/Kids ["...)
			for _, k := range s.kids {
				b = strconv.AppendInt(b, int64(k), 10)
				b = append(b, " 0 R "...)
			}
			b = fmt.Appendf(b, "]\n/Count %d\n", len(s.kids))
			if i := bytes.Index(dict, []byte("/MediaBox")); i >= 0 {
				b = append(b, dict[i:]...)
			} else {
				b = append(b, ">>"...)
			}
			dict = b
		default:
			if dict, err = renumber(dict, m); err != nil {
				return err
			}
			if i := bytes.Index(dict, []byte("/Type /Catalog\n")); i >= 0 {
				i += len("/Type /Catalog\n")
				dict = append(dict[:i:i], append([]byte("/ViewerPreferences << /PrintScaling /None >>\n"), dict[i:]...)...)
			}
		}
		if o.stream == nil {
			s.write(dict)
			s.writeString("\nendobj\n")
			continue
		}
		_, from, to, _ := streamLength(dict)
		stream := o.stream
		if !bytes.Contains(dict, []byte("/Filter")) {
			s.zbuf.Reset()
			if s.zw == nil {
				s.zw, _ = zlib.NewWriterLevel(&s.zbuf, zlib.BestSpeed)
			} else {
				s.zw.Reset(&s.zbuf)
			}
			s.zw.Write(stream)
			if err := s.zw.Close(); err != nil {
				return fmt.Errorf("render PDF: %w", err)
			}
			stream = s.zbuf.Bytes()
			i := bytes.Index(dict, []byte("<<"))
			if i < 0 || i > from {
				return errPDFLayout
			}
			s.write(dict[:i+2])
			s.writeString("/Filter /FlateDecode ")
			s.write(dict[i+2 : from])
		} else {
			s.write(dict[:from])
		}
		s.writeString(strconv.Itoa(len(stream)))
		s.write(dict[to:])
		s.writeString("\nstream\n")
		s.write(stream)
		s.writeString("\nendstream\nendobj\n")
	}
	if !last {
		return s.flushOut()
	}
	xref := s.n
	var b []byte
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(s.offsets))
	for g := 1; g < len(s.offsets); g++ {
		if s.offsets[g] == 0 {
			return errPDFLayout
		}
		b = fmt.Appendf(b, "%010d 00000 n \n", s.offsets[g])
	}
	s.write(b)
	tr, err := renumber(trailer, m)
	if err != nil {
		return err
	}
	tr = regexp.MustCompile(`/Size \d+`).ReplaceAll(tr, []byte("/Size "+strconv.Itoa(len(s.offsets))))
	s.writeString("trailer\n")
	s.write(tr)
	s.writeString("startxref\n" + strconv.FormatInt(xref, 10) + "\n%%EOF\n")
	return s.flushOut()
}

func (s *pdfStream) flushOut() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
