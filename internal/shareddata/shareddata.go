// Package shareddata finds the project's shared data folder (../shared
// beside the project root: official code sets and CMS-1500 reference) for
// tests and benchmarks. The application itself never reads it.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the shared folder, or "" when it is
// missing. CLAIMDESK_SHARED overrides the search.
func Dir() string {
	if d := os.Getenv("CLAIMDESK_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if st, err := os.Stat(s); err == nil && st.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns the path of rel inside the shared folder for a test. When
// the file is missing the test fails under CI=true and is skipped
// otherwise.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	p := filepath.Join(d, rel)
	if d != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("shared data %s is missing (CI=true: tests that need it must not skip)", rel)
	}
	tb.Skipf("shared data %s is missing", rel)
	return ""
}
