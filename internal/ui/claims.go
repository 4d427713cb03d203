package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
)

const claimsName = "Claims"

func init() {
	registerScreen(30, claimsName, themeIcon(theme.IconNameDocument), func(s *Shell) screen { return newClaimScreen(s) })
}

// Filter choices of the claims list.
const (
	allStatuses = "All statuses"
	openOnly    = "Open"
	allPayers   = "All payers"
	allAges     = "Any age"
)

// claimColumns are the claims list's columns and their width weights.
var claimColumns = []struct {
	title string
	width float32
	right bool
}{
	{"", 0.45, false}, {"Claim", 0.7, false}, {"Status", 1.5, false}, {"Payer", 2.4, false}, {"Patient", 2.2, false},
	{"DOS", 1.7, false}, {"Billed", 1.1, true}, {"Paid", 1.0, true}, {"Balance", 1.1, true}, {"Age", 0.6, true},
}

// claimScreen is the claims list with follow-up (outcomes, corrections,
// history, printing a batch) and the A/R aging report.
type claimScreen struct {
	s    *Shell
	root fyne.CanvasObject
	tabs *container.AppTabs

	statusSel, payerSel, ageSel *widget.Select
	list                        *widget.List
	rows                        []claimdesk.ClaimSummary
	checked                     map[int64]bool
	loadSeq                     int // the newest reload; older results are dropped
	cur                         int
	countL                      *widget.Label
	payers                      []claimdesk.Payer

	detailTitle *widget.Label
	moneyL      *widget.Label
	versions    *fyne.Container
	events      *fyne.Container
	eventScroll *container.Scroll
	history     billing.ClaimHistory

	outcomeB, correctB, readyB, printB, submitB, openEncB, allB *widget.Button

	// outcome and fix are the last dialogs opened (for tests).
	outcome *outcomeDialog
	fix     *correctDialog

	aging      billing.AgingReport
	agingGrid  *fyne.Container
	agingAsOf  *widget.Label
	agingTotal *widget.Label
	exportB    *widget.Button
}

func newClaimScreen(s *Shell) *claimScreen {
	cs := &claimScreen{s: s, checked: map[int64]bool{}, cur: -1}
	statuses := []string{allStatuses, openOnly}
	for _, st := range claimdesk.ClaimStatuses {
		statuses = append(statuses, st.Label())
	}
	cs.statusSel = widget.NewSelect(statuses, func(string) { cs.reload() })
	cs.statusSel.SetSelected(allStatuses)
	cs.payerSel = widget.NewSelect([]string{allPayers}, func(string) { cs.reload() })
	cs.payerSel.SetSelected(allPayers)
	ages := []string{allAges}
	for _, b := range billing.AgingBuckets {
		ages = append(ages, b+" days")
	}
	cs.ageSel = widget.NewSelect(ages, func(string) { cs.reload() })
	cs.ageSel.SetSelected(allAges)
	cs.countL = widget.NewLabel("")

	cs.list = widget.NewList(func() int { return len(cs.rows) }, cs.newRow, cs.updateRow)
	cs.list.OnSelected = func(id widget.ListItemID) { cs.cur = id; cs.loadDetail() }

	header := claimRowLayout()
	for i, c := range claimColumns {
		l := widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if c.right {
			l.Alignment = fyne.TextAlignTrailing
		}
		if i == 0 {
			header.Add(widget.NewLabel(""))
			continue
		}
		header.Add(l)
	}

	cs.allB = widget.NewButton("Select all shown", cs.toggleAll)
	cs.printB = widget.NewButtonWithIcon("Print batch…", theme.DocumentPrintIcon(), cs.printBatch)
	cs.submitB = widget.NewButtonWithIcon("Mark submitted", theme.MailSendIcon(), cs.markSubmitted)
	cs.readyB = widget.NewButtonWithIcon("Mark ready", theme.ConfirmIcon(), cs.markReady)
	cs.outcomeB = widget.NewButtonWithIcon("Record outcome…", theme.DocumentCreateIcon(), cs.recordOutcome)
	cs.correctB = widget.NewButtonWithIcon("Fix and resubmit…", theme.ContentRedoIcon(), cs.correct)
	cs.openEncB = widget.NewButtonWithIcon("Open encounter", theme.FolderOpenIcon(), cs.openEncounter)

	filters := container.NewHBox(widget.NewLabel("Status"), cs.statusSel, widget.NewLabel("Payer"), cs.payerSel,
		widget.NewLabel("Age"), cs.ageSel, layout.NewSpacer(), cs.countL)
	batch := container.NewHBox(cs.allB, cs.printB, cs.submitB)
	left := container.NewBorder(container.NewVBox(filters, header), batch, nil, nil, cs.list)

	cs.detailTitle = widget.NewLabelWithStyle("Choose a claim to see its history.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cs.detailTitle.Wrapping = fyne.TextWrapWord
	cs.moneyL = widget.NewLabel("")
	cs.moneyL.Wrapping = fyne.TextWrapWord
	cs.versions = container.NewVBox()
	cs.events = container.NewVBox()
	cs.eventScroll = container.NewVScroll(cs.events)
	actions := container.NewGridWithColumns(2, cs.outcomeB, cs.correctB, cs.readyB, cs.openEncB)
	right := container.NewBorder(container.NewVBox(cs.detailTitle, cs.moneyL, actions, widget.NewSeparator(),
		widget.NewLabelWithStyle("Versions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), cs.versions,
		widget.NewLabelWithStyle("History (newest first)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil,
		cs.eventScroll)
	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.66

	cs.agingGrid = container.NewVBox()
	cs.agingAsOf = widget.NewLabel("")
	cs.agingTotal = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cs.exportB = widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), cs.exportAging)
	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), cs.loadAging)
	agingNote := widget.NewLabel("Open balances (submitted, partially paid, denied, rejected) by payer and days since the date of service. Balances follow from the recorded payments and adjustments. Choose a payer to list its open claims.")
	agingNote.Wrapping = fyne.TextWrapWord
	aging := container.NewBorder(container.NewVBox(cs.agingAsOf, agingNote, widget.NewSeparator()),
		container.NewHBox(cs.agingTotal, layout.NewSpacer(), refresh, cs.exportB), nil, nil, container.NewVScroll(cs.agingGrid))

	cs.tabs = container.NewAppTabs(container.NewTabItem("Claims", split), container.NewTabItem("A/R aging", aging))
	cs.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "A/R aging" {
			cs.loadAging()
		}
	}
	cs.root = cs.tabs
	cs.updateButtons()
	return cs
}

func (cs *claimScreen) content() fyne.CanvasObject { return cs.root }

// shown reloads the list (another screen may have changed claims).
func (cs *claimScreen) shown() {
	cs.reload()
	if cs.tabs.SelectedIndex() == 1 {
		cs.loadAging()
	}
}

func claimRowLayout() *fyne.Container {
	var w []float32
	for _, c := range claimColumns {
		w = append(w, c.width)
	}
	return container.New(&columnsLayout{weights: w})
}

func (cs *claimScreen) newRow() fyne.CanvasObject {
	row := claimRowLayout()
	row.Add(widget.NewCheck("", nil))
	for _, c := range claimColumns[1:] {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if c.right {
			l.Alignment = fyne.TextAlignTrailing
		}
		row.Add(l)
	}
	return row
}

func (cs *claimScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(cs.rows) {
		return
	}
	r := cs.rows[id]
	objs := o.(*fyne.Container).Objects
	ch := objs[0].(*widget.Check)
	ch.OnChanged = nil
	ch.SetChecked(cs.checked[r.ID])
	ch.OnChanged = func(on bool) {
		if on {
			cs.checked[r.ID] = true
		} else {
			delete(cs.checked, r.ID)
		}
		cs.updateButtons()
	}
	texts := claimRowTexts(r)
	for i, t := range texts {
		l := objs[i+1].(*widget.Label)
		l.SetText(t)
		if i == 1 {
			l.Importance = claimStatusImportance(r.Status)
			l.Refresh()
		}
	}
}

// claimRowTexts returns a claims list row as shown, column by column
// (without the check box).
func claimRowTexts(r claimdesk.ClaimSummary) []string {
	st := r.Status.Label()
	switch r.Frequency {
	case claimdesk.FrequencyReplacement:
		st += " (7)"
	case claimdesk.FrequencyVoid:
		st += " (8)"
	}
	return []string{strconv.FormatInt(r.ID, 10), st, r.Payer, r.PatientName, formatDay(r.DateFrom),
		moneyText(r.Billed), moneyText(r.Paid), moneyText(r.Balance), strconv.Itoa(r.AgeDays)}
}

// claimStatusImportance colours a status in the claims list; replaced and
// voided claims stay readable on a selected row.
func claimStatusImportance(s claimdesk.ClaimStatus) widget.Importance {
	if s == claimdesk.StatusReplaced || s == claimdesk.StatusVoided || s == claimdesk.StatusSubmitted {
		return widget.MediumImportance
	}
	return statusImportance(s)
}

// filter returns the store filter and the age bucket (-1: any) chosen.
func (cs *claimScreen) filter() (claimdesk.ClaimFilter, bool, int) {
	var f claimdesk.ClaimFilter
	open := false
	switch sel := cs.statusSel.Selected; sel {
	case allStatuses, "":
	case openOnly:
		open = true
	default:
		for _, st := range claimdesk.ClaimStatuses {
			if st.Label() == sel {
				f.Status = st
			}
		}
	}
	for _, p := range cs.payers {
		if p.Name == cs.payerSel.Selected {
			f.PayerID = p.ID
		}
	}
	bucket := cs.ageSel.SelectedIndex() - 1
	return f, open, bucket
}

// reload reads the claims matching the filters, keeping the chosen claim.
func (cs *claimScreen) reload() { cs.reloadThen(nil) }

// resetFilters shows every claim again without reloading.
func (cs *claimScreen) resetFilters() {
	for _, sel := range []*widget.Select{cs.statusSel, cs.payerSel, cs.ageSel} {
		f := sel.OnChanged
		sel.OnChanged = nil
		sel.SetSelectedIndex(0)
		sel.OnChanged = f
	}
}

// reloadThen is reload, then runs then (if not nil) on the UI goroutine.
func (cs *claimScreen) reloadThen(then func()) {
	if cs.list == nil || cs.ageSel == nil {
		return // still building
	}
	d := cs.s.desk
	if d == nil || d.Claims == nil {
		return
	}
	f, open, bucket := cs.filter()
	keep := int64(0)
	if cs.cur >= 0 && cs.cur < len(cs.rows) {
		keep = cs.rows[cs.cur].ID
	}
	var rows []claimdesk.ClaimSummary
	var payers []claimdesk.Payer
	cs.loadSeq++
	seq := cs.loadSeq
	cs.s.Busy("Loading claims", func(ctx context.Context) error {
		var err error
		if payers, err = d.Practice.Payers(ctx); err != nil {
			return err
		}
		all, err := d.ClaimList(ctx, f)
		if err != nil {
			return err
		}
		for _, r := range all {
			if open && !r.Status.Open() {
				continue
			}
			if bucket >= 0 && billing.AgingBucket(r.AgeDays) != bucket {
				continue
			}
			rows = append(rows, r)
		}
		return nil
	}, func(err error) {
		if seq != cs.loadSeq {
			return // a newer reload (another filter) is on its way
		}
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.setPayers(payers)
		cs.rows = rows
		cs.countL.SetText(plural(len(rows), "claim"))
		cs.list.UnselectAll()
		cs.cur = -1
		cs.list.Refresh()
		for i, r := range rows {
			if r.ID == keep {
				cs.selectRow(i)
				break
			}
		}
		if cs.cur < 0 {
			cs.clearDetail()
		}
		cs.updateButtons()
		if then != nil {
			then()
		}
	})
}

func (cs *claimScreen) setPayers(payers []claimdesk.Payer) {
	cs.payers = payers
	names := []string{allPayers}
	for _, p := range payers {
		names = append(names, p.Name)
	}
	sel := cs.payerSel.Selected
	cs.payerSel.OnChanged = nil
	cs.payerSel.Options = names
	cs.payerSel.SetSelected(sel)
	cs.payerSel.OnChanged = func(string) { cs.reload() }
}

// selectRow chooses row i and shows its detail.
func (cs *claimScreen) selectRow(i int) {
	if i < 0 || i >= len(cs.rows) {
		return
	}
	cs.list.Select(i) // OnSelected loads the detail
	cs.list.ScrollTo(i)
}

// selectClaim chooses the row of claim id, if it is shown.
func (cs *claimScreen) selectClaim(id int64) bool {
	for i, r := range cs.rows {
		if r.ID == id {
			cs.selectRow(i)
			return true
		}
	}
	return false
}

func (cs *claimScreen) selected() (claimdesk.ClaimSummary, bool) {
	if cs.cur < 0 || cs.cur >= len(cs.rows) {
		return claimdesk.ClaimSummary{}, false
	}
	return cs.rows[cs.cur], true
}

func (cs *claimScreen) clearDetail() {
	cs.history = billing.ClaimHistory{}
	cs.detailTitle.SetText("Choose a claim to see its history.")
	cs.moneyL.SetText("")
	cs.versions.Objects = nil
	cs.versions.Refresh()
	cs.events.Objects = nil
	cs.events.Refresh()
}

// loadDetail shows the chosen claim's versions and history.
func (cs *claimScreen) loadDetail() {
	r, ok := cs.selected()
	if !ok {
		cs.clearDetail()
		return
	}
	d := cs.s.desk
	var h billing.ClaimHistory
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		h, err = d.ClaimHistory(ctx, r.ID)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.history = h
		cs.showHistory(r)
		cs.updateButtons()
	})
}

func (cs *claimScreen) showHistory(r claimdesk.ClaimSummary) {
	h := cs.history
	cs.detailTitle.SetText(fmt.Sprintf("Claim %d · %s · %s · %s · DOS %s", r.ID, r.Status.Label(), r.Payer, r.PatientName, formatDay(r.DateFrom)))
	for _, v := range h.Versions {
		if v.Claim.ID == r.ID {
			m := v.Money
			cs.moneyL.SetText(fmt.Sprintf("Billed %s · paid %s · written off %s · patient owes %s · balance %s",
				moneyText(m.Billed), moneyText(m.Paid), moneyText(m.WrittenOff), moneyText(m.PatientResp), moneyText(m.Balance)))
		}
	}
	cs.versions.Objects = nil
	for _, v := range h.Versions {
		t := fmt.Sprintf("v%d · claim %d · %s · %s · billed %s · paid %s · balance %s", v.Version, v.Claim.ID,
			billing.FrequencyLabel(v.Claim.Frequency), v.Claim.Status.Label(), moneyText(v.Money.Billed), moneyText(v.Money.Paid), moneyText(v.Money.Balance))
		if v.Claim.OriginalRef != "" {
			t += " · ref " + v.Claim.OriginalRef
		}
		l := widget.NewLabel(t)
		l.Wrapping = fyne.TextWrapWord
		if v.Claim.ID == r.ID {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		cs.versions.Add(l)
	}
	cs.versions.Refresh()
	cs.events.Objects = nil
	// Newest first: the latest change is what the biller looks for.
	for i := len(h.Events) - 1; i >= 0; i-- {
		e := h.Events[i]
		l := widget.NewLabel(fmt.Sprintf("%s  v%d  %s", e.At.Local().Format("01/02/2006 15:04"), e.Version, e.What))
		l.Wrapping = fyne.TextWrapWord
		cs.events.Add(l)
	}
	cs.events.Refresh()
	cs.eventScroll.ScrollToTop()
}

// batchIDs returns the checked claims in list order, or the chosen one
// when none is checked.
func (cs *claimScreen) batchIDs() []int64 {
	var ids []int64
	for _, r := range cs.rows {
		if cs.checked[r.ID] {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		if r, ok := cs.selected(); ok {
			ids = []int64{r.ID}
		}
	}
	return ids
}

func (cs *claimScreen) updateButtons() {
	r, ok := cs.selected()
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(cs.outcomeB, ok && (r.Status == claimdesk.StatusSubmitted || r.Status == claimdesk.StatusPartial || r.Status == claimdesk.StatusDenied))
	set(cs.correctB, ok && (r.Status.CanMove(claimdesk.StatusReplaced)))
	set(cs.readyB, ok && r.Status == claimdesk.StatusDraft)
	set(cs.openEncB, ok)
	n := len(cs.batchIDs())
	set(cs.printB, n > 0)
	set(cs.submitB, n > 0)
	if len(cs.checked) > 0 {
		cs.printB.SetText(fmt.Sprintf("Print batch (%d)…", len(cs.checked)))
		cs.submitB.SetText(fmt.Sprintf("Mark submitted (%d)", len(cs.checked)))
	} else {
		cs.printB.SetText("Print batch…")
		cs.submitB.SetText("Mark submitted")
	}
}

func (cs *claimScreen) toggleAll() {
	if len(cs.checked) > 0 {
		cs.checked = map[int64]bool{}
		cs.allB.SetText("Select all shown")
	} else {
		for _, r := range cs.rows {
			cs.checked[r.ID] = true
		}
		cs.allB.SetText("Clear selection")
	}
	cs.list.Refresh()
	cs.updateButtons()
}

func (cs *claimScreen) markReady() {
	r, ok := cs.selected()
	if !ok {
		return
	}
	d := cs.s.desk
	cs.s.Busy("Marking ready", func(ctx context.Context) error {
		return d.Claims.SetClaimStatus(ctx, r.ID, claimdesk.StatusReady, "checks passed")
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.s.Status(fmt.Sprintf("Claim %d is ready to print", r.ID))
		cs.s.RefreshCounts()
		cs.reload()
	})
}

func (cs *claimScreen) markSubmitted() {
	ids := cs.batchIDs()
	if len(ids) == 0 {
		return
	}
	d := cs.s.desk
	var n int
	cs.s.Busy("Marking submitted", func(ctx context.Context) error {
		var err error
		n, err = d.SubmitClaims(ctx, ids, "printed on CMS-1500 and sent")
		return err
	}, func(err error) {
		cs.s.Status(fmt.Sprintf("%s marked submitted", plural(n, "claim")))
		if err != nil {
			cs.s.ShowError(err)
		}
		cs.checked = map[int64]bool{}
		cs.s.RefreshCounts()
		cs.reload()
	})
}

// printBatch asks for the mode and file, then writes the checked claims'
// CMS-1500 PDF with a progress bar and Cancel, and offers to mark them
// submitted.
func (cs *claimScreen) printBatch() {
	ids := cs.batchIDs()
	if len(ids) == 0 {
		return
	}
	d := cs.s.desk
	mode := widget.NewRadioGroup([]string{"Red form (data only)", "Plain paper (whole form)"}, nil)
	mode.Horizontal = true
	mode.SetSelected("Red form (data only)")
	if p, err := d.PrinterSettings(context.Background()); err == nil && p.Mode == claimdesk.PrintModePlain {
		mode.SetSelected("Plain paper (whole form)")
	}
	note := widget.NewLabel(fmt.Sprintf("%s will be written to one PDF file to print.", plural(len(ids), "claim")))
	dialog.ShowCustomConfirm("Print batch", "Choose file…", "Cancel", container.NewVBox(note, mode), func(ok bool) {
		if !ok {
			return
		}
		m := claimdesk.PrintModeForm
		if strings.HasPrefix(mode.Selected, "Plain") {
			m = claimdesk.PrintModePlain
		}
		save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				return
			}
			path := wc.URI().Path()
			wc.Close()
			cs.printTo(path, ids, m)
		}, cs.s.win)
		save.SetFileName(fmt.Sprintf("claims-%s.pdf", cs.s.today().String()))
		save.Show()
	}, cs.s.win)
}

// printTo writes the batch PDF to path.
func (cs *claimScreen) printTo(path string, ids []int64, mode string) {
	progressDialog(cs.s, "Printing claims", func(ctx context.Context, progress func(done, total int)) error {
		return atomicfile.Write(path, func(w io.Writer) error {
			return cs.s.records().PrintClaims(ctx, ids, w, mode, progress)
		})
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.s.Status("Claims written to " + path)
		dialog.ShowConfirm("Mark submitted?", fmt.Sprintf("Mark the %s submitted once they are printed and sent?", plural(len(ids), "claim")), func(ok bool) {
			if ok {
				cs.markSubmitted()
			}
		}, cs.s.win)
	})
}

func (cs *claimScreen) openEncounter() {
	r, ok := cs.selected()
	if !ok {
		return
	}
	cs.s.Show(encountersName)
	es, ok := cs.s.screenNamed(encountersName).(*encounterScreen)
	if !ok {
		return
	}
	if es.form == nil {
		es.openForm(r.EncounterID)
		return
	}
	// Another encounter is open: let it ask about unsaved changes first.
	es.form.leave(func() { es.closeForm(); es.openForm(r.EncounterID) })
}

// showAging switches to the A/R aging tab.
func (cs *claimScreen) showAging() {
	cs.tabs.SelectIndex(1)
	cs.loadAging()
}

// agingCells returns the aging report's grid as shown: a header, one row
// per payer and the total row, 8 cells each.
func agingCells(rep billing.AgingReport) [][]string {
	out := [][]string{{"Payer", "0–30", "31–60", "61–90", "91–120", "Over 120", "Total", "Claims"}}
	row := func(r billing.AgingRow) []string {
		cells := []string{r.Payer}
		for _, c := range r.Buckets() {
			cells = append(cells, moneyText(c))
		}
		return append(cells, moneyText(r.Total), strconv.Itoa(r.Claims))
	}
	for _, r := range rep.Rows {
		out = append(out, row(r))
	}
	return append(out, row(rep.Totals))
}

func (cs *claimScreen) loadAging() {
	d := cs.s.desk
	if d == nil || d.Claims == nil {
		return
	}
	var rep billing.AgingReport
	cs.s.Busy("Building A/R aging", func(ctx context.Context) error {
		var err error
		rep, err = d.ARAging(ctx)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.aging = rep
		cs.agingAsOf.SetText("A/R aging as of " + formatDay(rep.AsOf))
		cs.agingGrid.Objects = nil
		cells := agingCells(rep)
		weights := []float32{3.4, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 0.8}
		for i, row := range cells {
			line := container.New(&columnsLayout{weights: weights})
			for j, c := range row {
				if j == 0 && i > 0 && i < len(cells)-1 {
					// The payer opens its open claims in the list.
					payerID := rep.Rows[i-1].PayerID
					b := widget.NewButton(c, func() { cs.showPayerClaims(payerID) })
					b.Alignment = widget.ButtonAlignLeading
					b.Importance = widget.LowImportance
					line.Add(b)
					continue
				}
				l := widget.NewLabel(c)
				if j > 0 {
					l.Alignment = fyne.TextAlignTrailing
				} else {
					l.Truncation = fyne.TextTruncateEllipsis
				}
				if i == 0 || i == len(cells)-1 {
					l.TextStyle = fyne.TextStyle{Bold: true}
				}
				line.Add(l)
			}
			if i == len(cells)-1 || i == 1 {
				cs.agingGrid.Add(widget.NewSeparator())
			}
			cs.agingGrid.Add(line)
		}
		cs.agingGrid.Refresh()
		cs.agingTotal.SetText(fmt.Sprintf("Total open: %s in %s", moneyText(rep.Totals.Total), plural(rep.Totals.Claims, "claim")))
	})
}

// showPayerClaims lists a payer's open claims, oldest age first.
func (cs *claimScreen) showPayerClaims(payerID int64) {
	cs.resetFilters()
	for _, p := range cs.payers {
		if p.ID == payerID {
			f := cs.payerSel.OnChanged
			cs.payerSel.OnChanged = nil
			cs.payerSel.SetSelected(p.Name)
			cs.payerSel.OnChanged = f
		}
	}
	f := cs.statusSel.OnChanged
	cs.statusSel.OnChanged = nil
	cs.statusSel.SetSelected(openOnly)
	cs.statusSel.OnChanged = f
	cs.tabs.SelectIndex(0)
	cs.reload()
}

func (cs *claimScreen) exportAging() {
	rep := cs.aging
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf); err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.s.Busy("Exporting A/R aging", func(ctx context.Context) error {
			return atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
		}, func(err error) {
			if err != nil {
				cs.s.ShowError(err)
				return
			}
			cs.s.Status("A/R aging written to " + path)
		})
	}, cs.s.win)
	save.SetFileName(fmt.Sprintf("ar-aging-%s.csv", cs.s.today().String()))
	save.Show()
}
