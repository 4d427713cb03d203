package claimdesk

import (
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the ISO layout dates are stored and exchanged in.
const DateLayout = "2006-01-02"

// Date is a calendar day (a birth date, a date of service). It wraps a
// time.Time at midnight UTC; the zero Date means "not given".
type Date struct{ time.Time }

// NewDate returns the day y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads "YYYY-MM-DD"; the empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for constants in tests and seed data; it panics on
// bad input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// AddDays returns the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{d.Time.AddDate(0, 0, n)} }

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time.Sub(d.Time).Hours() / 24)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Time.After(e.Time) }

// Equal reports whether d and e are the same day.
func (d Date) Equal(e Date) bool { return d.Time.Equal(e.Time) }

// AgeOn returns the age in whole years of someone born on d, on day on.
func (d Date) AgeOn(on Date) int {
	years := on.Year() - d.Year()
	if on.Month() < d.Month() || (on.Month() == d.Month() && on.Day() < d.Day()) {
		years--
	}
	return years
}

// MarshalJSON writes "YYYY-MM-DD", or "" for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD" or "".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: want a string YYYY-MM-DD")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
