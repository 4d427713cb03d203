package codesearch

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSelectTop(t *testing.T) {
	for n := range 60 {
		for k := 1; k <= n; k += 3 {
			xs := make([]scored, n)
			for i := range xs {
				xs[i] = scored{uint32(i), float32(rand.IntN(5))}
			}
			want := slices.Clone(xs)
			slices.SortFunc(want, func(a, b scored) int {
				if better(a, b) {
					return -1
				}
				if better(b, a) {
					return 1
				}
				return 0
			})
			selectTop(xs, k)
			got := slices.Clone(xs[:k])
			slices.SortFunc(got, func(a, b scored) int {
				if better(a, b) {
					return -1
				}
				return 1
			})
			if !slices.Equal(got, want[:k]) {
				t.Fatalf("n=%d k=%d: got %v want %v", n, k, got, want[:k])
			}
		}
	}
}
