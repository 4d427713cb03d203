package billing

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claimdesk"
)

// ClaimMoney is what a claim's payer outcomes add up to. Every figure is
// derived from the recorded outcomes; none is typed by hand.
type ClaimMoney struct {
	Billed claimdesk.Cents `json:"billed"`
	Paid   claimdesk.Cents `json:"paid"`
	// WrittenOff is the sum of CO, OA and PI adjustments of payments.
	WrittenOff claimdesk.Cents `json:"written_off"`
	// PatientResp is the sum of PR adjustments of payments: what the
	// patient owes after insurance.
	PatientResp claimdesk.Cents `json:"patient_resp"`
	// Balance is what the payer still owes: billed less paid, written off
	// and patient responsibility. A denial's adjustments do not reduce it:
	// a denied claim stays open until it is corrected, appealed or voided.
	Balance claimdesk.Cents `json:"balance"`
}

// superseded reports whether a claim in status s was replaced or voided:
// its newer version (or the void) carries what is still owed, so its own
// balance shows as 0.
func superseded(s claimdesk.ClaimStatus) bool {
	return s == claimdesk.StatusReplaced || s == claimdesk.StatusVoided
}

// MoneyOf adds up the outcomes of a claim billed for billed.
func MoneyOf(billed claimdesk.Cents, outcomes []claimdesk.Outcome) ClaimMoney {
	m := ClaimMoney{Billed: billed}
	for _, o := range outcomes {
		if o.Kind != claimdesk.OutcomePaid {
			continue
		}
		m.Paid += o.Paid
		m.WrittenOff += o.WrittenOff()
		m.PatientResp += o.PatientResponsibility()
	}
	m.Balance = m.Billed - m.Paid - m.WrittenOff - m.PatientResp
	return m
}

// StatusAfter returns the status a claim takes after outcome o, given the
// money the claim's outcomes (o included) add up to: paid when nothing is
// left for the payer to pay, partial otherwise; denied or rejected as the
// payer said.
func StatusAfter(o claimdesk.Outcome, m ClaimMoney) claimdesk.ClaimStatus {
	switch o.Kind {
	case claimdesk.OutcomeDenied:
		return claimdesk.StatusDenied
	case claimdesk.OutcomeRejected:
		return claimdesk.StatusRejected
	}
	if m.Balance <= 0 {
		return claimdesk.StatusPaid
	}
	return claimdesk.StatusPartial
}

// ErrBadAdjustment is wrapped by ParseAdjustment's errors.
var ErrBadAdjustment = errors.New("adjustment must look like CO-45:20.00 (group-CARC:amount)")

// ParseAdjustment reads an adjustment written "CO-45:20.00" (group, CARC
// and amount; "CO45:20" and "co-45:20.00" work too).
func ParseAdjustment(s string) (claimdesk.Adjustment, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	code, amount, ok := strings.Cut(t, ":")
	if !ok || len(code) < 3 {
		return claimdesk.Adjustment{}, fmt.Errorf("%q: %w", s, ErrBadAdjustment)
	}
	group := claimdesk.AdjustmentGroup(code[:2])
	reason := strings.TrimLeft(code[2:], "- ")
	switch group {
	case claimdesk.GroupCO, claimdesk.GroupPR, claimdesk.GroupOA, claimdesk.GroupPI:
	default:
		return claimdesk.Adjustment{}, fmt.Errorf("%q: group must be CO, PR, OA or PI: %w", s, ErrBadAdjustment)
	}
	if reason == "" || len(reason) > 5 {
		return claimdesk.Adjustment{}, fmt.Errorf("%q: reason must be a CARC code such as 45: %w", s, ErrBadAdjustment)
	}
	c, err := claimdesk.ParseCents(amount)
	if err != nil || c < 0 {
		return claimdesk.Adjustment{}, fmt.Errorf("%q: amount: %w", s, ErrBadAdjustment)
	}
	return claimdesk.Adjustment{Group: group, Reason: reason, Amount: c}, nil
}

// FormatAdjustment writes a as ParseAdjustment reads it: "CO-45:20.00".
func FormatAdjustment(a claimdesk.Adjustment) string {
	return fmt.Sprintf("%s-%s:%s", a.Group, a.Reason, a.Amount)
}

// OutcomeCheck returns every problem with outcome o for claim c with its
// earlier outcomes: the outcome's own fields, whether the claim's status
// allows it, and whether a payment with its adjustments exceeds what is
// still open.
func OutcomeCheck(c claimdesk.Claim, earlier []claimdesk.Outcome, o claimdesk.Outcome) claimdesk.FieldErrors {
	fe := o.Validate()
	for i, a := range o.Adjustments {
		if a.Amount <= 0 && o.Kind == claimdesk.OutcomePaid {
			fe = append(fe, claimdesk.FieldError{Path: fmt.Sprintf("adjustments[%d].amount", i), Message: "adjustment amount must be more than 0.00"})
		}
		if a.Amount < 0 {
			fe = append(fe, claimdesk.FieldError{Path: fmt.Sprintf("adjustments[%d].amount", i), Message: "adjustment amount cannot be negative"})
		}
	}
	if len(fe) > 0 {
		return fe
	}
	before := MoneyOf(c.TotalCharge, earlier)
	after := MoneyOf(c.TotalCharge, append(slices.Clone(earlier), o))
	if to := StatusAfter(o, after); c.Status != to && !c.Status.CanMove(to) {
		fe = append(fe, claimdesk.FieldError{Path: "kind", Message: fmt.Sprintf("a %s claim cannot take this outcome (it would become %s)", c.Status.Label(), to.Label())})
	}
	if o.Kind == claimdesk.OutcomePaid {
		if o.Paid == 0 && len(o.Adjustments) == 0 {
			fe = append(fe, claimdesk.FieldError{Path: "paid", Message: "enter the amount paid or at least one adjustment"})
		}
		if after.Balance < 0 {
			fe = append(fe, claimdesk.FieldError{Path: "paid", Message: fmt.Sprintf("paid plus adjustments (%s) is more than the open balance (%s)", (o.Paid + o.WrittenOff() + o.PatientResponsibility()).String(), before.Balance.String())})
		}
	}
	return fe
}

// RecordOutcome checks and records a payer's response to a claim; the
// store moves the claim's status in the same transaction. It returns the
// claim's money after the outcome.
func (d *Desk) RecordOutcome(ctx context.Context, o *claimdesk.Outcome) (ClaimMoney, error) {
	c, err := d.Claims.Claim(ctx, o.ClaimID)
	if err != nil {
		return ClaimMoney{}, fmt.Errorf("record outcome: %w", err)
	}
	earlier, err := d.Claims.Outcomes(ctx, o.ClaimID)
	if err != nil {
		return ClaimMoney{}, fmt.Errorf("record outcome: %w", err)
	}
	if fe := OutcomeCheck(c, earlier, *o); len(fe) > 0 {
		return ClaimMoney{}, fe
	}
	if err := d.Claims.AddOutcome(ctx, o); err != nil {
		return ClaimMoney{}, fmt.Errorf("record outcome: %w", err)
	}
	d.log().Info("outcome recorded", "claim_id", o.ClaimID, "kind", string(o.Kind))
	return MoneyOf(c.TotalCharge, append(earlier, *o)), nil
}

// CorrectRequest asks for a corrected (replacement) or void claim.
type CorrectRequest struct {
	ClaimID int64
	// Void asks for a void claim (frequency 8) instead of a replacement (7).
	Void bool
	// OriginalRef is the payer's claim number of the original; empty
	// means the one the claim or its outcomes recorded.
	OriginalRef string
	// Note goes into the original's history.
	Note string
}

// CorrectClaim creates the next version of a claim: a replacement claim
// (frequency 7) or a void (frequency 8) referring to the payer's claim
// number of the original, as a draft to be checked, printed and sent. The
// original becomes replaced or voided. A rejected claim the payer never
// numbered is sent again as a new original claim (frequency 1) instead.
func (d *Desk) CorrectClaim(ctx context.Context, req CorrectRequest) (claimdesk.Claim, error) {
	orig, err := d.Claims.Claim(ctx, req.ClaimID)
	if err != nil {
		return claimdesk.Claim{}, fmt.Errorf("correct claim: %w", err)
	}
	to := claimdesk.StatusReplaced
	freq := claimdesk.FrequencyReplacement
	if req.Void {
		to = claimdesk.StatusVoided
		freq = claimdesk.FrequencyVoid
	}
	if err := orig.Status.CheckMove(to); err != nil {
		return claimdesk.Claim{}, err
	}
	ref := strings.TrimSpace(req.OriginalRef)
	if ref == "" {
		ref = orig.PayerClaimNumber
	}
	if ref == "" {
		outs, err := d.Claims.Outcomes(ctx, orig.ID)
		if err != nil {
			return claimdesk.Claim{}, fmt.Errorf("correct claim: %w", err)
		}
		for i := len(outs) - 1; i >= 0 && ref == ""; i-- {
			ref = outs[i].PayerClaimNumber
		}
	}
	if ref == "" {
		if orig.Status != claimdesk.StatusRejected || req.Void {
			return claimdesk.Claim{}, claimdesk.FieldErrors{{Path: "original_ref", Message: "enter the payer's claim number (ICN/DCN) of the original claim: a corrected or void claim refers to it in box 22"}}
		}
		// Rejected before adjudication: no payer claim number, so the fixed
		// claim goes out as a new original.
		freq = claimdesk.FrequencyOriginal
	}
	note := req.Note
	if note == "" {
		switch freq {
		case claimdesk.FrequencyVoid:
			note = "voided by a void claim (frequency 8)"
		case claimdesk.FrequencyReplacement:
			note = "replaced by a corrected claim (frequency 7)"
		default:
			note = "rejected claim fixed and sent again as a new claim"
		}
	}
	next := claimdesk.Claim{
		EncounterID: orig.EncounterID,
		PolicyID:    orig.PolicyID,
		Status:      claimdesk.StatusDraft,
		Frequency:   freq,
		OriginalRef: ref,
		ReplacesID:  orig.ID,
		TotalCharge: orig.TotalCharge,
	}
	if freq == claimdesk.FrequencyOriginal {
		next.OriginalRef = ""
	}
	if r, ok := d.Claims.(claimdesk.ClaimReplacer); ok {
		if err := r.ReplaceClaim(ctx, &next, to, note); err != nil {
			return claimdesk.Claim{}, fmt.Errorf("correct claim: %w", err)
		}
	} else {
		if err := d.Claims.SetClaimStatus(ctx, orig.ID, to, note); err != nil {
			return claimdesk.Claim{}, fmt.Errorf("correct claim: %w", err)
		}
		if err := d.Claims.CreateClaim(ctx, &next); err != nil {
			return claimdesk.Claim{}, fmt.Errorf("correct claim: %w", err)
		}
	}
	d.log().Info("claim corrected", "claim_id", orig.ID, "new_claim_id", next.ID, "frequency", freq)
	return next, nil
}

// ClaimVersion is one claim of a chain of corrections with its outcomes.
type ClaimVersion struct {
	Version  int                 `json:"version"`
	Claim    claimdesk.Claim     `json:"claim"`
	Outcomes []claimdesk.Outcome `json:"outcomes,omitempty"`
	Money    ClaimMoney          `json:"money"`
}

// HistoryEvent is one dated line of a claim's history: a status change or
// a payer outcome, of one version.
type HistoryEvent struct {
	At      time.Time `json:"at"`
	Version int       `json:"version"`
	ClaimID int64     `json:"claim_id"`
	What    string    `json:"what"`
}

// ClaimHistory is every version of a claim (the original, its corrections
// and voids, oldest first) and every dated change of each.
type ClaimHistory struct {
	Versions []ClaimVersion `json:"versions"`
	Events   []HistoryEvent `json:"events"`
}

// Latest returns the newest version.
func (h ClaimHistory) Latest() ClaimVersion { return h.Versions[len(h.Versions)-1] }

// FrequencyLabel names a claim frequency code.
func FrequencyLabel(f string) string {
	switch f {
	case claimdesk.FrequencyReplacement:
		return "corrected (7)"
	case claimdesk.FrequencyVoid:
		return "void (8)"
	case claimdesk.FrequencyOriginal, "":
		return "original (1)"
	}
	return f
}

// DescribeOutcome writes an outcome in a line: "Paid 80.00; CO-45 20.00".
func DescribeOutcome(o claimdesk.Outcome) string {
	var b strings.Builder
	switch o.Kind {
	case claimdesk.OutcomePaid:
		fmt.Fprintf(&b, "Paid %s", o.Paid)
	case claimdesk.OutcomeDenied:
		b.WriteString("Denied")
	case claimdesk.OutcomeRejected:
		b.WriteString("Rejected")
	default:
		b.WriteString(string(o.Kind))
	}
	for _, a := range o.Adjustments {
		fmt.Fprintf(&b, "; %s-%s %s", a.Group, a.Reason, a.Amount)
	}
	if len(o.Remarks) > 0 {
		fmt.Fprintf(&b, "; remarks %s", strings.Join(o.Remarks, ", "))
	}
	if o.Message != "" {
		fmt.Fprintf(&b, "; payer says: %s", o.Message)
	}
	if o.PayerClaimNumber != "" {
		fmt.Fprintf(&b, "; payer claim no. %s", o.PayerClaimNumber)
	}
	return b.String()
}

// ClaimHistory returns every version of the claim id belongs to, oldest
// first, with their status changes and outcomes in date order.
func (d *Desk) ClaimHistory(ctx context.Context, id int64) (ClaimHistory, error) {
	c, err := d.Claims.Claim(ctx, id)
	if err != nil {
		return ClaimHistory{}, fmt.Errorf("claim history: %w", err)
	}
	all, err := d.Claims.ClaimsOfEncounter(ctx, c.EncounterID)
	if err != nil {
		return ClaimHistory{}, fmt.Errorf("claim history: %w", err)
	}
	byID := map[int64]claimdesk.Claim{c.ID: c}
	for _, x := range all {
		if _, ok := byID[x.ID]; !ok {
			byID[x.ID] = x
		}
	}
	// Walk back to the first version, then forward through replacements.
	first := c
	for seen := map[int64]bool{first.ID: true}; first.ReplacesID != 0; {
		p, ok := byID[first.ReplacesID]
		if !ok || seen[p.ID] {
			break
		}
		seen[p.ID] = true
		first = p
	}
	chain := []claimdesk.Claim{first}
	for seen := map[int64]bool{first.ID: true}; ; {
		cur := chain[len(chain)-1]
		var next *claimdesk.Claim
		for _, x := range all {
			if x.ReplacesID == cur.ID && !seen[x.ID] && (next == nil || x.ID < next.ID) {
				x := x
				next = &x
			}
		}
		if next == nil {
			break
		}
		seen[next.ID] = true
		chain = append(chain, *next)
	}
	var h ClaimHistory
	for i, v := range chain {
		full, err := d.Claims.Claim(ctx, v.ID) // with its history
		if err != nil {
			return ClaimHistory{}, fmt.Errorf("claim history: %w", err)
		}
		outs, err := d.Claims.Outcomes(ctx, v.ID)
		if err != nil {
			return ClaimHistory{}, fmt.Errorf("claim history: %w", err)
		}
		n := i + 1
		m := MoneyOf(full.TotalCharge, outs)
		if superseded(full.Status) {
			m.Balance = 0
		}
		h.Versions = append(h.Versions, ClaimVersion{Version: n, Claim: full, Outcomes: outs, Money: m})
		what := fmt.Sprintf("Version %d created: %s claim", n, FrequencyLabel(full.Frequency))
		if full.OriginalRef != "" {
			what += " referring to payer claim no. " + full.OriginalRef
		}
		created := full.CreatedAt
		rest := full.History
		if len(rest) > 0 && rest[0].From == "" {
			// The creation row of the history: one line with the version.
			what += " as " + rest[0].To.Label()
			if rest[0].Note != "" {
				what += " (" + rest[0].Note + ")"
			}
			created = rest[0].At
			rest = rest[1:]
		}
		h.Events = append(h.Events, HistoryEvent{At: created, Version: n, ClaimID: full.ID, What: what})
		used := map[int]bool{}
		for _, o := range outs {
			// An outcome is a day; place it just before the status change
			// it caused, when the store's note names its date.
			at := o.Date.Time
			for i, sc := range rest {
				if !used[i] && sc.Note == fmt.Sprintf("payer response of %s", o.Date) {
					used[i] = true
					at = sc.At.Add(-time.Nanosecond)
					break
				}
			}
			w := fmt.Sprintf("Payer response dated %s: %s", o.Date, DescribeOutcome(o))
			h.Events = append(h.Events, HistoryEvent{At: at, Version: n, ClaimID: full.ID, What: w})
		}
		for _, sc := range rest {
			w := "Moved from " + sc.From.Label() + " to " + sc.To.Label()
			if sc.Note != "" {
				w += " (" + sc.Note + ")"
			}
			h.Events = append(h.Events, HistoryEvent{At: sc.At, Version: n, ClaimID: full.ID, What: w})
		}
	}
	sort.SliceStable(h.Events, func(i, j int) bool {
		a, b := h.Events[i], h.Events[j]
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		return a.At.Before(b.At)
	})
	return h, nil
}

// AgingBuckets names the A/R aging columns.
var AgingBuckets = [5]string{"0-30", "31-60", "61-90", "91-120", "over 120"}

// AgingBucket returns the aging column (0–4) of a claim ageDays old.
func AgingBucket(ageDays int) int {
	switch {
	case ageDays <= 30:
		return 0
	case ageDays <= 60:
		return 1
	case ageDays <= 90:
		return 2
	case ageDays <= 120:
		return 3
	}
	return 4
}

// AgingRow is one payer's open balances by age since the date of service.
type AgingRow struct {
	PayerID     int64           `json:"payer_id,omitempty"`
	Payer       string          `json:"payer"`
	Days0to30   claimdesk.Cents `json:"days_0_30"`
	Days31to60  claimdesk.Cents `json:"days_31_60"`
	Days61to90  claimdesk.Cents `json:"days_61_90"`
	Days91to120 claimdesk.Cents `json:"days_91_120"`
	Over120     claimdesk.Cents `json:"days_over_120"`
	Total       claimdesk.Cents `json:"total"`
	Claims      int             `json:"claims"`
}

// Buckets returns the five aging amounts in column order.
func (r AgingRow) Buckets() [5]claimdesk.Cents {
	return [5]claimdesk.Cents{r.Days0to30, r.Days31to60, r.Days61to90, r.Days91to120, r.Over120}
}

func (r *AgingRow) add(bucket int, c claimdesk.Cents) {
	switch bucket {
	case 0:
		r.Days0to30 += c
	case 1:
		r.Days31to60 += c
	case 2:
		r.Days61to90 += c
	case 3:
		r.Days91to120 += c
	default:
		r.Over120 += c
	}
	r.Total += c
	r.Claims++
}

// AgingReport is the accounts receivable aging: open balances by payer.
// Amounts in JSON are integer cents, like every other ClaimDesk amount.
type AgingReport struct {
	AsOf   claimdesk.Date `json:"as_of"`
	Rows   []AgingRow     `json:"rows"`
	Totals AgingRow       `json:"totals"`
}

// Aging builds the A/R aging report from claim summaries: every claim in
// an open status (submitted, partially paid, denied, rejected) with a
// balance, by payer (sorted by name) and age in days since the date of
// service.
func Aging(asOf claimdesk.Date, claims []claimdesk.ClaimSummary) AgingReport {
	rep := AgingReport{AsOf: asOf, Totals: AgingRow{Payer: "Total"}}
	rows := map[int64]*AgingRow{}
	for _, c := range claims {
		if !c.Status.Open() || c.Balance == 0 {
			continue
		}
		r := rows[c.PayerID]
		if r == nil {
			r = &AgingRow{PayerID: c.PayerID, Payer: c.Payer}
			rows[c.PayerID] = r
		}
		b := AgingBucket(c.AgeDays)
		r.add(b, c.Balance)
		rep.Totals.add(b, c.Balance)
	}
	for _, r := range rows {
		rep.Rows = append(rep.Rows, *r)
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		a, b := rep.Rows[i], rep.Rows[j]
		if a.Payer != b.Payer {
			return a.Payer < b.Payer
		}
		return a.PayerID < b.PayerID
	})
	return rep
}

// AllClaims returns every claim summary matching f, reading the store in
// pages.
func (d *Desk) AllClaims(ctx context.Context, f claimdesk.ClaimFilter) ([]claimdesk.ClaimSummary, error) {
	const page = 500
	var out []claimdesk.ClaimSummary
	f.Limit = page
	for f.Offset = 0; ; f.Offset += page {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("list claims: %w", err)
		}
		s, err := d.Claims.Claims(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("list claims: %w", err)
		}
		out = append(out, s...)
		if len(s) < page {
			return out, nil
		}
	}
}

// ClaimList returns every claim summary matching f with its paid,
// adjusted and balance figures derived by MoneyOf's rule: only payments
// and their adjustments settle a claim (a denial's adjustments leave it
// open). Adjusted is written off plus patient responsibility.
func (d *Desk) ClaimList(ctx context.Context, f claimdesk.ClaimFilter) ([]claimdesk.ClaimSummary, error) {
	claims, err := d.AllClaims(ctx, f)
	if err != nil {
		return nil, err
	}
	var totals map[int64]claimdesk.OutcomeTotals
	if t, ok := d.Claims.(claimdesk.OutcomeTotaler); ok {
		if totals, err = t.OutcomeTotals(ctx); err != nil {
			return nil, fmt.Errorf("list claims: %w", err)
		}
	}
	for i := range claims {
		c := &claims[i]
		var m ClaimMoney
		if totals != nil {
			t := totals[c.ID]
			m = ClaimMoney{Billed: c.Billed, Paid: t.Paid, WrittenOff: t.WrittenOff, PatientResp: t.PatientResp}
			m.Balance = m.Billed - m.Paid - m.WrittenOff - m.PatientResp
		} else {
			outs, err := d.Claims.Outcomes(ctx, c.ID)
			if err != nil {
				return nil, fmt.Errorf("list claims: %w", err)
			}
			m = MoneyOf(c.Billed, outs)
		}
		c.Paid, c.Adjusted, c.Balance = m.Paid, m.WrittenOff+m.PatientResp, m.Balance
		if superseded(c.Status) {
			c.Balance = 0
		}
	}
	return claims, nil
}

// ARAging returns the A/R aging report as of today.
func (d *Desk) ARAging(ctx context.Context) (AgingReport, error) {
	claims, err := d.ClaimList(ctx, claimdesk.ClaimFilter{})
	if err != nil {
		return AgingReport{}, fmt.Errorf("A/R aging: %w", err)
	}
	return Aging(d.Today(), claims), nil
}

// WriteCSV writes the report as CSV: a header, one row per payer and a
// total row. Amounts are plain numbers with two decimals (1250.00: no
// currency sign, no thousands separators) so spreadsheets read them as
// numbers.
func (r AgingReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"payer", "payer_id", "days_0_30", "days_31_60", "days_61_90", "days_91_120", "days_over_120", "total", "claims"}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write A/R csv: %w", err)
	}
	row := func(x AgingRow, id string) []string {
		rec := []string{x.Payer, id}
		for _, c := range x.Buckets() {
			rec = append(rec, c.String())
		}
		return append(rec, x.Total.String(), strconv.Itoa(x.Claims))
	}
	for _, x := range r.Rows {
		if err := cw.Write(row(x, strconv.FormatInt(x.PayerID, 10))); err != nil {
			return fmt.Errorf("write A/R csv: %w", err)
		}
	}
	if err := cw.Write(row(r.Totals, "")); err != nil {
		return fmt.Errorf("write A/R csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write A/R csv: %w", err)
	}
	return nil
}

// SubmitClaims marks each claim submitted (after printing or sending) and
// returns how many were marked; it stops at the first refusal.
func (d *Desk) SubmitClaims(ctx context.Context, ids []int64, note string) (int, error) {
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return i, fmt.Errorf("mark submitted: %w", err)
		}
		if err := d.Claims.SetClaimStatus(ctx, id, claimdesk.StatusSubmitted, note); err != nil {
			return i, fmt.Errorf("mark claim %d submitted: %w", id, err)
		}
	}
	return len(ids), nil
}
