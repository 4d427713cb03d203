package billing

import (
	"context"
	"fmt"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/demo"
)

// demoStore joins the Desk's services into the store demo.Load needs.
type demoStore struct {
	claimdesk.PracticeService
	claimdesk.PatientService
	claimdesk.EncounterService
	claimdesk.ClaimService
}

// LoadDemo fills an empty database with the fictional demo practice for
// seed, as of the Desk's today: the embedded starter code list and the
// practice's procedure list first (so every claim passes its checks), then
// the practice, patients, encounters and claims in every status.
func (d *Desk) LoadDemo(ctx context.Context, seed uint64, progress func(done, total int)) error {
	data := demo.Generate(seed, d.Today())
	if _, err := d.Practice.Practice(ctx); err == nil {
		return demo.ErrNotEmpty
	}
	if err := d.loadDemoCodes(ctx, data); err != nil {
		return fmt.Errorf("demo codes: %w", err)
	}
	s := demoStore{d.Practice, d.Patients, d.Encounters, d.Claims}
	if err := demo.Load(ctx, s, data, progress); err != nil {
		return err
	}
	d.log().Info("demo loaded", "seed", seed, "patients", len(data.Patients), "encounters", len(data.Encounters))
	return nil
}

// loadDemoCodes imports the embedded starter list and the demo practice's
// procedure list (its own descriptions of the CPT codes it bills).
func (d *Desk) loadDemoCodes(ctx context.Context, data demo.Data) error {
	if d.Codes == nil {
		return fmt.Errorf("no code service")
	}
	if _, err := d.ImportStarter(ctx); err != nil {
		return err
	}
	if err := d.Codes.ImportProcedures(ctx, data.Procedures); err != nil {
		return err
	}
	d.InvalidateChecks()
	return nil
}
