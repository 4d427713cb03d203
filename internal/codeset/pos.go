package codeset

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"claimdesk/internal/claimdesk"
)

// ReadPOS reads the CMS Place of Service list in its HL7 FHIR CodeSystem
// wrapper (cs-CMS-PlaceofServiceCodes.xml): each concept's code (two
// digits), display (the CMS name) and definition. version returns the
// CodeSystem's version (e.g. "20240502").
func ReadPOS(r io.Reader, file string) (pos []claimdesk.PlaceOfService, version string, err error) {
	x := newXMLReader(r, file)
	depth := 0
	var cur *claimdesk.PlaceOfService
	var curLine int
	sawRoot := false
	seen := map[string]bool{}
	for {
		tok, err := x.d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", x.fail("", err)
		}
		switch se := tok.(type) {
		case xml.StartElement:
			depth++
			name := se.Name.Local
			if !sawRoot {
				if name != "CodeSystem" {
					return nil, "", x.fail("root", detail(ErrBadStructure, "root element %q, want CodeSystem", name))
				}
				sawRoot = true
				continue
			}
			switch {
			case depth == 2 && name == "version":
				version = attr(se, "value")
			case depth == 2 && name == "concept":
				cur = &claimdesk.PlaceOfService{}
				curLine = x.line()
			case depth == 3 && cur != nil:
				v := strings.TrimSpace(attr(se, "value"))
				switch name {
				case "code":
					cur.Code = v
				case "display":
					cur.Name = v
				case "definition":
					cur.Description = v
				}
			}
		case xml.EndElement:
			depth--
			if depth == 1 && se.Name.Local == "concept" && cur != nil {
				if len(cur.Code) != 2 || cur.Code[0] < '0' || cur.Code[0] > '9' || cur.Code[1] < '0' || cur.Code[1] > '9' {
					return nil, "", perr(file, curLine, "code", detail(ErrBadCode, "%q", cur.Code))
				}
				if cur.Name == "" {
					return nil, "", perr(file, curLine, "display", ErrMissing)
				}
				if seen[cur.Code] {
					return nil, "", perr(file, curLine, "code", detail(ErrDuplicate, "%s", cur.Code))
				}
				seen[cur.Code] = true
				pos = append(pos, *cur)
				cur = nil
			}
		}
	}
	if !sawRoot {
		return nil, "", perr(file, 0, "root", detail(ErrBadXML, "no root element"))
	}
	if len(pos) == 0 {
		return nil, "", perr(file, 0, "", ErrEmpty)
	}
	return pos, version, nil
}
