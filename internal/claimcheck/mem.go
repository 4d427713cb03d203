package claimcheck

import (
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

// MemReference is an in-memory Reference filled from parsed official files
// (claimdesk.CodeSet values from internal/codeset, or the store's tables)
// and the practice's fee schedule. Fill it once, then share it: it is safe
// for concurrent readers once no more Add or Set calls are made.
type MemReference struct {
	icd       []*MemICD
	procs     map[string]ProcedureInfo
	procRel   map[string]claimdesk.Date // ValidFrom of the release a code came from
	modifiers map[string]string
	places    map[string]string
	fees      map[string]claimdesk.Cents
	defFees   map[string]claimdesk.Cents
}

// NewMemReference returns an empty reference.
func NewMemReference() *MemReference {
	return &MemReference{
		procs:     map[string]ProcedureInfo{},
		procRel:   map[string]claimdesk.Date{},
		modifiers: map[string]string{},
		places:    map[string]string{},
		fees:      map[string]claimdesk.Cents{},
		defFees:   map[string]claimdesk.Cents{},
	}
}

// Reference returns the Reference backed by m. Parts with no data loaded
// are nil, so the checks say when, for example, no ICD-10-CM release is
// loaded.
func (m *MemReference) Reference() Reference {
	var r Reference
	if len(m.icd) > 0 {
		r.ICD = m
	}
	if len(m.procs) > 0 {
		r.Procedures = m
	}
	if len(m.modifiers) > 0 {
		r.Modifiers = m
	}
	if len(m.places) > 0 {
		r.Places = m
	}
	if len(m.fees) > 0 || len(m.defFees) > 0 {
		r.Fees = m
	}
	return r
}

// AddCodeSet adds what one parsed file holds: ICD-10-CM codes become a
// release; HCPCS, CPT and procedure codes, modifiers and places of service
// are added to their tables. ICD-10-CM notes without codes (a Tabular XML
// of another edition) are applied to every loaded ICD-10-CM release, only
// to codes that exist in it.
func (m *MemReference) AddCodeSet(cs *claimdesk.CodeSet) {
	switch cs.Release.System {
	case claimdesk.SystemICD10CM:
		if len(cs.Codes) > 0 {
			t := m.AddICD(cs.Release, cs.Codes)
			if len(cs.Notes) > 0 {
				t.AddNotes(cs.Release.Name, cs.Notes, cs.Groups)
			}
		} else if len(cs.Notes) > 0 || len(cs.Groups) > 0 {
			for _, t := range m.icd {
				t.AddNotes(cs.Release.Name, cs.Notes, cs.Groups)
			}
		}
	case claimdesk.SystemHCPCS, claimdesk.SystemCPT, claimdesk.SystemProcedure:
		m.AddProcedureCodes(cs.Release, cs.Codes)
	}
	m.AddModifiers(cs.Modifiers)
	m.AddPlaces(cs.POS)
}

// AddICD adds an ICD-10-CM release with its codes and headers and returns
// it, so notes can be attached.
func (m *MemReference) AddICD(rel claimdesk.Release, codes []claimdesk.CodeEntry) *MemICD {
	t := &MemICD{
		rel:     rel,
		idx:     make(map[string]int32, len(codes)),
		notes:   map[claimdesk.NoteKind]map[string][]claimdesk.Note{},
		groupOf: map[string][]string{},
	}
	t.codes = make([]ICDCode, 0, len(codes))
	for _, c := range codes {
		n := claimdesk.NormalizeICD(c.Code.Code)
		if n == "" {
			continue
		}
		t.codes = append(t.codes, ICDCode{Code: n, Title: c.Title, Billable: c.Billable})
	}
	sort.SliceStable(t.codes, func(i, j int) bool { return t.codes[i].Code < t.codes[j].Code })
	for i, c := range t.codes {
		t.idx[c.Code] = int32(i)
	}
	m.icd = append(m.icd, t)
	sort.SliceStable(m.icd, func(i, j int) bool { return m.icd[i].rel.ValidFrom.Before(m.icd[j].rel.ValidFrom) })
	return t
}

// ICDFor implements ICDReleases: the release covering d that started last,
// else the nearest release with covered false.
func (m *MemReference) ICDFor(d claimdesk.Date) (ICDSet, bool) {
	if len(m.icd) == 0 {
		return nil, false
	}
	for i := len(m.icd) - 1; i >= 0; i-- {
		if m.icd[i].rel.Covers(d) {
			return m.icd[i], true
		}
	}
	if d.Before(m.icd[0].rel.ValidFrom) {
		return m.icd[0], false
	}
	return m.icd[len(m.icd)-1], false
}

// AddProcedureCodes adds HCPCS, CPT or procedure-list codes of a release.
// A code in several releases keeps the entry of the release that starts
// last.
func (m *MemReference) AddProcedureCodes(rel claimdesk.Release, codes []claimdesk.CodeEntry) {
	for _, c := range codes {
		code := strings.ToUpper(strings.TrimSpace(c.Code.Code))
		if code == "" {
			continue
		}
		if prev, ok := m.procRel[code]; ok && rel.ValidFrom.Before(prev) {
			continue
		}
		sys := c.System
		if sys == "" {
			sys = rel.System
		}
		added := c.Added
		m.procs[code] = ProcedureInfo{Code: code, Title: c.Title, System: sys, Added: added, Terminated: c.Terminated}
		m.procRel[code] = rel.ValidFrom
		if c.Fee > 0 {
			m.defFees[code] = c.Fee
		}
	}
}

// AddProcedure adds one entry of the practice's procedure list; its
// default fee is used when the fee schedule has no row for the code.
func (m *MemReference) AddProcedure(p claimdesk.Procedure) {
	code := strings.ToUpper(strings.TrimSpace(p.Code))
	if code == "" {
		return
	}
	if _, ok := m.procs[code]; !ok {
		m.procs[code] = ProcedureInfo{Code: code, Title: p.Short, System: claimdesk.SystemProcedure}
	}
	if p.Fee > 0 {
		m.defFees[code] = p.Fee
	}
}

// AddModifiers adds HCPCS modifiers.
func (m *MemReference) AddModifiers(ms []claimdesk.Modifier) {
	for _, x := range ms {
		c := strings.ToUpper(strings.TrimSpace(x.Code))
		if c != "" {
			m.modifiers[c] = x.Title
		}
	}
}

// AddPlaces adds CMS places of service.
func (m *MemReference) AddPlaces(ps []claimdesk.PlaceOfService) {
	for _, p := range ps {
		if p.Code != "" {
			m.places[p.Code] = p.Name
		}
	}
}

// SetFee sets the fee schedule's per-unit charge for code with modifier
// ("" for the code alone).
func (m *MemReference) SetFee(code, modifier string, charge claimdesk.Cents) {
	m.fees[feeKey(code, modifier)] = charge
}

// SetFees replaces nothing: it adds every fee schedule row.
func (m *MemReference) SetFees(fees []claimdesk.FeeEntry) {
	for _, f := range fees {
		m.SetFee(f.Code, f.Modifier, f.Charge)
	}
}

func feeKey(code, modifier string) string {
	return strings.ToUpper(strings.TrimSpace(code)) + "|" + strings.ToUpper(strings.TrimSpace(modifier))
}

// Procedure implements Procedures.
func (m *MemReference) Procedure(code string) (ProcedureInfo, bool) {
	p, ok := m.procs[code]
	return p, ok
}

// HasCPT reports whether any CPT-format code is loaded (a licensed CPT file
// or the practice's procedure list). Without one, CPT codes cannot be
// verified and the checks warn instead of failing every claim.
func (m *MemReference) HasCPT() bool {
	for _, p := range m.procs {
		if p.System == claimdesk.SystemCPT || p.System == claimdesk.SystemProcedure {
			return true
		}
	}
	return false
}

// Modifier implements Modifiers.
func (m *MemReference) Modifier(code string) (string, bool) {
	t, ok := m.modifiers[code]
	return t, ok
}

// Place implements Places.
func (m *MemReference) Place(code string) (string, bool) {
	n, ok := m.places[code]
	return n, ok
}

// Fee implements Fees: the row for code and modifier, else the row for the
// code alone, else the procedure list's default fee.
func (m *MemReference) Fee(code, modifier string) (claimdesk.Cents, bool) {
	if modifier != "" {
		if c, ok := m.fees[feeKey(code, modifier)]; ok {
			return c, true
		}
	}
	if c, ok := m.fees[feeKey(code, "")]; ok {
		return c, true
	}
	c, ok := m.defFees[code]
	return c, ok
}

// MemICD is one ICD-10-CM release held in memory.
type MemICD struct {
	rel   claimdesk.Release
	codes []ICDCode // sorted by code
	idx   map[string]int32
	// notes holds the notes by kind, then by the node they are written on.
	notes map[claimdesk.NoteKind]map[string][]claimdesk.Note
	// groupOf maps a category (E11) to the group nodes above it, block
	// first, then chapter ("E08-E13", "Chapter 4").
	groupOf map[string][]string
}

// Name implements ICDSet.
func (t *MemICD) Name() string { return t.rel.Name }

// Release returns the release the set was built from.
func (t *MemICD) Release() claimdesk.Release { return t.rel }

// Len returns how many codes and headers the release holds.
func (t *MemICD) Len() int { return len(t.codes) }

// Lookup implements ICDSet.
func (t *MemICD) Lookup(code string) (ICDCode, bool) {
	i, ok := t.idx[code]
	if !ok {
		return ICDCode{}, false
	}
	return t.codes[i], true
}

// Completions implements ICDSet.
func (t *MemICD) Completions(code string, max int) ([]ICDCode, int) {
	i := sort.Search(len(t.codes), func(i int) bool { return t.codes[i].Code >= code })
	var out []ICDCode
	total := 0
	for ; i < len(t.codes) && strings.HasPrefix(t.codes[i].Code, code); i++ {
		if !t.codes[i].Billable {
			continue
		}
		total++
		if len(out) < max {
			out = append(out, t.codes[i])
		}
	}
	return out, total
}

// AddNotes attaches Tabular notes read from release source (which may be
// another edition): notes written on a code attach only when the code
// exists in this release; notes on blocks and chapters always attach.
// groups gives the blocks and chapters and the categories in them.
func (t *MemICD) AddNotes(source string, notes map[string][]claimdesk.Note, groups []claimdesk.CodeGroup) {
	for _, g := range groups {
		for _, cat := range g.Categories {
			c := claimdesk.NormalizeICD(cat)
			if _, ok := t.idx[c]; !ok {
				continue
			}
			t.groupOf[c] = append(t.groupOf[c], g.Node)
			if g.Chapter != "" && !containsStr(t.groupOf[c], g.Chapter) {
				t.groupOf[c] = append(t.groupOf[c], g.Chapter)
			}
		}
	}
	// Blocks come before chapters in each category's chain.
	for c, gs := range t.groupOf {
		sort.SliceStable(gs, func(i, j int) bool {
			return !strings.HasPrefix(gs[i], "Chapter") && strings.HasPrefix(gs[j], "Chapter")
		})
		t.groupOf[c] = gs
	}
	for node, ns := range notes {
		key := node
		if looksLikeICD(node) {
			key = claimdesk.NormalizeICD(node)
			if _, ok := t.idx[key]; !ok {
				continue
			}
		}
		for _, n := range ns {
			if n.Release == "" {
				n.Release = source
			}
			if n.From == "" {
				n.From = node
			}
			t.addNote(key, n)
		}
	}
}

func (t *MemICD) addNote(key string, n claimdesk.Note) {
	m := t.notes[n.Kind]
	if m == nil {
		m = map[string][]claimdesk.Note{}
		t.notes[n.Kind] = m
	}
	m[key] = append(m[key], n)
}

// AddNote attaches one note written on node (a code, a block such as
// "E08-E13" or a chapter such as "Chapter 4").
func (t *MemICD) AddNote(node string, n claimdesk.Note) {
	key := node
	if looksLikeICD(node) {
		key = claimdesk.NormalizeICD(node)
	}
	if n.From == "" {
		n.From = node
	}
	t.addNote(key, n)
}

// Notes implements ICDSet.
func (t *MemICD) Notes(code string, kind claimdesk.NoteKind) []claimdesk.Note {
	m := t.notes[kind]
	if m == nil {
		return nil
	}
	inherited := kind.Inherited()
	var groups []string
	if len(code) >= 3 {
		groups = t.groupOf[code[:3]]
	}
	// Count first so the result is allocated once.
	n := 0
	for k := len(code); k >= 3; k-- {
		if k == len(code) || inherited {
			n += len(m[code[:k]])
		}
	}
	if inherited {
		for _, g := range groups {
			n += len(m[g])
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]claimdesk.Note, 0, n)
	for k := len(code); k >= 3; k-- {
		if k == len(code) || inherited {
			out = append(out, m[code[:k]]...)
		}
	}
	if inherited {
		for _, g := range groups {
			out = append(out, m[g]...)
		}
	}
	return out
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// looksLikeICD reports whether a note node is a code (E11, E11.6, QA0)
// rather than a block ("E08-E13") or a chapter ("Chapter 4").
func looksLikeICD(node string) bool {
	return len(node) >= 3 && len(node) <= 8 && !strings.ContainsAny(node, "- ")
}
