package codeset

import (
	"errors"
	"fmt"
)

// Failure kinds; a *ParseError wraps one of them, so callers test with
// errors.Is.
var (
	ErrShortLine    = errors.New("line too short")
	ErrBadCode      = errors.New("malformed code")
	ErrBadFlag      = errors.New("billable flag must be 0 or 1")
	ErrBadNumber    = errors.New("not a number")
	ErrBadDate      = errors.New("malformed date (want YYYYMMDD)")
	ErrBadRecord    = errors.New("unknown record type")
	ErrOrphan       = errors.New("continuation record without its first record")
	ErrMissing      = errors.New("required field is empty")
	ErrBadXML       = errors.New("malformed XML")
	ErrBadFee       = errors.New("malformed fee")
	ErrDuplicate    = errors.New("duplicate code")
	ErrUnknownFile  = errors.New("not a code set file ClaimDesk knows")
	ErrNoRelease    = errors.New("cannot tell the release from the file name or content")
	ErrEmpty        = errors.New("file holds no codes")
	ErrBadStructure = errors.New("unexpected structure")
)

// ParseError reports bad input in an outside file: which file, which line
// (1-based; 0 when unknown), which field, and why.
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

// Error prints like "icd10cm_order_2026.txt line 1042 field code: malformed code".
func (e *ParseError) Error() string {
	s := e.File
	if s == "" {
		s = "input"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" line %d", e.Line)
	}
	if e.Field != "" {
		s += " field " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the failure kind.
func (e *ParseError) Unwrap() error { return e.Err }

func perr(file string, line int, field string, err error) *ParseError {
	return &ParseError{File: file, Line: line, Field: field, Err: err}
}

// detail wraps a sentinel with a detail while keeping errors.Is working.
func detail(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
