package codeset

import (
	"bytes"
	"errors"
	"testing"
)

// checkErrLine asserts err is a *ParseError naming file and a line that
// exists in input (0 allowed for whole-file errors).
func checkErrLine(t *testing.T, err error, file string, input []byte) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.File != file {
		t.Fatalf("error names file %q, want %q", pe.File, file)
	}
	n := bytes.Count(input, []byte("\n"))
	if len(input) > 0 && input[len(input)-1] != '\n' {
		n++
	}
	if pe.Line < 0 || pe.Line > n {
		t.Fatalf("error names line %d, input has %d lines: %v", pe.Line, n, err)
	}
	if pe.Err == nil {
		t.Fatalf("ParseError without cause")
	}
}
