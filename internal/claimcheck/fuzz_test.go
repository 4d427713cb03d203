package claimcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"claimdesk/internal/claimdesk"
)

// FuzzCheckClaimJSON feeds claim JSON (the input of 'claimctl claim check
// --in') through the decoder and the checks: any input either fails to
// decode with a *ClaimJSONError, or is checked without a panic, with
// well-formed findings, the same findings on a second run and the claim
// left unchanged.
func FuzzCheckClaimJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.json"))
	for i, p := range files {
		if i%4 != 0 { // a spread of the corpus keeps seeding quick
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"encounter":{"diagnoses":["E11","S93.401","W19.XXXA"],"lines":[{"code":"99213","pointers":"AZ","units":0,"charge":-1}]}}`))
	f.Add([]byte(`{"claim":{"frequency":"7"},"payer":{"plan_type":"medicare"},"policy":{"member_id":"1EG4-TE5-MK73","relationship":"child"}}`))
	ref := testRef().Reference()
	known := map[string]bool{}
	for _, r := range Rules {
		known[r.ID] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cd, err := claimdesk.DecodeClaimJSON(bytes.NewReader(data))
		if err != nil {
			var je *claimdesk.ClaimJSONError
			if !errors.As(err, &je) || !errors.Is(err, claimdesk.ErrClaimJSON) {
				t.Fatalf("decode error is not a ClaimJSONError: %v", err)
			}
			return
		}
		before, _ := json.Marshal(cd)
		fs := Check(t.Context(), cd, ref, today)
		after, _ := json.Marshal(cd)
		if !bytes.Equal(before, after) {
			t.Fatal("Check changed the claim")
		}
		for _, x := range fs {
			if !known[x.Rule] || x.Box == "" || x.Message == "" || !pathRE.MatchString(x.Field) ||
				(x.Severity != claimdesk.SeverityError && x.Severity != claimdesk.SeverityWarning) {
				t.Fatalf("malformed finding %+v", x)
			}
		}
		if again := Check(t.Context(), cd, ref, today); !reflect.DeepEqual(fs, again) {
			t.Fatalf("second run differs:\n%v\n%v", fs, again)
		}
	})
}
