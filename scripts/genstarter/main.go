// Command genstarter writes resources/starter_codes.tsv: the starter list
// of primary-care ICD-10-CM (FY2026) and HCPCS Level II (January 2026)
// codes named in scripts/genstarter/codes.txt, with their official titles
// taken from the official files in ../shared/codesets.
//
// Usage (from the module root):
//
//	go run ./scripts/genstarter [-shared ../shared] [-out resources/starter_codes.tsv]
//
// Output columns (tab-separated, one header line): system, code, billable
// (1/0), short title, long title. Codes missing from the official files
// stop the script.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codeset"
)

func main() {
	shared := flag.String("shared", "../shared", "shared data folder")
	list := flag.String("list", "scripts/genstarter/codes.txt", "curated code list")
	out := flag.String("out", "resources/starter_codes.tsv", "output file")
	flag.Parse()
	if err := run(*shared, *list, *out); err != nil {
		log.Fatal(err)
	}
}

func run(shared, list, out string) error {
	icd := map[string]claimdesk.CodeEntry{}
	f, err := os.Open(filepath.Join(shared, "codesets/icd10cm/icd10cm_order_2026.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := codeset.ReadOrder(f, "icd10cm_order_2026.txt", "", func(e claimdesk.CodeEntry) error {
		icd[e.Code.Code] = e
		return nil
	}); err != nil {
		return err
	}
	h, err := os.Open(filepath.Join(shared, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt"))
	if err != nil {
		return err
	}
	defer h.Close()
	hf, err := codeset.ReadHCPCS(h, "HCPC2026_JAN_ANWEB_01122026.txt", "")
	if err != nil {
		return err
	}
	jan1 := claimdesk.NewDate(2026, 1, 1)
	hc := map[string]claimdesk.CodeEntry{}
	for _, c := range hf.Codes {
		if c.Terminated.IsZero() || !c.Terminated.Before(jan1) {
			hc[c.Code.Code] = c
		}
	}
	lf, err := os.Open(list)
	if err != nil {
		return err
	}
	defer lf.Close()
	var b strings.Builder
	b.WriteString("system\tcode\tbillable\tshort\ttitle\n")
	seen := map[string]bool{}
	var missing []string
	sc := bufio.NewScanner(lf)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		sys, codes := fields[0], fields[1:]
		for _, c := range codes {
			key := sys + " " + c
			if seen[key] {
				continue
			}
			seen[key] = true
			var e claimdesk.CodeEntry
			var ok bool
			switch sys {
			case "icd10cm":
				e, ok = icd[c]
			case "hcpcs":
				e, ok = hc[c]
			default:
				return fmt.Errorf("%s: unknown system %q", list, sys)
			}
			if !ok {
				missing = append(missing, key)
				continue
			}
			bill := "0"
			if e.Billable {
				bill = "1"
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", sys, e.Code.Code, bill, e.Short, e.Title)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("not in the official files (fix %s): %s", list, strings.Join(missing, ", "))
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
