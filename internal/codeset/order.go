package codeset

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Column layout of the ICD-10-CM order file (0-based, end exclusive):
// order number 1–5, code 7–13, flag 15, short title 17–76, long title
// from 78 (1-based).
const (
	ordNoEnd     = 5
	ordCodeStart = 6
	ordCodeEnd   = 13
	ordFlag      = 14
	ordShort     = 16
	ordShortEnd  = 76
	ordLong      = 77
)

// lines calls fn for each line of r without its line end (LF or CRLF),
// with its 1-based number. Fully blank lines are skipped.
func lines(r io.Reader, fn func(n int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		b := bytes.TrimRight(sc.Bytes(), "\r")
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	return sc.Err()
}

// validICD reports whether s (without dot) looks like an ICD-10-CM code or
// header: a letter, a digit or letter, then up to 5 letters or digits.
func validICD(s string) bool {
	if len(s) < 3 || len(s) > 7 {
		return false
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func trimField(b []byte) string { return string(bytes.TrimSpace(b)) }

// ReadOrder reads an ICD-10-CM order file (icd10cm_order_YYYY.txt) and calls
// fn for every code and header in file order. Each entry's Release is
// release; Order is the file's order number. file names the input in
// errors.
func ReadOrder(r io.Reader, file, release string, fn func(claimdesk.CodeEntry) error) error {
	count := 0
	err := lines(r, func(n int, b []byte) error {
		if len(b) < ordLong+1 {
			return perr(file, n, "long title", ErrShortLine)
		}
		ord, err := strconv.Atoi(string(bytes.TrimSpace(b[:ordNoEnd])))
		if err != nil || ord < 0 {
			return perr(file, n, "order number", detail(ErrBadNumber, "%q", b[:ordNoEnd]))
		}
		if b[ordNoEnd] != ' ' || b[ordCodeEnd] != ' ' {
			return perr(file, n, "code", detail(ErrBadCode, "fields out of column"))
		}
		code := trimField(b[ordCodeStart:ordCodeEnd])
		if !validICD(code) {
			return perr(file, n, "code", detail(ErrBadCode, "%q", code))
		}
		var billable bool
		switch b[ordFlag] {
		case '1':
			billable = true
		case '0':
		default:
			return perr(file, n, "billable flag", ErrBadFlag)
		}
		short := trimField(b[ordShort:ordShortEnd])
		long := trimField(b[ordLong:])
		if short == "" {
			return perr(file, n, "short title", ErrMissing)
		}
		if long == "" {
			return perr(file, n, "long title", ErrMissing)
		}
		count++
		return fn(claimdesk.CodeEntry{
			Code: claimdesk.Code{
				System:   claimdesk.SystemICD10CM,
				Code:     claimdesk.DottedICD(code),
				Title:    long,
				Short:    short,
				Billable: billable,
				Release:  release,
			},
			Order: ord,
		})
	})
	if err != nil {
		return err
	}
	if count == 0 {
		return perr(file, 0, "", ErrEmpty)
	}
	return nil
}

// ReadCodes reads an ICD-10-CM codes file (icd10cm_codes_YYYY.txt: billable
// codes only, code in columns 1–7, long title from column 9) and calls fn
// for each code. Short titles are not in this file; Short is left empty.
func ReadCodes(r io.Reader, file, release string, fn func(claimdesk.CodeEntry) error) error {
	count := 0
	err := lines(r, func(n int, b []byte) error {
		if len(b) < 9 {
			return perr(file, n, "title", ErrShortLine)
		}
		code := trimField(b[:8])
		if !validICD(code) || strings.ContainsRune(string(b[:8]), '\t') {
			return perr(file, n, "code", detail(ErrBadCode, "%q", code))
		}
		long := trimField(b[8:])
		if long == "" {
			return perr(file, n, "title", ErrMissing)
		}
		count++
		return fn(claimdesk.CodeEntry{
			Code: claimdesk.Code{
				System:   claimdesk.SystemICD10CM,
				Code:     claimdesk.DottedICD(code),
				Title:    long,
				Billable: true,
				Release:  release,
			},
			Order: count,
		})
	})
	if err != nil {
		return err
	}
	if count == 0 {
		return perr(file, 0, "", ErrEmpty)
	}
	return nil
}
