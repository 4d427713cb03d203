package claimdesk

import "context"

// ClaimReplacer is implemented by a store that can create a corrected or
// void claim and retire the claim it replaces in one transaction. The
// follow-up use cases use it when the store offers it.
type ClaimReplacer interface {
	// ReplaceClaim creates c (a draft replacement or void of the claim
	// c.ReplacesID) and moves that claim to status to (replaced or voided)
	// with note in its history, in one transaction.
	ReplaceClaim(ctx context.Context, c *Claim, to ClaimStatus, note string) error
}

// PatientResponsibility returns the sum of the outcome's PR adjustments:
// what the payer says the patient owes (deductible, coinsurance, copay).
func (o Outcome) PatientResponsibility() Cents {
	var t Cents
	for _, a := range o.Adjustments {
		if a.Group == GroupPR {
			t += a.Amount
		}
	}
	return t
}

// WrittenOff returns the sum of the outcome's CO, OA and PI adjustments:
// amounts neither the payer nor the patient will pay.
func (o Outcome) WrittenOff() Cents {
	var t Cents
	for _, a := range o.Adjustments {
		if a.Group != GroupPR {
			t += a.Amount
		}
	}
	return t
}

// OutcomeTotals is what the payments among a claim's outcomes add up to.
// Adjustments of denials and rejections are not counted: they explain a
// refusal, they do not settle the claim.
type OutcomeTotals struct {
	Paid        Cents `json:"paid"`
	WrittenOff  Cents `json:"written_off"`  // CO, OA, PI adjustments of payments
	PatientResp Cents `json:"patient_resp"` // PR adjustments of payments
}

// OutcomeTotaler is implemented by a store that can add up every claim's
// payments in one query; the follow-up use cases fall back to reading
// each claim's outcomes without it.
type OutcomeTotaler interface {
	// OutcomeTotals returns the totals of every claim that has a payment.
	OutcomeTotals(ctx context.Context) (map[int64]OutcomeTotals, error)
}
