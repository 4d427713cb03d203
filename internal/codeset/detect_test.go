package codeset

import (
	"context"
	"errors"
	"testing"

	"claimdesk/internal/shareddata"
)

func TestDetect(t *testing.T) {
	order := []byte("00001 A00     0 Cholera                                                      Cholera\r\n")
	tests := []struct {
		name string
		head []byte
		want Kind
	}{
		{"icd10cm_order_2026.txt", order, KindOrder},
		{"icd10cm-codes-2026.txt", []byte("A000    Cholera due to Vibrio cholerae\r\n"), KindCodes},
		{"icd10cm_order_addenda_2026.txt", []byte("Add:   00001 A00"), KindSkip},
		{"icd10OrderFiles.pdf", []byte("%PDF-1.7"), KindSkip},
		{"x.xml", []byte("<?xml version=\"1.0\"?>\n<ICD10CM.tabular>\n<version>2021</version>"), KindTabular},
		{"icd10cm_index_2017.xml", []byte("<?xml version=\"1.0\"?>\n<ICD10CM.index>\n<version>2017</version><title>ICD-10-CM INDEX TO DISEASES</title>"), KindIndex},
		{"icd10cm_eindex_2017.xml", []byte("<?xml version=\"1.0\"?>\n<ICD10CM.index>\n<title>ICD-10-CM External Cause of Injuries Index</title>"), KindEIndex},
		{"icd10cm_drug_2017.xml", []byte("<?xml version=\"1.0\"?>\n<ICD10CM.index>\n<indexHeading>\n<head col=\"1\">Substance</head>"), KindDrug},
		{"table.xml", []byte("<?xml version=\"1.0\"?>\n<ICD10CM.index>\n<indexHeading>\n<head col=\"1\">Neoplasm</head>"), KindNeoplasm},
		{"pos.xml", []byte("<?xml version=\"1.0\"?>\n<CodeSystem xmlns=\"http://hl7.org/fhir\"><id value=\"CMSPlaceofServiceCodes\"/>"), KindPOS},
		{"HCPC2026_JAN_ANWEB_01122026.txt", []byte("A0021001003Ambulance service, outside state per mile, transport (medicaid only)          Outside state ambulance serv"), KindHCPCS},
		{"cpt.txt", []byte("99213\tOffice visit\n"), KindCPT},
		{"list.csv", []byte("code,description,fee\n"), KindProcedures},
		{"notes.txt", []byte("hello world\n"), KindUnknown},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, tt.head); got != tt.want {
			t.Errorf("Detect(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestFilesAndLoad(t *testing.T) {
	tests := []struct {
		path    string
		kinds   map[Kind]int
		release string
	}{
		{"codesets/icd10cm/2026-code-descriptions-tabular-order.zip", map[Kind]int{KindOrder: 1, KindSkip: 5}, "ICD-10-CM FY2026"},
		{"codesets/icd10cm/Code-desciptions-April-2025.zip", map[Kind]int{KindOrder: 1, KindSkip: 5}, "ICD-10-CM FY2025 April update"},
		{"codesets/icd10cm/ICD10CM_FY2017_Full_XML.zip", map[Kind]int{KindTabular: 1, KindIndex: 1, KindEIndex: 1, KindDrug: 1, KindNeoplasm: 1, KindSkip: 3}, "ICD-10-CM FY2017"},
		{"codesets/hcpcs/january-2026-alpha-numeric-hcpcs-file.zip", map[Kind]int{KindHCPCS: 1, KindSkip: 6}, "HCPCS 2026 Q1 (January)"},
		{"codesets/icd10cm/icd10cm-codes-2026.txt", map[Kind]int{KindCodes: 1}, "ICD-10-CM FY2026"},
		{"codesets/pos/cs-CMS-PlaceofServiceCodes.xml", map[Kind]int{KindPOS: 1}, "CMS Place of Service 20240502"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			files, err := Files(shareddata.Path(t, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			got := map[Kind]int{}
			for _, f := range files {
				got[f.Kind]++
			}
			for k, n := range tt.kinds {
				if got[k] != n {
					t.Fatalf("kinds %v, want %v", got, tt.kinds)
				}
			}
			f := files[0]
			if f.Kind == KindSkip {
				t.Fatalf("first file skipped")
			}
			cs, err := Load(t.Context(), f, nil)
			if err != nil {
				t.Fatal(err)
			}
			if cs.Release.Name != tt.release || len(cs.Release.SHA256) != 64 || cs.Release.Source == "" {
				t.Fatalf("release %+v", cs.Release)
			}
		})
	}
}

func TestLoadSameSHAForZipMemberAndFile(t *testing.T) {
	files, err := Files(shareddata.Path(t, "codesets/icd10cm/2026-code-descriptions-tabular-order.zip"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Load(t.Context(), files[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Files(shareddata.Path(t, "codesets/icd10cm/icd10cm_order_2026.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(t.Context(), plain[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	const want = "6dc95c9c7e96c734806e1682f4bf9df76251d60e99199bba0d375ba3dd11026b"
	if a.Release.SHA256 != want || b.Release.SHA256 != want || len(a.Codes) != 98186 {
		t.Fatalf("sha %s / %s, codes %d", a.Release.SHA256, b.Release.SHA256, len(a.Codes))
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Load(ctx, plain[0], nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: %v", err)
	}
}
