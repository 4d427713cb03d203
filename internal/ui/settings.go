package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/atomicfile"
	"claimdesk/internal/claimdesk"
)

const settingsName = "Settings"

func init() {
	registerScreen(50, settingsName, themeIcon(theme.IconNameSettings), func(s *Shell) screen { return newSettingsScreen(s) })
}

// settingsScreen holds the practice's set-up: practice, providers,
// facilities, payers, fee schedule, procedure list, printer and data.
type settingsScreen struct {
	s    *Shell
	tabs *container.AppTabs

	practice  *practiceFields
	practiceB *widget.Button

	providers, facilities, payers *crudPane
	provList                      []claimdesk.Provider
	provFields                    *providerFields
	facList                       []claimdesk.Facility
	facFS                         *fieldSet
	facName, facNPI               *widget.Entry
	facAddr                       *addressFields
	payList                       []claimdesk.Payer
	payFS                         *fieldSet
	payName, payID, payDays       *widget.Entry
	payPlan                       *widget.SelectEntry
	payAddr                       *addressFields

	fees      *crudPane
	feeList   []claimdesk.FeeEntry
	feeFS     *fieldSet
	feeCode   *widget.Entry
	feeMod    *widget.Entry
	feeCharge *widget.Entry

	procs     *crudPane
	procList  []claimdesk.Procedure
	procFS    *fieldSet
	procCode  *widget.Entry
	procDesc  *widget.Entry
	procFee   *widget.Entry
	printFS   *fieldSet
	offX      *widget.Entry
	offY      *widget.Entry
	printMode *widget.SelectEntry
	dbPath    *widget.Label
	dataMsg   *widget.Label
}

func newSettingsScreen(s *Shell) *settingsScreen {
	ss := &settingsScreen{s: s}
	ss.tabs = container.NewAppTabs(
		container.NewTabItem("Practice", ss.buildPractice()),
		container.NewTabItem("Providers", ss.buildProviders()),
		container.NewTabItem("Facilities", ss.buildFacilities()),
		container.NewTabItem("Payers", ss.buildPayers()),
		container.NewTabItem("Fee schedule", ss.buildFees()),
		container.NewTabItem("Procedures", ss.buildProcedures()),
		container.NewTabItem("Printer", ss.buildPrinter()),
		container.NewTabItem("Data", ss.buildData()),
	)
	ss.tabs.OnSelected = func(*container.TabItem) { ss.reloadTab() }
	return ss
}

func (ss *settingsScreen) content() fyne.CanvasObject { return ss.tabs }

func (ss *settingsScreen) shown() { ss.reloadTab() }

func (ss *settingsScreen) reloadTab() {
	switch ss.tabs.SelectedIndex() {
	case 0:
		ss.loadPractice()
	case 1:
		ss.providers.reload()
	case 2:
		ss.facilities.reload()
	case 3:
		ss.payers.reload()
	case 4:
		ss.fees.reload()
	case 5:
		ss.procs.reload()
	case 6:
		ss.loadPrinter()
	case 7:
		ss.loadData()
	}
}

// crudPane is a list of records beside the form of the chosen one, with
// New, Save and Delete.
type crudPane struct {
	s      *Shell
	list   *widget.List
	labels []string
	cur    int
	fs     *fieldSet
	title  *widget.Label
	newB   *widget.Button
	saveB  *widget.Button
	delB   *widget.Button
	root   fyne.CanvasObject
	// load reads the records and returns their list labels.
	load func(ctx context.Context) ([]string, error)
	// fill shows record i in the form (-1: a new, empty one).
	fill func(i int)
	// save stores the form (validating it first) and returns the label of
	// what was saved, to choose it again.
	save func(ctx context.Context) (string, error)
	// check validates the form before save runs off the UI goroutine.
	check func() error
	// del deletes record i.
	del func(ctx context.Context, i int) error
}

func newCrudPane(s *Shell, what string, fs *fieldSet, extra ...fyne.CanvasObject) *crudPane {
	p := &crudPane{s: s, fs: fs, cur: -1}
	p.list = widget.NewList(func() int { return len(p.labels) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.labels) {
				o.(*widget.Label).SetText(p.labels[id])
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) { p.choose(id) }
	p.title = widget.NewLabelWithStyle("New "+what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.newB = widget.NewButtonWithIcon("New "+what, theme.ContentAddIcon(), func() {
		p.list.UnselectAll()
		p.choose(-1)
	})
	p.saveB = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.doSave)
	p.saveB.Importance = widget.HighImportance
	p.delB = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.doDelete)
	fs.submit = p.doSave
	form := container.NewVBox(append([]fyne.CanvasObject{p.title, fs.form(), container.NewHBox(p.delB, layout.NewSpacer(), p.saveB)}, extra...)...)
	left := container.NewBorder(nil, container.NewHBox(p.newB), nil, nil, p.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(form)))
	split.Offset = 0.3
	p.root = split
	return p
}

func (p *crudPane) choose(i int) {
	p.cur = i
	p.fs.clear()
	p.fill(i)
	if i < 0 {
		p.title.SetText(p.newB.Text)
		p.delB.Disable()
	} else {
		p.title.SetText(p.labels[i])
		p.delB.Enable()
	}
	if len(p.fs.order) > 0 {
		if f := p.fs.focus[p.fs.order[0]]; f != nil {
			p.s.win.Canvas().Focus(f)
		}
	}
}

// reload reads the records and keeps the chosen one by label.
func (p *crudPane) reload() { p.reloadChoosing("") }

func (p *crudPane) reloadChoosing(label string) {
	if p.s.desk == nil || p.s.desk.Practice == nil {
		return
	}
	if label == "" && p.cur >= 0 && p.cur < len(p.labels) {
		label = p.labels[p.cur]
	}
	var labels []string
	p.s.Busy("", func(ctx context.Context) error {
		var err error
		labels, err = p.load(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.s.ShowError(err)
			return
		}
		p.labels = labels
		p.list.UnselectAll()
		p.list.Refresh()
		for i, l := range labels {
			if l == label {
				p.list.Select(i)
				return
			}
		}
		p.choose(-1)
	})
}

func (p *crudPane) doSave() {
	if p.check != nil && p.fs.show(p.check(), p.s.win.Canvas()) {
		return
	}
	var label string
	p.s.Busy("Saving", func(ctx context.Context) error {
		var err error
		label, err = p.save(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.fs.show(err, p.s.win.Canvas())
			return
		}
		p.s.Status("Saved")
		p.reloadChoosing(label)
	})
}

func (p *crudPane) doDelete() {
	i := p.cur
	if i < 0 {
		return
	}
	dialog.ShowConfirm("Delete", "Delete "+p.labels[i]+"?", func(ok bool) {
		if !ok {
			return
		}
		p.s.Busy("Deleting", func(ctx context.Context) error { return p.del(ctx, i) }, func(err error) {
			if err != nil {
				p.fs.show(err, p.s.win.Canvas())
				return
			}
			p.s.Status("Deleted")
			p.cur = -1
			p.reload()
		})
	}, p.s.win)
}

// addressFields are an address's entries under prefix ("address.").
type addressFields struct{ line1, line2, city, state, zip *widget.Entry }

func newAddressFields(fs *fieldSet, prefix string) *addressFields {
	return &addressFields{
		line1: fs.entry(prefix+"line1", "Street", ""), line2: fs.entry(prefix+"line2", "Suite", "optional"),
		city: fs.entry(prefix+"city", "City", ""), state: fs.entry(prefix+"state", "State", "2 letters"),
		zip: fs.entry(prefix+"zip", "ZIP", "5 or 9 digits"),
	}
}

func (a *addressFields) fill(x claimdesk.Address) {
	a.line1.SetText(x.Line1)
	a.line2.SetText(x.Line2)
	a.city.SetText(x.City)
	a.state.SetText(x.State)
	a.zip.SetText(zipText(x.ZIP))
}

func (a *addressFields) address() claimdesk.Address {
	t := strings.TrimSpace
	return claimdesk.Address{Line1: t(a.line1.Text), Line2: t(a.line2.Text), City: t(a.city.Text),
		State: strings.ToUpper(t(a.state.Text)), ZIP: t(a.zip.Text)}
}

// — Practice —

func (ss *settingsScreen) buildPractice() fyne.CanvasObject {
	ss.practice = newPracticeFields()
	ss.practice.clinic.submit = ss.savePractice
	ss.practice.billing.submit = ss.savePractice
	ss.practiceB = widget.NewButtonWithIcon("Save practice", theme.DocumentSaveIcon(), ss.savePractice)
	ss.practiceB.Importance = widget.HighImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Practice (billing provider, boxes 25 and 33)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		formOf(ss.practice.clinic, ss.practice.billing), container.NewHBox(layout.NewSpacer(), ss.practiceB))))
}

func (ss *settingsScreen) loadPractice() {
	d := ss.s.desk
	if d == nil || d.Practice == nil {
		return
	}
	var p claimdesk.Practice
	ss.s.Busy("", func(ctx context.Context) error {
		var err error
		p, err = d.Practice.Practice(ctx)
		if claimdesk.ErrorCode(err) == claimdesk.ENotFound {
			return nil
		}
		return err
	}, func(err error) {
		if err != nil {
			ss.s.ShowError(err)
			return
		}
		ss.practice.fill(p)
	})
}

func (ss *settingsScreen) savePractice() {
	p := ss.practice.practice()
	clinic, billing := ss.practice.split(p.Validate())
	c := ss.s.win.Canvas()
	ss.practice.billing.show(billing.Err(), c)
	if ss.practice.clinic.show(clinic.Err(), c) || len(billing) > 0 {
		return
	}
	d := ss.s.desk
	ss.s.Busy("Saving practice", func(ctx context.Context) error { return d.Practice.SavePractice(ctx, &p) }, func(err error) {
		if err != nil {
			ss.practice.clinic.show(err, c)
			return
		}
		ss.practice.id = p.ID
		ss.s.Status("Practice saved")
	})
}

// — Providers —

func (ss *settingsScreen) buildProviders() fyne.CanvasObject {
	ss.provFields = newProviderFields(true)
	p := newCrudPane(ss.s, "provider", ss.provFields.fs)
	p.load = func(ctx context.Context) ([]string, error) {
		l, err := ss.s.desk.Practice.Providers(ctx)
		ss.provList = l
		var out []string
		for _, x := range l {
			out = append(out, fmt.Sprintf("%s · %s · NPI %s", x.DisplayName(), x.Role, x.NPI))
		}
		return out, err
	}
	p.fill = func(i int) {
		x := claimdesk.Provider{Role: claimdesk.RoleRendering}
		if i >= 0 {
			x = ss.provList[i]
		}
		ss.provFields.fill(x)
	}
	p.check = func() error { return ss.provFields.provider().Validate().Err() }
	p.save = func(ctx context.Context) (string, error) {
		x := ss.provFields.provider()
		if err := ss.s.desk.Practice.SaveProvider(ctx, &x); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s · %s · NPI %s", x.DisplayName(), x.Role, x.NPI), nil
	}
	p.del = func(ctx context.Context, i int) error {
		return ss.s.desk.Practice.DeleteProvider(ctx, ss.provList[i].ID)
	}
	ss.providers = p
	return p.root
}

// — Facilities —

func (ss *settingsScreen) buildFacilities() fyne.CanvasObject {
	ss.facFS = newFieldSet()
	ss.facName = ss.facFS.entry("name", "Name", "service location (box 32)")
	ss.facAddr = newAddressFields(ss.facFS, "address.")
	ss.facNPI = ss.facFS.entry("npi", "NPI", "optional, 10 digits")
	p := newCrudPane(ss.s, "facility", ss.facFS)
	label := func(f claimdesk.Facility) string { return fmt.Sprintf("%s · %s", f.Name, f.Address.City) }
	read := func() claimdesk.Facility {
		id := int64(0)
		if p.cur >= 0 {
			id = ss.facList[p.cur].ID
		}
		return claimdesk.Facility{ID: id, Name: strings.TrimSpace(ss.facName.Text), Address: ss.facAddr.address(), NPI: strings.TrimSpace(ss.facNPI.Text)}
	}
	p.load = func(ctx context.Context) ([]string, error) {
		l, err := ss.s.desk.Practice.Facilities(ctx)
		ss.facList = l
		var out []string
		for _, x := range l {
			out = append(out, label(x))
		}
		return out, err
	}
	p.fill = func(i int) {
		var x claimdesk.Facility
		if i >= 0 {
			x = ss.facList[i]
		}
		ss.facName.SetText(x.Name)
		ss.facAddr.fill(x.Address)
		ss.facNPI.SetText(x.NPI)
	}
	p.check = func() error { return read().Validate().Err() }
	p.save = func(ctx context.Context) (string, error) {
		x := read()
		if err := ss.s.desk.Practice.SaveFacility(ctx, &x); err != nil {
			return "", err
		}
		return label(x), nil
	}
	p.del = func(ctx context.Context, i int) error {
		return ss.s.desk.Practice.DeleteFacility(ctx, ss.facList[i].ID)
	}
	ss.facilities = p
	return p.root
}

// — Payers —

func (ss *settingsScreen) buildPayers() fyne.CanvasObject {
	ss.payFS = newFieldSet()
	ss.payName = ss.payFS.entry("name", "Name", "as on the claim (box header)")
	ss.payAddr = newAddressFields(ss.payFS, "address.")
	ss.payID = ss.payFS.entry("payer_id", "Payer ID", "electronic payer ID (optional)")
	var plans []string
	for _, t := range claimdesk.PlanTypes {
		plans = append(plans, t.Label())
	}
	ss.payPlan = ss.payFS.choice("plan_type", "Plan type (box 1)", plans)
	ss.payDays = ss.payFS.entry("timely_filing_days", "Timely filing", "days after the date of service, e.g. 365")
	p := newCrudPane(ss.s, "payer", ss.payFS)
	label := func(x claimdesk.Payer) string {
		return fmt.Sprintf("%s · %s · %d days", x.Name, x.PlanType.Label(), x.TimelyFilingDays)
	}
	read := func() (claimdesk.Payer, claimdesk.FieldErrors) {
		x := claimdesk.Payer{Name: strings.TrimSpace(ss.payName.Text), Address: ss.payAddr.address(), PayerID: strings.TrimSpace(ss.payID.Text)}
		if p.cur >= 0 {
			x.ID = ss.payList[p.cur].ID
		}
		for _, t := range claimdesk.PlanTypes {
			if strings.EqualFold(t.Label(), strings.TrimSpace(ss.payPlan.Text)) || strings.EqualFold(string(t), strings.TrimSpace(ss.payPlan.Text)) {
				x.PlanType = t
			}
		}
		var parse claimdesk.FieldErrors
		if s := strings.TrimSpace(ss.payDays.Text); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				parse = append(parse, claimdesk.FieldError{Path: "timely_filing_days", Message: "timely filing limit is a whole number of days"})
			}
			x.TimelyFilingDays = n
		}
		return x, withoutDup(x.Validate(), parse)
	}
	p.load = func(ctx context.Context) ([]string, error) {
		l, err := ss.s.desk.Practice.Payers(ctx)
		ss.payList = l
		var out []string
		for _, x := range l {
			out = append(out, label(x))
		}
		return out, err
	}
	p.fill = func(i int) {
		x := claimdesk.Payer{PlanType: claimdesk.PlanGroup}
		if i >= 0 {
			x = ss.payList[i]
		}
		ss.payName.SetText(x.Name)
		ss.payAddr.fill(x.Address)
		ss.payID.SetText(x.PayerID)
		ss.payPlan.SetText(x.PlanType.Label())
		ss.payDays.SetText("")
		if x.TimelyFilingDays > 0 {
			ss.payDays.SetText(strconv.Itoa(x.TimelyFilingDays))
		}
	}
	p.check = func() error { _, fe := read(); return fe.Err() }
	p.save = func(ctx context.Context) (string, error) {
		x, _ := read()
		if err := ss.s.desk.Practice.SavePayer(ctx, &x); err != nil {
			return "", err
		}
		return label(x), nil
	}
	p.del = func(ctx context.Context, i int) error { return ss.s.desk.Practice.DeletePayer(ctx, ss.payList[i].ID) }
	ss.payers = p
	return p.root
}

// — Fee schedule —

func (ss *settingsScreen) buildFees() fyne.CanvasObject {
	ss.feeFS = newFieldSet()
	ss.feeCode = ss.feeFS.entry("code", "Procedure code", "e.g. 99213")
	ss.feeMod = ss.feeFS.entry("modifier", "Modifier", "optional, e.g. 25")
	ss.feeCharge = ss.feeFS.entry("charge", "Charge per unit", "e.g. 115.00")
	importB := widget.NewButtonWithIcon("Import CSV…", theme.UploadIcon(), ss.importFees)
	note := widget.NewLabel("CSV import replaces the whole fee schedule: columns code, modifier (optional) and charge, with a header row. A file with any bad row changes nothing.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	p := newCrudPane(ss.s, "fee", ss.feeFS, widget.NewSeparator(), container.NewHBox(importB), note)
	label := func(f claimdesk.FeeEntry) string {
		c := f.Code
		if f.Modifier != "" {
			c += "-" + f.Modifier
		}
		return fmt.Sprintf("%s · %s", c, moneyText(f.Charge))
	}
	p.load = func(ctx context.Context) ([]string, error) {
		l, err := ss.s.desk.Practice.Fees(ctx)
		ss.feeList = l
		var out []string
		for _, x := range l {
			out = append(out, label(x))
		}
		return out, err
	}
	p.fill = func(i int) {
		var x claimdesk.FeeEntry
		if i >= 0 {
			x = ss.feeList[i]
		}
		ss.feeCode.SetText(x.Code)
		ss.feeMod.SetText(x.Modifier)
		ss.feeCharge.SetText("")
		if x.Charge > 0 {
			ss.feeCharge.SetText(x.Charge.String())
		}
	}
	p.save = func(ctx context.Context) (string, error) {
		f, err := ss.s.desk.SaveFeeEntry(ctx, ss.feeCode.Text, ss.feeMod.Text, ss.feeCharge.Text)
		if err != nil {
			return "", err
		}
		return label(f), nil
	}
	p.del = func(ctx context.Context, i int) error {
		return ss.s.desk.Practice.DeleteFee(ctx, ss.feeList[i].Code, ss.feeList[i].Modifier)
	}
	ss.fees = p
	return p.root
}

func (ss *settingsScreen) importFees() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		name := r.URI().Name()
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			ss.s.ShowError(err)
			return
		}
		var n int
		ss.s.Busy("Importing fee schedule", func(ctx context.Context) error {
			var err error
			n, err = ss.s.desk.ImportFees(ctx, name, strings.NewReader(string(data)))
			return err
		}, func(err error) {
			if err != nil {
				// Parse errors name the file, line and column.
				ss.feeFS.show(fmt.Errorf("%s", err.Error()), ss.s.win.Canvas())
				return
			}
			ss.s.Status(fmt.Sprintf("Fee schedule replaced: %d fees", n))
			ss.fees.reload()
		})
	}, ss.s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// — Procedures —

func (ss *settingsScreen) buildProcedures() fyne.CanvasObject {
	ss.procFS = newFieldSet()
	ss.procCode = ss.procFS.entry("code", "Code", "CPT-format code, e.g. 99213")
	ss.procDesc = ss.procFS.entry("short", "Description", "the practice's own words")
	ss.procFee = ss.procFS.entry("fee", "Default fee", "optional, e.g. 115.00")
	note := widget.NewLabel("The procedure list holds the practice's own descriptions of the CPT-format codes it bills; the encounter search finds them with HCPCS.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	p := newCrudPane(ss.s, "procedure", ss.procFS, note)
	p.delB.Hide()
	label := func(x claimdesk.Procedure) string {
		return fmt.Sprintf("%s · %s · %s", x.Code, x.Short, moneyText(x.Fee))
	}
	p.load = func(ctx context.Context) ([]string, error) {
		l, err := ss.s.records().Procedures(ctx)
		ss.procList = l
		var out []string
		for _, x := range l {
			out = append(out, label(x))
		}
		return out, err
	}
	p.fill = func(i int) {
		var x claimdesk.Procedure
		if i >= 0 {
			x = ss.procList[i]
		}
		ss.procCode.SetText(x.Code)
		ss.procDesc.SetText(x.Short)
		ss.procFee.SetText("")
		if x.Fee > 0 {
			ss.procFee.SetText(x.Fee.String())
		}
	}
	p.save = func(ctx context.Context) (string, error) {
		x, err := ss.s.records().AddProcedure(ctx, ss.procCode.Text, ss.procDesc.Text, ss.procFee.Text)
		if err != nil {
			return "", err
		}
		return label(x), nil
	}
	p.del = func(context.Context, int) error { return nil }
	ss.procs = p
	return p.root
}

// — Printer —

func (ss *settingsScreen) buildPrinter() fyne.CanvasObject {
	ss.printFS = newFieldSet()
	ss.printFS.submit = ss.savePrinter
	ss.offX = ss.printFS.entry("offset_x", "Move right", "hundredths of an inch; negative moves left")
	ss.offY = ss.printFS.entry("offset_y", "Move down", "hundredths of an inch; negative moves up")
	ss.printMode = ss.printFS.choice("mode", "Default print mode", []string{claimdesk.PrintModeForm, claimdesk.PrintModePlain})
	save := widget.NewButtonWithIcon("Save printer settings", theme.DocumentSaveIcon(), ss.savePrinter)
	save.Importance = widget.HighImportance
	align := widget.NewButtonWithIcon("Print alignment page…", theme.DocumentPrintIcon(), ss.printAlignment)
	help := widget.NewLabel("Print the alignment page on a red CMS-1500 form. If the marks sit right of their boxes, enter a negative \"Move right\"; if they sit low, a negative \"Move down\". 10 = one tenth of an inch. Mode form prints the data only (for the red form); plain prints the whole form on plain paper.")
	help.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Printer alignment", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		help, ss.printFS.form(), container.NewHBox(align, layout.NewSpacer(), save))))
}

func (ss *settingsScreen) loadPrinter() {
	d := ss.s.desk
	if d == nil {
		return
	}
	var p claimdesk.PrinterSettings
	ss.s.Busy("", func(ctx context.Context) error {
		var err error
		p, err = d.PrinterSettings(ctx)
		return err
	}, func(err error) {
		if err != nil {
			ss.s.ShowError(err)
			return
		}
		ss.offX.SetText(strconv.Itoa(p.OffsetX))
		ss.offY.SetText(strconv.Itoa(p.OffsetY))
		ss.printMode.SetText(p.Mode)
	})
}

func (ss *settingsScreen) printer() (claimdesk.PrinterSettings, claimdesk.FieldErrors) {
	var parse claimdesk.FieldErrors
	p := claimdesk.PrinterSettings{Mode: strings.ToLower(strings.TrimSpace(ss.printMode.Text))}
	for _, f := range []struct {
		e    *widget.Entry
		dst  *int
		path string
	}{{ss.offX, &p.OffsetX, "offset_x"}, {ss.offY, &p.OffsetY, "offset_y"}} {
		s := strings.TrimSpace(f.e.Text)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
		if err != nil {
			parse = append(parse, claimdesk.FieldError{Path: f.path, Message: "offset is a whole number of hundredths of an inch, e.g. -5"})
		}
		*f.dst = n
	}
	return p, withoutDup(p.Validate(), parse)
}

func (ss *settingsScreen) savePrinter() {
	p, fe := ss.printer()
	if ss.printFS.show(fe.Err(), ss.s.win.Canvas()) {
		return
	}
	d := ss.s.desk
	ss.s.Busy("Saving printer settings", func(ctx context.Context) error { return d.SavePrinterSettings(ctx, p) }, func(err error) {
		if err != nil {
			ss.printFS.show(err, ss.s.win.Canvas())
			return
		}
		ss.s.Status("Printer settings saved")
	})
}

func (ss *settingsScreen) printAlignment() {
	p, fe := ss.printer()
	if ss.printFS.show(fe.Err(), ss.s.win.Canvas()) {
		return
	}
	d := ss.s.desk
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		ss.s.Busy("Writing the alignment page", func(ctx context.Context) error {
			if err := d.SavePrinterSettings(ctx, p); err != nil {
				return err
			}
			return atomicfile.Write(path, func(w io.Writer) error { return ss.s.records().PrintAlignment(ctx, w) })
		}, func(err error) {
			if err != nil {
				ss.s.ShowError(err)
				return
			}
			ss.s.Status("Alignment page written to " + path + ": print it on a red form")
		})
	}, ss.s.win)
	save.SetFileName("alignment.pdf")
	save.Show()
}

// — Data —

func (ss *settingsScreen) buildData() fyne.CanvasObject {
	ss.dbPath = widget.NewLabel("")
	ss.dbPath.Wrapping = fyne.TextWrapBreak
	ss.dataMsg = widget.NewLabel("")
	ss.dataMsg.Wrapping = fyne.TextWrapWord
	backup := widget.NewButtonWithIcon("Back up now…", theme.DocumentSaveIcon(), ss.backup)
	restore := widget.NewButtonWithIcon("Restore from a backup…", theme.HistoryIcon(), ss.restore)
	setup := widget.NewButtonWithIcon("Run the first-run setup…", theme.SettingsIcon(), func() { showSetup(ss.s) })
	codes := widget.NewButtonWithIcon("Code sets…", theme.ListIcon(), func() { ss.s.Show(codesName) })
	help := widget.NewLabel("A backup is a complete, consistent copy of the database, readable by you only. Restoring checks the backup first (integrity and version) and keeps the replaced database beside it.")
	help.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Database location", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), ss.dbPath,
		widget.NewSeparator(), help, container.NewHBox(backup, restore), ss.dataMsg,
		widget.NewSeparator(), container.NewHBox(setup, codes))))
}

func (ss *settingsScreen) loadData() {
	if ss.s.db == nil || ss.s.db.Path == "" {
		ss.dbPath.SetText("No database file is open.")
		return
	}
	ss.dbPath.SetText(ss.s.db.Path)
}

func (ss *settingsScreen) backup() {
	db := ss.s.db
	if db == nil || db.Backup == nil {
		ss.s.ShowError(claimdesk.Errorf(claimdesk.EConflict, "no database file is open"))
		return
	}
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if err := removeEmpty(path); err != nil {
			ss.s.ShowError(err)
			return
		}
		progressDialog(ss.s, "Backing up", func(ctx context.Context, progress func(done, total int)) error {
			return db.Backup(ctx, path)
		}, func(err error) {
			if err != nil {
				ss.s.ShowError(err)
				return
			}
			ss.dataMsg.SetText("Backup written to " + path)
			ss.s.Status("Backup written")
		})
	}, ss.s.win)
	save.SetFileName(fmt.Sprintf("claimdesk-backup-%s.db", ss.s.today().String()))
	save.Show()
}

func (ss *settingsScreen) restore() {
	db := ss.s.db
	if db == nil || db.Restore == nil || ss.s.open == nil {
		ss.s.ShowError(claimdesk.Errorf(claimdesk.EConflict, "restore needs a database file opened from disk"))
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		src := r.URI().Path()
		r.Close()
		msg := fmt.Sprintf("Replace the open database with the backup %s?\n\nThe backup is checked first; the current database is kept beside it as %s.replaced-….", filepath.Base(src), filepath.Base(db.Path))
		dialog.ShowConfirm("Restore from backup", msg, func(ok bool) {
			if ok {
				ss.restoreFrom(src)
			}
		}, ss.s.win)
	}, ss.s.win)
	open.Show()
}

// restoreFrom closes the store, restores the backup at src over it and
// reopens the file (the old one when the backup was refused).
func (ss *settingsScreen) restoreFrom(src string) {
	db := ss.s.db
	path := db.Path
	if _, err := os.Stat(src); err != nil {
		ss.s.ShowError(err)
		return
	}
	var restoreErr error
	ss.s.Busy("Restoring", func(ctx context.Context) error {
		if db.Close != nil {
			if err := db.Close(); err != nil {
				return err
			}
		}
		restoreErr = db.Restore(ctx, src)
		return nil
	}, func(err error) {
		if err != nil {
			ss.s.ShowError(err)
		}
		ss.s.switchDatabase(path, false)
		if restoreErr != nil {
			ss.s.ShowError(claimdesk.Errorf(claimdesk.EInvalid, "The backup was not restored, the database is unchanged: %s", restoreErr.Error()))
			return
		}
		ss.s.Status("Database restored from " + filepath.Base(src))
	})
}
