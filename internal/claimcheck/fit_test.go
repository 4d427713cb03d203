package claimcheck

import (
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestSexTable(t *testing.T) {
	for _, tc := range []struct {
		code string
		want claimdesk.Sex
	}{
		{"N40.0", claimdesk.SexMale}, {"N52.9", claimdesk.SexMale}, {"C61", claimdesk.SexMale},
		{"C50.021", claimdesk.SexMale}, {"C50.929", claimdesk.SexMale}, {"Z12.5", claimdesk.SexMale},
		{"R97.20", claimdesk.SexMale}, {"Z85.46", claimdesk.SexMale}, {"Q53.10", claimdesk.SexMale},
		{"N95.1", claimdesk.SexFemale}, {"N70.01", claimdesk.SexFemale}, {"C53.9", claimdesk.SexFemale},
		{"C50.011", claimdesk.SexFemale}, {"C50.919", claimdesk.SexFemale}, {"Z12.4", claimdesk.SexFemale},
		{"O80", claimdesk.SexFemale}, {"O9A.211", claimdesk.SexFemale}, {"Z3A.20", claimdesk.SexFemale},
		{"Z34.00", claimdesk.SexFemale}, {"Z85.41", claimdesk.SexFemale}, {"Z85.4A", claimdesk.SexFemale},
		{"I10", ""}, {"N39.0", ""}, {"N60.01", ""}, {"C50.019", claimdesk.SexFemale}, {"Z80.42", ""},
		{"N54", ""}, {"N69", ""}, {"N99.0", ""}, {"Z30.09", ""}, {"Z31.41", ""}, {"P59.9", ""},
	} {
		got, _ := SexSpecific(claimdesk.NormalizeICD(tc.code))
		if got != tc.want {
			t.Errorf("SexSpecific(%s) = %q, want %q", tc.code, got, tc.want)
		}
	}
	// Every range is well formed and male and female ranges never overlap.
	for sex, rs := range sexTable {
		for _, d := range rs {
			if d.lo > d.hi || len(d.lo) < 3 || d.what == "" {
				t.Errorf("%s range %s-%s is malformed", sex, d.lo, d.hi)
			}
			for _, e := range sexTable[otherSex(sex)] {
				if d.has(e.lo) || d.has(e.hi) || e.has(d.lo) || e.has(d.hi) {
					t.Errorf("%s range %s-%s overlaps %s-%s", sex, d.lo, d.hi, e.lo, e.hi)
				}
			}
		}
	}
}

func otherSex(s claimdesk.Sex) claimdesk.Sex {
	if s == claimdesk.SexMale {
		return claimdesk.SexFemale
	}
	return claimdesk.SexMale
}

func TestAgeTables(t *testing.T) {
	for _, tc := range []struct {
		code      string
		maternity bool
		perinatal bool
	}{
		{"O80", true, false}, {"O00.101", true, false}, {"O9A.13", true, false}, {"Z34.90", true, false},
		{"Z3A.39", true, false}, {"Z39.2", true, false}, {"Z33.1", true, false}, {"Z32.01", false, false},
		{"P07.30", false, true}, {"P96.9", false, true}, {"Z38.00", false, true}, {"Q21.0", false, false},
		{"N95.1", false, false}, {"Z00.110", false, false},
	} {
		c := claimdesk.NormalizeICD(tc.code)
		if _, m := inRanges(maternityCodes, c); m != tc.maternity {
			t.Errorf("%s maternity = %v", tc.code, m)
		}
		if _, p := inRanges(perinatalCodes, c); p != tc.perinatal {
			t.Errorf("%s perinatal = %v", tc.code, p)
		}
	}
}
