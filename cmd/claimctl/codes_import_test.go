package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// orderFileLine builds one synthetic ICD-10-CM order-file line.
func orderFileLine(no, code, flag, title string) string {
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len(s))) }
	return pad(no, 5) + " " + pad(code, 7) + " " + flag + " " + pad(title, 60) + " " + title + "\r\n"
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func codesCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb}
	code = m.Main(t.Context(), args)
	return out.String(), errb.String(), code
}

func TestCodesImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	order := orderFileLine("00001", "E11", "0", "Type 2 diabetes mellitus") +
		orderFileLine("00002", "E119", "1", "Type 2 diabetes mellitus without complications") +
		orderFileLine("00003", "E1165", "1", "Type 2 diabetes mellitus with hyperglycemia")
	orderPath := writeFile(t, filepath.Join(dir, "icd10cm_order_2026.txt"), order)
	// The same file inside a zip as downloaded.
	zipPath := filepath.Join(dir, "2026-code-descriptions-tabular-order.zip")
	{
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("icd10cm_order_2026.txt")
		w.Write([]byte(order))
		w, _ = zw.Create("icd10OrderFiles.pdf")
		w.Write([]byte("%PDF-1.7"))
		zw.Close()
		writeFile(t, zipPath, b.String())
	}
	tabular := writeFile(t, filepath.Join(dir, "icd10cm_tabular_2021.xml"), `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular><version>2021</version>
<chapter><name>4</name><desc>Endocrine</desc>
<section id="E08-E13"><desc>Diabetes mellitus (E08-E13)</desc>
<diag><name>E11</name><desc>Type 2 diabetes mellitus</desc>
<excludes1><note>type 1 diabetes mellitus (E10.-)</note></excludes1>
<diag><name>E11.9</name><desc>Type 2 diabetes mellitus without complications</desc></diag>
<diag><name>E11.8</name><desc>with unspecified complications</desc><inclusionTerm><note>not in target</note></inclusionTerm></diag>
</diag></section></chapter></ICD10CM.tabular>
`)
	badOrder := writeFile(t, filepath.Join(dir, "icd10cm_order_2027.txt"), orderFileLine("00001", "A00", "0", "Cholera")+orderFileLine("00002", "A000", "7", "Cholera due to Vibrio"))
	procs := writeFile(t, filepath.Join(dir, "procedures.csv"), "code,description,fee\n99213,Office visit est low,125.00\n3074F,BP reported,\n")
	badProcs := writeFile(t, filepath.Join(dir, "bad.csv"), "99214,Office visit,1\n9921,Short code,2\n")
	unknown := writeFile(t, filepath.Join(dir, "readme.txt"), "hello\n")
	cpt := writeFile(t, filepath.Join(dir, "cpt2026.txt"), "code\tshort\tlong\n99213\tOFFICE VISIT\tSynthetic descriptor for a test\n")

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"import order file", []string{"codes", "import", "--db", db, orderPath}, 0, "ICD-10-CM FY2026, 3 codes, valid from 2025-10-01 to 2026-09-30", ""},
		{"same file in its zip", []string{"codes", "import", "--db", db, zipPath}, 0, "already imported (ICD-10-CM FY2026", ""},
		{"tabular of another release needs --notes-from", []string{"codes", "import", "--db", db, tabular}, 2, "", "ICD-10-CM FY2021 is not imported"},
		{"notes from FY2021", []string{"codes", "import", "--db", db, "--notes-from", tabular}, 0, "1 notes and 0 index terms from ICD-10-CM FY2021 attached to ICD-10-CM FY2026 (1 skipped", ""},
		{"notes again", []string{"codes", "import", "--db", db, "--notes-from", tabular}, 0, "already imported into ICD-10-CM FY2026", ""},
		{"malformed file", []string{"codes", "import", "--db", db, badOrder}, 2, "", "icd10cm_order_2027.txt line 2 field billable flag: billable flag must be 0 or 1"},
		{"unknown file", []string{"codes", "import", "--db", db, unknown}, 2, "", "readme.txt: not a code set file"},
		{"no files", []string{"codes", "import", "--db", db}, 2, "", "want one or more files"},
		{"procedure CSV through import", []string{"codes", "import", "--db", db, procs}, 0, "procedures.csv: 2 procedures added or updated", ""},
		{"import-procedures", []string{"codes", "import-procedures", "--db", db, procs}, 0, "2 procedures added or updated", ""},
		{"bad procedures", []string{"codes", "import-procedures", "--db", db, badProcs}, 2, "", "bad.csv line 2 field code"},
		{"add-procedure", []string{"codes", "add-procedure", "--db", db, "--code", "99395", "--desc", "Preventive visit 18-39", "--fee", "180"}, 0, "99395 Preventive visit 18-39 180.00", ""},
		{"add-procedure bad code", []string{"codes", "add-procedure", "--db", db, "--code", "9939", "--desc", "x"}, 2, "", "code"},
		{"licensed CPT file", []string{"codes", "import", "--db", db, cpt}, 0, "CPT cpt2026, 1 codes, valid from 2026-01-01", ""},
		{"starter", []string{"codes", "starter", "--db", db}, 0, "icd10cm Starter list:", ""},
		{"starter again", []string{"codes", "starter", "--db", db}, 0, "already loaded", ""},
		{"releases", []string{"codes", "releases", "--db", db}, 0, "icd10cm  ICD-10-CM FY2026", ""},
		{"releases show attached notes", []string{"codes", "releases", "--db", db}, 0, "ICD-10-CM FY2026  tabular  ICD-10-CM FY2021  1      0      icd10cm_tabular_2021.xml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := codesCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
		})
	}
	// Nothing of the malformed file was imported, and the procedure list
	// holds no entry of the rejected CSV.
	out, _, code := codesCLI(t, "codes", "releases", "--db", db, "--json")
	if code != 0 {
		t.Fatal(out)
	}
	var rels []claimdesk.Release
	if err := json.Unmarshal([]byte(out), &rels); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rels {
		names = append(names, string(r.System)+" "+r.Name)
	}
	if got := strings.Join(names, ", "); got != "cpt CPT cpt2026, icd10cm ICD-10-CM FY2026, hcpcs Starter list, icd10cm Starter list" {
		t.Fatalf("releases: %s", got)
	}
	sdb, err := openExistingDB(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	ps, err := sdb.Procedures(t.Context())
	if err != nil || len(ps) != 3 {
		t.Fatalf("procedures %+v, %v", ps, err)
	}
	notes, err := sdb.Notes(t.Context(), "E11.9", claimdesk.MustDate("2026-03-01"))
	if err != nil || len(notes) != 1 || notes[0].Release != "ICD-10-CM FY2021" || notes[0].From != "E11" {
		t.Fatalf("notes of E11.9: %+v, %v", notes, err)
	}
	// The official release wins over the starter list on its dates.
	c, err := sdb.Code(t.Context(), claimdesk.SystemICD10CM, "E11.65", claimdesk.MustDate("2026-03-01"))
	if err != nil || c.Release != "ICD-10-CM FY2026" {
		t.Fatalf("E11.65: %+v, %v", c, err)
	}
	c, err = sdb.Code(t.Context(), claimdesk.SystemICD10CM, "I10", claimdesk.MustDate("2026-03-01"))
	if err == nil {
		t.Fatalf("I10 found in FY2026 test release: %+v", c)
	}
	c, err = sdb.Code(t.Context(), claimdesk.SystemICD10CM, "I10", claimdesk.MustDate("2027-03-01"))
	if err != nil || c.Release != "Starter list" {
		t.Fatalf("I10 after FY2026: %+v, %v", c, err)
	}
}
