package claimdesk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrClaimJSON is the sentinel every DecodeClaimJSON error wraps, so callers
// can tell bad input from I/O trouble with errors.Is.
var ErrClaimJSON = errors.New("bad claim JSON")

// ClaimJSONError is one problem in a claim JSON document: Path is the field
// (encounter.lines[2].charge, "" for the document itself), Line the 1-based
// line of the input it was found on when known (0 otherwise), and Reason
// what is wrong. Reasons name fields and expected shapes, never the values
// found, so the error is safe to log.
type ClaimJSONError struct {
	Path   string
	Line   int
	Reason string
}

// Error prints "encounter.lines[2].charge: want an amount like 125.00".
func (e *ClaimJSONError) Error() string {
	where := e.Path
	if where == "" {
		where = "claim JSON"
	}
	if e.Line > 0 && e.Path == "" {
		where += fmt.Sprintf(" line %d", e.Line)
	}
	return where + ": " + e.Reason
}

// Unwrap lets errors.Is(err, ErrClaimJSON) hold.
func (e *ClaimJSONError) Unwrap() error { return ErrClaimJSON }

// maxClaimJSON bounds the size of one claim document (a claim with 50 lines
// is about 20 KB).
const maxClaimJSON = 4 << 20

// DecodeClaimJSON reads one claim JSON document (docs/claim-json.md): a
// ClaimData object. Unknown fields, wrong types, bad amounts, quantities and
// dates, and trailing data are rejected with a *ClaimJSONError naming the
// field path and the reason, e.g. "encounter.lines[2].charge: want an
// amount like 125.00". Amounts are JSON numbers or strings in dollars
// ("125.00"), read exactly without floating point.
//
// It checks the document's shape only; the claim checks judge its content.
func DecodeClaimJSON(r io.Reader) (ClaimData, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxClaimJSON+1))
	if err != nil {
		return ClaimData{}, fmt.Errorf("read claim JSON: %w", err)
	}
	if len(raw) > maxClaimJSON {
		return ClaimData{}, &ClaimJSONError{Reason: fmt.Sprintf("document is larger than %d bytes", maxClaimJSON)}
	}
	// Pass 1: syntax, then shape against ClaimData, with exact paths.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return ClaimData{}, syntaxError(raw, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return ClaimData{}, &ClaimJSONError{Line: lineOf(raw, dec.InputOffset()), Reason: "unexpected data after the claim object"}
	}
	if err := checkShape(tree, reflect.TypeFor[ClaimData](), ""); err != nil {
		return ClaimData{}, err
	}
	// Pass 2: the real decode; pass 1 has ruled out every error it could give.
	var cd ClaimData
	dec = json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cd); err != nil {
		return ClaimData{}, &ClaimJSONError{Reason: "cannot decode: " + err.Error()}
	}
	return cd, nil
}

func syntaxError(raw []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &ClaimJSONError{Line: lineOf(raw, se.Offset), Reason: "not valid JSON: " + se.Error()}
	}
	if errors.Is(err, io.EOF) {
		return &ClaimJSONError{Reason: "empty document (want a claim object)"}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &ClaimJSONError{Line: lineOf(raw, int64(len(raw))), Reason: "not valid JSON: unexpected end of input"}
	}
	return &ClaimJSONError{Reason: "not valid JSON"}
}

func lineOf(raw []byte, off int64) int {
	if off > int64(len(raw)) {
		off = int64(len(raw))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(raw[:off], []byte("\n")) + 1
}

var (
	typeCents = reflect.TypeFor[Cents]()
	typeUnits = reflect.TypeFor[Units]()
	typeDate  = reflect.TypeFor[Date]()
	typeTime  = reflect.TypeFor[time.Time]()
)

// checkShape checks v (decoded with UseNumber) against type t at path.
func checkShape(v any, t reflect.Type, path string) error {
	bad := func(reason string) error { return &ClaimJSONError{Path: path, Reason: reason} }
	switch t {
	case typeCents:
		if _, err := centsFromJSON(v); err != nil {
			return bad("want an amount like 125.00")
		}
		return nil
	case typeUnits:
		if _, err := unitsFromJSON(v); err != nil {
			return bad("want a quantity like 1 or 2.5 (up to 3 decimals)")
		}
		return nil
	case typeDate:
		s, ok := v.(string)
		if !ok {
			return bad("want a date as a string \"YYYY-MM-DD\"")
		}
		if _, err := ParseDate(s); err != nil {
			return bad("want a date YYYY-MM-DD")
		}
		return nil
	case typeTime:
		s, ok := v.(string)
		if !ok {
			return bad("want a time as a string like \"2026-01-02T15:04:05Z\"")
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return bad("want a time like 2026-01-02T15:04:05Z (RFC 3339)")
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v == nil {
			return nil
		}
		return checkShape(v, t.Elem(), path)
	case reflect.String:
		if _, ok := v.(string); !ok {
			return bad("want a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return bad("want true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return bad("want a whole number")
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || reflect.New(t).Elem().OverflowInt(i) {
			return bad("want a whole number")
		}
	case reflect.Slice:
		if v == nil {
			return nil
		}
		arr, ok := v.([]any)
		if !ok {
			return bad("want a list [...]")
		}
		for i, e := range arr {
			if err := checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			if v == nil && path != "" {
				return nil // null leaves a struct at its zero value
			}
			return bad("want an object {...}")
		}
		fields := jsonFields(t)
		// Report in a stable order: sorted keys.
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				return &ClaimJSONError{Path: join(path, k), Reason: "unknown field"}
			}
			if err := checkShape(obj[k], ft, join(path, k)); err != nil {
				return err
			}
		}
	default:
		return bad("unsupported field type")
	}
	return nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// jsonFields maps the JSON names of struct t's fields (embedded structs
// flattened, as encoding/json does) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				if _, dup := m[k]; !dup {
					m[k] = v
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	return m
}

func centsFromJSON(v any) (Cents, error) {
	switch x := v.(type) {
	case json.Number:
		return parseJSONAmount(x.String())
	case string:
		return parseJSONAmount(x)
	}
	return 0, ErrBadAmount
}

// parseJSONAmount accepts "125", "125.5", "125.50" (no sign, currency or
// separators, no exponent).
func parseJSONAmount(s string) (Cents, error) {
	if s == "" || strings.ContainsAny(s, "$,eE+ ") {
		return 0, ErrBadAmount
	}
	return ParseCents(s)
}

func unitsFromJSON(v any) (Units, error) {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(x.String(), "eE+") {
			return 0, ErrBadUnits
		}
		return ParseUnits(x.String())
	case string:
		return ParseUnits(x)
	}
	return 0, ErrBadUnits
}

// MarshalJSON writes the amount as a JSON number in dollars with two
// decimals (125.00), so claim JSON reads like money.
func (c Cents) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalJSON reads an amount in dollars, as a JSON number (125.00) or a
// string ("125.00"), exactly (never through float64).
func (c *Cents) UnmarshalJSON(b []byte) error {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("amount: %w", ErrBadAmount)
	}
	if v == nil {
		return nil
	}
	x, err := centsFromJSON(v)
	if err != nil {
		return fmt.Errorf("amount: want an amount like 125.00: %w", ErrBadAmount)
	}
	*c = x
	return nil
}

// UnmarshalJSON reads a quantity as a JSON number (2.5) or string ("2.5").
func (u *Units) UnmarshalJSON(b []byte) error {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("quantity: %w", ErrBadUnits)
	}
	if v == nil {
		return nil
	}
	x, err := unitsFromJSON(v)
	if err != nil {
		return fmt.Errorf("quantity: %w", ErrBadUnits)
	}
	*u = x
	return nil
}
