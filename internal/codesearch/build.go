package codesearch

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Field bits of a word in a code's forward list.
const (
	fTitle    uint8 = 1 << iota // title or short title
	fIndex                      // the code's own index term
	fIncl                       // the code's own inclusion term
	fInhIndex                   // an ancestor's index term
	fInhIncl                    // an ancestor's inclusion term
)

// Unit kinds.
const (
	uTitle uint8 = iota
	uShort
	uIndex
	uIncl
)

// inherited marks a unit reference that comes from an ancestor.
const inherited = 1 << 31

// rec is one entry of the index.
//
// Strings live in Index.blob (keyOff, titleOff) so the index holds few
// pointers and the garbage collector has little to scan.
type rec struct {
	keyOff   uint32 // E1165
	codeOff  uint32 // E11.65 (keyLen+1 bytes when dotted)
	titleOff uint32
	titleLen uint16
	keyLen   uint8
	sys      uint8 // index in Index.systems
	billable bool
	rel      int16 // release index, -1 for none
	eff      int32 // first valid day (days since 1970), or MinInt32
	term     int32 // last valid day, or MaxInt32
	usage    float32
	nwords   uint16 // content words of the title
	parent   int32
	// deflt is the default strength of the title (defaultStrength).
	deflt uint8
	// ctx marks the context words of the title (contextMask).
	ctx uint32
	// ext marks a code whose title extends its parent's (a 7th character
	// such as "…, initial encounter").
	ext bool
	// quality marks a HCPCS quality-measure reporting code (isQuality).
	quality bool
	// neg marks a title with a "without …" clause (Index.negWord).
	neg bool
}

type release struct {
	sys      claimdesk.CodeSystem
	name     string
	from, to int32
}

// Index is a built, read-only code search index, safe for concurrent use.
type Index struct {
	recs     []rec
	releases []release
	// byKey lists record ids sorted by key, for code look-ups.
	byKey []uint32

	vocab []string // sorted
	vkey  []uint32 // pack4 of each word, for prefix searches
	// postings: postOff[w]..postOff[w+1] in postRec, record ids ascending.
	postOff  []uint32
	postRec  []uint32
	postFlag []uint8
	// soft marks words that do not count against completeness.
	soft []bool
	// forward lists: fwdOff[r]..fwdOff[r+1] in fwd, word ids ascending,
	// each word<<16 | field bits<<8 | min (see fwdMin); fwdWord, fwdFlag
	// and fwdMin hold the same while building.
	fwd     []uint64
	fwdOff  []uint32
	fwdWord []uint32
	fwdFlag []uint8
	// fwdMin/postMin: content words of the shortest unit holding the word.
	fwdMin  []uint8
	postMin []uint8
	// units: texts (titles and synonyms) as sorted word id sets.
	unitOff     []uint32
	unitWords   []uint32
	unitKind    []uint8
	unitContent []uint8  // content (non-soft) words
	unitTextOff []uint32 // unitTextOff[u]..[u+1] in blob
	// blob holds every code, title and unit text.
	blob    string
	systems []claimdesk.CodeSystem
	// unitData packs every unit for ranking, one after another: a header
	// (kind | content<<8 | words<<16), the text's offset and length in
	// blob, then the sorted word ids. The unit* slices above are build
	// scratch.
	unitData []uint32
	nUnits   int
	// record units: ruOff[r]..ruOff[r+1] in ruUnit, each a unitData
	// offset (| inherited).
	ruOff  []uint32
	ruUnit []uint32
	// ruSig[i] is the word signature (sigOf) of the unit ruUnit[i]
	// refers to: rank skips a unit holding no query word without reading
	// it.
	ruSig []uint64
	// coarse[r] is the static part of record r's coarse score (usage,
	// title length, default, billable).
	coarse []float32
	// negOff[r]..negOff[r+1] in negWord: the word ids of record r's
	// title and short title that stand only in a "without …" clause
	// (negatedWords).
	negOff  []uint32
	negWord []uint32
	// nosID is the word id of "nos", or -1.
	nosID int32
	// typo index: hashes of one-letter deletions of vocabulary words.
	delHash []uint64
	delWord []uint32
	seed    maphash.Seed
	// static lists record ids best first (billable, used, short title).
	static []uint32
	// dfltValid marks the records valid under the default options.
	dfltValid []uint64
	// children: childOff[r]..childOff[r+1] in childRec, in record order.
	childOff []uint32
	childRec []uint32
}

// Stats describes an index's size.
type Stats struct {
	Codes, Words, Postings, Units, UnitRefs, UnitWords, ForwardWords, Deletions int
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	return Stats{len(ix.recs), len(ix.vocab), len(ix.postRec), ix.nUnits, len(ix.ruUnit), len(ix.unitData) - 3*ix.nUnits, len(ix.fwd), len(ix.delHash)}
}

func dayNum(d claimdesk.Date) int32 {
	return int32(d.Unix() / 86400)
}

// Build builds an index from src. It fails on an entry without a code or
// naming an unknown release, and when ctx is cancelled.
func Build(ctx context.Context, src Source) (*Index, error) {
	ix := &Index{seed: maphash.MakeSeed()}
	// Releases are named per system ("Starter list" may be an ICD-10-CM
	// and a HCPCS release); a release listed twice counts once.
	relIdx := map[string]int16{}
	relKey := func(sys claimdesk.CodeSystem, name string) string { return string(sys) + "\x00" + name }
	for _, r := range src.Releases {
		if _, dup := relIdx[relKey(r.System, r.Name)]; dup {
			continue
		}
		if len(ix.releases) == math.MaxInt16 {
			return nil, fmt.Errorf("codesearch: too many releases")
		}
		rr := release{sys: r.System, name: r.Name, from: dayNum(r.ValidFrom), to: math.MaxInt32}
		if !r.ValidTo.IsZero() {
			rr.to = dayNum(r.ValidTo)
		}
		relIdx[relKey(r.System, r.Name)] = int16(len(ix.releases))
		ix.releases = append(ix.releases, rr)
	}

	// Records.
	ix.recs = make([]rec, 0, len(src.Entries))
	keys := make([]string, len(src.Entries))
	sysIdx := map[claimdesk.CodeSystem]uint8{}
	maxUsage := 0
	for i, e := range src.Entries {
		key := codeKey(e.Code)
		if key == "" || len(key) > 255 {
			return nil, fmt.Errorf("codesearch: entry %d: bad code %q", i, e.Code)
		}
		keys[i] = key
		si, ok := sysIdx[e.System]
		if !ok {
			if len(ix.systems) == 255 {
				return nil, fmt.Errorf("codesearch: entry %d: too many code systems", i)
			}
			si = uint8(len(ix.systems))
			sysIdx[e.System] = si
			ix.systems = append(ix.systems, e.System)
		}
		r := rec{sys: si, billable: e.Billable, rel: -1,
			eff: math.MinInt32, term: math.MaxInt32, parent: -1}
		if e.Release != "" {
			ri, ok := relIdx[relKey(e.System, e.Release)]
			if !ok {
				return nil, fmt.Errorf("codesearch: entry %d (%s): unknown release %q", i, e.Code, e.Release)
			}
			r.rel = ri
		}
		if !e.Effective.IsZero() {
			r.eff = dayNum(e.Effective)
		}
		if !e.Terminated.IsZero() {
			r.term = dayNum(e.Terminated)
		}
		r.usage = float32(e.Usage)
		maxUsage = max(maxUsage, e.Usage)
		ix.recs = append(ix.recs, r)
	}
	if maxUsage > 0 {
		l := math.Log1p(float64(maxUsage))
		for i := range ix.recs {
			ix.recs[i].usage = float32(math.Log1p(float64(ix.recs[i].usage)) / l)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("codesearch: build: %w", err)
	}

	// Code order and parents.
	ix.byKey = make([]uint32, len(ix.recs))
	for i := range ix.byKey {
		ix.byKey[i] = uint32(i)
	}
	sort.Slice(ix.byKey, func(a, b int) bool {
		ia, ib := ix.byKey[a], ix.byKey[b]
		ra, rb := &ix.recs[ia], &ix.recs[ib]
		if keys[ia] != keys[ib] {
			return keys[ia] < keys[ib]
		}
		if ra.sys != rb.sys {
			return ix.systems[ra.sys] < ix.systems[rb.sys]
		}
		return ra.rel < rb.rel
	})
	type skey struct {
		sys claimdesk.CodeSystem
		key string
	}
	// bySysKey: the first record of each system and key; sameKey chains
	// the others (a code in several releases).
	bySysKey := make(map[skey]int32, len(ix.recs))
	sameKey := make([]int32, len(ix.recs))
	for i := len(ix.recs) - 1; i >= 0; i-- {
		k := skey{src.Entries[i].System, keys[i]}
		sameKey[i] = -1
		if j, ok := bySysKey[k]; ok {
			sameKey[i] = j
		}
		bySysKey[k] = int32(i)
	}
	recsOf := func(k skey, out []int32) []int32 {
		j, ok := bySysKey[k]
		for ok && j >= 0 {
			out = append(out, j)
			j = sameKey[j]
		}
		return out
	}
	var recBuf []int32
	for i := range ix.recs {
		r := &ix.recs[i]
		if src.Entries[i].System != claimdesk.SystemICD10CM {
			continue
		}
	parents:
		for n := len(keys[i]) - 1; n >= 3; n-- {
			recBuf = recsOf(skey{claimdesk.SystemICD10CM, keys[i][:n]}, recBuf[:0])
			for _, p := range recBuf {
				if ix.recs[p].rel == r.rel {
					r.parent = p
					break parents
				}
			}
		}
	}

	// Children lists.
	ix.childOff = make([]uint32, len(ix.recs)+1)
	for i := range ix.recs {
		if p := ix.recs[i].parent; p >= 0 {
			ix.childOff[p+1]++
		}
	}
	for i := 1; i < len(ix.childOff); i++ {
		ix.childOff[i] += ix.childOff[i-1]
	}
	ix.childRec = make([]uint32, ix.childOff[len(ix.recs)])
	next := slices.Clone(ix.childOff[:len(ix.recs)])
	for i := range ix.recs {
		if p := ix.recs[i].parent; p >= 0 {
			ix.childRec[next[p]] = uint32(i)
			next[p]++
		}
	}

	// Units: titles, short titles, synonyms.
	b := newVocabBuilder()
	type unitTmp struct {
		rec  int32 // owner record (for titles) or -1
		kind uint8
		text string
	}
	var words []string
	ownUnits := make([][]uint32, len(ix.recs))
	slab := make([]uint32, 2*len(ix.recs)) // title and short title, no allocation each
	for i := range ownUnits {
		ownUnits[i] = slab[2*i : 2*i : 2*i+2]
	}
	nUnits := len(src.Entries)*2 + len(src.Synonyms)
	b.unitWords = make([]uint32, 0, nUnits*6)
	ix.unitOff = make([]uint32, 0, nUnits+1)
	ix.unitKind = make([]uint8, 0, nUnits)
	ix.unitContent = make([]uint8, 0, nUnits)
	texts := make([]string, 0, nUnits)
	var lower []byte
	var nonEss []string
	addUnit := func(kind uint8, text string) uint32 {
		// Words in parentheses are nonessential modifiers ("Myocardial
		// infarction (acute) NOS", "Essential (primary) hypertension"):
		// they match, but a query need not say them to cover the term.
		nonEss = nonEss[:0]
		if kind == uIndex || kind == uIncl {
			nonEss = nonessentialWords(text, nonEss)
		}
		words, lower = b.tokenize(text, words[:0], lower)
		id := uint32(len(ix.unitKind))
		content := 0
		start := len(b.unitWords)
		for _, w := range words {
			if stopWords[w] {
				continue
			}
			if len(nonEss) > 0 && slices.Contains(nonEss, w) {
				b.unitWords = appendUnique(b.unitWords, start, b.id(w))
				continue
			}
			wid := b.id(w)
			dup := false
			for _, x := range b.unitWords[start:] {
				if x == wid {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			b.unitWords = append(b.unitWords, wid)
			if !softWords[w] {
				content++
			}
		}
		ix.unitOff = append(ix.unitOff, uint32(start))
		ix.unitKind = append(ix.unitKind, kind)
		ix.unitContent = append(ix.unitContent, uint8(min(content, 255)))
		texts = append(texts, text)
		return id
	}
	ix.negOff = make([]uint32, len(ix.recs)+1)
	var negs []string
	var negSc negScratch
	for i, e := range src.Entries {
		u := addUnit(uTitle, e.Title)
		negs = negSc.negatedWords(e.Title, e.Short, negs[:0])
		for _, w := range negs {
			ix.negWord = append(ix.negWord, b.id(w))
		}
		ix.negOff[i+1] = uint32(len(ix.negWord))
		ix.recs[i].neg = len(negs) > 0
		ix.recs[i].nwords = uint16(ix.unitContent[u])
		ix.recs[i].deflt = defaultStrength(words)
		ix.recs[i].ctx = contextMask(words)
		ix.recs[i].quality = e.System == claimdesk.SystemHCPCS && isQuality(codeKey(e.Code))
		ownUnits[i] = append(ownUnits[i], u)
		if e.Short != "" && !strings.EqualFold(e.Short, e.Title) {
			ownUnits[i] = append(ownUnits[i], addUnit(uShort, e.Short))
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("codesearch: build: %w", err)
			}
		}
	}
	seenSyn := [2]map[string]uint32{make(map[string]uint32, len(src.Synonyms)), make(map[string]uint32, len(src.Synonyms)/4)}
	for i, s := range src.Synonyms {
		key := codeKey(s.Code)
		recBuf = recsOf(skey{s.System, key}, recBuf[:0])
		targets := recBuf
		if len(targets) == 0 || strings.TrimSpace(s.Text) == "" {
			continue
		}
		kind := uIndex
		if s.Kind == TermInclusion {
			kind = uIncl
		}
		seen := seenSyn[0]
		if kind == uIncl {
			seen = seenSyn[1]
		}
		u, ok := seen[s.Text]
		if !ok {
			u = addUnit(kind, s.Text)
			seen[s.Text] = u
		}
		for _, t := range targets {
			if !slices.Contains(ownUnits[t], u) {
				ownUnits[t] = append(ownUnits[t], u)
			}
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("codesearch: build: %w", err)
			}
		}
	}
	ix.unitOff = append(ix.unitOff, uint32(len(b.unitWords)))

	// A code whose title extends its parent's ("…, initial encounter")
	// counts its title's length and content as its parent's, so the
	// 7th characters A, D, S rank by code, not by title length.
	for i := range ix.recs {
		r := &ix.recs[i]
		if r.parent < 0 {
			continue
		}
		p := &ix.recs[r.parent]
		k, title, ptitle := keys[i], src.Entries[i].Title, src.Entries[r.parent].Title
		if len(k) == 7 && k[6] >= 'A' && k[6] <= 'Z' && len(title) > len(ptitle) &&
			strings.EqualFold(title[:len(ptitle)], ptitle) {
			r.ext = true
			r.nwords = p.nwords
			r.deflt = max(r.deflt, p.deflt)
			ix.unitContent[ownUnits[i][0]] = ix.unitContent[ownUnits[r.parent][0]]
		}
	}

	// Sort the vocabulary and renumber.
	remap := b.finish()
	for i, w := range ix.negWord {
		ix.negWord[i] = remap[w]
	}
	ix.vocab = b.sorted
	ix.vkey = make([]uint32, len(ix.vocab))
	for i, w := range ix.vocab {
		ix.vkey[i] = pack4(w, 0)
	}
	// The typo index needs only the vocabulary: build it on the other
	// core meanwhile.
	typosDone := make(chan struct{})
	go func() {
		defer close(typosDone)
		ix.buildTypos()
	}()
	ix.unitWords = b.unitWords
	for i, w := range ix.unitWords {
		ix.unitWords[i] = remap[w]
	}
	for u := 0; u+1 < len(ix.unitOff); u++ {
		slices.Sort(ix.unitWords[ix.unitOff[u]:ix.unitOff[u+1]])
	}

	// Record units (own, then inherited from ancestors) and forward lists.
	ix.ruOff = make([]uint32, len(ix.recs)+1)
	ix.fwdOff = make([]uint32, len(ix.recs)+1)
	ix.fwdWord = make([]uint32, 0, 20*len(ix.recs))
	ix.fwdFlag = make([]uint8, 0, 20*len(ix.recs))
	ix.fwdMin = make([]uint8, 0, 20*len(ix.recs))
	ix.ruUnit = make([]uint32, 0, 4*len(ix.recs))
	// pairs: word<<16 | field bits<<8 | unit content, sorted by word.
	var pairs []uint64
	for i := range ix.recs {
		pairs = pairs[:0]
		add := func(u uint32, inh bool) {
			ref := u
			if inh {
				ref |= inherited
			}
			ix.ruUnit = append(ix.ruUnit, ref)
			var f uint8
			switch ix.unitKind[u] {
			case uTitle, uShort:
				f = fTitle
			case uIndex:
				f = fIndex
				if inh {
					f = fInhIndex
				}
			default:
				f = fIncl
				if inh {
					f = fInhIncl
				}
			}
			n := max(ix.unitContent[u], 1)
			for _, w := range ix.unitWords[ix.unitOff[u]:ix.unitOff[u+1]] {
				pairs = append(pairs, uint64(w)<<16|uint64(f)<<8|uint64(n))
			}
		}
		for _, u := range ownUnits[i] {
			add(u, false)
		}
		// A 7th character completes its parent: the parent's terms
		// (an index entry "T39.1X1-") are its own.
		inh := !ix.recs[i].ext
		for p := ix.recs[i].parent; p >= 0; p = ix.recs[p].parent {
			for _, u := range ownUnits[p] {
				if ix.unitKind[u] == uIndex || ix.unitKind[u] == uIncl {
					add(u, inh)
				}
			}
			inh = true
		}
		ix.ruOff[i+1] = uint32(len(ix.ruUnit))
		slices.Sort(pairs)
		for j := 0; j < len(pairs); {
			w, f, n := uint32(pairs[j]>>16), uint8(pairs[j]>>8), uint8(pairs[j])
			j++
			for j < len(pairs) && uint32(pairs[j]>>16) == w {
				f |= uint8(pairs[j] >> 8)
				n = min(n, uint8(pairs[j]))
				j++
			}
			ix.fwdWord = append(ix.fwdWord, w)
			ix.fwdFlag = append(ix.fwdFlag, f)
			ix.fwdMin = append(ix.fwdMin, n)
		}
		ix.fwdOff[i+1] = uint32(len(ix.fwdWord))
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("codesearch: build: %w", err)
			}
		}
	}

	// Postings by counting sort over the forward lists.
	ix.postOff = make([]uint32, len(ix.vocab)+1)
	for _, w := range ix.fwdWord {
		ix.postOff[w+1]++
	}
	for w := 1; w < len(ix.postOff); w++ {
		ix.postOff[w] += ix.postOff[w-1]
	}
	ix.postRec = make([]uint32, len(ix.fwdWord))
	ix.postFlag = make([]uint8, len(ix.fwdWord))
	ix.postMin = make([]uint8, len(ix.fwdWord))
	fill := slices.Clone(ix.postOff[:len(ix.vocab)])
	for r := 0; r < len(ix.recs); r++ {
		for j := ix.fwdOff[r]; j < ix.fwdOff[r+1]; j++ {
			w := ix.fwdWord[j]
			ix.postRec[fill[w]] = uint32(r)
			ix.postFlag[fill[w]] = ix.fwdFlag[j]
			ix.postMin[fill[w]] = ix.fwdMin[j]
			fill[w]++
		}
	}
	ix.soft = make([]bool, len(ix.vocab))
	for i, w := range ix.vocab {
		ix.soft[i] = softWords[w]
	}

	// Pack the strings.
	var blob strings.Builder
	size := 0
	for u, t := range texts {
		if ix.unitKind[u] != uTitle {
			size += len(t)
		}
	}
	for i := range ix.recs {
		size += 2*len(keys[i]) + 1 + len(src.Entries[i].Title)
	}
	blob.Grow(size)
	ix.unitTextOff = make([]uint32, len(texts)+1)
	for u, t := range texts {
		if ix.unitKind[u] == uTitle {
			// a title unit's text is its record's title
			ix.unitTextOff[u] = uint32(blob.Len())
			ix.unitTextOff[u+1] = uint32(blob.Len())
			continue
		}
		ix.unitTextOff[u] = uint32(blob.Len())
		blob.WriteString(t)
		ix.unitTextOff[u+1] = uint32(blob.Len())
	}
	for i := range ix.recs {
		r := &ix.recs[i]
		title := src.Entries[i].Title
		if len(title) > math.MaxUint16 {
			title = title[:math.MaxUint16]
		}
		r.keyOff, r.keyLen = uint32(blob.Len()), uint8(len(keys[i]))
		blob.WriteString(keys[i])
		if code := displayCode(string(src.Entries[i].System), keys[i]); code != keys[i] {
			r.codeOff = uint32(blob.Len())
			blob.WriteString(code)
		} else {
			r.codeOff = r.keyOff
		}
		r.titleOff, r.titleLen = uint32(blob.Len()), uint16(len(title))
		blob.WriteString(title)
	}
	if blob.Len() > math.MaxUint32 {
		return nil, fmt.Errorf("codesearch: build: texts too large")
	}
	ix.blob = blob.String()

	// Pack units and forward lists for ranking (fewer cache misses).
	ix.nUnits = len(ix.unitKind)
	pos := make([]uint32, ix.nUnits)
	usig := make([]uint64, ix.nUnits)
	wsig := make([]uint64, len(ix.vocab))
	for w, v := range ix.vocab {
		wsig[w] = sigOf(v)
	}
	ix.unitData = make([]uint32, 0, len(ix.unitWords)+3*ix.nUnits)
	for u := 0; u < ix.nUnits; u++ {
		words := ix.unitWords[ix.unitOff[u]:ix.unitOff[u+1]]
		for _, w := range words {
			usig[u] |= wsig[w]
		}
		if len(words) > math.MaxUint16 {
			words = words[:math.MaxUint16]
		}
		pos[u] = uint32(len(ix.unitData))
		ix.unitData = append(ix.unitData, uint32(ix.unitKind[u])|uint32(ix.unitContent[u])<<8|uint32(len(words))<<16,
			ix.unitTextOff[u], ix.unitTextOff[u+1]-ix.unitTextOff[u])
		ix.unitData = append(ix.unitData, words...)
	}
	if len(ix.unitData) >= inherited {
		return nil, fmt.Errorf("codesearch: build: too many terms")
	}
	ix.ruSig = make([]uint64, len(ix.ruUnit))
	for i, ref := range ix.ruUnit {
		ix.ruSig[i] = usig[ref&^inherited]
		ix.ruUnit[i] = pos[ref&^inherited] | ref&inherited
	}
	ix.fwd = make([]uint64, len(ix.fwdWord))
	for i, w := range ix.fwdWord {
		ix.fwd[i] = uint64(w)<<16 | uint64(ix.fwdFlag[i])<<8 | uint64(ix.fwdMin[i])
	}
	ix.unitOff, ix.unitWords, ix.unitKind, ix.unitContent, ix.unitTextOff = nil, nil, nil, nil, nil
	ix.fwdWord, ix.fwdFlag, ix.fwdMin = nil, nil, nil

	// Validity under the default options, as a bit set.
	f := ix.newFilter(Options{})
	valid := make([]uint64, len(ix.recs)/64+1)
	for r := range ix.recs {
		if f.ok(uint32(r)) {
			valid[r>>6] |= 1 << (r & 63)
		}
	}
	ix.dfltValid = valid

	ix.nosID = ix.wordID("nos")

	// The coarse score's static part per record, packed so that scoring
	// hundreds of candidates reads 4 bytes each instead of a record.
	ix.coarse = make([]float32, len(ix.recs))
	for i := range ix.recs {
		rc := &ix.recs[i]
		c := 0.3*rc.usage - 0.005*float32(rc.nwords) + 0.03*float32(rc.deflt)
		if rc.billable {
			c += 0.05
		}
		ix.coarse[i] = c
	}

	// Static order: billable, most used, fewest title words, code order.
	ix.static = make([]uint32, len(ix.recs))
	scores := make([]float32, len(ix.recs))
	for i := range ix.static {
		ix.static[i] = uint32(i)
		scores[i] = ix.staticScore(uint32(i))
	}
	slices.SortStableFunc(ix.static, func(a, b uint32) int { return cmp.Compare(scores[b], scores[a]) })
	<-typosDone
	return ix, nil
}

// key returns a record's code key (E1165).
func (ix *Index) key(r uint32) string {
	rc := &ix.recs[r]
	return ix.blob[rc.keyOff : rc.keyOff+uint32(rc.keyLen)]
}

// code returns a record's code as coders write it (E11.65).
func (ix *Index) code(r uint32) string {
	rc := &ix.recs[r]
	n := uint32(rc.keyLen)
	if rc.codeOff != rc.keyOff {
		n++
	}
	return ix.blob[rc.codeOff : rc.codeOff+n]
}

// title returns a record's title.
func (ix *Index) title(r uint32) string {
	rc := &ix.recs[r]
	return ix.blob[rc.titleOff : rc.titleOff+uint32(rc.titleLen)]
}

// unitText returns the text of the synonym unit at unitData offset o.
func (ix *Index) unitText(o uint32) string {
	off := ix.unitData[o+1]
	return ix.blob[off : off+ix.unitData[o+2]]
}

func (ix *Index) staticScore(r uint32) float32 {
	rc := &ix.recs[r]
	s := rc.usage*2 - 0.04*float32(min(rc.nwords, 25))
	if rc.billable {
		s++
	}
	return s
}

// vocabBuilder assigns temporary word ids, then sorts the words.
type vocabBuilder struct {
	ids       map[string]uint32
	words     []string
	sorted    []string
	unitWords []uint32
}

func newVocabBuilder() *vocabBuilder {
	return &vocabBuilder{ids: make(map[string]uint32, 1<<16)}
}

// tokenize is the package tokenize for building: ASCII texts are lowered
// into buf and their words looked up without allocating, so every word
// returned is the vocabulary's own string.
func (b *vocabBuilder) tokenize(text string, out []string, buf []byte) ([]string, []byte) {
	if !isASCII(text) {
		out = tokenize(text, out)
		for i, w := range out {
			out[i] = b.words[b.id(w)]
		}
		return out, buf
	}
	buf = append(buf[:0], text...)
	for i, c := range buf {
		if c >= 'A' && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	start, apos := -1, false
	var word []byte
	for i := 0; i <= len(buf); i++ {
		var c byte
		if i < len(buf) {
			c = buf[i]
		}
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if start < 0 {
				start = i
			}
		case c == '\'' && start >= 0:
			apos = true
		default:
			if start >= 0 {
				word = buf[start:i]
				if apos {
					word = slices.DeleteFunc(slices.Clone(word), func(c byte) bool { return c == '\'' })
					apos = false
				}
				id, ok := b.ids[string(word)]
				if !ok {
					id = b.id(string(word))
				}
				out = append(out, b.words[id])
				start = -1
			}
		}
	}
	return out, buf
}

func (b *vocabBuilder) id(w string) uint32 {
	if id, ok := b.ids[w]; ok {
		return id
	}
	id := uint32(len(b.words))
	b.ids[w] = id
	b.words = append(b.words, w)
	return id
}

// finish sorts the vocabulary and returns the map from temporary to final
// ids.
func (b *vocabBuilder) finish() []uint32 {
	order := make([]uint32, len(b.words))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.words[x], b.words[y]) })
	remap := make([]uint32, len(b.words))
	b.sorted = make([]string, len(b.words))
	for newID, old := range order {
		remap[old] = uint32(newID)
		b.sorted[newID] = b.words[old]
	}
	b.ids = nil
	return remap
}

// Typo tolerance: a deletion neighbourhood. Every vocabulary word of 4+
// letters is stored with each of its one-letter deletions (as hashes); a
// query word w finds words at one edit through w itself (a word one letter
// longer), its deletions matching a word (one letter too many), or its
// deletions matching a word's deletions (a substitution or a swap).
// Candidates are verified with damerau1.

const minTypoWordLen = 4

func (ix *Index) hash(s string) uint64 { return maphash.String(ix.seed, s) }

func (ix *Index) buildTypos() {
	type hw struct {
		h uint64
		w uint32
	}
	var all []hw
	buf := make([]byte, 0, 64)
	for id, w := range ix.vocab {
		if len(w) < minTypoWordLen || len(w) > 40 || !isASCII(w) {
			continue
		}
		for i := 0; i < len(w); i++ {
			if i > 0 && w[i] == w[i-1] {
				continue // same deletion as the previous one
			}
			buf = append(append(buf[:0], w[:i]...), w[i+1:]...)
			all = append(all, hw{ix.hash(string(buf)), uint32(id)})
		}
	}
	slices.SortFunc(all, func(a, b hw) int {
		if a.h < b.h {
			return -1
		}
		if a.h > b.h {
			return 1
		}
		return int(a.w) - int(b.w)
	})
	ix.delHash = make([]uint64, len(all))
	ix.delWord = make([]uint32, len(all))
	for i, x := range all {
		ix.delHash[i], ix.delWord[i] = x.h, x.w
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// pack4 packs the first four bytes of s big-endian, padding with pad.
func pack4(s string, pad byte) uint32 {
	var k uint32
	for i := range 4 {
		c := pad
		if i < len(s) {
			c = s[i]
		}
		k = k<<8 | uint32(c)
	}
	return k
}

// wordID returns the id of w in the vocabulary, or -1.
func (ix *Index) wordID(w string) int32 {
	lo, hi := ix.prefixRange(w)
	if lo < hi && ix.vocab[lo] == w {
		return int32(lo)
	}
	return -1
}

// prefixRange returns the ids [lo, hi) of the words starting with p. It
// searches the packed first four bytes (vkey) first, then the strings.
func (ix *Index) prefixRange(p string) (uint32, uint32) {
	k0, k1 := pack4(p, 0), pack4(p, 0xff)
	lo, _ := slices.BinarySearch(ix.vkey, k0)
	hi := lo + sort.Search(len(ix.vkey)-lo, func(i int) bool { return ix.vkey[lo+i] > k1 })
	if len(p) <= 4 {
		return uint32(lo), uint32(hi)
	}
	v := ix.vocab[lo:hi]
	a := sort.SearchStrings(v, p)
	b := a + sort.Search(len(v)-a, func(i int) bool { return !strings.HasPrefix(v[a+i], p) })
	return uint32(lo + a), uint32(lo + b)
}

// typos returns the vocabulary words one edit away from w (w excluded).
func (ix *Index) typos(w string, out []uint32) []uint32 {
	if !isASCII(w) || len(w) > 40 {
		return out
	}
	add := func(id uint32) {
		if ix.vocab[id] != w && damerau1(ix.vocab[id], w) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	lookDel := func(s string) {
		h := ix.hash(s)
		i, _ := slices.BinarySearch(ix.delHash, h)
		for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
			add(ix.delWord[i])
		}
	}
	lookDel(w) // w is a word less one letter
	buf := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		buf = append(append(buf[:0], w[:i]...), w[i+1:]...)
		s := string(buf)
		if id := ix.wordID(s); id >= 0 {
			add(uint32(id))
		}
		lookDel(s)
	}
	return out
}

// isQuality reports whether a HCPCS code is a quality-measure reporting
// code: G8000–G9999 and M1000–M1999 (MIPS quality data codes, thousands
// of "Patient has …"/"Documentation of …" statements that are no
// diagnosis).
func isQuality(key string) bool {
	return len(key) == 5 && ((key[0] == 'G' && (key[1] == '8' || key[1] == '9')) || (key[0] == 'M' && key[1] == '1'))
}

// sigOf returns a word's signature bit: a hash of its first three
// letters (all of a shorter word). Every word a query word matches as a
// prefix, stem or stem of a typo shares those letters with it, so a
// unit whose signature has no bit of the query's matches none of its
// words.
func sigOf(w string) uint64 {
	h := uint32(2166136261)
	for i := 0; i < len(w) && i < 3; i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return 1 << (h >> 26)
}

// nonessentialWords appends the words inside parentheses in text, unless
// they also appear outside them.
func nonessentialWords(text string, out []string) []string {
	if strings.IndexByte(text, '(') < 0 {
		return out
	}
	var in, outside strings.Builder
	depth := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '(':
			depth++
			in.WriteByte(' ')
			outside.WriteByte(' ')
		case c == ')':
			if depth > 0 {
				depth--
			}
			in.WriteByte(' ')
			outside.WriteByte(' ')
		case depth > 0:
			in.WriteByte(c)
		default:
			outside.WriteByte(c)
		}
	}
	outs := tokenize(outside.String(), nil)
	for _, w := range tokenize(in.String(), nil) {
		if !stopWords[w] && !slices.Contains(outs, w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// appendUnique appends id to ws unless ws[start:] holds it.
func appendUnique(ws []uint32, start int, id uint32) []uint32 {
	if slices.Contains(ws[start:], id) {
		return ws
	}
	return append(ws, id)
}
