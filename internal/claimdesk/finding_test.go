package claimdesk

import (
	"errors"
	"strings"
	"testing"
)

func TestFindings(t *testing.T) {
	warn := Finding{Rule: "line-fee", Severity: SeverityWarning, Box: "24F", Field: "encounter.lines[0].charge", Message: "Box 24F: fee differs."}
	errF := Finding{Rule: "billing-npi", Severity: SeverityError, Box: "33a", Field: "practice.npi", Message: "Box 33a: check digit."}
	tests := []struct {
		name   string
		fs     Findings
		errs   int
		hasErr bool
	}{
		{"none", nil, 0, false},
		{"warnings only", Findings{warn, warn}, 0, false},
		{"an error", Findings{warn, errF}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fs.HasErrors(); got != tt.hasErr {
				t.Errorf("HasErrors = %v", got)
			}
			if got := len(tt.fs.Errors()); got != tt.errs {
				t.Errorf("Errors = %d", got)
			}
			err := tt.fs.Err()
			if (err != nil) != tt.hasErr {
				t.Fatalf("Err = %v", err)
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Code != EInvalid || !strings.Contains(e.Message, "\n- Box 33a: check digit.") || strings.Contains(e.Message, "fee differs") {
					t.Errorf("Err = %q", err)
				}
			}
		})
	}
	if s := errF.String(); s != "error [box 33a] practice.npi: Box 33a: check digit. (billing-npi)" {
		t.Errorf("String = %q", s)
	}
}
