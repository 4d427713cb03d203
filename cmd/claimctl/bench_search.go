package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
	"claimdesk/internal/sqlite"
)

func init() {
	register("bench search", "benchmark the code search against SQLite FTS5 on official files [--queries FILE] [--rounds N] FILE...", runBenchSearch)
}

// benchPrefixes are the 1- to 3-letter prefixes every search benchmark
// runs besides its queries (a coder's first keystrokes).
var benchPrefixes = []string{"a", "d", "e", "h", "m", "p", "s", "z", "di", "hy", "fr", "pa", "ab", "co", "in", "j3",
	"e1", "dia", "hyp", "fra", "pai", "abd", "cou", "inj", "s52", "e11", "j33"}

// benchDefaultQueries stand in when --queries is not given.
var benchDefaultQueries = []string{"diab mell 2 hyperglyc", "fx radius distal left init", "heart attack", "htn", "E11.9",
	"e119", "E11", "J330", "hypertenson", "copd exacerbation", "chest pain", "low back pain", "sprain right ankle initial",
	"triamcinolone injection", "dm2 with ckd", "urinary tract infection", "screening mammogram", "acute sinusitis"}

// SearchBench is the result of one search benchmark run.
type SearchBench struct {
	Codes      int     `json:"codes"`
	Synonyms   int     `json:"synonyms"`
	Queries    int     `json:"queries"`
	Rounds     int     `json:"rounds"`
	BuildMS    float64 `json:"build_ms"`
	BuildCPUMS float64 `json:"build_cpu_ms"`
	IndexMB    float64 `json:"index_mb"`
	MedianUS   float64 `json:"median_us"`
	P99US      float64 `json:"p99_us"`
	MeanUS     float64 `json:"mean_us"`
	FTSBuildMS float64 `json:"fts_build_ms"`
	FTSMedian  float64 `json:"fts_median_us"`
	FTSP99     float64 `json:"fts_p99_us"`
	FTSMean    float64 `json:"fts_mean_us"`
	// Ratio is the FTS5 median over the search median (goal ≥ 10).
	Ratio    float64 `json:"ratio_median"`
	RatioP99 float64 `json:"ratio_p99"`
	// CPU figures: the thread's own CPU time per query, which the load
	// of other processes on the machine does not inflate.
	CPUMedianUS    float64 `json:"cpu_median_us"`
	CPUP99US       float64 `json:"cpu_p99_us"`
	FTSCPUMedianUS float64 `json:"fts_cpu_median_us"`
	FTSCPUP99US    float64 `json:"fts_cpu_p99_us"`
	CPURatio       float64 `json:"cpu_ratio_median"`
	// Load is the machine's 1-minute load average when the run ended.
	Load string `json:"load,omitempty"`
}

// timeQueries runs fn on every query rounds times and returns the wall
// and thread CPU time of each run.
func timeQueries(ctx context.Context, queries []string, rounds int, fn func(string) error) (wall, cpu []time.Duration, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for range rounds {
		for _, q := range queries {
			c0, t0 := threadCPU(), time.Now()
			if err := fn(q); err != nil {
				return nil, nil, err
			}
			wall = append(wall, time.Since(t0))
			cpu = append(cpu, threadCPU()-c0)
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
	}
	return wall, cpu, nil
}

// readBenchQueries reads queries, one per line (the first tab-separated
// column; # comments and blank lines skipped).
func readBenchQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// percentiles returns the median, 99th percentile and mean of ds in µs.
func percentiles(ds []time.Duration) (med, p99, mean float64) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	return us(s[len(s)/2]), us(s[min(len(s)-1, len(s)*99/100)]), us(sum) / float64(len(s))
}

// RunSearchBench builds the index and an FTS5 table from src and times
// every query rounds times in each.
func RunSearchBench(ctx context.Context, src codesearch.Source, queries []string, rounds int) (SearchBench, error) {
	res := SearchBench{Codes: len(src.Entries), Synonyms: len(src.Synonyms), Queries: len(queries), Rounds: rounds}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	runtime.LockOSThread()
	c0, t0 := threadCPU(), time.Now()
	ix, err := codesearch.Build(ctx, src)
	res.BuildCPUMS = float64((threadCPU() - c0).Microseconds()) / 1e3
	runtime.UnlockOSThread()
	if err != nil {
		return res, err
	}
	res.BuildMS = float64(time.Since(t0).Microseconds()) / 1e3
	runtime.GC()
	runtime.ReadMemStats(&after)
	res.IndexMB = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)

	opts := codesearch.Options{Limit: codesearch.DefaultLimit}
	search := func(q string) error { ix.Search(q, opts); return nil }
	if _, _, err := timeQueries(ctx, queries, 1, search); err != nil { // warm up
		return res, err
	}
	wall, cpu, err := timeQueries(ctx, queries, rounds, search)
	if err != nil {
		return res, err
	}
	res.MedianUS, res.P99US, res.MeanUS = percentiles(wall)
	res.CPUMedianUS, res.CPUP99US, _ = percentiles(cpu)

	rows := make([]sqlite.FTSRow, len(src.Entries))
	for i, e := range src.Entries {
		rows[i] = sqlite.FTSRow{Code: e.Code, Title: e.Title}
	}
	t0 = time.Now()
	fts, err := sqlite.NewFTSBench(ctx, "", rows)
	if err != nil {
		return res, err
	}
	defer fts.Close()
	res.FTSBuildMS = float64(time.Since(t0).Microseconds()) / 1e3
	query := func(q string) error { _, err := fts.Query(ctx, q, codesearch.DefaultLimit); return err }
	if _, _, err := timeQueries(ctx, queries, 1, query); err != nil { // warm up
		return res, err
	}
	wall, cpu, err = timeQueries(ctx, queries, rounds, query)
	if err != nil {
		return res, err
	}
	res.FTSMedian, res.FTSP99, res.FTSMean = percentiles(wall)
	res.FTSCPUMedianUS, res.FTSCPUP99US, _ = percentiles(cpu)
	if res.MedianUS > 0 {
		res.Ratio = res.FTSMedian / res.MedianUS
	}
	if res.P99US > 0 {
		res.RatioP99 = res.FTSP99 / res.P99US
	}
	if res.CPUMedianUS > 0 {
		res.CPURatio = res.FTSCPUMedianUS / res.CPUMedianUS
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		res.Load = strings.Fields(string(b))[0]
	}
	return res, nil
}

func runBenchSearch(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "bench search")
	queries := f.String("queries", "", "file of queries, one per line (first tab-separated column; # comments)")
	rounds := f.Int("rounds", 20, "times each query runs")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return fmt.Errorf("bench search: want official code set files or zips (order file, HCPCS file, Index and Tabular XML)")
	}
	if *rounds < 1 {
		return fmt.Errorf("bench search: --rounds must be at least 1")
	}
	qs := benchDefaultQueries
	if *queries != "" {
		var err error
		if qs, err = readBenchQueries(*queries); err != nil {
			return fmt.Errorf("bench search: %w", err)
		}
	}
	qs = append(slices.Clone(qs), benchPrefixes...)
	src, err := billing.CodeSourceFromFiles(ctx, f.Args())
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	if len(src.Entries) == 0 {
		return fmt.Errorf("bench search: no codes in the files given")
	}
	res, err := RunSearchBench(ctx, src, qs, *rounds)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	if *f.json {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(m.Stdout, "index: %d codes, %d synonyms, built in %.0f ms (%.0f ms thread CPU), %.1f MB\n", res.Codes, res.Synonyms, res.BuildMS, res.BuildCPUMS, res.IndexMB)
	fmt.Fprintf(m.Stdout, "queries: %d (%d prefixes) x %d rounds, %d cores, %s\n", res.Queries, len(benchPrefixes), res.Rounds, runtime.NumCPU(), claimdesk.DateOf(time.Now()))
	fmt.Fprintf(m.Stdout, "codesearch: median %.1f µs  p99 %.1f µs  mean %.1f µs\n", res.MedianUS, res.P99US, res.MeanUS)
	fmt.Fprintf(m.Stdout, "sqlite fts5 prefix MATCH: median %.1f µs  p99 %.1f µs  mean %.1f µs (table built in %.0f ms)\n", res.FTSMedian, res.FTSP99, res.FTSMean, res.FTSBuildMS)
	fmt.Fprintf(m.Stdout, "ratio fts5/codesearch: median %.1fx  p99 %.1fx\n", res.Ratio, res.RatioP99)
	fmt.Fprintf(m.Stdout, "thread CPU per query: codesearch median %.1f µs p99 %.1f µs; fts5 median %.1f µs p99 %.1f µs; ratio %.1fx (load average %s)\n",
		res.CPUMedianUS, res.CPUP99US, res.FTSCPUMedianUS, res.FTSCPUP99US, res.CPURatio, res.Load)
	return nil
}
