package codesearch

import (
	"errors"
	"fmt"
	"strings"
)

// Query errors.
var (
	// ErrQueryTooLong: the query is longer than MaxQueryLen bytes or has
	// more than MaxQueryWords words.
	ErrQueryTooLong = errors.New("query too long")
	// ErrEmptyQuery: the query has no letters or digits.
	ErrEmptyQuery = errors.New("query has no words or codes")
)

// MaxQueryWords is the most words a query may have.
const MaxQueryWords = 16

// Query is a parsed query: every group should match a code.
type Query struct {
	Groups []Group
}

// Group is one thing the user typed: a word, a code or an abbreviation or
// lay phrase. It matches a code when any of its alternatives does.
type Group struct {
	// Text is what was typed, in lower case.
	Text string
	// Code is the normalised code (E1165) when Text looks like a code;
	// a leading "." marks one typed with a dot (only ICD-10-CM codes).
	Code string
	// Alts are the word alternatives; each matches when all its words do.
	Alts []Alt
	// Optional marks a qualifier (qualifierWords: acute, chronic,
	// community, acquired, …) that the Alphabetic Index lists as a
	// nonessential modifier: a code need not match it, and one that does
	// not loses only a little.
	Optional bool
}

// Alt is one way a group can match: words that must all match (each as an
// exact word, a prefix, a stem or a typo), with the weight of a match.
type Alt struct {
	Words  []string
	Weight float32
	// Abbrev marks an expansion from the abbreviation table.
	Abbrev bool
	// Split marks a word split where letters meet digits ("b12" as
	// "b 12"); it is dropped when the word is also a code prefix in use.
	Split bool
}

// Weights of the alternatives of a group.
const (
	wLiteral   = 1.0
	wExpansion = 0.95
	// wLaterExpansion weighs the second and later expansions of a key.
	wLaterExpansion = 0.9
	wAbbrevLiteral  = 0.6
)

// ParseQuery splits a query into groups. It fails only on a query that is
// too long or holds no letters or digits.
func ParseQuery(q string) (Query, error) {
	if len(q) > MaxQueryLen {
		return Query{}, fmt.Errorf("parse query: %d bytes (at most %d): %w", len(q), MaxQueryLen, ErrQueryTooLong)
	}
	type tok struct {
		text string // lower case word, or a slash abbreviation (n/v)
		code string // code key when the chunk looks like a code
		lit  []string
	}
	var toks []tok
	var words []string
	fields := strings.Fields(q)
	for fi, chunk := range fields {
		lc := strings.ToLower(strings.Trim(chunk, ",;:()[]\"'"))
		// "r/o X" (rule out) is not coded in outpatient settings: the
		// rest of the query is dropped unless nothing else was typed.
		// "c/o" (complains of) and "y/o" (years old) carry nothing.
		switch lc {
		case "r/o", "rule-out":
			if len(toks) > 0 {
				break
			}
			continue
		case "c/o", "y/o", "yo":
			continue
		}
		if lc == "rule" && fi+1 < len(fields) && strings.ToLower(fields[fi+1]) == "out" && len(toks) > 0 {
			break
		}
		if lc == "r/o" || lc == "rule-out" {
			break
		}
		if strings.ContainsAny(lc, "/&") {
			if _, ok := abbrevs[lc]; ok {
				toks = append(toks, tok{text: lc, lit: []string{lc}})
				continue
			}
		}
		if key := codeKey(lc); key != "" && looksLikeCode(key) {
			words = tokenize(lc, words[:0])
			if len(words) > 0 {
				t := tok{text: strings.Join(words, ""), code: key, lit: append([]string(nil), words...)}
				if strings.Contains(lc, ".") {
					// a dot after the category: an ICD-10-CM code
					t.code = "." + key
				}
				toks = append(toks, t)
				continue
			}
		}
		for _, w := range tokenize(lc, words[:0]) {
			toks = append(toks, tok{text: w, lit: []string{w}})
		}
	}
	if len(toks) == 0 {
		return Query{}, fmt.Errorf("parse query %q: %w", q, ErrEmptyQuery)
	}
	if len(toks) > MaxQueryWords {
		return Query{}, fmt.Errorf("parse query: %d words (at most %d): %w", len(toks), MaxQueryWords, ErrQueryTooLong)
	}
	allStop := true
	for _, t := range toks {
		if !stopWords[t.text] {
			allStop = false
		}
	}
	var out Query
	for i := 0; i < len(toks); {
		// The longest abbreviation or lay phrase starting here: first with
		// the words as typed, then skipping stop words ("ringing in
		// ears" finds "ringing ears").
		var e *abbrevEntry
		n := 0
		maxSpan := min(maxAbbrevWords+2, len(toks)-i)
		if !abbrevFirst[toks[i].text] {
			maxSpan = min(maxSpan, 1) // no key starts with this word
		}
		for span := maxSpan; span >= 1 && e == nil; span-- {
			parts := make([]string, span)
			for j := range span {
				parts[j] = toks[i+j].text
			}
			if x, ok := abbrevs[strings.Join(parts, " ")]; ok {
				e, n = x, span
				break
			}
			if span > 1 && !stopWords[parts[0]] && !stopWords[parts[span-1]] {
				kept := parts[:0:0]
				for _, p := range parts {
					if !stopWords[p] {
						kept = append(kept, p)
					}
				}
				if len(kept) < span && len(kept) <= maxAbbrevWords {
					if x, ok := abbrevs[strings.Join(kept, " ")]; ok {
						e, n = x, span
					}
				}
			}
		}
		if e != nil {
			g := Group{Text: e.Key}
			if n == 1 {
				g.Code = toks[i].code
			}
			for xi, x := range e.Expansions {
				if ws := contentWords(x); len(ws) > 0 {
					// The table lists an ambiguous key's most likely
					// meaning first (cp: chest pain before cerebral
					// palsy); later ones weigh a little less.
					w := float32(wExpansion)
					if xi > 0 {
						w = wLaterExpansion
					}
					g.Alts = append(g.Alts, Alt{Words: ws, Weight: w, Abbrev: true})
				}
			}
			var lit []string
			for j := range n {
				for _, w := range toks[i+j].lit {
					if !stopWords[w] && !strings.ContainsAny(w, "/&") {
						lit = append(lit, w)
					}
				}
			}
			switch {
			case len(lit) == 0:
			case e.Lay:
				g.Alts = append(g.Alts, Alt{Words: lit, Weight: wLiteral})
			case len(e.Key) >= 4:
				g.Alts = append(g.Alts, Alt{Words: lit, Weight: wAbbrevLiteral})
			}
			if len(g.Alts) > 0 || g.Code != "" {
				out.Groups = append(out.Groups, g)
			}
			i += n
			continue
		}
		t := toks[i]
		i++
		if stopWords[t.text] && !allStop && t.code == "" {
			continue
		}
		g := Group{Text: t.text, Code: t.code, Optional: t.code == "" && qualifierWords[t.text]}
		if len(t.lit) > 0 {
			g.Alts = []Alt{{Words: t.lit, Weight: wLiteral}}
			// "b12" also matches "B-12", "t2" "type 2": split letters from
			// digits.
			if len(t.lit) == 1 {
				if parts := splitAlnum(t.lit[0]); len(parts) > 1 {
					g.Alts = append(g.Alts, Alt{Words: parts, Weight: wLiteral, Split: true})
				}
			}
		}
		out.Groups = append(out.Groups, g)
	}
	if len(out.Groups) == 0 {
		return Query{}, fmt.Errorf("parse query %q: %w", q, ErrEmptyQuery)
	}
	return out, nil
}

// splitAlnum splits a word where letters meet digits ("b12" → b, 12);
// a word of one kind gives itself.
func splitAlnum(w string) []string {
	var out []string
	start := 0
	for i := 1; i < len(w); i++ {
		if isDigit(w[i]) != isDigit(w[i-1]) {
			out = append(out, w[start:i])
			start = i
		}
	}
	return append(out, w[start:])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// contentWords tokenizes s and drops stop words.
func contentWords(s string) []string {
	var out []string
	for _, w := range tokenize(s, nil) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// String writes the query back as text, one group after another.
func (q Query) String() string {
	parts := make([]string, len(q.Groups))
	for i, g := range q.Groups {
		parts[i] = g.Text
	}
	return strings.Join(parts, " ")
}

// qualifierWords are words the Alphabetic Index mostly gives as
// nonessential modifiers, in parentheses after a main term ("Pneumonia
// (acute) (double) (migratory) … J18.9", "Hypertension, hypertensive
// (accelerated) (benign) (essential) (idiopathic) … I10"): the acuity,
// course or origin of a condition, which changes the code only where a
// title says so. Counted from the FY2017 Index's nonessential modifiers
// (acute 443, chronic 380, acquired 300, primary 119, idiopathic 82,
// diffuse 80, subacute 75, recurrent 48, …); "community" (as in
// community-acquired) is added for the same reason.
var qualifierWords = map[string]bool{
	"acute": true, "chronic": true, "subacute": true, "acquired": true,
	"community": true, "recurrent": true, "idiopathic": true, "diffuse": true,
	"essential": true, "benign": true, "simple": true, "primary": true,
	"nontraumatic": true, "progressive": true,
}
