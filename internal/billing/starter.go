package billing

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
	"claimdesk/resources"
)

// starterName is the release name of the embedded starter list.
const starterName = "Starter list"

// ImportStarter loads the embedded starter code list into the store as its
// own release per system ("Starter list", valid from any date and
// open-ended): ICD-10-CM and HCPCS codes with their official titles. An
// official release covering a date of service wins over it (look-ups take
// the covering release that started last). Running it again changes
// nothing.
func (d *Desk) ImportStarter(ctx context.Context) ([]claimdesk.ImportResult, error) {
	defer d.codesChanged()
	defer d.InvalidateChecks() // the claim checks reload the code sets
	return d.importStarter(ctx, resources.StarterCodes)
}

func (d *Desk) importStarter(ctx context.Context, data []byte) ([]claimdesk.ImportResult, error) {
	bySys, err := codeset.ReadStarter(bytes.NewReader(data), "starter_codes.tsv", starterName)
	if err != nil {
		return nil, fmt.Errorf("starter list: %w", err)
	}
	var out []claimdesk.ImportResult
	for _, sys := range []claimdesk.CodeSystem{claimdesk.SystemICD10CM, claimdesk.SystemHCPCS} {
		codes := bySys[sys]
		if len(codes) == 0 {
			continue
		}
		// One file, one release per system: the digest covers the file and
		// the system so each release has its own.
		h := sha256.Sum256(append(append([]byte{}, data...), []byte("\x00"+string(sys))...))
		cs := &claimdesk.CodeSet{
			Release: claimdesk.Release{System: sys, Name: starterName, Source: "starter_codes.tsv", SHA256: hex.EncodeToString(h[:])},
			Codes:   codes,
		}
		r, err := d.Codes.ImportCodeSet(ctx, cs, nil)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}
