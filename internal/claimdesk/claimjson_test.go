package claimdesk

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// docExample returns the ```json block of docs/claim-json.md.
func docExample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "claim-json.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```json\n")
	if !ok {
		t.Fatal("docs/claim-json.md has no ```json block")
	}
	ex, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("unterminated ```json block")
	}
	return []byte(ex)
}

func TestDecodeClaimJSONDocExample(t *testing.T) {
	cd, err := DecodeClaimJSON(bytes.NewReader(docExample(t)))
	if err != nil {
		t.Fatalf("doc example: %v", err)
	}
	if got := len(cd.Encounter.Lines); got != 3 {
		t.Fatalf("lines = %d, want 3", got)
	}
	if cd.Encounter.Lines[0].Charge != 15000 || cd.Claim.AmountPaid != 2000 {
		t.Errorf("amounts = %d, %d; want 15000, 2000", cd.Encounter.Lines[0].Charge, cd.Claim.AmountPaid)
	}
	if cd.Encounter.Lines[2].NDCQty != WholeUnits(2) || cd.Patient.Last != "Testperson" || !cd.Patient.DOB.Equal(MustDate("1984-03-09")) {
		t.Errorf("decoded wrong: %+v", cd.Encounter.Lines[2])
	}
	// Round trip: encode and decode again gives the same value.
	b, err := json.Marshal(cd)
	if err != nil {
		t.Fatal(err)
	}
	cd2, err := DecodeClaimJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("re-decode: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(cd, cd2) {
		t.Errorf("round trip differs:\n%+v\n%+v", cd, cd2)
	}
	if !bytes.Contains(b, []byte(`"charge":150.00`)) {
		t.Errorf("amounts should marshal as dollars: %s", b)
	}
}

func TestDecodeClaimJSONErrors(t *testing.T) {
	ex := string(docExample(t))
	tests := []struct {
		name     string
		in       string
		wantPath string
		wantMsg  string
	}{
		{"ok", ex, "", ""},
		{"bad charge", strings.Replace(ex, `"charge": 60.00`, `"charge": "sixty"`, 1), "encounter.lines[2].charge", "want an amount like 125.00"},
		{"three decimals", strings.Replace(ex, `"charge": 60.00`, `"charge": 60.001`, 1), "encounter.lines[2].charge", "want an amount like 125.00"},
		{"exponent", strings.Replace(ex, `"charge": 60.00`, `"charge": 6e1`, 1), "encounter.lines[2].charge", "want an amount like 125.00"},
		{"charge as string ok", strings.Replace(ex, `"charge": 60.00`, `"charge": "60.00"`, 1), "", ""},
		{"unknown field", strings.Replace(ex, `"charge": 35.00`, `"chrage": 35.00`, 1), "encounter.lines[1].chrage", "unknown field"},
		{"bad date", strings.Replace(ex, `"dob": "1984-03-09"`, `"dob": "03/09/1984"`, 1), "patient.dob", "want a date YYYY-MM-DD"},
		{"date not string", strings.Replace(ex, `"dob": "1984-03-09"`, `"dob": 19840309`, 1), "patient.dob", "want a date as a string"},
		{"units", strings.Replace(ex, `"units": 2,`, `"units": "two",`, 1), "encounter.lines[2].units", "want a quantity"},
		{"bool", strings.Replace(ex, `"accept_assignment": true`, `"accept_assignment": "yes"`, 1), "practice.accept_assignment", "want true or false"},
		{"int", strings.Replace(ex, `"priority": 1`, `"priority": 1.5`, 1), "policy.priority", "want a whole number"},
		{"list", strings.Replace(ex, `"diagnoses": ["J02.9", "R50.9"]`, `"diagnoses": "J02.9"`, 1), "encounter.diagnoses", "want a list"},
		{"list item", strings.Replace(ex, `"diagnoses": ["J02.9", "R50.9"]`, `"diagnoses": ["J02.9", 5]`, 1), "encounter.diagnoses[1]", "want a string"},
		{"object", strings.Replace(ex, `"policy": {`, `"policy": 3, "x": {`, 1), "policy", "want an object"},
		{"syntax", strings.Replace(ex, `"pos": "11",`, `"pos": "11",,`, 1), "", "not valid JSON"},
		{"trailing", ex + "{}", "", "unexpected data after the claim object"},
		{"empty", "", "", "empty document"},
		{"array", "[]", "", "want an object"},
		{"truncated", ex[:200], "", "unexpected end of input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeClaimJSON(strings.NewReader(tt.in))
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.wantMsg)
			}
			if !errors.Is(err, ErrClaimJSON) {
				t.Errorf("error %v does not wrap ErrClaimJSON", err)
			}
			var ce *ClaimJSONError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ClaimJSONError", err)
			}
			if ce.Path != tt.wantPath || !strings.Contains(ce.Reason, tt.wantMsg) {
				t.Errorf("got path %q reason %q; want %q, %q", ce.Path, ce.Reason, tt.wantPath, tt.wantMsg)
			}
			if tt.wantPath != "" && !strings.HasPrefix(err.Error(), tt.wantPath+": ") {
				t.Errorf("Error() = %q, want it to start with the path", err.Error())
			}
		})
	}
}

func TestClaimJSONSyntaxErrorLine(t *testing.T) {
	_, err := DecodeClaimJSON(strings.NewReader("{\n\"claim\": {\n}}\n,"))
	var ce *ClaimJSONError
	if !errors.As(err, &ce) || ce.Line != 4 {
		t.Fatalf("err = %v, want line 4", err)
	}
}

// TestClaimSchemaMatchesModel keeps docs/claim.schema.json in step with the
// Go types: every object's properties are exactly the type's JSON fields.
func TestClaimSchemaMatchesModel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "claim.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	check := func(name string, props map[string]any, typ reflect.Type) {
		var want, got []string
		for k := range jsonFields(typ) {
			want = append(want, k)
		}
		for k := range props {
			got = append(got, k)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("schema %s properties %v, Go fields %v", name, got, want)
		}
	}
	check("root", s.Properties, reflect.TypeFor[ClaimData]())
	for def, typ := range map[string]reflect.Type{
		"address": reflect.TypeFor[Address](), "person": reflect.TypeFor[Person](),
		"status_change": reflect.TypeFor[StatusChange](), "claim": reflect.TypeFor[Claim](),
		"practice": reflect.TypeFor[Practice](), "provider": reflect.TypeFor[Provider](),
		"facility": reflect.TypeFor[Facility](), "payer": reflect.TypeFor[Payer](),
		"patient": reflect.TypeFor[Patient](), "policy": reflect.TypeFor[Policy](),
		"line": reflect.TypeFor[ServiceLine](), "encounter": reflect.TypeFor[Encounter](),
	} {
		check(def, s.Defs[def].Properties, typ)
	}
}

// FuzzDecodeClaimJSON: any input either decodes to a value that encodes and
// decodes again to the same value, or gives a *ClaimJSONError.
func FuzzDecodeClaimJSON(f *testing.F) {
	f.Add(docExample(f))
	f.Add([]byte(`{"encounter":{"lines":[{"charge":"1.5"}]}}`))
	f.Add([]byte(`{"patient":{"dob":"2020-02-30"}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		cd, err := DecodeClaimJSON(bytes.NewReader(in))
		if err != nil {
			var ce *ClaimJSONError
			if !errors.As(err, &ce) || ce.Reason == "" {
				t.Fatalf("error without path/reason: %v", err)
			}
			return
		}
		b, err := json.Marshal(cd)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		cd2, err := DecodeClaimJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, b)
		}
		b2, _ := json.Marshal(cd2)
		if !bytes.Equal(b, b2) {
			t.Fatalf("round trip differs:\n%s\n%s", b, b2)
		}
	})
}

func TestCentsUnitsJSON(t *testing.T) {
	ct := []struct {
		in   string
		want Cents
		ok   bool
	}{
		{`125`, 12500, true}, {`125.5`, 12550, true}, {`"125.50"`, 12550, true}, {`0.01`, 1, true}, {`null`, 0, true},
		{`125.505`, 0, false}, {`1e2`, 0, false}, {`"$5"`, 0, false}, {`"1,000.00"`, 0, false}, {`true`, 0, false}, {`""`, 0, false},
	}
	for _, tt := range ct {
		var c Cents
		err := json.Unmarshal([]byte(tt.in), &c)
		if (err == nil) != tt.ok || (tt.ok && c != tt.want) {
			t.Errorf("Cents %s: %v, %v; want %v ok=%v", tt.in, c, err, tt.want, tt.ok)
		}
	}
	ut := []struct {
		in   string
		want Units
		ok   bool
	}{
		{`1`, 1000, true}, {`"2.5"`, 2500, true}, {`0.125`, 125, true},
		{`0.0001`, 0, false}, {`"two"`, 0, false}, {`1E3`, 0, false},
	}
	for _, tt := range ut {
		var u Units
		err := json.Unmarshal([]byte(tt.in), &u)
		if (err == nil) != tt.ok || (tt.ok && u != tt.want) {
			t.Errorf("Units %s: %v, %v; want %v ok=%v", tt.in, u, err, tt.want, tt.ok)
		}
	}
	b, _ := json.Marshal(struct {
		C Cents
		U Units
	}{-320, 2500})
	if string(b) != `{"C":-3.20,"U":"2.5"}` {
		t.Errorf("marshal = %s", b)
	}
}
