package claimdesk

import (
	"log/slog"
	"strings"
)

// Sex is a patient's or subscriber's sex as the claim reports it.
type Sex string

// Sexes accepted on a claim. Unknown leaves box 3's sex blank.
const (
	SexMale    Sex = "M"
	SexFemale  Sex = "F"
	SexUnknown Sex = "U"
)

// Person holds the name, birth date, sex and address of a patient or of a
// policy's subscriber.
type Person struct {
	Last    string  `json:"last"`
	First   string  `json:"first"`
	Middle  string  `json:"middle,omitempty"`
	Suffix  string  `json:"suffix,omitempty"`
	DOB     Date    `json:"dob"`
	Sex     Sex     `json:"sex"`
	Address Address `json:"address"`
	Phone   string  `json:"phone,omitempty"`
}

// FullName returns "Last, First M" for lists.
func (p Person) FullName() string {
	n := p.Last
	if p.Suffix != "" {
		n += " " + p.Suffix
	}
	n += ", " + p.First
	if p.Middle != "" {
		n += " " + p.Middle[:1]
	}
	return n
}

// Validate checks every field; today is the current day, for "not in the
// future" checks.
func (p Person) Validate(today Date) FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(p.Last) == "" {
		fe.add("last", "last name is required")
	}
	if strings.TrimSpace(p.First) == "" {
		fe.add("first", "first name is required")
	}
	switch {
	case p.DOB.IsZero():
		fe.add("dob", "date of birth is required")
	case p.DOB.After(today):
		fe.add("dob", "date of birth cannot be in the future")
	case p.DOB.Year() < 1880:
		fe.add("dob", "date of birth is too far in the past")
	}
	switch p.Sex {
	case SexMale, SexFemale, SexUnknown:
	default:
		fe.add("sex", "sex must be M, F or U (unknown)")
	}
	fe.prefixed("address", p.Address.Validate())
	if p.Phone != "" {
		fe.add("phone", CheckPhone(p.Phone))
	}
	return fe
}

// Patient is a person the practice treats. It is protected health
// information: never log it except through LogValue, which yields the ID only.
type Patient struct {
	ID int64 `json:"id,omitempty"`
	// Account is the practice's account number printed in box 26.
	Account string `json:"account"`
	Person
}

// LogValue implements slog.LogValuer: a patient logs as its ID alone.
func (p Patient) LogValue() slog.Value { return slog.GroupValue(slog.Int64("id", p.ID)) }

// Validate checks every field of the patient.
func (p Patient) Validate(today Date) FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(p.Account) == "" {
		fe.add("account", "account number is required")
	} else if len(p.Account) > 20 || strings.ContainsAny(p.Account, " -") {
		fe.add("account", "account number must be up to 20 characters without spaces or hyphens")
	}
	fe = append(fe, p.Person.Validate(today)...)
	return fe
}

// Relationship is the patient's relationship to the subscriber (box 6).
type Relationship string

// Relationships of box 6.
const (
	RelSelf   Relationship = "self"
	RelSpouse Relationship = "spouse"
	RelChild  Relationship = "child"
	RelOther  Relationship = "other"
)

// Priority orders a patient's policies.
type Priority int

// Policy priorities.
const (
	Primary   Priority = 1
	Secondary Priority = 2
	Tertiary  Priority = 3
)

// String names the priority.
func (p Priority) String() string {
	switch p {
	case Primary:
		return "primary"
	case Secondary:
		return "secondary"
	case Tertiary:
		return "tertiary"
	}
	return "unknown"
}

// Policy is a patient's coverage with one payer.
type Policy struct {
	ID           int64        `json:"id,omitempty"`
	PatientID    int64        `json:"patient_id,omitempty"`
	PayerID      int64        `json:"payer_id,omitempty"`
	Priority     Priority     `json:"priority"`
	MemberID     string       `json:"member_id"`
	GroupNumber  string       `json:"group_number,omitempty"`
	PlanName     string       `json:"plan_name,omitempty"`
	Relationship Relationship `json:"relationship"`
	// Subscriber is the policy holder when it is not the patient
	// (Relationship != self); nil for self.
	Subscriber    *Person `json:"subscriber,omitempty"`
	EffectiveFrom Date    `json:"effective_from,omitempty"`
	EffectiveTo   Date    `json:"effective_to,omitempty"`
}

// LogValue implements slog.LogValuer: a policy logs as its ID alone.
func (p Policy) LogValue() slog.Value { return slog.GroupValue(slog.Int64("id", p.ID)) }

// ActiveOn reports whether the policy covers day d.
func (p Policy) ActiveOn(d Date) bool {
	if !p.EffectiveFrom.IsZero() && d.Before(p.EffectiveFrom) {
		return false
	}
	if !p.EffectiveTo.IsZero() && d.After(p.EffectiveTo) {
		return false
	}
	return true
}

// Validate checks every field of the policy.
func (p Policy) Validate(today Date) FieldErrors {
	var fe FieldErrors
	if p.PayerID == 0 {
		fe.add("payer_id", "choose the payer")
	}
	if p.Priority < Primary || p.Priority > Tertiary {
		fe.add("priority", "priority must be primary, secondary or tertiary")
	}
	m := strings.TrimSpace(p.MemberID)
	if m == "" {
		fe.add("member_id", "member ID is required")
	} else if len(m) > 29 {
		fe.add("member_id", "member ID is longer than 29 characters")
	}
	switch p.Relationship {
	case RelSelf:
		if p.Subscriber != nil {
			fe.add("subscriber", "a policy held by the patient (self) has no separate subscriber")
		}
	case RelSpouse, RelChild, RelOther:
		if p.Subscriber == nil {
			fe.add("subscriber", "enter the subscriber (policy holder) when the patient is not the subscriber")
		} else {
			fe.prefixed("subscriber", p.Subscriber.Validate(today))
		}
	default:
		fe.add("relationship", "relationship must be self, spouse, child or other")
	}
	if !p.EffectiveFrom.IsZero() && !p.EffectiveTo.IsZero() && p.EffectiveTo.Before(p.EffectiveFrom) {
		fe.add("effective_to", "coverage end date is before its start date")
	}
	return fe
}
