package billing

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// printClaims adds ClaimData to fakeClaims: every claim prints as the
// cms1500 test claim "group" with its own ID.
type printClaims struct {
	*fakeClaims
	data claimdesk.ClaimData
	bad  map[int64]bool // claims whose billing NPI is mistyped
}

func (p printClaims) ClaimData(ctx context.Context, id int64) (claimdesk.ClaimData, error) {
	c, err := p.Claim(ctx, id)
	if err != nil {
		return claimdesk.ClaimData{}, err
	}
	cd := p.data
	cd.Claim = c
	cd.Claim.TotalCharge = p.data.Encounter.Total()
	if p.bad[id] {
		cd.Practice.NPI = "1234567890" // wrong check digit
	}
	return cd, nil
}

func newPrintDesk(t *testing.T) (*Desk, *fakeClaims, []int64) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "cms1500", "testdata", "claims", "group.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cd, err := claimdesk.DecodeClaimJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	fc := newFakeClaims()
	var ids []int64
	for i := 0; i < 3; i++ {
		ids = append(ids, fc.add(claimdesk.Claim{Status: claimdesk.StatusReady, Frequency: "1"}))
	}
	d := testDesk(fc)
	d.Claims = printClaims{fakeClaims: fc, data: cd, bad: map[int64]bool{}}
	return d, fc, ids
}

func TestPrintClaims(t *testing.T) {
	d, fc, ids := newPrintDesk(t)
	out := filepath.Join(t.TempDir(), "batch.pdf")
	var progress []int
	err := d.PrintClaims(t.Context(), ids, out, PrintOptions{Mode: claimdesk.PrintModeForm, MarkSubmitted: true}, func(done, total int) {
		progress = append(progress, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-1.6")) {
		t.Fatalf("no PDF written: %v", err)
	}
	if len(progress) != 3 || progress[2] != 3 {
		t.Errorf("progress %v", progress)
	}
	for _, id := range ids {
		if s := fc.claims[id].Status; s != claimdesk.StatusSubmitted {
			t.Errorf("claim %d is %s, want submitted", id, s)
		}
	}

	// Submitted claims cannot be marked submitted again: refused before writing.
	err = d.PrintClaims(t.Context(), ids, filepath.Join(t.TempDir(), "x.pdf"), PrintOptions{Mode: claimdesk.PrintModeForm, MarkSubmitted: true}, nil)
	if claimdesk.ErrorCode(err) != claimdesk.EConflict {
		t.Errorf("reprint with mark: err = %v, want conflict", err)
	}
	// Printing without marking is fine.
	if err := d.PrintClaims(t.Context(), ids, out, PrintOptions{Mode: claimdesk.PrintModePlain}, nil); err != nil {
		t.Errorf("plain reprint: %v", err)
	}
}

func TestPrintClaimsErrors(t *testing.T) {
	d, fc, ids := newPrintDesk(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "batch.pdf")
	d.Claims.(printClaims).bad[ids[1]] = true
	ctx, cancel := context.WithCancel(t.Context())
	tests := []struct {
		name string
		ctx  context.Context
		ids  []int64
		opt  PrintOptions
		want string
	}{
		{"check fails", t.Context(), ids, PrintOptions{Mode: "form", MarkSubmitted: true}, "NPI"},
		{"bad mode", t.Context(), ids, PrintOptions{Mode: "fancy"}, "want form or plain"},
		{"bad offset", t.Context(), ids, PrintOptions{Mode: "form", OffsetX: 51}, "offsets must be between"},
		{"no claims", t.Context(), nil, PrintOptions{Mode: "form"}, "at least one claim"},
		{"unknown claim", t.Context(), []int64{999}, PrintOptions{Mode: "form"}, "not found"},
		{"cancelled", ctx, ids, PrintOptions{Mode: "form"}, "context canceled"},
	}
	cancel()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.PrintClaims(tt.ctx, tt.ids, out, tt.opt, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("a failed print left %d files", len(ents))
			}
		})
	}
	for _, id := range ids {
		if fc.claims[id].Status != claimdesk.StatusReady {
			t.Errorf("claim %d changed status on a failed print", id)
		}
	}
}

func TestWriteAlignmentPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteAlignmentPDF(&buf, PrintOptions{Mode: "form", OffsetX: -5, OffsetY: 3}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.6")) {
		t.Fatal("not a PDF")
	}
	if err := WriteAlignmentPDF(&buf, PrintOptions{Mode: "x"}); claimdesk.ErrorCode(err) != claimdesk.EInvalid {
		t.Errorf("bad mode: %v", err)
	}
}
