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

func TestReadHCPCSSample(t *testing.T) {
	b, err := os.ReadFile("testdata/hcpcs_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadHCPCS(bytes.NewReader(b), "hcpcs_sample.txt", "HCPCS 2026 Q1 (January)")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Codes) != 3 || len(got.Modifiers) != 2 {
		t.Fatalf("codes %d modifiers %d", len(got.Codes), len(got.Modifiers))
	}
	g := got.Codes[0]
	want := claimdesk.CodeEntry{Code: claimdesk.Code{System: claimdesk.SystemHCPCS, Code: "G0438",
		Title: "Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit",
		Short: "Ppps, initial visit", Billable: true, Release: "HCPCS 2026 Q1 (January)",
		Effective: claimdesk.MustDate("2011-01-01")},
		Order: 1, Added: claimdesk.MustDate("2011-01-01"), ActionEffective: claimdesk.MustDate("2026-01-01"), Action: "P"}
	if g != want {
		t.Fatalf("G0438 = %+v\nwant %+v", g, want)
	}
	if got.Codes[2].Terminated != claimdesk.MustDate("1999-12-31") || got.Codes[2].Action != "D" {
		t.Fatalf("A0021 = %+v", got.Codes[2])
	}
	if m := got.Modifiers[1]; m.Code != "AB" || m.Title != "Audiology service furnished personally by an audiologist without a physician/npp order" {
		t.Fatalf("AB = %+v", m)
	}
}

func TestReadHCPCSErrors(t *testing.T) {
	line := func(code, typ, rest string) string { return pad(code, 5) + "00100" + typ + rest }
	tests := []struct {
		name  string
		in    string
		err   error
		line  int
		field string
	}{
		{"unknown record", line("G0438", "5", "Desc"), ErrBadRecord, 1, "record id"},
		{"orphan continuation", line("G0438", "4", "more text"), ErrOrphan, 1, "record id"},
		{"continuation of other code", line("G0438", "3", "Desc") + "\n" + line("G0439", "4", "more"), ErrOrphan, 2, "record id"},
		{"short code", line("G04", "3", "Desc"), ErrBadCode, 1, "code"},
		{"modifier not right-justified", line("GT", "7", "Desc"), ErrBadCode, 1, "modifier"},
		{"bad add date", line("G0438", "3", pad("Desc", 257)+"2026x101"), ErrBadDate, 1, "add date"},
		{"short record", "G0438", ErrShortLine, 1, "record id"},
		{"no description", line("G0438", "3", ""), ErrMissing, 1, "long description"},
		{"empty", "   \n", ErrEmpty, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadHCPCS(strings.NewReader(tt.in), "h.txt", "R")
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field || pe.File != "h.txt" {
				t.Fatalf("err = %#v, want line %d field %q", err, tt.line, tt.field)
			}
		})
	}
}

func TestReadHCPCS2026(t *testing.T) {
	p := shareddata.Path(t, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadHCPCS(f, "HCPC2026_JAN_ANWEB_01122026.txt", "HCPCS 2026 Q1 (January)")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Codes) != 8623 || len(got.Modifiers) != 383 {
		t.Fatalf("codes %d modifiers %d, want 8623 / 383", len(got.Codes), len(got.Modifiers))
	}
	terminated, active := 0, 0
	jan1 := claimdesk.MustDate("2026-01-01")
	for _, c := range got.Codes {
		if !c.Terminated.IsZero() {
			terminated++
		}
		if c.Terminated.IsZero() || !c.Terminated.Before(jan1) {
			active++
		}
	}
	if terminated != 1300 || active != 7323 {
		t.Fatalf("terminated %d, active on 2026-01-01 %d; want 1300 / 7323", terminated, active)
	}
	mods := map[string]bool{}
	for _, m := range got.Modifiers {
		mods[m.Code] = true
	}
	for _, m := range []string{"GT", "XU", "LT", "RT", "KX"} {
		if !mods[m] {
			t.Errorf("modifier %s missing", m)
		}
	}
}

func FuzzHCPCS(f *testing.F) {
	if b, err := os.ReadFile("testdata/hcpcs_sample.txt"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("G043800100" + "3Desc"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadHCPCS(bytes.NewReader(in), "f.txt", "R")
		if err != nil {
			checkErrLine(t, err, "f.txt", in)
			return
		}
		// One code or modifier per first record (type 3 or 7).
		firsts := 0
		for _, l := range bytes.Split(in, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 && len(l) > hcRecID && (l[hcRecID] == '3' || l[hcRecID] == '7') {
				firsts++
			}
		}
		if len(got.Codes)+len(got.Modifiers) != firsts {
			t.Fatalf("%d codes + %d modifiers from %d first records", len(got.Codes), len(got.Modifiers), firsts)
		}
	})
}
