package claimcheck

import (
	"strings"
	"unicode/utf8"

	"claimdesk/internal/claimdesk"
)

// codeRef is a code reference inside a Tabular note, normalised: "E10.-"
// (lo E10, the code and everything below it), "E08-E13" (a range of
// categories), "R73.0-" or an exact code "Z79.4" (which also covers codes
// below it). "(E08-E13 with .42)" adds suffixes: the characters after the
// category must then fall under one of them.
type codeRef struct {
	lo, hi   string // hi is "" for a single code or header
	suffixes []codeRef
	// at and chars restrict a reference such as "(T36-T50 with fifth or
	// sixth character 5)": the code's character at one of the 0-based
	// positions at is one of chars. final restricts "(I69. with final
	// characters -23)": the code ends with final.
	at    []int
	chars string
	final string
}

// refMatch reports whether normalised code falls under ref: under lo when
// hi is empty, else between lo and hi comparing each end on its own length;
// and, when ref has suffixes, its characters after the category under one
// of them.
func refMatch(ref codeRef, code string) bool {
	if !rangeMatch(ref.lo, ref.hi, code) {
		return false
	}
	if ref.final != "" && !strings.HasSuffix(code, ref.final) {
		return false
	}
	if len(ref.at) > 0 {
		ok := false
		for _, p := range ref.at {
			ok = ok || p < len(code) && strings.IndexByte(ref.chars, code[p]) >= 0
		}
		if !ok {
			return false
		}
	}
	if len(ref.suffixes) == 0 {
		return true
	}
	if len(code) <= 3 {
		return false
	}
	for _, s := range ref.suffixes {
		if rangeMatch(s.lo, s.hi, code[3:]) {
			return true
		}
	}
	return false
}

func rangeMatch(lo, hi, code string) bool {
	if hi == "" {
		return strings.HasPrefix(code, lo)
	}
	a := code
	if len(a) > len(lo) {
		a = a[:len(lo)]
	}
	b := code
	if len(b) > len(hi) {
		b = b[:len(hi)]
	}
	return a >= lo && b <= hi
}

// parseRefs extracts the code references of a note's text. Tabular notes
// write them in parentheses: "type 1 diabetes mellitus (E10.-)",
// "(E08-E13)", "(O24.4-, O99.81-)", "(T51-T65)", "(E08-E13 with .42)".
// Words outside parentheses are ignored so that "vitamin B12" is never
// taken for a code.
func parseRefs(text string) []codeRef { return appendRefs(nil, text) }

// appendRefs is parseRefs appending to out (callers pass a stack buffer).
func appendRefs(out []codeRef, text string) []codeRef {
	depth, group := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '(' || c == '[':
			depth++
			group = len(out)
			continue
		case c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			continue
		}
		if c == 'w' && strings.HasPrefix(text[i:], "with ") && (i == 0 || !isAlnum(text[i-1])) && group < len(out) {
			rest := text[i+5:]
			if at, chars, final, n, ok := scanPositional(rest); ok {
				for k := group; k < len(out); k++ {
					out[k].at, out[k].chars, out[k].final = at, chars, final
				}
				i += 4 + n
				continue
			}
			sufs, n := scanSuffixes(rest)
			for k := group; k < len(out); k++ {
				out[k].suffixes = sufs
			}
			i += 4 + n
			continue
		}
		if !codeStart(text, i) {
			continue
		}
		lo, n := scanCode(text[i:])
		i += n
		ref := codeRef{lo: lo}
		if i < len(text) && text[i] == '-' {
			if i+1 < len(text) && codeStart(text, i+1) {
				hi, m := scanCode(text[i+1:])
				ref.hi = hi
				i += 1 + m
			} else {
				i++
			}
		}
		i-- // the loop's i++ moves past the reference
		if len(ref.lo) >= 3 {
			out = append(out, ref)
		}
	}
	return out
}

// positional phrases of Tabular notes and the 0-based positions they name.
var positional = []struct {
	phrase string
	at     []int
}{
	{"fifth or sixth character ", []int{4, 5}},
	{"5th or 6th character ", []int{4, 5}},
	{"fifth character ", []int{4}},
	{"5th character ", []int{4}},
	{"sixth character ", []int{5}},
	{"6th character ", []int{5}},
	{"seventh character ", []int{6}},
	{"7th character ", []int{6}},
}

// scanPositional reads "fifth or sixth character 1-4 or 6", "5th
// character 9" or "final characters -23" up to the closing parenthesis.
func scanPositional(s string) (at []int, chars, final string, n int, ok bool) {
	end := strings.IndexAny(s, ")]")
	if end < 0 {
		end = len(s)
	}
	body := s[:end]
	if f, found := strings.CutPrefix(body, "final characters -"); found {
		return nil, "", strings.ToUpper(strings.TrimSpace(f)), end, true
	}
	for _, p := range positional {
		rest, found := strings.CutPrefix(body, p.phrase)
		if !found {
			continue
		}
		var b strings.Builder
		for _, tok := range strings.Fields(strings.ReplaceAll(rest, ",", " ")) {
			if tok == "or" || tok == "and" {
				continue
			}
			if lo, hi, isRange := strings.Cut(tok, "-"); isRange && len(lo) == 1 && len(hi) == 1 {
				for c := lo[0]; c <= hi[0]; c++ {
					b.WriteByte(c)
				}
				continue
			}
			if len(tok) == 1 {
				b.WriteString(strings.ToUpper(tok))
			}
		}
		if b.Len() == 0 {
			return nil, "", "", 0, false
		}
		return p.at, b.String(), "", end, true
	}
	return nil, "", "", 0, false
}

// scanSuffixes reads ".42", ".51-.52", ".69-", ".15. .25, .95" up to the
// closing parenthesis and returns them with the bytes read.
func scanSuffixes(s string) ([]codeRef, int) {
	var out []codeRef
	i := 0
	for i < len(s) && s[i] != ')' && s[i] != ']' {
		if s[i] != '.' || i+1 >= len(s) || !isAlnum(s[i+1]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		ref := codeRef{lo: strings.ToUpper(s[i+1 : j])}
		if j+1 < len(s) && s[j] == '-' && s[j+1] == '.' {
			k := j + 2
			for k < len(s) && isAlnum(s[k]) {
				k++
			}
			ref.hi = strings.ToUpper(s[j+2 : k])
			j = k
		}
		out = append(out, ref)
		i = j
	}
	return out, i
}

// codeStart reports whether an ICD-10-CM code starts at text[i]: a capital
// letter, a digit, a digit or capital letter, not preceded by a letter or
// digit.
func codeStart(text string, i int) bool {
	if i+2 >= len(text) {
		return false
	}
	if i > 0 && isAlnum(text[i-1]) {
		return false
	}
	c0, c1, c2 := text[i], text[i+1], text[i+2]
	return c0 >= 'A' && c0 <= 'Z' && c1 >= '0' && c1 <= '9' && (c2 >= '0' && c2 <= '9' || c2 >= 'A' && c2 <= 'Z')
}

// scanCode reads a code such as "E11.65" or "E10." from the start of s and
// returns it normalised (no dot) with the number of bytes read.
func scanCode(s string) (string, int) {
	n := 0
	for n < len(s) && (isAlnum(s[n]) || s[n] == '.') {
		n++
	}
	c := strings.TrimRight(s[:n], ".")
	if strings.IndexByte(c, '.') < 0 && !hasLower(c) {
		return c, n
	}
	return claimdesk.NormalizeICD(c), n
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// noteGroup is the notes of one kind written on one node.
type noteGroup struct {
	from, release string
	texts         []string
}

// groupNotes gathers the notes of kind, per node they are written on, in
// the order given (nearest node first).
func groupNotes(notes []claimdesk.Note, kind claimdesk.NoteKind) []noteGroup {
	var out []noteGroup
	for _, n := range notes {
		if n.Kind != kind {
			continue
		}
		if len(out) == 0 || out[len(out)-1].from != n.From {
			out = append(out, noteGroup{from: n.From, release: n.Release})
		}
		g := &out[len(out)-1]
		g.texts = append(g.texts, n.Text)
	}
	return out
}

// mandatoryCodeFirst reports whether a Code first note forbids listing its
// code first: the etiology/manifestation convention ("Code first underlying
// disease", "the underlying physiological condition") and the toxic-effect
// notes ("Code first (T51-T65) to identify cause"). Notes that only name
// conditions to put first when present ("any associated", "if
// applicable", "if known", or a plain list such as A41's "postprocedural
// sepsis (T81.4-)") only order the codes when both are on the claim.
func mandatoryCodeFirst(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, w := range []string{"if applicable", "any associated", "if known", "any causal", "any current", "any follow-up", "if present"} {
		if strings.Contains(t, w) {
			return false
		}
	}
	if strings.HasPrefix(t, "any ") {
		return false
	}
	if strings.Contains(t, "underlying") {
		return true
	}
	return strings.HasPrefix(t, "(") && strings.Contains(t, ") to identify")
}

// quote shortens a note for a message.
func quote(text string) string {
	text = strings.TrimSpace(text)
	if len(text) > 160 {
		n := 157
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n] + "..."
	}
	return "\u201c" + text + "\u201d"
}
