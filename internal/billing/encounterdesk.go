package billing

import (
	"context"
	"fmt"

	"claimdesk/internal/claimdesk"
)

// EncounterClaimData gathers what the claim of an encounter being edited
// (saved or not) would hold: the encounter as given, billed to its primary
// policy with the secondary as the other coverage, and the practice,
// patient, payers, providers and facility from the store. The encounter
// desk runs the live claim checks on it while the coder types. A draft
// claim's own fields (status, frequency, total) come from the encounter:
// frequency 1 and the total of the lines.
func (d *Desk) EncounterClaimData(ctx context.Context, e claimdesk.Encounter) (claimdesk.ClaimData, error) {
	var cd claimdesk.ClaimData
	var err error
	cd.Encounter = e
	cd.Claim = claimdesk.Claim{EncounterID: e.ID, PolicyID: e.PolicyID, Status: claimdesk.StatusDraft,
		Frequency: claimdesk.FrequencyOriginal, TotalCharge: e.Total()}
	if cd.Patient, err = d.Patients.Patient(ctx, e.PatientID); err != nil {
		return cd, fmt.Errorf("encounter claim data: patient: %w", err)
	}
	if cd.Policy, err = d.Patients.Policy(ctx, e.PolicyID); err != nil {
		return cd, fmt.Errorf("encounter claim data: policy: %w", err)
	}
	if cd.Payer, err = d.Practice.Payer(ctx, cd.Policy.PayerID); err != nil {
		return cd, fmt.Errorf("encounter claim data: payer: %w", err)
	}
	cd.Practice, err = d.Practice.Practice(ctx)
	if err != nil && claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		return cd, fmt.Errorf("encounter claim data: practice: %w", err)
	}
	if e.RenderingID != 0 {
		p, err := d.Practice.Provider(ctx, e.RenderingID)
		if err != nil {
			return cd, fmt.Errorf("encounter claim data: rendering provider: %w", err)
		}
		cd.Rendering = &p
	}
	if e.ReferringID != 0 {
		p, err := d.Practice.Provider(ctx, e.ReferringID)
		if err != nil {
			return cd, fmt.Errorf("encounter claim data: referring provider: %w", err)
		}
		cd.Referring = &p
	}
	if e.FacilityID != 0 {
		f, err := d.Practice.Facility(ctx, e.FacilityID)
		if err != nil {
			return cd, fmt.Errorf("encounter claim data: facility: %w", err)
		}
		cd.Facility = &f
	}
	if e.SecondaryPolicyID != 0 && e.SecondaryPolicyID != e.PolicyID {
		p, err := d.Patients.Policy(ctx, e.SecondaryPolicyID)
		if err != nil {
			return cd, fmt.Errorf("encounter claim data: secondary policy: %w", err)
		}
		py, err := d.Practice.Payer(ctx, p.PayerID)
		if err != nil {
			return cd, fmt.Errorf("encounter claim data: secondary payer: %w", err)
		}
		cd.OtherPolicy, cd.OtherPayer = &p, &py
	}
	return cd, nil
}
