package codeset

import (
	"bytes"
	"io"
	"os"
	"testing"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/shareddata"
)

func readShared(b *testing.B, rel string) []byte {
	data, err := os.ReadFile(shareddata.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadOrder parses the FY2026 order file (14.7 MB, 98,186 rows).
func BenchmarkReadOrder(b *testing.B) {
	data := readShared(b, "codesets/icd10cm/icd10cm_order_2026.txt")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ReadOrder(bytes.NewReader(data), "o", "R", func(claimdesk.CodeEntry) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadHCPCS parses the January 2026 HCPCS file (5.4 MB).
func BenchmarkReadHCPCS(b *testing.B) {
	data := readShared(b, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHCPCS(bytes.NewReader(data), "h", "R"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadTabular parses the FY2021 Tabular XML (9.3 MB).
func BenchmarkReadTabular(b *testing.B) {
	data := readShared(b, "codesets/icd10cm/icd10cm_tabular_2021.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadTabular(bytes.NewReader(data), "t", "R"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadIndex parses the FY2017 Alphabetic Index XML (9.1 MB).
func BenchmarkReadIndex(b *testing.B) {
	files, err := Files(shareddata.Path(b, "codesets/icd10cm/ICD10CM_FY2017_Full_XML.zip"))
	if err != nil {
		b.Fatal(err)
	}
	var data []byte
	for _, f := range files {
		if f.Kind == KindIndex {
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			data, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadIndex(bytes.NewReader(data), "i", "index", "R"); err != nil {
			b.Fatal(err)
		}
	}
}
