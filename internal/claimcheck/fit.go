package claimcheck

import "claimdesk/internal/claimdesk"

// dxRange is an inclusive range of ICD-10-CM codes written as coders write
// them; a code is inside when its first characters fall between lo and hi
// (so "N40-N53" holds N52.9 and "C50.01" holds C50.011 and C50.019).
type dxRange struct {
	lo, hi string
	what   string
}

func (d dxRange) has(code string) bool {
	return refMatch(codeRef{lo: d.lo, hi: d.hi}, code)
}

// init normalises the tables once (E11.6 → E116) so look-ups do not
// allocate.
func init() {
	norm := func(rs []dxRange) {
		for i := range rs {
			rs[i].lo = claimdesk.NormalizeICD(rs[i].lo)
			rs[i].hi = claimdesk.NormalizeICD(rs[i].hi)
		}
	}
	for sex, rs := range sexTable {
		norm(rs)
		for _, d := range rs {
			for c := d.lo[0]; c <= d.hi[0]; c++ {
				sexIndex[c] = append(sexIndex[c], sexEntry{d, sex})
			}
		}
	}
	norm(maternityCodes)
	norm(perinatalCodes)
	norm(firstOnlyCodes)
}

// sexEntry is a sexTable row with its sex; sexIndex holds the rows by the
// first letter of the codes they cover, so a look-up reads a handful.
type sexEntry struct {
	dxRange
	sex claimdesk.Sex
}

var sexIndex [256][]sexEntry

// sexTable is the reviewed table of diagnosis codes for one sex only. It
// follows the ICD-10-CM chapter structure (male genital organs N40–N53,
// female N70–N98, pregnancy chapter 15) and the sex edits of the CMS
// Medicare Code Editor, checked against the FY2026 titles by the tests
// (every code in a female range has no male-only word in its title and
// the other way round). Codes in both sexes (e.g. N60–N65 breast, C50.x9
// unspecified sex) are absent on purpose.
var sexTable = map[claimdesk.Sex][]dxRange{
	claimdesk.SexMale: {
		{"A18.14", "A18.15", "tuberculosis of male genital organs"},
		{"A54.22", "A54.23", "gonococcal infection of male genital organs"},
		{"B26.0", "B26.0", "mumps orchitis"},
		{"B37.42", "B37.42", "candidal balanitis"},
		{"C50.02", "C50.02", "malignant neoplasm of male breast"},
		{"C50.12", "C50.12", "malignant neoplasm of male breast"},
		{"C50.22", "C50.22", "malignant neoplasm of male breast"},
		{"C50.32", "C50.32", "malignant neoplasm of male breast"},
		{"C50.42", "C50.42", "malignant neoplasm of male breast"},
		{"C50.52", "C50.52", "malignant neoplasm of male breast"},
		{"C50.62", "C50.62", "malignant neoplasm of male breast"},
		{"C50.82", "C50.82", "malignant neoplasm of male breast"},
		{"C50.92", "C50.92", "malignant neoplasm of male breast"},
		{"C60", "C63", "malignant neoplasm of male genital organs"},
		{"D07.4", "D07.6", "carcinoma in situ of male genital organs"},
		{"D17.6", "D17.6", "lipoma of spermatic cord"},
		{"D29", "D29", "benign neoplasm of male genital organs"},
		{"D40", "D40", "neoplasm of uncertain behavior of male genital organs"},
		{"E29", "E29", "testicular dysfunction"},
		{"E89.5", "E89.5", "postprocedural testicular hypofunction"},
		{"F52.21", "F52.21", "male erectile disorder"},
		{"F52.32", "F52.32", "male orgasmic disorder"},
		{"F52.4", "F52.4", "premature ejaculation"},
		{"I86.1", "I86.1", "scrotal varices"},
		{"L29.1", "L29.1", "pruritus scroti"},
		{"N35.01", "N35.01", "urethral stricture, male"},
		{"N35.11", "N35.11", "urethral stricture, male"},
		{"N35.81", "N35.81", "urethral stricture, male"},
		{"N35.91", "N35.91", "urethral stricture, male"},
		{"N40", "N53", "disease of male genital organs"},
		{"N99.11", "N99.11", "postprocedural urethral stricture, male"},
		{"Q53", "Q55", "congenital malformation of male genital organs"},
		{"Q98", "Q98", "sex chromosome abnormality, male phenotype"},
		{"R39.83", "R39.84", "non-palpable testicle"},
		{"R86", "R86", "abnormal findings in specimens from male genital organs"},
		{"R93.81", "R93.81", "abnormal imaging of testis"},
		{"R97.2", "R97.2", "elevated prostate specific antigen"},
		{"S30.21", "S30.22", "contusion of male genital organs"},
		{"S30.93", "S30.94", "superficial injury of male genital organs"},
		{"S30.96", "S30.96", "superficial injury of male genital organs"},
		{"S31.2", "S31.3", "open wound of penis, scrotum or testes"},
		{"Z12.5", "Z12.5", "screening for prostate cancer"},
		{"Z12.71", "Z12.71", "screening for testicular cancer"},
		{"Z15.03", "Z15.03", "genetic susceptibility to prostate cancer"},
		{"Z31.44", "Z31.44", "genetic testing of male for procreative management"},
		{"Z41.2", "Z41.2", "routine male circumcision"},
		{"Z85.45", "Z85.49", "personal history of cancer of male genital organs"},
		{"Z87.43", "Z87.43", "personal history of diseases of male genital organs"},
		{"Z98.52", "Z98.52", "vasectomy status"},
	},
	claimdesk.SexFemale: {
		{"A18.17", "A18.18", "tuberculosis of female genital organs"},
		{"A54.24", "A54.24", "gonococcal female pelvic inflammatory disease"},
		{"B37.3", "B37.3", "candidiasis of vulva and vagina"},
		{"C50.01", "C50.01", "malignant neoplasm of female breast"},
		{"C50.11", "C50.11", "malignant neoplasm of female breast"},
		{"C50.21", "C50.21", "malignant neoplasm of female breast"},
		{"C50.31", "C50.31", "malignant neoplasm of female breast"},
		{"C50.41", "C50.41", "malignant neoplasm of female breast"},
		{"C50.51", "C50.51", "malignant neoplasm of female breast"},
		{"C50.61", "C50.61", "malignant neoplasm of female breast"},
		{"C50.81", "C50.81", "malignant neoplasm of female breast"},
		{"C50.91", "C50.91", "malignant neoplasm of female breast"},
		{"C51", "C58", "malignant neoplasm of female genital organs"},
		{"C79.6", "C79.6", "secondary malignant neoplasm of ovary"},
		{"D06", "D06", "carcinoma in situ of cervix uteri"},
		{"D07.0", "D07.3", "carcinoma in situ of female genital organs"},
		{"D25", "D28", "benign neoplasm of female genital organs"},
		{"D39", "D39", "neoplasm of uncertain behavior of female genital organs"},
		{"E28", "E28", "ovarian dysfunction"},
		{"E89.4", "E89.4", "postprocedural ovarian failure"},
		{"F52.22", "F52.22", "female sexual arousal disorder"},
		{"F52.31", "F52.31", "female orgasmic disorder"},
		{"F53", "F53", "mental disorder of the puerperium"},
		{"I86.3", "I86.3", "vulval varices"},
		{"L29.2", "L29.2", "pruritus vulvae"},
		{"M83.0", "M83.0", "puerperal osteomalacia"},
		{"N35.02", "N35.02", "urethral stricture, female"},
		{"N35.12", "N35.12", "urethral stricture, female"},
		{"N35.82", "N35.82", "urethral stricture, female"},
		{"N35.92", "N35.92", "urethral stricture, female"},
		{"N70", "N98", "disease of female genital organs"},
		{"N99.12", "N99.12", "postprocedural urethral stricture, female"},
		{"N99.2", "N99.3", "postprocedural condition of the vagina"},
		{"N99.83", "N99.83", "residual ovary syndrome"},
		{"N99.85", "N99.85", "post endometrial ablation syndrome"},
		{"O00", "O9A", "pregnancy, childbirth and the puerperium"},
		{"Q50", "Q52", "congenital malformation of female genital organs"},
		{"Q96", "Q97", "sex chromosome abnormality, female phenotype"},
		{"R87", "R87", "abnormal findings in specimens from female genital organs"},
		{"S30.23", "S30.23", "contusion of vagina and vulva"},
		{"S30.95", "S30.95", "superficial injury of vagina and vulva"},
		{"S30.97", "S30.97", "superficial injury of female genital organs"},
		{"S31.4", "S31.4", "open wound of vagina and vulva"},
		{"S37.4", "S37.6", "injury of ovary, fallopian tube or uterus"},
		{"T19.2", "T19.3", "foreign body in vulva, vagina or uterus"},
		{"T83.3", "T83.3", "complication of intrauterine contraceptive device"},
		{"Z01.4", "Z01.4", "gynecological examination"},
		{"Z03.7", "Z03.7", "suspected maternal and fetal condition ruled out"},
		{"Z12.4", "Z12.4", "screening for cervical cancer"},
		{"Z12.72", "Z12.73", "screening for vaginal or ovarian cancer"},
		{"Z15.02", "Z15.02", "genetic susceptibility to ovarian cancer"},
		{"Z15.04", "Z15.05", "genetic susceptibility to endometrial or fallopian tube cancer"},
		{"Z30.43", "Z30.44", "intrauterine device or vaginal ring"},
		{"Z31.43", "Z31.43", "genetic testing of female for procreative management"},
		{"Z31.7", "Z31.7", "gestational carrier"},
		{"Z31.81", "Z31.81", "male factor infertility in female patient"},
		{"Z32", "Z34", "pregnancy test, pregnant state or supervision of pregnancy"},
		{"Z36", "Z37", "antenatal screening or outcome of delivery"},
		{"Z39", "Z39", "postpartum care"},
		{"Z3A", "Z3A", "weeks of gestation"},
		{"Z40.02", "Z40.03", "prophylactic removal of ovary or fallopian tube"},
		{"Z40.81", "Z40.82", "prophylactic removal of ovary or fallopian tube"},
		{"Z85.40", "Z85.44", "personal history of cancer of female genital organs"},
		{"Z85.4A", "Z85.4A", "personal history of cancer of fallopian tube"},
		{"Z86.32", "Z86.32", "personal history of gestational diabetes"},
		{"Z87.41", "Z87.42", "personal history of diseases of the female genital tract"},
		{"Z87.5", "Z87.5", "personal history of complications of pregnancy"},
		{"Z90.71", "Z90.72", "acquired absence of uterus, cervix or ovaries"},
		{"Z97.5", "Z97.5", "presence of intrauterine contraceptive device"},
		{"Z98.51", "Z98.51", "tubal ligation status"},
	},
}

// maternityCodes are the ICD-10-CM codes of pregnancy, childbirth and the
// puerperium (chapter 15, O00–O9A) and the pregnancy Z codes the Medicare
// Code Editor's maternity edit includes; the edit expects a patient aged
// 12 to 55.
var maternityCodes = []dxRange{
	{"O00", "O9A", "chapter 15, pregnancy, childbirth and the puerperium"},
	{"Z33", "Z34", "pregnant state or supervision of pregnancy"},
	{"Z36", "Z37", "antenatal screening or outcome of delivery"},
	{"Z39", "Z39", "postpartum care"},
	{"Z3A", "Z3A", "weeks of gestation"},
}

// Maternity ages of the Medicare Code Editor.
const (
	maternityMinAge = 12
	maternityMaxAge = 55
)

// perinatalCodes are chapter 16 (P00–P96, conditions originating in the
// perinatal period) and Z38 (liveborn infants by place of birth). The
// perinatal period ends 28 days after birth; chapter 16 codes may still be
// used later when the condition persists (Guidelines I.C.16.a.4), so the
// edit is a warning.
var perinatalCodes = []dxRange{
	{"P00", "P96", "chapter 16, conditions originating in the perinatal period"},
	{"Z38", "Z38", "liveborn infant"},
}

const perinatalMaxDays = 28

// SexSpecific returns the sex an ICD-10-CM code (normalised, no dot) is
// limited to, with what kind of code it is, or "" when it fits both.
func SexSpecific(code string) (claimdesk.Sex, string) { return sexOnly(code) }

func sexOnly(code string) (claimdesk.Sex, string) {
	if code == "" {
		return "", ""
	}
	for _, e := range sexIndex[code[0]] {
		if e.has(code) {
			return e.sex, e.what
		}
	}
	return "", ""
}

func inRanges(rs []dxRange, code string) (string, bool) {
	for _, d := range rs {
		if d.has(code) {
			return d.what, true
		}
	}
	return "", false
}

func sexWord(s claimdesk.Sex) string {
	if s == claimdesk.SexMale {
		return "male"
	}
	return "female"
}

// checkPatientFit warns when a diagnosis does not fit the patient's sex or
// age (box 21 against box 3).
func (r *run) checkPatientFit(i int, code, shown string) {
	pt := r.c.Patient
	letter := claimdesk.DiagnosisLetter(i)
	what, maternity := inRanges(maternityCodes, code)
	if sex, what := sexOnly(code); !maternity && sex != "" && (pt.Sex == claimdesk.SexMale || pt.Sex == claimdesk.SexFemale) && pt.Sex != sex {
		r.add(RuleDxSex, sevW, "21", dxPath(i), "Box 21 %s: %s (%s) is a %s-only code but box 3 says the patient is %s; check the code or the patient's sex.", letter, shown, what, sexWord(sex), sexWord(pt.Sex))
	}
	if maternity && pt.Sex != claimdesk.SexFemale {
		r.add(RuleDxMaternity, sevW, "21", dxPath(i), "Box 21 %s: %s is a maternity code (%s) but box 3 does not say the patient is female.", letter, shown, what)
	}
	if pt.DOB.IsZero() || r.dos.IsZero() {
		return
	}
	if maternity {
		age := pt.DOB.AgeOn(r.dos)
		switch {
		case age < maternityMinAge || age > maternityMaxAge:
			r.add(RuleDxMaternity, sevW, "21", dxPath(i), "Box 21 %s: %s is a maternity code (%s); payers expect a patient aged %d to %d and this patient is %d on the date of service.", letter, shown, what, maternityMinAge, maternityMaxAge, age)
		}
	}
	if what, ok := inRanges(perinatalCodes, code); ok {
		if days := pt.DOB.DaysUntil(r.dos); days > perinatalMaxDays {
			r.add(RuleDxPerinatal, sevW, "21", dxPath(i), "Box 21 %s: %s is a perinatal code (%s) for newborns up to 28 days old, and the patient is older; use it later only when the perinatal condition is still present (ICD-10-CM guideline I.C.16.a).", letter, shown, what)
		}
	}
}

// firstOnlyCodes are the Z codes the ICD-10-CM Official Guidelines
// (I.C.21.c.16, "Z codes that may only be principal/first-listed
// diagnosis") allow only in the first position: general, special and
// administrative examinations, observation, supervision of normal
// pregnancy, postpartum care, liveborn infants, prophylactic and
// reconstructive surgery, radiotherapy and chemotherapy sessions, donors,
// healthy infant supervision and respirator dependence during a power
// failure. Z00.6 (clinical research) and Z02.9 are not limited.
var firstOnlyCodes = []dxRange{
	{"Z00.0", "Z00.5", "general examination"},
	{"Z00.7", "Z00.8", "general examination"},
	{"Z01", "Z01", "special examination"},
	{"Z02.0", "Z02.89", "administrative examination"},
	{"Z04", "Z04", "examination and observation for other reasons"},
	{"Z31.81", "Z31.81", "procreative management"},
	{"Z31.83", "Z31.84", "procreative management"},
	{"Z33.2", "Z33.2", "elective termination of pregnancy"},
	{"Z34", "Z34", "supervision of normal pregnancy"},
	{"Z38", "Z38", "liveborn infant"},
	{"Z39", "Z39", "postpartum care and examination"},
	{"Z40", "Z40", "prophylactic surgery"},
	{"Z42", "Z42", "plastic and reconstructive surgery after a procedure or healed injury"},
	{"Z51.0", "Z51.1", "radiotherapy or chemotherapy session"},
	{"Z52", "Z52", "donor"},
	{"Z76.1", "Z76.2", "health supervision of a foundling or healthy infant"},
	{"Z99.12", "Z99.12", "respirator dependence during power failure"},
}

// checkFirstOnly warns when a Z code that may only be first-listed is
// listed after another diagnosis.
func (r *run) checkFirstOnly(i int, code, shown string) {
	if i == 0 {
		return
	}
	if what, ok := inRanges(firstOnlyCodes, code); ok {
		r.add(RuleDxFirstOnly, sevW, "21", dxPath(i), "Box 21 %s: %s (%s) may only be the first-listed diagnosis (ICD-10-CM guideline I.C.21.c.16); move it to A and the conditions found after it.", claimdesk.DiagnosisLetter(i), shown, what)
	}
}
