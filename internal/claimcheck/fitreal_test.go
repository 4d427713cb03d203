package claimcheck_test

import (
	"regexp"
	"testing"

	"claimdesk/internal/claimcheck"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
	"claimdesk/internal/shareddata"
)

var (
	femaleWords = regexp.MustCompile(`(?i)\b(female|vagina\w*|vulva\w*|uter\w*|ovar\w*|cervix uteri|fallopian|pregnan\w*|menstru\w*|endometri\w*|puerper\w*)`)
	maleWords   = regexp.MustCompile(`(?i)\b(male|penis|penile|scrot\w*|testis|testes|testic\w*|prostat\w*|epididym\w*|spermatic|seminal|vasectomy|ejaculat\w*)\b`)
)

// reviewedTitles are codes whose title words would suggest the other sex
// but which are right where they are.
var reviewedTitles = map[string]string{
	"N49.1":   "the tunica vaginalis is a layer around the testis",
	"Z31.441": "testing of the male partner of a patient with pregnancy loss",
}

// TestSexTableAgainstFY2026 reviews the sex table against the official
// titles: no code in a male range has a female-only word in its title and
// the other way round, and every range matches at least one FY2026 code.
func TestSexTableAgainstFY2026(t *testing.T) {
	p := shareddata.Path(t, "codesets/icd10cm/icd10cm_order_2026.txt")
	files, err := codeset.Files(p)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := codeset.Load(t.Context(), files[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	n := map[claimdesk.Sex]int{}
	for _, c := range cs.Codes {
		if !c.Billable {
			continue
		}
		code := claimdesk.NormalizeICD(c.Code.Code)
		sex, what := claimcheck.SexSpecific(code)
		switch sex {
		case claimdesk.SexMale:
			n[sex]++
			if femaleWords.MatchString(c.Title) && reviewedTitles[claimdesk.FormatICD(code)] == "" {
				t.Errorf("%s %q is in a male-only range (%s) but its title names a female organ", c.Code.Code, c.Title, what)
			}
		case claimdesk.SexFemale:
			n[sex]++
			if maleWords.MatchString(c.Title) && !femaleWords.MatchString(c.Title) {
				t.Errorf("%s %q is in a female-only range (%s) but its title names a male organ", c.Code.Code, c.Title, what)
			}
		}
	}
	t.Logf("FY2026 billable codes limited to one sex: %d male, %d female", n[claimdesk.SexMale], n[claimdesk.SexFemale])
	if n[claimdesk.SexMale] < 200 || n[claimdesk.SexFemale] < 2000 {
		t.Errorf("suspiciously few sex-specific codes: %v", n)
	}
}
