package claimdesk

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes a user-facing Error carries.
const (
	EInvalid  = "invalid"
	ENotFound = "not_found"
	EConflict = "conflict"
	EInternal = "internal"
)

// Error is an error meant for the user: a fixed code and a message written
// for a biller. Messages never contain patient data.
type Error struct {
	Code    string
	Message string
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return EInvalid
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err: the *Error's message,
// the field errors, or "Internal error" for anything else.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe.Error()
	}
	return "Internal error"
}

// FieldError is one problem with one field. Path is a stable key such as
// "patient.dob" or "lines[2].modifiers[0]" that screens map to widgets.
type FieldError struct {
	Path    string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors is every problem Validate found, in form order.
type FieldErrors []FieldError

// Error joins the messages, one per line.
func (fe FieldErrors) Error() string {
	var b strings.Builder
	for i, e := range fe {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Path)
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Err returns fe as an error, or nil when it is empty.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// For returns the first message for path, or "".
func (fe FieldErrors) For(path string) string {
	for _, e := range fe {
		if e.Path == path {
			return e.Message
		}
	}
	return ""
}

// add appends a problem when msg is not empty.
func (fe *FieldErrors) add(path, msg string) {
	if msg != "" {
		*fe = append(*fe, FieldError{Path: path, Message: msg})
	}
}

// prefixed appends other's errors with prefix+"." before each path.
func (fe *FieldErrors) prefixed(prefix string, other FieldErrors) {
	for _, e := range other {
		*fe = append(*fe, FieldError{Path: prefix + "." + e.Path, Message: e.Message})
	}
}
