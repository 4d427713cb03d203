package codesearch

import (
	"slices"

	"claimdesk/internal/claimdesk"
)

// Precise ranking weights (see the package doc).
const (
	rMatch       = 10   // × mean best match of the groups (0..1)
	rCover       = 4    // × share of the groups one unit holds
	rComplete    = 2    // × share of that unit's words the query covers
	rBillable    = 1    // billable over header
	rWordCost    = 0.04 // per title word (up to 25)
	rUsage       = 1.5  // × normalised usage
	rExactCode   = 1000
	rCodePfx     = 500
	rFavorite    = 2000
	rDefault     = 0.6  // the default ("unspecified") code of a concept
	rDefaultWeak = 0.45 // a title with an unspecified part
	// rLaterEncounter is taken from 7th characters other than A when the
	// query does not ask for them.
	rLaterEncounter = 0.5
	// rContext is taken from a title with a context word (family,
	// newborn, pregnancy, …) the query does not mention.
	rContext = 0.3
	// rOptMissing is taken per optional qualifier (acute, chronic, …) a
	// code does not match.
	rOptMissing = 0.7
	// rQualityMeasure is taken from HCPCS quality-measure reporting codes
	// (G8xxx, G9xxx, M1xxx: "Patient has …", "Documentation of …") when
	// the query names no code: words that describe a diagnosis should
	// find the diagnosis first. More than a missing group, so a
	// diagnosis code missing one query word still ranks above a
	// quality-measure statement that happens to hold them all.
	rQualityMeasure = 6.5
)

const (
	howTypo uint8 = 1 << iota
	howAbbrev
)

// rank scores record r precisely, unit by unit, and builds its hit. ok is
// false for a header reached only as a code completion. gmask holds a
// bit per group the code matches by words, or is 0 for a code matched by
// its code or starred (see billableFirst). Unless qneg (the query says
// "without", "w/o" or "no"), the words of a title's "without …" clause
// match nothing and do not count against its completeness.
func (ix *Index) rank(gs []cgroup, r uint32, favs favSet, qbits []uint64, qsig uint64, initialFirst bool, qctx uint32, qneg bool) (h Hit, gmask uint32, ok bool) {
	rc := &ix.recs[r]
	key := ix.key(r)
	n := len(gs)
	var gbest [MaxQueryWords]float32
	var ghow [MaxQueryWords]uint8
	codeExact, codePrefix := false, false
	for gi := range gs {
		exact, pfx := ix.codeMatch(&gs[gi], r)
		if exact || pfx {
			gbest[gi] = 1
		}
		codeExact = codeExact || exact
		codePrefix = codePrefix || pfx
	}
	bestCov, bestKW, bestCF := 0, float32(0), float32(0)
	bestUnit := uint32(0)
	haveUnit := false
	checkedInh := false
	nosDefault := false
	var negs []uint32
	if rc.neg && !qneg {
		negs = ix.negWord[ix.negOff[r]:ix.negOff[r+1]]
	}
	lo := ix.ruOff[r]
	sigs := ix.ruSig[lo:ix.ruOff[r+1]]
	for ri, ref := range ix.ruUnit[lo:ix.ruOff[r+1]] {
		u := ref &^ inherited // offset in unitData
		inh := ref&inherited != 0
		if inh && !checkedInh {
			// Own units come first. An inherited term (weight ≤ 0.8,
			// completeness factor 0.4) can change nothing once an own
			// unit holds every group with completeness ≥ 0.4 and every
			// group's best is ≥ 0.8: skip the ancestors' terms.
			checkedInh = true
			if haveUnit && bestCov == n && bestCF >= 0.4 && allAtLeast(gbest[:n], 0.8) {
				break
			}
		}
		if sigs[ri]&qsig == 0 {
			continue
		}
		hdr := ix.unitData[u]
		kind, unitContent := uint8(hdr), uint8(hdr>>8)
		kw := unitWeight(kind, inh)
		words := ix.unitData[u+3 : u+3+hdr>>16]
		if len(negs) > 0 && (kind == uTitle || kind == uShort) && len(words) <= 64 {
			// The title denies these words ("… without lower urinary
			// tract symptoms"): they neither match nor count as
			// uncovered.
			var kept [64]uint32
			n := 0
			for _, w := range words {
				if slices.Contains(negs, w) {
					if !ix.soft[w] && unitContent > 0 {
						unitContent--
					}
					continue
				}
				kept[n] = w
				n++
			}
			words = kept[:n]
		}
		any := false
		for _, w := range words {
			if qbits[w>>6]&(1<<(w&63)) != 0 {
				any = true
				break
			}
		}
		if !any {
			continue
		}
		// Index terms list a word's variants ("Hypertension,
		// hypertensive"): there every word a query word matches counts as
		// covered; elsewhere only its best match does.
		allMatches := kind == uIndex
		cov := 0
		var mask uint64
		for gi := range gs {
			g := &gs[gi]
			var gv float32
			var how uint8
			for ai := range g.alts {
				a := &g.alts[ai]
				var sum float32
				var amask uint64
				isTypo := false
				for mi := range a.ms {
					q, wmask, typo := ix.unitWord(&a.ms[mi], words, allMatches)
					if q == 0 {
						sum = 0
						break
					}
					sum += q
					amask |= wmask
					isTypo = isTypo || typo
				}
				if sum == 0 {
					continue
				}
				mask |= amask
				if v := sum / float32(len(a.ms)) * a.weight; v > gv {
					gv, how = v, 0
					if isTypo {
						how |= howTypo
					}
					if a.abbrev {
						how |= howAbbrev
					}
				}
			}
			if gv > 0 {
				cov++
				if v := gv * kw; v > gbest[gi] {
					gbest[gi], ghow[gi] = v, how
				}
			}
		}
		if cov == 0 {
			continue
		}
		content := 0
		for i, w := range words {
			if i < 64 && mask&(1<<i) != 0 && !ix.soft[w] {
				content++
			}
		}
		compl := float32(0)
		if c := unitContent; c > 0 {
			compl = min(1, float32(content)/float32(c))
		}
		// A term the query covers that says "NOS" ("Myocardial
		// infarction (acute) NOS" under I21.9) names the code the
		// concept takes when nothing more is said.
		if rc.billable && compl >= 1 && !inh && kind != uTitle && ix.nosID >= 0 && slices.Contains(words, uint32(ix.nosID)) {
			nosDefault = true
		}
		// Completeness counts less for inherited and inclusion terms.
		cf := compl * complFactor(kind, inh)
		if !haveUnit || cov > bestCov || (cov == bestCov && (cf > bestCF || (cf == bestCF && kw > bestKW))) {
			haveUnit, bestCov, bestKW, bestUnit, bestCF = true, cov, kw, u, cf
		}
	}
	if codePrefix && !codeExact && !rc.billable && bestCov == 0 && !ix.isFav(favs, r) {
		return Hit{}, 0, false
	}
	var sum float32
	missing, optMissing := 0, 0
	var how uint8
	for gi := range n {
		if gbest[gi] == 0 {
			if gs[gi].optional {
				optMissing++
			} else {
				missing++
			}
		}
		sum += gbest[gi]
		how |= ghow[gi]
	}
	// A missing optional qualifier counts neither for nor against the
	// match, beyond a small cost.
	n -= optMissing
	score := -float32(missing)*missingPenalty - float32(optMissing)*rOptMissing
	if n > 0 {
		score += rMatch * sum / float32(n)
		cov := float32(bestCov) / float32(n)
		score += rCover*cov + rComplete*bestCF*cov
	}
	onlyCode := codePrefix && !codeExact && bestCov == 0
	if rc.billable {
		score += rBillable
	}
	switch {
	case rc.deflt == defaultStrong || nosDefault:
		score += rDefault
	case rc.deflt == defaultWeak:
		score += rDefaultWeak
	}
	score += rUsage * rc.usage
	switch {
	case codeExact:
		score += rExactCode
	case onlyCode:
		// A completion: shorter codes first, then the common 7th
		// characters (A initial, D subsequent, S sequela), then code order.
		score = rCodePfx - 0.5*float32(len(key)) + rUsage*rc.usage
		if len(key) == 7 && rc.ext {
			switch key[6] {
			case 'A':
				score += 0.3
			case 'D':
				score += 0.2
			case 'S':
				score += 0.1
			}
		}
	default:
		score -= rWordCost * float32(min(rc.nwords, 25))
		if codePrefix {
			score += rCodePfx
		}
		// Unless the query asks for another encounter, the initial
		// encounter (7th character A) comes before its siblings, so that
		// other codes show between them.
		if initialFirst && rc.ext && key[len(key)-1] != 'A' {
			score -= rLaterEncounter
		}
		if rc.ctx&^qctx != 0 {
			score -= rContext
		}
		if rc.quality && !codePrefix {
			score -= rQualityMeasure
		}
	}
	fav := ix.isFav(favs, r)
	if fav {
		score += rFavorite
	}
	if !codeExact && !codePrefix && !fav {
		for gi := range len(gs) {
			if gbest[gi] > 0 {
				gmask |= 1 << gi
			}
		}
	}
	sys := ix.systems[rc.sys]
	h = Hit{System: sys, Code: ix.code(r), Title: ix.title(r), Billable: rc.billable, Score: float64(score)}
	switch {
	case codeExact || onlyCode:
		h.Matched = MatchedCode
	case how&howTypo != 0:
		h.Matched = MatchedTypo
	case how&howAbbrev != 0:
		h.Matched = MatchedAbbreviation
	default:
		h.Matched = MatchedTitle
		switch uint8(ix.unitData[bestUnit]) {
		case uIndex:
			h.Matched = MatchedIndexTerm
		case uIncl:
			h.Matched = MatchedInclusion
		}
	}
	if k := uint8(ix.unitData[bestUnit]); haveUnit && k != uTitle && k != uShort {
		h.Term = ix.unitText(bestUnit)
	}
	return h, gmask, true
}

func complFactor(kind uint8, inh bool) float32 {
	switch {
	case inh:
		return 0.4
	case kind == uIncl:
		return 0.9
	}
	return 1
}

func unitWeight(kind uint8, inh bool) float32 {
	switch kind {
	case uTitle, uShort:
		return 1
	case uIndex:
		if inh {
			return 0.8
		}
		return 0.95
	default:
		if inh {
			return 0.75
		}
		return 0.9
	}
}

// unitWord returns the best quality of matcher m among a unit's sorted
// words, the positions of every word it matches (up to 64), and whether
// the best is a typo.
func (ix *Index) unitWord(m *matcher, words []uint32, all bool) (float32, uint64, bool) {
	var best float32
	var mask, bestBit uint64
	typo := false
	for i, w := range words {
		if w >= m.shi && len(m.typos) == 0 && w >= m.thi {
			break
		}
		q, t := ix.quality(m, w)
		if q == 0 {
			continue
		}
		var bit uint64
		if i < 64 {
			bit = 1 << i
		}
		mask |= bit
		if q > best {
			best, typo, bestBit = q, t, bit
		}
	}
	if !all {
		mask = bestBit
	}
	return best, mask, typo
}

// interleave reorders each run of equally scored hits so that code
// systems alternate (G043 shows ICD-10-CM G04.3x and HCPCS G043x side by
// side), keeping each system's own order.
func interleave(hits []Hit) {
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j].Score == hits[i].Score {
			j++
		}
		mixed := false
		for k := i + 1; k < j; k++ {
			mixed = mixed || hits[k].System != hits[i].System
		}
		if j-i > 2 && mixed {
			run := hits[i:j]
			var systems []claimdesk.CodeSystem
			by := map[claimdesk.CodeSystem][]Hit{}
			for _, h := range run {
				if _, ok := by[h.System]; !ok {
					systems = append(systems, h.System)
				}
				by[h.System] = append(by[h.System], h)
			}
			if len(systems) > 1 {
				out := run[:0:0]
				for k := 0; len(out) < len(run); k++ {
					for _, sys := range systems {
						if k < len(by[sys]) {
							out = append(out, by[sys][k])
						}
					}
				}
				copy(run, out)
			}
		}
		i = j
	}
}

// allAtLeast reports whether every value is at least min.
func allAtLeast(vs []float32, min float32) bool {
	for _, v := range vs {
		if v < min {
			return false
		}
	}
	return true
}
