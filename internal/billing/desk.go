// Package billing holds ClaimDesk's use cases, shared by the GUI and the
// CLI: a Desk holds the services (the store, passed in as claimdesk
// interfaces), the code search, the claim checks and a clock, and offers
// methods such as ReadyClaim, PrintClaims and ImportCodeSet.
//
// It imports the leaf packages (codeset, codesearch, claimcheck, cms1500,
// demo) and claimdesk; never database/sql, modernc.org/sqlite, gofpdf or
// fyne.io.
package billing

import (
	"log/slog"
	"time"

	"claimdesk/internal/claimdesk"
)

// Desk is the set of use cases. Build it with the store's services; zero
// Now means time.Now and nil Log means slog.Default().
type Desk struct {
	Practice   claimdesk.PracticeService
	Patients   claimdesk.PatientService
	Encounters claimdesk.EncounterService
	Claims     claimdesk.ClaimService
	Audit      claimdesk.AuditService
	Settings   claimdesk.SettingsService
	Codes      claimdesk.CodeService
	// Search caches the code search index (nil: built per search).
	Search *CodeSearch

	Now func() time.Time
	Log *slog.Logger
}

// Today returns the current calendar day in the local time zone.
func (d *Desk) Today() claimdesk.Date {
	if d.Now != nil {
		return claimdesk.DateOf(d.Now())
	}
	return claimdesk.DateOf(time.Now())
}

func (d *Desk) log() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.Default()
}
