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

// orderLine builds one order-file line.
func orderLine(no, code, flag, short, long string) string {
	return pad(no, 5) + " " + pad(code, 7) + " " + flag + " " + pad(short, 60) + " " + long
}

func pad(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

func readAllOrder(t *testing.T, in string) ([]claimdesk.CodeEntry, error) {
	t.Helper()
	var got []claimdesk.CodeEntry
	err := ReadOrder(strings.NewReader(in), "order.txt", "ICD-10-CM FY2026", func(e claimdesk.CodeEntry) error {
		got = append(got, e)
		return nil
	})
	return got, err
}

func TestReadOrder(t *testing.T) {
	good := orderLine("04413", "E1165", "1", "Type 2 diabetes mellitus with hyperglycemia", "Type 2 diabetes mellitus with hyperglycemia")
	tests := []struct {
		name  string
		in    string
		want  []claimdesk.CodeEntry
		err   error
		line  int
		field string
	}{
		{name: "billable code", in: good + "\r\n", want: []claimdesk.CodeEntry{{Code: claimdesk.Code{
			System: claimdesk.SystemICD10CM, Code: "E11.65", Billable: true, Release: "ICD-10-CM FY2026",
			Title: "Type 2 diabetes mellitus with hyperglycemia", Short: "Type 2 diabetes mellitus with hyperglycemia"}, Order: 4413}}},
		{name: "header, LF only", in: orderLine("00001", "A00", "0", "Cholera", "Cholera") + "\n", want: []claimdesk.CodeEntry{{Code: claimdesk.Code{
			System: claimdesk.SystemICD10CM, Code: "A00", Release: "ICD-10-CM FY2026", Title: "Cholera", Short: "Cholera"}, Order: 1}}},
		{name: "new QA0 block", in: orderLine("30497", "QA00101", "1", "SCN2A-related neurodev disorder", "SCN2A-related neurodevelopmental disorder"), want: []claimdesk.CodeEntry{{Code: claimdesk.Code{
			System: claimdesk.SystemICD10CM, Code: "QA0.0101", Billable: true, Release: "ICD-10-CM FY2026", Title: "SCN2A-related neurodevelopmental disorder", Short: "SCN2A-related neurodev disorder"}, Order: 30497}}},
		{name: "short line", in: good + "\n00002 A000 1 Cholera\n", err: ErrShortLine, line: 2, field: "long title"},
		{name: "bad flag", in: orderLine("00001", "A00", "2", "Cholera", "Cholera"), err: ErrBadFlag, line: 1, field: "billable flag"},
		{name: "bad code", in: "\n" + orderLine("00001", "1A00", "0", "Cholera", "Cholera"), err: ErrBadCode, line: 2, field: "code"},
		{name: "lower case code", in: orderLine("00001", "a00", "0", "Cholera", "Cholera"), err: ErrBadCode, line: 1, field: "code"},
		{name: "bad order number", in: orderLine("0000x", "A00", "0", "Cholera", "Cholera"), err: ErrBadNumber, line: 1, field: "order number"},
		{name: "empty short title", in: orderLine("00001", "A00", "0", "", "Cholera"), err: ErrMissing, line: 1, field: "short title"},
		{name: "empty file", in: "\r\n", err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAllOrder(t, tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field || pe.File != "order.txt" {
					t.Fatalf("err = %#v, want line %d field %q", err, tt.line, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d entries, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("entry %d = %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseErrorString(t *testing.T) {
	e := &ParseError{File: "icd10cm_order_2026.txt", Line: 1042, Field: "code", Err: ErrBadCode}
	if got, want := e.Error(), "icd10cm_order_2026.txt line 1042 field code: malformed code"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestReadOrderFY2026(t *testing.T) {
	p := shareddata.Path(t, "codesets/icd10cm/icd10cm_order_2026.txt")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n, billable int
	var e1165 claimdesk.CodeEntry
	err = ReadOrder(f, "icd10cm_order_2026.txt", "ICD-10-CM FY2026", func(e claimdesk.CodeEntry) error {
		n++
		if e.Billable {
			billable++
		}
		if e.Code.Code == "E11.65" {
			e1165 = e
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 98186 || billable != 74719 {
		t.Fatalf("rows %d billable %d, want 98186 / 74719", n, billable)
	}
	if e1165.Order != 4413 || e1165.Title != "Type 2 diabetes mellitus with hyperglycemia" {
		t.Fatalf("E11.65 = %+v", e1165)
	}
}

func TestReadCodesFY2026(t *testing.T) {
	p := shareddata.Path(t, "codesets/icd10cm/icd10cm-codes-2026.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = ReadCodes(bytes.NewReader(b), "icd10cm-codes-2026.txt", "ICD-10-CM FY2026", func(e claimdesk.CodeEntry) error {
		n++
		if !e.Billable || e.Title == "" {
			t.Fatalf("bad entry %+v", e)
		}
		return nil
	})
	if err != nil || n != 74719 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	if err := ReadCodes(strings.NewReader("E119\tType 2\n"), "c.txt", "", func(claimdesk.CodeEntry) error { return nil }); !errors.Is(err, ErrBadCode) {
		t.Fatalf("tab-separated line: err = %v", err)
	}
}

func FuzzOrderFile(f *testing.F) {
	if b, err := os.ReadFile("testdata/order_sample.txt"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(orderLine("00001", "A00", "0", "Cholera", "Cholera")))
	f.Add([]byte("00001 A00     2 x\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var got []claimdesk.CodeEntry
		err := ReadOrder(bytes.NewReader(in), "f.txt", "R", func(e claimdesk.CodeEntry) error {
			got = append(got, e)
			return nil
		})
		if err != nil {
			checkErrLine(t, err, "f.txt", in)
			return
		}
		// Every non-blank line gave exactly one valid entry.
		nonblank := 0
		for _, l := range bytes.Split(in, []byte("\n")) {
			if len(bytes.TrimSpace(bytes.TrimRight(l, "\r"))) > 0 {
				nonblank++
			}
		}
		if len(got) != nonblank {
			t.Fatalf("%d entries from %d lines", len(got), nonblank)
		}
		for _, e := range got {
			if !validICD(strings.ReplaceAll(e.Code.Code, ".", "")) || e.Title == "" || e.Short == "" {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

func FuzzCodesFile(f *testing.F) {
	f.Add([]byte("A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\nE1165   Type 2 diabetes mellitus with hyperglycemia\r\n"))
	f.Add([]byte("S93401A Sprain of unspecified ligament of right ankle, initial encounter\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		n := 0
		err := ReadCodes(bytes.NewReader(in), "f.txt", "R", func(e claimdesk.CodeEntry) error {
			n++
			if !e.Billable || e.Title == "" || !validICD(strings.ReplaceAll(e.Code.Code, ".", "")) {
				t.Fatalf("bad entry %+v", e)
			}
			return nil
		})
		if err != nil {
			checkErrLine(t, err, "f.txt", in)
			return
		}
		if n == 0 {
			t.Fatal("success without codes")
		}
	})
}

func FuzzStarter(f *testing.F) {
	f.Add([]byte("system\tcode\tbillable\tshort\ttitle\nicd10cm\tE11.9\t1\tType 2 DM\tType 2 diabetes mellitus without complications\nhcpcs\tG0438\t1\tPpps\tAnnual wellness visit\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadStarter(bytes.NewReader(in), "s.tsv", "R")
		if err != nil {
			checkErrLine(t, err, "s.tsv", in)
			return
		}
		for sys, codes := range got {
			for _, c := range codes {
				if c.System != sys || c.Title == "" {
					t.Fatalf("bad entry %+v", c)
				}
			}
		}
	})
}
