package demo

import (
	"context"
	"fmt"

	"claimdesk/internal/claimdesk"
)

// Store is what Load needs of the store.
type Store interface {
	claimdesk.PracticeService
	claimdesk.PatientService
	claimdesk.EncounterService
	claimdesk.ClaimService
}

// ErrNotEmpty is returned by Load when the database already has a practice.
var ErrNotEmpty = claimdesk.Errorf(claimdesk.EConflict, "the database already holds a practice: load the demo into a new database file")

// Load stores d through s and walks every claim to its planned status,
// reporting progress over the encounters. The database must be empty.
func Load(ctx context.Context, s Store, d Data, progress func(done, total int)) error {
	if _, err := s.Practice(ctx); err == nil {
		return ErrNotEmpty
	} else if claimdesk.ErrorCode(err) != claimdesk.ENotFound {
		return fmt.Errorf("demo: read practice: %w", err)
	}
	pr := d.Practice
	if err := s.SavePractice(ctx, &pr); err != nil {
		return fmt.Errorf("demo: save practice: %w", err)
	}
	provIDs := make([]int64, len(d.Providers))
	for i := range d.Providers {
		p := d.Providers[i]
		if err := s.SaveProvider(ctx, &p); err != nil {
			return fmt.Errorf("demo: save provider %d: %w", i, err)
		}
		provIDs[i] = p.ID
	}
	facIDs := make([]int64, len(d.Facilities))
	for i := range d.Facilities {
		f := d.Facilities[i]
		if err := s.SaveFacility(ctx, &f); err != nil {
			return fmt.Errorf("demo: save facility %d: %w", i, err)
		}
		facIDs[i] = f.ID
	}
	payerIDs := make([]int64, len(d.Payers))
	for i := range d.Payers {
		p := d.Payers[i]
		if err := s.SavePayer(ctx, &p); err != nil {
			return fmt.Errorf("demo: save payer %d: %w", i, err)
		}
		payerIDs[i] = p.ID
	}
	if err := s.ReplaceFees(ctx, d.Fees); err != nil {
		return fmt.Errorf("demo: save fees: %w", err)
	}
	type saved struct {
		patientID int64
		policyIDs []int64
	}
	pats := make([]saved, len(d.Patients))
	for i := range d.Patients {
		p := d.Patients[i].Patient
		if err := s.SavePatient(ctx, &p); err != nil {
			return fmt.Errorf("demo: save patient %d: %w", i, err)
		}
		pats[i].patientID = p.ID
		for _, pol := range d.Patients[i].Policies {
			pol.PatientID = p.ID
			pol.PayerID = payerIDs[pol.PayerID-1]
			if err := s.SavePolicy(ctx, &pol); err != nil {
				return fmt.Errorf("demo: save policy of patient %d: %w", i, err)
			}
			pats[i].policyIDs = append(pats[i].policyIDs, pol.ID)
		}
	}
	for i, ed := range d.Encounters {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		e := ed.Encounter
		sp := pats[ed.Patient]
		e.PatientID = sp.patientID
		e.PolicyID = sp.policyIDs[e.PolicyID-1]
		if e.SecondaryPolicyID != 0 {
			e.SecondaryPolicyID = sp.policyIDs[e.SecondaryPolicyID-1]
		}
		e.RenderingID = provIDs[e.RenderingID-1]
		if e.ReferringID != 0 {
			e.ReferringID = provIDs[e.ReferringID-1]
		}
		e.FacilityID = facIDs[e.FacilityID-1]
		if err := s.SaveEncounter(ctx, &e); err != nil {
			return fmt.Errorf("demo: save encounter %d: %w", i, err)
		}
		if err := walk(ctx, s, e, ed); err != nil {
			return fmt.Errorf("demo: encounter %d: %w", i, err)
		}
		if progress != nil {
			progress(i+1, len(d.Encounters))
		}
	}
	return nil
}

// walk moves the encounter's claim from draft to its planned status.
func walk(ctx context.Context, s Store, e claimdesk.Encounter, ed EncounterData) error {
	claims, err := s.ClaimsOfEncounter(ctx, e.ID)
	if err != nil {
		return err
	}
	if len(claims) == 0 {
		return fmt.Errorf("no draft claim was created")
	}
	id := claims[0].ID
	if ed.Status == claimdesk.StatusDraft {
		return nil
	}
	if err := s.SetClaimStatus(ctx, id, claimdesk.StatusReady, "checks passed"); err != nil {
		return err
	}
	if ed.Status == claimdesk.StatusReady {
		return nil
	}
	if err := s.SetClaimStatus(ctx, id, claimdesk.StatusSubmitted, "printed on CMS-1500"); err != nil {
		return err
	}
	if ed.Outcome == nil {
		return nil
	}
	o := *ed.Outcome
	o.ClaimID = id
	return s.AddOutcome(ctx, &o)
}
