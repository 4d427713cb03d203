package codesearch

import (
	"strings"
	"unicode"
)

// stopWords are dropped from queries and from indexed texts: they carry no
// meaning for choosing a code.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true,
	"for": true, "from": true, "in": true, "is": true, "of": true,
	"on": true, "or": true, "the": true, "to": true, "with": true, "w": true,
}

// softWords carry little meaning in a title ("unspecified", "NOS"): they
// are indexed and may be searched, but do not count against how completely
// a query covers a term.
var softWords = map[string]bool{
	"unspecified": true, "nos": true, "nec": true, "unsp": true,
	"not": true, "specified": true, "site": true, "elsewhere": true,
	"classified": true, "otherwise": true,
}

// Default strengths of a title (see defaultStrength).
const (
	defaultNone uint8 = iota
	defaultWeak
	defaultStrong
)

// defaultStrength tells whether a title's words mark the default code of
// a concept (the one the Alphabetic Index gives when nothing more is
// said). Strong: the whole concept is unspecified ("Otitis media,
// unspecified", "Unspecified fracture of …", "Type 2 diabetes mellitus
// without complications", "…, uncomplicated"). Weak: "unspecified"
// qualifies one part inside ("… infarction of unspecified site"). An
// "unspecified" after "with" qualifies an added condition ("Type 2
// diabetes mellitus with diabetic neuropathy, unspecified") and does not
// count.
func defaultStrength(words []string) uint8 {
	with := false
	st := defaultNone
	content := 0
	for i, w := range words {
		if !stopWords[w] {
			content++
		}
		switch w {
		case "with":
			with = true
		case "uncomplicated":
			return defaultStrong
		case "without":
			if i+1 < len(words) && (strings.HasPrefix(words[i+1], "complication") ||
				(words[i+1] == "abnormal" && i+2 < len(words) && words[i+2] == "findings")) {
				return defaultStrong
			}
		case "unspecified", "nos":
			if with {
				continue
			}
			if content == 1 || i == len(words)-1 || (i+1 < len(words) && words[i+1] == "type") {
				return defaultStrong
			}
			st = defaultWeak
		case "not":
			if !with && i+1 < len(words) && words[i+1] == "specified" {
				st = max(st, defaultWeak)
			}
		case "accidental":
			// The guidelines code a poisoning or injury of unknown intent
			// as accidental.
			st = max(st, defaultWeak)
		}
	}
	return st
}

// tokenize splits text into lower-case words of letters and digits,
// appending them to out. Apostrophes inside words vanish ("Charcot's"
// gives "charcots"); every other character separates words.
func tokenize(text string, out []string) []string {
	if !isASCII(text) {
		return tokenizeUnicode(text, out)
	}
	lower := text
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 'A' && c <= 'Z' {
			lower = strings.ToLower(text)
			break
		}
	}
	start, apos := -1, false
	for i := 0; i <= len(lower); i++ {
		var c byte
		if i < len(lower) {
			c = lower[i]
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
				w := lower[start:i]
				if apos {
					w = strings.ReplaceAll(w, "'", "")
					apos = false
				}
				out = append(out, w)
				start = -1
			}
		}
	}
	return out
}

func tokenizeUnicode(text string, out []string) []string {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '\'' || r == '\u2019':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// codeKey normalises a code for look-up: upper case, no dots, spaces or
// trailing dashes ("e11.65" and "E1165" give "E1165"; "S52.5-" gives
// "S525"). It returns "" when s holds anything but letters, digits, dots
// and dashes.
func codeKey(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "-")
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, c)
		case c == '.':
		default:
			return ""
		}
	}
	return string(b)
}

// looksLikeCode reports whether a normalised key could be (the start of) a
// code: a letter followed by a digit within its first three characters
// (E11, QA0, J330, S52501A), or three or more digits with at most one
// trailing letter (992, 99213, 0001F). Single letters never are.
func looksLikeCode(key string) bool {
	if len(key) < 2 || len(key) > 8 {
		return false
	}
	c := key[0]
	if c >= 'A' && c <= 'Z' {
		for i := 1; i < len(key) && i < 3; i++ {
			if key[i] >= '0' && key[i] <= '9' {
				return true
			}
		}
		return false
	}
	digits := 0
	for i := 0; i < len(key); i++ {
		if key[i] >= '0' && key[i] <= '9' {
			digits++
		} else if i != len(key)-1 {
			return false
		}
	}
	return digits >= 3
}

// displayCode writes a code as coders do: ICD-10-CM with a dot after the
// category, others unchanged.
func displayCode(system string, key string) string {
	if system == "icd10cm" && len(key) > 3 {
		return key[:3] + "." + key[3:]
	}
	return key
}

// damerau1 reports whether a and b are at most one edit apart (insert,
// delete, substitute or swap two adjacent letters).
func damerau1(a, b string) bool {
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if i == la {
		return true // equal, or b has one more letter at the end
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // insertion in b
}

// contextWords name a setting coders state explicitly (a past condition, a family member's
// history, a newborn, a pregnancy, a complication of care). A code whose
// title has one the query does not mention ranks lower: "history of colon
// polyps" is the patient's own history, "urinary tract infection" not the
// one in pregnancy.
var contextWords = []string{"family", "newborn", "neonatal", "fetal", "fetus", "maternal", "pregnancy",
	"puerperium", "puerperal", "childbirth", "trimester", "postprocedural", "postpartum", "perinatal", "congenital", "history", "periprosthetic", "pathological", "prosthetic"}

// contextMask returns the bits of the context words among words.
func contextMask(words []string) uint32 {
	var m uint32
	for _, w := range words {
		for i, c := range contextWords {
			if w == c {
				m |= 1 << i
			}
		}
	}
	return m
}
