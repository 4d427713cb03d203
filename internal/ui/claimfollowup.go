package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

// Outcome kinds as the dialog offers them.
const (
	kindPaid     = "Paid (in full or in part)"
	kindDenied   = "Denied"
	kindRejected = "Rejected"
)

// adjRows is how many adjustment rows the outcome dialog has.
const adjRows = 4

// adjRow is one adjustment's entries.
type adjRow struct {
	group  *widget.SelectEntry
	reason *widget.Entry
	amount *widget.Entry
	err    *widget.Label
}

// outcomeInput is the outcome dialog as typed; toOutcome maps it to the
// domain (a pure function, tested without a window).
type outcomeInput struct {
	ClaimID     int64
	Kind        string
	Date        string
	Paid        string
	Adjustments [][3]string // group, reason, amount
	Remarks     string
	Message     string
	PayerNo     string
}

func (in outcomeInput) toOutcome() (claimdesk.Outcome, claimdesk.FieldErrors) {
	var fe claimdesk.FieldErrors
	o := claimdesk.Outcome{ClaimID: in.ClaimID, Message: strings.TrimSpace(in.Message), PayerClaimNumber: strings.TrimSpace(in.PayerNo)}
	switch in.Kind {
	case kindPaid:
		o.Kind = claimdesk.OutcomePaid
	case kindDenied:
		o.Kind = claimdesk.OutcomeDenied
	case kindRejected:
		o.Kind = claimdesk.OutcomeRejected
	}
	d, err := parseDay(in.Date)
	if err != nil {
		fe = append(fe, claimdesk.FieldError{Path: "date", Message: "date of the payer's response: " + err.Error()})
	}
	o.Date = d
	if p := strings.TrimSpace(in.Paid); p != "" && o.Kind == claimdesk.OutcomePaid {
		c, err := claimdesk.ParseCents(p)
		if err != nil {
			fe = append(fe, claimdesk.FieldError{Path: "paid", Message: "paid amount must be dollars and cents like 80.00"})
		}
		o.Paid = c
	}
	for i, a := range in.Adjustments {
		g, r, amt := strings.ToUpper(strings.TrimSpace(a[0])), strings.ToUpper(strings.TrimSpace(a[1])), strings.TrimSpace(a[2])
		if g == "" && r == "" && amt == "" {
			continue
		}
		adj := claimdesk.Adjustment{Group: claimdesk.AdjustmentGroup(g), Reason: r}
		path := fmt.Sprintf("adjustments[%d]", len(o.Adjustments))
		if amt == "" {
			fe = append(fe, claimdesk.FieldError{Path: path + ".amount", Message: "enter the adjustment's amount"})
		} else if c, err := claimdesk.ParseCents(amt); err != nil {
			fe = append(fe, claimdesk.FieldError{Path: path + ".amount", Message: "amount must be dollars and cents like 20.00"})
		} else {
			adj.Amount = c
		}
		_ = i
		o.Adjustments = append(o.Adjustments, adj)
	}
	for _, r := range strings.FieldsFunc(strings.ToUpper(in.Remarks), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		o.Remarks = append(o.Remarks, r)
	}
	return o, fe
}

// outcomeDialog records a payer's response to one claim.
type outcomeDialog struct {
	cs      *claimScreen
	claim   claimdesk.Claim
	earlier []claimdesk.Outcome
	dlg     dialog.Dialog

	fs      *fieldSet
	kind    *widget.RadioGroup
	date    *widget.Entry
	paid    *widget.Entry
	payerNo *widget.Entry
	adjs    []adjRow
	remarks *widget.Entry
	message *widget.Entry
	summary *widget.Label
	save    *widget.Button
}

func (cs *claimScreen) recordOutcome() {
	r, ok := cs.selected()
	if !ok {
		return
	}
	d := cs.s.desk
	var c claimdesk.Claim
	var outs []claimdesk.Outcome
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		if c, err = d.Claims.Claim(ctx, r.ID); err != nil {
			return err
		}
		outs, err = d.Claims.Outcomes(ctx, r.ID)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.showOutcomeDialog(c, outs)
	})
}

func (cs *claimScreen) showOutcomeDialog(c claimdesk.Claim, earlier []claimdesk.Outcome) *outcomeDialog {
	od := &outcomeDialog{cs: cs, claim: c, earlier: earlier, fs: newFieldSet()}
	cs.outcome = od
	fs := od.fs
	fs.submit = od.submit
	od.kind = widget.NewRadioGroup([]string{kindPaid, kindDenied, kindRejected}, func(k string) { od.kindChanged(k) })
	od.kind.Horizontal = true
	od.kind.SetSelected(kindPaid)
	fs.add("kind", "Outcome", od.kind, nil)
	od.date = fs.entry("date", "Response date", "MM/DD/YYYY")
	od.date.SetText(formatDay(cs.s.today()))
	od.paid = fs.entry("paid", "Amount paid", "e.g. 80.00")
	od.payerNo = fs.entry("payer_claim_number", "Payer claim no.", "ICN/DCN from the remittance (optional)")
	od.payerNo.SetText(c.PayerClaimNumber)
	grid := container.NewVBox()
	for i := 0; i < adjRows; i++ {
		a := adjRow{group: widget.NewSelectEntry([]string{"CO", "PR", "OA", "PI"}), reason: widget.NewEntry(), amount: widget.NewEntry(), err: widget.NewLabel("")}
		a.group.SetPlaceHolder("group: CO PR OA PI")
		a.reason.SetPlaceHolder("CARC, e.g. 45")
		a.amount.SetPlaceHolder("0.00")
		a.err.Importance = widget.DangerImportance
		a.err.Wrapping = fyne.TextWrapWord
		a.err.Hide()
		for _, e := range []*widget.Entry{a.reason, a.amount} {
			e.OnChanged = func(string) { od.update() }
			e.OnSubmitted = func(string) { od.submit() }
		}
		a.group.OnChanged = func(string) { od.update() }
		grid.Add(container.NewVBox(container.NewGridWithColumns(3, a.group, a.reason, a.amount), a.err))
		od.adjs = append(od.adjs, a)
	}
	fs.add("adjustments", "Adjustments\n(group, CARC, amount)", grid, od.adjs[0].group)
	od.remarks = fs.entry("remarks", "Remark codes", "RARC, e.g. N115 M51")
	od.message = fs.entry("message", "Payer's message", "for a rejection: the payer's words")
	od.paid.OnChanged = func(string) { od.update() }
	od.summary = widget.NewLabel("")
	od.summary.Wrapping = fyne.TextWrapWord
	od.save = widget.NewButtonWithIcon("Record outcome", theme.ConfirmIcon(), od.submit)
	od.save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { od.dlg.Hide() })
	head := widget.NewLabel(fmt.Sprintf("Claim %d · billed %s · %s", c.ID, moneyText(c.TotalCharge), c.Status.Label()))
	content := container.NewBorder(head, container.NewVBox(od.summary, container.NewHBox(layout.NewSpacer(), cancel, od.save)), nil, nil,
		container.NewVScroll(fs.form()))
	od.dlg = dialog.NewCustomWithoutButtons("Record the payer's response", content, cs.s.win)
	od.dlg.Resize(fyne.NewSize(720, 680))
	cs.s.showDialog(od.dlg, od.paid)
	od.update()
	return od
}

// kindChanged pre-fills a denial's first adjustment with the open balance
// (the payer denies what is still open), then updates the summary.
func (od *outcomeDialog) kindChanged(k string) {
	if k == kindDenied && len(od.adjs) > 0 {
		a := od.adjs[0]
		if a.group.Text == "" && a.reason.Text == "" && a.amount.Text == "" {
			m := billing.MoneyOf(od.claim.TotalCharge, od.earlier)
			a.group.SetText("CO")
			a.amount.SetText(m.Balance.String())
			od.cs.s.win.Canvas().Focus(a.reason)
		}
	}
	od.update()
}

func (od *outcomeDialog) input() outcomeInput {
	in := outcomeInput{ClaimID: od.claim.ID, Kind: od.kind.Selected, Date: od.date.Text, Paid: od.paid.Text,
		Remarks: od.remarks.Text, Message: od.message.Text, PayerNo: od.payerNo.Text}
	for _, a := range od.adjs {
		in.Adjustments = append(in.Adjustments, [3]string{a.group.Text, a.reason.Text, a.amount.Text})
	}
	return in
}

// update shows what the claim's money becomes with this outcome; the
// balance is never typed.
func (od *outcomeDialog) update() {
	if od.summary == nil {
		return
	}
	if od.kind.Selected == kindPaid {
		od.paid.Enable()
	} else {
		od.paid.Disable()
	}
	o, fe := od.input().toOutcome()
	if len(fe) > 0 {
		od.summary.SetText("")
		return
	}
	m := billing.MoneyOf(od.claim.TotalCharge, append(append([]claimdesk.Outcome(nil), od.earlier...), o))
	to := billing.StatusAfter(o, m)
	od.summary.SetText(fmt.Sprintf("After this response: paid %s · written off %s · patient owes %s · balance %s; the claim becomes %s",
		moneyText(m.Paid), moneyText(m.WrittenOff), moneyText(m.PatientResp), moneyText(m.Balance), to.Label()))
}

func (od *outcomeDialog) showErrors(err error) {
	for _, a := range od.adjs {
		a.err.SetText("")
		a.err.Hide()
	}
	fe, _ := err.(claimdesk.FieldErrors)
	var rest claimdesk.FieldErrors
	for _, x := range fe {
		var i int
		var field string
		if n, _ := fmt.Sscanf(x.Path, "adjustments[%d].%s", &i, &field); n == 2 && i < len(od.adjs) {
			a := od.adjs[i]
			if a.err.Text != "" {
				a.err.SetText(a.err.Text + "\n" + x.Message)
			} else {
				a.err.SetText(x.Message)
			}
			a.err.Show()
			continue
		}
		rest = append(rest, x)
	}
	if fe == nil {
		od.fs.show(err, od.cs.s.win.Canvas())
		return
	}
	od.fs.show(rest.Err(), od.cs.s.win.Canvas())
}

func (od *outcomeDialog) submit() {
	o, fe := od.input().toOutcome()
	if len(fe) > 0 {
		od.showErrors(fe)
		return
	}
	if fe := billing.OutcomeCheck(od.claim, od.earlier, o); len(fe) > 0 {
		od.showErrors(fe)
		return
	}
	d := od.cs.s.desk
	od.cs.s.Busy("Recording outcome", func(ctx context.Context) error {
		_, err := d.RecordOutcome(ctx, &o)
		return err
	}, func(err error) {
		if err != nil {
			od.showErrors(err)
			return
		}
		od.dlg.Hide()
		od.cs.s.Status(fmt.Sprintf("Outcome recorded for claim %d", o.ClaimID))
		od.cs.s.RefreshCounts()
		od.cs.reload()
	})
}

// correctDialog creates the corrected or void claim of a claim.
type correctDialog struct {
	cs    *claimScreen
	claim claimdesk.Claim
	dlg   dialog.Dialog
	fs    *fieldSet
	what  *widget.RadioGroup
	ref   *widget.Entry
	note  *widget.Entry
	ok    *widget.Button
}

const (
	fixCorrected = "Corrected claim (frequency 7)"
	fixVoid      = "Void the claim (frequency 8)"
)

func (cs *claimScreen) correct() {
	r, ok := cs.selected()
	if !ok {
		return
	}
	d := cs.s.desk
	var c claimdesk.Claim
	var outs []claimdesk.Outcome
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		if c, err = d.Claims.Claim(ctx, r.ID); err != nil {
			return err
		}
		outs, err = d.Claims.Outcomes(ctx, r.ID)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.showCorrectDialog(c, outs)
	})
}

func (cs *claimScreen) showCorrectDialog(c claimdesk.Claim, outs []claimdesk.Outcome) *correctDialog {
	cd := &correctDialog{cs: cs, claim: c, fs: newFieldSet()}
	cs.fix = cd
	cd.fs.submit = cd.submit
	cd.what = widget.NewRadioGroup([]string{fixCorrected, fixVoid}, nil)
	cd.what.SetSelected(fixCorrected)
	cd.fs.add("frequency", "Send", cd.what, nil)
	cd.ref = cd.fs.entry("original_ref", "Payer claim no.", "ICN/DCN of the original (box 22)")
	ref := c.PayerClaimNumber
	for i := len(outs) - 1; i >= 0 && ref == ""; i-- {
		ref = outs[i].PayerClaimNumber
	}
	cd.ref.SetText(ref)
	cd.note = cd.fs.entry("note", "Note", "what was fixed (kept in the history)")
	var why []string
	for _, o := range outs {
		if o.Kind != claimdesk.OutcomePaid {
			why = append(why, billing.DescribeOutcome(o))
		}
	}
	head := widget.NewLabel(fmt.Sprintf("Claim %d is %s.", c.ID, c.Status.Label()))
	if len(why) > 0 {
		head.SetText(head.Text + " Payer said: " + strings.Join(why, " / "))
	}
	head.Wrapping = fyne.TextWrapWord
	help := widget.NewLabel("A corrected claim is a new draft of the same encounter that refers to the payer's claim number: fix the encounter if needed, then Mark ready, print and mark it submitted. A rejected claim the payer never numbered is sent again as a new claim.")
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	cd.ok = widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), cd.submit)
	cd.ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { cd.dlg.Hide() })
	cd.dlg = dialog.NewCustomWithoutButtons("Fix and resubmit", container.NewVBox(head, cd.fs.form(), help,
		container.NewHBox(layout.NewSpacer(), cancel, cd.ok)), cs.s.win)
	cd.dlg.Resize(fyne.NewSize(620, 460))
	cs.s.showDialog(cd.dlg, cd.ref)
	return cd
}

func (cd *correctDialog) submit() {
	req := billing.CorrectRequest{ClaimID: cd.claim.ID, Void: cd.what.Selected == fixVoid,
		OriginalRef: strings.TrimSpace(cd.ref.Text), Note: strings.TrimSpace(cd.note.Text)}
	d := cd.cs.s.desk
	var next claimdesk.Claim
	cd.cs.s.Busy("Creating the corrected claim", func(ctx context.Context) error {
		var err error
		next, err = d.CorrectClaim(ctx, req)
		return err
	}, func(err error) {
		if err != nil {
			cd.fs.show(err, cd.cs.s.win.Canvas())
			return
		}
		cd.dlg.Hide()
		cd.cs.s.Status(fmt.Sprintf("Claim %d created as a draft (%s)", next.ID, billing.FrequencyLabel(next.Frequency)))
		cd.cs.s.RefreshCounts()
		// Show the new version: clear filters that would hide a draft.
		cd.cs.resetFilters()
		cd.cs.cur = -1
		cd.cs.reloadThen(func() { cd.cs.selectClaim(next.ID) })
	})
}
