package codesearch

import "claimdesk/internal/claimdesk"

// CodeRef is a code with its title, as the index knows it.
type CodeRef struct {
	System   claimdesk.CodeSystem `json:"system"`
	Code     string               `json:"code"`
	Title    string               `json:"title"`
	Billable bool                 `json:"billable"`
}

func (ix *Index) ref(r uint32) CodeRef {
	rc := &ix.recs[r]
	sys := ix.systems[rc.sys]
	return CodeRef{System: sys, Code: ix.code(r), Title: ix.title(r), Billable: rc.billable}
}

// find returns the record of code in system ("" or "all": ICD-10-CM
// first, then the other systems in index order) valid under o's date
// policy, or -1.
func (ix *Index) find(system claimdesk.CodeSystem, code string, date claimdesk.Date) int32 {
	key := codeKey(code)
	if key == "" || ix == nil {
		return -1
	}
	f := ix.newFilter(Options{System: system, Date: date})
	lo, hi := ix.keyRange(key)
	best := int32(-1)
	for _, r := range ix.byKey[lo:hi] {
		if ix.key(r) != key || !f.ok(r) {
			continue
		}
		if best < 0 || (ix.systems[ix.recs[r].sys] == claimdesk.SystemICD10CM && ix.systems[ix.recs[best].sys] != claimdesk.SystemICD10CM) {
			best = int32(r)
		}
	}
	return best
}

// Lookup returns code (any spelling: E11.65, e1165) in system ("" or
// "all" for any, ICD-10-CM first) valid on date under the release policy.
func (ix *Index) Lookup(system claimdesk.CodeSystem, code string, date claimdesk.Date) (CodeRef, bool) {
	r := ix.find(system, code, date)
	if r < 0 {
		return CodeRef{}, false
	}
	return ix.ref(uint32(r)), true
}

// Parents returns the codes above an ICD-10-CM code, nearest first
// (S52.501A → S52.501, S52.50, S52.5, S52).
func (ix *Index) Parents(system claimdesk.CodeSystem, code string, date claimdesk.Date) []CodeRef {
	r := ix.find(system, code, date)
	if r < 0 {
		return nil
	}
	var out []CodeRef
	for p := ix.recs[r].parent; p >= 0; p = ix.recs[p].parent {
		out = append(out, ix.ref(uint32(p)))
	}
	return out
}

// Children returns the codes directly below an ICD-10-CM code, in tabular
// order.
func (ix *Index) Children(system claimdesk.CodeSystem, code string, date claimdesk.Date) []CodeRef {
	r := ix.find(system, code, date)
	if r < 0 {
		return nil
	}
	var out []CodeRef
	for _, c := range ix.childRec[ix.childOff[r]:ix.childOff[r+1]] {
		out = append(out, ix.ref(c))
	}
	return out
}
