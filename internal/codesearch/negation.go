package codesearch

import "strings"

// negatedWords returns the words of a code's title and short title that
// stand only inside a "without …" clause ("Benign prostatic hyperplasia
// without lower urinary tract symptoms": lower, urinary, tract,
// symptoms). ICD-10-CM siblings differ by "with X" and "without X", so a
// query naming X should not find the title that denies it.
//
// A clause starts at "without" ("w/o" in short titles) and ends at a
// comma, "with", the next "without" or the end; an "of" after two or
// more clause words ends it too, as it starts the site ("Laceration
// without foreign body of scalp"), while one right after the first word
// belongs to the clause ("without loss of consciousness"). A word also
// said outside such a clause is not negated. The marker words ("without",
// the "o" of "w/o") are returned too: only a query that negates can
// match them.
func negatedWords(title, short string, out []string) []string {
	var sc negScratch
	return sc.negatedWords(title, short, out)
}

// negScratch holds negatedWords' buffers across calls.
type negScratch struct{ toks, pos []string }

// negatedWords is negatedWords with reused buffers.
func (sc *negScratch) negatedWords(title, short string, out []string) []string {
	start := len(out)
	if !mayNegate(title) && !mayNegate(short) {
		return out
	}
	pos := sc.pos[:0]
	toks := sc.toks
	defer func() { sc.pos, sc.toks = pos, toks }()
	for _, text := range [2]string{title, short} {
		for rest := text; rest != ""; {
			var piece string
			piece, rest, _ = strings.Cut(rest, ",")
			toks = tokenize(piece, toks[:0])
			neg, clause := false, 0
			for i := 0; i < len(toks); i++ {
				w := toks[i]
				switch {
				case w == "without" || (w == "w" && i+1 < len(toks) && toks[i+1] == "o"):
					// The marker itself ("without", the "o" of "w/o") says
					// nothing a query that does not negate can match.
					if w == "w" {
						i++
						out = appendNew(out, start, "o")
					} else {
						out = appendNew(out, start, w)
					}
					neg, clause = true, 0
					continue
				case w == "with" || w == "w":
					neg = false
					continue
				case neg && w == "of" && clause >= 2:
					neg = false
					continue
				case stopWords[w]:
					continue
				}
				if neg {
					clause++
					out = appendNew(out, start, w)
				} else {
					pos = append(pos, w)
				}
			}
		}
	}
	// Drop the words also said outside a clause.
	kept := out[:start]
	for _, w := range out[start:] {
		found := false
		for _, p := range pos {
			if p == w {
				found = true
				break
			}
		}
		if !found {
			kept = append(kept, w)
		}
	}
	return kept
}

// mayNegate reports whether text may hold "without" or "w/o".
func mayNegate(text string) bool {
	return strings.Contains(text, "ithout") || strings.Contains(text, "/o") || strings.Contains(text, "/O")
}

// appendNew appends w to out unless out[start:] holds it.
func appendNew(out []string, start int, w string) []string {
	for _, x := range out[start:] {
		if x == w {
			return out
		}
	}
	return append(out, w)
}

// negationWords are query words that deny what follows ("bph without
// luts", "w/o coma", "no bleeding"): such a query may match the words of
// a title's "without …" clause.
var negationWords = map[string]bool{"without": true, "w/o": true, "wo": true, "w/out": true, "no": true}

// queryNegates reports whether a query says "without", "w/o" or "no".
func queryNegates(q Query) bool {
	for _, g := range q.Groups {
		if negationWords[g.Text] {
			return true
		}
	}
	return false
}

// rankedHit is a hit with its record and the groups it matches by words
// (rank's gmask).
type rankedHit struct {
	Hit
	r     uint32
	gmask uint32
}

// billableFirst moves a billable code above its own header (an ancestor
// in the same system) when both match the same query groups by words:
// the header (I20.8 "Other forms of angina pectoris") often holds the
// index term a query names, which its billable child (I20.89) only
// inherits, yet only the child can be reported. Codes matched by their
// code or starred (gmask 0) keep their place. ord lists positions in rh,
// best first; the moved code takes the header's score so the order stays
// sorted.
func (ix *Index) billableFirst(rh []rankedHit, ord []int32) {
	for i := 0; i < len(ord); i++ {
		hd := &rh[ord[i]]
		if hd.Billable || hd.gmask == 0 {
			continue
		}
		hk := ix.key(hd.r)
		for j := i + 1; j < len(ord); j++ {
			c := &rh[ord[j]]
			if !c.Billable || c.gmask != hd.gmask || c.System != hd.System {
				continue
			}
			if k := ix.key(c.r); len(k) <= len(hk) || !strings.HasPrefix(k, hk) {
				continue
			}
			c.Score = hd.Score
			moved := ord[j]
			copy(ord[i+1:j+1], ord[i:j])
			ord[i] = moved
			i++ // the header, now at i+1, is done
			break
		}
	}
}
