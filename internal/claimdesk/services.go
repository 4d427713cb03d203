package claimdesk

import (
	"context"
	"time"
)

// PracticeService stores the practice and its reference data: providers,
// facilities, payers and the fee schedule.
type PracticeService interface {
	// Practice returns the practice; an *Error with ENotFound when none is set up.
	Practice(ctx context.Context) (Practice, error)
	SavePractice(ctx context.Context, p *Practice) error

	Providers(ctx context.Context) ([]Provider, error)
	Provider(ctx context.Context, id int64) (Provider, error)
	SaveProvider(ctx context.Context, p *Provider) error
	DeleteProvider(ctx context.Context, id int64) error

	Facilities(ctx context.Context) ([]Facility, error)
	Facility(ctx context.Context, id int64) (Facility, error)
	SaveFacility(ctx context.Context, f *Facility) error
	DeleteFacility(ctx context.Context, id int64) error

	Payers(ctx context.Context) ([]Payer, error)
	Payer(ctx context.Context, id int64) (Payer, error)
	SavePayer(ctx context.Context, p *Payer) error
	DeletePayer(ctx context.Context, id int64) error

	// Fees returns the fee schedule ordered by code and modifier.
	Fees(ctx context.Context) ([]FeeEntry, error)
	// Fee returns the per-unit charge for code with modifier, falling back
	// to the code without modifier; ok is false when neither is listed.
	Fee(ctx context.Context, code, modifier string) (charge Cents, ok bool, err error)
	SaveFee(ctx context.Context, f FeeEntry) error
	DeleteFee(ctx context.Context, code, modifier string) error
	// ReplaceFees replaces the whole fee schedule in one transaction.
	ReplaceFees(ctx context.Context, fees []FeeEntry) error
}

// PatientFilter selects patients. Query matches part of the name, the
// account number or a birth date written YYYY-MM-DD or MM/DD/YYYY.
type PatientFilter struct {
	Query  string
	Limit  int
	Offset int
}

// PatientService stores patients and their insurance policies.
type PatientService interface {
	Patients(ctx context.Context, f PatientFilter) ([]Patient, error)
	Patient(ctx context.Context, id int64) (Patient, error)
	SavePatient(ctx context.Context, p *Patient) error
	DeletePatient(ctx context.Context, id int64) error

	// Policies returns a patient's policies, primary first.
	Policies(ctx context.Context, patientID int64) ([]Policy, error)
	Policy(ctx context.Context, id int64) (Policy, error)
	SavePolicy(ctx context.Context, p *Policy) error
	DeletePolicy(ctx context.Context, id int64) error
}

// EncounterFilter selects encounters for the worklist. Zero fields do not
// filter.
type EncounterFilter struct {
	From, To    Date
	ProviderID  int64
	PatientID   int64
	Status      ClaimStatus // status of the encounter's primary claim
	PatientName string      // part of the patient's name or account
	Limit       int
	Offset      int
}

// EncounterSummary is one worklist row.
type EncounterSummary struct {
	ID          int64       `json:"id"`
	PatientID   int64       `json:"patient_id"`
	PatientName string      `json:"patient_name"`
	Account     string      `json:"account"`
	DateFrom    Date        `json:"date_from"`
	Provider    string      `json:"provider"`
	Payer       string      `json:"payer"`
	ClaimID     int64       `json:"claim_id"`
	Status      ClaimStatus `json:"status"`
	Total       Cents       `json:"total"`
	Diagnoses   []string    `json:"diagnoses"`
	Codes       []string    `json:"codes"`
}

// EncounterService stores encounters with their diagnoses and lines.
type EncounterService interface {
	Encounters(ctx context.Context, f EncounterFilter) ([]EncounterSummary, error)
	Encounter(ctx context.Context, id int64) (Encounter, error)
	// SaveEncounter writes the encounter, its diagnoses and lines in one
	// transaction, and creates (or updates the total of) the draft claim to
	// its primary policy. A claim past draft is not changed: its encounter
	// can no longer be edited (an *Error with EConflict).
	SaveEncounter(ctx context.Context, e *Encounter) error
	DeleteEncounter(ctx context.Context, id int64) error
}

// ClaimFilter selects claims. Zero fields do not filter.
type ClaimFilter struct {
	Status     ClaimStatus
	PayerID    int64
	PatientID  int64
	MinAgeDays int // at least this many days since the date of service
	Limit      int
	Offset     int
}

// ClaimSummary is one row of the claims list.
type ClaimSummary struct {
	ID          int64       `json:"id"`
	EncounterID int64       `json:"encounter_id"`
	Status      ClaimStatus `json:"status"`
	Frequency   string      `json:"frequency"`
	PayerID     int64       `json:"payer_id"`
	Payer       string      `json:"payer"`
	PatientName string      `json:"patient_name"`
	DateFrom    Date        `json:"date_from"`
	Billed      Cents       `json:"billed"`
	Paid        Cents       `json:"paid"`
	Adjusted    Cents       `json:"adjusted"`
	Balance     Cents       `json:"balance"`
	AgeDays     int         `json:"age_days"`
}

// ClaimService stores claims, their status history and payer outcomes.
type ClaimService interface {
	Claims(ctx context.Context, f ClaimFilter) ([]ClaimSummary, error)
	// Claim returns the claim with its history.
	Claim(ctx context.Context, id int64) (Claim, error)
	ClaimsOfEncounter(ctx context.Context, encounterID int64) ([]Claim, error)
	CreateClaim(ctx context.Context, c *Claim) error
	// SetClaimStatus moves a claim to a new status and records the change
	// in its history, in one transaction. Moving to ready runs the store's
	// ready guard (the claim checks) and refuses while it reports errors.
	SetClaimStatus(ctx context.Context, id int64, to ClaimStatus, note string) error
	// ClaimData gathers everything the claim needs to be checked and printed.
	ClaimData(ctx context.Context, id int64) (ClaimData, error)
	// AddOutcome records a payer's response and moves the claim's status
	// accordingly, in one transaction.
	AddOutcome(ctx context.Context, o *Outcome) error
	Outcomes(ctx context.Context, claimID int64) ([]Outcome, error)
	// CountClaims returns how many claims are in each status.
	CountClaims(ctx context.Context) (map[ClaimStatus]int, error)
}

// AuditEntry is one recorded change. Fields names the changed fields, never
// their values.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Action   string    `json:"action"` // create, update, delete
	Entity   string    `json:"entity"` // patient, policy, encounter, claim
	EntityID int64     `json:"entity_id"`
	Fields   []string  `json:"fields,omitempty"`
}

// AuditService reads the audit trail.
type AuditService interface {
	Audit(ctx context.Context, limit int) ([]AuditEntry, error)
}
