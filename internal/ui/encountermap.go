package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claimdesk"
)

// encounterInput is the encounter form as typed: ids picked from lists and
// text as it stands in the entries. toEncounter maps it to the domain; it
// is a pure function, tested without a window.
type encounterInput struct {
	ID                 int64
	PatientID          int64
	PolicyID           int64
	SecondaryPolicyID  int64
	DateFrom, DateTo   string
	POS                string
	RenderingID        int64
	ReferringID        int64
	ReferringQualifier string
	FacilityID         int64
	PriorAuth          string
	// Box 10: the condition is related to employment, an auto accident
	// (in AccidentState, two letters) or another accident.
	Employment    bool
	AutoAccident  bool
	AccidentState string
	OtherAccident bool
	// Box 14 (date of current illness, injury or LMP) and box 15 (other
	// date), each with its qualifier code (431, 454 …).
	OnsetDate      string
	OnsetQualifier string
	OtherDate      string
	OtherQualifier string
	// Diagnoses in box 21 order (A first), as coders write them.
	Diagnoses []string
	Lines     []lineInput
}

// lineInput is one service line as typed.
type lineInput struct {
	Code      string
	Modifiers string // "25 59", "25,59" or "2559"
	Pointers  string // "AB", "a b", "A,B"
	Units     string
	Charge    string
	// ChargeOverridden is set when the user typed the charge rather than
	// taking the fee schedule's.
	ChargeOverridden bool
	NDC              string
	NDCUnit          string
	NDCQty           string
}

// toEncounter maps the typed form to an encounter. Text that cannot be
// read (a date, units, a charge) gives a field error with the domain's
// path ("date_from", "lines[1].units"); the encounter's own rules
// (Encounter.Validate) and the claim checks run on the result separately.
// Lines take the encounter's dates and place of service.
func (in encounterInput) toEncounter() (claimdesk.Encounter, claimdesk.FieldErrors) {
	var fe claimdesk.FieldErrors
	bad := func(path, msg string) { fe = append(fe, claimdesk.FieldError{Path: path, Message: msg}) }
	e := claimdesk.Encounter{
		ID:                 in.ID,
		PatientID:          in.PatientID,
		PolicyID:           in.PolicyID,
		SecondaryPolicyID:  in.SecondaryPolicyID,
		POS:                strings.TrimSpace(in.POS),
		RenderingID:        in.RenderingID,
		ReferringID:        in.ReferringID,
		ReferringQualifier: in.ReferringQualifier,
		FacilityID:         in.FacilityID,
		PriorAuth:          strings.ToUpper(strings.TrimSpace(in.PriorAuth)),
		Employment:         in.Employment,
		AutoAccident:       in.AutoAccident,
		OtherAccident:      in.OtherAccident,
		Diagnoses:          []string{},
		Lines:              []claimdesk.ServiceLine{},
	}
	// The qualifier goes with a referring provider; left empty, the claim
	// prints DN and the checks say when an ordered service wants DK.
	if e.ReferringID == 0 {
		e.ReferringQualifier = ""
	}
	var err error
	if e.DateFrom, err = parseDay(in.DateFrom); err != nil {
		bad("date_from", "date of service: "+err.Error())
	}
	if e.DateTo, err = parseDay(in.DateTo); err != nil {
		bad("date_to", "last date of service: "+err.Error())
	}
	if e.DateTo.IsZero() {
		e.DateTo = e.DateFrom
	}
	if e.AutoAccident {
		// The state goes with an auto accident only; the claim checks
		// report a missing one.
		e.AccidentState = strings.ToUpper(strings.TrimSpace(in.AccidentState))
		if e.AccidentState != "" && claimdesk.CheckState(e.AccidentState) != "" {
			bad("accident_state", "auto accident state (10b) must be a two-letter USPS code such as NY")
		}
	}
	// A qualifier goes with its date only.
	if e.OnsetDate, err = parseDay(in.OnsetDate); err != nil {
		bad("onset_date", "date of current illness (14): "+err.Error())
	} else if !e.OnsetDate.IsZero() {
		e.OnsetQualifier = strings.TrimSpace(in.OnsetQualifier)
	}
	if e.OtherDate, err = parseDay(in.OtherDate); err != nil {
		bad("other_date", "other date (15): "+err.Error())
	} else if !e.OtherDate.IsZero() {
		e.OtherQualifier = strings.TrimSpace(in.OtherQualifier)
	}
	for _, d := range in.Diagnoses {
		if d = strings.TrimSpace(d); d != "" {
			e.Diagnoses = append(e.Diagnoses, claimdesk.FormatICD(d))
		}
	}
	for i, li := range in.Lines {
		p := fmt.Sprintf("lines[%d]", i)
		l := claimdesk.ServiceLine{
			From:             e.DateFrom,
			To:               e.DateTo,
			POS:              e.POS,
			Code:             strings.ToUpper(strings.TrimSpace(li.Code)),
			Modifiers:        parseModifiers(li.Modifiers),
			Pointers:         parsePointers(li.Pointers),
			ChargeOverridden: li.ChargeOverridden,
			NDC:              strings.ReplaceAll(strings.TrimSpace(li.NDC), "-", ""),
			NDCUnit:          strings.ToUpper(strings.TrimSpace(li.NDCUnit)),
		}
		if s := strings.TrimSpace(li.Units); s == "" {
			l.Units = claimdesk.WholeUnits(1)
		} else if l.Units, err = claimdesk.ParseUnits(s); err != nil {
			bad(p+".units", "units must be a number such as 1 or 1.5")
		}
		if s := strings.TrimSpace(li.Charge); s != "" {
			if l.Charge, err = claimdesk.ParseCents(s); err != nil {
				bad(p+".charge", "charge must be an amount such as 125.00")
			}
		}
		if s := strings.TrimSpace(li.NDCQty); s != "" {
			if l.NDCQty, err = claimdesk.ParseUnits(s); err != nil {
				bad(p+".ndc_qty", "NDC quantity must be a number such as 1 or 0.5")
			}
		}
		if l.NDC != "" && (len(l.NDC) != 11 || !digits(l.NDC)) {
			bad(p+".ndc", "NDC must be 11 digits (5-4-2)")
		}
		if l.NDCUnit != "" {
			switch l.NDCUnit {
			case "F2", "GR", "ME", "ML", "UN":
			default:
				bad(p+".ndc_unit", "NDC unit must be F2, GR, ME, ML or UN")
			}
		}
		e.Lines = append(e.Lines, l)
	}
	return e, fe
}

// inputFromEncounter fills the form from a stored encounter.
func inputFromEncounter(e claimdesk.Encounter) encounterInput {
	in := encounterInput{
		ID:                 e.ID,
		PatientID:          e.PatientID,
		PolicyID:           e.PolicyID,
		SecondaryPolicyID:  e.SecondaryPolicyID,
		DateFrom:           formatDay(e.DateFrom),
		POS:                e.POS,
		RenderingID:        e.RenderingID,
		ReferringID:        e.ReferringID,
		ReferringQualifier: e.ReferringQualifier,
		FacilityID:         e.FacilityID,
		PriorAuth:          e.PriorAuth,
		Employment:         e.Employment,
		AutoAccident:       e.AutoAccident,
		AccidentState:      e.AccidentState,
		OtherAccident:      e.OtherAccident,
		OnsetDate:          formatDay(e.OnsetDate),
		OnsetQualifier:     e.OnsetQualifier,
		OtherDate:          formatDay(e.OtherDate),
		OtherQualifier:     e.OtherQualifier,
	}
	if !e.DateTo.IsZero() && !e.DateTo.Equal(e.DateFrom) {
		in.DateTo = formatDay(e.DateTo)
	}
	for _, d := range e.Diagnoses {
		in.Diagnoses = append(in.Diagnoses, claimdesk.FormatICD(d))
	}
	for _, l := range e.Lines {
		li := lineInput{
			Code:             l.Code,
			Modifiers:        strings.Join(l.Modifiers, " "),
			Pointers:         l.Pointers,
			Units:            l.Units.String(),
			ChargeOverridden: l.ChargeOverridden,
			NDC:              l.NDC,
			NDCUnit:          l.NDCUnit,
		}
		if l.Charge != 0 {
			li.Charge = l.Charge.String()
		}
		if l.NDCQty != 0 {
			li.NDCQty = l.NDCQty.String()
		}
		in.Lines = append(in.Lines, li)
	}
	return in
}

// dayLayouts are the date spellings the form reads: US style first, as
// billers type them.
var dayLayouts = []string{"01/02/2006", "1/2/2006", "01-02-2006", "1-2-2006", "2006-01-02", "01022006", "01/02/06", "1/2/06"}

// parseDay reads a day typed as MM/DD/YYYY (also M/D/YYYY, MM-DD-YYYY,
// MMDDYYYY, MM/DD/YY or YYYY-MM-DD); empty gives the zero Date.
func parseDay(s string) (claimdesk.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return claimdesk.Date{}, nil
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return claimdesk.DateOf(t), nil
		}
	}
	return claimdesk.Date{}, fmt.Errorf("write it as MM/DD/YYYY")
}

// formatDay writes a day as MM/DD/YYYY ("" for the zero Date).
func formatDay(d claimdesk.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("01/02/2006")
}

// parseModifiers reads up to any number of 2-character modifiers separated
// by spaces, commas or hyphens, or run together ("2559").
func parseModifiers(s string) []string {
	f := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == ';' })
	var out []string
	for _, m := range f {
		for len(m) > 2 && len(m)%2 == 0 {
			out = append(out, m[:2])
			m = m[2:]
		}
		out = append(out, m)
	}
	return out
}

// parsePointers reads diagnosis pointers typed as letters ("ab", "A,B",
// "a b") or as numbers 1–12 separated by spaces or commas ("1 2"), and
// returns them as letters ("AB").
func parsePointers(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	var b strings.Builder
	for _, p := range f {
		if n, err := strconv.Atoi(p); err == nil {
			if n >= 1 && n <= claimdesk.MaxDiagnoses {
				b.WriteString(claimdesk.DiagnosisLetter(n - 1))
				continue
			}
			b.WriteString(p)
			continue
		}
		b.WriteString(p)
	}
	return b.String()
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// fieldPath maps a domain or claim-check path to the form's own key:
// "encounter.lines[0].pointers" → "lines[0].pointers"; "patient.dob" →
// "patient"; "policy.member_id" → "policy"; "diagnoses[2]" → "diagnoses".
func fieldPath(p string) string {
	p = strings.TrimPrefix(p, "encounter.")
	head, _, _ := strings.Cut(p, ".")
	switch {
	case head == "patient" || head == "policy" || head == "payer" || head == "practice" || head == "rendering" ||
		head == "referring" || head == "facility" || head == "claim" || head == "other_policy" || head == "other_payer":
		return head
	case strings.HasPrefix(p, "diagnoses"):
		return "diagnoses"
	case strings.HasPrefix(p, "lines["):
		// lines[2].modifiers[0] → lines[2].modifiers
		if i := strings.Index(p, "]."); i >= 0 {
			rest := p[i+2:]
			if j := strings.IndexAny(rest, "[."); j >= 0 {
				rest = rest[:j]
			}
			return p[:i+2] + rest
		}
		return p
	}
	if j := strings.IndexAny(p, "[."); j >= 0 {
		return p[:j]
	}
	return p
}

// splitNDC reads the NDC cell as typed: the 11-digit NDC (hyphens allowed),
// then optionally its unit and quantity, e.g. "00409-4888-02 ML 2" or
// "00409488802 ML2".
func splitNDC(s string) (ndc, unit, qty string) {
	f := strings.Fields(strings.ToUpper(s))
	if len(f) == 0 {
		return "", "", ""
	}
	ndc = f[0]
	rest := strings.Join(f[1:], "")
	if len(rest) >= 2 {
		unit, qty = rest[:2], rest[2:]
	} else {
		unit = rest
	}
	return ndc, unit, qty
}

// joinNDC writes the NDC cell: "00409488802 ML 2".
func joinNDC(ndc, unit, qty string) string {
	return strings.TrimSpace(strings.Join([]string{ndc, unit, qty}, " "))
}

// qualifier is one code of a qualifier list with its meaning in words.
type qualifier struct{ code, words string }

// referringQualifiers are box 17's qualifiers.
var referringQualifiers = []qualifier{{"DN", "referring"}, {"DK", "ordering"}, {"DQ", "supervising"}}

// onsetQualifiers are box 14's qualifiers.
var onsetQualifiers = []qualifier{{"431", "onset"}, {"484", "LMP (last period)"}}

// otherQualifiers are box 15's qualifiers.
var otherQualifiers = []qualifier{
	{"454", "initial treatment"}, {"304", "latest visit or consultation"},
	{"453", "acute manifestation of a chronic condition"}, {"439", "accident"},
	{"455", "last X-ray"}, {"471", "prescription"}, {"090", "report start (assumed care)"},
	{"091", "report end (relinquished care)"}, {"444", "first visit or consultation"},
}

// qualifierLabels are the choices of a qualifier list: "431 onset of …".
func qualifierLabels(qs []qualifier) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.code + " " + q.words
	}
	return out
}

// qualifierLabel returns the choice of code ("" when the list lacks it).
func qualifierLabel(qs []qualifier, code string) string {
	for _, q := range qs {
		if q.code == code {
			return q.code + " " + q.words
		}
	}
	return ""
}

// qualifierCode reads the code of a choice ("431 onset …" → "431").
func qualifierCode(label string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(label), " ")
	return code
}

// detailsSummary is the one-line summary of the claim details (boxes 10,
// 14, 15, 23) shown while their section is closed; "" when none is set.
func detailsSummary(in encounterInput) string {
	var parts []string
	if in.Employment {
		parts = append(parts, "employment")
	}
	if in.AutoAccident {
		st := strings.ToUpper(strings.TrimSpace(in.AccidentState))
		if st == "" {
			st = "state?"
		}
		parts = append(parts, "auto accident ("+st+")")
	}
	if in.OtherAccident {
		parts = append(parts, "other accident")
	}
	date := func(box, d, q string, qs []qualifier) {
		if d = strings.TrimSpace(d); d == "" {
			return
		}
		w := ""
		for _, x := range qs {
			if x.code == q {
				w = " " + x.words
			}
		}
		parts = append(parts, box+" "+d+w)
	}
	date("14:", in.OnsetDate, in.OnsetQualifier, onsetQualifiers)
	date("15:", in.OtherDate, in.OtherQualifier, otherQualifiers)
	if pa := strings.TrimSpace(in.PriorAuth); pa != "" {
		parts = append(parts, "prior auth "+strings.ToUpper(pa))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, " · ")
	return strings.ToUpper(s[:1]) + s[1:]
}
