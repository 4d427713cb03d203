package billing

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"claimdesk/internal/claimdesk"
)

// settingSpec describes one setting a user may read and write by name.
type settingSpec struct {
	summary string
	def     string
	check   func(v string) string // "" when v is acceptable
}

func checkOffset(v string) string {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return "offset must be a whole number of hundredths of an inch (e.g. -5)"
	}
	if n < -claimdesk.MaxPrintOffset || n > claimdesk.MaxPrintOffset {
		return fmt.Sprintf("offset must be between -%d and %d hundredths of an inch", claimdesk.MaxPrintOffset, claimdesk.MaxPrintOffset)
	}
	return ""
}

var settingSpecs = map[string]settingSpec{
	claimdesk.SettingPrintOffsetX: {"move printing right (+) or left (-), in 1/100 inch", "0", checkOffset},
	claimdesk.SettingPrintOffsetY: {"move printing down (+) or up (-), in 1/100 inch", "0", checkOffset},
	claimdesk.SettingPrintMode: {"default print mode: form (red form) or plain (plain paper)", claimdesk.PrintModeForm, func(v string) string {
		if v != claimdesk.PrintModeForm && v != claimdesk.PrintModePlain {
			return "print mode must be form or plain"
		}
		return ""
	}},
	claimdesk.SettingSetupDone: {"first-run setup finished (1) or not (0)", "0", func(v string) string {
		if v != "0" && v != "1" {
			return "setup.done must be 0 or 1"
		}
		return ""
	}},
}

// SettingInfo is a known setting with its current value.
type SettingInfo struct {
	Key     string `json:"key"`
	Value   string `json:"value"`
	Default string `json:"default"`
	Summary string `json:"summary"`
}

// SettingKeys lists the known setting keys in order.
func SettingKeys() []string {
	keys := make([]string, 0, len(settingSpecs))
	for k := range settingSpecs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *Desk) settings() (claimdesk.SettingsService, error) {
	if d.Settings == nil {
		return nil, claimdesk.Errorf(claimdesk.EInternal, "settings are not available")
	}
	return d.Settings, nil
}

// GetSetting returns a known setting's value, or its default when it was
// never set.
func (d *Desk) GetSetting(ctx context.Context, key string) (SettingInfo, error) {
	spec, ok := settingSpecs[key]
	if !ok {
		return SettingInfo{}, claimdesk.Errorf(claimdesk.EInvalid, "unknown setting %q (known: %s)", key, strings.Join(SettingKeys(), ", "))
	}
	s, err := d.settings()
	if err != nil {
		return SettingInfo{}, err
	}
	v, set, err := s.Setting(ctx, key)
	if err != nil {
		return SettingInfo{}, fmt.Errorf("read setting: %w", err)
	}
	if !set {
		v = spec.def
	}
	return SettingInfo{Key: key, Value: v, Default: spec.def, Summary: spec.summary}, nil
}

// ListSettings returns every known setting with its value.
func (d *Desk) ListSettings(ctx context.Context) ([]SettingInfo, error) {
	var out []SettingInfo
	for _, k := range SettingKeys() {
		si, err := d.GetSetting(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, nil
}

// SetSetting checks and stores a known setting.
func (d *Desk) SetSetting(ctx context.Context, key, value string) error {
	spec, ok := settingSpecs[key]
	if !ok {
		return claimdesk.Errorf(claimdesk.EInvalid, "unknown setting %q (known: %s)", key, strings.Join(SettingKeys(), ", "))
	}
	value = strings.TrimSpace(value)
	if msg := spec.check(value); msg != "" {
		return claimdesk.FieldErrors{{Path: key, Message: msg}}
	}
	s, err := d.settings()
	if err != nil {
		return err
	}
	if err := s.SetSetting(ctx, key, value); err != nil {
		return fmt.Errorf("save setting: %w", err)
	}
	return nil
}

// PrinterSettings returns the printer offsets and default print mode.
func (d *Desk) PrinterSettings(ctx context.Context) (claimdesk.PrinterSettings, error) {
	p := claimdesk.PrinterSettings{Mode: claimdesk.PrintModeForm}
	if d.Settings == nil {
		return p, nil
	}
	for key, dst := range map[string]*int{claimdesk.SettingPrintOffsetX: &p.OffsetX, claimdesk.SettingPrintOffsetY: &p.OffsetY} {
		si, err := d.GetSetting(ctx, key)
		if err != nil {
			return p, err
		}
		n, err := strconv.Atoi(si.Value)
		if err != nil {
			return p, fmt.Errorf("setting %s: %w", key, err)
		}
		*dst = n
	}
	si, err := d.GetSetting(ctx, claimdesk.SettingPrintMode)
	if err != nil {
		return p, err
	}
	p.Mode = si.Value
	return p, nil
}

// SavePrinterSettings checks and stores the printer settings together.
func (d *Desk) SavePrinterSettings(ctx context.Context, p claimdesk.PrinterSettings) error {
	if fe := p.Validate(); len(fe) > 0 {
		return fe
	}
	s, err := d.settings()
	if err != nil {
		return err
	}
	err = s.SetSettings(ctx, map[string]string{
		claimdesk.SettingPrintOffsetX: strconv.Itoa(p.OffsetX),
		claimdesk.SettingPrintOffsetY: strconv.Itoa(p.OffsetY),
		claimdesk.SettingPrintMode:    p.Mode,
	})
	if err != nil {
		return fmt.Errorf("save printer settings: %w", err)
	}
	return nil
}

// Favourites returns the starred codes.
func (d *Desk) Favourites(ctx context.Context) ([]claimdesk.Favourite, error) {
	if d.Settings == nil {
		return nil, nil
	}
	f, err := d.Settings.Favourites(ctx)
	if err != nil {
		return nil, fmt.Errorf("favourites: %w", err)
	}
	return f, nil
}

// IsFavourite reports whether code is starred.
func (d *Desk) IsFavourite(ctx context.Context, f claimdesk.Favourite) (bool, error) {
	all, err := d.Favourites(ctx)
	if err != nil {
		return false, err
	}
	for _, x := range all {
		if x.System == f.System && strings.EqualFold(x.Code, f.Code) {
			return true, nil
		}
	}
	return false, nil
}

// SetFavourite stars or unstars a code.
func (d *Desk) SetFavourite(ctx context.Context, f claimdesk.Favourite, on bool) error {
	f.Code = strings.ToUpper(strings.TrimSpace(f.Code))
	if f.Code == "" {
		return claimdesk.FieldErrors{{Path: "code", Message: "choose a code to star"}}
	}
	s, err := d.settings()
	if err != nil {
		return err
	}
	if err := s.SetFavourite(ctx, f, on); err != nil {
		return fmt.Errorf("star code: %w", err)
	}
	return nil
}

// FeeParseError is a problem in a fee schedule CSV file: the file, the
// 1-based line, the column and what is wrong. It never quotes values.
type FeeParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

// Error prints "fees.csv line 3 field charge: not an amount".
func (e *FeeParseError) Error() string {
	s := fmt.Sprintf("%s line %d", e.File, e.Line)
	if e.Field != "" {
		s += " field " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FeeParseError) Unwrap() error { return e.Err }

// Fee file failure kinds.
var (
	ErrFeeColumns   = errors.New("want the columns code, modifier, charge")
	ErrFeeCode      = errors.New("procedure code must be 5 letters or digits (e.g. 99213, J3301)")
	ErrFeeModifier  = errors.New("modifier must be 2 letters or digits")
	ErrFeeCharge    = errors.New("charge must be an amount more than 0 like 125.00")
	ErrFeeDuplicate = errors.New("code and modifier are listed twice")
	ErrFeeEmpty     = errors.New("the file lists no fees")
)

// ParseFeeCSV reads a fee schedule: a CSV file with a header row naming
// the columns code, modifier (optional) and charge (in any order; "fee"
// or "amount" for charge also work). Charges are dollars ("125.00",
// "$1,250"). name is the file name used in errors.
func ParseFeeCSV(name string, r io.Reader) ([]claimdesk.FeeEntry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &FeeParseError{File: name, Line: 1, Err: ErrFeeEmpty}
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	col := map[string]int{"code": -1, "modifier": -1, "charge": -1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "code", "cpt", "hcpcs", "procedure":
			col["code"] = i
		case "modifier", "mod":
			col["modifier"] = i
		case "charge", "fee", "amount", "price":
			col["charge"] = i
		}
	}
	if col["code"] < 0 || col["charge"] < 0 {
		return nil, &FeeParseError{File: name, Line: 1, Err: ErrFeeColumns}
	}
	var out []claimdesk.FeeEntry
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i := col[k]; i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		code := strings.ToUpper(get("code"))
		if len(code) != 5 || !alnum(code) {
			return nil, &FeeParseError{File: name, Line: line, Field: "code", Err: ErrFeeCode}
		}
		mod := strings.ToUpper(get("modifier"))
		if mod != "" && (len(mod) != 2 || !alnum(mod)) {
			return nil, &FeeParseError{File: name, Line: line, Field: "modifier", Err: ErrFeeModifier}
		}
		charge, err := claimdesk.ParseCents(get("charge"))
		if err != nil || charge <= 0 {
			return nil, &FeeParseError{File: name, Line: line, Field: "charge", Err: ErrFeeCharge}
		}
		key := code + "-" + mod
		if first, dup := seen[key]; dup {
			return nil, &FeeParseError{File: name, Line: line, Field: "code", Err: fmt.Errorf("%w (first on line %d)", ErrFeeDuplicate, first)}
		}
		seen[key] = line
		out = append(out, claimdesk.FeeEntry{Code: code, Modifier: mod, Charge: charge})
	}
	if len(out) == 0 {
		return nil, &FeeParseError{File: name, Line: 1, Err: ErrFeeEmpty}
	}
	return out, nil
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FeeParseError{File: name, Line: pe.Line, Err: pe.Err}
	}
	return fmt.Errorf("read %s: %w", name, err)
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// WriteFeeCSV writes fees in the format ParseFeeCSV reads.
func WriteFeeCSV(w io.Writer, fees []claimdesk.FeeEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"code", "modifier", "charge"}); err != nil {
		return fmt.Errorf("write fees: %w", err)
	}
	for _, f := range fees {
		if err := cw.Write([]string{f.Code, f.Modifier, f.Charge.String()}); err != nil {
			return fmt.Errorf("write fees: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write fees: %w", err)
	}
	return nil
}

// ImportFees reads a fee schedule CSV and replaces the practice's fee
// schedule with it in one transaction; a bad file changes nothing. It
// returns how many fees were stored.
func (d *Desk) ImportFees(ctx context.Context, name string, r io.Reader) (int, error) {
	fees, err := ParseFeeCSV(name, r)
	if err != nil {
		return 0, err
	}
	if err := d.Practice.ReplaceFees(ctx, fees); err != nil {
		return 0, fmt.Errorf("import fees: %w", err)
	}
	d.log().Info("fee schedule imported", "fees", len(fees))
	return len(fees), nil
}

// SaveFeeEntry checks and stores one fee schedule row typed by the user.
func (d *Desk) SaveFeeEntry(ctx context.Context, code, modifier, charge string) (claimdesk.FeeEntry, error) {
	var fe claimdesk.FieldErrors
	f := claimdesk.FeeEntry{Code: strings.ToUpper(strings.TrimSpace(code)), Modifier: strings.ToUpper(strings.TrimSpace(modifier))}
	if len(f.Code) != 5 || !alnum(f.Code) {
		fe = append(fe, claimdesk.FieldError{Path: "code", Message: ErrFeeCode.Error()})
	}
	if f.Modifier != "" && (len(f.Modifier) != 2 || !alnum(f.Modifier)) {
		fe = append(fe, claimdesk.FieldError{Path: "modifier", Message: ErrFeeModifier.Error()})
	}
	c, err := claimdesk.ParseCents(charge)
	if err != nil || c <= 0 {
		fe = append(fe, claimdesk.FieldError{Path: "charge", Message: ErrFeeCharge.Error()})
	}
	f.Charge = c
	if len(fe) > 0 {
		return f, fe
	}
	if err := d.Practice.SaveFee(ctx, f); err != nil {
		return f, fmt.Errorf("save fee: %w", err)
	}
	return f, nil
}
