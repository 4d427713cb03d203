package codeset

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/shareddata"
)

func TestReadTabularSample(t *testing.T) {
	b, err := os.ReadFile("testdata/tabular_sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTabular(bytes.NewReader(b), "tabular_sample.xml", "ICD-10-CM FY2021")
	if err != nil {
		t.Fatal(err)
	}
	if tab.Version != "2021" || len(tab.Codes) != 7 {
		t.Fatalf("version %q codes %d", tab.Version, len(tab.Codes))
	}
	if c := tab.Codes[2]; c != (TabularCode{Code: "E11.65", Title: "Type 2 diabetes mellitus with hyperglycemia", Parent: "E11.6", Block: "E08-E13"}) {
		t.Fatalf("E11.65 = %+v", c)
	}
	wantGroups := []claimdesk.CodeGroup{
		{Node: "Chapter 4", Title: "Endocrine, nutritional and metabolic diseases (E00-E89)"},
		{Node: "E08-E13", Title: "Diabetes mellitus (E08-E13)", Chapter: "Chapter 4", Categories: []string{"E11"}},
		{Node: "Chapter 19", Title: "Injury, poisoning (S00-T88)"},
		{Node: "S50-S59", Title: "Injuries to the elbow and forearm (S50-S59)", Chapter: "Chapter 19", Categories: []string{"S52"}},
	}
	if len(tab.Groups) != len(wantGroups) {
		t.Fatalf("groups %+v", tab.Groups)
	}
	for i, g := range wantGroups {
		if g.Node != tab.Groups[i].Node || g.Title != tab.Groups[i].Title || g.Chapter != tab.Groups[i].Chapter || strings.Join(g.Categories, ",") != strings.Join(tab.Groups[i].Categories, ",") {
			t.Errorf("group %d = %+v, want %+v", i, tab.Groups[i], g)
		}
	}
	s52 := tab.Notes["S52"]
	if len(s52) != 3 || s52[1] != (claimdesk.Note{Kind: claimdesk.NoteSeventhChar, Char: "A", Text: "initial encounter for closed fracture", From: "S52", Release: "ICD-10-CM FY2021"}) {
		t.Fatalf("S52 notes %+v", s52)
	}
	// Effective notes of S52.521: own none, S52.5 inclusion term not
	// inherited, S52 notes and 7th characters inherited.
	chain := append([]string{"S52.521"}, claimdesk.ICDAncestors("S52.521")...)
	chain = append(chain, "S50-S59", "Chapter 19")
	eff := claimdesk.EffectiveNotes(chain, func(n string) []claimdesk.Note { return tab.Notes[n] })
	if len(eff) != 3 || eff[0].From != "S52" || eff[0].Kind != claimdesk.NoteSeventhNote {
		t.Fatalf("effective notes of S52.521: %+v", eff)
	}
	chain = append([]string{"E11.65"}, claimdesk.ICDAncestors("E11.65")...)
	chain = append(chain, "E08-E13", "Chapter 4")
	eff = claimdesk.EffectiveNotes(chain, func(n string) []claimdesk.Note { return tab.Notes[n] })
	var froms []string
	for _, n := range eff {
		froms = append(froms, n.From+":"+string(n.Kind))
	}
	if got := strings.Join(froms, " "); got != "E11:excludes1 E08-E13:useAdditionalCode Chapter 4:notes" {
		t.Fatalf("effective notes of E11.65: %s", got)
	}
}

func TestReadTabularErrors(t *testing.T) {
	tests := []struct {
		name, in string
		err      error
		line     int
	}{
		{"wrong root", "<?xml version=\"1.0\"?>\n<ICD10CM.index/>", ErrBadStructure, 2},
		{"truncated", "<ICD10CM.tabular>\n<chapter><name>1</name>\n<section id=\"A00-A09\">\n<diag><name>A00</name>", ErrBadXML, 4},
		{"bad code", "<ICD10CM.tabular>\n<chapter><name>1</name><section id=\"A00-A09\">\n<diag><name>A0$</name></diag></section></chapter></ICD10CM.tabular>", ErrBadCode, 3},
		{"diag without name", "<ICD10CM.tabular>\n<chapter><name>1</name><section id=\"A\">\n<diag>\n</diag></section></chapter></ICD10CM.tabular>", ErrMissing, 4},
		{"syntax", "<ICD10CM.tabular>\n<chapter>\n<name>1</nam>", ErrBadXML, 3},
		{"empty", "", ErrBadXML, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTabular(strings.NewReader(tt.in), "t.xml", "R")
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line || pe.File != "t.xml" {
				t.Fatalf("err = %v, want line %d", err, tt.line)
			}
		})
	}
}

func TestReadIndexSample(t *testing.T) {
	b, err := os.ReadFile("testdata/index_sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := ReadIndex(bytes.NewReader(b), "index_sample.xml", "index", "ICD-10-CM FY2017")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, term := range idx.Terms {
		got = append(got, term.Term+" → "+term.Code)
	}
	want := []string{
		"Diabetes, diabetic, type 2, with, hyperglycemia → E11.65",
		"Diabetes, diabetic, type 2, with, amyotrophy → E11.44",
		"Diabetes, diabetic, type 2, with, amyotrophy → G73.3",
		"Diabetes, diabetic, type 2 → E11.9",
		"Diabetes, diabetic → E11.9",
		"Fracture, traumatic, radius, distal end → S52.5",
		"Infarct, infarction, acute → I21.9",
		"Infarct, infarction, myocardium, myocardial → I21.9",
		"Attack, attacks, heart → I21.9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("terms:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if idx.Terms[0].Source != "index" || idx.Terms[0].Release != "ICD-10-CM FY2017" {
		t.Fatalf("term %+v", idx.Terms[0])
	}
}

func TestNormalizeIndexCode(t *testing.T) {
	for in, want := range map[string]string{
		"E11.65": "E11.65", "S52.5-": "S52.5", "C56.-": "C56", "S05.8X-": "S05.8", "D24-": "D24",
		"T36.0X1": "T36.0X1", "e11.9": "E11.9", "11.9": "", "E1": "", "": "",
	} {
		if got := NormalizeIndexCode(in); got != want {
			t.Errorf("NormalizeIndexCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadIndexErrors(t *testing.T) {
	_, err := ReadIndex(strings.NewReader("<ICD10CM.index>\n<letter><mainTerm><title>X</title>\n<code>1x</code></mainTerm></letter></ICD10CM.index>"), "i.xml", "index", "R")
	var pe *ParseError
	if !errors.Is(err, ErrBadCode) || !errors.As(err, &pe) || pe.Line != 3 || pe.Field != "code" {
		t.Fatalf("err = %v", err)
	}
	_, err = ReadIndex(strings.NewReader("<ICD10CM.tabular/>"), "i.xml", "index", "R")
	if !errors.Is(err, ErrBadStructure) {
		t.Fatalf("err = %v", err)
	}
}

func TestReadXMLFull(t *testing.T) {
	p := shareddata.Path(t, "codesets/icd10cm/icd10cm_tabular_2021.xml")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := ReadTabular(f, "icd10cm_tabular_2021.xml", "ICD-10-CM FY2021")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Codes) != 45017 {
		t.Fatalf("codes %d, want 45017 diag elements", len(tab.Codes))
	}
	chapters := 0
	for _, g := range tab.Groups {
		if g.Chapter == "" {
			chapters++
		}
	}
	if chapters != 22 {
		t.Fatalf("chapters %d", chapters)
	}
}

func TestPOS(t *testing.T) {
	b, err := os.ReadFile("testdata/pos_sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	pos, v, err := ReadPOS(bytes.NewReader(b), "pos.xml")
	if err != nil || v != "20240502" || len(pos) != 2 || pos[0] != (claimdesk.PlaceOfService{Code: "11", Name: "Office", Description: "Location where the health professional routinely provides examinations."}) {
		t.Fatalf("pos %+v v %q err %v", pos, v, err)
	}
	bad := strings.Replace(string(b), `"12"`, `"1"`, 1)
	_, _, err = ReadPOS(strings.NewReader(bad), "pos.xml")
	var pe *ParseError
	if !errors.Is(err, ErrBadCode) || !errors.As(err, &pe) || pe.Line != 11 {
		t.Fatalf("err = %v", err)
	}
	p := shareddata.Path(t, "codesets/pos/cs-CMS-PlaceofServiceCodes.xml")
	b, err = os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	pos, _, err = ReadPOS(bytes.NewReader(b), "cs-CMS-PlaceofServiceCodes.xml")
	if err != nil || len(pos) != 52 {
		t.Fatalf("%d codes, %v", len(pos), err)
	}
}

func FuzzTabular(f *testing.F) {
	if b, err := os.ReadFile("testdata/tabular_sample.xml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("<ICD10CM.tabular><chapter><name>1</name></chapter></ICD10CM.tabular>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		tab, err := ReadTabular(bytes.NewReader(in), "f.xml", "R")
		if err != nil {
			checkErrLine(t, err, "f.xml", in)
			return
		}
		// Every note hangs on a node that is a code or group of the file.
		nodes := map[string]bool{}
		for _, c := range tab.Codes {
			nodes[c.Code] = true
		}
		for _, g := range tab.Groups {
			nodes[g.Node] = true
		}
		for node, ns := range tab.Notes {
			if !nodes[node] {
				t.Fatalf("notes on unknown node %q", node)
			}
			for _, n := range ns {
				if n.From != node || n.Text == "" && n.Kind != claimdesk.NoteSeventhChar {
					t.Fatalf("bad note %+v on %s", n, node)
				}
			}
		}
	})
}

func FuzzIndex(f *testing.F) {
	if b, err := os.ReadFile("testdata/index_sample.xml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		idx, err := ReadIndex(bytes.NewReader(in), "f.xml", "index", "R")
		if err != nil {
			checkErrLine(t, err, "f.xml", in)
			return
		}
		for _, term := range idx.Terms {
			if term.Term == "" || NormalizeIndexCode(term.Code) != term.Code {
				t.Fatalf("bad term %+v", term)
			}
		}
	})
}

func FuzzPOS(f *testing.F) {
	if b, err := os.ReadFile("testdata/pos_sample.xml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		pos, _, err := ReadPOS(bytes.NewReader(in), "f.xml")
		if err != nil {
			checkErrLine(t, err, "f.xml", in)
			return
		}
		seen := map[string]bool{}
		for _, p := range pos {
			if len(p.Code) != 2 || p.Name == "" || seen[p.Code] {
				t.Fatalf("bad POS %+v", p)
			}
			seen[p.Code] = true
		}
	})
}

func TestReadIndexTables(t *testing.T) {
	in := `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.index><version>2017</version>
<indexHeading><head col="1">Neoplasm</head><head col="2">Malignant Primary</head><head col="3">Malignant Secondary</head><head col="5">Benign</head></indexHeading>
<letter><title>N</title><mainTerm><title>Neoplasm, neoplastic</title>
<term level="1"><title>breast<nemod>(connective tissue)</nemod></title>
<cell col="2">C50.9-</cell><cell col="3">C79.81</cell><cell col="5">--</cell></term>
</mainTerm></letter></ICD10CM.index>`
	idx, err := ReadIndex(strings.NewReader(in), "n.xml", "neoplasm", "R")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, term := range idx.Terms {
		got = append(got, term.Term+" → "+term.Code)
	}
	if want := "Neoplasm, neoplastic, breast, malignant primary → C50.9|Neoplasm, neoplastic, breast, malignant secondary → C79.81"; strings.Join(got, "|") != want {
		t.Fatalf("got %q", got)
	}
	bad := strings.Replace(in, `<cell col="3">`, `<cell col="4">`, 1)
	_, err = ReadIndex(strings.NewReader(bad), "n.xml", "neoplasm", "R")
	var pe *ParseError
	if !errors.Is(err, ErrBadStructure) || !errors.As(err, &pe) || pe.Line != 6 || pe.Field != "cell" {
		t.Fatalf("cell without heading: %v", err)
	}
}
