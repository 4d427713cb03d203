package claimcheck

// cptModifiers are the CPT Level I modifiers (CPT Appendix A), which the
// HCPCS Level II file does not carry: two digits for most, plus the
// anesthesia physical status modifiers P1–P6 and the Category II
// performance measure exclusion modifiers 1P, 2P, 3P and 8P. The
// HCPCS Level II modifiers (XE, XP, XS, XU, LT, RT, GT, QW, ...) come from
// the HCPCS file through Reference.Modifiers.
var cptModifiers = map[string]bool{}

func init() {
	for _, m := range []string{
		"22", "23", "24", "25", "26", "27", "32", "33", "47", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59",
		"62", "63", "66", "73", "74", "76", "77", "78", "79", "80", "81", "82", "90", "91", "92", "93", "95", "96", "97", "99",
		"P1", "P2", "P3", "P4", "P5", "P6", "1P", "2P", "3P", "8P",
	} {
		cptModifiers[m] = true
	}
}

// knownCPTModifier reports whether m (upper case) is a CPT modifier.
func knownCPTModifier(m string) bool { return cptModifiers[m] }
