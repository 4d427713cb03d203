package codesearch_test

import (
	"context"
	"testing"

	"claimdesk/internal/codesearch"
)

// BenchmarkBuild builds the full index (FY2026 ICD-10-CM with index and
// inclusion terms, HCPCS 2026).
func BenchmarkBuild(b *testing.B) {
	src := fullSource(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := codesearch.Build(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}
