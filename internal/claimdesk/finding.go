package claimdesk

import (
	"fmt"
	"strings"
)

// Severity says whether a claim check finding blocks the claim.
type Severity string

// Severities of a Finding. An error blocks marking the claim ready, printing
// and exporting; a warning is shown but does not block.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one problem the claim checks found: the rule that found it,
// how serious it is, the CMS-1500 box it concerns ("21", "24E", "33a"), the
// field path the screens map to a widget (the same keys as FieldError paths,
// rooted at ClaimData: "encounter.lines[2].pointers", "patient.dob") and a
// message for a biller that names the box and the field. Messages never
// quote patient data (names, birth dates, member IDs).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Box      string   `json:"box"`
	Field    string   `json:"field"`
	Message  string   `json:"message"`
}

// String prints "error [box 21] encounter.diagnoses[0]: message (rule)".
func (f Finding) String() string {
	return fmt.Sprintf("%s [box %s] %s: %s (%s)", f.Severity, f.Box, f.Field, f.Message, f.Rule)
}

// Findings is the result of checking one claim, in form order.
type Findings []Finding

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the error-severity findings only.
func (fs Findings) Errors() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// Err returns nil when no finding is an error, else an *Error with code
// EInvalid whose message lists every error finding, one per line, so a
// store can refuse to mark the claim ready and say why.
func (fs Findings) Err() error {
	errs := fs.Errors()
	if len(errs) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the claim has %d error(s) to fix first:", len(errs))
	for _, f := range errs {
		b.WriteString("\n- ") // messages name their box
		b.WriteString(f.Message)
	}
	return &Error{Code: EInvalid, Message: b.String()}
}
