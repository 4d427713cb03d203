package claimdesk

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount of money in US cents. Money is never held as a float.
type Cents int64

// ErrBadAmount is returned by ParseCents for text that is not an amount.
var ErrBadAmount = errors.New("not an amount of dollars and cents")

// ParseCents reads "125", "125.5", "125.50", "$1,250.00" or "-3.20" without
// going through float64. More than two decimals is an error.
func ParseCents(s string) (Cents, error) {
	t := strings.TrimSpace(s)
	t = strings.ReplaceAll(t, ",", "")
	t = strings.TrimPrefix(t, "$")
	neg := false
	if strings.HasPrefix(t, "-") {
		neg = true
		t = t[1:]
	}
	if t == "" {
		return 0, fmt.Errorf("%q: %w", s, ErrBadAmount)
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if hasDot && (len(frac) == 0 || len(frac) > 2) {
		return 0, fmt.Errorf("%q: %w", s, ErrBadAmount)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 15 {
		return 0, fmt.Errorf("%q: %w", s, ErrBadAmount)
	}
	d, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, ErrBadAmount)
	}
	c, _ := strconv.ParseInt(frac, 10, 64)
	v := Cents(d*100 + c)
	if neg {
		v = -v
	}
	return v, nil
}

// String formats the amount as "1250.00" (no currency sign, no separators).
func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Dollars returns the whole-dollar part of a non-negative amount.
func (c Cents) Dollars() int64 { return int64(c) / 100 }

// CentsPart returns the cents part (0–99) of a non-negative amount.
func (c Cents) CentsPart() int64 { return int64(c) % 100 }

// Units is a quantity held exactly as thousandths (1.5 units = 1500).
// Service-line units and NDC quantities use it.
type Units int64

// UnitsScale is the number of Units in one whole unit.
const UnitsScale = 1000

// ErrBadUnits is returned by ParseUnits for text that is not a quantity.
var ErrBadUnits = errors.New("not a quantity (up to 3 decimals)")

// WholeUnits returns n whole units.
func WholeUnits(n int64) Units { return Units(n * UnitsScale) }

// ParseUnits reads "1", "2.5" or "0.125" exactly.
func ParseUnits(s string) (Units, error) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if t == "" || (hasDot && (len(frac) == 0 || len(frac) > 3)) || !allDigits(whole) || !allDigits(frac) || len(whole) > 12 {
		return 0, fmt.Errorf("%q: %w", s, ErrBadUnits)
	}
	for len(frac) < 3 {
		frac += "0"
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := Units(w*UnitsScale + f)
	if neg {
		v = -v
	}
	return v, nil
}

// String formats units with only the decimals needed: "1", "2.5", "0.125".
func (u Units) String() string {
	sign := ""
	v := int64(u)
	if v < 0 {
		sign = "-"
		v = -v
	}
	w, f := v/UnitsScale, v%UnitsScale
	if f == 0 {
		return fmt.Sprintf("%s%d", sign, w)
	}
	s := strings.TrimRight(fmt.Sprintf("%03d", f), "0")
	return fmt.Sprintf("%s%d.%s", sign, w, s)
}

// MarshalText writes units as their decimal text.
func (u Units) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads units from decimal text.
func (u *Units) UnmarshalText(b []byte) error {
	v, err := ParseUnits(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// Times returns the charge for u units at price c per unit, rounded half up
// to the cent.
func (c Cents) Times(u Units) Cents {
	p := int64(c) * int64(u)
	if p >= 0 {
		return Cents((p + UnitsScale/2) / UnitsScale)
	}
	return Cents((p - UnitsScale/2) / UnitsScale)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
