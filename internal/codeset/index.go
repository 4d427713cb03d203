package codeset

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Index is the content of an ICD-10-CM Alphabetic Index or External Cause
// Index XML file, flattened.
type Index struct {
	Version string
	// Title is the file's title ("ICD-10-CM INDEX TO DISEASES and
	// INJURIES", "ICD-10-CM External Cause of Injuries Index").
	Title string
	// Terms are the entries that lead to a code, in file order; see
	// references are resolved to the code their target leads to when the
	// target is in the same index.
	Terms []claimdesk.IndexTerm
	// Unresolved counts "see" references whose target leads to no code.
	Unresolved int
}

// idxNode is an open mainTerm or term while streaming.
type idxNode struct {
	title string
	codes []string
	see   string
	cells []cellCode
}

// cellCode is one Drug or Neoplasm table cell of a term.
type cellCode struct{ head, code string }

// alternatives returns the lower-case spellings an index title stands
// for: "Infarct, infarction" → the whole title, infarct, infarction;
// "Pain(s)" → pain.
func alternatives(title string) []string {
	t := strings.ToLower(title)
	for _, suf := range []string{"(s)", "(es)", "(ies)"} {
		t = strings.ReplaceAll(t, suf, "")
	}
	t = collapse(t)
	alts := []string{t}
	if parts := strings.Split(t, ", "); len(parts) > 1 {
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				alts = append(alts, p)
			}
		}
	}
	return alts
}

// maxAlias bounds the terms one main-term alias ("Torn see Tear")
// registers.
const maxAlias = 120

// maxKeys bounds the look-up keys one index path registers.
const maxKeys = 32

// pathKeys returns the look-up keys of an index path for resolving "see"
// references: every combination of the spellings of its levels ("see
// Infarct, myocardium" finds "Infarct, infarction" › "myocardium,
// myocardial"), at most maxKeys.
func pathKeys(titles []string) []string {
	keys := []string{""}
	for i, title := range titles {
		var next []string
		for _, k := range keys {
			for _, alt := range alternatives(title) {
				if len(next) == maxKeys {
					break
				}
				if i == 0 {
					next = append(next, alt)
				} else {
					next = append(next, k+", "+alt)
				}
			}
		}
		keys = next
	}
	return keys
}

// seeKey normalises a "see" target for look-up: lower case, plural
// suffixes and parenthesized nonessential words dropped ("Arteriosclerosis,
// coronary (artery)," → "arteriosclerosis, coronary").
func seeKey(target string) string {
	t := strings.ToLower(target)
	for _, suf := range []string{"(s)", "(es)", "(ies)"} {
		t = strings.ReplaceAll(t, suf, "")
	}
	for {
		i := strings.IndexByte(t, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], ')')
		if j < 0 {
			t = t[:i]
			break
		}
		t = t[:i] + t[i+j+1:]
	}
	t = collapse(strings.Join(strings.Fields(t), " "))
	t = strings.ReplaceAll(t, " ,", ",")
	return strings.TrimRight(t, "., ")
}

// seeKeys returns the look-up keys to try for a "see" target, most
// specific first: the target itself, then the target less trailing
// instructions that name no index entry ("Ulcer, pressure, by site" →
// "ulcer, pressure"; "Neoplasm, malignant, by site" leads nowhere).
func seeKeys(target string) []string {
	k := seeKey(target)
	keys := []string{k}
	for {
		i := strings.LastIndex(k, ", ")
		if i < 0 {
			break
		}
		last := k[i+2:]
		if !strings.HasPrefix(last, "by ") && last != "specified nec" && last != "nec" && last != "nos" {
			break
		}
		k = k[:i]
		keys = append(keys, k)
	}
	return keys
}

// NormalizeIndexCode turns an index code into the code it points at:
// "S52.5-" → "S52.5", "C56.-" → "C56", "S05.8X-" → "S05.8"; "" when the
// code is malformed.
func NormalizeIndexCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimRight(s, "-")
	for strings.HasSuffix(s, "X") && len(s) > 4 || strings.HasSuffix(s, ".") {
		s = s[:len(s)-1]
	}
	if !validICD(strings.Replace(s, ".", "", 1)) || (len(s) > 3 && s[3] != '.') {
		return ""
	}
	return s
}

// ReadIndex streams an Alphabetic Index (icd10cm_index_YYYY.xml), External
// Cause Index (icd10cm_eindex_YYYY.xml), Table of Drugs and Chemicals
// (icd10cm_drug_YYYY.xml) or Neoplasm Table (icd10cm_neoplasm_YYYY.xml)
// and flattens it to terms "main term, subterm, subsubterm" each with the
// code it leads to (including <manif> manifestation, <subcat> and <seecat>
// codes). A table cell gives the term with its column heading appended:
// "Neoplasm, neoplastic, breast, malignant primary" → C50.9. source is
// "index", "eindex", "drug" or "neoplasm"; release names the release terms
// come from.
func ReadIndex(r io.Reader, file, source, release string) (*Index, error) {
	x := newXMLReader(r, file)
	idx := &Index{}
	var stack []*idxNode
	sawRoot := false
	path := func() string {
		parts := make([]string, 0, len(stack))
		for _, n := range stack {
			if n.title != "" {
				parts = append(parts, n.title)
			}
		}
		return strings.Join(parts, ", ")
	}
	type seeRef struct{ term, target string }
	var sees []seeRef
	// coded keeps the titles of every path that leads to a code, to
	// resolve "see" references once all are read.
	type codedPath struct {
		titles []string
		code   string
	}
	var coded []codedPath
	heads := map[string]string{} // Drug and Neoplasm tables: column → heading
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
				if name != "ICD10CM.index" {
					return nil, x.fail("root", detail(ErrBadStructure, "root element %q, want ICD10CM.index", name))
				}
				sawRoot = true
				continue
			}
			switch name {
			case "version":
				if idx.Version, err = x.text(); err != nil {
					return nil, x.fail("version", err)
				}
			case "letter":
			case "mainTerm", "term":
				stack = append(stack, &idxNode{})
			case "title":
				s, nemod, err := x.textSkipping("nemod")
				if err != nil {
					return nil, x.fail("title", err)
				}
				if s == "" {
					// A title made of a nonessential modifier only: "(taser)".
					s = strings.Trim(nemod, "() ")
				}
				if len(stack) == 0 {
					if idx.Title == "" {
						idx.Title = s
					}
					continue
				}
				stack[len(stack)-1].title = s
			case "code", "manif", "subcat", "seecat":
				s, err := x.text()
				if err != nil {
					return nil, x.fail(name, err)
				}
				if len(stack) == 0 {
					return nil, x.fail(name, detail(ErrBadStructure, "%s outside a term", name))
				}
				c := NormalizeIndexCode(s)
				if c == "" && name == "manif" && strings.Contains(s, " ") {
					// The FY2017 Neoplasm Table has prose in one <manif>
					// ("ventral surface of tongue and floor of mouth").
					continue
				}
				if c == "" {
					return nil, x.fail(name, detail(ErrBadCode, "%q", s))
				}
				stack[len(stack)-1].codes = append(stack[len(stack)-1].codes, c)
			case "see", "seeAlso":
				s, _, err := x.textSkipping("nemod")
				if err != nil {
					return nil, x.fail(name, err)
				}
				if len(stack) > 0 && name == "see" {
					stack[len(stack)-1].see = s
				}
			case "indexHeading":
			case "head":
				col := attr(se, "col")
				s, err := x.text()
				if err != nil {
					return nil, x.fail("head", err)
				}
				heads[col] = strings.ToLower(s)
			case "cell":
				// A table cell: the code for the row's term under the
				// column's heading ("malignant primary", "poisoning,
				// accidental (unintentional)"); "-" and "--" mean none.
				col := attr(se, "col")
				s, err := x.text()
				if err != nil {
					return nil, x.fail("cell", err)
				}
				if len(stack) == 0 {
					return nil, x.fail("cell", detail(ErrBadStructure, "cell outside a term"))
				}
				if strings.Trim(s, "- ") == "" {
					continue
				}
				c := NormalizeIndexCode(s)
				if c == "" {
					return nil, x.fail("cell", detail(ErrBadCode, "%q", s))
				}
				head, ok := heads[col]
				if !ok || col == "1" {
					return nil, x.fail("cell", detail(ErrBadStructure, "cell in column %q without a heading", col))
				}
				n := stack[len(stack)-1]
				n.cells = append(n.cells, cellCode{head: head, code: c})
			default:
				if err := x.d.Skip(); err != nil {
					return nil, x.fail(name, err)
				}
			}
		case xml.EndElement:
			switch se.Name.Local {
			case "mainTerm", "term":
				if len(stack) == 0 {
					return nil, x.fail(se.Name.Local, detail(ErrBadStructure, "unbalanced %s", se.Name.Local))
				}
				n := stack[len(stack)-1]
				if n.title == "" {
					return nil, x.fail("title", detail(ErrMissing, "%s without title", se.Name.Local))
				}
				p := path()
				for _, c := range n.codes {
					idx.Terms = append(idx.Terms, claimdesk.IndexTerm{Term: p, Code: c, Source: source, Release: release})
				}
				for _, c := range n.cells {
					idx.Terms = append(idx.Terms, claimdesk.IndexTerm{Term: p + ", " + c.head, Code: c.code, Source: source, Release: release})
				}
				if len(n.codes) > 0 {
					titles := make([]string, len(stack))
					for i, sn := range stack {
						titles[i] = sn.title
					}
					coded = append(coded, codedPath{titles, n.codes[0]})
				} else if n.see != "" {
					sees = append(sees, seeRef{p, n.see})
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !sawRoot {
		return nil, perr(file, 0, "root", detail(ErrBadXML, "no root element"))
	}
	if len(stack) != 0 {
		return nil, perr(file, x.line(), "", detail(ErrBadXML, "unexpected end of file"))
	}
	// Resolve "see X, y" to the code X, y leads to, when it leads to one.
	// Key only the paths whose main term a "see" names.
	wanted := map[string]bool{}
	for _, s := range sees {
		first, _, _ := strings.Cut(seeKey(s.target), ", ")
		wanted[first] = true
	}
	// A main term that only says "see X" where X is a main term ("Torn
	// see Tear", "Fibrotic see Fibrosis") stands for all of X: its
	// subterms are reached under the alias too (at most maxAlias each).
	aliases := map[string][]string{} // lower-case target main term → alias titles
	for _, s := range sees {
		if !strings.Contains(s.term, ", ") && !strings.Contains(seeKey(s.target), ", ") {
			k := seeKey(s.target)
			aliases[k] = append(aliases[k], s.term)
		}
	}
	aliasCount := map[string]int{}
	byPath := map[string]string{} // lower-case path → first code
	for _, cp := range coded {
		for _, alt := range alternatives(cp.titles[0]) {
			for _, alias := range aliases[alt] {
				if aliasCount[alias] >= maxAlias {
					continue
				}
				aliasCount[alias]++
				term := alias
				for _, t := range cp.titles[1:] {
					term += ", " + t
				}
				idx.Terms = append(idx.Terms, claimdesk.IndexTerm{Term: term, Code: cp.code, Source: source, Release: release})
			}
			if len(aliases[alt]) > 0 {
				break
			}
		}
		hit := false
		for _, alt := range alternatives(cp.titles[0]) {
			first, _, _ := strings.Cut(alt, ", ")
			if wanted[first] {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		for _, k := range pathKeys(cp.titles) {
			if _, ok := byPath[k]; !ok {
				byPath[k] = cp.code
			}
		}
	}
	for _, s := range sees {
		resolved := false
		for _, k := range seeKeys(s.target) {
			if c, ok := byPath[k]; ok {
				idx.Terms = append(idx.Terms, claimdesk.IndexTerm{Term: s.term, Code: c, Source: source, Release: release})
				resolved = true
				break
			}
		}
		if !resolved && aliasCount[s.term] == 0 {
			idx.Unresolved++
		}
	}
	if len(idx.Terms) == 0 {
		return nil, perr(file, 0, "", ErrEmpty)
	}
	return idx, nil
}
