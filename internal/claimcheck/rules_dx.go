package claimcheck

import (
	"fmt"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Box 21: the diagnoses, against the ICD-10-CM release valid on the date of
// service and the ICD-10-CM Official Guidelines' conventions.

// dxShape returns "" when a diagnosis as written (raw) has the shape of an
// ICD-10-CM code (3 to 7 characters, a letter first, a digit second — or a
// letter for the new Q-A blocks —, then letters or digits), else what is
// wrong.
func dxShape(raw string) string {
	code := claimdesk.NormalizeICD(raw)
	if code == "" {
		return "is empty"
	}
	// ICD-9-CM: digits first (250.00), or E/V codes written with the dot
	// after 4 or 3 digits (E849.0, V70.0 is ambiguous and left to the look-up).
	t := strings.ToUpper(strings.TrimSpace(raw))
	if code[0] >= '0' && code[0] <= '9' || t[0] == 'E' && len(t) >= 6 && isDigits(t[1:4]) && t[4] == '.' {
		return "looks like an ICD-9-CM code; claims since October 2015 use ICD-10-CM"
	}
	if len(code) < 3 || len(code) > 7 {
		return "is not an ICD-10-CM code (3 to 7 characters)"
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return "is not an ICD-10-CM code (letters and digits only, dot after the third)"
		}
	}
	if code[0] < 'A' || code[0] > 'Z' || !(code[1] >= '0' && code[1] <= '9' || code[1] >= 'A' && code[1] <= 'Z') {
		return "is not an ICD-10-CM code (it starts with a letter)"
	}
	return ""
}

func (r *run) checkDiagnoses() {
	e := r.c.Encounter
	if len(e.Diagnoses) == 0 {
		r.add(RuleDxRequired, sevE, "21", "encounter.diagnoses", "Box 21: enter at least one diagnosis (ICD-10-CM); line A is the primary diagnosis.")
		return
	}
	if len(e.Diagnoses) > claimdesk.MaxDiagnoses {
		r.add(RuleDxCount, sevE, "21", "encounter.diagnoses", "Box 21 holds at most %d diagnoses (A–L); this claim has %d. Keep the ones the lines point to, or split the services into two claims.", claimdesk.MaxDiagnoses, len(e.Diagnoses))
	}
	// Shape and duplicates first; only well-shaped codes go further.
	ok := make([]bool, len(r.dx))
	for i, code := range r.dx {
		shown := claimdesk.FormatICD(code)
		if msg := dxShape(e.Diagnoses[i]); msg != "" {
			if code == "" {
				r.add(RuleDxFormat, sevE, "21", dxPath(i), "Box 21 %s: the diagnosis is empty; remove the line or enter a code.", claimdesk.DiagnosisLetter(i))
			} else {
				r.add(RuleDxFormat, sevE, "21", dxPath(i), "Box 21 %s: %q %s.", claimdesk.DiagnosisLetter(i), strings.TrimSpace(e.Diagnoses[i]), msg)
			}
			continue
		}
		dup := false
		for j := 0; j < i; j++ {
			if r.dx[j] == code {
				r.add(RuleDxDuplicate, sevE, "21", dxPath(i), "Box 21 %s: %s is already listed as %s; list each diagnosis once and point lines to that letter.", claimdesk.DiagnosisLetter(i), shown, claimdesk.DiagnosisLetter(j))
				dup = true
				break
			}
		}
		ok[i] = !dup
	}
	r.checkFirstListedShape(ok)
	r.icdSet()
	if r.icd != nil {
		for i, code := range r.dx {
			if ok[i] {
				ok[i] = r.checkCodeInRelease(i, code)
			}
		}
		r.checkCodeFirst(ok)
		r.checkExcludes1(ok)
	}
	for i, code := range r.dx {
		if ok[i] || dxShape(e.Diagnoses[i]) == "" {
			r.checkPatientFit(i, code, claimdesk.FormatICD(code))
			r.checkFirstOnly(i, code, claimdesk.FormatICD(code))
		}
	}
}

// icdSet picks the ICD-10-CM release for the date of service, warning when
// none is loaded or none covers the date.
func (r *run) icdSet() {
	if r.ref.ICD == nil {
		r.add(RuleICDNotLoaded, sevW, "21", "encounter.diagnoses", "Box 21: no ICD-10-CM code set is loaded, so the diagnoses were not checked against it; import the ICD-10-CM release for the date of service.")
		return
	}
	set, covered := r.ref.ICD.ICDFor(r.dos)
	if set == nil {
		r.add(RuleICDNotLoaded, sevW, "21", "encounter.diagnoses", "Box 21: no ICD-10-CM code set is loaded, so the diagnoses were not checked against it; import the ICD-10-CM release for the date of service.")
		return
	}
	r.icd = set
	if !covered && !r.dos.IsZero() {
		fy := r.dos.Year()
		if r.dos.Month() >= 10 {
			fy++
		}
		r.add(RuleICDRelease, sevW, "21", "encounter.diagnoses", "Box 21: no loaded ICD-10-CM release covers the date of service (FY%d applies); the diagnoses were checked against %s instead. Import the FY%d files to check codes added or deleted since.", fy, set.Name(), fy)
	}
}

// checkCodeInRelease reports unknown, header and 7th-character problems;
// it returns true when the code is a billable code of the release.
func (r *run) checkCodeInRelease(i int, code string) bool {
	letter := claimdesk.DiagnosisLetter(i)
	shown := claimdesk.FormatICD(code)
	rel := r.icd.Name()
	c, found := r.icd.Lookup(code)
	if found && c.Billable {
		return true
	}
	if !found {
		if fixed, ok := r.placeholderFix(code); ok {
			r.add(RuleDx7thChar, sevE, "21", dxPath(i), "Box 21 %s: %s is not a code in %s; the 7th character needs placeholder X in the empty positions: %s.", letter, shown, rel, claimdesk.FormatICD(fixed))
			return false
		}
		if len(code) == 7 {
			base := code[:6]
			if sibs, total := r.icd.Completions(base, 40); total > 0 && total == len(sibs) && allLen(sibs, 7) && samePrefix(sibs, 6) {
				r.add(RuleDx7thChar, sevE, "21", dxPath(i), "Box 21 %s: %s is not a code in %s: 7th character %c is not one %s takes; choose %s (%s).", letter, shown, rel, code[6], claimdesk.FormatICD(base), listCodes(sibs, 6, total), seventhMeaning(sibs))
				return false
			}
		}
		if _, total := r.icd.Completions(code, 1); total == 0 {
			hint := ""
			for n := len(code) - 1; n >= 3; n-- {
				if p, ok := r.icd.Lookup(code[:n]); ok {
					hint = fmt.Sprintf(" (%s %s exists; choose one of the codes under it)", claimdesk.FormatICD(p.Code), p.Title)
					break
				}
			}
			r.add(RuleDxUnknown, sevE, "21", dxPath(i), "Box 21 %s: %s is not an ICD-10-CM code in %s, the release for the date of service%s.", letter, shown, rel, hint)
			return false
		}
	}
	// A header: name the billable codes below it.
	all, total := r.icd.Completions(code, 400)
	if total > 0 && len(code) < 7 && allLen(all, 7) && total == len(all) && samePrefix(all, 6) {
		r.add(RuleDx7thChar, sevE, "21", dxPath(i), "Box 21 %s: %s needs a 7th character (%s); choose %s.", letter, shown, seventhMeaning(all), listCodes(all, 6, total))
		return false
	}
	seventh := ""
	if total > 0 && total == len(all) && allLen(all, 7) {
		seventh = " (each with its 7th character: " + seventhMeaning(all) + ")"
	}
	what := "a category header"
	if len(code) > 3 {
		what = "a subcategory header"
	}
	if total == 0 {
		r.add(RuleDxHeader, sevE, "21", dxPath(i), "Box 21 %s: %s is %s in %s, not a billable code.", letter, shown, what, rel)
		return false
	}
	r.add(RuleDxHeader, sevE, "21", dxPath(i), "Box 21 %s: %s is %s, not a billable code; choose one of its %d billable codes%s: %s.", letter, shown, what, total, seventh, listCodes(all, 6, total))
	return false
}

// placeholderFix tries the placeholder-X convention for a code written
// without its Xs ("T78.40A" → T78.40XA, "S03.0A" → S03.0XXA).
func (r *run) placeholderFix(code string) (string, bool) {
	if len(code) < 4 || len(code) >= 7 {
		return "", false
	}
	last := code[len(code)-1]
	if last < 'A' || last > 'Z' {
		return "", false
	}
	base := code[:len(code)-1]
	fixed := base + strings.Repeat("X", 6-len(base)) + string(last)
	if c, ok := r.icd.Lookup(fixed); ok && c.Billable {
		return fixed, true
	}
	return "", false
}

// samePrefix reports whether all codes share their first n characters, so
// that only what follows (the 7th character) is left to choose.
func samePrefix(cs []ICDCode, n int) bool {
	for _, c := range cs {
		if len(c.Code) < n || c.Code[:n] != cs[0].Code[:n] {
			return false
		}
	}
	return len(cs) > 0
}

func allLen(cs []ICDCode, n int) bool {
	for _, c := range cs {
		if len(c.Code) != n {
			return false
		}
	}
	return len(cs) > 0
}

// seventhMeaning describes the 7th characters offered, from the titles'
// last clause ("initial encounter", "subsequent encounter", "sequela").
func seventhMeaning(cs []ICDCode) string {
	seen := map[byte]string{}
	var order []byte
	for _, c := range cs {
		ch := c.Code[6]
		if _, ok := seen[ch]; ok {
			continue
		}
		m := ""
		if k := strings.LastIndex(c.Title, ", "); k >= 0 {
			m = c.Title[k+2:]
		}
		seen[ch] = m
		order = append(order, ch)
	}
	var parts []string
	for _, ch := range order {
		if len(parts) == 6 {
			parts = append(parts, "…")
			break
		}
		if seen[ch] != "" {
			parts = append(parts, fmt.Sprintf("%c %s", ch, seen[ch]))
		} else {
			parts = append(parts, string(ch))
		}
	}
	return strings.Join(parts, ", ")
}

// listCodes names up to n codes, the most general (shortest) first.
func listCodes(cs []ICDCode, n, total int) string {
	s := append([]ICDCode(nil), cs...)
	sort.SliceStable(s, func(i, j int) bool { return len(s[i].Code) < len(s[j].Code) })
	var parts []string
	for k, c := range s {
		if k == n {
			break
		}
		parts = append(parts, claimdesk.FormatICD(c.Code)+" "+c.Title)
	}
	out := strings.Join(parts, "; ")
	if total > n {
		out += fmt.Sprintf("; and %d more", total-n)
	}
	return out
}

// checkFirstListedShape: external causes (V00–Y99) are never first-listed
// (Guidelines I.C.20); they only add to the injury or condition they
// explain.
func (r *run) checkFirstListedShape(ok []bool) {
	if len(r.dx) == 0 || !ok[0] {
		return
	}
	code := r.dx[0]
	if code[0] >= 'V' && code[0] <= 'Y' {
		r.add(RuleDxFirstListed, sevE, "21", dxPath(0), "Box 21 A: %s is an external cause code (V00–Y99), which is never the first-listed diagnosis; list the injury or condition first and the external cause after it.", claimdesk.FormatICD(code))
	}
}

// checkCodeFirst applies the "Code first" convention (Guidelines
// I.A.13): a manifestation code is never first-listed, and a code with a
// Code first note follows the underlying condition when both are on the
// claim.
func (r *run) checkCodeFirst(ok []bool) {
	for i, code := range r.dx {
		if !ok[i] {
			continue
		}
		groups := groupNotes(r.icd.Notes(code, claimdesk.NoteCodeFirst), claimdesk.NoteCodeFirst)
		shown := claimdesk.FormatICD(code)
		done := false
		for _, g := range groups {
			text := g.texts[0]
			if len(g.texts) > 1 {
				text += " " + strings.Join(g.texts[1:], "; ")
			}
			if strings.Contains(strings.ToLower(g.texts[0]), "for adverse effects") && !adverseEffect(code) {
				// "Code first, for adverse effects, the nature of the
				// adverse effect" (T36–T50): a poisoning or underdosing
				// code is itself sequenced first.
				continue
			}
			quoted := quote(codeFirstText(text))
			// The underlying condition listed after this code?
			for j := i + 1; j < len(r.dx) && !done; j++ {
				if !ok[j] {
					continue
				}
				for _, t := range g.texts {
					var buf [8]codeRef
					if matchesAny(appendRefs(buf[:0], t), r.dx[j]) {
						r.add(RuleDxCodeFirst, sevE, "21", dxPath(i), "Box 21 %s: %s has a Code first note (%s: %s), so %s (%s) must be listed before it; reorder box 21.", claimdesk.DiagnosisLetter(i), shown, noteSource(g), quoted, claimdesk.FormatICD(r.dx[j]), claimdesk.DiagnosisLetter(j))
						done = true
						break
					}
				}
			}
			if !done && i == 0 && mandatoryCodeFirst(text) {
				r.add(RuleDxCodeFirst, sevE, "21", dxPath(0), "Box 21 A: %s cannot be the first-listed diagnosis: its Tabular note (%s) says %s. List the underlying condition first.", shown, noteSource(g), quoted)
				done = true
			}
			if done {
				break
			}
		}
		if !done && i == 0 {
			if c, found := r.icd.Lookup(code); found && strings.Contains(strings.ToLower(c.Title), "in diseases classified elsewhere") {
				r.add(RuleDxFirstListed, sevE, "21", dxPath(0), "Box 21 A: %s (%s) is a manifestation code, which is never first-listed; list the underlying disease first.", shown, c.Title)
			}
		}
	}
}

// adverseEffect reports whether a T36–T50 code reports an adverse effect
// (5th or 6th character 5, ICD-10-CM guideline I.C.19.e.5.a).
func adverseEffect(code string) bool {
	return refMatch(codeRef{lo: "T36", hi: "T50", at: []int{4, 5}, chars: "5"}, code)
}

// codeFirstText writes a Code first note as the Tabular does.
func codeFirstText(text string) string {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, ",") {
		return "Code first" + text
	}
	return "Code first " + text
}

// noteSource names where a note is written: "F02, ICD-10-CM FY2021".
func noteSource(g noteGroup) string {
	s := g.from
	if looksLikeICD(s) {
		s = claimdesk.DottedICD(s)
	}
	if g.release != "" {
		s += ", " + g.release
	}
	return s
}

// nodeRef returns the codes a note's node covers: a code and the codes
// below it, or a block's range ("M26-M27"); false for a chapter.
func nodeRef(node string) (codeRef, bool) {
	if lo, hi, ok := strings.Cut(node, "-"); ok && len(lo) >= 3 && len(hi) >= 3 && !strings.Contains(node, " ") {
		return codeRef{lo: claimdesk.NormalizeICD(lo), hi: claimdesk.NormalizeICD(hi)}, true
	}
	if looksLikeICD(node) {
		return codeRef{lo: claimdesk.NormalizeICD(node)}, true
	}
	return codeRef{}, false
}

func matchesAny(refs []codeRef, code string) bool {
	for _, ref := range refs {
		if refMatch(ref, code) {
			return true
		}
	}
	return false
}

// checkExcludes1 reports pairs of diagnoses that an Excludes1 note (on the
// code or inherited from its category, block or chapter) says are never
// coded together.
func (r *run) checkExcludes1(ok []bool) {
	type pair struct{ a, b int }
	var seen []pair
	for i, code := range r.dx {
		if !ok[i] {
			continue
		}
		var buf [8]codeRef
		for _, n := range r.icd.Notes(code, claimdesk.NoteExcludes1) {
			refs := appendRefs(buf[:0], n.Text)
			if len(refs) == 0 {
				continue
			}
			for j, other := range r.dx {
				if j == i || !ok[j] || !matchesAny(refs, other) {
					continue
				}
				if home, ok := nodeRef(n.From); ok && refMatch(home, other) {
					// A note excluding a code of its own category or block
					// (a quirk of a few Tabular entries) never pairs two
					// codes written under it.
					continue
				}
				a, b := min(i, j), max(i, j)
				dup := false
				for _, p := range seen {
					if p.a == a && p.b == b {
						dup = true
					}
				}
				if dup {
					continue
				}
				seen = append(seen, pair{a, b})
				src := ""
				if n.Release != "" {
					src = ", " + n.Release
				}
				r.add(RuleDxExcludes1, sevE, "21", dxPath(b), "Box 21 %s and %s: %s and %s are never coded together: %s has an Excludes1 note %s (Tabular, on %s%s). Keep the one that fits the documentation.", claimdesk.DiagnosisLetter(a), claimdesk.DiagnosisLetter(b), claimdesk.FormatICD(code), claimdesk.FormatICD(other), claimdesk.FormatICD(code), quote(n.Text), claimdesk.DottedICD(n.From), src)
			}
		}
	}
}
