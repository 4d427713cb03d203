package codeset

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// lineCounter counts newlines in what the XML decoder has read, so errors
// can name a line.
type lineCounter struct {
	r     io.Reader
	lines []int // offsets of newlines seen so far
	off   int
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			c.lines = append(c.lines, c.off+i)
		}
	}
	c.off += n
	return n, err
}

// lineAt returns the 1-based line of byte offset off, never past the
// last line of the input read so far.
func (c *lineCounter) lineAt(off int64) int {
	max := len(c.lines)
	if len(c.lines) == 0 || c.lines[len(c.lines)-1] < c.off-1 {
		max++ // text after the last newline
	}
	if c.off == 0 {
		return 0
	}
	if l := c.search(off); l < max {
		return l
	}
	return max
}

func (c *lineCounter) search(off int64) int {
	lo, hi := 0, len(c.lines)
	for lo < hi {
		m := (lo + hi) / 2
		if int64(c.lines[m]) < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo + 1
}

// xmlReader wraps a streaming decoder with line tracking.
type xmlReader struct {
	d    *xml.Decoder
	lc   *lineCounter
	file string
}

func newXMLReader(r io.Reader, file string) *xmlReader {
	lc := &lineCounter{r: r}
	d := xml.NewDecoder(lc)
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		// The official files say utf-8; accept ASCII aliases as is.
		return in, nil
	}
	return &xmlReader{d: d, lc: lc, file: file}
}

// line returns the current line of the decoder.
func (x *xmlReader) line() int { return x.lc.lineAt(x.d.InputOffset()) }

// fail turns a decoder error or a structural problem into a *ParseError.
func (x *xmlReader) fail(field string, err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		return err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return perr(x.file, clampLine(se.Line, x.lc), field, detail(ErrBadXML, "%s", se.Msg))
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return perr(x.file, x.line(), field, detail(ErrBadXML, "unexpected end of file"))
	}
	if errors.Is(err, ErrBadXML) || errors.Is(err, ErrBadStructure) || errors.Is(err, ErrBadCode) || errors.Is(err, ErrMissing) {
		return perr(x.file, x.line(), field, err)
	}
	return perr(x.file, x.line(), field, detail(ErrBadXML, "%v", err))
}

func clampLine(n int, lc *lineCounter) int {
	if max := lc.lineAt(int64(lc.off)); n > max {
		return max
	}
	if n < 0 {
		return 0
	}
	return n
}

// text reads the character data of the element just opened, up to its
// end, including the text of nested elements, with spaces collapsed.
func (x *xmlReader) text() (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := x.d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			b.WriteByte(' ')
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
	return collapse(b.String()), nil
}

// textSkipping is text but drops the content of elements named skip
// (the index's <nemod> nonessential modifiers).
func (x *xmlReader) textSkipping(skip string) (main, skipped string, err error) {
	var b, s strings.Builder
	depth, skipDepth := 1, 0
	for depth > 0 {
		tok, err := x.d.Token()
		if err != nil {
			return "", "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == skip && skipDepth == 0 {
				skipDepth = depth
			}
			b.WriteByte(' ')
		case xml.EndElement:
			if depth == skipDepth {
				skipDepth = 0
			}
			depth--
		case xml.CharData:
			if skipDepth > 0 {
				s.Write(t)
			} else {
				b.Write(t)
			}
		}
	}
	return collapse(b.String()), collapse(s.String()), nil
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
