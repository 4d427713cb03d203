package cms1500

import (
	"strconv"
	"strings"

	"claimdesk/internal/claimdesk"
)

// LinesPerForm is how many service lines one CMS-1500 holds (item 24).
const LinesPerForm = 6

// SignatureOnFile is what boxes 12, 13 and 31 print: the practice keeps
// the signed authorisations on file.
const SignatureOnFile = "SIGNATURE ON FILE"

// FillOptions are the choices Fill needs beyond the claim.
type FillOptions struct {
	// Date is the day printed beside the signatures in boxes 12 and 31,
	// normally the day the claim is printed. The zero Date leaves both blank.
	Date claimdesk.Date
}

// Fill maps a claim to its CMS-1500 forms by the NUCC 02/12 instructions
// (with the Medicare differences of ../shared/reference/cms1500.md §3):
// one Form per six service lines, each complete on its own (see the
// package comment for the continuation rules). It is pure: the same claim
// and options always give the same forms.
//
// Text that is too long for its box is shortened (see Cut, and the name
// and city rules in the package comment). Values that cannot be shortened
// without changing their meaning give an *claimdesk.Error with code
// EInvalid instead: amounts or units too large for their columns, negative
// amounts, more than 12 diagnoses, 4 modifiers or 4 pointers, pointers
// other than the letters A–L, an NDC that is not 11 digits.
func Fill(cd claimdesk.ClaimData, opt FillOptions) ([]Form, error) {
	var base Form
	if err := fillClaim(&base, &cd, opt); err != nil {
		return nil, err
	}
	lines := cd.Encounter.Lines
	pages := max(1, (len(lines)+LinesPerForm-1)/LinesPerForm)
	forms := make([]Form, pages)
	for p := range forms {
		f := &forms[p]
		*f = base
		f.Page, f.Pages = p+1, pages
		lo := p * LinesPerForm
		hi := min(len(lines), lo+LinesPerForm)
		var total claimdesk.Cents
		for k := lo; k < hi; k++ {
			if err := fillLine(f, &cd, k-lo+1, k, opt); err != nil {
				return nil, err
			}
			total += lines[k].Charge
		}
		if err := setMoney(f, "28", total, "total charge of a form"); err != nil {
			return nil, err
		}
		if p == 0 && cd.Claim.AmountPaid != 0 {
			if err := setMoney(f, "29", cd.Claim.AmountPaid, "amount paid"); err != nil {
				return nil, err
			}
		}
	}
	return forms, nil
}

func invalid(format string, args ...any) error {
	return claimdesk.Errorf(claimdesk.EInvalid, format, args...)
}

// fillClaim fills every box that is the same on all of a claim's forms.
func fillClaim(f *Form, cd *claimdesk.ClaimData, opt FillOptions) error {
	enc := &cd.Encounter
	medicare := cd.Payer.PlanType == claimdesk.PlanMedicare
	medicarePrimary := medicare && cd.Policy.Priority <= claimdesk.Primary

	// Carrier block.
	f.Set("carrier.name", words(cd.Payer.Name))
	f.Set("carrier.addr1", words(cd.Payer.Address.Line1))
	f.Set("carrier.addr2", words(cd.Payer.Address.Line2))
	f.Set("carrier.city", cityLine(cd.Payer.Address, 38))

	// 1, 1a.
	if id, ok := planBox[cd.Payer.PlanType]; ok {
		f.Set(id, "X")
	}
	f.Set("1a", ident(cd.Policy.MemberID))

	// 2, 3, 5: the patient.
	pt := cd.Patient.Person
	f.Set("2", personName(pt.Last, pt.Suffix, pt.First, pt.Middle, 28))
	setDOB(f, "3", pt.DOB)
	setSex(f, "3", pt.Sex)
	setAddress(f, "5", pt.Address, pt.Phone)

	// 4, 6, 7, 11, 11a, 11c: the insured. For Medicare they describe the
	// insurance primary to Medicare and are blank when Medicare is primary.
	switch {
	case !medicare:
		ins := cd.Insured()
		f.Set("4", personName(ins.Last, ins.Suffix, ins.First, ins.Middle, 29))
		setRelationship(f, cd.Policy.Relationship)
		setAddress(f, "7", ins.Address, ins.Phone)
		f.Set("11", ident(cd.Policy.GroupNumber))
		setDOB(f, "11a", ins.DOB)
		setSex(f, "11a", ins.Sex)
		f.Set("11c", words(firstOf(cd.Policy.PlanName, cd.Payer.Name)))
	case !medicarePrimary && cd.OtherPolicy != nil:
		op := cd.OtherPolicy
		ins := cd.OtherInsured()
		if op.Relationship == claimdesk.RelSelf {
			f.Set("4", "SAME")
			f.Set("7.street", "SAME")
		} else {
			f.Set("4", personName(ins.Last, ins.Suffix, ins.First, ins.Middle, 29))
			setAddress(f, "7", ins.Address, ins.Phone)
		}
		setRelationship(f, op.Relationship)
		f.Set("11", ident(firstOf(op.GroupNumber, op.MemberID)))
		setDOB(f, "11a", ins.DOB)
		setSex(f, "11a", ins.Sex)
		name := op.PlanName
		if cd.OtherPayer != nil {
			name = firstOf(name, cd.OtherPayer.Name)
		}
		f.Set("11c", words(name))
	default:
		f.Set("11", "NONE")
	}

	// 9, 9a, 9d, 10d, 11d: other coverage.
	if cd.OtherPolicy != nil {
		op := cd.OtherPolicy
		oi := cd.OtherInsured()
		switch {
		case !medicare:
			f.Set("9", personName(oi.Last, oi.Suffix, oi.First, oi.Middle, 28))
			f.Set("9a", ident(firstOf(op.GroupNumber, op.MemberID)))
			name := op.PlanName
			if cd.OtherPayer != nil {
				name = firstOf(name, cd.OtherPayer.Name)
			}
			f.Set("9d", words(name))
		case medicarePrimary && cd.OtherPayer != nil && cd.OtherPayer.PlanType == claimdesk.PlanMedicaid:
			f.Set("10d", "MCD"+ident(op.MemberID))
		case medicarePrimary:
			// Medigap crossover (participating providers).
			if op.Relationship == claimdesk.RelSelf {
				f.Set("9", "SAME")
			} else {
				f.Set("9", personName(oi.Last, oi.Suffix, oi.First, oi.Middle, 28))
			}
			f.Set("9a", "MEDIGAP "+ident(firstOf(op.GroupNumber, op.MemberID)))
			if cd.OtherPayer != nil {
				f.Set("9d", words(firstOf(cd.OtherPayer.PayerID, cd.OtherPayer.Name)))
			}
		}
	}
	if !medicare {
		if cd.OtherPolicy != nil {
			f.Set("11d.yes", "X")
		} else {
			f.Set("11d.no", "X")
		}
	}

	// 10a–10c.
	yesNo(f, "10a", enc.Employment)
	yesNo(f, "10b", enc.AutoAccident)
	if enc.AutoAccident {
		f.Set("10b.state", ident(enc.AccidentState))
	}
	yesNo(f, "10c", enc.OtherAccident)

	// 12, 13.
	f.Set("12.sig", SignatureOnFile)
	f.Set("12.date", shortDate(opt.Date))
	f.Set("13.sig", SignatureOnFile)

	// 14, 15.
	if !enc.OnsetDate.IsZero() {
		setDate8(f, "14.", enc.OnsetDate)
		f.Set("14.qual", ident(firstOf(enc.OnsetQualifier, "431")))
	}
	if !enc.OtherDate.IsZero() {
		setDate8(f, "15.", enc.OtherDate)
		f.Set("15.qual", ident(enc.OtherQualifier))
	}

	// 17, 17b.
	if r := cd.Referring; r != nil {
		q := ident(enc.ReferringQualifier)
		if q == "" {
			q = "DN"
		}
		f.Set("17.qual", q)
		f.Set("17.name", providerName(*r, medicare))
		f.Set("17b", ident(r.NPI))
	}

	// 20: no purchased services are billed from ClaimDesk.
	f.Set("20.no", "X")

	// 21.
	if len(enc.Diagnoses) > claimdesk.MaxDiagnoses {
		return invalid("a claim form holds at most %d diagnoses (A–L); this claim has %d", claimdesk.MaxDiagnoses, len(enc.Diagnoses))
	}
	f.Set("21.ind", "0")
	for i, d := range enc.Diagnoses {
		f.Set("21."+claimdesk.DiagnosisLetter(i), icd(d))
	}

	// 22, 23.
	switch cd.Claim.Frequency {
	case claimdesk.FrequencyReplacement, claimdesk.FrequencyVoid:
		f.Set("22.code", cd.Claim.Frequency)
		f.Set("22.ref", ident(cd.Claim.OriginalRef))
	}
	f.Set("23", ident(enc.PriorAuth))

	// 25, 26, 27.
	pr := &cd.Practice
	f.Set("25", claimdesk.Digits(pr.TaxID))
	switch pr.TaxIDType {
	case claimdesk.TaxSSN:
		f.Set("25.ssn", "X")
	case claimdesk.TaxEIN:
		f.Set("25.ein", "X")
	}
	f.Set("26", ident(cd.Patient.Account))
	if pr.AcceptAssignment {
		f.Set("27.yes", "X")
	} else {
		f.Set("27.no", "X")
	}

	// 31.
	f.Set("31.sig", SignatureOnFile)
	f.Set("31.date", shortDate(opt.Date))

	// 32, 32a.
	if fa := cd.Facility; fa != nil {
		f.Set("32.name", words(fa.Name))
		f.Set("32.street", street(fa.Address))
		f.Set("32.city", cityLine(fa.Address, 26))
		f.Set("32a", ident(fa.NPI))
	}

	// 33, 33a, 33b.
	if a, n, ok := phone(pr.Phone); ok {
		f.Set("33.area", a)
		f.Set("33.phone", n)
	}
	f.Set("33.name", words(pr.Name))
	f.Set("33.street", street(pr.Address))
	f.Set("33.city", cityLine(pr.Address, 29))
	f.Set("33a", ident(pr.NPI))
	if !medicare && pr.Taxonomy != "" {
		f.Set("33b", "ZZ"+ident(pr.Taxonomy))
	}
	return nil
}

// fillLine fills service line n (1–6) of f from the claim's line k.
func fillLine(f *Form, cd *claimdesk.ClaimData, n, k int, opt FillOptions) error {
	l := &cd.Encounter.Lines[k]
	p := "24A." + strconv.Itoa(n) + "."
	from, to := l.From, l.To
	if to.IsZero() {
		to = from
	}
	if !from.IsZero() {
		f.Set(p+"from_mm", two(int(from.Month())))
		f.Set(p+"from_dd", two(from.Day()))
		f.Set(p+"from_yy", two(from.Year()%100))
		f.Set(p+"to_mm", two(int(to.Month())))
		f.Set(p+"to_dd", two(to.Day()))
		f.Set(p+"to_yy", two(to.Year()%100))
	}
	ns := strconv.Itoa(n)
	f.Set("24B."+ns, ident(firstOf(l.POS, cd.Encounter.POS)))
	if l.EMG {
		f.Set("24C."+ns, "Y")
	}
	f.Set("24D."+ns+".code", ident(l.Code))
	if len(l.Modifiers) > claimdesk.MaxModifiers {
		return invalid("service line %d has more than %d modifiers", k+1, claimdesk.MaxModifiers)
	}
	for i, m := range l.Modifiers {
		f.Set("24D."+ns+".mod"+strconv.Itoa(i+1), ident(m))
	}
	ptr := ident(l.Pointers)
	if len(ptr) > claimdesk.MaxPointers {
		return invalid("service line %d points to more than %d diagnoses", k+1, claimdesk.MaxPointers)
	}
	for i := 0; i < len(ptr); i++ {
		if ptr[i] < 'A' || ptr[i] > 'L' {
			return invalid("service line %d: diagnosis pointers are letters A–L", k+1)
		}
	}
	f.Set("24E."+ns, ptr)
	if err := setMoney(f, "24F."+ns, l.Charge, "a line charge"); err != nil {
		return err
	}
	u := l.Units.String()
	if l.Units < 0 || len(u) > 3 {
		return invalid("service line %d: units must be 0 to 999 (up to 3 characters on the form)", k+1)
	}
	f.Set("24G."+ns, u)

	// Shaded supplemental line: NDC.
	if strings.TrimSpace(l.NDC) != "" {
		d, ok := ndc11(l.NDC)
		if !ok {
			return invalid("service line %d: the NDC must have 11 digits (5-4-2)", k+1)
		}
		f.Set("24."+ns+".shaded", "N4"+d+"   "+ident(l.NDCUnit)+l.NDCQty.String())
	}

	// 24J: the rendering provider's NPI when it differs from the billing
	// provider's (33a); its taxonomy in shaded 24I/24J (qualifier ZZ),
	// except for Medicare, which wants the shaded part empty.
	if r := cd.Rendering; r != nil {
		npi := ident(r.NPI)
		if npi != "" && npi != ident(cd.Practice.NPI) {
			f.Set("24J."+ns+".npi", npi)
			if cd.Payer.PlanType != claimdesk.PlanMedicare && r.Taxonomy != "" {
				f.Set("24I."+ns+".qual", "ZZ")
				f.Set("24J."+ns+".id", ident(r.Taxonomy))
			}
		}
	}
	return nil
}

var planBox = map[claimdesk.PlanType]string{
	claimdesk.PlanMedicare: "1.medicare",
	claimdesk.PlanMedicaid: "1.medicaid",
	claimdesk.PlanTricare:  "1.tricare",
	claimdesk.PlanChampVA:  "1.champva",
	claimdesk.PlanGroup:    "1.group",
	claimdesk.PlanFECA:     "1.feca",
	claimdesk.PlanOther:    "1.other",
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func setDOB(f *Form, box string, d claimdesk.Date) {
	if d.IsZero() {
		return
	}
	f.Set(box+".mm", two(int(d.Month())))
	f.Set(box+".dd", two(d.Day()))
	f.Set(box+".yyyy", four(d.Year()))
}

// setDate8 fills a prefix's mm, dd and yyyy fields (boxes 14 and 15).
func setDate8(f *Form, prefix string, d claimdesk.Date) {
	f.Set(prefix+"mm", two(int(d.Month())))
	f.Set(prefix+"dd", two(d.Day()))
	f.Set(prefix+"yyyy", four(d.Year()))
}

// shortDate is the "MM DD YY" of the signature dates (12, 31).
func shortDate(d claimdesk.Date) string {
	if d.IsZero() {
		return ""
	}
	return two(int(d.Month())) + " " + two(d.Day()) + " " + two(d.Year()%100)
}

func setSex(f *Form, box string, s claimdesk.Sex) {
	switch s {
	case claimdesk.SexMale:
		f.Set(box+".m", "X")
	case claimdesk.SexFemale:
		f.Set(box+".f", "X")
	}
}

func setRelationship(f *Form, r claimdesk.Relationship) {
	switch r {
	case claimdesk.RelSelf, claimdesk.RelSpouse, claimdesk.RelChild, claimdesk.RelOther:
		f.Set("6."+string(r), "X")
	}
}

func setAddress(f *Form, box string, a claimdesk.Address, ph string) {
	f.Set(box+".street", street(a))
	f.Set(box+".city", words(a.City))
	f.Set(box+".state", ident(a.State))
	f.Set(box+".zip", zip(a.ZIP))
	if area, num, ok := phone(ph); ok {
		f.Set(box+".area", area)
		f.Set(box+".phone", num)
	}
}

func yesNo(f *Form, box string, yes bool) {
	if yes {
		f.Set(box+".yes", "X")
	} else {
		f.Set(box+".no", "X")
	}
}

// setMoney writes an amount into box's dollars (right-justified) and cents
// fields, without $, separators or decimal point.
func setMoney(f *Form, box string, c claimdesk.Cents, what string) error {
	if c < 0 {
		return invalid("%s cannot be negative on the paper form", what)
	}
	fld, _ := FieldByID(box + ".dollars")
	d := strconv.FormatInt(c.Dollars(), 10)
	if len(d) > fld.Max {
		return invalid("%s is too large for the paper form (at most %s.99)", what, strings.Repeat("9", fld.Max))
	}
	f.Set(box+".dollars", d)
	f.Set(box+".cents", two(int(c.CentsPart())))
	return nil
}
