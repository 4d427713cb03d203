package cms1500

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/shareddata"
)

// needTool returns the path of a command-line tool; the test is skipped
// when it is missing, except under CI=true, where it fails.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true (install poppler-utils and qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func renderBytes(t testing.TB, forms []Form, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, forms, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// qpdfCheck runs qpdf --check on a PDF.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	q := needTool(t, "qpdf")
	out, err := exec.Command(q, "--check", writeTemp(t, pdf)).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

type word struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	pageRE = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>`)
)

// pageWords extracts each page's words with their boxes (pdftotext -bbox).
func pageWords(t testing.TB, pdf []byte) [][]word {
	t.Helper()
	pt := needTool(t, "pdftotext")
	out, err := exec.Command(pt, "-bbox", writeTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages [][]word
	for _, pm := range pageRE.FindAllSubmatch(out, -1) {
		var ws []word
		for _, m := range wordRE.FindAllSubmatch(pm[1], -1) {
			var w word
			w.x0, _ = strconv.ParseFloat(string(m[1]), 64)
			w.y0, _ = strconv.ParseFloat(string(m[2]), 64)
			w.x1, _ = strconv.ParseFloat(string(m[3]), 64)
			w.y1, _ = strconv.ParseFloat(string(m[4]), 64)
			w.text = html.UnescapeString(string(m[5]))
			ws = append(ws, w)
		}
		pages = append(pages, ws)
	}
	return pages
}

// courierDescent is how far below the baseline pdftotext puts the bottom
// of a Courier 12 pt word box.
const courierDescent = 1.884

// checkPositions asserts that every word on every page lies inside the
// region of the grid field holding it (x within the field's columns,
// baseline on the field's line, after the offsets), that every field's
// words are all there, and that no two words overlap.
func checkPositions(t *testing.T, name string, forms []Form, pages [][]word, dx, dy float64) {
	t.Helper()
	if len(pages) != len(forms) {
		t.Fatalf("%s: %d pages, want %d", name, len(pages), len(forms))
	}
	const tol = 0.05
	for p, ws := range pages {
		want := map[string]int{} // field ID + word → count still expected
		forms[p].Each(func(f *Field, text string) {
			for _, w := range strings.Fields(text) {
				want[f.ID+"\x00"+w]++
			}
		})
		for i, w := range ws {
			base := w.y1 - courierDescent - dy
			var hit *Field
			forms[p].Each(func(f *Field, text string) {
				if hit != nil || !slices.Contains(strings.Fields(text), w.text) {
					return
				}
				if abs(base-f.Baseline) < 0.1 && w.x0-dx >= f.XLeft-tol && w.x1-dx <= f.XRight+tol && want[f.ID+"\x00"+w.text] > 0 {
					hit = f
				}
			})
			if hit == nil {
				t.Errorf("%s page %d: word %q at x %.1f–%.1f baseline %.1f is not inside the box of a field holding it", name, p+1, w.text, w.x0, w.x1, base)
				continue
			}
			want[hit.ID+"\x00"+w.text]--
			for _, v := range ws[i+1:] {
				if w.x0 < v.x1-tol && v.x0 < w.x1-tol && w.y0 < v.y1-tol && v.y0 < w.y1-tol {
					t.Errorf("%s page %d: words %q and %q overlap", name, p+1, w.text, v.text)
				}
			}
		}
		for k, n := range want {
			if n > 0 {
				id, w, _ := strings.Cut(k, "\x00")
				t.Errorf("%s page %d: field %s word %q not found in the PDF", name, p+1, id, w)
			}
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestRenderPositions renders every test claim in form mode and checks
// where each value landed, with and without printer offsets.
func TestRenderPositions(t *testing.T) {
	for name, cd := range loadClaims(t) {
		t.Run(name, func(t *testing.T) {
			forms, err := Fill(cd, FillOptions{Date: printDate})
			if err != nil {
				t.Fatal(err)
			}
			pdf := renderBytes(t, forms, Options{Mode: ModeForm})
			checkPositions(t, name, forms, pageWords(t, pdf), 0, 0)
			qpdfCheck(t, pdf)
			if name == "nine-lines" {
				pdf := renderBytes(t, forms, Options{Mode: ModeForm, OffsetX: 10, OffsetY: -5})
				checkPositions(t, name+" offset", forms, pageWords(t, pdf), 7.2, -3.6)
			}
		})
	}
}

// TestGridFieldsInsideBoxes: no two grid fields on the same line share a
// column, so values in different boxes can never overlap.
func TestGridFieldsDisjoint(t *testing.T) {
	for i, a := range Grid {
		for _, b := range Grid[i+1:] {
			if a.Line == b.Line && a.Col < b.Col+b.Max && b.Col < a.Col+a.Max {
				t.Errorf("fields %s and %s overlap on line %d", a.ID, b.ID, a.Line)
			}
		}
		if float64(a.Col-1)*cellW+gridLeft != a.XLeft || gridLeft+cellW*float64(a.Col+a.Max-1) != a.XRight || gridTop+lineH*float64(a.Line) != a.Baseline {
			if abs(float64(a.Col-1)*cellW+gridLeft-a.XLeft) > 0.01 || abs(gridLeft+cellW*float64(a.Col+a.Max-1)-a.XRight) > 0.01 || abs(gridTop+lineH*float64(a.Line)-a.Baseline) > 0.01 {
				t.Errorf("field %s: points do not match line %d col %d max %d", a.ID, a.Line, a.Col, a.Max)
			}
		}
	}
}

// TestGridMatchesCSV compares grid.go with the shared reference CSV it was
// generated from.
func TestGridMatchesCSV(t *testing.T) {
	p := shareddata.Path(t, "reference/grid/cms1500-0212-grid.csv")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	if len(rows) != len(Grid) {
		t.Fatalf("CSV has %d rows, grid.go %d", len(rows), len(Grid))
	}
	for i, r := range rows {
		g := Grid[i]
		num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		align := map[string]Align{"left": AlignLeft, "right": AlignRight, "mark": AlignMark}[r[5]]
		got := fmt.Sprintf("%s|%s|%d|%d|%d|%d|%.1f|%.1f|%.1f", g.Box, g.Name, g.Line, g.Col, g.Max, g.Align, g.XLeft, g.XRight, g.Baseline)
		want := fmt.Sprintf("%s|%s|%s|%s|%s|%d|%.1f|%.1f|%.1f", r[0], r[1], r[2], r[3], r[4], align, num(r[6]), num(r[7]), num(r[8]))
		if got != want {
			t.Errorf("row %d: grid.go %s, CSV %s (regenerate with go run ./scripts/gengrid)", i+2, got, want)
		}
	}
}

// TestRenderDeterministic: the same claims give the same bytes, pinned by
// a golden list of SHA-256 sums (form, plain and alignment pages).
func TestRenderDeterministic(t *testing.T) {
	claims := loadClaims(t)
	names := make([]string, 0, len(claims))
	for n := range claims {
		names = append(names, n)
	}
	slices.Sort(names)
	var sums strings.Builder
	for _, name := range names {
		forms, err := Fill(claims[name], FillOptions{Date: printDate})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []Mode{ModeForm, ModePlain} {
			a := renderBytes(t, forms, Options{Mode: m})
			b := renderBytes(t, forms, Options{Mode: m})
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two renders differ", name, m)
			}
			fmt.Fprintf(&sums, "%x  %s-%s.pdf\n", sha256.Sum256(a), name, m)
		}
	}
	for _, m := range []Mode{ModeForm, ModePlain} {
		var buf bytes.Buffer
		d, err := NewDocument(&buf, Options{Mode: m, OffsetX: 12, OffsetY: -7})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.AddAlignmentPage(); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sums, "%x  align-%s.pdf\n", sha256.Sum256(buf.Bytes()), m)
	}
	golden(t, "pdf-sha256.txt", []byte(sums.String()))
}

// TestRenderQPDF checks every kind of output with qpdf and looks for the
// no-scaling viewer preference.
func TestRenderQPDF(t *testing.T) {
	claims := loadClaims(t)
	for _, m := range []Mode{ModeForm, ModePlain} {
		var buf bytes.Buffer
		d, err := NewDocument(&buf, Options{Mode: m})
		if err != nil {
			t.Fatal(err)
		}
		for _, cd := range claims {
			forms, err := Fill(cd, FillOptions{Date: printDate})
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Add(forms...); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.AddAlignmentPage(); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		pdf := buf.Bytes()
		if !bytes.Contains(pdf, []byte("/ViewerPreferences << /PrintScaling /None >>")) || !bytes.HasPrefix(pdf, []byte("%PDF-1.6")) {
			t.Errorf("%s: no PrintScaling /None viewer preference", m)
		}
		qpdfCheck(t, pdf)
		if n := len(pageWords(t, pdf)); n != d.Pages() {
			t.Errorf("%s: %d pages, want %d", m, n, d.Pages())
		}
	}
}

// TestAlignmentPage: the sample values land in their boxes like any form.
func TestAlignmentPage(t *testing.T) {
	var buf bytes.Buffer
	d, err := NewDocument(&buf, Options{Mode: ModeForm})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddAlignmentPage(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	pages := pageWords(t, buf.Bytes())
	// Drop the crosses' one- and two-letter labels (Helvetica 5 pt).
	var ws []word
	for _, w := range pages[0] {
		if w.y1-w.y0 > 6 {
			ws = append(ws, w)
		}
	}
	checkPositions(t, "align", []Form{alignForm(Options{})}, [][]word{ws}, 0, 0)
}

func TestOptionsCheck(t *testing.T) {
	tests := []struct {
		opt Options
		ok  bool
	}{
		{Options{Mode: ModeForm}, true},
		{Options{Mode: ModePlain, OffsetX: MaxOffset, OffsetY: -MaxOffset}, true},
		{Options{Mode: "pretty"}, false},
		{Options{Mode: ModeForm, OffsetX: MaxOffset + 1}, false},
		{Options{Mode: ModeForm, OffsetY: -MaxOffset - 1}, false},
	}
	for _, tt := range tests {
		if err := tt.opt.Check(); (err == nil) != tt.ok {
			t.Errorf("%+v: err = %v", tt.opt, err)
		}
	}
	if _, err := ParseMode("plain"); err != nil {
		t.Error(err)
	}
	if _, err := ParseMode("Plain"); err == nil {
		t.Error("ParseMode is case-sensitive")
	}
}

func TestBatch(t *testing.T) {
	cd := loadClaim(t, "nine-lines")
	src := func(ctx context.Context, i int) (claimdesk.ClaimData, error) { return cd, nil }
	var calls [][2]int
	var buf bytes.Buffer
	err := Batch(t.Context(), &buf, 3, src, FillOptions{Date: printDate}, Options{Mode: ModeForm}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(calls, [][2]int{{1, 3}, {2, 3}, {3, 3}}) {
		t.Errorf("progress calls %v", calls)
	}
	if n := len(pageWords(t, buf.Bytes())); n != 6 {
		t.Errorf("%d pages, want 6", n)
	}

	ctx, cancel := context.WithCancel(t.Context())
	err = Batch(ctx, &bytes.Buffer{}, 5, src, FillOptions{}, Options{Mode: ModeForm}, func(done, total int) {
		if done == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled batch: err = %v", err)
	}

	bad := cd
	bad.Claim.ID = 77
	bad.Encounter.Lines = append([]claimdesk.ServiceLine(nil), cd.Encounter.Lines...)
	bad.Encounter.Lines[4].Modifiers = []string{"1", "2", "3", "4", "5"}
	err = Batch(t.Context(), &bytes.Buffer{}, 2, func(ctx context.Context, i int) (claimdesk.ClaimData, error) {
		if i == 1 {
			return bad, nil
		}
		return cd, nil
	}, FillOptions{}, Options{Mode: ModeForm}, nil)
	if err == nil || !strings.Contains(err.Error(), "claim 2 of 2 (id 77)") || claimdesk.ErrorCode(err) != claimdesk.EInvalid {
		t.Errorf("bad claim: err = %v", err)
	}
	if err := Batch(t.Context(), &bytes.Buffer{}, 0, src, FillOptions{}, Options{Mode: ModeForm}, nil); err == nil {
		t.Error("empty batch: no error")
	}
}

// FuzzClaimPDF: any claim JSON either renders to a PDF or gives a clear
// error (a ClaimJSONError or a user-facing claimdesk.Error).
func FuzzClaimPDF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "claims", "*.json"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"encounter":{"lines":[{"charge":"100000"}]}}`))
	f.Add([]byte(`{"patient":{"last":"ÄÖÜ\u0000\u2028"}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		cd, err := claimdesk.DecodeClaimJSON(bytes.NewReader(in))
		if err != nil {
			if !errors.Is(err, claimdesk.ErrClaimJSON) {
				t.Fatalf("decode error is not a claim JSON error: %v", err)
			}
			return
		}
		forms, err := Fill(cd, FillOptions{Date: printDate})
		if err != nil {
			if claimdesk.ErrorCode(err) != claimdesk.EInvalid || claimdesk.ErrorMessage(err) == "" {
				t.Fatalf("fill error is not a user-facing error: %v", err)
			}
			return
		}
		for i := range forms {
			forms[i].Each(func(fld *Field, text string) {
				if len(text) > fld.Max {
					t.Fatalf("%s overflows: %q", fld.ID, text)
				}
			})
		}
		var buf bytes.Buffer
		if err := Render(&buf, forms, Options{Mode: ModeForm}); err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.6")) {
			t.Fatal("not a PDF")
		}
	})
}

// TestChunkedBatch: a batch longer than one chunk (chunkPages) is one valid
// PDF with every page in order and every value in its box.
func TestChunkedBatch(t *testing.T) {
	cd := loadClaim(t, "nine-lines")
	forms, err := Fill(cd, FillOptions{Date: printDate})
	if err != nil {
		t.Fatal(err)
	}
	const n = chunkPages + 31 // 262 pages: three chunks
	for _, m := range []Mode{ModeForm, ModePlain} {
		var buf bytes.Buffer
		err := Batch(t.Context(), &buf, n, func(ctx context.Context, i int) (claimdesk.ClaimData, error) { return cd, nil },
			FillOptions{Date: printDate}, Options{Mode: m, OffsetX: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		qpdfCheck(t, buf.Bytes())
		out, err := exec.Command(needTool(t, "qpdf"), "--show-npages", writeTemp(t, buf.Bytes())).Output()
		if err != nil || strings.TrimSpace(string(out)) != strconv.Itoa(2*n) {
			t.Fatalf("%s: %s pages, want %d (%v)", m, out, 2*n, err)
		}
		if m == ModeForm {
			pages := pageWords(t, buf.Bytes())
			for _, p := range []int{0, 199, 200, 2*n - 1} {
				checkPositions(t, fmt.Sprintf("page %d", p+1), forms[p%2:p%2+1], pages[p:p+1], 2.16, 0)
			}
		}
	}
}
