package claimcheck

import (
	"fmt"
	"slices"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Box 24: the service lines.

func (r *run) checkLines() {
	e := r.c.Encounter
	if len(e.Lines) == 0 {
		r.add(RuleLineRequired, sevE, "24", "encounter.lines", "Box 24: the claim has no service lines; add at least one procedure (date, place, code, pointer, charge, units).")
		return
	}
	if r.ref.Procedures == nil {
		r.add(RuleProcNotLoaded, sevW, "24D", "encounter.lines", "Box 24D: no HCPCS, CPT or procedure list is loaded, so the procedure codes were not checked; import the HCPCS file and the practice's CPT file or procedure list.")
	}
	for i := range e.Lines {
		r.checkLineDates(i)
		r.checkLinePOS(i)
		r.checkLineCode(i)
		r.checkLineModifiers(i)
		r.checkLinePointers(i)
		r.checkLineMoney(i)
		r.checkLineNDC(i)
	}
	r.checkDuplicateLines()
	r.checkModifier25()
}

func (r *run) checkLineDates(i int) {
	e := r.c.Encounter
	l := e.Lines[i]
	n := i + 1
	if l.From.IsZero() {
		r.add(RuleLineDates, sevE, "24A", linePath(i, "from"), "Box 24A: line %d has no date of service.", n)
		return
	}
	to := l.To
	if to.IsZero() {
		to = l.From
	}
	if to.Before(l.From) {
		r.add(RuleLineDates, sevE, "24A", linePath(i, "to"), "Box 24A: line %d's \"to\" date is before its \"from\" date.", n)
	} else if days := l.From.DaysUntil(to) + 1; days > 1 && l.Units > 0 && l.Units%claimdesk.UnitsScale == 0 && l.Units < claimdesk.WholeUnits(int64(days)) {
		r.add(RuleLineSpan, sevW, "24G", linePath(i, "units"), "Box 24A/24G: line %d spans %d days but bills %s units; a date span is only for the same service on consecutive days, with at least one unit per day (24G) — split the line or check the dates.", n, days, l.Units)
	}
	if l.From.After(r.today) || to.After(r.today) {
		r.add(RuleLineDates, sevE, "24A", linePath(i, "from"), "Box 24A: line %d's date of service is after today; services are billed once rendered.", n)
	}
	if dob := r.c.Patient.DOB; !dob.IsZero() && l.From.Before(dob) {
		r.add(RuleLineDates, sevE, "24A", linePath(i, "from"), "Box 24A: line %d's date of service is before the patient's birth date (box 3).", n)
	}
	if !e.DateFrom.IsZero() {
		end := e.DateTo
		if end.IsZero() {
			end = e.DateFrom
		}
		if l.From.Before(e.DateFrom) || to.After(end) {
			r.add(RuleLineDates, sevE, "24A", linePath(i, "from"), "Box 24A: line %d's dates fall outside the encounter's dates of service; correct the line or the encounter.", n)
		}
	}
}

func (r *run) checkLinePOS(i int) {
	l := r.c.Encounter.Lines[i]
	pos, path := l.POS, linePath(i, "pos")
	if pos == "" {
		pos, path = r.c.Encounter.POS, "encounter.pos"
	}
	if pos == "" {
		r.add(RuleLinePOS, sevE, "24B", path, "Box 24B: line %d has no place of service (2-digit CMS code, e.g. 11 office).", i+1)
		return
	}
	if len(pos) != 2 || !isDigits(pos) {
		r.add(RuleLinePOS, sevE, "24B", path, "Box 24B: line %d's place of service must be a 2-digit CMS code (e.g. 11 office, 02 telehealth).", i+1)
		return
	}
	if r.ref.Places != nil {
		if _, ok := r.ref.Places.Place(pos); !ok {
			r.add(RuleLinePOS, sevE, "24B", path, "Box 24B: line %d's place of service %s is not on the CMS Place of Service list.", i+1, pos)
		}
	}
}

// procShape says what kind of code a procedure code looks like: "cpt"
// (5 digits, or 4 digits and F, T or U), "hcpcs" (a letter and 4 digits)
// or "" (neither).
func procShape(code string) string {
	if len(code) != 5 {
		return ""
	}
	if isDigits(code) {
		return "cpt"
	}
	if isDigits(code[:4]) && strings.ContainsRune("FTU", rune(code[4])) {
		return "cpt"
	}
	if code[0] >= 'A' && code[0] <= 'Z' && isDigits(code[1:]) {
		return "hcpcs"
	}
	return ""
}

func (r *run) checkLineCode(i int) {
	code := r.lineCode(i)
	n := i + 1
	path := linePath(i, "code")
	if code == "" {
		r.add(RuleProcUnknown, sevE, "24D", path, "Box 24D: line %d has no procedure code.", n)
		return
	}
	shape := procShape(code)
	if shape == "" {
		r.add(RuleProcUnknown, sevE, "24D", path, "Box 24D: line %d's code %s is not a CPT or HCPCS code (5 characters: 5 digits, 4 digits and F/T/U, or a letter and 4 digits).", n, code)
		return
	}
	if r.medicare() && isConsult(code) {
		r.add(RuleMedicareConsult, sevW, "24D", path, "Box 24D: line %d bills consultation code %s, which Medicare does not pay; bill the office or hospital visit code (99202–99215, 99221–99239) instead.", n, code)
	}
	if r.ref.Procedures == nil {
		return
	}
	p := r.procs[i]
	if !p.ok {
		switch shape {
		case "hcpcs":
			r.add(RuleProcUnknown, sevE, "24D", path, "Box 24D: line %d's code %s is not in the HCPCS Level II file; check the code (or import the newest quarterly HCPCS file if it was added recently).", n, code)
		default:
			if cs, ok := r.ref.Procedures.(CPTSource); ok && !cs.HasCPT() {
				if !r.cptWarned {
					r.cptWarned = true
					r.add(RuleProcNotLoaded, sevW, "24D", path, "Box 24D: no CPT file or procedure list is loaded, so CPT codes such as %s (line %d) were not checked; import the practice's CPT file or add its procedures.", code, n)
				}
				return
			}
			r.add(RuleProcUnknown, sevE, "24D", path, "Box 24D: line %d's code %s is not in the imported CPT file or the practice's procedure list; check the code, or add it to the procedure list.", n, code)
		}
		return
	}
	d := r.lineDate(i)
	if d.IsZero() {
		return
	}
	if !p.info.Terminated.IsZero() && d.After(p.info.Terminated) {
		r.add(RuleProcDates, sevE, "24D", path, "Box 24D: line %d's code %s was discontinued (last valid %s) before the date of service; use its replacement.", n, code, p.info.Terminated)
	}
	if !p.info.Added.IsZero() && d.Before(p.info.Added) {
		r.add(RuleProcDates, sevE, "24D", path, "Box 24D: line %d's code %s was not yet valid on the date of service (added %s).", n, code, p.info.Added)
	}
}

func (r *run) checkLineModifiers(i int) {
	l := r.c.Encounter.Lines[i]
	n := i + 1
	if len(l.Modifiers) > claimdesk.MaxModifiers {
		r.add(RuleModifierFormat, sevE, "24D", linePath(i, "modifiers"), "Box 24D: line %d has %d modifiers; the form holds 4. Put the pricing modifiers first and drop the rest.", n, len(l.Modifiers))
	}
	for j, m := range l.Modifiers {
		path := linePath(i, fmt.Sprintf("modifiers[%d]", j))
		mu := strings.ToUpper(strings.TrimSpace(m))
		if len(mu) != 2 || !isAlnum(mu[0]) || !isAlnum(mu[1]) {
			r.add(RuleModifierFormat, sevE, "24D", path, "Box 24D: line %d's modifier %d must be 2 letters or digits (e.g. 25, 59, LT).", n, j+1)
			continue
		}
		if slices.ContainsFunc(l.Modifiers[:j], func(p string) bool { return strings.EqualFold(strings.TrimSpace(p), mu) }) {
			r.add(RuleModifierFormat, sevE, "24D", path, "Box 24D: line %d lists modifier %s twice.", n, mu)
			continue
		}
		if knownCPTModifier(mu) {
			continue
		}
		if r.ref.Modifiers != nil {
			if _, ok := r.ref.Modifiers.Modifier(mu); ok {
				continue
			}
			r.add(RuleModifierUnknown, sevW, "24D", path, "Box 24D: line %d's modifier %s is neither a HCPCS Level II modifier nor a common CPT modifier; check it.", n, mu)
		}
	}
}

func (r *run) checkLinePointers(i int) {
	l := r.c.Encounter.Lines[i]
	n := i + 1
	path := linePath(i, "pointers")
	p := strings.ToUpper(strings.TrimSpace(l.Pointers))
	nd := len(r.c.Encounter.Diagnoses)
	switch {
	case p == "":
		r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d does not point to any diagnosis; enter 1 to 4 letters from box 21 (A–L), the main reason first.", n)
		return
	case len(p) > claimdesk.MaxPointers:
		r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d has %d diagnosis pointers; the form holds at most 4 letters.", n, len(p))
	}
	for k := 0; k < len(p); k++ {
		if c := p[k]; c < 'A' || c > 'L' {
			r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d's pointers must be letters A–L naming diagnoses in box 21 (never the codes themselves).", n)
			return
		}
	}
	for k := 0; k < len(p); k++ {
		c := p[k]
		switch {
		case int(c-'A') >= nd:
			r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d points to %c, but box 21 has no diagnosis %c.", n, c, c)
			return
		case strings.IndexByte(p[:k], c) >= 0:
			r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d points to %c twice.", n, c)
			return
		}
	}
	if d := r.dx[int(p[0]-'A')]; d != "" && d[0] >= 'V' && d[0] <= 'Y' {
		r.add(RuleLinePointers, sevE, "24E", path, "Box 24E: line %d's first pointer (%c) is an external cause code (%s), which payers do not accept as the reason for a service; point first to the injury or condition.", n, p[0], claimdesk.FormatICD(d))
	}
}

func (r *run) checkLineMoney(i int) {
	l := r.c.Encounter.Lines[i]
	n := i + 1
	if l.Units <= 0 {
		r.add(RuleLineUnits, sevE, "24G", linePath(i, "units"), "Box 24G: line %d's days or units must be more than 0 (1 for a single service).", n)
	}
	if l.Charge <= 0 {
		r.add(RuleLineCharge, sevE, "24F", linePath(i, "charge"), "Box 24F: line %d's charge must be more than 0.00.", n)
		return
	}
	if r.ref.Fees == nil || l.ChargeOverridden || l.Units <= 0 {
		return
	}
	code := r.lineCode(i)
	mod := ""
	if len(l.Modifiers) > 0 {
		mod = strings.ToUpper(strings.TrimSpace(l.Modifiers[0]))
	}
	fee, ok := r.ref.Fees.Fee(code, mod)
	if !ok {
		return
	}
	if want := fee.Times(l.Units); want != l.Charge {
		r.add(RuleLineFee, sevW, "24F", linePath(i, "charge"), "Box 24F: line %d's charge %s differs from the fee schedule (%s × %s units = %s); correct it or mark the charge as overridden.", n, l.Charge, fee, l.Units, want)
	}
}

// ndcUnits are the unit qualifiers of the NDC supplemental line.
var ndcUnits = map[string]bool{"F2": true, "GR": true, "ME": true, "ML": true, "UN": true}

// NDC11 returns the 11-digit 5-4-2 form of an NDC written as 11 digits,
// as 5-4-2 with hyphens, or as a 10-digit labeled form with hyphens
// (4-4-2, 5-3-2, 5-4-1), padding the short segment with a leading zero.
// ok is false when the text is none of these.
func NDC11(ndc string) (string, bool) {
	s := strings.TrimSpace(ndc)
	if isDigits(s) {
		return s, len(s) == 11
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return "", false
	}
	for _, p := range parts {
		if !isDigits(p) {
			return "", false
		}
	}
	a, b, c := parts[0], parts[1], parts[2]
	switch {
	case len(a) == 5 && len(b) == 4 && len(c) == 2:
	case len(a) == 4 && len(b) == 4 && len(c) == 2:
		a = "0" + a
	case len(a) == 5 && len(b) == 3 && len(c) == 2:
		b = "0" + b
	case len(a) == 5 && len(b) == 4 && len(c) == 1:
		c = "0" + c
	default:
		return "", false
	}
	return a + b + c, true
}

func (r *run) checkLineNDC(i int) {
	l := r.c.Encounter.Lines[i]
	n := i + 1
	ndc := strings.TrimSpace(l.NDC)
	if ndc == "" {
		if l.NDCUnit != "" || l.NDCQty != 0 {
			r.add(RuleNDC, sevE, "24", linePath(i, "ndc"), "Box 24 (shaded): line %d has an NDC unit or quantity but no NDC.", n)
		}
		if r.plan() == claimdesk.PlanMedicaid && isDrugJCode(r.lineCode(i)) {
			r.add(RuleNDCMissing, sevW, "24", linePath(i, "ndc"), "Box 24 (shaded): line %d bills drug code %s; Medicaid requires the NDC of the drug given (11 digits, 5-4-2), its unit qualifier and quantity for drug rebates.", n, r.lineCode(i))
		}
		return
	}
	d := claimdesk.Digits(ndc)
	if u := strings.ToUpper(ndc); strings.HasPrefix(u, "N4") {
		r.add(RuleNDC, sevE, "24", linePath(i, "ndc"), "Box 24 (shaded): line %d's NDC starts with the N4 qualifier; enter only the 11 digits (the form adds N4 itself).", n)
	} else if _, ok := NDC11(ndc); !ok {
		r.add(RuleNDC, sevE, "24", linePath(i, "ndc"), "Box 24 (shaded): line %d's NDC must be 11 digits in the 5-4-2 form (e.g. 12345-6789-01), not %d digits.", n, len(d))
	} else if len(d) == 10 {
		fixed, _ := NDC11(ndc)
		r.add(RuleNDC, sevE, "24", linePath(i, "ndc"), "Box 24 (shaded): line %d's NDC is in the 10-digit package form; claims need the 11-digit 5-4-2 form with a leading zero in the short part: %s-%s-%s.", n, fixed[:5], fixed[5:9], fixed[9:])
	}
	if !ndcUnits[strings.ToUpper(strings.TrimSpace(l.NDCUnit))] {
		r.add(RuleNDC, sevE, "24", linePath(i, "ndc_unit"), "Box 24 (shaded): line %d's NDC needs its unit qualifier: F2 (international unit), GR (gram), ME (milligram), ML (milliliter) or UN (unit).", n)
	}
	if l.NDCQty <= 0 {
		r.add(RuleNDC, sevE, "24", linePath(i, "ndc_qty"), "Box 24 (shaded): line %d's NDC needs the quantity of drug given (more than 0).", n)
	}
}

// sameLine reports whether lines i and j have the same code, the same
// modifiers (in any order) and the same first date.
func (r *run) sameLine(i, j int) bool {
	a, b := r.c.Encounter.Lines[i], r.c.Encounter.Lines[j]
	if !strings.EqualFold(strings.TrimSpace(a.Code), strings.TrimSpace(b.Code)) || !r.lineDate(i).Equal(r.lineDate(j)) || len(a.Modifiers) != len(b.Modifiers) {
		return false
	}
	for _, m := range a.Modifiers {
		if !hasModifier(b, strings.ToUpper(strings.TrimSpace(m))) {
			return false
		}
	}
	return true
}

func (r *run) checkDuplicateLines() {
	lines := r.c.Encounter.Lines
	for i := 1; i < len(lines); i++ {
		if blank(lines[i].Code) {
			continue
		}
		for j := 0; j < i; j++ {
			if r.sameLine(i, j) {
				r.add(RuleLineDuplicate, sevE, "24", linePath(i, "code"), "Box 24: line %d repeats line %d (same code %s, modifiers and date); payers deny it as a duplicate. Bill one line with more units, or add the modifier that explains the repeat (76, 77, 91, 59/XE/XS/XP/XU).", i+1, j+1, r.lineCode(i))
				break
			}
		}
	}
}

func hasModifier(l claimdesk.ServiceLine, ms ...string) bool {
	for _, m := range l.Modifiers {
		mu := strings.ToUpper(strings.TrimSpace(m))
		for _, x := range ms {
			if mu == x {
				return true
			}
		}
	}
	return false
}

// checkModifier25: a problem-oriented E/M visit billed on the same day as a
// minor procedure, an injection or a preventive visit is paid only as a
// significant, separately identifiable service marked with modifier 25
// (CPT; NCCI Policy Manual ch. XI; CMS global surgery rules). Modifier 57
// (decision for surgery) also satisfies it for procedures.
func (r *run) checkModifier25() {
	lines := r.c.Encounter.Lines
	for i := range lines {
		if classifyEM(r.lineCode(i)) != emProblem {
			continue
		}
		for j := 0; j < i; j++ {
			if classifyEM(r.lineCode(j)) == emProblem && r.lineDate(j).Equal(r.lineDate(i)) && !r.sameLine(i, j) {
				r.add(RuleEMSameDay, sevW, "24D", linePath(i, "code"), "Box 24D: lines %d and %d bill two visits (%s and %s) on the same day; payers pay one E/M visit per day per provider — bill the one level that covers both.", j+1, i+1, r.lineCode(j), r.lineCode(i))
				break
			}
		}
	}
	for i := range lines {
		if classifyEM(r.lineCode(i)) != emProblem || hasModifier(lines[i], "25") {
			continue
		}
		d := r.lineDate(i)
		for j := range lines {
			if j == i || !r.lineDate(j).Equal(d) {
				continue
			}
			other := r.lineCode(j)
			reason := ""
			switch {
			case classifyEM(other) == emPreventive:
				reason = "preventive visit " + other
			case isMinorProcedure(other) && !hasModifier(lines[i], "57"):
				reason = "procedure " + other
			}
			if reason == "" {
				continue
			}
			r.add(RuleEMModifier25, sevW, "24D", linePath(i, "modifiers"), "Box 24D: line %d's visit %s is on the same day as the %s (line %d); add modifier 25 to the visit when it was significant and separately identifiable, otherwise the payer bundles it.", i+1, r.lineCode(i), reason, j+1)
			break
		}
	}
}
