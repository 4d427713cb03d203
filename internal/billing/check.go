package billing

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"claimdesk/internal/claimcheck"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
)

// The claim checks over the store: the code sets are loaded once from the
// store's code tables into a claimcheck.MemReference (a look-up then costs
// microseconds, so the encounter screen can check while the user types);
// the fee schedule is read from the store on each check so a changed fee
// counts at once. After importing code sets or editing the procedure list,
// call InvalidateChecks.

// checkCaches holds each Desk's loaded reference. It lives beside Desk
// rather than in it so that Desk stays a plain struct of services.
var checkCaches sync.Map // *Desk → *checkCache

type checkCache struct {
	mu  sync.Mutex
	ref *claimcheck.MemReference
}

func (d *Desk) checkCache() *checkCache {
	c, _ := checkCaches.LoadOrStore(d, &checkCache{})
	return c.(*checkCache)
}

// InvalidateChecks drops the loaded code sets; the next check reloads them
// from the store.
func (d *Desk) InvalidateChecks() {
	c := d.checkCache()
	c.mu.Lock()
	c.ref = nil
	c.mu.Unlock()
}

// SetCheckReference makes the claim checks use m instead of loading the
// store's code sets (the CLI's --codes, tests).
func (d *Desk) SetCheckReference(m *claimcheck.MemReference) {
	c := d.checkCache()
	c.mu.Lock()
	c.ref = m
	c.mu.Unlock()
}

// WarmChecks loads the code sets for the claim checks now (the GUI calls it
// in the background at start-up so the first live check is instant).
func (d *Desk) WarmChecks(ctx context.Context) error {
	if d.Codes == nil {
		return nil
	}
	c := d.checkCache()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ref != nil {
		return nil
	}
	m, err := LoadCheckReference(ctx, d.Codes)
	if err != nil {
		return fmt.Errorf("load code sets for the claim checks: %w", err)
	}
	c.ref = m
	return nil
}

// checkReference returns the reference for the checks, loading the code
// sets on first use. Without a code service, or when loading fails (logged
// without patient data), the checks run without code sets and say so in
// their warnings.
func (d *Desk) checkReference(ctx context.Context) claimcheck.Reference {
	var ref claimcheck.Reference
	c := d.checkCache()
	c.mu.Lock()
	m := c.ref
	c.mu.Unlock()
	if m == nil && d.Codes != nil {
		c.mu.Lock()
		if c.ref == nil {
			m, err := LoadCheckReference(ctx, d.Codes)
			if err != nil {
				d.log().Error("load code sets for claim checks", "err", err)
			} else {
				c.ref = m
			}
		}
		m = c.ref
		c.mu.Unlock()
	}
	if m != nil {
		ref = m.Reference()
	}
	if d.Practice != nil {
		ref.Fees = storeFees{ctx: ctx, s: d.Practice, fallback: ref.Fees}
	}
	return ref
}

// storeFees answers fee look-ups from the store's fee schedule for the
// length of one check (it carries that check's ctx and is dropped
// afterwards), falling back to the procedure list's default fees.
type storeFees struct {
	ctx      context.Context
	s        claimdesk.PracticeService
	fallback claimcheck.Fees
}

// Fee implements claimcheck.Fees.
func (f storeFees) Fee(code, modifier string) (claimdesk.Cents, bool) {
	c, ok, err := f.s.Fee(f.ctx, code, modifier)
	if err == nil && ok {
		return c, true
	}
	if f.fallback != nil {
		return f.fallback.Fee(code, modifier)
	}
	return 0, false
}

// CheckClaim runs the claim checks on cd with the store's code sets and
// fee schedule, as of today (Desk.Now).
func (d *Desk) CheckClaim(ctx context.Context, cd claimdesk.ClaimData) claimdesk.Findings {
	return claimcheck.Check(ctx, cd, d.checkReference(ctx), d.Today())
}

// CheckClaimID loads claim id's data from the store and checks it.
func (d *Desk) CheckClaimID(ctx context.Context, id int64) (claimdesk.Findings, error) {
	cd, err := d.Claims.ClaimData(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("check claim %d: %w", id, err)
	}
	return d.CheckClaim(ctx, cd), nil
}

// ReadyGuard suits the store's ready guard (sqlite.DB.ReadyGuard): it
// returns nil when the claim has no error-severity finding, else a
// claimdesk.Error (code invalid) listing every error with its box.
func (d *Desk) ReadyGuard(ctx context.Context, cd claimdesk.ClaimData) error {
	return d.CheckClaim(ctx, cd).Err()
}

// LoadCheckReference builds the claim checks' in-memory reference from the
// store's code tables: the newest release of each code set, older ICD-10-CM
// releases too (so a claim is checked against the release of its date of
// service), their Tabular notes and groups, the practice's procedure list,
// HCPCS modifiers and the places of service.
func LoadCheckReference(ctx context.Context, codes claimdesk.CodeService) (*claimcheck.MemReference, error) {
	m := claimcheck.NewMemReference()
	newest := map[int64]bool{}
	if err := loadReleases(ctx, codes, claimdesk.Date{}, m, newest, true); err != nil {
		return nil, err
	}
	rels, err := codes.Releases(ctx)
	if err != nil {
		return nil, fmt.Errorf("list code set releases: %w", err)
	}
	older := 0
	for _, r := range rels {
		if r.System != claimdesk.SystemICD10CM || newest[r.ID] || r.ValidFrom.IsZero() || older == 3 {
			continue
		}
		older++
		if err := loadReleases(ctx, codes, r.ValidFrom, m, newest, false); err != nil {
			return nil, err
		}
	}
	mods, err := codes.Modifiers(ctx, claimdesk.Date{})
	if err != nil {
		return nil, fmt.Errorf("load modifiers: %w", err)
	}
	m.AddModifiers(mods)
	pos, err := codes.PlacesOfService(ctx)
	if err != nil {
		return nil, fmt.Errorf("load places of service: %w", err)
	}
	m.AddPlaces(pos)
	return m, nil
}

// loadReleases loads the releases in effect on date into m. all says
// whether HCPCS, CPT and procedures are loaded too (only on the first,
// newest pass); ICD-10-CM releases already loaded (in seen) are skipped.
func loadReleases(ctx context.Context, codes claimdesk.CodeService, date claimdesk.Date, m *claimcheck.MemReference, seen map[int64]bool, all bool) error {
	type relCodes struct {
		rel   claimdesk.Release
		codes []claimdesk.CodeEntry
	}
	var rels []*relCodes
	byName := map[string]*relCodes{}
	var procs []claimdesk.CodeEntry
	notes := map[string][]claimdesk.Note{}
	var groups []claimdesk.CodeGroup
	skipICD := false
	v := claimdesk.CodeVisitor{
		Release: func(r claimdesk.Release) {
			if r.System == claimdesk.SystemICD10CM {
				if seen[r.ID] {
					skipICD = true
					return
				}
				seen[r.ID] = true
			}
			rc := &relCodes{rel: r}
			rels = append(rels, rc)
			byName[string(r.System)+"|"+r.Name] = rc
		},
		Code: func(e claimdesk.CodeEntry) {
			switch e.System {
			case claimdesk.SystemProcedure:
				if all {
					procs = append(procs, e)
				}
				return
			case claimdesk.SystemICD10CM:
				if skipICD {
					return
				}
			default:
				if !all {
					return
				}
			}
			if rc := byName[string(e.System)+"|"+e.Release]; rc != nil {
				rc.codes = append(rc.codes, e)
			}
		},
		Note: func(node string, n claimdesk.Note) {
			if !skipICD {
				notes[node] = append(notes[node], n)
			}
		},
		Group: func(g claimdesk.CodeGroup) {
			if !skipICD {
				groups = append(groups, g)
			}
		},
	}
	if err := codes.LoadCodeSets(ctx, date, v); err != nil {
		return err
	}
	for _, rc := range rels {
		switch rc.rel.System {
		case claimdesk.SystemICD10CM:
			if skipICD {
				continue
			}
			t := m.AddICD(rc.rel, rc.codes)
			t.AddNotes("", notes, groups)
		default:
			m.AddProcedureCodes(rc.rel, rc.codes)
		}
	}
	for _, p := range procs {
		m.AddProcedure(claimdesk.Procedure{Code: strings.ToUpper(p.Code.Code), Short: p.Title, Fee: p.Fee})
	}
	return nil
}

// LoadCheckReferenceFiles builds the claim checks' reference straight from
// code set files as published (zips or their members: ICD-10-CM order or
// codes file, Tabular XML for notes, HCPCS, POS, a CPT file, a procedure
// list CSV), without a database. Notes files are applied after every
// release is loaded; Alphabetic Index files are not needed and skipped.
func LoadCheckReferenceFiles(ctx context.Context, paths []string) (*claimcheck.MemReference, error) {
	var files []codeset.File
	for _, p := range paths {
		fs, err := codeset.Files(p)
		if err != nil {
			return nil, fmt.Errorf("code set %s: %w", filepath.Base(p), err)
		}
		if len(fs) == 1 && fs[0].Member == "" && (fs[0].Kind == codeset.KindUnknown || fs[0].Kind == codeset.KindSkip) {
			return nil, &codeset.ParseError{File: fs[0].Name(), Err: codeset.ErrUnknownFile}
		}
		files = append(files, fs...)
	}
	sort.SliceStable(files, func(i, j int) bool { return !files[i].Kind.Notes() && files[j].Kind.Notes() })
	m := claimcheck.NewMemReference()
	for _, f := range files {
		switch f.Kind {
		case codeset.KindSkip, codeset.KindUnknown, codeset.KindIndex, codeset.KindEIndex:
			continue
		case codeset.KindProcedures:
			fh, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("procedure list %s: %w", f.Name(), err)
			}
			ps, err := codeset.ReadProcedures(fh, f.Name())
			fh.Close()
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				m.AddProcedure(p)
			}
			continue
		}
		cs, err := codeset.Load(ctx, f, nil)
		if err != nil {
			return nil, err
		}
		m.AddCodeSet(cs)
	}
	return m, nil
}
