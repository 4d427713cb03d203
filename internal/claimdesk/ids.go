package claimdesk

import (
	"strings"
)

// CheckNPI returns "" when npi is a valid 10-digit National Provider
// Identifier (Luhn check digit computed over the 80840 prefix), else a
// message saying what is wrong.
func CheckNPI(npi string) string {
	if npi == "" {
		return "NPI is required"
	}
	if len(npi) != 10 || !allDigits(npi) {
		return "NPI must be exactly 10 digits"
	}
	if npi[0] != '1' && npi[0] != '2' {
		return "NPI must start with 1 or 2"
	}
	if !npiLuhnOK(npi) {
		return "NPI check digit is wrong (mistyped digit?)"
	}
	return ""
}

// NPICheckDigit returns the check digit for the first 9 digits of an NPI.
func NPICheckDigit(first9 string) byte {
	sum := 24 // the doubled-and-summed digits of the 80840 prefix
	for i := 0; i < 9; i++ {
		d := int(first9[8-i] - '0')
		if i%2 == 0 { // rightmost of the 9, doubled
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func npiLuhnOK(npi string) bool { return NPICheckDigit(npi[:9]) == npi[9] }

// CheckEIN returns "" for an Employer Identification Number written as
// 9 digits, with or without the hyphen after the second digit.
func CheckEIN(ein string) string {
	d := strings.Replace(ein, "-", "", 1)
	if len(d) != 9 || !allDigits(d) || (strings.Contains(ein, "-") && strings.Index(ein, "-") != 2) {
		return "EIN must be 9 digits (XX-XXXXXXX)"
	}
	switch d[:2] {
	case "00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97":
		return "EIN prefix " + d[:2] + " is not issued by the IRS"
	}
	return ""
}

// CheckSSN returns "" for a Social Security number written as 9 digits,
// with or without hyphens (XXX-XX-XXXX), that the SSA could have issued.
func CheckSSN(ssn string) string {
	d := ssn
	if strings.Contains(ssn, "-") {
		if len(ssn) != 11 || ssn[3] != '-' || ssn[6] != '-' {
			return "SSN must be 9 digits (XXX-XX-XXXX)"
		}
		d = ssn[:3] + ssn[4:6] + ssn[7:]
	}
	if len(d) != 9 || !allDigits(d) {
		return "SSN must be 9 digits (XXX-XX-XXXX)"
	}
	if d[:3] == "000" || d[:3] == "666" || d[0] == '9' || d[3:5] == "00" || d[5:] == "0000" {
		return "SSN is not a number the SSA issues"
	}
	return ""
}

// Digits returns only the digits of s ("12-3456789" → "123456789").
func Digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// usStates holds the USPS two-letter codes of the states, DC, territories
// and military "states" that appear on claims.
var usStates = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW AA AE AP`) {
		usStates[s] = true
	}
}

// CheckState returns "" for a USPS two-letter state code in upper case.
func CheckState(s string) string {
	if s == "" {
		return "state is required"
	}
	if !usStates[s] {
		return "state must be a two-letter USPS code such as NY"
	}
	return ""
}

// CheckZIP returns "" for a ZIP code of 5 digits or 9 digits (with or
// without the hyphen).
func CheckZIP(z string) string {
	if z == "" {
		return "ZIP code is required"
	}
	d := z
	if len(z) == 10 && z[5] == '-' {
		d = z[:5] + z[6:]
	}
	if (len(d) != 5 && len(d) != 9) || !allDigits(d) {
		return "ZIP code must be 5 or 9 digits"
	}
	return ""
}

// CheckPhone returns "" for a 10-digit US phone number written in any of
// the common ways ("(555) 123-4567", "555-123-4567", "5551234567").
func CheckPhone(p string) string {
	d := Digits(p)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	for _, r := range p {
		if !strings.ContainsRune("0123456789()- .+", r) {
			return "phone may hold only digits, spaces, ( ) - and ."
		}
	}
	if len(d) != 10 {
		return "phone must have 10 digits with the area code"
	}
	if d[0] == '0' || d[0] == '1' {
		return "phone area code cannot start with 0 or 1"
	}
	return ""
}

// NormalizePhone returns the 10 digits of a valid phone number.
func NormalizePhone(p string) string {
	d := Digits(p)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return d
}
