package cms1500

import (
	"strings"
	"unicode/utf8"

	"claimdesk/internal/claimdesk"
)

// fold maps the Latin-1 letters found in US names and addresses to their
// plain capitals (OCR reads A–Z only).
var fold = map[rune]string{
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Æ': "AE", 'Ç': "C",
	'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E", 'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I",
	'Ð': "D", 'Ñ': "N", 'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O", 'Ö': "O", 'Ø': "O",
	'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ý': "Y", 'Þ': "TH", 'ß': "SS", 'Ÿ': "Y",
	'Œ': "OE", 'Š': "S", 'Ž': "Z",
}

// words returns s in upper case with only letters, digits, spaces and
// hyphens (NUCC: no punctuation in names and addresses; a hyphen may stay
// in a hyphenated name), accents folded, runs of spaces collapsed. Any
// other character becomes a space (so "APT.4" reads "APT 4").
func words(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
			fallthrough
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-':
			b.WriteRune(r)
			space = false
			continue
		case r == '\'' || r == '’' || r == '.':
			continue // O'NEIL → ONEIL, ST. → ST
		}
		if r >= utf8.RuneSelf {
			if f, ok := fold[toUpperLatin(r)]; ok {
				b.WriteString(f)
				space = false
				continue
			}
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func toUpperLatin(r rune) rune {
	if r >= 'à' && r <= 'þ' && r != '÷' {
		return r - ('à' - 'À')
	}
	switch r {
	case 'ÿ':
		return 'Ÿ'
	case 'œ':
		return 'Œ'
	case 'š':
		return 'Š'
	case 'ž':
		return 'Ž'
	}
	return r
}

// ident returns an identifier (member ID, account, tax ID, prior
// authorization) in upper case with only letters and digits: NUCC wants no
// spaces or hyphens inside numbers.
func ident(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - ('a' - 'A'))
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// personName formats a patient's or insured's name as NUCC asks for
// items 2, 4 and 9: "LAST SUFFIX, FIRST, M" (commas between the three
// parts, middle initial only, no other punctuation). When the name is
// longer than max, the first name is shortened first (down to its
// initial), then the last name, so the middle initial and the order stay.
func personName(last, suffix, first, middle string, width int) string {
	l, sf, f := words(last), words(suffix), words(first)
	m := ""
	if mw := ident(words(middle)); mw != "" {
		m = mw[:1]
	}
	build := func(l, f string) string {
		s := l
		if sf != "" {
			s += " " + sf
		}
		if f != "" {
			s += ", " + f
		}
		if m != "" {
			s += ", " + m
		}
		return s
	}
	s := build(l, f)
	if over := len(s) - width; over > 0 && len(f) > 1 {
		f = strings.TrimRight(f[:max(1, len(f)-over)], " -")
		s = build(l, f)
	}
	if over := len(s) - width; over > 0 && len(l) > 1 {
		l = strings.TrimRight(l[:max(1, len(l)-over)], " -")
		s = build(l, f)
	}
	return s
}

// providerName formats item 17's or 31's name: "FIRST M LAST CRED" (NUCC),
// or "FIRST LAST" for Medicare (as on the CMS ordering/referring file).
func providerName(p claimdesk.Provider, medicare bool) string {
	parts := []string{words(p.First)}
	if !medicare {
		if m := ident(words(p.Middle)); m != "" {
			parts = append(parts, m[:1])
		}
	}
	parts = append(parts, words(p.Last))
	if !medicare {
		if c := words(p.Credentials); c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// street joins an address's two lines (boxes 5 and 7 have one street line).
func street(a claimdesk.Address) string {
	return strings.TrimSpace(words(a.Line1) + " " + words(a.Line2))
}

// zip returns the ZIP code's digits: 5 or 9, without the hyphen (current
// NUCC text).
func zip(z string) string { return claimdesk.Digits(z) }

// cityLine is the "CITY ST ZIP" line of the carrier block and boxes 32
// and 33 (a space, not a comma, between city and state). When it is longer
// than max, the city is shortened so state and ZIP stay whole.
func cityLine(a claimdesk.Address, max int) string {
	city, tail := words(a.City), strings.TrimSpace(words(a.State)+" "+zip(a.ZIP))
	if city == "" {
		return tail
	}
	if over := len(city) + 1 + len(tail) - max; over > 0 && len(city) > over {
		city = strings.TrimRight(city[:len(city)-over], " -")
	}
	return strings.TrimSpace(city + " " + tail)
}

// phone splits a US phone number into its area code and 7-digit number;
// ok is false when it does not have 10 digits.
func phone(p string) (area, number string, ok bool) {
	d := claimdesk.NormalizePhone(p)
	if len(d) != 10 {
		return "", "", false
	}
	return d[:3], d[3:], true
}

func two(n int) string {
	return string([]byte{byte('0' + n/10%10), byte('0' + n%10)})
}

func four(n int) string {
	return two(n/100) + two(n%100)
}

// icd returns a diagnosis code as box 21 prints it: upper case, no dot.
func icd(code string) string { return ident(claimdesk.NormalizeICD(code)) }

// ndc11 returns an NDC as the 11 digits of its 5-4-2 form. A hyphenated
// 4-4-2, 5-3-2 or 5-4-1 code is zero-filled to 5-4-2; 11 bare digits are
// kept; anything else gives ok false.
func ndc11(s string) (string, bool) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) == 1 {
		d := parts[0]
		if len(d) == 11 && claimdesk.Digits(d) == d {
			return d, true
		}
		return "", false
	}
	if len(parts) != 3 {
		return "", false
	}
	want := [3]int{5, 4, 2}
	var b strings.Builder
	for i, p := range parts {
		if p == "" || claimdesk.Digits(p) != p || len(p) > want[i] || len(p) < want[i]-1 {
			return "", false
		}
		b.WriteString(strings.Repeat("0", want[i]-len(p)))
		b.WriteString(p)
	}
	if n := len(strings.Join(parts, "")); b.Len() != 11 || n < 10 {
		return "", false
	}
	return b.String(), true
}
