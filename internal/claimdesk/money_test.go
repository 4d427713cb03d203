package claimdesk

import (
	"errors"
	"testing"
)

func TestParseCents(t *testing.T) {
	tests := []struct {
		in   string
		want Cents
		err  bool
	}{
		{"125", 12500, false}, {"125.5", 12550, false}, {"125.50", 12550, false}, {"$1,250.00", 125000, false},
		{"-3.20", -320, false}, {".75", 75, false}, {"0", 0, false},
		{"", 0, true}, {"12.345", 0, true}, {"abc", 0, true}, {"1.", 0, true}, {"1e3", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseCents(tt.in)
		if tt.err {
			if !errors.Is(err, ErrBadAmount) {
				t.Errorf("ParseCents(%q) err = %v, want ErrBadAmount", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	if s := Cents(125050).String(); s != "1250.50" {
		t.Errorf("String = %s", s)
	}
	if s := Cents(-5).String(); s != "-0.05" {
		t.Errorf("String = %s", s)
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		in   string
		want Units
		err  bool
	}{
		{"1", 1000, false}, {"2.5", 2500, false}, {"0.125", 125, false}, {"10", 10000, false},
		{"1.2345", 0, true}, {"", 0, true}, {"x", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseUnits(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseUnits(%q) = %d, %v", tt.in, got, err)
		}
		if !tt.err && got.String() != tt.in {
			t.Errorf("String(%d) = %s, want %s", got, got.String(), tt.in)
		}
	}
	if c := Cents(1999).Times(2500); c != 4998 {
		t.Errorf("19.99 x 2.5 = %d, want 4998 (49.975 rounds half up)", c)
	}
}

func FuzzParseCents(f *testing.F) {
	for _, s := range []string{"1", "1.50", "$1,000.00", "-2", "abc", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCents(s)
		if err != nil {
			return
		}
		back, err := ParseCents(c.String())
		if err != nil || back != c {
			t.Fatalf("round trip %q -> %d -> %q -> %d, %v", s, c, c.String(), back, err)
		}
	})
}
