package cms1500

import (
	"context"
	"io"
	"testing"

	"claimdesk/internal/claimdesk"
)

// benchBatch renders a 1,000-claim batch of single-page claims per
// iteration and reports claims/s and allocations per claim.
func benchBatch(b *testing.B, mode Mode) {
	cd := loadClaim(b, "group")
	src := func(ctx context.Context, i int) (claimdesk.ClaimData, error) { return cd, nil }
	const n = 1000
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		cw := &countWriter{}
		if err := Batch(b.Context(), cw, n, src, FillOptions{Date: printDate}, Options{Mode: mode}, nil); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
	b.ReportMetric(float64(size)/n, "PDFbytes/claim")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

func BenchmarkBatch1000Form(b *testing.B)  { benchBatch(b, ModeForm) }
func BenchmarkBatch1000Plain(b *testing.B) { benchBatch(b, ModePlain) }

func BenchmarkFill(b *testing.B) {
	cd := loadClaim(b, "group")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fill(cd, FillOptions{Date: printDate}); err != nil {
			b.Fatal(err)
		}
	}
}
