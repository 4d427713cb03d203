package claimdesk

import "testing"

func TestCheckNPI(t *testing.T) {
	tests := []struct {
		name, npi string
		ok        bool
	}{
		{"valid CMS example", "1234567893", true},
		{"valid organisation", "1245319599", true},
		{"valid starting with 2", "2000000002", true},
		{"bad check digit", "1234567890", false},
		{"nine digits", "123456789", false},
		{"eleven digits", "12345678931", false},
		{"letters", "12345A7893", false},
		{"starts with 3", "3234567893", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckNPI(tt.npi); (got == "") != tt.ok {
				t.Errorf("CheckNPI(%q) = %q, want ok=%v", tt.npi, got, tt.ok)
			}
		})
	}
}

func TestNPICheckDigitMatchesLuhnWithPrefix(t *testing.T) {
	// Independent Luhn over "80840"+first9+check: every generated NPI must pass.
	luhn := func(s string) bool {
		sum, dbl := 0, false
		for i := len(s) - 1; i >= 0; i-- {
			d := int(s[i] - '0')
			if dbl {
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			sum += d
			dbl = !dbl
		}
		return sum%10 == 0
	}
	for _, f := range []string{"123456789", "100000000", "199999999", "154321987", "200000000"} {
		npi := f + string(NPICheckDigit(f))
		if !luhn("80840" + npi) {
			t.Errorf("NPI %s fails Luhn with prefix", npi)
		}
		if CheckNPI(npi) != "" {
			t.Errorf("CheckNPI(%s) = %q", npi, CheckNPI(npi))
		}
	}
}

func TestCheckEIN(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"12-3456789", true}, {"123456789", true}, {"1-23456789", false}, {"12-345678", false},
		{"00-1234567", false}, {"12-34567AB", false}, {"", false},
	}
	for _, tt := range tests {
		if got := CheckEIN(tt.in); (got == "") != tt.ok {
			t.Errorf("CheckEIN(%q) = %q, want ok=%v", tt.in, got, tt.ok)
		}
	}
}

func TestCheckSSN(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"123-45-6789", true}, {"123456789", true}, {"000-12-3456", false}, {"666-12-3456", false},
		{"912-34-5678", false}, {"123-00-4567", false}, {"123-45-0000", false}, {"12-345-6789", false}, {"12345678", false},
	}
	for _, tt := range tests {
		if got := CheckSSN(tt.in); (got == "") != tt.ok {
			t.Errorf("CheckSSN(%q) = %q, want ok=%v", tt.in, got, tt.ok)
		}
	}
}

func TestCheckStateZIPPhone(t *testing.T) {
	for _, tt := range []struct {
		f  func(string) string
		in string
		ok bool
	}{
		{CheckState, "NY", true}, {CheckState, "DC", true}, {CheckState, "PR", true}, {CheckState, "ny", false},
		{CheckState, "XX", false}, {CheckState, "", false},
		{CheckZIP, "12345", true}, {CheckZIP, "123456789", true}, {CheckZIP, "12345-6789", true},
		{CheckZIP, "1234", false}, {CheckZIP, "123456", false}, {CheckZIP, "1234A", false}, {CheckZIP, "", false},
		{CheckPhone, "(555) 201-4477", true}, {CheckPhone, "555-201-4477", true}, {CheckPhone, "5552014477", true},
		{CheckPhone, "1 555 201 4477", true}, {CheckPhone, "201-4477", false}, {CheckPhone, "(055) 201-4477", false},
		{CheckPhone, "555-201-447x", false},
	} {
		if got := tt.f(tt.in); (got == "") != tt.ok {
			t.Errorf("check(%q) = %q, want ok=%v", tt.in, got, tt.ok)
		}
	}
}

func TestCheckTaxonomy(t *testing.T) {
	if CheckTaxonomy("207Q00000X") != "" || CheckTaxonomy("207Q00000") == "" || CheckTaxonomy("207q00000X") == "" {
		t.Error("taxonomy check wrong")
	}
}
