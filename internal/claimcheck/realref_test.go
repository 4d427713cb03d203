package claimcheck_test

import (
	"os"
	"sync"
	"testing"

	"claimdesk/internal/claimcheck"
	"claimdesk/internal/codeset"
	"claimdesk/internal/shareddata"
)

// The corpus, fuzz and benchmark use the real official files, read by the
// code set parsers (internal/codeset): ICD-10-CM FY2026 order file, the
// FY2021 Tabular XML for notes (the only Tabular here; notes attach only
// to codes that exist in FY2026), HCPCS Level II January 2026 and the CMS
// place-of-service list; plus testdata/procedures.csv, a practice
// procedure list in the practice's own words with its fees (no CPT
// descriptors ship with ClaimDesk).

var (
	realOnce sync.Once
	realMem  *claimcheck.MemReference
	realErr  error
)

var realFiles = []string{
	"codesets/icd10cm/icd10cm_order_2026.txt",
	"codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt",
	"codesets/pos/cs-CMS-PlaceofServiceCodes.xml",
	"codesets/icd10cm/icd10cm_tabular_2021.xml", // notes last: they attach to loaded releases
}

// realRef returns the reference built from the official files, loading it
// once per test binary.
func realRef(tb testing.TB) *claimcheck.MemReference {
	tb.Helper()
	paths := make([]string, len(realFiles))
	for i, f := range realFiles {
		paths[i] = shareddata.Path(tb, f)
	}
	realOnce.Do(func() {
		m := claimcheck.NewMemReference()
		for _, p := range paths {
			files, err := codeset.Files(p)
			if err != nil {
				realErr = err
				return
			}
			for _, f := range files {
				if f.Kind == codeset.KindSkip || f.Kind == codeset.KindUnknown {
					continue
				}
				cs, err := codeset.Load(tb.Context(), f, nil)
				if err != nil {
					realErr = err
					return
				}
				m.AddCodeSet(cs)
			}
		}
		fh, err := os.Open("testdata/procedures.csv")
		if err != nil {
			realErr = err
			return
		}
		defer fh.Close()
		procs, err := codeset.ReadProcedures(fh, "procedures.csv")
		if err != nil {
			realErr = err
			return
		}
		for _, p := range procs {
			m.AddProcedure(p)
		}
		realMem = m
	})
	if realErr != nil {
		tb.Fatalf("load reference: %v", realErr)
	}
	return realMem
}
