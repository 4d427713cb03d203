package codeset

import (
	"errors"
	"testing"

	"claimdesk/internal/claimdesk"
)

func TestICDRelease(t *testing.T) {
	tests := []struct {
		names    []string
		name     string
		from, to string
		err      error
	}{
		{[]string{"icd10cm_order_2026.txt"}, "ICD-10-CM FY2026", "2025-10-01", "2026-09-30", nil},
		{[]string{"2026-code-descriptions-tabular-order.zip", "icd10cm_order_2026.txt"}, "ICD-10-CM FY2026", "2025-10-01", "2026-09-30", nil},
		{[]string{"icd10cm-Code Descriptions-2026.zip", "icd10cm-codes-2026.txt"}, "ICD-10-CM FY2026", "2025-10-01", "2026-09-30", nil},
		{[]string{"Code-desciptions-April-2025.zip", "icd10cm-order-April-2025.txt"}, "ICD-10-CM FY2025 April update", "2025-04-01", "2025-09-30", nil},
		{[]string{"april-1-2026-code-descriptions-tabular-order.zip", "Code Descriptions/icd10cm_order_2026.txt"}, "ICD-10-CM FY2026 April update", "2026-04-01", "2026-09-30", nil},
		{[]string{"icd10cm-order-Jan-2021.txt"}, "ICD-10-CM FY2021 January update", "2021-01-01", "2021-09-30", nil},
		{[]string{"codes.txt"}, "", "", "", ErrNoRelease},
	}
	for _, tt := range tests {
		t.Run(tt.names[0], func(t *testing.T) {
			r, err := ICDRelease(tt.names...)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Name != tt.name || r.ValidFrom.String() != tt.from || r.ValidTo.String() != tt.to || r.System != claimdesk.SystemICD10CM {
				t.Fatalf("got %+v", r)
			}
		})
	}
}

func TestHCPCSRelease(t *testing.T) {
	tests := []struct {
		in, name, from string
		err            error
	}{
		{"HCPC2026_JAN_ANWEB_01122026.txt", "HCPCS 2026 Q1 (January)", "2026-01-01", nil},
		{"january-2026-alpha-numeric-hcpcs-file.zip", "HCPCS 2026 Q1 (January)", "2026-01-01", nil},
		{"HCPC2026_JUL_ANWEB_06172026.txt", "HCPCS 2026 Q3 (July)", "2026-07-01", nil},
		{"hcpcs.txt", "", "", ErrNoRelease},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := HCPCSRelease(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil || r.Name != tt.name || r.ValidFrom.String() != tt.from || !r.ValidTo.IsZero() {
				t.Fatalf("got %+v, %v", r, err)
			}
		})
	}
}
