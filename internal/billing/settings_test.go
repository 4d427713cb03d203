package billing

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// fakeSettings is an in-memory SettingsService.
type fakeSettings struct {
	values map[string]string
	favs   map[claimdesk.Favourite]bool
}

func newFakeSettings() *fakeSettings {
	return &fakeSettings{values: map[string]string{}, favs: map[claimdesk.Favourite]bool{}}
}

func (f *fakeSettings) Setting(_ context.Context, k string) (string, bool, error) {
	v, ok := f.values[k]
	return v, ok, nil
}
func (f *fakeSettings) SetSetting(_ context.Context, k, v string) error { f.values[k] = v; return nil }
func (f *fakeSettings) SetSettings(_ context.Context, m map[string]string) error {
	for k, v := range m {
		f.values[k] = v
	}
	return nil
}
func (f *fakeSettings) AllSettings(context.Context) (map[string]string, error) { return f.values, nil }
func (f *fakeSettings) DeleteSetting(_ context.Context, k string) error {
	delete(f.values, k)
	return nil
}
func (f *fakeSettings) Favourites(context.Context) ([]claimdesk.Favourite, error) {
	var out []claimdesk.Favourite
	for k := range f.favs {
		out = append(out, k)
	}
	return out, nil
}
func (f *fakeSettings) SetFavourite(_ context.Context, x claimdesk.Favourite, on bool) error {
	if on {
		f.favs[x] = true
	} else {
		delete(f.favs, x)
	}
	return nil
}

// fakeFees records ReplaceFees calls.
type fakeFees struct {
	claimdesk.PracticeService
	fees []claimdesk.FeeEntry
}

func (f *fakeFees) ReplaceFees(_ context.Context, fees []claimdesk.FeeEntry) error {
	f.fees = fees
	return nil
}
func (f *fakeFees) SaveFee(_ context.Context, fe claimdesk.FeeEntry) error {
	f.fees = append(f.fees, fe)
	return nil
}

func TestSettings(t *testing.T) {
	ctx := t.Context()
	d := &Desk{Settings: newFakeSettings()}
	p, err := d.PrinterSettings(ctx)
	if err != nil || p != (claimdesk.PrinterSettings{Mode: "form"}) {
		t.Fatalf("defaults = %+v, %v", p, err)
	}
	tests := []struct {
		key, value string
		ok         bool
	}{
		{claimdesk.SettingPrintOffsetX, "-5", true},
		{claimdesk.SettingPrintOffsetY, "12", true},
		{claimdesk.SettingPrintMode, "plain", true},
		{claimdesk.SettingPrintOffsetX, "51", false},
		{claimdesk.SettingPrintOffsetY, "1.5", false},
		{claimdesk.SettingPrintMode, "color", false},
		{"no.such", "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			err := d.SetSetting(ctx, tt.key, tt.value)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	p, err = d.PrinterSettings(ctx)
	if err != nil || p != (claimdesk.PrinterSettings{OffsetX: -5, OffsetY: 12, Mode: "plain"}) {
		t.Fatalf("after set = %+v, %v", p, err)
	}
	if err := d.SavePrinterSettings(ctx, claimdesk.PrinterSettings{OffsetX: 80, Mode: "x"}); err == nil {
		t.Fatal("bad printer settings saved")
	} else {
		var fe claimdesk.FieldErrors
		if !errors.As(err, &fe) || fe.For("offset_x") == "" || fe.For("mode") == "" {
			t.Fatalf("err = %v", err)
		}
	}
	fav := claimdesk.Favourite{System: claimdesk.SystemICD10CM, Code: "e11.65"}
	if err := d.SetFavourite(ctx, fav, true); err != nil {
		t.Fatal(err)
	}
	if ok, _ := d.IsFavourite(ctx, claimdesk.Favourite{System: claimdesk.SystemICD10CM, Code: "E11.65"}); !ok {
		t.Fatal("starred code is not a favourite")
	}
}

func TestParseFeeCSV(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []claimdesk.FeeEntry
		line    int
		field   string
		wantErr error
	}{
		{name: "plain", in: "code,modifier,charge\n99213,,115.00\n99213,25,\"$1,150\"\nj3301,,12\n",
			want: []claimdesk.FeeEntry{{Code: "99213", Charge: 11500}, {Code: "99213", Modifier: "25", Charge: 115000}, {Code: "J3301", Charge: 1200}}},
		{name: "columns reordered, no modifier, blank line", in: "\ufeffFee,CPT\n85.5,99212\n\n", want: []claimdesk.FeeEntry{{Code: "99212", Charge: 8550}}},
		{name: "missing charge column", in: "code,modifier\n99213,\n", line: 1, wantErr: ErrFeeColumns},
		{name: "bad code", in: "code,charge\n99213,1\n9921,1\n", line: 3, field: "code", wantErr: ErrFeeCode},
		{name: "bad modifier", in: "code,modifier,charge\n99213,2,1\n", line: 2, field: "modifier", wantErr: ErrFeeModifier},
		{name: "bad charge", in: "code,charge\n99213,abc\n", line: 2, field: "charge", wantErr: ErrFeeCharge},
		{name: "zero charge", in: "code,charge\n99213,0\n", line: 2, field: "charge", wantErr: ErrFeeCharge},
		{name: "duplicate", in: "code,charge\n99213,1\n99213,2\n", line: 3, field: "code", wantErr: ErrFeeDuplicate},
		{name: "empty", in: "", line: 1, wantErr: ErrFeeEmpty},
		{name: "header only", in: "code,charge\n", line: 1, wantErr: ErrFeeEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeeCSV("fees.csv", strings.NewReader(tt.in))
			if tt.wantErr != nil {
				var pe *FeeParseError
				if !errors.As(err, &pe) || !errors.Is(err, tt.wantErr) || pe.File != "fees.csv" || pe.Line != tt.line || pe.Field != tt.field {
					t.Fatalf("err = %#v (%v), want line %d field %q %v", err, err, tt.line, tt.field, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v", got)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}

func FuzzParseFeeCSV(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "fees.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("code,charge\n99213,abc\n")
	f.Add("code,modifier,charge\n\"99213\n,1")
	f.Fuzz(func(t *testing.T, in string) {
		fees, err := ParseFeeCSV("f.csv", strings.NewReader(in))
		if err != nil {
			// Property: an error names a line that exists in the input.
			var pe *FeeParseError
			if errors.As(err, &pe) {
				if n := strings.Count(in, "\n") + 1; pe.Line < 1 || pe.Line > n {
					t.Fatalf("error names line %d of a %d-line input: %v", pe.Line, n, err)
				}
			}
			return
		}
		// Property: written back out and read again, the same fees.
		var b strings.Builder
		if err := WriteFeeCSV(&b, fees); err != nil {
			t.Fatal(err)
		}
		again, err := ParseFeeCSV("again.csv", strings.NewReader(b.String()))
		if err != nil || len(again) != len(fees) {
			t.Fatalf("round trip: %v", err)
		}
		for i := range fees {
			if again[i] != fees[i] {
				t.Fatalf("round trip row %d: %+v != %+v", i, again[i], fees[i])
			}
		}
	})
}

func TestImportFees(t *testing.T) {
	ff := &fakeFees{}
	d := &Desk{Practice: ff}
	f, err := os.Open(filepath.Join("testdata", "fees.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := d.ImportFees(t.Context(), "fees.csv", f)
	if err != nil || n != len(ff.fees) || n < 3 {
		t.Fatalf("imported %d (%d stored), %v", n, len(ff.fees), err)
	}
	before := ff.fees
	if _, err := d.ImportFees(t.Context(), "bad.csv", strings.NewReader("code,charge\n1,2\n")); err == nil {
		t.Fatal("bad file imported")
	}
	if len(ff.fees) != len(before) {
		t.Fatal("a bad file changed the fee schedule")
	}
	if _, err := d.SaveFeeEntry(t.Context(), "99214", "", "abc"); err == nil {
		t.Fatal("bad charge saved")
	}
	if fe, err := d.SaveFeeEntry(t.Context(), "g0438 ", "", "175"); err != nil || fe.Code != "G0438" || fe.Charge != 17500 {
		t.Fatalf("save = %+v, %v", fe, err)
	}
}
