package codeset

import (
	"bytes"
	"io"
	"strings"
	"time"

	"claimdesk/internal/claimdesk"
)

// HCPCS Level II record layout (HCPC2026_recordlayout.txt), 0-based
// offsets, end exclusive. Records are cut by column: lines may be shorter
// or longer than the nominal 320 characters.
const (
	hcCodeEnd   = 5   // 1–5 code; a modifier sits in 4–5
	hcRecID     = 10  // 11 record identification code
	hcLong      = 11  // 12–91 long description
	hcLongEnd   = 91  //
	hcShortEnd  = 119 // 92–119 short description
	hcAdd       = 268 // 269–276 add date
	hcActEff    = 276 // 277–284 action effective date
	hcTerm      = 284 // 285–292 termination date
	hcAction    = 292 // 293 action code
	hcMinRecord = hcRecID + 1
)

// HCPCSFile is the content of one HCPCS Level II quarterly file.
type HCPCSFile struct {
	Codes     []claimdesk.CodeEntry
	Modifiers []claimdesk.Modifier
}

func col(b []byte, from, to int) []byte {
	if from >= len(b) {
		return nil
	}
	if to > len(b) {
		to = len(b)
	}
	return b[from:to]
}

// parseYMD reads YYYYMMDD; blank gives the zero Date.
func parseYMD(b []byte) (claimdesk.Date, error) {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return claimdesk.Date{}, nil
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return claimdesk.Date{}, detail(ErrBadDate, "%q", s)
	}
	return claimdesk.DateOf(t), nil
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != ""
}

// joinDesc appends a continuation line to a long description.
func joinDesc(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

// ReadHCPCS reads an HCPCS Level II quarterly fixed-width file
// (HCPC2026_JAN_ANWEB_*.txt). Procedure records (type 3) and their
// continuations (4) become Codes; modifier records (7, 8) become Modifiers.
// Continuation records are joined to the long description with a space.
// Every HCPCS code is billable; its validity on a date of service is
// bounded by Effective (the add date) and Terminated (last valid day).
func ReadHCPCS(r io.Reader, file, release string) (*HCPCSFile, error) {
	out := &HCPCSFile{}
	var last string // code of the last first record, with its type
	var lastType byte
	err := lines(r, func(n int, b []byte) error {
		if len(b) < hcMinRecord {
			return perr(file, n, "record id", ErrShortLine)
		}
		typ := b[hcRecID]
		var code string
		switch typ {
		case '3', '4':
			code = string(bytes.TrimRight(b[:hcCodeEnd], " "))
			if len(code) != 5 || !alnum(code) {
				return perr(file, n, "code", detail(ErrBadCode, "%q", b[:hcCodeEnd]))
			}
		case '7', '8':
			if strings.TrimSpace(string(b[:3])) != "" {
				return perr(file, n, "modifier", detail(ErrBadCode, "%q: columns 1-3 must be blank", b[:hcCodeEnd]))
			}
			code = string(b[3:hcCodeEnd])
			if !alnum(code) {
				return perr(file, n, "modifier", detail(ErrBadCode, "%q", code))
			}
		default:
			return perr(file, n, "record id", detail(ErrBadRecord, "%q", typ))
		}
		long := trimField(col(b, hcLong, hcLongEnd))
		switch typ {
		case '4', '8':
			first := byte('3')
			if typ == '8' {
				first = '7'
			}
			if last != code || lastType != first {
				return perr(file, n, "record id", detail(ErrOrphan, "%s", code))
			}
			if typ == '4' {
				c := &out.Codes[len(out.Codes)-1]
				c.Title = joinDesc(c.Title, long)
			} else {
				m := &out.Modifiers[len(out.Modifiers)-1]
				m.Title = joinDesc(m.Title, long)
			}
			return nil
		}
		last, lastType = code, typ
		short := trimField(col(b, hcLongEnd, hcShortEnd))
		added, err := parseYMD(col(b, hcAdd, hcAdd+8))
		if err != nil {
			return perr(file, n, "add date", err)
		}
		eff, err := parseYMD(col(b, hcActEff, hcActEff+8))
		if err != nil {
			return perr(file, n, "action effective date", err)
		}
		term, err := parseYMD(col(b, hcTerm, hcTerm+8))
		if err != nil {
			return perr(file, n, "termination date", err)
		}
		action := trimField(col(b, hcAction, hcAction+1))
		if long == "" && short == "" {
			return perr(file, n, "long description", ErrMissing)
		}
		if typ == '7' {
			out.Modifiers = append(out.Modifiers, claimdesk.Modifier{
				Code: code, Title: long, Short: short,
				Effective: added, Terminated: term, Release: release,
			})
			return nil
		}
		out.Codes = append(out.Codes, claimdesk.CodeEntry{
			Code: claimdesk.Code{
				System:     claimdesk.SystemHCPCS,
				Code:       code,
				Title:      long,
				Short:      short,
				Billable:   true,
				Release:    release,
				Effective:  added,
				Terminated: term,
			},
			Order:           n,
			Added:           added,
			ActionEffective: eff,
			Action:          action,
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out.Codes) == 0 && len(out.Modifiers) == 0 {
		return nil, perr(file, 0, "", ErrEmpty)
	}
	return out, nil
}
