package codeset

import (
	"bufio"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// lineReader feeds the XML decoder byte by byte (the decoder uses
// io.ByteReader when offered, instead of its own buffer) and counts the
// newlines consumed, so errors can name the line being read.
type lineReader struct {
	r        *bufio.Reader
	newlines int
	lastNL   bool
	any      bool
}

func (l *lineReader) ReadByte() (byte, error) {
	b, err := l.r.ReadByte()
	if err == nil {
		l.any = true
		l.lastNL = b == '\n'
		if l.lastNL {
			l.newlines++
		}
	}
	return b, err
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		l.any = true
		l.lastNL = b == '\n'
		if l.lastNL {
			l.newlines++
		}
	}
	return n, err
}

// line returns the 1-based line being read: right after a newline, the
// line it ended; 0 before any input.
func (l *lineReader) line() int {
	switch {
	case !l.any:
		return 0
	case l.lastNL:
		return l.newlines
	}
	return l.newlines + 1
}

// xmlReader wraps a streaming decoder with line tracking.
type xmlReader struct {
	d    *xml.Decoder
	lr   *lineReader
	file string
}

func newXMLReader(r io.Reader, file string) *xmlReader {
	lr := &lineReader{r: bufio.NewReaderSize(r, 64*1024)}
	d := xml.NewDecoder(lr)
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		// The official files say utf-8; accept ASCII aliases as is.
		return in, nil
	}
	return &xmlReader{d: d, lr: lr, file: file}
}

// line returns the current line of the decoder.
func (x *xmlReader) line() int { return x.lr.line() }

// fail turns a decoder error or a structural problem into a *ParseError.
func (x *xmlReader) fail(field string, err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		return err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return perr(x.file, min(se.Line, x.line()), field, detail(ErrBadXML, "%s", se.Msg))
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return perr(x.file, x.line(), field, detail(ErrBadXML, "unexpected end of file"))
	}
	if errors.Is(err, ErrBadXML) || errors.Is(err, ErrBadStructure) || errors.Is(err, ErrBadCode) || errors.Is(err, ErrMissing) {
		return perr(x.file, x.line(), field, err)
	}
	return perr(x.file, x.line(), field, detail(ErrBadXML, "%v", err))
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

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 ||
			(c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
