package codeset

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claimdesk"
)

var (
	yearRe  = regexp.MustCompile(`(?:^|[^0-9])(20[0-9][0-9])(?:[^0-9]|$)`)
	monthRe = regexp.MustCompile(`(?i)(?:^|[^a-z])(jan|january|apr|april|jul|july|oct|october)(?:[^a-z]|$)`)
	// hcpcsNameRe matches HCPC2026_JAN_ANWEB_01122026.txt.
	hcpcsNameRe = regexp.MustCompile(`(?i)HCPC(20[0-9][0-9])_([A-Z]{3})`)
)

var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"apr": time.April, "april": time.April,
	"jul": time.July, "july": time.July,
	"oct": time.October, "october": time.October,
}

// base returns the last path element of a file or zip member name.
func base(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return path.Base(name)
}

// nameYearMonth finds the first 20xx year and update month in names (most
// specific name last: zip member after zip).
func nameYearMonth(names ...string) (year int, month time.Month) {
	for _, n := range names {
		b := base(n)
		if m := yearRe.FindStringSubmatch(b); m != nil && year == 0 {
			year, _ = strconv.Atoi(m[1])
		}
		if m := monthRe.FindStringSubmatch(b); m != nil && month == 0 {
			month = monthNames[strings.ToLower(m[1])]
		}
	}
	return year, month
}

// ICDRelease returns the ICD-10-CM release named by file names (the zip
// name and the member name, in any order). "2026" (fiscal year 2026) is
// valid 2025-10-01 to 2026-09-30; an update named by a month ("April-2025",
// "Jan-2021", "april-1-2026-...") is valid from the 1st of that month to
// the end of its fiscal year. Source is the last name given.
func ICDRelease(names ...string) (claimdesk.Release, error) {
	year, month := nameYearMonth(names...)
	if year == 0 {
		return claimdesk.Release{}, ErrNoRelease
	}
	return icdReleaseFor(year, month, names...), nil
}

func icdReleaseFor(year int, month time.Month, names ...string) claimdesk.Release {
	r := claimdesk.Release{System: claimdesk.SystemICD10CM}
	if len(names) > 0 {
		r.Source = base(names[len(names)-1])
	}
	fy := year
	switch month {
	case 0, time.October:
		r.Name = "ICD-10-CM FY" + strconv.Itoa(fy)
		r.ValidFrom = claimdesk.NewDate(fy-1, time.October, 1)
	default:
		r.Name = "ICD-10-CM FY" + strconv.Itoa(fy) + " " + month.String() + " update"
		r.ValidFrom = claimdesk.NewDate(year, month, 1)
	}
	r.ValidTo = claimdesk.NewDate(fy, time.September, 30)
	return r
}

// HCPCSRelease returns the HCPCS Level II release named by a file name
// such as HCPC2026_JAN_ANWEB_01122026.txt or
// january-2026-alpha-numeric-hcpcs-file.zip: "HCPCS 2026 Q1 (January)",
// valid from the quarter's first day and open-ended (a later quarter's
// release, starting later, takes over from its own first day; each code
// also carries its own add and termination dates).
func HCPCSRelease(names ...string) (claimdesk.Release, error) {
	var year int
	var month time.Month
	for _, n := range names {
		if m := hcpcsNameRe.FindStringSubmatch(base(n)); m != nil {
			year, _ = strconv.Atoi(m[1])
			month = monthNames[strings.ToLower(m[2])]
		}
	}
	if year == 0 || month == 0 {
		year, month = nameYearMonth(names...)
	}
	if year == 0 || month == 0 {
		return claimdesk.Release{}, ErrNoRelease
	}
	q := (int(month)-1)/3 + 1
	r := claimdesk.Release{
		System:    claimdesk.SystemHCPCS,
		Name:      "HCPCS " + strconv.Itoa(year) + " Q" + strconv.Itoa(q) + " (" + month.String() + ")",
		ValidFrom: claimdesk.NewDate(year, month, 1),
	}
	if len(names) > 0 {
		r.Source = base(names[len(names)-1])
	}
	return r, nil
}
