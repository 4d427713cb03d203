package billing

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
)

// fakeCodeStore records imports; unused CodeService methods panic.
type fakeCodeStore struct {
	claimdesk.CodeService
	releases []claimdesk.Release
	notes    []string // "source release → target id"
	procs    []claimdesk.Procedure
}

func (f *fakeCodeStore) Releases(context.Context) ([]claimdesk.Release, error) {
	return f.releases, nil
}

func (f *fakeCodeStore) ImportCodeSet(_ context.Context, cs *claimdesk.CodeSet, progress func(int, int)) (claimdesk.ImportResult, error) {
	for _, r := range f.releases {
		if r.SHA256 == cs.Release.SHA256 {
			return claimdesk.ImportResult{Release: r, Already: true}, nil
		}
	}
	r := cs.Release
	r.ID = int64(len(f.releases) + 1)
	f.releases = append(f.releases, r)
	if progress != nil {
		progress(len(cs.Codes), len(cs.Codes))
	}
	return claimdesk.ImportResult{Release: r, Codes: len(cs.Codes)}, nil
}

func (f *fakeCodeStore) ImportNotes(_ context.Context, target int64, cs *claimdesk.CodeSet, _ func(int, int)) (claimdesk.ImportResult, error) {
	f.notes = append(f.notes, cs.Release.Name+" → "+f.releases[target-1].Name)
	return claimdesk.ImportResult{Release: cs.Release, Notes: len(cs.Notes), Terms: len(cs.Terms)}, nil
}

func (f *fakeCodeStore) ImportProcedures(_ context.Context, ps []claimdesk.Procedure) error {
	f.procs = append(f.procs, ps...)
	return nil
}

func (f *fakeCodeStore) AddProcedure(_ context.Context, p claimdesk.Procedure) error {
	f.procs = append(f.procs, p)
	return nil
}

func orderLine(no, code, flag, title string) string {
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len(s))) }
	return pad(no, 5) + " " + pad(code, 7) + " " + flag + " " + pad(title, 60) + " " + title + "\n"
}

const tabularXML = `<ICD10CM.tabular><version>2021</version><chapter><name>4</name><desc>E</desc>
<section id="E08-E13"><desc>D</desc><diag><name>E11</name><desc>T2DM</desc>
<excludes1><note>type 1 (E10.-)</note></excludes1></diag></section></chapter></ICD10CM.tabular>`

func TestImportCodeFilesRouting(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	order21 := write("icd10cm-order-Jan-2021.txt", orderLine("00001", "E11", "0", "Type 2 diabetes mellitus"))
	order26 := write("icd10cm_order_2026.txt", orderLine("00001", "E11", "0", "Type 2 diabetes mellitus")+orderLine("00002", "E119", "1", "Type 2 diabetes mellitus without complications"))
	tab21 := write("icd10cm_tabular_2021.xml", tabularXML)
	tab21b := write("tabular-2021-copy.xml", tabularXML+"\n")
	procs := write("procs.csv", "99213,Office visit,125\n")
	sub := filepath.Join(dir, "folder")
	if err := os.MkdirAll(filepath.Join(sub, "more"), 0o700); err != nil {
		t.Fatal(err)
	}
	write("folder/readme.txt", "not a code set\n")
	write("folder/more/icd10cm_order_2026.txt", orderLine("00001", "E11", "0", "Type 2 diabetes mellitus"))
	bad := write("icd10cm_order_2030.txt", orderLine("00001", "E11", "0", "T2DM")+"00002 E119 1 x\n")

	tests := []struct {
		name      string
		paths     []string
		notesFrom []string
		releases  []string
		notes     []string
		err       error
		errText   string
	}{
		{name: "XML listed first still attaches after its release", paths: []string{tab21, order21}, releases: []string{"ICD-10-CM FY2021 January update"}, notes: []string{"ICD-10-CM FY2021 → ICD-10-CM FY2021 January update"}},
		{name: "XML of a release not imported", paths: []string{tab21}, releases: []string{}, notes: []string{}, err: ErrNoTarget, errText: "FY2021 is not imported"},
		{name: "notes-from attaches to the release of this call", paths: []string{order26}, notesFrom: []string{tab21}, releases: []string{"ICD-10-CM FY2026"}, notes: []string{"ICD-10-CM FY2021 → ICD-10-CM FY2026"}},
		{name: "newest Tabular of one import wins", paths: []string{order26}, notesFrom: []string{tab21, write("icd10cm_tabular_2017.xml", tabularXML)}, releases: []string{"ICD-10-CM FY2026"}, notes: []string{"ICD-10-CM FY2021 → ICD-10-CM FY2026"}},
		{name: "a folder", paths: []string{sub}, releases: []string{"ICD-10-CM FY2026"}},
		{name: "procedure CSV", paths: []string{procs}, releases: []string{}},
		{name: "malformed file stops after earlier files", paths: []string{order26, bad}, releases: []string{"ICD-10-CM FY2026"}, err: codeset.ErrShortLine, errText: "icd10cm_order_2030.txt line 2"},
		{name: "notes-from alone goes to the newest release", notesFrom: []string{tab21b}, releases: []string{}, notes: []string{"ICD-10-CM FY2021 → ICD-10-CM FY2026"}, err: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeCodeStore{}
			if tt.name == "notes-from alone goes to the newest release" {
				store.releases = []claimdesk.Release{
					{ID: 1, System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2025", ValidFrom: claimdesk.MustDate("2024-10-01"), SHA256: "a"},
					{ID: 2, System: claimdesk.SystemICD10CM, Name: "ICD-10-CM FY2026", ValidFrom: claimdesk.MustDate("2025-10-01"), SHA256: "b"},
					{ID: 3, System: claimdesk.SystemICD10CM, Name: starterName, SHA256: "c"},
				}
			}
			before := len(store.releases)
			d := &Desk{Codes: store}
			var last, total int
			_, err := d.ImportCodeFiles(t.Context(), tt.paths, tt.notesFrom, func(done, tot int) { last, total = done, tot })
			if tt.err != nil {
				if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if last != total {
				t.Fatalf("progress ended at %d of %d", last, total)
			}
			var got []string
			for _, r := range store.releases[before:] {
				got = append(got, r.Name)
			}
			if strings.Join(got, ";") != strings.Join(tt.releases, ";") {
				t.Fatalf("releases %q, want %q", got, tt.releases)
			}
			if tt.notes != nil && strings.Join(store.notes, ";") != strings.Join(tt.notes, ";") {
				t.Fatalf("notes %q, want %q", store.notes, tt.notes)
			}
		})
	}
}

func TestAddProcedureFieldErrors(t *testing.T) {
	d := &Desk{Codes: &fakeCodeStore{}}
	_, err := d.AddProcedure(t.Context(), "9921", "x", "")
	var fe claimdesk.FieldErrors
	if !errors.As(err, &fe) || fe.For("code") == "" {
		t.Fatalf("err = %v", err)
	}
	_, err = d.AddProcedure(t.Context(), "99213", "Office visit", "12x")
	if !errors.As(err, &fe) || fe.For("fee") == "" {
		t.Fatalf("err = %v", err)
	}
	p, err := d.AddProcedure(t.Context(), "99213", "Office visit", "$1,250.50")
	if err != nil || p.Fee != 125050 {
		t.Fatalf("%+v, %v", p, err)
	}
}

func TestImportCodeFilesCancelled(t *testing.T) {
	p := filepath.Join(t.TempDir(), "icd10cm_order_2026.txt")
	if err := os.WriteFile(p, []byte(orderLine("00001", "E11", "0", "Type 2 diabetes mellitus")), 0o600); err != nil {
		t.Fatal(err)
	}
	store := &fakeCodeStore{}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := (&Desk{Codes: store}).ImportCodeFiles(ctx, []string{p}, nil, nil)
	if !errors.Is(err, context.Canceled) || len(store.releases) != 0 {
		t.Fatalf("err = %v, releases %v", err, store.releases)
	}
}
