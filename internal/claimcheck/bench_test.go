package claimcheck_test

import (
	"path/filepath"
	"testing"

	"claimdesk/internal/claimcheck"
)

// BenchmarkCheck checks typical claims with the full official code sets
// loaded (FY2026 ICD-10-CM with FY2021 Tabular notes, HCPCS 2026, POS, a
// procedure list): the encounter screen runs it on every edit, so the goal
// is ≤ 100 µs per claim.
func BenchmarkCheck(b *testing.B) {
	ref := realRef(b).Reference()
	for _, name := range []string{
		"clean/commercial-sore-throat",    // 2 dx, 2 lines, FY2027 date warning
		"clean/diabetic-ckd-in-order",     // Medicare, 3 dx with Code first notes, 4 lines
		"clean/tricare-ankle-sprain-xray", // injury with 7th character and external cause
		"bad/dx-excludes1-type1-type2-diabetes",
		"bad/dx-thirteen", // 13 diagnoses: the most notes to read
	} {
		cd := decodeFileB(b, filepath.Join("testdata", "corpus", name+".json"))
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				claimcheck.Check(b.Context(), cd, ref, corpusToday)
			}
		})
	}
}
