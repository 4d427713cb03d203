// Command gengrid writes internal/cms1500/grid.go from the shared CMS-1500
// (02/12) print grid CSV (../shared/reference/grid/cms1500-0212-grid.csv),
// so the application never reads ../shared at run time:
//
//	go run ./scripts/gengrid -csv ../shared/reference/grid/cms1500-0212-grid.csv -out internal/cms1500/grid.go
//
// Each CSV row becomes one cms1500.Field with a stable ID (the key fill.go
// and Form use); internal/cms1500's grid test compares the result with the
// CSV.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"regexp"
	"strconv"
)

// ids maps "box|field" (service-line rows without their "Lk " prefix) to
// the field ID; service-line IDs get the line number after the box:
// "24F.3.dollars".
var ids = map[string]string{
	"Carrier|Payer name": "carrier.name", "Carrier|Payer address line 1": "carrier.addr1",
	"Carrier|Payer address line 2 (or blank)": "carrier.addr2", "Carrier|Payer city, state, ZIP": "carrier.city",
	"1|X Medicare": "1.medicare", "1|X Medicaid": "1.medicaid", "1|X TRICARE": "1.tricare", "1|X CHAMPVA": "1.champva",
	"1|X Group health plan": "1.group", "1|X FECA Blk Lung": "1.feca", "1|X Other": "1.other",
	"1a|Insured ID number": "1a", "2|Patient name": "2",
	"3|DOB MM": "3.mm", "3|DOB DD": "3.dd", "3|DOB YYYY": "3.yyyy", "3|Sex M X": "3.m", "3|Sex F X": "3.f",
	"4|Insured name": "4", "5|Street": "5.street",
	"6|X Self": "6.self", "6|X Spouse": "6.spouse", "6|X Child": "6.child", "6|X Other": "6.other",
	"7|Street": "7.street", "5|City": "5.city", "5|State": "5.state", "7|City": "7.city", "7|State": "7.state",
	"5|ZIP": "5.zip", "5|Phone area code": "5.area", "5|Phone number": "5.phone",
	"7|ZIP": "7.zip", "7|Phone area code": "7.area", "7|Phone number": "7.phone",
	"9|Other insured name": "9", "11|Policy group / FECA no.": "11", "9a|Other insured policy/group no.": "9a",
	"10a|X YES": "10a.yes", "10a|X NO": "10a.no",
	"11a|DOB MM": "11a.mm", "11a|DOB DD": "11a.dd", "11a|DOB YYYY": "11a.yyyy", "11a|Sex M X": "11a.m", "11a|Sex F X": "11a.f",
	"10b|X YES": "10b.yes", "10b|X NO": "10b.no", "10b|State": "10b.state",
	"11b|Qualifier (Y4)": "11b.qual", "11b|Other claim ID": "11b.id",
	"10c|X YES": "10c.yes", "10c|X NO": "10c.no", "11c|Plan / program name": "11c",
	"9d|Other plan / program name": "9d", "10d|Claim (condition) codes": "10d",
	"11d|X YES": "11d.yes", "11d|X NO": "11d.no",
	"12|Signature (SIGNATURE ON FILE / SOF)": "12.sig", "12|Date": "12.date", "13|Signature (SIGNATURE ON FILE / SOF)": "13.sig",
	"14|MM": "14.mm", "14|DD": "14.dd", "14|YYYY": "14.yyyy", "14|Qualifier (431/484)": "14.qual",
	"15|Qualifier": "15.qual", "15|MM": "15.mm", "15|DD": "15.dd", "15|YYYY": "15.yyyy",
	"16|From MM": "16.from_mm", "16|From DD": "16.from_dd", "16|From YYYY": "16.from_yyyy",
	"16|To MM": "16.to_mm", "16|To DD": "16.to_dd", "16|To YYYY": "16.to_yyyy",
	"17a|Qualifier": "17a.qual", "17a|Other ID": "17a.id", "17|Qualifier (DN/DK/DQ)": "17.qual", "17|Name": "17.name", "17b|NPI": "17b",
	"18|From MM": "18.from_mm", "18|From DD": "18.from_dd", "18|From YYYY": "18.from_yyyy",
	"18|To MM": "18.to_mm", "18|To DD": "18.to_dd", "18|To YYYY": "18.to_yyyy",
	"19|Additional claim information": "19", "20|X YES": "20.yes", "20|X NO": "20.no",
	"20|Charges dollars (right-justified)": "20.dollars", "20|Charges cents": "20.cents",
	"21|ICD Ind (0 = ICD-10-CM)": "21.ind",
	"21|Diagnosis A":             "21.A", "21|Diagnosis B": "21.B", "21|Diagnosis C": "21.C", "21|Diagnosis D": "21.D",
	"21|Diagnosis E": "21.E", "21|Diagnosis F": "21.F", "21|Diagnosis G": "21.G", "21|Diagnosis H": "21.H",
	"21|Diagnosis I": "21.I", "21|Diagnosis J": "21.J", "21|Diagnosis K": "21.K", "21|Diagnosis L": "21.L",
	"22|Resubmission code (7/8)": "22.code", "22|Original ref. no.": "22.ref", "23|Prior authorization no.": "23",
	"24|shaded: supplemental info (24A-24G)": "24.%d.shaded", "24H|shaded: EPSDT code": "24H.%d.epsdt",
	"24I|shaded: ID qualifier": "24I.%d.qual", "24J|shaded: other ID": "24J.%d.id",
	"24A|From MM": "24A.%d.from_mm", "24A|From DD": "24A.%d.from_dd", "24A|From YY": "24A.%d.from_yy",
	"24A|To MM": "24A.%d.to_mm", "24A|To DD": "24A.%d.to_dd", "24A|To YY": "24A.%d.to_yy",
	"24B|POS": "24B.%d", "24C|EMG": "24C.%d", "24D|CPT/HCPCS": "24D.%d.code",
	"24D|Modifier 1": "24D.%d.mod1", "24D|Modifier 2": "24D.%d.mod2", "24D|Modifier 3": "24D.%d.mod3", "24D|Modifier 4": "24D.%d.mod4",
	"24E|Pointer": "24E.%d", "24F|Charges dollars": "24F.%d.dollars", "24F|Charges cents": "24F.%d.cents",
	"24G|Days/units": "24G.%d", "24H|Family plan": "24H.%d", "24J|Rendering NPI": "24J.%d.npi",
	"25|Federal tax ID": "25", "25|X SSN": "25.ssn", "25|X EIN": "25.ein", "26|Patient account no.": "26",
	"27|X YES": "27.yes", "27|X NO": "27.no",
	"28|Total charge dollars": "28.dollars", "28|Total charge cents": "28.cents",
	"29|Amount paid dollars": "29.dollars", "29|Amount paid cents": "29.cents",
	"33|Phone area code": "33.area", "33|Phone number": "33.phone",
	"32|Facility name": "32.name", "33|Billing provider name": "33.name",
	"32|Facility street": "32.street", "33|Billing provider street": "33.street",
	"31|Signature / name & credentials": "31.sig", "32|Facility city state ZIP": "32.city", "33|Billing city state ZIP": "33.city",
	"31|Date": "31.date", "32a|Facility NPI": "32a", "32b|Qualifier+other ID": "32b", "33a|Billing NPI": "33a", "33b|Qualifier+other ID": "33b",
}

var lineRow = regexp.MustCompile(`^L([1-6]) (.*)$`)

func main() {
	in := flag.String("csv", "../shared/reference/grid/cms1500-0212-grid.csv", "grid CSV")
	out := flag.String("out", "internal/cms1500/grid.go", "Go file to write")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`// Code generated by scripts/gengrid from ../shared/reference/grid/cms1500-0212-grid.csv; DO NOT EDIT.

package cms1500

// Grid is the CMS-1500 (02/12) print grid: one Field per printable item, in
// the order of the reference CSV (cms1500.md §5.3). Positions assume
// L = 24 pt, T = 21 pt before printer offsets.
var Grid = [...]Field{
`)
	for i, r := range rows {
		if i == 0 {
			continue
		}
		if len(r) < 9 {
			log.Fatalf("row %d: %d fields", i+1, len(r))
		}
		box, name := r[0], r[1]
		key, k := name, 0
		if m := lineRow.FindStringSubmatch(name); m != nil {
			k, _ = strconv.Atoi(m[1])
			key = m[2]
		}
		id, ok := ids[box+"|"+key]
		if !ok {
			log.Fatalf("row %d: no ID for %q", i+1, box+"|"+key)
		}
		if k > 0 {
			id = fmt.Sprintf(id, k)
		}
		align := map[string]string{"left": "AlignLeft", "right": "AlignRight", "mark": "AlignMark"}[r[5]]
		if align == "" {
			log.Fatalf("row %d: align %q", i+1, r[5])
		}
		fmt.Fprintf(&b, "\t{ID: %q, Box: %q, Name: %q, Line: %s, Col: %s, Max: %s, Align: %s, XLeft: %s, XRight: %s, Baseline: %s},\n",
			id, box, name, r[2], r[3], r[4], align, r[6], r[7], r[8])
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
