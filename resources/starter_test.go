package resources_test

import (
	"bytes"
	"os"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
	"claimdesk/internal/shareddata"
	"claimdesk/resources"
)

// TestStarterMatchesOfficialFiles checks every starter entry against the
// official FY2026 ICD-10-CM order file and the January 2026 HCPCS file:
// the code exists (HCPCS: not terminated before 2026-01-01), with the same
// billable flag, short title and long title.
func TestStarterMatchesOfficialFiles(t *testing.T) {
	bySys, err := codeset.ReadStarter(bytes.NewReader(resources.StarterCodes), "starter_codes.tsv", "")
	if err != nil {
		t.Fatal(err)
	}
	icd, hc := bySys[claimdesk.SystemICD10CM], bySys[claimdesk.SystemHCPCS]
	if len(icd) < 200 || len(hc) < 50 {
		t.Fatalf("starter list has %d ICD-10-CM and %d HCPCS codes; want a few hundred", len(icd), len(hc))
	}
	official := map[string]claimdesk.CodeEntry{}
	f, err := os.Open(shareddata.Path(t, "codesets/icd10cm/icd10cm_order_2026.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := codeset.ReadOrder(f, "icd10cm_order_2026.txt", "", func(e claimdesk.CodeEntry) error {
		official["icd10cm "+e.Code.Code] = e
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	h, err := os.Open(shareddata.Path(t, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	hf, err := codeset.ReadHCPCS(h, "HCPC2026_JAN_ANWEB_01122026.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	jan1 := claimdesk.MustDate("2026-01-01")
	for _, c := range hf.Codes {
		if c.Terminated.IsZero() || !c.Terminated.Before(jan1) {
			official["hcpcs "+c.Code.Code] = c
		}
	}
	seen := map[string]bool{}
	for _, list := range [][]claimdesk.CodeEntry{icd, hc} {
		for _, s := range list {
			key := string(s.System) + " " + s.Code.Code
			if seen[key] {
				t.Errorf("%s listed twice", key)
			}
			seen[key] = true
			o, ok := official[key]
			switch {
			case !ok:
				t.Errorf("%s is not in the official files", key)
			case o.Title != s.Title || o.Short != s.Short || o.Billable != s.Billable:
				t.Errorf("%s = %q / %q / %v, official %q / %q / %v", key, s.Short, s.Title, s.Billable, o.Short, o.Title, o.Billable)
			}
		}
	}
}
