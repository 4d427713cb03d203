package claimcheck_test

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/claimcheck"
	"claimdesk/internal/claimdesk"
)

// corpusToday is the day the corpus claims are checked on.
var corpusToday = claimdesk.MustDate("2026-11-23")

// corpusClaim is one claim JSON file of testdata/corpus with its sidecar
// NAME.want: the rule ids (one per line, # comments) the claim must
// produce. In bad/, every error the checks report must be listed too, so
// the corpus also guards against false alarms; clean/ claims must produce
// no error at all (their .want, optional, lists warnings they must give).
type corpusClaim struct {
	path string
	bad  bool
	want []string
}

func loadCorpus(t *testing.T) []corpusClaim {
	t.Helper()
	var out []corpusClaim
	for _, dir := range []string{"bad", "clean"} {
		files, err := filepath.Glob(filepath.Join("testdata", "corpus", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			cc := corpusClaim{path: f, bad: dir == "bad"}
			wf := strings.TrimSuffix(f, ".json") + ".want"
			fh, err := os.Open(wf)
			switch {
			case err == nil:
				sc := bufio.NewScanner(fh)
				for sc.Scan() {
					l := strings.TrimSpace(sc.Text())
					if l != "" && !strings.HasPrefix(l, "#") {
						cc.want = append(cc.want, l)
					}
				}
				fh.Close()
			case cc.bad:
				t.Errorf("%s: missing %s", f, wf)
			}
			out = append(out, cc)
		}
	}
	return out
}

func decodeFile(t *testing.T, path string) claimdesk.ClaimData { return decodeFileB(t, path) }

func decodeFileB(t testing.TB, path string) claimdesk.ClaimData {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cd, err := claimdesk.DecodeClaimJSON(fh)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cd
}

func TestCorpus(t *testing.T) {
	ref := realRef(t).Reference()
	corpus := loadCorpus(t)
	nBad, nClean := 0, 0
	known := map[string]bool{}
	for _, r := range claimcheck.Rules {
		known[r.ID] = true
	}
	for _, cc := range corpus {
		if cc.bad {
			nBad++
		} else {
			nClean++
		}
		t.Run(filepath.Base(filepath.Dir(cc.path))+"/"+filepath.Base(cc.path), func(t *testing.T) {
			cd := decodeFile(t, cc.path)
			fs := claimcheck.Check(t.Context(), cd, ref, corpusToday)
			got := map[string]bool{}
			for _, f := range fs {
				got[f.Rule] = true
			}
			for _, w := range cc.want {
				if !known[w] {
					t.Errorf("want file names unknown rule %q", w)
				}
				if !got[w] {
					t.Errorf("rule %s did not fire", w)
				}
			}
			for _, f := range fs {
				if f.Severity == claimdesk.SeverityError && !slices.Contains(cc.want, f.Rule) {
					t.Errorf("unexpected error: %v", f)
				}
			}
			if cc.bad && !fs.HasErrors() && !slices.ContainsFunc(cc.want, func(w string) bool { return true }) {
				t.Errorf("bad claim with no findings")
			}
			if t.Failed() {
				for _, f := range fs {
					t.Log(f)
				}
			}
		})
	}
	if nBad < 40 || nClean < 15 {
		t.Errorf("corpus has %d bad and %d clean claims; want at least 40 and 15", nBad, nClean)
	}
}
