package claimdesk

import (
	"fmt"
	"log/slog"
	"strings"
)

// MaxDiagnoses is how many diagnoses box 21 holds (A–L).
const MaxDiagnoses = 12

// MaxModifiers is how many modifiers a service line holds (24D).
const MaxModifiers = 4

// MaxPointers is how many diagnosis pointers a service line holds (24E).
const MaxPointers = 4

// DiagnosisLetter returns the box 21 letter of the i-th diagnosis (0 → "A").
func DiagnosisLetter(i int) string { return string(rune('A' + i)) }

// Encounter is a visit: the dates, place and providers of the services, the
// diagnoses A–L and the service lines. It is protected health information.
type Encounter struct {
	ID        int64 `json:"id,omitempty"`
	PatientID int64 `json:"patient_id,omitempty"`
	// PolicyID is the policy billed first; SecondaryPolicyID (optional) the
	// one that pays after it.
	PolicyID          int64  `json:"policy_id,omitempty"`
	SecondaryPolicyID int64  `json:"secondary_policy_id,omitempty"`
	DateFrom          Date   `json:"date_from"`
	DateTo            Date   `json:"date_to"`
	POS               string `json:"pos"`
	RenderingID       int64  `json:"rendering_id,omitempty"`
	ReferringID       int64  `json:"referring_id,omitempty"`
	// ReferringQualifier is box 17's qualifier: DN referring, DK ordering,
	// DQ supervising.
	ReferringQualifier string `json:"referring_qualifier,omitempty"`
	FacilityID         int64  `json:"facility_id,omitempty"`
	PriorAuth          string `json:"prior_auth,omitempty"`
	// OnsetDate is box 14 with its qualifier (431 onset, 484 LMP).
	OnsetDate      Date   `json:"onset_date,omitempty"`
	OnsetQualifier string `json:"onset_qualifier,omitempty"`
	// OtherDate is box 15 with its qualifier (454, 304, 453, 439, 455, 471, 090, 091, 444).
	OtherDate      Date   `json:"other_date,omitempty"`
	OtherQualifier string `json:"other_qualifier,omitempty"`
	// Box 10: is the condition related to employment, an auto accident
	// (with the state) or another accident.
	Employment    bool   `json:"employment,omitempty"`
	AutoAccident  bool   `json:"auto_accident,omitempty"`
	AccidentState string `json:"accident_state,omitempty"`
	OtherAccident bool   `json:"other_accident,omitempty"`
	// Diagnoses are ICD-10-CM codes as coders write them (E11.65), in box 21
	// order: Diagnoses[0] is A, the primary diagnosis.
	Diagnoses []string      `json:"diagnoses"`
	Lines     []ServiceLine `json:"lines"`
}

// LogValue implements slog.LogValuer: an encounter logs as its ID alone.
func (e Encounter) LogValue() slog.Value { return slog.GroupValue(slog.Int64("id", e.ID)) }

// Total is the sum of the line charges.
func (e Encounter) Total() Cents {
	var t Cents
	for _, l := range e.Lines {
		t += l.Charge
	}
	return t
}

// ServiceLine is one row of box 24.
type ServiceLine struct {
	From Date   `json:"from"`
	To   Date   `json:"to"`
	POS  string `json:"pos,omitempty"`
	EMG  bool   `json:"emg,omitempty"`
	// Code is the CPT or HCPCS code; Modifiers up to 4 two-character modifiers.
	Code      string   `json:"code"`
	Modifiers []string `json:"modifiers,omitempty"`
	// Pointers are diagnosis letters A–L, primary first, up to 4 ("AB").
	Pointers string `json:"pointers"`
	Units    Units  `json:"units"`
	// Charge is the line's total charge (24F), normally the fee schedule's
	// per-unit charge times units; ChargeOverridden marks a typed charge.
	Charge           Cents `json:"charge"`
	ChargeOverridden bool  `json:"charge_overridden,omitempty"`
	// NDC is the 11-digit National Drug Code (5-4-2) for drug lines, with
	// its unit qualifier (F2, GR, ME, ML, UN) and quantity.
	NDC     string `json:"ndc,omitempty"`
	NDCUnit string `json:"ndc_unit,omitempty"`
	NDCQty  Units  `json:"ndc_qty,omitempty"`
	// RenderingID overrides the encounter's rendering provider for this line.
	RenderingID int64 `json:"rendering_id,omitempty"`
}

// Validate checks the encounter's own fields (not code-set membership,
// which the claim checks do): today is the current day; dob the patient's
// birth date (zero when unknown).
func (e Encounter) Validate(today, dob Date) FieldErrors {
	var fe FieldErrors
	if e.PatientID == 0 {
		fe.add("patient_id", "choose the patient")
	}
	fe.add("date_from", checkServiceDate(e.DateFrom, today, dob, "date of service"))
	if !e.DateTo.IsZero() {
		if e.DateTo.Before(e.DateFrom) {
			fe.add("date_to", "last date of service is before the first")
		} else {
			fe.add("date_to", checkServiceDate(e.DateTo, today, dob, "last date of service"))
		}
	}
	if len(e.POS) != 2 || !allDigits(e.POS) {
		fe.add("pos", "place of service must be a 2-digit CMS code (e.g. 11 office)")
	}
	if len(e.Diagnoses) > MaxDiagnoses {
		fe.add("diagnoses", fmt.Sprintf("a claim holds at most %d diagnoses (A–L)", MaxDiagnoses))
	}
	seen := map[string]int{}
	for i, d := range e.Diagnoses {
		p := fmt.Sprintf("diagnoses[%d]", i)
		n := NormalizeICD(d)
		if n == "" {
			fe.add(p, "diagnosis code is empty")
			continue
		}
		if j, dup := seen[n]; dup {
			fe.add(p, fmt.Sprintf("diagnosis %s is listed twice (%s and %s)", FormatICD(n), DiagnosisLetter(j), DiagnosisLetter(i)))
		}
		seen[n] = i
	}
	for i, l := range e.Lines {
		fe.prefixed(fmt.Sprintf("lines[%d]", i), l.Validate(today, dob, len(e.Diagnoses)))
	}
	return fe
}

// Validate checks one line's own fields; nDiag is how many diagnoses the
// encounter has, for the pointers.
func (l ServiceLine) Validate(today, dob Date, nDiag int) FieldErrors {
	var fe FieldErrors
	fe.add("from", checkServiceDate(l.From, today, dob, "line date of service"))
	if !l.To.IsZero() && l.To.Before(l.From) {
		fe.add("to", "line's last date is before its first date")
	}
	if strings.TrimSpace(l.Code) == "" {
		fe.add("code", "procedure code is required")
	}
	if len(l.Modifiers) > MaxModifiers {
		fe.add("modifiers", "a line holds at most 4 modifiers")
	}
	for i, m := range l.Modifiers {
		if len(m) != 2 {
			fe.add(fmt.Sprintf("modifiers[%d]", i), "a modifier is 2 letters or digits")
		}
	}
	switch {
	case l.Pointers == "":
		fe.add("pointers", "point the line to at least one diagnosis (A–L)")
	case len(l.Pointers) > MaxPointers:
		fe.add("pointers", "a line points to at most 4 diagnoses")
	default:
		for _, c := range l.Pointers {
			if c < 'A' || c > 'L' {
				fe.add("pointers", "diagnosis pointers are letters A–L")
				break
			}
			if int(c-'A') >= nDiag {
				fe.add("pointers", fmt.Sprintf("pointer %c has no diagnosis in box 21", c))
				break
			}
		}
	}
	if l.Units <= 0 {
		fe.add("units", "units must be more than 0")
	}
	if l.Charge <= 0 {
		fe.add("charge", "charge must be more than 0.00")
	}
	return fe
}

func checkServiceDate(d, today, dob Date, what string) string {
	switch {
	case d.IsZero():
		return what + " is required"
	case d.After(today):
		return what + " cannot be in the future"
	case !dob.IsZero() && d.Before(dob):
		return what + " is before the patient's date of birth"
	}
	return ""
}

// NormalizeICD returns an ICD-10-CM code in upper case without its dot or
// spaces ("e11.65 " → "E1165").
func NormalizeICD(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r == '.' || r == ' ' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatICD writes an ICD-10-CM code as coders do, with the dot after the
// third character ("E1165" → "E11.65", "I10" → "I10").
func FormatICD(code string) string {
	c := NormalizeICD(code)
	if len(c) <= 3 {
		return c
	}
	return c[:3] + "." + c[3:]
}
