package codeset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"claimdesk/internal/claimdesk"
)

// ValidCPT reports whether s has the CPT code format: five digits
// (99213), or four digits and F, T or U (3074F, 0042T, 0001U).
func ValidCPT(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	c := s[4]
	return c >= '0' && c <= '9' || c == 'F' || c == 'T' || c == 'U'
}

// cptColumns maps header names to CPT columns.
var cptColumns = map[string]string{
	"code": "code", "cpt": "code", "cpt code": "code", "cpt_code": "code", "hcpcs": "code",
	"descriptor": "long", "description": "long", "long": "long", "long descriptor": "long", "long description": "long", "long_description": "long",
	"short": "short", "short descriptor": "short", "short description": "short", "short_description": "short",
	"medium": "medium", "medium descriptor": "medium", "medium description": "medium",
}

// ReadCPT reads the practice's licensed CPT file: tab-delimited, one code
// per line. Accepted shapes (see docs/codesets.md):
//
//   - code<TAB>descriptor
//   - code<TAB>short<TAB>medium<TAB>long... with a header line naming the
//     columns (code/cpt, short, medium, long/descriptor/description);
//     without a header, 3 columns are code, short, long and 4 or more are
//     code, short, medium, long.
//
// A first line whose first field is not a CPT code is taken as the header.
// The title is the long descriptor (or the only one given); Short is the
// short (or medium) one.
func ReadCPT(r io.Reader, file, release string) ([]claimdesk.CodeEntry, error) {
	var out []claimdesk.CodeEntry
	cols := map[string]int{}
	seen := map[string]bool{}
	err := lines(r, func(n int, b []byte) error {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		f := strings.Split(string(b), "\t")
		for i := range f {
			f[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(f[i]), `"`))
		}
		if len(out) == 0 && len(cols) == 0 && !ValidCPT(strings.ToUpper(f[0])) {
			for i, h := range f {
				if c, ok := cptColumns[strings.ToLower(h)]; ok {
					if _, dup := cols[c]; !dup {
						cols[c] = i
					}
				}
			}
			if _, ok := cols["code"]; ok {
				return nil
			}
			if len(f) < 2 {
				return perr(file, n, "code", detail(ErrBadCode, "%q", f[0]))
			}
			return perr(file, n, "header", detail(ErrBadStructure, "first line is neither a CPT code nor a header naming a code column"))
		}
		get := func(c string) string {
			if i, ok := cols[c]; ok && i < len(f) {
				return f[i]
			}
			return ""
		}
		var code, short, long string
		if len(cols) > 0 {
			code, short, long = get("code"), get("short"), get("long")
			if short == "" {
				short = get("medium")
			}
			if long == "" {
				long = get("medium")
			}
		} else {
			code = f[0]
			switch len(f) {
			case 1:
			case 2:
				long = f[1]
			case 3:
				short, long = f[1], f[2]
			default:
				short, long = f[1], f[3]
			}
		}
		code = strings.ToUpper(code)
		if !ValidCPT(code) {
			return perr(file, n, "code", detail(ErrBadCode, "%q", code))
		}
		if long == "" {
			long = short
		}
		if long == "" {
			return perr(file, n, "descriptor", ErrMissing)
		}
		if seen[code] {
			return perr(file, n, "code", detail(ErrDuplicate, "%s", code))
		}
		seen[code] = true
		out = append(out, claimdesk.CodeEntry{Code: claimdesk.Code{
			System: claimdesk.SystemCPT, Code: code, Title: long, Short: short, Billable: true, Release: release,
		}, Order: n})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, perr(file, 0, "", ErrEmpty)
	}
	return out, nil
}

// ReadProcedures reads the practice's own procedure list CSV: code (CPT
// format), short description, default fee ("125.00", "$125", empty for
// none). A header line (first field not a code, e.g. "code,description,fee")
// is skipped. Later duplicates are an error.
func ReadProcedures(r io.Reader, file string) ([]claimdesk.Procedure, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []claimdesk.Procedure
	seen := map[string]bool{}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, perr(file, pe.StartLine, "", detail(ErrBadStructure, "%v", pe.Err))
			}
			return nil, perr(file, 0, "", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		code := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(rec[0], "\xef\xbb\xbf")))
		if first {
			first = false
			if !ValidCPT(code) && strings.Contains(strings.ToLower(code), "code") {
				continue
			}
		}
		p, err := ParseProcedure(code, field(rec, 1), field(rec, 2))
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.File, pe.Line = file, line
			}
			return nil, err
		}
		if seen[p.Code] {
			return nil, perr(file, line, "code", detail(ErrDuplicate, "%s", p.Code))
		}
		seen[p.Code] = true
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, perr(file, 0, "", ErrEmpty)
	}
	return out, nil
}

func field(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// ParseProcedure checks one procedure list entry: code in CPT format,
// a description, and a fee in dollars ("125", "125.50", "$1,250.00"; empty
// means no default fee). Errors are *ParseError without file and line.
func ParseProcedure(code, desc, fee string) (claimdesk.Procedure, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if !ValidCPT(code) {
		return claimdesk.Procedure{}, perr("", 0, "code", detail(ErrBadCode, "%q: want 5 digits or 4 digits and F, T or U", code))
	}
	desc = collapse(desc)
	if desc == "" {
		return claimdesk.Procedure{}, perr("", 0, "description", ErrMissing)
	}
	var c claimdesk.Cents
	fee = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(fee), "$"), ",", "")
	if fee != "" {
		v, err := claimdesk.ParseCents(fee)
		if err != nil || v < 0 {
			return claimdesk.Procedure{}, perr("", 0, "fee", detail(ErrBadFee, "%q", fee))
		}
		c = v
	}
	return claimdesk.Procedure{Code: code, Short: desc, Fee: c}, nil
}
