package claimdesk

import (
	"fmt"
	"log/slog"
	"time"
)

// ClaimStatus is where a claim stands in its life.
type ClaimStatus string

// Claim statuses. A claim starts as draft, becomes ready when its checks
// pass, submitted when printed or sent, and then paid, partial (partially
// paid), denied or rejected (returned unprocessed). A denied or rejected
// claim is fixed by a corrected (frequency 7) or void (frequency 8) claim,
// after which it is replaced or voided.
const (
	StatusDraft     ClaimStatus = "draft"
	StatusReady     ClaimStatus = "ready"
	StatusSubmitted ClaimStatus = "submitted"
	StatusPaid      ClaimStatus = "paid"
	StatusPartial   ClaimStatus = "partial"
	StatusDenied    ClaimStatus = "denied"
	StatusRejected  ClaimStatus = "rejected"
	StatusReplaced  ClaimStatus = "replaced"
	StatusVoided    ClaimStatus = "voided"
)

// ClaimStatuses lists every status in workflow order.
var ClaimStatuses = []ClaimStatus{StatusDraft, StatusReady, StatusSubmitted, StatusPaid, StatusPartial, StatusDenied, StatusRejected, StatusReplaced, StatusVoided}

// Label returns the status as the screens show it.
func (s ClaimStatus) Label() string {
	switch s {
	case StatusPartial:
		return "Partially paid"
	case "":
		return ""
	}
	return string(s[0]-'a'+'A') + string(s[1:])
}

// Valid reports whether s is a known status.
func (s ClaimStatus) Valid() bool {
	for _, v := range ClaimStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// transitions lists the statuses each status may move to.
var transitions = map[ClaimStatus][]ClaimStatus{
	StatusDraft:     {StatusReady},
	StatusReady:     {StatusDraft, StatusSubmitted},
	StatusSubmitted: {StatusPaid, StatusPartial, StatusDenied, StatusRejected, StatusReplaced, StatusVoided},
	StatusPartial:   {StatusPaid, StatusDenied, StatusReplaced, StatusVoided},
	StatusDenied:    {StatusPaid, StatusPartial, StatusReplaced, StatusVoided},
	// A rejected claim never entered adjudication: it goes back to draft
	// to be fixed and sent again as an original claim.
	StatusRejected: {StatusDraft, StatusReplaced, StatusVoided},
	StatusPaid:     {StatusReplaced, StatusVoided},
}

// CanMove reports whether a claim may go from status s to status to.
func (s ClaimStatus) CanMove(to ClaimStatus) bool {
	for _, t := range transitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// CheckMove returns a user-facing error when s may not move to to.
func (s ClaimStatus) CheckMove(to ClaimStatus) error {
	if !to.Valid() {
		return Errorf(EInvalid, "unknown claim status %q", to)
	}
	if !s.CanMove(to) {
		return Errorf(EConflict, "a %s claim cannot be marked %s", s.Label(), to.Label())
	}
	return nil
}

// Open reports whether a claim in status s can still bring money in.
func (s ClaimStatus) Open() bool {
	switch s {
	case StatusSubmitted, StatusPartial, StatusDenied, StatusRejected:
		return true
	}
	return false
}

// Claim frequency codes (box 22, 837P CLM05-3).
const (
	FrequencyOriginal    = "1"
	FrequencyReplacement = "7"
	FrequencyVoid        = "8"
)

// Claim is one bill of one encounter to one policy.
type Claim struct {
	ID          int64       `json:"id,omitempty"`
	EncounterID int64       `json:"encounter_id,omitempty"`
	PolicyID    int64       `json:"policy_id,omitempty"`
	Status      ClaimStatus `json:"status"`
	// Frequency is "1" original, "7" replacement, "8" void.
	Frequency string `json:"frequency"`
	// OriginalRef is the payer's claim number (ICN/DCN) of the claim a
	// replacement or void refers to (box 22).
	OriginalRef string `json:"original_ref,omitempty"`
	// ReplacesID is the ClaimDesk claim this one corrects or voids.
	ReplacesID int64 `json:"replaces_id,omitempty"`
	// PayerClaimNumber is the number the payer gave this claim.
	PayerClaimNumber string         `json:"payer_claim_number,omitempty"`
	TotalCharge      Cents          `json:"total_charge"`
	AmountPaid       Cents          `json:"amount_paid"`
	SubmittedOn      Date           `json:"submitted_on,omitempty"`
	CreatedAt        time.Time      `json:"created_at,omitzero"`
	UpdatedAt        time.Time      `json:"updated_at,omitzero"`
	History          []StatusChange `json:"history,omitempty"`
}

// StatusChange is one dated entry of a claim's history.
type StatusChange struct {
	At   time.Time   `json:"at"`
	From ClaimStatus `json:"from"`
	To   ClaimStatus `json:"to"`
	Note string      `json:"note,omitempty"`
}

// AdjustmentGroup is a claim adjustment group code (X12 CAS01).
type AdjustmentGroup string

// Adjustment groups.
const (
	GroupCO AdjustmentGroup = "CO" // contractual obligation: written off
	GroupPR AdjustmentGroup = "PR" // patient responsibility: billed to the patient
	GroupOA AdjustmentGroup = "OA" // other adjustment
	GroupPI AdjustmentGroup = "PI" // payer-initiated reduction
)

// Adjustment is one amount the payer did not pay, with its group and
// Claim Adjustment Reason Code (CARC).
type Adjustment struct {
	Group  AdjustmentGroup `json:"group"`
	Reason string          `json:"reason"`
	Amount Cents           `json:"amount"`
}

// OutcomeKind is what the payer decided.
type OutcomeKind string

// Outcome kinds.
const (
	OutcomePaid     OutcomeKind = "paid"
	OutcomeDenied   OutcomeKind = "denied"
	OutcomeRejected OutcomeKind = "rejected"
)

// Outcome is one recorded payer response to a claim: a payment (full or
// partial) with its adjustments, a denial, or a rejection.
type Outcome struct {
	ID          int64        `json:"id,omitempty"`
	ClaimID     int64        `json:"claim_id"`
	Kind        OutcomeKind  `json:"kind"`
	Date        Date         `json:"date"`
	Paid        Cents        `json:"paid"`
	Adjustments []Adjustment `json:"adjustments,omitempty"`
	// Remarks are RARC codes; Message is the payer's text for rejections.
	Remarks          []string `json:"remarks,omitempty"`
	Message          string   `json:"message,omitempty"`
	PayerClaimNumber string   `json:"payer_claim_number,omitempty"`
}

// Validate checks the outcome's fields.
func (o Outcome) Validate() FieldErrors {
	var fe FieldErrors
	switch o.Kind {
	case OutcomePaid, OutcomeDenied, OutcomeRejected:
	default:
		fe.add("kind", "outcome must be paid, denied or rejected")
	}
	if o.Date.IsZero() {
		fe.add("date", "the date of the payer's response is required")
	}
	if o.Paid < 0 {
		fe.add("paid", "paid amount cannot be negative")
	}
	if o.Kind != OutcomePaid && o.Paid != 0 {
		fe.add("paid", "a denied or rejected claim has no payment")
	}
	if o.Kind == OutcomeDenied && len(o.Adjustments) == 0 {
		fe.add("adjustments", "give the denial's group and reason code (e.g. CO 50)")
	}
	if o.Kind == OutcomeRejected && o.Message == "" {
		fe.add("message", "enter the payer's rejection message")
	}
	for i, a := range o.Adjustments {
		p := fmt.Sprintf("adjustments[%d]", i)
		switch a.Group {
		case GroupCO, GroupPR, GroupOA, GroupPI:
		default:
			fe.add(p+".group", "group must be CO, PR, OA or PI")
		}
		if a.Reason == "" || len(a.Reason) > 5 {
			fe.add(p+".reason", "reason must be a CARC code such as 45 or 50")
		}
	}
	return fe
}

// ClaimData is everything one claim needs to be checked and printed: the
// claim, the practice, providers, payer, patient, policies and encounter.
// It is the claim JSON of docs/claim-json.md.
type ClaimData struct {
	Claim     Claim     `json:"claim"`
	Practice  Practice  `json:"practice"`
	Rendering *Provider `json:"rendering,omitempty"`
	Referring *Provider `json:"referring,omitempty"`
	Facility  *Facility `json:"facility,omitempty"`
	Payer     Payer     `json:"payer"`
	Patient   Patient   `json:"patient"`
	Policy    Policy    `json:"policy"`
	// OtherPolicy and OtherPayer describe the patient's other coverage
	// (boxes 9, 9a, 9d, 11d): the primary when this claim bills the
	// secondary, or the secondary when this claim bills the primary.
	OtherPolicy *Policy   `json:"other_policy,omitempty"`
	OtherPayer  *Payer    `json:"other_payer,omitempty"`
	Encounter   Encounter `json:"encounter"`
}

// Insured returns the subscriber of the billed policy: the patient when the
// relationship is self.
func (c ClaimData) Insured() Person {
	if c.Policy.Relationship != RelSelf && c.Policy.Subscriber != nil {
		return *c.Policy.Subscriber
	}
	return c.Patient.Person
}

// OtherInsured returns the subscriber of the other policy, or nil.
func (c ClaimData) OtherInsured() *Person {
	if c.OtherPolicy == nil {
		return nil
	}
	if c.OtherPolicy.Relationship != RelSelf && c.OtherPolicy.Subscriber != nil {
		return c.OtherPolicy.Subscriber
	}
	p := c.Patient.Person
	return &p
}

// LogValue implements slog.LogValuer: claim data logs as the claim ID alone.
func (c ClaimData) LogValue() slog.Value { return slog.GroupValue(slog.Int64("claim_id", c.Claim.ID)) }
