package codesearch_test

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"claimdesk/internal/codesearch"
)

// BenchmarkBuild builds the full index (FY2026 ICD-10-CM with index and
// inclusion terms, HCPCS 2026).
func BenchmarkBuild(b *testing.B) {
	src := fullSource(b)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		c0 := threadCPU()
		if _, err := codesearch.Build(context.Background(), src); err != nil {
			b.Fatal(err)
		}
		cpu += threadCPU() - c0
		n++
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "thread-cpu-ms")
}

// benchQueries returns the relevance queries and 1- to 3-letter prefixes.
func benchQueries(tb testing.TB) []string {
	var qs []string
	for _, q := range readRelevance(tb, "testdata/relevance.tsv") {
		qs = append(qs, q.query)
	}
	for _, p := range []string{"a", "d", "e", "h", "m", "p", "s", "z", "di", "hy", "fr", "pa", "ab", "co", "in", "j3", "e1", "dia", "hyp", "fra", "pai", "abd", "cou", "inj", "s52", "e11", "j33"} {
		qs = append(qs, p)
	}
	return qs
}

// BenchmarkSearch runs every benchmark query once per iteration and
// reports the median and 99th percentile latency of single queries.
func BenchmarkSearch(b *testing.B) {
	ix := fullIndex(b)
	qs := benchQueries(b)
	var lat, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			c0, t0 := threadCPU(), time.Now()
			ix.Search(q, codesearch.Options{Limit: 20})
			lat = append(lat, time.Since(t0))
			cpu = append(cpu, threadCPU()-c0)
		}
	}
	slices.Sort(lat)
	slices.Sort(cpu)
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	b.ReportMetric(us(lat[len(lat)/2]), "median-µs")
	b.ReportMetric(us(lat[len(lat)*99/100]), "p99-µs")
	b.ReportMetric(us(cpu[len(cpu)/2]), "cpu-median-µs")
	b.ReportMetric(us(cpu[len(cpu)*99/100]), "cpu-p99-µs")
	b.ReportMetric(float64(len(qs)), "queries/op")
}
