package codeset

import (
	"io"
	"strings"

	"claimdesk/internal/claimdesk"
)

// ReadStarter reads the starter code list (resources/starter_codes.tsv):
// a header line, then system<TAB>code<TAB>billable<TAB>short<TAB>title,
// system being icd10cm or hcpcs. It returns the codes per system in file
// order, each with Release set to release.
func ReadStarter(r io.Reader, file, release string) (map[claimdesk.CodeSystem][]claimdesk.CodeEntry, error) {
	out := map[claimdesk.CodeSystem][]claimdesk.CodeEntry{}
	header := true
	err := lines(r, func(n int, b []byte) error {
		if header {
			header = false
			if strings.HasPrefix(string(b), "system\t") {
				return nil
			}
		}
		f := strings.Split(string(b), "\t")
		if len(f) != 5 {
			return perr(file, n, "", detail(ErrBadStructure, "want 5 tab-separated columns, got %d", len(f)))
		}
		sys := claimdesk.CodeSystem(f[0])
		code := strings.TrimSpace(f[1])
		switch sys {
		case claimdesk.SystemICD10CM:
			if !validICD(strings.Replace(code, ".", "", 1)) || claimdesk.DottedICD(code) != code {
				return perr(file, n, "code", detail(ErrBadCode, "%q", code))
			}
		case claimdesk.SystemHCPCS:
			if len(code) != 5 || !alnum(code) {
				return perr(file, n, "code", detail(ErrBadCode, "%q", code))
			}
		default:
			return perr(file, n, "system", detail(ErrBadStructure, "system %q", f[0]))
		}
		if f[2] != "0" && f[2] != "1" {
			return perr(file, n, "billable", ErrBadFlag)
		}
		if strings.TrimSpace(f[4]) == "" {
			return perr(file, n, "title", ErrMissing)
		}
		out[sys] = append(out[sys], claimdesk.CodeEntry{Code: claimdesk.Code{
			System: sys, Code: code, Billable: f[2] == "1", Short: strings.TrimSpace(f[3]), Title: strings.TrimSpace(f[4]), Release: release,
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
