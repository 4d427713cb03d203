package ui

import (
	"reflect"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestToEncounter(t *testing.T) {
	dos := claimdesk.NewDate(2026, 3, 2)
	base := func() encounterInput {
		return encounterInput{
			ID: 7, PatientID: 3, PolicyID: 4, DateFrom: "03/02/2026", POS: " 11 ", RenderingID: 2, PriorAuth: " pa123 ",
			Diagnoses: []string{"e1165", "I10", " "},
			Lines:     []lineInput{{Code: "99213", Modifiers: "25", Pointers: "ab", Units: "", Charge: "125.00"}},
		}
	}
	want := claimdesk.Encounter{
		ID: 7, PatientID: 3, PolicyID: 4, DateFrom: dos, DateTo: dos, POS: "11", RenderingID: 2, PriorAuth: "PA123",
		Diagnoses: []string{"E11.65", "I10"},
		Lines: []claimdesk.ServiceLine{{From: dos, To: dos, POS: "11", Code: "99213", Modifiers: []string{"25"}, Pointers: "AB",
			Units: claimdesk.WholeUnits(1), Charge: 12500}},
	}
	tests := []struct {
		name    string
		edit    func(*encounterInput)
		wantE   func(*claimdesk.Encounter)
		errPath string // "" for no error
	}{
		{"typical visit", func(*encounterInput) {}, func(*claimdesk.Encounter) {}, ""},
		{"ISO date and a range", func(in *encounterInput) { in.DateFrom, in.DateTo = "2026-03-02", "3/4/2026" },
			func(e *claimdesk.Encounter) {
				e.DateTo = claimdesk.NewDate(2026, 3, 4)
				e.Lines[0].To = e.DateTo
			}, ""},
		{"referring without qualifier stays empty (DN prints, the checks say when DK is due)", func(in *encounterInput) { in.ReferringID = 9 },
			func(e *claimdesk.Encounter) { e.ReferringID = 9 }, ""},
		{"referring ordering DK", func(in *encounterInput) { in.ReferringID, in.ReferringQualifier = 9, "DK" },
			func(e *claimdesk.Encounter) { e.ReferringID, e.ReferringQualifier = 9, "DK" }, ""},
		{"qualifier without referring dropped", func(in *encounterInput) { in.ReferringQualifier = "DQ" }, func(*claimdesk.Encounter) {}, ""},
		{"box 10: employment, auto accident in ny, other accident", func(in *encounterInput) {
			in.Employment, in.AutoAccident, in.AccidentState, in.OtherAccident = true, true, " ny ", true
		}, func(e *claimdesk.Encounter) {
			e.Employment, e.AutoAccident, e.AccidentState, e.OtherAccident = true, true, "NY", true
		}, ""},
		{"auto accident without state (the checks report it)", func(in *encounterInput) { in.AutoAccident = true },
			func(e *claimdesk.Encounter) { e.AutoAccident = true }, ""},
		{"state without auto accident dropped", func(in *encounterInput) { in.AccidentState = "NY" }, func(*claimdesk.Encounter) {}, ""},
		{"box 14 LMP", func(in *encounterInput) { in.OnsetDate, in.OnsetQualifier = "1/15/2026", "484" },
			func(e *claimdesk.Encounter) { e.OnsetDate, e.OnsetQualifier = claimdesk.NewDate(2026, 1, 15), "484" }, ""},
		{"box 14 qualifier without date dropped", func(in *encounterInput) { in.OnsetQualifier = "431" }, func(*claimdesk.Encounter) {}, ""},
		{"box 15 accident date", func(in *encounterInput) { in.OtherDate, in.OtherQualifier = "2026-02-28", "439" },
			func(e *claimdesk.Encounter) { e.OtherDate, e.OtherQualifier = claimdesk.NewDate(2026, 2, 28), "439" }, ""},
		{"box 15 date without qualifier (the checks report it)", func(in *encounterInput) { in.OtherDate = "02/28/2026" },
			func(e *claimdesk.Encounter) { e.OtherDate = claimdesk.NewDate(2026, 2, 28) }, ""},
		{"bad accident state", func(in *encounterInput) { in.AutoAccident, in.AccidentState = true, "ZZ" }, nil, "accident_state"},
		{"one-letter accident state", func(in *encounterInput) { in.AutoAccident, in.AccidentState = true, "N" }, nil, "accident_state"},
		{"bad onset date", func(in *encounterInput) { in.OnsetDate = "yesterday" }, nil, "onset_date"},
		{"bad other date", func(in *encounterInput) { in.OtherDate = "02/30/2026" }, nil, "other_date"},
		{"numbered pointers and run-together modifiers", func(in *encounterInput) { in.Lines[0].Pointers, in.Lines[0].Modifiers = "1 2", "2559" },
			func(e *claimdesk.Encounter) { e.Lines[0].Modifiers = []string{"25", "59"} }, ""},
		{"NDC with hyphens", func(in *encounterInput) { in.Lines[0].NDC, in.Lines[0].NDCQty = "12345-6789-01", "0.5" },
			func(e *claimdesk.Encounter) { e.Lines[0].NDC, e.Lines[0].NDCQty = "12345678901", 500 }, ""},
		{"bad date", func(in *encounterInput) { in.DateFrom = "13/45/2026" }, nil, "date_from"},
		{"bad last date", func(in *encounterInput) { in.DateTo = "soon" }, nil, "date_to"},
		{"bad units", func(in *encounterInput) { in.Lines[0].Units = "one" }, nil, "lines[0].units"},
		{"bad charge", func(in *encounterInput) { in.Lines[0].Charge = "12.345" }, nil, "lines[0].charge"},
		{"short NDC", func(in *encounterInput) { in.Lines[0].NDC = "1234567890" }, nil, "lines[0].ndc"},
		{"bad NDC quantity", func(in *encounterInput) { in.Lines[0].NDCQty = "x" }, nil, "lines[0].ndc_qty"},
		{"bad NDC unit", func(in *encounterInput) { in.Lines[0].NDC, in.Lines[0].NDCUnit = "12345678901", "XX" }, nil, "lines[0].ndc_unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.edit(&in)
			got, fe := in.toEncounter()
			if tt.errPath != "" {
				if len(fe) == 0 || fe[0].Path != tt.errPath || fe[0].Message == "" {
					t.Fatalf("errors = %v, want one at %s", fe, tt.errPath)
				}
				return
			}
			if len(fe) > 0 {
				t.Fatalf("unexpected errors: %v", fe)
			}
			w := want
			w.Lines = append([]claimdesk.ServiceLine(nil), want.Lines...)
			w.Lines[0].Modifiers = append([]string(nil), want.Lines[0].Modifiers...)
			tt.wantE(&w)
			if !reflect.DeepEqual(got, w) {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
		})
	}
}

// TestInputRoundTrip: a stored encounter shown in the form and read back
// is unchanged.
func TestInputRoundTrip(t *testing.T) {
	d := claimdesk.NewDate(2026, 2, 27)
	e := claimdesk.Encounter{ID: 1, PatientID: 2, PolicyID: 3, SecondaryPolicyID: 4, DateFrom: d, DateTo: d, POS: "11",
		RenderingID: 5, ReferringID: 6, ReferringQualifier: "DK", FacilityID: 7, PriorAuth: "X1",
		Diagnoses: []string{"E11.65", "Z79.4"},
		Lines: []claimdesk.ServiceLine{
			{From: d, To: d, POS: "11", Code: "99214", Modifiers: []string{"25"}, Pointers: "AB", Units: claimdesk.WholeUnits(1), Charge: 18000},
			{From: d, To: d, POS: "11", Code: "J3420", Pointers: "A", Units: 1500, Charge: 3000, ChargeOverridden: true, NDC: "12345678901", NDCUnit: "ML", NDCQty: 2000},
		}}
	details := e
	details.ReferringQualifier = "DQ"
	details.Employment, details.AutoAccident, details.AccidentState, details.OtherAccident = true, true, "IL", true
	details.OnsetDate, details.OnsetQualifier = claimdesk.NewDate(2026, 2, 20), "431"
	details.OtherDate, details.OtherQualifier = claimdesk.NewDate(2025, 12, 1), "090"
	noRef := e
	noRef.ReferringID, noRef.ReferringQualifier = 0, ""
	lmp := e
	lmp.OnsetDate, lmp.OnsetQualifier, lmp.OtherDate, lmp.OtherQualifier = claimdesk.NewDate(2026, 1, 2), "484", claimdesk.NewDate(2026, 2, 1), "444"
	for name, e := range map[string]claimdesk.Encounter{"visit": e, "claim details": details, "no referring": noRef, "LMP and first visit": lmp} {
		t.Run(name, func(t *testing.T) {
			got, fe := inputFromEncounter(e).toEncounter()
			if len(fe) > 0 {
				t.Fatal(fe)
			}
			if !reflect.DeepEqual(got, e) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, e)
			}
		})
	}
}

func TestQualifiers(t *testing.T) {
	for _, qs := range [][]qualifier{referringQualifiers, onsetQualifiers, otherQualifiers} {
		for i, l := range qualifierLabels(qs) {
			if qualifierCode(l) != qs[i].code || qualifierLabel(qs, qs[i].code) != l {
				t.Errorf("label %q does not read back as %s", l, qs[i].code)
			}
		}
	}
	if qualifierLabel(otherQualifiers, "999") != "" || qualifierCode("") != "" {
		t.Error("unknown qualifier has a label")
	}
	if n := len(otherQualifiers); n != 9 {
		t.Errorf("box 15 lists %d qualifiers, want 9", n)
	}
	labels := qualifierLabels(otherQualifiers)
	for _, tt := range []struct {
		typed string
		want  string
	}{{"43", "439"}, {"09", "090"}, {"acc", "439"}, {"x", "455"}, {"zz", ""}} {
		got := ""
		if i := matchOption(labels, tt.typed); i >= 0 {
			got = qualifierCode(labels[i])
		}
		if got != tt.want {
			t.Errorf("typing %q picks %q, want %q", tt.typed, got, tt.want)
		}
	}
	ref := qualifierLabels(referringQualifiers)
	for typed, want := range map[string]string{"k": "DK", "dk": "DK", "ord": "DK", "s": "DQ", "d": "DN"} {
		if i := matchOption(ref, typed); i < 0 || qualifierCode(ref[i]) != want {
			t.Errorf("typing %q in box 17's qualifier picks %d, want %s", typed, i, want)
		}
	}
}

func TestDetailsSummary(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   encounterInput
		want string
	}{
		{"nothing", encounterInput{}, ""},
		{"accident without state", encounterInput{AutoAccident: true}, "Auto accident (state?)"},
		{"all", encounterInput{Employment: true, AutoAccident: true, AccidentState: "ny", OtherAccident: true, OnsetDate: "03/01/2026", OnsetQualifier: "484",
			OtherDate: "02/01/2026", OtherQualifier: "439", PriorAuth: "pa1"},
			"Employment · auto accident (NY) · other accident · 14: 03/01/2026 LMP (last period) · 15: 02/01/2026 accident · prior auth PA1"},
	} {
		if got := detailsSummary(tt.in); got != tt.want {
			t.Errorf("%s: summary %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseHelpers(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a", "A"}, {"a b", "AB"}, {"A,C", "AC"}, {"1 3", "AC"}, {"12", "L"}, {"13", "13"}, {"", ""},
	} {
		if got := parsePointers(tt.in); got != tt.want {
			t.Errorf("parsePointers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", "[]"}, {"25", "[25]"}, {"25 59", "[25 59]"}, {"lt,rt", "[LT RT]"}, {"2559", "[25 59]"}, {"5", "[5]"},
	} {
		if got := fmtSlice(parseModifiers(tt.in)); got != tt.want {
			t.Errorf("parseModifiers(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"encounter.lines[2].modifiers[0]", "lines[2].modifiers"}, {"lines[0].pointers", "lines[0].pointers"},
		{"encounter.diagnoses[3]", "diagnoses"}, {"patient.dob", "patient"}, {"policy.member_id", "policy"},
		{"encounter.pos", "pos"}, {"date_from", "date_from"}, {"encounter.lines", "lines"},
	} {
		if got := fieldPath(tt.in); got != tt.want {
			t.Errorf("fieldPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if _, err := parseDay("02/30/2026"); err == nil {
		t.Error("parseDay accepted February 30")
	}
	if d, err := parseDay("03022026"); err != nil || !d.Equal(claimdesk.NewDate(2026, 3, 2)) {
		t.Errorf("parseDay(03022026) = %v, %v", d, err)
	}
	if last, first := splitName("Testperson, Dana"); last != "Testperson" || first != "Dana" {
		t.Errorf("splitName = %q %q", last, first)
	}
	if last, first := splitName("Dana Lee Testperson"); last != "Testperson" || first != "Dana Lee" {
		t.Errorf("splitName = %q %q", last, first)
	}
}

func TestSplitNDC(t *testing.T) {
	for _, tt := range []struct{ in, ndc, unit, qty string }{
		{"", "", "", ""},
		{"00409-4888-02", "00409-4888-02", "", ""},
		{"00409488802 ml 2", "00409488802", "ML", "2"},
		{"00409488802 ML2", "00409488802", "ML", "2"},
		{"00409488802 UN 0.5", "00409488802", "UN", "0.5"},
		{"00409488802 M", "00409488802", "M", ""},
	} {
		n, u, q := splitNDC(tt.in)
		if n != tt.ndc || u != tt.unit || q != tt.qty {
			t.Errorf("splitNDC(%q) = %q %q %q, want %q %q %q", tt.in, n, u, q, tt.ndc, tt.unit, tt.qty)
		}
		if tt.in != "" && tt.unit != "M" {
			if n2, u2, q2 := splitNDC(joinNDC(n, u, q)); n2 != n || u2 != u || q2 != q {
				t.Errorf("joinNDC round trip of %q gives %q %q %q", tt.in, n2, u2, q2)
			}
		}
	}
}

func fmtSlice(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}

// FuzzParseDay: a day that reads back formatted reads back the same.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"03/02/2026", "3/2/2026", "2026-03-02", "03022026", "1/2/06", "", "13/45/2026", "02/29/2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDay(s)
		if err != nil || d.IsZero() {
			return
		}
		back, err := parseDay(formatDay(d))
		if err != nil || !back.Equal(d) {
			t.Fatalf("parseDay(%q) = %v; formatted %q reads back %v, %v", s, d, formatDay(d), back, err)
		}
	})
}

// FuzzToEncounter: any typed line maps without panicking, errors name a
// line field, and pointers come out as letters when they were letters.
func FuzzToEncounter(f *testing.F) {
	f.Add("99213", "25 59", "ab", "1", "125.00", "")
	f.Add("J3420", "", "1,2", "1.5", "$30", "12345-6789-01")
	f.Add("", "x", "", "-1", "abc", "1")
	f.Fuzz(func(t *testing.T, code, mods, ptrs, units, charge, ndc string) {
		in := encounterInput{DateFrom: "03/02/2026", POS: "11", Diagnoses: []string{"E11.65"},
			Lines: []lineInput{{Code: code, Modifiers: mods, Pointers: ptrs, Units: units, Charge: charge, NDC: ndc}}}
		e, fe := in.toEncounter()
		for _, x := range fe {
			switch x.Path {
			case "lines[0].units", "lines[0].charge", "lines[0].ndc", "lines[0].ndc_qty":
			default:
				t.Fatalf("error at unexpected path %q: %s", x.Path, x.Message)
			}
		}
		if len(e.Lines) != 1 {
			t.Fatalf("lines = %d", len(e.Lines))
		}
	})
}

// FuzzDetails: any typed claim details map without panicking; errors name
// a details field; a qualifier is kept only with its date and the state
// only with an auto accident, and a kept state is a valid code.
func FuzzDetails(f *testing.F) {
	f.Add(true, "ny", "03/01/2026", "431", "2026-02-28", "439")
	f.Add(false, "NY", "", "484", "x", "")
	f.Add(true, "Z", "13/01/2026", "", "", "090")
	f.Fuzz(func(t *testing.T, auto bool, state, onset, onsetQ, other, otherQ string) {
		in := encounterInput{DateFrom: "03/02/2026", POS: "11", AutoAccident: auto, AccidentState: state,
			OnsetDate: onset, OnsetQualifier: onsetQ, OtherDate: other, OtherQualifier: otherQ}
		e, fe := in.toEncounter()
		for _, x := range fe {
			switch x.Path {
			case "accident_state", "onset_date", "other_date":
			default:
				t.Fatalf("error at unexpected path %q: %s", x.Path, x.Message)
			}
		}
		if e.OnsetDate.IsZero() && e.OnsetQualifier != "" || e.OtherDate.IsZero() && e.OtherQualifier != "" {
			t.Fatalf("qualifier without its date: %+v", e)
		}
		if !auto && e.AccidentState != "" {
			t.Fatalf("state %q without an auto accident", e.AccidentState)
		}
		if len(fe) == 0 && e.AccidentState != "" && claimdesk.CheckState(e.AccidentState) != "" {
			t.Fatalf("bad state %q accepted", e.AccidentState)
		}
	})
}
