package claimcheck

import (
	"strconv"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Claim-level rules: box 22 (resubmission), 28 (total), 29 (amount paid)
// and the payer's timely filing limit.

func (r *run) checkFrequency() {
	cl := r.c.Claim
	switch strings.TrimSpace(cl.Frequency) {
	case "", claimdesk.FrequencyOriginal:
		if !blank(cl.OriginalRef) {
			r.add(RuleFrequency, sevE, "22", "claim.frequency", "Box 22: an original reference number is given but the claim is an original (frequency 1); set 7 (replacement) or 8 (void), or clear the reference.")
		}
	case claimdesk.FrequencyReplacement, claimdesk.FrequencyVoid:
		if blank(cl.OriginalRef) {
			what := "replacement"
			if cl.Frequency == claimdesk.FrequencyVoid {
				what = "void"
			}
			r.add(RuleFrequency, sevE, "22", "claim.original_ref", "Box 22: a %s claim (resubmission code %s) needs the payer's original claim number (ICN/DCN) of the claim it %s.", what, cl.Frequency, map[string]string{"replacement": "replaces", "void": "voids"}[what])
		}
	case "6":
		r.add(RuleFrequency, sevE, "22", "claim.frequency", "Box 22: resubmission code 6 is not on the NUCC list; send a corrected claim as 7 (replacement) with the original claim number.")
	default:
		r.add(RuleFrequency, sevE, "22", "claim.frequency", "Box 22: the resubmission code must be 7 (replacement) or 8 (void), or blank for an original claim.")
	}
}

func (r *run) checkTotals() {
	cl := r.c.Claim
	sum := r.c.Encounter.Total()
	switch {
	case len(r.c.Encounter.Lines) == 0 || cl.TotalCharge == sum:
	case cl.TotalCharge == 0:
		// Not filled in (a claim written by hand); the form prints the sum.
		r.add(RuleClaimTotal, sevW, "28", "claim.total_charge", "Box 28: the claim's total charge is not filled in; the form will print the sum of the line charges (%s).", sum)
	default:
		r.add(RuleClaimTotal, sevE, "28", "claim.total_charge", "Box 28: the total charge %s does not equal the sum of the line charges in 24F (%s); recalculate the claim.", cl.TotalCharge, sum)
	}
	switch {
	case cl.AmountPaid < 0:
		r.add(RuleAmountPaid, sevE, "29", "claim.amount_paid", "Box 29: the amount paid cannot be negative.")
	case cl.AmountPaid > sum && len(r.c.Encounter.Lines) > 0:
		r.add(RuleAmountPaid, sevE, "29", "claim.amount_paid", "Box 29: the amount paid %s is more than the claim's charges (%s).", cl.AmountPaid, sum)
	}
}

// medicareTimelyDays is Medicare's limit: one calendar year after the date
// of service (42 CFR 424.44).
const medicareTimelyDays = 365

// timelyWarnDays is how close to the limit a reminder starts.
const timelyWarnDays = 30

func (r *run) checkTimelyFiling() {
	limit := r.c.Payer.TimelyFilingDays
	medicare := r.medicare() && limit == 0
	if limit <= 0 && !medicare {
		return
	}
	if r.c.Claim.Frequency == claimdesk.FrequencyVoid {
		return
	}
	// The oldest date of service sets the deadline.
	oldest, idx := claimdesk.Date{}, -1
	for i, l := range r.c.Encounter.Lines {
		if !l.From.IsZero() && (oldest.IsZero() || l.From.Before(oldest)) {
			oldest, idx = l.From, i
		}
	}
	path := "encounter.date_from"
	if idx >= 0 {
		path = linePath(idx, "from")
	} else {
		oldest = r.c.Encounter.DateFrom
	}
	if oldest.IsZero() || oldest.After(r.today) {
		return
	}
	var deadline claimdesk.Date
	what := ""
	if medicare {
		deadline = claimdesk.Date{Time: oldest.AddDate(1, 0, 0)}
		what = "Medicare's 12-month limit"
	} else {
		deadline = oldest.AddDays(limit)
		what = "the payer's limit of " + strconv.Itoa(limit) + " days"
	}
	left := r.today.DaysUntil(deadline)
	switch {
	case left < 0:
		r.add(RuleTimelyFiling, sevW, "24A", path, "Box 24A: the date of service is past %s for filing (deadline passed %d days ago); the payer will deny the claim as late unless an exception applies — attach proof of timely filing if it was sent before.", what, -left)
	case left <= timelyWarnDays:
		r.add(RuleTimelyFiling, sevW, "24A", path, "Box 24A: only %d days are left to file within %s; send the claim now.", left, what)
	}
}
