package cms1500

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

var update = flag.Bool("update", false, "rewrite golden files")

// printDate is the signature date every golden uses.
var printDate = claimdesk.MustDate("2026-11-02")

// loadClaims reads every testdata/claims/*.json (sorted by name).
func loadClaims(t testing.TB) map[string]claimdesk.ClaimData {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "claims", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test claims: %v", err)
	}
	out := map[string]claimdesk.ClaimData{}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		cd, err := claimdesk.DecodeClaimJSON(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = cd
	}
	return out
}

func loadClaim(t testing.TB, name string) claimdesk.ClaimData {
	t.Helper()
	cd, ok := loadClaims(t)[name]
	if !ok {
		t.Fatalf("no test claim %s", name)
	}
	return cd
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
// A missing golden fails.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden %s missing (run go test -update): %v", p, err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from golden (run go test -update and read the diff):\n--- got\n%s", p, got)
	}
}

func formsText(forms []Form) string {
	var b strings.Builder
	for i := range forms {
		b.WriteString(forms[i].Text())
	}
	return b.String()
}

func TestFillGolden(t *testing.T) {
	for name, cd := range loadClaims(t) {
		t.Run(name, func(t *testing.T) {
			forms, err := Fill(cd, FillOptions{Date: printDate})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".txt", []byte(formsText(forms)))
		})
	}
}

func TestFillRules(t *testing.T) {
	claims := loadClaims(t)
	get := func(t *testing.T, name string) []Form {
		t.Helper()
		forms, err := Fill(claims[name], FillOptions{Date: printDate})
		if err != nil {
			t.Fatal(err)
		}
		return forms
	}
	tests := []struct {
		claim string
		page  int
		field string
		want  string
	}{
		{"group", 1, "1.group", "X"},
		{"medicare", 1, "1.medicare", "X"},
		{"medicaid", 1, "1.medicaid", "X"},
		{"tricare", 1, "1.tricare", "X"},
		{"champva", 1, "1.champva", "X"},
		{"feca", 1, "1.feca", "X"},
		{"other-auto", 1, "1.other", "X"},
		{"group", 1, "2", "TESTPERSON, WENDY, Q"},
		{"group", 1, "3.mm", "03"},
		{"group", 1, "3.yyyy", "1984"},
		{"group", 1, "3.f", "X"},
		{"group", 1, "5.area", "217"},
		{"group", 1, "5.phone", "5550142"},
		{"group", 1, "11", "GRP7700"},
		{"group", 1, "11d.no", "X"},
		{"group", 1, "21.ind", "0"},
		{"group", 1, "21.A", "J029"},
		{"group", 1, "24A.1.from_yy", "26"},
		{"group", 1, "24D.1.mod1", "25"},
		{"group", 1, "24E.1", "AB"},
		{"group", 1, "24F.1.dollars", "150"},
		{"group", 1, "24F.1.cents", "00"},
		{"group", 1, "24.3.shaded", "N412345678901   UN2"},
		{"group", 1, "24J.1.npi", "1987654328"},
		{"group", 1, "24I.1.qual", "ZZ"},
		{"group", 1, "24J.1.id", "207Q00000X"},
		{"group", 1, "25", "371234567"},
		{"group", 1, "25.ein", "X"},
		{"group", 1, "27.yes", "X"},
		{"group", 1, "28.dollars", "245"},
		{"group", 1, "29.dollars", "20"},
		{"group", 1, "31.date", "11 02 26"},
		{"group", 1, "33.area", "217"},
		{"group", 1, "33b", "ZZ207Q00000X"},
		{"group", 1, "carrier.city", "CHICAGO IL 606014000"},
		{"medicare", 1, "11", "NONE"},
		{"medicare", 1, "4", ""},
		{"medicare", 1, "11d.no", ""},
		{"medicare", 1, "24I.1.qual", ""},
		{"medicare", 1, "33b", ""},
		{"medicare", 1, "1a", "1EG4TE5MK73"},
		{"medicare", 1, "17.name", "OTTO FENNIMORE"},
		{"group", 1, "17.name", "OTTO FENNIMORE DO"},
		{"medicare-secondary", 1, "11", "EMP4455"},
		{"medicare-secondary", 1, "4", "OLDFELLOW, HENRIETTA, R"},
		{"medicare-secondary", 1, "6.spouse", "X"},
		{"medicare-secondary", 1, "11a.yyyy", "1958"},
		{"medicare-secondary", 1, "11c", "LAKESIDE EMPLOYER PLAN"},
		{"medicaid", 1, "24.3.shaded", "N412345067890   ML0.5"},
		{"medicaid", 1, "24C.1", "Y"},
		{"tricare", 1, "6.child", "X"},
		{"tricare", 1, "4", "BRIGHTSTAR, MAJOR, K"},
		{"tricare", 1, "7.area", "910"},
		{"feca", 1, "10a.yes", "X"},
		{"other-auto", 1, "10b.yes", "X"},
		{"other-auto", 1, "10b.state", "OH"},
		{"other-auto", 1, "15.qual", "439"},
		{"other-auto", 1, "23", "PA20260042"},
		{"other-auto", 1, "21.A", "S134XXA"},
		{"twelve-dx", 1, "21.L", "Z794"},
		{"twelve-dx", 1, "24E.1", "ABCD"},
		{"nine-lines", 1, "28.dollars", "202889"},
		{"nine-lines", 1, "28.cents", "10"},
		{"nine-lines", 2, "28.dollars", "101444"},
		{"nine-lines", 2, "28.cents", "55"},
		{"nine-lines", 1, "29.dollars", "100"},
		{"nine-lines", 2, "29.dollars", ""},
		{"nine-lines", 2, "24D.3.code", "97110"},
		{"nine-lines", 2, "24D.4.code", ""},
		{"nine-lines", 2, "21.C", "Z79899"},
		{"nine-lines", 1, "24D.3.mod4", "XU"},
		{"nine-lines", 1, "24A.3.to_dd", "05"},
		{"nine-lines", 1, "24F.3.dollars", "99999"},
		{"replacement", 1, "22.code", "7"},
		{"replacement", 1, "22.ref", "2026288001234500"},
		{"group", 1, "22.code", ""},
		{"long-names", 1, "2", "FEATHERSTONEHAUGH III, M, Q"},
		{"long-names", 1, "4", "OBRIEN-CASTELLANOS JR, JOS, A"},
		{"long-names", 1, "5.street", "12345 NORTH EXTRAORDINARILY"},
		{"long-names", 1, "26", "ACCT2026000123"},
		{"long-names", 1, "11d.yes", "X"},
		{"long-names", 1, "9", "FEATHERSTONEHAUGH III, M, Q"},
		{"long-names", 1, "9a", "SEC556677"},
		{"long-names", 1, "32.city", "SAN BERNARDINO CA 92408"},
		{"long-names", 1, "33.city", "SAN BERNARDINO CA 924084321"},
	}
	for _, tt := range tests {
		t.Run(tt.claim+"/"+tt.field, func(t *testing.T) {
			forms := get(t, tt.claim)
			if tt.page > len(forms) {
				t.Fatalf("%d forms, want page %d", len(forms), tt.page)
			}
			if got := forms[tt.page-1].Get(tt.field); got != tt.want {
				t.Errorf("page %d %s = %q, want %q", tt.page, tt.field, got, tt.want)
			}
		})
	}
	if n := len(get(t, "nine-lines")); n != 2 {
		t.Errorf("nine-lines: %d forms, want 2", n)
	}
}

// TestFillFitsBoxes: every value of every test claim is upper case ASCII
// and no longer than its field.
func TestFillFitsBoxes(t *testing.T) {
	for name, cd := range loadClaims(t) {
		forms, err := Fill(cd, FillOptions{Date: printDate})
		if err != nil {
			t.Fatal(err)
		}
		for i := range forms {
			forms[i].Each(func(f *Field, text string) {
				if len(text) > f.Max {
					t.Errorf("%s: %s holds %d characters, max %d", name, f.ID, len(text), f.Max)
				}
				for _, r := range text {
					if r >= 'a' && r <= 'z' || r > '~' || r < ' ' {
						t.Errorf("%s: %s has %q", name, f.ID, r)
						break
					}
				}
			})
		}
	}
}

func TestFillErrors(t *testing.T) {
	base := loadClaim(t, "group")
	tests := []struct {
		name   string
		change func(cd *claimdesk.ClaimData)
		want   string
	}{
		{"ok", func(cd *claimdesk.ClaimData) {}, ""},
		{"charge too large", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Charge = 10000000 }, "a line charge is too large"},
		{"negative charge", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[1].Charge = -1 }, "cannot be negative"},
		{"total too large", func(cd *claimdesk.ClaimData) {
			for i := range cd.Encounter.Lines {
				cd.Encounter.Lines[i].Charge = 9999999
			}
			cd.Encounter.Lines = append(cd.Encounter.Lines, cd.Encounter.Lines...)
			cd.Encounter.Lines = append(cd.Encounter.Lines, cd.Encounter.Lines...)
			cd.Encounter.Lines = cd.Encounter.Lines[:6]
			for i := range cd.Encounter.Lines {
				cd.Encounter.Lines[i].Charge = 9999999
			}
			cd.Encounter.Lines = append(cd.Encounter.Lines, cd.Encounter.Lines...)[:6]
			cd.Encounter.Lines[0].Charge = 9999999
			// 6 × 99,999.99 = 599,999.94 fits; make it not fit:
			cd.Claim.AmountPaid = 10000000
		}, "amount paid is too large"},
		{"13 diagnoses", func(cd *claimdesk.ClaimData) {
			cd.Encounter.Diagnoses = strings.Fields("A00 A01 A02 A03 A04 A05 A06 A07 A08 A09 B00 B01 B02")
		}, "at most 12 diagnoses"},
		{"5 modifiers", func(cd *claimdesk.ClaimData) {
			cd.Encounter.Lines[0].Modifiers = []string{"25", "59", "76", "77", "91"}
		}, "more than 4 modifiers"},
		{"5 pointers", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Pointers = "ABCDE" }, "more than 4 diagnoses"},
		{"numeric pointer", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Pointers = "1" }, "letters A–L"},
		{"pointer M", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Pointers = "AM" }, "letters A–L"},
		{"lower-case pointers", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Pointers = "ab" }, ""},
		{"units", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[0].Units = claimdesk.WholeUnits(1000) }, "units must be 0 to 999"},
		{"bad NDC", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines[2].NDC = "1234" }, "NDC must have 11 digits"},
		{"no lines", func(cd *claimdesk.ClaimData) { cd.Encounter.Lines = nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cd := base
			cd.Encounter.Lines = append([]claimdesk.ServiceLine(nil), base.Encounter.Lines...)
			tt.change(&cd)
			_, err := Fill(cd, FillOptions{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			var ce *claimdesk.Error
			if !errors.As(err, &ce) || ce.Code != claimdesk.EInvalid {
				t.Errorf("err %T is not an EInvalid claimdesk.Error", err)
			}
		})
	}
}

func TestCutAndText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"ABC", 3, "ABC"}, {"ABCD", 3, "ABC"}, {"AB CD", 3, "AB"}, {"A  ", 1, "A"}, {"", 2, ""},
	}
	for _, tt := range tests {
		if got := Cut(tt.in, tt.max); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
	wt := []struct{ in, want string }{
		{"o'neil-smith jr.", "ONEIL-SMITH JR"}, {"Peña, José", "PENA JOSE"}, {"  12 N. Main St., #4 ", "12 N MAIN ST 4"}, {"日本", ""},
	}
	for _, tt := range wt {
		if got := words(tt.in); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	nt := []struct {
		in   string
		want string
		ok   bool
	}{
		{"12345-6789-01", "12345678901", true}, {"1234-5678-90", "01234567890", true}, {"12345-678-90", "12345067890", true},
		{"12345-6789-1", "12345678901", true}, {"12345678901", "12345678901", true}, {"1234567890", "", false}, {"12345-6789-012", "", false}, {"a2345-6789-01", "", false},
	}
	for _, tt := range nt {
		if got, ok := ndc11(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ndc11(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
