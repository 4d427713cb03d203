package claimdesk

import "strings"

// Address is a US postal address. State is the USPS two-letter code; ZIP is
// 5 or 9 digits.
type Address struct {
	Line1 string `json:"line1"`
	Line2 string `json:"line2,omitempty"`
	City  string `json:"city"`
	State string `json:"state"`
	ZIP   string `json:"zip"`
}

// IsZero reports whether no part of the address is filled in.
func (a Address) IsZero() bool { return a == Address{} }

// Validate checks that the address is complete and well formed.
func (a Address) Validate() FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(a.Line1) == "" {
		fe.add("line1", "street address is required")
	}
	if strings.TrimSpace(a.City) == "" {
		fe.add("city", "city is required")
	}
	fe.add("state", CheckState(a.State))
	fe.add("zip", CheckZIP(a.ZIP))
	return fe
}

// TaxIDType says whether a tax ID is an EIN or an SSN (box 25).
type TaxIDType string

// Tax ID types.
const (
	TaxEIN TaxIDType = "EIN"
	TaxSSN TaxIDType = "SSN"
)

// Practice is the billing provider: the clinic whose name, address, tax ID
// and NPI go in boxes 25 and 33. A database holds one practice.
type Practice struct {
	ID        int64     `json:"id,omitempty"`
	Name      string    `json:"name"`
	Address   Address   `json:"address"`
	Phone     string    `json:"phone"`
	TaxID     string    `json:"tax_id"`
	TaxIDType TaxIDType `json:"tax_id_type"`
	NPI       string    `json:"npi"`
	Taxonomy  string    `json:"taxonomy,omitempty"`
	// AcceptAssignment is box 27's default.
	AcceptAssignment bool `json:"accept_assignment"`
}

// Validate checks every field of the practice.
func (p Practice) Validate() FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(p.Name) == "" {
		fe.add("name", "practice name is required")
	}
	fe.prefixed("address", p.Address.Validate())
	if p.Phone != "" {
		fe.add("phone", CheckPhone(p.Phone))
	}
	switch p.TaxIDType {
	case TaxEIN:
		fe.add("tax_id", CheckEIN(p.TaxID))
	case TaxSSN:
		fe.add("tax_id", CheckSSN(p.TaxID))
	default:
		fe.add("tax_id_type", "tax ID type must be EIN or SSN")
	}
	fe.add("npi", CheckNPI(p.NPI))
	if p.Taxonomy != "" {
		fe.add("taxonomy", CheckTaxonomy(p.Taxonomy))
	}
	return fe
}

// CheckTaxonomy returns "" for a 10-character NUCC taxonomy code such as
// 207Q00000X.
func CheckTaxonomy(t string) string {
	if len(t) != 10 || t[9] != 'X' {
		return "taxonomy code must be 10 characters ending in X (e.g. 207Q00000X)"
	}
	for i := 0; i < 9; i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return "taxonomy code may hold only digits and capital letters"
		}
	}
	return ""
}

// ProviderRole says how a provider appears on claims.
type ProviderRole string

// Provider roles.
const (
	RoleRendering   ProviderRole = "rendering"
	RoleReferring   ProviderRole = "referring"
	RoleSupervising ProviderRole = "supervising"
)

// Provider is a person who renders, refers or supervises services.
type Provider struct {
	ID          int64        `json:"id,omitempty"`
	Role        ProviderRole `json:"role"`
	Last        string       `json:"last"`
	First       string       `json:"first"`
	Middle      string       `json:"middle,omitempty"`
	Credentials string       `json:"credentials,omitempty"`
	NPI         string       `json:"npi"`
	Taxonomy    string       `json:"taxonomy,omitempty"`
}

// DisplayName returns "First Last, Credentials".
func (p Provider) DisplayName() string {
	n := strings.TrimSpace(p.First + " " + p.Last)
	if p.Credentials != "" {
		n += ", " + p.Credentials
	}
	return n
}

// Validate checks every field of the provider.
func (p Provider) Validate() FieldErrors {
	var fe FieldErrors
	switch p.Role {
	case RoleRendering, RoleReferring, RoleSupervising:
	default:
		fe.add("role", "role must be rendering, referring or supervising")
	}
	if strings.TrimSpace(p.Last) == "" {
		fe.add("last", "last name is required")
	}
	if strings.TrimSpace(p.First) == "" {
		fe.add("first", "first name is required")
	}
	fe.add("npi", CheckNPI(p.NPI))
	if p.Taxonomy != "" {
		fe.add("taxonomy", CheckTaxonomy(p.Taxonomy))
	}
	return fe
}

// Facility is a service location printed in box 32.
type Facility struct {
	ID      int64   `json:"id,omitempty"`
	Name    string  `json:"name"`
	Address Address `json:"address"`
	NPI     string  `json:"npi,omitempty"`
}

// Validate checks every field of the facility.
func (f Facility) Validate() FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(f.Name) == "" {
		fe.add("name", "facility name is required")
	}
	fe.prefixed("address", f.Address.Validate())
	if f.NPI != "" {
		fe.add("npi", CheckNPI(f.NPI))
	}
	return fe
}

// PlanType is the kind of coverage marked in box 1.
type PlanType string

// Plan types of box 1.
const (
	PlanMedicare PlanType = "medicare"
	PlanMedicaid PlanType = "medicaid"
	PlanTricare  PlanType = "tricare"
	PlanChampVA  PlanType = "champva"
	PlanGroup    PlanType = "group"
	PlanFECA     PlanType = "feca"
	PlanOther    PlanType = "other"
)

// PlanTypes lists every plan type in box 1's order.
var PlanTypes = []PlanType{PlanMedicare, PlanMedicaid, PlanTricare, PlanChampVA, PlanGroup, PlanFECA, PlanOther}

// Label returns the plan type as box 1 prints it.
func (t PlanType) Label() string {
	switch t {
	case PlanMedicare:
		return "Medicare"
	case PlanMedicaid:
		return "Medicaid"
	case PlanTricare:
		return "TRICARE"
	case PlanChampVA:
		return "CHAMPVA"
	case PlanGroup:
		return "Group health plan"
	case PlanFECA:
		return "FECA black lung"
	case PlanOther:
		return "Other"
	}
	return string(t)
}

// Valid reports whether t is one of the box 1 plan types.
func (t PlanType) Valid() bool {
	for _, p := range PlanTypes {
		if p == t {
			return true
		}
	}
	return false
}

// Payer is an insurance company or program claims are sent to.
type Payer struct {
	ID       int64    `json:"id,omitempty"`
	Name     string   `json:"name"`
	Address  Address  `json:"address"`
	PayerID  string   `json:"payer_id,omitempty"`
	PlanType PlanType `json:"plan_type"`
	// TimelyFilingDays is how many days after the date of service the payer
	// accepts a claim (Medicare: 365).
	TimelyFilingDays int `json:"timely_filing_days,omitempty"`
}

// Validate checks every field of the payer.
func (p Payer) Validate() FieldErrors {
	var fe FieldErrors
	if strings.TrimSpace(p.Name) == "" {
		fe.add("name", "payer name is required")
	}
	fe.prefixed("address", p.Address.Validate())
	if !p.PlanType.Valid() {
		fe.add("plan_type", "plan type must be Medicare, Medicaid, TRICARE, CHAMPVA, group, FECA or other")
	}
	if p.TimelyFilingDays < 0 || p.TimelyFilingDays > 3650 {
		fe.add("timely_filing_days", "timely filing limit must be between 0 and 3650 days")
	}
	return fe
}

// FeeEntry is one row of the practice's fee schedule: the charge per unit
// for a procedure code, optionally with one modifier.
type FeeEntry struct {
	Code     string `json:"code"`
	Modifier string `json:"modifier,omitempty"`
	Charge   Cents  `json:"charge"`
}
