package claimcheck

import (
	"fmt"
	"strings"
)

// mbiLetters are the letters an MBI may use: A–Z without S, L, O, I, B and
// Z (CMS "Understanding the MBI format").
func mbiLetter(c byte) bool {
	return c >= 'A' && c <= 'Z' && !strings.ContainsRune("SLOIBZ", rune(c))
}

func mbiDigit(c byte) bool { return c >= '0' && c <= '9' }

// CheckMBI returns "" when id is a well-formed Medicare Beneficiary
// Identifier, else what is wrong. The CMS positional rules: 11 characters;
// position 1 a digit 1–9; positions 2, 5, 8 and 9 letters (not S, L, O, I,
// B, Z); 3 and 6 a letter or digit; 4, 7, 10 and 11 digits. Lower case is
// accepted (it prints in upper case); dashes are only for display and are
// not accepted on claims.
func CheckMBI(id string) string {
	if id == "" {
		return "the Medicare number (MBI) is required"
	}
	if strings.ContainsAny(id, "- ") {
		return "enter the MBI without dashes or spaces (11 characters)"
	}
	u := strings.ToUpper(id)
	if len(u) != 11 {
		if looksLikeHICN(u) {
			return "this looks like an old Medicare number (HICN, based on an SSN); Medicare accepts only the 11-character MBI from the patient's new card"
		}
		return "an MBI has exactly 11 characters"
	}
	for i := 0; i < 11; i++ {
		c := u[i]
		ok := false
		switch i + 1 {
		case 1:
			ok = c >= '1' && c <= '9'
		case 2, 5, 8, 9:
			ok = mbiLetter(c)
		case 3, 6:
			ok = mbiLetter(c) || mbiDigit(c)
		default: // 4, 7, 10, 11
			ok = mbiDigit(c)
		}
		if !ok {
			return fmt.Sprintf("character %d breaks the MBI format %s", i+1, mbiRule(i+1))
		}
	}
	return ""
}

func mbiRule(pos int) string {
	switch pos {
	case 1:
		return "(position 1 must be a digit 1–9)"
	case 2, 5, 8, 9:
		return "(positions 2, 5, 8 and 9 must be letters other than S, L, O, I, B, Z)"
	case 3, 6:
		return "(positions 3 and 6 must be a digit or a letter other than S, L, O, I, B, Z)"
	}
	return "(positions 4, 7, 10 and 11 must be digits)"
}

// looksLikeHICN reports whether id has the shape of a legacy Health
// Insurance Claim Number: 9 digits and a 1–2 character suffix (or a
// railroad prefix with 6 or 9 digits).
func looksLikeHICN(id string) bool {
	n := 0
	for n < len(id) && mbiDigit(id[n]) {
		n++
	}
	if n == 9 && len(id) >= 10 && len(id) <= 11 {
		return true
	}
	// Railroad Retirement Board numbers: 1–3 letters then 6 or 9 digits.
	l := 0
	for l < len(id) && id[l] >= 'A' && id[l] <= 'Z' {
		l++
	}
	rest := len(id) - l
	if l >= 1 && l <= 3 && (rest == 6 || rest == 9) {
		for i := l; i < len(id); i++ {
			if !mbiDigit(id[i]) {
				return false
			}
		}
		return true
	}
	return false
}
