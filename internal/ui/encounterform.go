package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/claimdesk"
)

// dxItem is one diagnosis in box 21.
type dxItem struct {
	Code     string
	Title    string
	Billable bool
}

// newPatientValue marks the "New patient…" row of the patient picker.
type newPatientValue struct{ typed string }

// encounterForm is the encounter form: the visit, diagnoses A–L, service
// lines, the live checks panel and Save draft / Mark ready / Print. It
// holds widgets and the values picked from lists; encounterInput (pure)
// turns them into a claimdesk.Encounter.
type encounterForm struct {
	es    *encounterScreen
	shell *Shell
	be    encounterBackend

	id         int64
	claim      *claimdesk.Claim
	patient    *claimdesk.Patient
	policies   []claimdesk.Policy
	rendering  []claimdesk.Provider
	referring  []claimdesk.Provider
	facilities []claimdesk.Facility
	places     []claimdesk.PlaceOfService
	payers     []claimdesk.Payer
	dx         []dxItem
	lines      []*lineRow

	title        *widget.Label
	statusLabel  *widget.Label
	patientBox   *searchBox
	patientInfo  *widget.Label
	policySel    *widget.Select
	secondarySel *widget.Select
	dateFrom     *selectEntry
	dateTo       *selectEntry
	posBox       *searchBox
	posName      *widget.Label
	renderingSel *widget.Select
	referringSel *widget.Select
	// referringQual is box 17's qualifier (DN, DK, DQ); enabled with a
	// referring provider.
	referringQual *keySelect
	facilitySel   *widget.Select
	// The claim details section (boxes 10, 14, 15, 23), closed by default.
	detailsBtn     *widget.Button
	detailsSummary *widget.Label
	detailsBox     *fyne.Container
	employment     *escCheck
	autoAccident   *escCheck
	accidentState  *selectEntry
	otherAccident  *escCheck
	onsetDate      *selectEntry
	onsetQual      *keySelect
	otherDate      *selectEntry
	otherQual      *keySelect
	priorAuth      *selectEntry
	dxBox          *searchBox
	dxList         *dxList
	procBox        *searchBox
	linesBox       *fyne.Container
	checks         *checksPanel
	saveBtn        *widget.Button
	readyBtn       *widget.Button
	printBtn       *widget.Button
	closeBtn       *widget.Button
	errs           map[string]*widget.Label
	root           fyne.CanvasObject
	scroll         *container.Scroll

	// dosCopy holds the parsed date of service (claimdesk.Date) for work
	// off the UI goroutine.
	dosCopy atomic.Value

	dirty    bool
	loading  bool
	stopped  bool
	findings claimdesk.Findings
	// checked is true when findings belong to the form as it is now.
	checked   bool
	fieldErrs claimdesk.FieldErrors
	checkSeq  int
	// qualAuto is set while box 17's qualifier follows the lines (DK when
	// one is an ordered service, else DN) rather than the user's choice;
	// settingQual marks the form's own change of it.
	qualAuto    bool
	settingQual bool
	timer       *time.Timer
	// printDialog and leaveDialog are the open dialogs (tests reach them).
	printDialog *printDialog
	printSubmit *widget.Check
	newPatient  *newPatientForm
	leaveDialog dialog.Dialog
	autosave    *time.Ticker
	done        chan struct{}
	// recoveryMu orders the recovery file's writes and removal.
	recoveryMu sync.Mutex
	// recoveryGen counts clears; a write scheduled before one is dropped.
	recoveryGen int
}

func newEncounterForm(es *encounterScreen) *encounterForm {
	s := es.shell
	f := &encounterForm{es: es, shell: s, be: s.backend(), errs: map[string]*widget.Label{}, done: make(chan struct{})}
	f.build()
	return f
}

func (f *encounterForm) errLabel(key string) *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	f.errs[key] = l
	return l
}

func (f *encounterForm) build() {
	s := f.shell
	f.title = widget.NewLabelWithStyle("New encounter", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.statusLabel = widget.NewLabel("")

	// Patient.
	f.patientBox = newSearchBox("Patient: type part of the name, account or DOB", 6, false)
	f.patientBox.async = s.goAsync
	f.patientBox.search = f.searchPatients
	f.patientBox.OnPick = f.pickPatient
	f.patientInfo = widget.NewLabel("")
	f.policySel = widget.NewSelect(nil, func(string) { f.changed() })
	f.policySel.PlaceHolder = "(choose the patient first)"
	f.secondarySel = widget.NewSelect(nil, func(string) { f.changed() })
	f.secondarySel.PlaceHolder = "(none)"

	// Visit.
	f.dateFrom = newSelectEntry()
	f.dateFrom.SetPlaceHolder("MM/DD/YYYY")
	f.dateFrom.OnChanged = func(s string) {
		d, _ := parseDay(s)
		f.dosCopy.Store(d)
		f.changed()
	}
	f.dateTo = newSelectEntry()
	f.dateTo.SetPlaceHolder("same day")
	f.dateTo.OnChanged = func(string) { f.changed() }
	f.posBox = newSearchBox("POS code or name", 5, false)
	f.posBox.async = s.goAsync
	f.posBox.search = f.searchPOS
	f.posBox.OnPick = func(it pickItem) {
		f.posBox.Clear()
		f.setPOS(it.Key)
		f.changed()
		f.shell.win.Canvas().FocusNext()
	}
	f.posBox.entry.OnChanged = func(string) { f.posBox.runSearch(); f.updatePOSName(); f.changed() }
	f.posName = widget.NewLabel("")
	f.renderingSel = widget.NewSelect(nil, func(string) { f.changed() })
	f.referringSel = widget.NewSelect(nil, func(string) { f.referringChanged() })
	f.referringQual = newKeySelect(qualifierLabels(referringQualifiers), func(string) {
		if !f.settingQual {
			f.qualAuto = false
		}
		f.changed()
	})
	f.referringQual.PlaceHolder = "qualifier"
	f.referringQual.Disable()
	f.qualAuto = true
	f.facilitySel = widget.NewSelect(nil, func(string) { f.changed() })
	f.buildDetails()

	// Diagnoses.
	f.dxBox = newSearchBox("Diagnosis: words or code, e.g. diab 2 hyperg (Enter adds)", 6, true)
	f.dxBox.async = s.goAsync
	f.dxBox.search = f.searchDx
	f.dxBox.describe = f.describeDx
	f.dxBox.OnPick = f.pickDx
	f.dxBox.OnEmptyEnter = func() { s.win.Canvas().Focus(f.procBox.entry) }
	f.dxBox.OnError = f.searchFailed
	f.dxList = newDxList(f)

	// Service lines.
	f.procBox = newSearchBox("Service: CPT/HCPCS code or words, e.g. 99213 (Enter adds a line)", 6, false)
	f.procBox.async = s.goAsync
	f.procBox.search = f.searchProc
	f.procBox.OnPick = f.pickProc
	f.procBox.OnEmptyEnter = func() { s.win.Canvas().Focus(f.saveBtn) }
	f.procBox.OnError = f.searchFailed
	f.linesBox = container.NewVBox()

	f.checks = newChecksPanel(f)

	f.saveBtn = widget.NewButtonWithIcon("Save draft (Ctrl+S)", theme.DocumentSaveIcon(), func() { f.save(nil) })
	f.readyBtn = widget.NewButtonWithIcon("Mark ready (Ctrl+R)", theme.ConfirmIcon(), f.markReady)
	f.readyBtn.Importance = widget.HighImportance
	f.printBtn = widget.NewButtonWithIcon("Print claim (Ctrl+P)", theme.DocumentPrintIcon(), f.askPrint)
	f.closeBtn = widget.NewButtonWithIcon("Close (Ctrl+W)", theme.CancelIcon(), f.close)

	label := func(t string) *widget.Label {
		return widget.NewLabelWithStyle(t, fyne.TextAlignTrailing, fyne.TextStyle{})
	}
	section := func(t string) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewSeparator())
	}
	field := func(obj fyne.CanvasObject, key string) fyne.CanvasObject {
		return container.NewVBox(obj, f.errLabel(key))
	}
	grid := func(objs ...fyne.CanvasObject) *fyne.Container {
		return container.New(layout.NewFormLayout(), objs...)
	}
	visit := container.NewGridWithColumns(2,
		grid(
			label("Patient"), field(container.NewVBox(f.patientBox, f.patientInfo), "patient"),
			label("Policy (box 1)"), field(f.policySel, "policy"),
			label("Secondary"), field(f.secondarySel, "secondary"),
			label("Date of service"), field(container.NewGridWithColumns(2, f.dateFrom, f.dateTo), "date_from"),
		),
		grid(
			label("Place of service"), field(container.NewBorder(nil, nil, nil, f.posName, f.posBox), "pos"),
			label("Rendering (24J)"), field(f.renderingSel, "rendering"),
			label("Referring (17)"), field(container.NewBorder(nil, nil, nil, container.New(&fixedWidth{w: 150}, f.referringQual), f.referringSel), "referring"),
			label("Facility (32)"), field(f.facilitySel, "facility"),
			// The section's title takes the row beside the dates of service.
			label("Claim details"), container.NewBorder(nil, nil, f.detailsBtn, nil, f.detailsSummary),
		),
	)
	f.errLabel("date_to")
	hint := widget.NewLabel("Up/Down highlight, Enter adds, Esc clears; Enter on an empty box goes to the service lines")
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	notes := f.dxBox.detachDetail()
	dx := container.NewGridWithColumns(2,
		container.NewVBox(f.dxBox, hint),
		container.NewVBox(widget.NewLabel("Box 21, A–L (Alt+Up/Down moves, Delete removes)"), f.dxList, f.errLabel("diagnoses"), notes),
	)
	lines := container.NewVBox(f.procBox, lineHeader(), f.linesBox, f.errLabel("lines"))
	form := container.NewVBox(
		section("Visit"), visit,
		f.detailsSection(label, field, grid),
		section("Diagnoses"), dx,
		section("Service lines (box 24)"), lines,
	)
	f.scroll = container.NewVScroll(container.NewPadded(form))
	actions := container.NewHBox(f.saveBtn, f.readyBtn, f.printBtn, layout.NewSpacer(), f.closeBtn)
	header := container.NewBorder(nil, nil, f.title, f.statusLabel)
	right := container.NewBorder(widget.NewLabelWithStyle("Checks", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, f.checks.scroll)
	split := container.NewHSplit(f.scroll, right)
	split.Offset = 0.74
	f.root = container.NewBorder(header, container.NewVBox(widget.NewSeparator(), actions), nil, nil, split)
	f.updateButtons()
}

func (f *encounterForm) content() fyne.CanvasObject { return f.root }

// stop ends the form's timers.
func (f *encounterForm) stop() {
	if f.stopped {
		return
	}
	f.stopped = true
	if f.timer != nil {
		f.timer.Stop()
	}
	if f.autosave != nil {
		f.autosave.Stop()
	}
	close(f.done)
}

// load fills the form with encounter id (0: a new encounter with the
// defaults: today, office, the first rendering provider).
func (f *encounterForm) load(id int64) { f.loadRestore(id, nil) }

// loadRestore loads encounter id (0: new) and, when restore is given,
// shows the unsaved edits of a recovery file over it.
func (f *encounterForm) loadRestore(id int64, restore *encounterInput) {
	d := f.shell.Desk()
	f.loading = true
	var (
		enc    claimdesk.Encounter
		claims []claimdesk.Claim
		pat    claimdesk.Patient
		pols   []claimdesk.Policy
		provs  []claimdesk.Provider
		facs   []claimdesk.Facility
		payers []claimdesk.Payer
		places []claimdesk.PlaceOfService
		titles = map[string]codeHit{}
	)
	f.shell.Busy("Loading encounter", func(ctx context.Context) error {
		var err error
		if provs, err = d.Practice.Providers(ctx); err != nil {
			return fmt.Errorf("load providers: %w", err)
		}
		if facs, err = d.Practice.Facilities(ctx); err != nil {
			return fmt.Errorf("load facilities: %w", err)
		}
		if payers, err = d.Practice.Payers(ctx); err != nil {
			return fmt.Errorf("load payers: %w", err)
		}
		if places, err = f.be.PlacesOfService(ctx); err != nil {
			f.shell.log.Warn("places of service unavailable", "err", err)
			places = nil
		}
		if restore != nil {
			dos, _ := parseDay(restore.DateFrom)
			if restore.PatientID != 0 {
				if pat, err = d.Patients.Patient(ctx, restore.PatientID); err != nil {
					return fmt.Errorf("load patient: %w", err)
				}
				if pols, err = d.Patients.Policies(ctx, restore.PatientID); err != nil {
					return fmt.Errorf("load policies: %w", err)
				}
			}
			for _, c := range restore.Diagnoses {
				titles[c] = f.lookupCode(ctx, c, []claimdesk.CodeSystem{claimdesk.SystemICD10CM}, dos)
			}
			for _, l := range restore.Lines {
				titles[l.Code] = f.lookupCode(ctx, l.Code, procSystems, dos)
			}
		}
		if id == 0 {
			return nil
		}
		if enc, err = d.Encounters.Encounter(ctx, id); err != nil {
			return fmt.Errorf("load encounter: %w", err)
		}
		if claims, err = d.Claims.ClaimsOfEncounter(ctx, id); err != nil {
			return fmt.Errorf("load claims: %w", err)
		}
		if pat, err = d.Patients.Patient(ctx, enc.PatientID); err != nil {
			return fmt.Errorf("load patient: %w", err)
		}
		if pols, err = d.Patients.Policies(ctx, enc.PatientID); err != nil {
			return fmt.Errorf("load policies: %w", err)
		}
		for _, c := range enc.Diagnoses {
			titles[c] = f.lookupCode(ctx, c, []claimdesk.CodeSystem{claimdesk.SystemICD10CM}, enc.DateFrom)
		}
		for _, l := range enc.Lines {
			titles[l.Code] = f.lookupCode(ctx, l.Code, procSystems, enc.DateFrom)
		}
		return nil
	}, func(err error) {
		defer func() {
			f.loading = false
			f.recheck()
			f.focusFirst()
		}()
		if err != nil {
			f.shell.ShowError(err)
			return
		}
		f.places = places
		f.payers = payers
		f.setProviders(provs, facs)
		if restore != nil {
			defer func() {
				f.dirty = true
				f.setTitle()
				f.shell.Status("Unsaved edits restored: check them, then save (Ctrl+S)")
			}()
		}
		if id == 0 && restore != nil {
			if restore.PatientID != 0 {
				f.setPatient(pat, pols)
			}
			f.fill(*restore, titles)
			f.setTitle()
			return
		}
		if id == 0 {
			f.dateFrom.SetText(formatDay(f.shell.today()))
			f.setPOS("11")
			if len(f.rendering) > 0 {
				f.renderingSel.SetSelectedIndex(1)
			}
			f.setTitle()
			return
		}
		f.id = enc.ID
		for i := range claims {
			if claims[i].PolicyID == enc.PolicyID && claims[i].Frequency != claimdesk.FrequencyVoid {
				c := claims[i]
				f.claim = &c
			}
		}
		if f.claim == nil && len(claims) > 0 {
			f.claim = &claims[0]
		}
		f.setPatient(pat, pols)
		if restore != nil {
			f.fill(*restore, titles)
		} else {
			f.fill(inputFromEncounter(enc), titles)
		}
		f.setTitle()
	})
}

var procSystems = []claimdesk.CodeSystem{claimdesk.SystemCPT, claimdesk.SystemHCPCS, claimdesk.SystemProcedure}

// lookupCode finds a code's title through the search (exact code first).
func (f *encounterForm) lookupCode(ctx context.Context, code string, systems []claimdesk.CodeSystem, dos claimdesk.Date) codeHit {
	hits, err := f.be.SearchCodes(ctx, code, systems, dos, 5)
	if err == nil {
		for _, h := range hits {
			if claimdesk.NormalizeICD(h.Code) == claimdesk.NormalizeICD(code) {
				return h
			}
		}
	}
	return codeHit{Code: code, Billable: true}
}

// fill sets the widgets from in; titles names the codes.
func (f *encounterForm) fill(in encounterInput, titles map[string]codeHit) {
	f.selectPolicy(f.policySel, in.PolicyID, false)
	f.selectPolicy(f.secondarySel, in.SecondaryPolicyID, true)
	f.dateFrom.SetText(in.DateFrom)
	f.dateTo.SetText(in.DateTo)
	f.setPOS(in.POS)
	selectByID(f.renderingSel, providerIDs(f.rendering), in.RenderingID)
	selectByID(f.referringSel, providerIDs(f.referring), in.ReferringID)
	f.setQualifierAuto(in.ReferringQualifier)
	// A stored choice is kept as it is: the qualifier follows the lines
	// only once the user picks a referring provider for it.
	f.qualAuto = in.ReferringID == 0
	if in.ReferringID != 0 && f.editable() {
		f.referringQual.Enable()
	} else {
		f.referringQual.Disable()
	}
	selectByID(f.facilitySel, facilityIDs(f.facilities), in.FacilityID)
	f.setDetails(in)
	f.dx = nil
	for _, c := range in.Diagnoses {
		h := titles[c]
		f.dx = append(f.dx, dxItem{Code: c, Title: h.Title, Billable: h.Billable || h.Title == ""})
	}
	f.dxList.Refresh()
	f.lines = nil
	f.linesBox.Objects = nil
	for _, li := range in.Lines {
		r := newLineRow(f, li, titles[li.Code].Title)
		f.lines = append(f.lines, r)
		f.linesBox.Add(r.root)
	}
	f.linesBox.Refresh()
}

func providerIDs(ps []claimdesk.Provider) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

func facilityIDs(fs []claimdesk.Facility) []int64 {
	ids := make([]int64, len(fs))
	for i, x := range fs {
		ids[i] = x.ID
	}
	return ids
}

// selectByID selects the option of id in a select whose first option is
// "(none)" and whose others follow ids.
func selectByID(sel *widget.Select, ids []int64, id int64) {
	for i, x := range ids {
		if x == id && id != 0 {
			sel.SetSelectedIndex(i + 1)
			return
		}
	}
	sel.SetSelectedIndex(0)
}

// selectedID returns the id of a select built like selectByID's.
func selectedID(sel *widget.Select, ids []int64) int64 {
	i := sel.SelectedIndex()
	if i <= 0 || i-1 >= len(ids) {
		return 0
	}
	return ids[i-1]
}

func (f *encounterForm) setProviders(provs []claimdesk.Provider, facs []claimdesk.Facility) {
	f.rendering, f.referring = nil, nil
	for _, p := range provs {
		switch p.Role {
		case claimdesk.RoleRendering:
			f.rendering = append(f.rendering, p)
		case claimdesk.RoleReferring, claimdesk.RoleSupervising:
			f.referring = append(f.referring, p)
		}
	}
	f.facilities = facs
	opts := func(none string, names []string) []string { return append([]string{none}, names...) }
	var rn, fn, facn []string
	for _, p := range f.rendering {
		rn = append(rn, p.DisplayName()+" · NPI "+p.NPI)
	}
	for _, p := range f.referring {
		fn = append(fn, p.DisplayName()+" · NPI "+p.NPI)
	}
	for _, x := range facs {
		facn = append(facn, x.Name)
	}
	f.renderingSel.Options = opts("(practice bills, no rendering NPI)", rn)
	f.referringSel.Options = opts("(none)", fn)
	f.facilitySel.Options = opts("(practice address)", facn)
	f.renderingSel.SetSelectedIndex(0)
	f.referringSel.SetSelectedIndex(0)
	f.facilitySel.SetSelectedIndex(0)
}

func (f *encounterForm) setTitle() {
	if f.id == 0 {
		f.title.SetText("New encounter")
	} else {
		f.title.SetText(fmt.Sprintf("Encounter %d", f.id))
	}
	st := "new, not saved yet"
	if f.claim != nil {
		st = fmt.Sprintf("Claim %d · %s", f.claim.ID, f.claim.Status.Label())
	} else if f.id != 0 {
		st = "no claim (no policy)"
	}
	if f.dirty && f.id != 0 {
		st += " · unsaved changes"
	}
	f.statusLabel.SetText(st)
}

// editable reports whether the encounter may still be changed: its claim
// is a draft (or it has none yet).
func (f *encounterForm) editable() bool {
	return f.claim == nil || f.claim.Status == claimdesk.StatusDraft
}

func (f *encounterForm) focusFirst() {
	c := f.shell.win.Canvas()
	if f.patient == nil {
		c.Focus(f.patientBox.entry)
		return
	}
	c.Focus(f.dxBox.entry)
}

// searchFailed reports a failed code search in the status bar (a dialog
// on every keystroke would be worse than the failure).
func (f *encounterForm) searchFailed(err error) {
	f.shell.log.Error("code search", "err", err)
	f.shell.Status("Code search failed: " + claimdesk.ErrorMessage(err))
}

// ---- patient and policy ----

func (f *encounterForm) searchPatients(ctx context.Context, q string) ([]pickItem, error) {
	d := f.shell.Desk()
	pats, err := d.Patients.Patients(ctx, claimdesk.PatientFilter{Query: q, Limit: 5})
	if err != nil {
		return nil, err
	}
	var out []pickItem
	for _, p := range pats {
		out = append(out, pickItem{Key: p.Account, Title: p.FullName() + " · DOB " + formatDay(p.DOB), Value: p})
	}
	out = append(out, pickItem{Key: "+", Title: "New patient…", Tag: "create", Value: newPatientValue{typed: q}})
	return out, nil
}

func (f *encounterForm) pickPatient(it pickItem) {
	switch v := it.Value.(type) {
	case claimdesk.Patient:
		d := f.shell.Desk()
		var pols []claimdesk.Policy
		f.shell.Busy("", func(ctx context.Context) error {
			var err error
			pols, err = d.Patients.Policies(ctx, v.ID)
			return err
		}, func(err error) {
			if err != nil {
				f.shell.ShowError(err)
				return
			}
			f.setPatient(v, pols)
			f.changed()
			f.shell.win.Canvas().Focus(f.dxBox.entry)
		})
	case newPatientValue:
		f.newPatientDialog(v.typed)
	}
}

// setPatient shows the chosen patient and offers their policies, the
// primary one chosen.
func (f *encounterForm) setPatient(p claimdesk.Patient, pols []claimdesk.Policy) {
	f.patient = &p
	f.policies = pols
	f.patientBox.Clear()
	changed := f.patientBox.entry.OnChanged
	f.patientBox.entry.OnChanged = nil
	f.patientBox.entry.SetText(p.FullName())
	f.patientBox.entry.OnChanged = changed
	f.patientInfo.SetText(fmt.Sprintf("Acct %s · DOB %s · %s", p.Account, formatDay(p.DOB), p.Sex))
	payers := f.payerNames()
	var names []string
	for _, pol := range pols {
		names = append(names, policyLabel(pol, payers[pol.PayerID]))
	}
	f.policySel.Options = append([]string{"(no insurance: self-pay)"}, names...)
	f.secondarySel.Options = append([]string{"(none)"}, names...)
	f.policySel.SetSelectedIndex(0)
	f.secondarySel.SetSelectedIndex(0)
	for i, pol := range pols {
		if pol.Priority == claimdesk.Primary && f.policySel.SelectedIndex() == 0 {
			f.policySel.SetSelectedIndex(i + 1)
		} else if pol.Priority == claimdesk.Secondary && f.secondarySel.SelectedIndex() == 0 {
			f.secondarySel.SetSelectedIndex(i + 1)
		}
	}
	if f.policySel.SelectedIndex() == 0 && len(pols) > 0 {
		f.policySel.SetSelectedIndex(1)
	}
}

// payerNames maps payer IDs to names (for the policy lists), from the
// payers loaded with the form.
func (f *encounterForm) payerNames() map[int64]string {
	out := map[int64]string{}
	for _, p := range f.payers {
		out[p.ID] = p.Name
	}
	return out
}

func policyLabel(p claimdesk.Policy, payer string) string {
	if payer == "" {
		payer = fmt.Sprintf("payer %d", p.PayerID)
	}
	return fmt.Sprintf("%s: %s · %s", strings.ToUpper(p.Priority.String()[:1])+p.Priority.String()[1:], payer, p.MemberID)
}

func (f *encounterForm) selectPolicy(sel *widget.Select, id int64, secondary bool) {
	for i, p := range f.policies {
		if p.ID == id && id != 0 {
			sel.SetSelectedIndex(i + 1)
			return
		}
	}
	sel.SetSelectedIndex(0)
}

func (f *encounterForm) policyID(sel *widget.Select) int64 {
	i := sel.SelectedIndex()
	if i <= 0 || i-1 >= len(f.policies) {
		return 0
	}
	return f.policies[i-1].ID
}

// ---- place of service ----

func (f *encounterForm) searchPOS(_ context.Context, q string) ([]pickItem, error) {
	q = strings.ToLower(strings.TrimSpace(q))
	var out []pickItem
	for _, p := range f.places {
		if strings.HasPrefix(p.Code, q) || strings.Contains(strings.ToLower(p.Name), q) {
			out = append(out, pickItem{Key: p.Code, Title: p.Name, Value: p})
		}
		if len(out) == 5 {
			break
		}
	}
	if len(out) == 1 && out[0].Key == q {
		// The code is typed in full: nothing to choose.
		return nil, nil
	}
	return out, nil
}

func (f *encounterForm) setPOS(code string) {
	changed := f.posBox.entry.OnChanged
	f.posBox.entry.OnChanged = nil
	f.posBox.entry.SetText(code)
	f.posBox.entry.OnChanged = changed
	f.updatePOSName()
}

func (f *encounterForm) updatePOSName() {
	code := strings.TrimSpace(f.posBox.Text())
	name := ""
	for _, p := range f.places {
		if p.Code == code {
			name = p.Name
		}
	}
	f.posName.SetText(name)
}

// ---- diagnoses ----

// dos returns the date of service as last typed. Searches run off the UI
// goroutine, so they read this copy rather than the entry.
func (f *encounterForm) dos() claimdesk.Date {
	if d, ok := f.dosCopy.Load().(claimdesk.Date); ok {
		return d
	}
	return claimdesk.Date{}
}

func (f *encounterForm) searchDx(ctx context.Context, q string) ([]pickItem, error) {
	hits, err := f.be.SearchCodes(ctx, q, []claimdesk.CodeSystem{claimdesk.SystemICD10CM}, f.dos(), 6)
	if err != nil {
		return nil, err
	}
	return codeItems(hits), nil
}

func codeItems(hits []codeHit) []pickItem {
	var out []pickItem
	for _, h := range hits {
		it := pickItem{Key: h.Code, Title: h.Title, Value: h}
		switch {
		case h.System != claimdesk.SystemICD10CM && h.System != "":
			it.Tag = strings.ToUpper(string(h.System))
		case h.Billable:
			it.Tag = "billable"
		default:
			it.Tag = "header: not billable"
			it.Warn = true
		}
		if h.Term != "" && h.Matched != "" && h.Matched != "title" && h.Matched != "code" {
			it.Title += "  (" + h.Matched + ": " + h.Term + ")"
		}
		out = append(out, it)
	}
	return out
}

// describeDx is the detail text of the highlighted diagnosis: billable and
// its notes.
func (f *encounterForm) describeDx(ctx context.Context, it pickItem) string {
	h, _ := it.Value.(codeHit)
	var b strings.Builder
	if h.Billable {
		b.WriteString("Highlighted: " + h.Code + " is billable.")
	} else {
		b.WriteString("Highlighted: " + h.Code + " is a header, not billable: Enter asks for the missing characters.")
	}
	notes, err := f.be.CodeNotes(ctx, h.Code, f.dos())
	if err != nil {
		return b.String()
	}
	return b.String() + notesText(notes, 3)
}

// notesText writes the notes as one line per kind (Code first, 7th
// character, Excludes1, Use additional, Code also), at most max lines, each
// cut to about 160 characters.
func notesText(notes []claimdesk.Note, max int) string {
	label := map[claimdesk.NoteKind]string{
		claimdesk.NoteExcludes1: "Excludes1", claimdesk.NoteExcludes2: "Excludes2", claimdesk.NoteCodeFirst: "Code first",
		claimdesk.NoteUseAdditional: "Use additional", claimdesk.NoteCodeAlso: "Code also", claimdesk.NoteSeventhChar: "7th character",
		claimdesk.NoteIncludes: "Includes", claimdesk.NoteNotes: "Note",
	}
	// The notes that change what a coder picks; Includes, Excludes2 and
	// chapter notes are on the Codes screen.
	order := []claimdesk.NoteKind{claimdesk.NoteCodeFirst, claimdesk.NoteSeventhChar, claimdesk.NoteExcludes1, claimdesk.NoteUseAdditional, claimdesk.NoteCodeAlso}
	var b strings.Builder
	lines := 0
	for _, k := range order {
		var parts []string
		for _, note := range notes {
			if note.Kind != k {
				continue
			}
			text := strings.TrimSuffix(strings.TrimSpace(note.Text), ":")
			if k == claimdesk.NoteSeventhChar && note.Char != "" {
				text = note.Char + " " + text
			}
			parts = append(parts, text)
		}
		if len(parts) == 0 || lines >= max {
			continue
		}
		lines++
		line := label[k] + ": " + strings.Join(parts, "; ")
		if r := []rune(line); len(r) > 160 {
			line = string(r[:159]) + "…"
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

func (f *encounterForm) pickDx(it pickItem) {
	h, _ := it.Value.(codeHit)
	if !h.Billable {
		f.askCompletion(h)
		return
	}
	f.addDx(dxItem{Code: h.Code, Title: h.Title, Billable: true})
	f.dxBox.Clear()
}

// addDx adds a diagnosis at the end of box 21 (A–L).
func (f *encounterForm) addDx(d dxItem) {
	for _, x := range f.dx {
		if claimdesk.NormalizeICD(x.Code) == claimdesk.NormalizeICD(d.Code) {
			f.shell.Status(d.Code + " is already listed")
			return
		}
	}
	if len(f.dx) >= claimdesk.MaxDiagnoses {
		f.showErr("diagnoses", "box 21 holds 12 diagnoses (A–L); remove one first")
		return
	}
	f.dx = append(f.dx, d)
	f.dxList.Refresh()
	f.changed()
}

// askCompletion asks for the missing characters of a header code,
// offering its billable completions.
func (f *encounterForm) askCompletion(h codeHit) {
	var (
		comps []codeHit
		total int
	)
	f.shell.Busy("", func(ctx context.Context) error {
		var err error
		comps, total, err = f.be.Completions(ctx, h.Code, f.dos(), 200)
		return err
	}, func(err error) {
		if err != nil {
			f.shell.ShowError(err)
			return
		}
		box := newSearchBox("Type the missing characters or words", 10, false)
		box.async = f.shell.goAsync
		box.search = func(_ context.Context, q string) ([]pickItem, error) {
			q = strings.ToUpper(strings.TrimSpace(q))
			var out []pickItem
			for _, c := range comps {
				code := claimdesk.NormalizeICD(c.Code)
				rest := strings.TrimPrefix(code, claimdesk.NormalizeICD(h.Code))
				if q == "" || strings.HasPrefix(rest, claimdesk.NormalizeICD(q)) || strings.HasPrefix(code, claimdesk.NormalizeICD(q)) || strings.Contains(strings.ToUpper(c.Title), q) {
					out = append(out, codeItems([]codeHit{c})...)
				}
			}
			return out, nil
		}
		info := widget.NewLabel(fmt.Sprintf("%s %s is not billable: it needs more characters. %d billable codes below it.", h.Code, h.Title, total))
		info.Wrapping = fyne.TextWrapWord
		var dlg dialog.Dialog
		box.OnPick = func(it pickItem) {
			c, _ := it.Value.(codeHit)
			dlg.Hide()
			f.addDx(dxItem{Code: c.Code, Title: c.Title, Billable: true})
			f.dxBox.Clear()
			f.shell.win.Canvas().Focus(f.dxBox.entry)
		}
		items := codeItems(comps)
		cancel := newEscButton("Cancel (Esc)", theme.CancelIcon(), func() { dlg.Hide() }, func() { dlg.Hide() })
		dlg = dialog.NewCustomWithoutButtons("Complete "+h.Code, container.NewVBox(info, box, container.NewHBox(layout.NewSpacer(), cancel)), f.shell.win)
		dlg.Resize(fyne.NewSize(760, 520))
		f.shell.showDialog(dlg, box.entry)
		box.setItems(items, "")
		box.entry.onEscape = dlg.Hide
		f.shell.win.Canvas().Focus(box.entry)
	})
}

// ---- service lines ----

func (f *encounterForm) searchProc(ctx context.Context, q string) ([]pickItem, error) {
	hits, err := f.be.SearchCodes(ctx, q, procSystems, f.dos(), 6)
	if err != nil {
		return nil, err
	}
	items := codeItems(hits)
	// A code typed in full that the code sets lack (a CPT code without a
	// CPT file or procedure list) can still be billed: offer it as typed
	// first; the claim checks say whether it is known.
	code := strings.ToUpper(strings.TrimSpace(q))
	if len(code) == 5 && isAlnum(code) {
		found := false
		for _, h := range hits {
			if strings.EqualFold(h.Code, code) {
				found = true
			}
		}
		if !found {
			as := pickItem{Key: code, Title: "Use " + code + " as typed (not in the loaded code sets)", Tag: "as typed", Warn: true,
				Value: codeHit{Code: code, Title: "(not in the loaded code sets)", Billable: true}}
			items = append([]pickItem{as}, items...)
			if len(items) > 6 {
				items = items[:6]
			}
		}
	}
	return items, nil
}

func isAlnum(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func (f *encounterForm) pickProc(it pickItem) {
	h, _ := it.Value.(codeHit)
	f.procBox.Clear()
	ptr := ""
	if len(f.dx) > 0 {
		ptr = "A"
	}
	li := lineInput{Code: h.Code, Pointers: ptr, Units: "1"}
	r := newLineRow(f, li, h.Title)
	f.lines = append(f.lines, r)
	f.linesBox.Add(r.root)
	f.linesBox.Refresh()
	r.fillCharge()
	f.changed()
	f.shell.win.Canvas().Focus(f.procBox.entry)
}

func (f *encounterForm) removeLine(r *lineRow) {
	for i, x := range f.lines {
		if x == r {
			f.lines = append(f.lines[:i], f.lines[i+1:]...)
			f.linesBox.Remove(r.root)
			f.linesBox.Refresh()
			f.changed()
			if i < len(f.lines) {
				f.shell.win.Canvas().Focus(f.lines[i].mods)
			} else {
				f.shell.win.Canvas().Focus(f.procBox.entry)
			}
			return
		}
	}
}

// ---- mapping, checks and errors ----

// input reads the form.
func (f *encounterForm) input() encounterInput {
	in := encounterInput{
		ID:          f.id,
		PolicyID:    f.policyID(f.policySel),
		DateFrom:    f.dateFrom.Text,
		DateTo:      f.dateTo.Text,
		POS:         f.posBox.Text(),
		RenderingID: selectedID(f.renderingSel, providerIDs(f.rendering)),
		ReferringID: selectedID(f.referringSel, providerIDs(f.referring)),
		FacilityID:  selectedID(f.facilitySel, facilityIDs(f.facilities)),
	}
	in.ReferringQualifier = qualifierCode(f.referringQual.Selected)
	f.detailsInput(&in)
	in.SecondaryPolicyID = f.policyID(f.secondarySel)
	if in.SecondaryPolicyID == in.PolicyID {
		in.SecondaryPolicyID = 0
	}
	if f.patient != nil {
		in.PatientID = f.patient.ID
	}
	for _, d := range f.dx {
		in.Diagnoses = append(in.Diagnoses, d.Code)
	}
	for _, r := range f.lines {
		in.Lines = append(in.Lines, r.input())
	}
	return in
}

// changed marks the form edited and schedules the live checks.
func (f *encounterForm) changed() {
	if f.loading || f.stopped {
		return
	}
	f.dirty = true
	f.checked = false
	f.updateDetailsSummary()
	f.setTitle()
	f.updateButtons()
	if f.shell.checkDelay <= 0 {
		f.recheck()
		return
	}
	if f.timer != nil {
		f.timer.Stop()
	}
	f.timer = time.AfterFunc(f.shell.checkDelay, func() { fyne.Do(f.recheck) })
}

// recheck maps the form, validates it and runs the claim checks off the UI
// goroutine; the findings fill the checks panel and the error labels.
func (f *encounterForm) recheck() {
	if f.stopped {
		return
	}
	e, fe := f.input().toEncounter()
	var dob claimdesk.Date
	if f.patient != nil {
		dob = f.patient.DOB
	}
	fe = append(fe, e.Validate(f.shell.today(), dob)...)
	if e.PatientID != 0 && e.PolicyID == 0 {
		fe = append(fe, claimdesk.FieldError{Path: "policy", Message: "choose the policy to bill (the patient has none: add one on the Patients screen)"})
	}
	f.fieldErrs = fe
	f.checkSeq++
	seq := f.checkSeq
	if f.dirty && f.editable() {
		f.writeRecovery()
	}
	if e.PatientID == 0 || e.PolicyID == 0 {
		f.findings = nil
		f.checked = true
		f.showProblems()
		return
	}
	var found claimdesk.Findings
	// While box 17's qualifier follows the lines, the checks run without
	// it: their referring-qualifier warning then says whether DK is due.
	follow := f.qualAuto && e.ReferringID != 0 && f.editable()
	ce := e
	if follow {
		ce.ReferringQualifier = ""
	}
	f.shell.goAsync(func() {
		fs, err := f.be.CheckEncounter(context.Background(), ce)
		found = fs
		fyne.Do(func() {
			if seq != f.checkSeq || f.stopped {
				return
			}
			if err != nil {
				f.shell.log.Error("claim checks", "err", err)
				found = claimdesk.Findings{{Rule: "checks", Severity: claimdesk.SeverityError, Message: "The claim checks could not run: " + claimdesk.ErrorMessage(err)}}
			} else if follow && f.qualAuto {
				found = f.followQualifier(found)
				if seq != f.checkSeq {
					return // the qualifier changed: a new check is under way
				}
			}
			f.findings = found
			f.checked = true
			f.showProblems()
		})
	})
}

// problem is one line of the checks panel.
type problem struct {
	key      string // form key (fieldPath)
	path     string // full path
	severity claimdesk.Severity
	box      string
	message  string
}

// problems merges the field errors and the findings, in form order.
func (f *encounterForm) problems() []problem {
	var out []problem
	seen := map[string]bool{}
	// A field the claim checks report on shows their (fuller) message,
	// not the form's own for the same field.
	checked := map[string]bool{}
	for _, fd := range f.findings {
		if fd.Severity == claimdesk.SeverityError {
			checked[fieldPath(fd.Field)] = true
		}
	}
	for _, e := range f.fieldErrs {
		k := fieldPath(e.Path)
		if seen[k+e.Message] || checked[k] {
			continue
		}
		seen[k+e.Message] = true
		out = append(out, problem{key: k, path: e.Path, severity: claimdesk.SeverityError, message: e.Message})
	}
	for _, fd := range f.findings {
		k := fieldPath(fd.Field)
		if seen[k+fd.Message] {
			continue
		}
		seen[k+fd.Message] = true
		out = append(out, problem{key: k, path: fd.Field, severity: fd.Severity, box: fd.Box, message: fd.Message})
	}
	return out
}

// showProblems fills the checks panel and the error labels beside fields.
func (f *encounterForm) showProblems() {
	probs := f.problems()
	msgs := map[string][]string{}
	for _, p := range probs {
		if p.severity != claimdesk.SeverityError {
			continue
		}
		key := p.key
		if strings.HasPrefix(key, "lines[") {
			key = key[:strings.Index(key, "]")+1]
		}
		switch key {
		case "date_to":
			key = "date_from"
		case "referring_qualifier":
			key = "referring"
		case "onset_qualifier":
			key = "onset_date"
		case "other_qualifier":
			key = "other_date"
		}
		msgs[key] = append(msgs[key], p.message)
	}
	for k, l := range f.errs {
		if m := msgs[k]; len(m) > 0 {
			l.SetText(strings.Join(m, "\n"))
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
	for i, r := range f.lines {
		r.showErr(msgs[fmt.Sprintf("lines[%d]", i)])
	}
	f.checks.set(probs)
	f.updateButtons()
}

func (f *encounterForm) showErr(key, msg string) {
	if l, ok := f.errs[key]; ok {
		l.SetText(msg)
		l.Show()
	}
}

// canReady reports whether Mark ready is allowed now.
func (f *encounterForm) canReady() bool {
	if f.claim != nil && f.claim.Status != claimdesk.StatusDraft {
		return false
	}
	return f.checked && len(f.fieldErrs) == 0 && !f.findings.HasErrors() && f.patient != nil
}

func (f *encounterForm) updateButtons() {
	edit := f.editable()
	f.setInputsEnabled(edit)
	if edit {
		f.saveBtn.Enable()
	} else {
		f.saveBtn.Disable()
	}
	if f.claim != nil && f.claim.Status == claimdesk.StatusReady {
		f.readyBtn.SetText("Back to draft (Ctrl+R)")
		f.readyBtn.Enable()
	} else {
		f.readyBtn.SetText("Mark ready (Ctrl+R)")
		if f.canReady() {
			f.readyBtn.Enable()
		} else {
			f.readyBtn.Disable()
		}
	}
	if f.canPrint() {
		f.printBtn.Enable()
	} else {
		f.printBtn.Disable()
	}
}

// setInputsEnabled makes the form read-only for a claim past draft (the
// store refuses to change its encounter).
func (f *encounterForm) setInputsEnabled(on bool) {
	type dis interface {
		Enable()
		Disable()
		Disabled() bool
	}
	ws := []dis{f.patientBox.entry, f.policySel, f.secondarySel, f.dateFrom, f.dateTo, f.posBox.entry,
		f.renderingSel, f.referringSel, f.facilitySel, f.employment, f.autoAccident, f.otherAccident,
		f.onsetDate, f.onsetQual, f.otherDate, f.otherQual, f.priorAuth, f.dxBox.entry, f.procBox.entry}
	if f.referringSel.SelectedIndex() > 0 {
		ws = append(ws, f.referringQual)
	} else if !f.referringQual.Disabled() {
		f.referringQual.Disable()
	}
	if f.autoAccident.Checked {
		ws = append(ws, f.accidentState)
	} else if !f.accidentState.Disabled() {
		f.accidentState.Disable()
	}
	for _, r := range f.lines {
		ws = append(ws, r.mods, r.ptrs, r.units, r.charge, r.ndc, r.remove)
	}
	for _, w := range ws {
		if on && w.Disabled() {
			w.Enable()
		} else if !on && !w.Disabled() {
			w.Disable()
		}
	}
	if f.id != 0 && !f.patientBox.entry.Disabled() {
		// A saved encounter stays with its patient (the store refuses a move).
		f.patientBox.entry.Disable()
	}
	f.dxList.readOnly = !on
}

// canPrint: a claim with no errors can be printed (a draft is saved first).
func (f *encounterForm) canPrint() bool {
	if f.claim != nil && f.claim.Status != claimdesk.StatusDraft && !f.dirty {
		return true
	}
	return f.canReady()
}

// focusKey moves the focus to the widget of a form key (a checks-panel
// finding chosen by the user).
func (f *encounterForm) focusKey(p problem) {
	c := f.shell.win.Canvas()
	var target fyne.Focusable
	switch {
	case p.key == "patient_id" || p.key == "patient":
		target = f.patientBox.entry
		if p.key == "patient" && f.patient != nil {
			f.shell.Status("Fix the patient's record on the Patients screen (Ctrl+2)")
		}
	case p.key == "policy" || p.key == "policy_id" || p.key == "payer" || p.key == "other_policy" || p.key == "other_payer":
		target = f.policySel
	case p.key == "secondary_policy_id":
		target = f.secondarySel
	case p.key == "date_from" || p.key == "dates":
		target = f.dateFrom
	case p.key == "date_to":
		target = f.dateTo
	case p.key == "pos":
		target = f.posBox.entry
	case p.key == "rendering" || p.key == "rendering_id":
		target = f.renderingSel
	case p.key == "referring_qualifier":
		target = f.referringQual
		if f.referringQual.Disabled() {
			target = f.referringSel
		}
	case p.key == "referring" || p.key == "referring_id":
		target = f.referringSel
	case p.key == "facility" || p.key == "facility_id":
		target = f.facilitySel
	case f.detailsTarget(p.key) != nil:
		f.setDetailsOpen(true)
		target = f.detailsTarget(p.key)
	case p.key == "diagnoses":
		target = f.dxList
		if i := pathIndex(p.path, "diagnoses["); i >= 0 && i < len(f.dx) {
			f.dxList.cur = i
			f.dxList.Refresh()
		} else if len(f.dx) == 0 {
			target = f.dxBox.entry
		}
	case strings.HasPrefix(p.key, "lines["):
		i := pathIndex(p.key, "lines[")
		if i >= 0 && i < len(f.lines) {
			target = f.lines[i].focusTarget(p.key[strings.Index(p.key, "]")+1:])
		}
	case p.key == "lines":
		target = f.procBox.entry
	case p.key == "practice" || p.key == "claim":
		f.shell.Status("Fix this in Settings (practice, providers, payers)")
	}
	if target != nil {
		c.Focus(target)
		if o, ok := target.(fyne.CanvasObject); ok {
			f.scrollTo(o)
		}
	}
}

// scrollTo scrolls the form so that o is visible.
func (f *encounterForm) scrollTo(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(o)
	top := d.AbsolutePositionForObject(f.scroll)
	y := f.scroll.Offset.Y + pos.Y - top.Y - 40
	if y < 0 {
		y = 0
	}
	f.scroll.ScrollToOffset(fyne.NewPos(0, y))
}

// pathIndex reads the index after prefix in a path ("lines[2].units", "lines[") → 2.
func pathIndex(path, prefix string) int {
	i := strings.Index(path, prefix)
	if i < 0 {
		return -1
	}
	rest := path[i+len(prefix):]
	j := strings.Index(rest, "]")
	if j < 0 {
		return -1
	}
	n := 0
	for _, c := range rest[:j] {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// ---- save, ready, print, leave ----

// save writes the encounter (and its draft claim) off the UI goroutine;
// after, if given, runs with whether it worked.
func (f *encounterForm) save(after func(ok bool)) {
	done := func(ok bool) {
		if after != nil {
			after(ok)
		}
	}
	if !f.editable() {
		f.shell.Status("This claim is " + f.claim.Status.Label() + ": it can no longer be edited")
		done(false)
		return
	}
	e, fe := f.input().toEncounter()
	if len(fe) > 0 {
		f.fieldErrs = fe
		f.showProblems()
		f.focusKey(problem{key: fieldPath(fe[0].Path), path: fe[0].Path})
		done(false)
		return
	}
	d := f.shell.Desk()
	var claims []claimdesk.Claim
	f.shell.Busy("Saving", func(ctx context.Context) error {
		if err := d.Encounters.SaveEncounter(ctx, &e); err != nil {
			return err
		}
		var err error
		claims, err = d.Claims.ClaimsOfEncounter(ctx, e.ID)
		return err
	}, func(err error) {
		if err != nil {
			var fe claimdesk.FieldErrors
			if errors.As(err, &fe) {
				f.fieldErrs = fe
				f.showProblems()
				f.focusKey(problem{key: fieldPath(fe[0].Path), path: fe[0].Path})
			} else {
				f.shell.ShowError(err)
			}
			done(false)
			return
		}
		f.id = e.ID
		f.claim = nil
		for i := range claims {
			if claims[i].PolicyID == e.PolicyID {
				c := claims[i]
				f.claim = &c
			}
		}
		f.dirty = false
		f.clearRecovery()
		f.setTitle()
		f.updateButtons()
		f.shell.Status("Draft saved " + time.Now().Format("15:04"))
		f.shell.RefreshCounts()
		done(true)
	})
}

// markReady saves and moves the claim to ready (or back to draft).
func (f *encounterForm) markReady() {
	d := f.shell.Desk()
	if f.claim != nil && f.claim.Status == claimdesk.StatusReady {
		id := f.claim.ID
		f.shell.Busy("", func(ctx context.Context) error {
			return d.Claims.SetClaimStatus(ctx, id, claimdesk.StatusDraft, "back to draft to edit")
		}, func(err error) {
			if err != nil {
				f.shell.ShowError(err)
				return
			}
			f.claim.Status = claimdesk.StatusDraft
			f.setTitle()
			f.recheck()
		})
		return
	}
	if !f.canReady() {
		f.shell.Status("Fix the errors in the checks panel first")
		return
	}
	f.save(func(ok bool) {
		if !ok || f.claim == nil {
			return
		}
		id := f.claim.ID
		f.shell.Busy("", func(ctx context.Context) error {
			return d.Claims.SetClaimStatus(ctx, id, claimdesk.StatusReady, "")
		}, func(err error) {
			if err != nil {
				f.shell.ShowError(err)
				return
			}
			f.claim.Status = claimdesk.StatusReady
			f.setTitle()
			f.updateButtons()
			f.shell.Status(fmt.Sprintf("Claim %d is ready", id))
			f.shell.RefreshCounts()
		})
	})
}

// printDir is where claim PDFs go by default.
func printDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	return filepath.Join(home, "ClaimDesk", "claims")
}

// askPrint asks for the print mode and file, then prints (Ctrl+P).
func (f *encounterForm) askPrint() {
	if !f.canPrint() {
		f.shell.Status("Fix the errors in the checks panel before printing")
		return
	}
	if f.dirty && f.editable() {
		// Save first: the claim gets its number (and the file its name).
		f.save(func(ok bool) {
			if ok {
				f.askPrint()
			}
		})
		return
	}
	var dlg dialog.Dialog
	esc := func() { dlg.Hide() }
	const formMode, plainMode = "Red form (data only)", "Plain paper (full form)"
	mode := newChoiceGroup([]string{formMode, plainMode}, nil)
	mode.onEscape = esc
	mode.SetSelected(formMode)
	if pref := f.printModePref(); pref == claimdesk.PrintModePlain {
		mode.SetSelected(plainMode)
	}
	name := "claim-new.pdf"
	if f.claim != nil {
		name = fmt.Sprintf("claim-%d.pdf", f.claim.ID)
	}
	path := newEscEntry()
	path.SetText(filepath.Join(printDir(), name))
	path.onEscape = esc
	openAfter := newEscCheck("Open with the system viewer", nil, esc)
	openAfter.SetChecked(!f.shell.noViewer)
	submitted := newEscCheck("Mark the claim submitted (it is ready and goes out now)", nil, esc)
	if f.claim == nil || f.claim.Status != claimdesk.StatusReady {
		submitted.Disable()
	}
	f.printSubmit = &submitted.Check
	submit := func() {
		dlg.Hide()
		m := claimdesk.PrintModeForm
		if mode.Selected == plainMode {
			m = claimdesk.PrintModePlain
		}
		f.print(path.Text, m, openAfter.Checked, submitted.Checked, nil)
	}
	path.OnSubmitted = func(string) { submit() }
	printB := newEscButton("Print", theme.DocumentPrintIcon(), submit, esc)
	printB.Importance = widget.HighImportance
	cancelB := newEscButton("Cancel (Esc)", theme.CancelIcon(), esc, esc)
	form := widget.NewForm(
		widget.NewFormItem("Mode", mode),
		widget.NewFormItem("File", path),
		widget.NewFormItem("", openAfter),
		widget.NewFormItem("", submitted),
	)
	dlg = dialog.NewCustomWithoutButtons("Print CMS-1500", container.NewVBox(form, container.NewHBox(layout.NewSpacer(), cancelB, printB)), f.shell.win)
	dlg.Resize(fyne.NewSize(640, 1)) // as high as its content
	f.printDialog = &printDialog{dlg: dlg, submit: submit, mode: mode, path: path, open: openAfter, submitted: submitted, printB: printB, cancelB: cancelB}
	f.shell.showDialog(dlg, path)
	f.shell.win.Canvas().Focus(path)
}

// printDialog is the open print dialog's parts (tests drive them).
type printDialog struct {
	dlg             dialog.Dialog
	submit          func()
	mode            *choiceGroup
	path            *escEntry
	open, submitted *escCheck
	printB, cancelB *escButton
}

// Submit prints as the dialog stands (the Print button).
func (p *printDialog) Submit() { p.submit() }

// Hide closes the dialog without printing.
func (p *printDialog) Hide() { p.dlg.Hide() }

func (f *encounterForm) printModePref() string {
	d := f.shell.Desk()
	if d == nil || d.Settings == nil {
		return ""
	}
	p, err := d.PrinterSettings(context.Background())
	if err != nil {
		return ""
	}
	return p.Mode
}

// print saves a draft if needed, then writes the claim's PDF to path
// (atomically) and opens it; after gets the error.
func (f *encounterForm) print(path, mode string, open, submit bool, after func(error)) {
	finish := func(err error) {
		if after != nil {
			after(err)
		} else if err != nil {
			f.shell.ShowError(err)
		}
	}
	doPrint := func() {
		if f.claim == nil {
			finish(claimdesk.Errorf(claimdesk.EInvalid, "this encounter has no claim to print (choose a policy)"))
			return
		}
		id := f.claim.ID
		f.shell.Busy("Printing", func(ctx context.Context) error {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return fmt.Errorf("create folder for %s: %w", filepath.Base(path), err)
			}
			return f.be.PrintClaim(ctx, id, path, mode, submit)
		}, func(err error) {
			if err != nil {
				finish(err)
				return
			}
			f.shell.Status("Claim written to " + path)
			if submit && f.claim != nil {
				f.claim.Status = claimdesk.StatusSubmitted
				f.setTitle()
				f.updateButtons()
				f.shell.RefreshCounts()
			}
			if open && !f.shell.noViewer {
				u := &url.URL{Scheme: "file", Path: path}
				if err := fyne.CurrentApp().OpenURL(u); err != nil {
					f.shell.log.Warn("open PDF viewer", "err", err)
					f.shell.Status("Claim written to " + path + " (no PDF viewer could be opened)")
				}
			}
			finish(nil)
		})
	}
	if f.dirty && f.editable() {
		f.save(func(ok bool) {
			if ok {
				doPrint()
			} else {
				finish(claimdesk.Errorf(claimdesk.EInvalid, "the encounter could not be saved; fix the errors first"))
			}
		})
		return
	}
	doPrint()
}

// leave asks about unsaved changes: Save, Discard or Cancel.
func (f *encounterForm) leave(proceed func()) {
	if !f.dirty || !f.editable() {
		proceed()
		return
	}
	var dlg dialog.Dialog
	esc := func() { dlg.Hide() }
	saveB := newEscButton("Save draft", theme.DocumentSaveIcon(), func() {
		dlg.Hide()
		f.save(func(ok bool) {
			if ok {
				f.stop()
				proceed()
			}
		})
	}, esc)
	saveB.Importance = widget.HighImportance
	discard := newEscButton("Discard changes", theme.DeleteIcon(), func() {
		dlg.Hide()
		f.dirty = false
		f.clearRecovery()
		f.stop()
		proceed()
	}, esc)
	cancel := newEscButton("Keep editing (Esc)", theme.CancelIcon(), esc, esc)
	dlg = dialog.NewCustomWithoutButtons("Unsaved changes",
		container.NewVBox(widget.NewLabel("This encounter has changes that are not saved."), container.NewHBox(saveB, discard, cancel)),
		f.shell.win)
	f.leaveDialog = dlg
	f.shell.showDialog(dlg, saveB)
	f.shell.win.Canvas().Focus(saveB)
}

// close returns to the worklist (asking about unsaved changes).
func (f *encounterForm) close() {
	f.leave(func() { f.es.closeForm() })
}

// startAutosave saves a dirty draft every interval.
func (f *encounterForm) startAutosave(every time.Duration) {
	if every <= 0 {
		return
	}
	f.autosave = time.NewTicker(every)
	t, done := f.autosave, f.done
	go func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fyne.Do(f.autosaveTick)
			}
		}
	}()
}

// autosaveTick saves a dirty draft that the store would accept (patient
// chosen, no field errors); it runs on the UI goroutine.
func (f *encounterForm) autosaveTick() {
	if f.stopped || !f.dirty || !f.editable() || f.patient == nil || len(f.fieldErrs) > 0 {
		return
	}
	f.save(func(ok bool) {
		if ok {
			f.shell.Status("Draft autosaved " + time.Now().Format("15:04"))
		}
	})
}

// recovery is what the recovery file holds: the form as typed (IDs, dates
// and codes; no names) and when it was written.
type recovery struct {
	Written time.Time
	Input   encounterInput
}

// recoveryPath is the file that keeps the unsaved edits of the open form
// until they are saved or discarded, so a crash loses nothing: beside the
// database, mode 0600. "" when the shell has no database file.
func (s *Shell) recoveryPath() string {
	if s.db == nil || s.db.Path == "" {
		return ""
	}
	return s.db.Path + ".unsaved.json"
}

// writeRecovery writes the form as typed to the recovery file (off the UI
// goroutine; the newest write wins).
func (f *encounterForm) writeRecovery() {
	path := f.shell.recoveryPath()
	if path == "" {
		return
	}
	data, err := json.Marshal(recovery{Written: time.Now().UTC(), Input: f.input()})
	if err != nil {
		f.shell.log.Error("recovery file", "err", err)
		return
	}
	f.recoveryMu.Lock()
	gen := f.recoveryGen
	f.recoveryMu.Unlock()
	f.shell.goAsync(func() {
		f.recoveryMu.Lock()
		defer f.recoveryMu.Unlock()
		if gen != f.recoveryGen {
			return // cleared since: the edits were saved or discarded
		}
		err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err })
		if err != nil {
			f.shell.log.Error("write recovery file", "err", err)
		}
	})
}

// clearRecovery removes the recovery file (the edits are saved or
// dropped) at once, so that closing the window right after leaves none;
// writes still queued are dropped.
func (f *encounterForm) clearRecovery() {
	path := f.shell.recoveryPath()
	if path == "" {
		return
	}
	f.recoveryMu.Lock()
	defer f.recoveryMu.Unlock()
	f.recoveryGen++
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		f.shell.log.Error("remove recovery file", "err", err)
	}
}

// readRecovery returns the unsaved edits left by a previous run, if any.
func readRecovery(path string) (*recovery, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read recovery file: %w", err)
	}
	var r recovery
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("read recovery file: %w", err)
	}
	return &r, nil
}
