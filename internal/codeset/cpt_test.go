package codeset

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestValidCPT(t *testing.T) {
	for in, want := range map[string]bool{"99213": true, "3074F": true, "0042T": true, "0001U": true,
		"9921": false, "99213A": false, "A9213": false, "3074f": false, "0042X": false} {
		if ValidCPT(in) != want {
			t.Errorf("ValidCPT(%q) = %v", in, !want)
		}
	}
}

func TestReadCPT(t *testing.T) {
	b, err := os.ReadFile("testdata/cpt_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		in    string
		want  []string // code|short|title
		err   error
		line  int
		field string
	}{
		{name: "header short long", in: string(b), want: []string{
			"99213|OFFICE O/P EST LOW 20 MIN|Office or other outpatient visit, established patient (synthetic sample text)",
			"3074F|SYST BP LT 130|Most recent systolic blood pressure less than 130 (synthetic)"}},
		{name: "code tab descriptor", in: "99213\tOffice visit\r\n99214\tOffice visit, moderate\r\n", want: []string{"99213||Office visit", "99214||Office visit, moderate"}},
		{name: "four columns no header", in: "99213\tS\tM\tL\n", want: []string{"99213|S|L"}},
		{name: "bad code", in: "99213\tA\n9921\tB\n", err: ErrBadCode, line: 2, field: "code"},
		{name: "no descriptor", in: "99213\t\n", err: ErrMissing, line: 1, field: "descriptor"},
		{name: "duplicate", in: "99213\tA\n99213\tB\n", err: ErrDuplicate, line: 2, field: "code"},
		{name: "bad header", in: "foo\tbar\n", err: ErrBadStructure, line: 1, field: "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCPT(strings.NewReader(tt.in), "cpt.txt", "CPT")
			if tt.err != nil {
				var pe *ParseError
				if !errors.Is(err, tt.err) || !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field {
					t.Fatalf("err = %v, want %v line %d field %s", err, tt.err, tt.line, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, c := range got {
				s = append(s, c.Code.Code+"|"+c.Short+"|"+c.Title)
			}
			if strings.Join(s, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got %q", s)
			}
		})
	}
}

func TestReadProcedures(t *testing.T) {
	b, err := os.ReadFile("testdata/procedures_sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadProcedures(bytes.NewReader(b), "p.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []claimdesk.Procedure{{Code: "99213", Short: "Office visit est low", Fee: 12500}, {Code: "0042T", Short: "Synthetic T code"}, {Code: "3074F", Short: "BP reported"}}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("got %+v", got)
	}
	tests := []struct {
		name, in string
		err      error
		line     int
		field    string
	}{
		{"bad code", "99213,A,1\n9921A,B,2\n", ErrBadCode, 2, "code"},
		{"bad fee", "99213,A,abc\n", ErrBadFee, 1, "fee"},
		{"negative fee", "99213,A,-5\n", ErrBadFee, 1, "fee"},
		{"no description", "code,desc,fee\n99213,,5\n", ErrMissing, 2, "description"},
		{"duplicate", "99213,A,1\n99213,B,2\n", ErrDuplicate, 2, "code"},
		{"bad quote", "99213,\"A,1\n", ErrBadStructure, 1, ""},
		{"empty", "code,desc,fee\n", ErrEmpty, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadProcedures(strings.NewReader(tt.in), "p.csv")
			var pe *ParseError
			if !errors.Is(err, tt.err) || !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field || pe.File != "p.csv" {
				t.Fatalf("err = %v, want %v line %d field %q", err, tt.err, tt.line, tt.field)
			}
		})
	}
}

func FuzzCPT(f *testing.F) {
	if b, err := os.ReadFile("testdata/cpt_sample.txt"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("99213\tOffice visit\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadCPT(bytes.NewReader(in), "f.txt", "R")
		if err != nil {
			checkErrLine(t, err, "f.txt", in)
			return
		}
		seen := map[string]bool{}
		for _, c := range got {
			if !ValidCPT(c.Code.Code) || c.Title == "" || seen[c.Code.Code] {
				t.Fatalf("bad entry %+v", c)
			}
			seen[c.Code.Code] = true
		}
	})
}

func FuzzProcedures(f *testing.F) {
	if b, err := os.ReadFile("testdata/procedures_sample.csv"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadProcedures(bytes.NewReader(in), "f.csv")
		if err != nil {
			checkErrLine(t, err, "f.csv", in)
			return
		}
		for _, p := range got {
			// Parse → values → parse again gives the same values.
			q, err := ParseProcedure(p.Code, p.Short, p.Fee.String())
			if err != nil || q != p {
				t.Fatalf("round trip %+v → %+v, %v", p, q, err)
			}
		}
	})
}
