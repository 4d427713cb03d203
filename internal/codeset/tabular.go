package codeset

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"claimdesk/internal/claimdesk"
)

// TabularCode is one diag element of the Tabular List.
type TabularCode struct {
	Code   string // dotted, as written in the XML
	Title  string
	Parent string // the enclosing diag, "" for a category
	Block  string // the block (section) node, e.g. "E08-E13"
}

// Tabular is the content of an ICD-10-CM Tabular List XML file.
type Tabular struct {
	// Version is the file's <version> (e.g. "2021").
	Version string
	Codes   []TabularCode
	// Notes maps the node a note is written on (a code such as "E11", a
	// block such as "E08-E13", a chapter "Chapter 4") to its notes.
	Notes  map[string][]claimdesk.Note
	Groups []claimdesk.CodeGroup
}

// noteKinds maps Tabular element names to note kinds.
var noteKinds = map[string]claimdesk.NoteKind{
	"inclusionTerm":     claimdesk.NoteInclusion,
	"includes":          claimdesk.NoteIncludes,
	"excludes1":         claimdesk.NoteExcludes1,
	"excludes2":         claimdesk.NoteExcludes2,
	"codeFirst":         claimdesk.NoteCodeFirst,
	"useAdditionalCode": claimdesk.NoteUseAdditional,
	"codeAlso":          claimdesk.NoteCodeAlso,
	"sevenChrNote":      claimdesk.NoteSeventhNote,
	"notes":             claimdesk.NoteNotes,
}

// tabNode is an open chapter, section or diag while streaming.
type tabNode struct {
	kind string // chapter, section, diag
	name string // node name notes attach to
	desc string
}

// ReadTabular streams an ICD-10-CM Tabular List XML file
// (icd10cm_tabular_YYYY.xml) and returns its codes, notes and groups.
// release names the release each Note records. Memory stays proportional
// to the notes, not the file: the decoder streams tokens.
func ReadTabular(r io.Reader, file, release string) (*Tabular, error) {
	x := newXMLReader(r, file)
	t := &Tabular{Notes: map[string][]claimdesk.Note{}}
	var stack []*tabNode
	var chapter, block string
	sawRoot := false
	top := func() *tabNode {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	addNote := func(n claimdesk.Note) error {
		tn := top()
		if tn == nil || tn.name == "" {
			return detail(ErrBadStructure, "note outside a chapter, block or code")
		}
		n.From = tn.name
		n.Release = release
		t.Notes[tn.name] = append(t.Notes[tn.name], n)
		return nil
	}
	for {
		tok, err := x.d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, x.fail("", err)
		}
		switch se := tok.(type) {
		case xml.StartElement:
			name := se.Name.Local
			if !sawRoot {
				if name != "ICD10CM.tabular" {
					return nil, x.fail("root", detail(ErrBadStructure, "root element %q, want ICD10CM.tabular", name))
				}
				sawRoot = true
				continue
			}
			switch name {
			case "version":
				if t.Version, err = x.text(); err != nil {
					return nil, x.fail("version", err)
				}
			case "introduction", "sectionIndex", "visualImpairment":
				if err := x.d.Skip(); err != nil {
					return nil, x.fail(name, err)
				}
			case "chapter":
				stack = append(stack, &tabNode{kind: "chapter"})
			case "section":
				id := attr(se, "id")
				if id == "" || chapter == "" {
					return nil, x.fail("section", detail(ErrBadStructure, "section without id or chapter"))
				}
				block = id
				stack = append(stack, &tabNode{kind: "section", name: id})
				t.Groups = append(t.Groups, claimdesk.CodeGroup{Node: id, Chapter: chapter})
			case "diag":
				stack = append(stack, &tabNode{kind: "diag"})
			case "name":
				tn := top()
				s, err := x.text()
				if err != nil {
					return nil, x.fail("name", err)
				}
				if tn == nil {
					return nil, x.fail("name", detail(ErrBadStructure, "name outside chapter or diag"))
				}
				switch tn.kind {
				case "chapter":
					if _, err := strconv.Atoi(s); err != nil {
						return nil, x.fail("chapter name", detail(ErrBadStructure, "chapter %q", s))
					}
					tn.name = "Chapter " + s
					chapter = tn.name
					t.Groups = append(t.Groups, claimdesk.CodeGroup{Node: tn.name})
				case "diag":
					code := strings.ToUpper(s)
					if !validICD(strings.Replace(code, ".", "", 1)) || (len(code) > 3 && code[3] != '.') {
						return nil, x.fail("name", detail(ErrBadCode, "%q", s))
					}
					tn.name = code
					parent := ""
					if len(stack) >= 2 && stack[len(stack)-2].kind == "diag" {
						parent = stack[len(stack)-2].name
					} else if len(code) == 3 && block != "" {
						g := &t.Groups[len(t.Groups)-1]
						g.Categories = append(g.Categories, code)
					}
					t.Codes = append(t.Codes, TabularCode{Code: code, Parent: parent, Block: block})
				}
			case "desc":
				s, err := x.text()
				if err != nil {
					return nil, x.fail("desc", err)
				}
				tn := top()
				if tn == nil {
					continue
				}
				tn.desc = s
				switch tn.kind {
				case "diag":
					if len(t.Codes) > 0 && t.Codes[len(t.Codes)-1].Code == tn.name {
						t.Codes[len(t.Codes)-1].Title = s
					}
				case "chapter", "section":
					for i := len(t.Groups) - 1; i >= 0; i-- {
						if t.Groups[i].Node == tn.name {
							t.Groups[i].Title = s
							break
						}
					}
				}
			case "sevenChrDef":
				if err := readSevenChr(x, addNote); err != nil {
					return nil, x.fail("sevenChrDef", err)
				}
			default:
				if kind, ok := noteKinds[name]; ok {
					if err := readNotes(x, kind, addNote); err != nil {
						return nil, x.fail(name, err)
					}
				}
			}
		case xml.EndElement:
			switch se.Name.Local {
			case "chapter", "section", "diag":
				if len(stack) == 0 || stack[len(stack)-1].kind != se.Name.Local {
					return nil, x.fail(se.Name.Local, detail(ErrBadStructure, "unbalanced %s", se.Name.Local))
				}
				if tn := top(); tn.name == "" {
					return nil, x.fail("name", detail(ErrMissing, "%s without name", tn.kind))
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !sawRoot {
		return nil, perr(file, 0, "root", detail(ErrBadXML, "no root element"))
	}
	if len(t.Codes) == 0 {
		return nil, perr(file, 0, "", ErrEmpty)
	}
	return t, nil
}

// readNotes reads the <note> children of a note-kind element.
func readNotes(x *xmlReader, kind claimdesk.NoteKind, add func(claimdesk.Note) error) error {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return err
		}
		switch se := tok.(type) {
		case xml.StartElement:
			if se.Name.Local != "note" {
				if err := x.d.Skip(); err != nil {
					return err
				}
				continue
			}
			s, err := x.text()
			if err != nil {
				return err
			}
			if s == "" {
				continue
			}
			if err := add(claimdesk.Note{Kind: kind, Text: s}); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// readSevenChr reads the <extension char="A"> children of a sevenChrDef.
func readSevenChr(x *xmlReader, add func(claimdesk.Note) error) error {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return err
		}
		switch se := tok.(type) {
		case xml.StartElement:
			if se.Name.Local != "extension" {
				if err := x.d.Skip(); err != nil {
					return err
				}
				continue
			}
			c := attr(se, "char")
			s, err := x.text()
			if err != nil {
				return err
			}
			if len(c) != 1 {
				return detail(ErrBadStructure, "7th character %q", c)
			}
			if err := add(claimdesk.Note{Kind: claimdesk.NoteSeventhChar, Char: strings.ToUpper(c), Text: s}); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
