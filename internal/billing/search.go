package billing

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

// CodeSearch caches a Desk's code search index. The zero value is ready;
// share one (Desk.Search) so the index is built once per process.
type CodeSearch struct {
	mu sync.Mutex
	ix *codesearch.Index
}

// Invalidate drops the cached index; the next search rebuilds it (call it
// after importing code sets or changing the procedure list).
func (c *CodeSearch) Invalidate() {
	c.mu.Lock()
	c.ix = nil
	c.mu.Unlock()
}

// codesChanged drops the cached search index after the code sets or the
// procedure list changed.
func (d *Desk) codesChanged() {
	if d.Search != nil {
		d.Search.Invalidate()
	}
}

// usageWindow is how far back the practice's code usage counts.
const usageWindow = 365

// BuildCodeIndex reads the code sets from the store (the newest release
// of each system, the practice's procedure list, the Alphabetic Index and
// Tabular inclusion terms attached to the ICD-10-CM release) and the
// practice's code usage of the last year, and builds a search index.
func (d *Desk) BuildCodeIndex(ctx context.Context) (*codesearch.Index, error) {
	if d.Codes == nil {
		return nil, errors.New("build code index: no code store")
	}
	start := time.Now()
	// The build allocates a few hundred MB of short-lived values (rows,
	// entries, token lists) for a ~75 MB index; letting the heap grow
	// further between collections during it cuts the collector's share
	// of the start-up time. The previous setting is restored after.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	usage, err := d.codeUsage(ctx)
	if err != nil {
		return nil, err
	}
	// Sized for a full ICD-10-CM + HCPCS release with its index terms, so
	// the slices are not regrown and copied while loading.
	src := codesearch.Source{Entries: make([]codesearch.Entry, 0, 1<<17)}
	notes := map[string][]claimdesk.Note{}
	terms := make([]claimdesk.IndexTerm, 0, 1<<17)
	err = d.Codes.LoadCodeSets(ctx, claimdesk.Date{}, claimdesk.CodeVisitor{
		Release: func(r claimdesk.Release) { src.Releases = append(src.Releases, r) },
		Code: func(c claimdesk.CodeEntry) {
			kind := claimdesk.UsageProcedure
			if c.System == claimdesk.SystemICD10CM {
				kind = claimdesk.UsageDiagnosis
			}
			code := c.Code
			if code.System == claimdesk.SystemProcedure {
				// The practice's procedure list has no release record.
				code.Release = ""
			}
			src.Entries = append(src.Entries, codesearch.EntryOf(code, usage[usageKey(kind, code.Code)]))
		},
		Term: func(t claimdesk.IndexTerm) { terms = append(terms, t) },
		Note: func(node string, n claimdesk.Note) {
			if n.Kind == claimdesk.NoteInclusion || n.Kind == claimdesk.NoteIncludes {
				notes[node] = append(notes[node], n)
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("build code index: %w", err)
	}
	src.Synonyms = append(codesearch.IndexSynonyms(terms), codesearch.NoteSynonyms(notes)...)
	ix, err := codesearch.Build(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("build code index: %w", err)
	}
	st := ix.Stats()
	d.log().Debug("code index built", "codes", st.Codes, "words", st.Words, "ms", time.Since(start).Milliseconds())
	return ix, nil
}

// usageKey normalises a stored code for usage look-ups.
func usageKey(kind, code string) string {
	return kind + ":" + strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), ".", ""))
}

// codeUsage returns the practice's usage counts by usageKey, or nil when
// the store does not count usage.
func (d *Desk) codeUsage(ctx context.Context) (map[string]int, error) {
	var svc claimdesk.CodeUsageService
	for _, s := range []any{d.Codes, d.Encounters} {
		if u, ok := s.(claimdesk.CodeUsageService); ok {
			svc = u
			break
		}
	}
	if svc == nil {
		return nil, nil
	}
	rows, err := svc.CodeUsage(ctx, d.Today().AddDays(-usageWindow), 0)
	if err != nil {
		return nil, fmt.Errorf("build code index: %w", err)
	}
	m := make(map[string]int, len(rows))
	for _, r := range rows {
		m[usageKey(r.Kind, r.Code)] += r.Count
	}
	return m, nil
}

// CodeIndex returns the desk's search index, building it on first use
// (and on every call when Desk.Search is nil).
func (d *Desk) CodeIndex(ctx context.Context) (*codesearch.Index, error) {
	if d.Search == nil {
		return d.BuildCodeIndex(ctx)
	}
	d.Search.mu.Lock()
	defer d.Search.mu.Unlock()
	if d.Search.ix == nil {
		ix, err := d.BuildCodeIndex(ctx)
		if err != nil {
			return nil, err
		}
		d.Search.ix = ix
	}
	return d.Search.ix, nil
}

// SearchCodes searches the code sets for q, best first. The practice's
// favourites are added to opts unless it names its own. A query that
// cannot be parsed (too long, no letters or digits) is an *Error with
// EInvalid.
func (d *Desk) SearchCodes(ctx context.Context, q string, opts codesearch.Options) ([]codesearch.Hit, error) {
	pq, err := codesearch.ParseQuery(q)
	if err != nil {
		return nil, claimdesk.Errorf(claimdesk.EInvalid, "search: %v", err)
	}
	ix, err := d.CodeIndex(ctx)
	if err != nil {
		return nil, err
	}
	if opts.Favourites == nil {
		favs, err := d.Favourites(ctx)
		if err != nil {
			return nil, err
		}
		opts.Favourites = favs
	}
	return ix.SearchQuery(pq, opts), nil
}

// CodeDetail is everything `codes show` prints about a code.
type CodeDetail struct {
	codesearch.CodeRef
	Release string `json:"release,omitempty"`
	// Parents are the codes above it, nearest first; Children those
	// directly below it.
	Parents  []codesearch.CodeRef `json:"parents"`
	Children []codesearch.CodeRef `json:"children"`
	// Notes are the Tabular notes that apply: its own, then those
	// inherited from its ancestors, block and chapter, each with the node
	// it is written on and the release it comes from.
	Notes []claimdesk.Note `json:"notes"`
}

// ShowCode returns a code's detail on date (zero: the newest releases);
// system "" looks in every system, ICD-10-CM first. An unknown code is an
// *Error with ENotFound.
func (d *Desk) ShowCode(ctx context.Context, system claimdesk.CodeSystem, code string, date claimdesk.Date) (CodeDetail, error) {
	ix, err := d.CodeIndex(ctx)
	if err != nil {
		return CodeDetail{}, err
	}
	ref, ok := ix.Lookup(system, code, date)
	if !ok {
		return CodeDetail{}, claimdesk.Errorf(claimdesk.ENotFound, "code %s not found", strings.ToUpper(strings.TrimSpace(code)))
	}
	det := CodeDetail{CodeRef: ref,
		Parents:  ix.Parents(ref.System, ref.Code, date),
		Children: ix.Children(ref.System, ref.Code, date),
	}
	if c, err := d.Codes.Code(ctx, ref.System, ref.Code, date); err == nil {
		det.Release = c.Release
	}
	if ref.System == claimdesk.SystemICD10CM {
		det.Notes, err = d.Codes.Notes(ctx, ref.Code, date)
		if err != nil {
			return CodeDetail{}, fmt.Errorf("show code %s: %w", ref.Code, err)
		}
	}
	if det.Parents == nil {
		det.Parents = []codesearch.CodeRef{}
	}
	if det.Children == nil {
		det.Children = []codesearch.CodeRef{}
	}
	if det.Notes == nil {
		det.Notes = []claimdesk.Note{}
	}
	return det, nil
}
