package codesearch

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"

	"claimdesk/internal/claimdesk"
)

// Match quality of one word (multiplied by the field weight).
const (
	qExact  = 1.0
	qPrefix = 0.75 // + 0.2 × typed share of the word
	qStem   = 0.7
	qTypo   = 0.6
)

// Search tuning.
const (
	// walkCost is the posting count above which the cheapest group is too
	// common to enumerate: the search then walks codes in static order.
	walkCost = 12000
	// probeRatio: a group is checked per candidate (binary search in its
	// forward list) when its postings exceed this many per candidate.
	probeRatio = 24
	// missingPenalty is taken per query group a code does not match.
	missingPenalty = 6
	// relaxCost bounds the postings enumerated to offer codes missing the
	// rarest query group.
	relaxCost = 4000
	// keepExtra is how many candidates beyond the limit the coarse score
	// passes to the precise ranking (at least 25 in all).
	keepExtra = 2
	// rankSlack: candidates whose coarse score is more than this per
	// query group below the limit-th best are not ranked precisely.
	rankSlack = 0.1
	// relaxBelow: codes missing one query group are looked for only when
	// fewer codes than this match every group.
	relaxBelow = 5
)

// matcher matches one query word against word ids.
type matcher struct {
	exact    int32  // id of the word itself, or -1
	lo, hi   uint32 // words starting with it
	slo, shi uint32 // words sharing its stem (⊇ lo..hi)
	typos    []uint32
	// tlo..thi: words sharing the stem of the first typo correction.
	tlo, thi uint32
	qlen     int
}

type calt struct {
	ms     []matcher
	weight float32
	abbrev bool
}

type cgroup struct {
	code    string               // code key prefix, or ""
	codeSys claimdesk.CodeSystem // the only system the code may be in, or ""
	alts    []calt
	cost    int
	// single: every alt has one word (postings can be scanned).
	single bool
	// optional: a qualifier a code need not match (Group.Optional).
	optional bool
}

func (ix *Index) compileWord(w string) matcher {
	m := matcher{exact: -1, qlen: len(w)}
	m.lo, m.hi = ix.prefixRange(w)
	if m.lo < m.hi && ix.vocab[m.lo] == w {
		m.exact = int32(m.lo)
	}
	m.slo, m.shi = m.lo, m.hi
	if st := stem(w); st != w {
		m.slo, m.shi = ix.prefixRange(st)
	}
	// A word that is neither a vocabulary word nor the start of one may be
	// a typo.
	if len(w) >= 5 && m.exact < 0 && m.lo == m.hi {
		m.typos = ix.typos(w, nil)
		// Typos already in the stem range match as stems.
		m.typos = slices.DeleteFunc(m.typos, func(t uint32) bool { return t >= m.slo && t < m.shi })
		if len(m.typos) > 0 {
			t := ix.vocab[m.typos[0]]
			if st := stem(t); st != t {
				m.tlo, m.thi = ix.prefixRange(st)
			}
		}
	}
	return m
}

func (ix *Index) matcherCost(m *matcher) int {
	c := int(ix.postOff[m.shi] - ix.postOff[m.slo])
	for _, t := range m.typos {
		c += int(ix.postOff[t+1] - ix.postOff[t])
	}
	return c + int(ix.postOff[m.thi]-ix.postOff[m.tlo])
}

// quality returns the match quality of word id w for m, or 0.
func (ix *Index) quality(m *matcher, w uint32) (float32, bool) {
	switch {
	case int32(w) == m.exact:
		return qExact, false
	case w >= m.lo && w < m.hi:
		return qPrefix + 0.2*float32(m.qlen)/float32(len(ix.vocab[w])), false
	case w >= m.slo && w < m.shi:
		// A word no title starts with, matched through its stem
		// ("hypertenson"), counts as a typo.
		return qStem, m.lo == m.hi
	}
	if slices.Contains(m.typos, w) {
		return qTypo, true
	}
	if w >= m.tlo && w < m.thi {
		return qTypo * 0.95, true
	}
	return 0, false
}

// shortBonus favours, in the coarse score, words found in short terms
// ("Hypertension, hypertensive" over "Ocular hypertension, unspecified
// eye").
func shortBonus(n uint8) float32 { return 0.3 / float32(max(n, 1)) }

// fwTab and sbTab tabulate fieldWeight and shortBonus for every byte.
var fwTab, sbTab = func() (fw, sb [256]float32) {
	for i := range 256 {
		fw[i], sb[i] = fieldWeight(uint8(i)), shortBonus(uint8(i))
	}
	return fw, sb
}()

func fieldWeight(f uint8) float32 {
	switch {
	case f&fTitle != 0:
		return 1
	case f&fIndex != 0:
		return 0.95
	case f&fIncl != 0:
		return 0.9
	case f&fInhIndex != 0:
		return 0.8
	default:
		return 0.75
	}
}

// compile resolves a parsed query against the vocabulary.
func (ix *Index) compile(q Query) []cgroup {
	gs := make([]cgroup, 0, len(q.Groups))
	for _, g := range q.Groups {
		cg := cgroup{code: g.Code, single: true, optional: g.Optional}
		if c, ok := strings.CutPrefix(cg.code, "."); ok {
			cg.code, cg.codeSys = c, claimdesk.SystemICD10CM
		}
		if cg.code != "" && !ix.hasKey(cg.code) {
			if p := padPlaceholder(cg.code); p != "" && ix.hasKey(p) {
				cg.code = p
			}
		}
		codeHits := 0
		if cg.code != "" {
			lo, hi := ix.keyRange(cg.code)
			codeHits = hi - lo
			cg.cost += codeHits
		}
		for _, a := range g.Alts {
			if a.Split && codeHits > 0 {
				continue
			}
			ca := calt{weight: a.Weight, abbrev: a.Abbrev}
			best := math.MaxInt
			for _, w := range a.Words {
				m := ix.compileWord(w)
				best = min(best, ix.matcherCost(&m))
				ca.ms = append(ca.ms, m)
			}
			if len(ca.ms) == 0 || best == 0 {
				continue // an alternative with an unknown word never matches
			}
			if len(ca.ms) > 1 {
				cg.single = false
			}
			cg.cost += best
			cg.alts = append(cg.alts, ca)
		}
		gs = append(gs, cg)
	}
	return gs
}

// stem shortens a word to the prefix its variants share: up to three
// letters off a word of six or more, keeping five ("fractures" →
// "fract", "hypertensive" → "hypertens"), or a plural "s" off a shorter
// word ("shoes" → "shoe").
func stem(w string) string {
	switch {
	case !isASCII(w):
		return w
	case len(w) >= 6:
		return w[:max(5, len(w)-3)]
	case len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's':
		return w[:len(w)-1]
	}
	return w
}

// encounterWords are the title words of 7th characters other than A
// (initial encounter for closed fracture).
var encounterWords = []string{"subsequent", "sequela", "open", "nonunion", "malunion", "delayed", "routine", "healing"}

// mentionsEncounter reports whether a query asks for a 7th character
// other than the initial encounter ("subs", "sequela", "open fx").
func mentionsEncounter(q Query) bool {
	for _, g := range q.Groups {
		for _, a := range g.Alts {
			for _, w := range a.Words {
				for _, e := range encounterWords {
					if len(w) >= 3 && strings.HasPrefix(e, w) {
						return true
					}
				}
			}
		}
	}
	return false
}

// queryContext returns the context words (contextWords) a query's words
// start.
func queryContext(q Query) uint32 {
	var m uint32
	for _, g := range q.Groups {
		for _, a := range g.Alts {
			for _, w := range a.Words {
				for i, c := range contextWords {
					// "pregnant" names the pregnancy context too
					if len(w) >= 3 && (strings.HasPrefix(c, w) || (len(w) >= 6 && strings.HasPrefix(c, stem(w)))) {
						m |= 1 << i
					}
				}
			}
		}
	}
	return m
}

// padPlaceholder inserts the X placeholders a coder left out before a 7th
// character: T1490A → T1490XA, W19A → W19XXXA. "" when not applicable.
func padPlaceholder(key string) string {
	n := len(key)
	if n < 4 || n > 6 {
		return ""
	}
	last := key[n-1]
	if last < 'A' || last > 'Z' {
		return ""
	}
	return key[:n-1] + strings.Repeat("X", 7-n) + string(last)
}

func (ix *Index) hasKey(key string) bool {
	lo, hi := ix.keyRange(key)
	return lo < hi && ix.key(ix.byKey[lo]) == key
}

// keyRange returns the range of byKey whose keys start with prefix.
func (ix *Index) keyRange(prefix string) (int, int) {
	lo, _ := slices.BinarySearchFunc(ix.byKey, prefix, func(r uint32, p string) int {
		return strings.Compare(ix.key(r), p)
	})
	n := sort.Search(len(ix.byKey)-lo, func(i int) bool {
		return !strings.HasPrefix(ix.key(ix.byKey[lo+i]), prefix)
	})
	return lo, lo + n
}

// scratch holds one search's working memory. Per-record state is kept in
// bit sets (13 KB for 100,000 codes, so it stays in cache); per-candidate
// state in short arrays indexed by the candidate's rank in the sorted
// candidate list.
type scratch struct {
	cb    []uint64 // candidate records
	dir   []uint32 // dir[w]: candidates in cb[:w] (rank directory)
	seenB []uint64 // records collected so far in this search
	cands []uint32 // candidate record ids, ascending
	total []float32
	count []uint8
	gbest []float32
	top   []scored
	extra []scored
	found []scored
	qbits []uint64
	// ranked: the precisely ranked hits of a search.
	ranked []rankedHit
	ord    []int32
	// best and touched serve collectOne: best[r] is record r's score
	// (-1: filtered out), zero again after each search.
	best    []float32
	touched []uint32 // vocabulary words some query word matches
}

// seenSet marks records already collected in one search.
type seenSet []uint64

func (t seenSet) has(r uint32) bool { return t[r>>6]&(1<<(r&63)) != 0 }
func (t seenSet) add(r uint32)      { t[r>>6] |= 1 << (r & 63) }

type scored struct {
	r     uint32
	score float32
}

var scratchPool sync.Pool

func (ix *Index) getScratch() *scratch {
	s, _ := scratchPool.Get().(*scratch)
	n := len(ix.recs)/64 + 1
	if s == nil || len(s.cb) != n {
		s = &scratch{cb: make([]uint64, n), dir: make([]uint32, n+1), seenB: make([]uint64, n)}
	}
	clear(s.seenB)
	return s
}

// candIndex returns the position of record r in s.cands, which must hold
// it.
func (s *scratch) candIndex(r uint32) int {
	w := r >> 6
	return int(s.dir[w]) + bits.OnesCount64(s.cb[w]&(1<<(r&63)-1))
}

// setDir rebuilds the rank directory from the (sorted) candidate list
// after pruning, touching only the words that hold candidates: candIndex
// reads dir only for those.
func (s *scratch) setDir() {
	prev := ^uint32(0)
	for i, r := range s.cands {
		if w := r >> 6; w != prev {
			s.dir[w] = uint32(i)
			prev = w
		}
	}
}

// lowerBound returns the first index of the sorted fw whose entry is ≥ x.
func lowerBound(fw []uint64, x uint64) int {
	if len(fw) <= 8 {
		for i, e := range fw {
			if e >= x {
				return i
			}
		}
		return len(fw)
	}
	lo, hi := 0, len(fw)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if fw[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// filter is the per-search validity test.
type filter struct {
	ix       *Index
	sys      int   // index in Index.systems, -1 for all
	day      int32 // date of service; MinInt32 for none
	active   []bool
	billable bool
	// dflt, when set, holds the answer for every record (the default
	// options: all systems, newest releases, headers included).
	dflt []uint64
}

func (ix *Index) newFilter(o Options) filter {
	f := filter{ix: ix, billable: o.BillableOnly, active: make([]bool, len(ix.releases)), day: math.MinInt32, sys: -1}
	if o.System != "" && o.System != "all" {
		f.sys = len(ix.systems) // matches nothing unless found
		for i, s := range ix.systems {
			if s == o.System {
				f.sys = i
			}
		}
	}
	if !o.Date.IsZero() {
		f.day = dayNum(o.Date)
	}
	// Per system: the release covering the date that started last, else
	// the newest release (see the package doc).
	covers := func(r release) bool { return f.day != math.MinInt32 && f.day >= r.from && f.day <= r.to }
	for i, r := range ix.releases {
		best := true
		for j, p := range ix.releases {
			if j == i || p.sys != r.sys {
				continue
			}
			c, pc := covers(r), covers(p)
			if (pc && !c) || (pc == c && (p.from > r.from || (p.from == r.from && j < i))) {
				best = false
				break
			}
		}
		f.active[i] = best
	}
	if f.sys < 0 && !f.billable && f.day == math.MinInt32 {
		f.dflt = ix.dfltValid
	}
	return f
}

func (f *filter) ok(r uint32) bool {
	if f.dflt != nil {
		return f.dflt[r>>6]&(1<<(r&63)) != 0
	}
	rc := &f.ix.recs[r]
	if f.sys >= 0 && int(rc.sys) != f.sys {
		return false
	}
	if f.billable && !rc.billable {
		return false
	}
	d := f.day
	if rc.rel >= 0 {
		if !f.active[rc.rel] {
			return false
		}
		if d == math.MinInt32 {
			d = f.ix.releases[rc.rel].from
		}
	}
	return d == math.MinInt32 || (d >= rc.eff && d <= rc.term)
}

// Search returns the codes matching q, best first. A query that cannot be
// parsed (see ParseQuery) gives no hits.
func (ix *Index) Search(q string, opts Options) []Hit {
	pq, err := ParseQuery(q)
	if err != nil {
		return nil
	}
	return ix.SearchQuery(pq, opts)
}

// SearchQuery is Search for a parsed query.
func (ix *Index) SearchQuery(pq Query, opts Options) []Hit {
	if ix == nil || len(ix.recs) == 0 || len(pq.Groups) == 0 {
		return nil
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	gs := ix.compile(pq)
	f := ix.newFilter(opts)
	var favs favSet
	if len(opts.Favourites) > 0 {
		favs = make(favSet, len(opts.Favourites))
		for _, f := range opts.Favourites {
			if k := codeKey(f.Code); k != "" {
				favs[k] = append(favs[k], f.System)
			}
		}
	}
	s := ix.getScratch()
	defer scratchPool.Put(s)

	order := make([]int, len(gs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(gs[a].cost, gs[b].cost) })

	keep := max(22, limit+keepExtra)
	top := s.top[:0]
	seen := seenSet(s.seenB)
	top = ix.collect(s, gs, order, f, 0, keep, top, seen)
	if len(top) < min(limit, relaxBelow) && len(gs) >= 2 {
		top = ix.collect(s, gs, order, f, 1, keep, top, seen)
	}
	// Codes matching every group but the optional qualifiers: ranked
	// precisely whatever their coarse score (their scale differs).
	var extra []scored
	if core, corder := coreGroups(gs); core != nil {
		extra = ix.collect(s, core, corder, f, 0, keep, s.extra[:0], seen)
		s.extra = extra
	}
	// Favourites that match, wherever they ranked.
	for k := range favs {
		lo, hi := ix.keyRange(k)
		for _, r := range ix.byKey[lo:hi] {
			if ix.key(r) != k || seen.has(r) || !f.ok(r) || !ix.isFav(favs, r) {
				continue
			}
			sc, n := ix.probeAll(gs, r)
			if n >= len(gs)-1 && (n == len(gs) || len(gs) >= 2) {
				seen.add(r)
				top = append(top, scored{r, sc})
			}
		}
	}
	s.top = top
	// Mark the vocabulary words any query word matches, so ranking skips
	// terms that hold none.
	if n := len(ix.vocab)/64 + 1; len(s.qbits) != n {
		s.qbits = make([]uint64, n)
	} else {
		clear(s.qbits)
	}
	mark := func(lo, hi uint32) {
		for w := lo; w < hi; {
			if w&63 == 0 && hi-w >= 64 {
				s.qbits[w>>6] = ^uint64(0)
				w += 64
				continue
			}
			s.qbits[w>>6] |= 1 << (w & 63)
			w++
		}
	}
	// qsig: the signature bits (sigOf) of every word the query matches.
	var qsig uint64
	for gi := range gs {
		for ai := range gs[gi].alts {
			for _, m := range gs[gi].alts[ai].ms {
				mark(m.slo, m.shi)
				mark(m.tlo, m.thi)
				for _, t := range m.typos {
					mark(t, t+1)
					qsig |= sigOf(ix.vocab[t])
				}
				switch {
				case m.shi > m.slo && m.qlen >= 3:
					// the range shares the stem, at least three letters
					qsig |= sigOf(ix.vocab[m.slo])
				case m.shi > m.slo:
					qsig = ^uint64(0)
				}
				if m.thi > m.tlo {
					qsig |= sigOf(ix.vocab[m.tlo])
				}
			}
		}
	}
	later := !mentionsEncounter(pq)
	qctx := queryContext(pq)
	// Rank precisely only candidates whose coarse score comes within
	// rankSlack (per group) of the limit-th best.
	slices.SortFunc(top, func(a, b scored) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	floor := float32(math.Inf(-1))
	if len(top) > limit {
		floor = top[limit-1].score - rankSlack*float32(len(gs))
	}
	qneg := queryNegates(pq)
	rh := s.ranked[:0]
	for ti, t := range append(top, extra...) {
		if ti < len(top) && t.score < floor && !ix.isFav(favs, t.r) {
			continue
		}
		h, gmask, ok := ix.rank(gs, t.r, favs, s.qbits, qsig, later, qctx, qneg)
		if ok {
			rh = append(rh, rankedHit{h, t.r, gmask})
		}
	}
	// Sort positions, not the hits (they are large).
	ord := s.ord[:0]
	for i := range rh {
		ord = append(ord, int32(i))
	}
	slices.SortStableFunc(ord, func(i, j int32) int {
		a, b := &rh[i], &rh[j]
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.Code, b.Code)
	})
	ix.billableFirst(rh, ord)
	s.ranked, s.ord = rh, ord
	// Only the first limit hits are returned; interleave reorders runs of
	// equal scores, so keep the run the limit cuts.
	n := len(ord)
	if n > limit {
		n = limit
		for n < len(ord) && rh[ord[n]].Score == rh[ord[limit-1]].Score {
			n++
		}
	}
	hits := make([]Hit, n)
	for i := range hits {
		hits[i] = rh[ord[i]].Hit
	}
	interleave(hits)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// favSet maps a code key to the systems it is starred in ("" for all).
type favSet map[string][]claimdesk.CodeSystem

// isFav reports whether record r is a favourite.
func (ix *Index) isFav(favs favSet, r uint32) bool {
	systems, ok := favs[ix.key(r)]
	if !ok {
		return false
	}
	sys := ix.systems[ix.recs[r].sys]
	for _, s := range systems {
		if s == "" || s == "all" || s == sys {
			return true
		}
	}
	return false
}

// debugf traces search decisions in tests; nil otherwise.
var debugf func(string, ...any)

// collect adds to top the best keep records matching all groups but
// missing (0 or 1), by coarse score, skipping records in seen.
func (ix *Index) collect(s *scratch, gs []cgroup, order []int, f filter, missing int, keep int, top []scored, seen seenSet) []scored {
	need := len(gs) - missing
	seedCost := gs[order[0]].cost
	seeds := order[:1]
	if missing > 0 && gs[order[1]].cost <= relaxCost {
		// Codes missing the rarest group come from the next rarest;
		// when that is common, dropping the rarest word is not worth it.
		seeds = order[:2]
		seedCost += gs[order[1]].cost
	}
	if len(gs) == 1 && missing == 0 && seedCost > walkCost {
		// One common word or prefix ("a", "pain"): matches are dense, so
		// walk codes best first (billable, used, short) until enough
		// match.
		found := s.found[:0]
		defer func() { s.found = found }()
		for _, r := range ix.static {
			if seen.has(r) || !f.ok(r) {
				continue
			}
			if sc := ix.probeGroup(&gs[0], r); sc > 0 {
				found = append(found, scored{r, sc})
				if len(found) >= keep {
					break
				}
			}
		}
		return ix.keepBest(found, keep, top, seen)
	}

	if len(gs) == 1 && missing == 0 && gs[0].code == "" && gs[0].single {
		return ix.collectOne(s, &gs[0], f, keep, top, seen)
	}

	// Seed: every valid record the rarest group (or two) can match.
	cb := s.cb
	clear(cb)
	mark := func(rs []uint32) {
		for _, r := range rs {
			cb[r>>6] |= 1 << (r & 63)
		}
	}
	for _, gi := range seeds {
		g := &gs[gi]
		if g.code != "" {
			lo, hi := ix.keyRange(g.code)
			mark(ix.byKey[lo:hi])
		}
		for ai := range g.alts {
			a := &g.alts[ai]
			// the cheapest word of the alternative bounds its matches
			bi, bc := 0, math.MaxInt
			for mi := range a.ms {
				if c := ix.matcherCost(&a.ms[mi]); c < bc {
					bi, bc = mi, c
				}
			}
			m := &a.ms[bi]
			mark(ix.postRec[ix.postOff[m.slo]:ix.postOff[m.shi]])
			for _, t := range m.typos {
				mark(ix.postRec[ix.postOff[t]:ix.postOff[t+1]])
			}
			mark(ix.postRec[ix.postOff[m.tlo]:ix.postOff[m.thi]])
		}
	}
	// Filter the seeds and build the candidate list and rank directory
	// in one pass.
	s.cands = s.cands[:0]
	nc := uint32(0)
	for w := range cb {
		s.dir[w] = nc
		if cb[w] == 0 {
			continue
		}
		cb[w] &^= seen[w]
		if f.dflt != nil {
			cb[w] &= f.dflt[w]
		} else {
			for x := cb[w]; x != 0; x &= x - 1 {
				if r := uint32(w)<<6 | uint32(bits.TrailingZeros64(x)); !f.ok(r) {
					cb[w] &^= 1 << (r & 63)
				}
			}
		}
		for x := cb[w]; x != 0; x &= x - 1 {
			s.cands = append(s.cands, uint32(w)<<6|uint32(bits.TrailingZeros64(x)))
			nc++
		}
	}
	s.dir[len(cb)] = nc
	n := len(s.cands)
	s.total = slices.Grow(s.total[:0], n)[:n]
	s.count = slices.Grow(s.count[:0], n)[:n]
	s.gbest = slices.Grow(s.gbest[:0], n)[:n]
	clear(s.total)
	clear(s.count)
	if debugf != nil {
		costs := make([]int, len(gs))
		for i := range gs {
			costs[i] = gs[i].cost
		}
		debugf("missing=%d seeds=%v costs=%v cands=%d", missing, seeds, costs, n)
	}

	// Score every group on the candidates, cheapest first, pruning.
	for step, gi := range order {
		g := &gs[gi]
		gbest := s.gbest[:len(s.cands)]
		clear(gbest)
		if g.single && g.code == "" && g.cost < len(s.cands)*probeRatio {
			for ai := range g.alts {
				a := &g.alts[ai]
				m := &a.ms[0]
				scan := func(w uint32, q float32) {
					for p := ix.postOff[w]; p < ix.postOff[w+1]; p++ {
						r := ix.postRec[p]
						if cb[r>>6]&(1<<(r&63)) == 0 {
							continue
						}
						i := s.candIndex(r)
						if v := q*a.weight*fwTab[ix.postFlag[p]] + sbTab[ix.postMin[p]]; v > gbest[i] {
							gbest[i] = v
						}
					}
				}
				for w := m.slo; w < m.shi; w++ {
					q, _ := ix.quality(m, w)
					scan(w, q)
				}
				for _, t := range m.typos {
					scan(t, qTypo)
				}
				for w := m.tlo; w < m.thi; w++ {
					if q, _ := ix.quality(m, w); q > 0 {
						scan(w, q)
					}
				}
			}
		} else {
			for i, r := range s.cands {
				gbest[i] = ix.probeGroup(g, r)
			}
		}
		// Tally and prune, compacting the candidate arrays.
		remaining := len(order) - step - 1
		k := 0
		for i, r := range s.cands {
			t, c := s.total[i], s.count[i]
			if gbest[i] > 0 {
				t += gbest[i]
				c++
			}
			if int(c)+remaining >= need {
				s.cands[k], s.total[k], s.count[k] = r, t, c
				k++
			} else {
				cb[r>>6] &^= 1 << (r & 63)
			}
		}
		if k < len(s.cands) {
			s.cands, s.total, s.count = s.cands[:k], s.total[:k], s.count[:k]
			if remaining > 0 {
				s.setDir()
			}
		}
	}
	found := s.found[:0]
	defer func() { s.found = found }()
	anyCode := false
	for gi := range gs {
		anyCode = anyCode || gs[gi].code != ""
	}
	for i, r := range s.cands {
		sc := s.total[i] - float32(len(gs)-int(s.count[i]))*missingPenalty + ix.coarse[r]
		if anyCode {
			for gi := range gs {
				if exact, _ := ix.codeMatch(&gs[gi], r); exact {
					sc += 100
				}
			}
		}
		found = append(found, scored{r, sc})
	}
	return ix.keepBest(found, keep, top, seen)
}

// collectOne is collect for a query of one word group whose
// alternatives are single words: one pass over the postings keeps each
// record's best score in a dense array (reset afterwards), with no
// candidate bit set to build.
func (ix *Index) collectOne(s *scratch, g *cgroup, f filter, keep int, top []scored, seen seenSet) []scored {
	if len(s.best) != len(ix.recs) {
		s.best = make([]float32, len(ix.recs))
	}
	best := s.best
	touched := s.touched[:0]
	for ai := range g.alts {
		a := &g.alts[ai]
		m := &a.ms[0]
		scan := func(w uint32, q float32) {
			for p := ix.postOff[w]; p < ix.postOff[w+1]; p++ {
				r := ix.postRec[p]
				b := best[r]
				if b < 0 {
					continue
				}
				if b == 0 {
					touched = append(touched, r)
					if seen.has(r) || !f.ok(r) {
						best[r] = -1
						continue
					}
				}
				if v := q*a.weight*fwTab[ix.postFlag[p]] + sbTab[ix.postMin[p]]; v > b {
					best[r] = v
				}
			}
		}
		for w := m.slo; w < m.shi; w++ {
			q, _ := ix.quality(m, w)
			scan(w, q)
		}
		for _, t := range m.typos {
			scan(t, qTypo)
		}
		for w := m.tlo; w < m.thi; w++ {
			if q, _ := ix.quality(m, w); q > 0 {
				scan(w, q)
			}
		}
	}
	found := s.found[:0]
	for _, r := range touched {
		if b := best[r]; b > 0 {
			found = append(found, scored{r, b + ix.coarse[r]})
		}
		best[r] = 0
	}
	s.touched = touched
	s.found = found
	return ix.keepBest(found, keep, top, seen)
}

func (ix *Index) keepBest(found []scored, keep int, top []scored, seen seenSet) []scored {
	if len(found) > keep {
		selectTop(found, keep)
		found = found[:keep]
	}
	for _, x := range found {
		seen.add(x.r)
		top = append(top, x)
	}
	return top
}

// better orders scored records: higher score, then lower record id.
func better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.r < b.r
}

// selectTop moves the k best of xs to its front (in no order), in linear
// expected time (quickselect).
func selectTop(xs []scored, k int) {
	lo, hi := 0, len(xs)-1
	seed := uint32(len(xs))
	for lo < hi {
		seed = seed*1664525 + 1013904223
		p := xs[lo+int(seed%uint32(hi-lo+1))]
		i, j := lo, hi
		for i <= j {
			for better(xs[i], p) {
				i++
			}
			for better(p, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// codeMatch reports whether record r is the code of group g, or starts
// with it.
func (ix *Index) codeMatch(g *cgroup, r uint32) (exact, prefix bool) {
	if g.code == "" || (g.codeSys != "" && ix.systems[ix.recs[r].sys] != g.codeSys) {
		return false, false
	}
	k := ix.key(r)
	if !strings.HasPrefix(k, g.code) {
		return false, false
	}
	return len(k) == len(g.code), len(k) > len(g.code)
}

// probeAll scores every group on record r from its forward list; it
// returns the summed score and the number of groups matched.
func (ix *Index) probeAll(gs []cgroup, r uint32) (float32, int) {
	var sum float32
	n := 0
	for gi := range gs {
		if v := ix.probeGroup(&gs[gi], r); v > 0 {
			sum += v
			n++
		}
	}
	return sum, n
}

// probeGroup returns the best score of group g on record r, 0 when it does
// not match.
func (ix *Index) probeGroup(g *cgroup, r uint32) float32 {
	var best float32
	if exact, pfx := ix.codeMatch(g, r); exact || pfx {
		best = 1
	}
	for ai := range g.alts {
		a := &g.alts[ai]
		var sum float32
		for mi := range a.ms {
			v := ix.probeWord(&a.ms[mi], r)
			if v == 0 {
				sum = 0
				break
			}
			sum += v
		}
		if v := sum / float32(len(a.ms)) * a.weight; v > best {
			best = v
		}
	}
	return best
}

// probeWord returns the best quality × field weight of matcher m in record
// r's forward list.
func (ix *Index) probeWord(m *matcher, r uint32) float32 {
	fw := ix.fwd[ix.fwdOff[r]:ix.fwdOff[r+1]]
	search := func(w uint32) (int, bool) {
		// entries are word<<16 | bits: the first entry ≥ w<<16 is w's, if
		// any
		i := lowerBound(fw, uint64(w)<<16)
		return i, i < len(fw) && uint32(fw[i]>>16) == w
	}
	score := func(e uint64, q float32) float32 { return q*fwTab[uint8(e>>8)] + sbTab[uint8(e)] }
	i, _ := search(m.slo)
	var best float32
	for ; i < len(fw) && uint32(fw[i]>>16) < m.shi; i++ {
		q, _ := ix.quality(m, uint32(fw[i]>>16))
		best = max(best, score(fw[i], q))
	}
	for _, t := range m.typos {
		if j, ok := search(t); ok {
			best = max(best, score(fw[j], qTypo))
		}
	}
	if m.thi > m.tlo {
		j, _ := search(m.tlo)
		for ; j < len(fw) && uint32(fw[j]>>16) < m.thi; j++ {
			q, _ := ix.quality(m, uint32(fw[j]>>16))
			best = max(best, score(fw[j], q))
		}
	}
	return best
}

// coreGroups returns the groups that are not optional qualifiers, with
// their order by cost, when a query has both kinds; nil otherwise.
func coreGroups(gs []cgroup) ([]cgroup, []int) {
	var core []cgroup
	for _, g := range gs {
		if !g.optional {
			core = append(core, g)
		}
	}
	if len(core) == 0 || len(core) == len(gs) {
		return nil, nil
	}
	order := make([]int, len(core))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(core[a].cost, core[b].cost) })
	return core, order
}
