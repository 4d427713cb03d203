package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

const patientsName = "Patients"

func init() {
	registerScreen(20, patientsName, themeIcon(theme.IconNameAccount), func(s *Shell) screen { return newPatientScreen(s) })
}

// personFields are a person's entries (a patient or a subscriber), keyed
// by the domain's paths under prefix ("" or "subscriber.").
type personFields struct {
	last, first, middle, suffix, dob *widget.Entry
	sex                              *widget.SelectEntry
	line1, line2, city, state, zip   *widget.Entry
	phone                            *widget.Entry
}

func newPersonFields(fs *fieldSet, prefix string, withPhone bool) *personFields {
	p := &personFields{}
	p.last = fs.entry(prefix+"last", "Last name", "")
	p.first = fs.entry(prefix+"first", "First name", "")
	p.middle = fs.entry(prefix+"middle", "Middle", "optional")
	p.suffix = fs.entry(prefix+"suffix", "Suffix", "Jr, III (optional)")
	p.dob = fs.entry(prefix+"dob", "Date of birth", "MM/DD/YYYY")
	p.sex = fs.choice(prefix+"sex", "Sex", []string{"F", "M", "U"})
	p.sex.SetPlaceHolder("F, M or U")
	p.line1 = fs.entry(prefix+"address.line1", "Street", "")
	p.line2 = fs.entry(prefix+"address.line2", "Apt / suite", "optional")
	p.city = fs.entry(prefix+"address.city", "City", "")
	p.state = fs.entry(prefix+"address.state", "State", "2 letters")
	p.zip = fs.entry(prefix+"address.zip", "ZIP", "5 or 9 digits")
	if withPhone {
		p.phone = fs.entry(prefix+"phone", "Phone", "(555) 123-4567")
	}
	return p
}

func (p *personFields) fill(x claimdesk.Person) {
	p.last.SetText(x.Last)
	p.first.SetText(x.First)
	p.middle.SetText(x.Middle)
	p.suffix.SetText(x.Suffix)
	p.dob.SetText(formatDay(x.DOB))
	p.sex.SetText(string(x.Sex))
	p.line1.SetText(x.Address.Line1)
	p.line2.SetText(x.Address.Line2)
	p.city.SetText(x.Address.City)
	p.state.SetText(x.Address.State)
	p.zip.SetText(zipText(x.Address.ZIP))
	if p.phone != nil {
		p.phone.SetText(phoneText(x.Phone))
	}
}

// person maps the entries to a Person; a date that cannot be read gives
// a field error at prefix+"dob".
func (p *personFields) person(prefix string) (claimdesk.Person, claimdesk.FieldErrors) {
	t := strings.TrimSpace
	var fe claimdesk.FieldErrors
	dob, err := parseDay(p.dob.Text)
	if err != nil {
		fe = append(fe, claimdesk.FieldError{Path: prefix + "dob", Message: "date of birth: " + err.Error()})
	}
	x := claimdesk.Person{Last: t(p.last.Text), First: t(p.first.Text), Middle: t(p.middle.Text), Suffix: t(p.suffix.Text),
		DOB: dob, Sex: claimdesk.Sex(strings.ToUpper(t(p.sex.Text))),
		Address: claimdesk.Address{Line1: t(p.line1.Text), Line2: t(p.line2.Text), City: t(p.city.Text),
			State: strings.ToUpper(t(p.state.Text)), ZIP: t(p.zip.Text)}}
	if p.phone != nil {
		x.Phone = t(p.phone.Text)
	}
	return x, fe
}

// withoutDup returns the parse errors followed by the domain's errors for
// the other fields: when a typed value (a date) could not be read, the
// domain's "is required" for the same field would only repeat it.
func withoutDup(fe, parse claimdesk.FieldErrors) claimdesk.FieldErrors {
	out := append(claimdesk.FieldErrors(nil), parse...)
	for _, x := range fe {
		dup := false
		for _, y := range parse {
			if x.Path == y.Path {
				dup = true
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// patientScreen is the searchable patient list with the patient's form
// and policies.
type patientScreen struct {
	s    *Shell
	root fyne.CanvasObject

	search  *widget.Entry
	list    *widget.List
	rows    []claimdesk.Patient
	newB    *widget.Button
	countL  *widget.Label
	payers  []claimdesk.Payer
	current claimdesk.Patient

	fs      *fieldSet
	account *widget.Entry
	person  *personFields
	saveB   *widget.Button
	title   *widget.Label

	policies   []claimdesk.Policy
	polList    *fyne.Container
	addPolB    *widget.Button
	pol        *policyEditor
	polHolder  *fyne.Container
	formScroll *container.Scroll
}

func newPatientScreen(s *Shell) *patientScreen {
	ps := &patientScreen{s: s}
	ps.search = widget.NewEntry()
	ps.search.SetPlaceHolder("Search: name, date of birth (MM/DD/YYYY) or account")
	ps.search.OnChanged = func(string) { ps.reload() }
	ps.search.OnSubmitted = func(string) {
		if len(ps.rows) > 0 {
			ps.list.Select(0)
		}
	}
	ps.list = widget.NewList(func() int { return len(ps.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(ps.rows) {
				p := ps.rows[id]
				o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", p.FullName(), formatDay(p.DOB), p.Account))
			}
		})
	ps.list.OnSelected = func(id widget.ListItemID) {
		if id < len(ps.rows) {
			ps.open(ps.rows[id])
		}
	}
	ps.newB = widget.NewButtonWithIcon("New patient", theme.ContentAddIcon(), func() { ps.open(claimdesk.Patient{}) })
	ps.countL = widget.NewLabel("")

	ps.fs = newFieldSet()
	ps.fs.submit = ps.save
	ps.account = ps.fs.entry("account", "Account no.", "box 26, e.g. A10023")
	ps.person = newPersonFields(ps.fs, "", true)
	ps.saveB = widget.NewButtonWithIcon("Save patient", theme.DocumentSaveIcon(), ps.save)
	ps.saveB.Importance = widget.HighImportance
	ps.title = widget.NewLabelWithStyle("New patient", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	ps.polList = container.NewVBox()
	ps.addPolB = widget.NewButtonWithIcon("Add policy", theme.ContentAddIcon(), func() { ps.editPolicy(claimdesk.Policy{}) })
	ps.polHolder = container.NewVBox()

	left := container.NewBorder(container.NewVBox(ps.search, container.NewHBox(ps.newB, layout.NewSpacer(), ps.countL)), nil, nil, nil, ps.list)
	form := container.NewVBox(ps.title, ps.fs.form(), container.NewHBox(layout.NewSpacer(), ps.saveB), widget.NewSeparator(),
		widget.NewLabelWithStyle("Insurance policies", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		ps.polList, container.NewHBox(ps.addPolB), ps.polHolder)
	ps.formScroll = container.NewVScroll(container.NewPadded(form))
	split := container.NewHSplit(left, ps.formScroll)
	split.Offset = 0.34
	ps.root = split
	ps.open(claimdesk.Patient{})
	return ps
}

func (ps *patientScreen) content() fyne.CanvasObject { return ps.root }

func (ps *patientScreen) shown() {
	ps.reload()
	ps.s.win.Canvas().Focus(ps.search)
}

func (ps *patientScreen) reload() {
	d := ps.s.desk
	if d == nil || d.Patients == nil {
		return
	}
	q := strings.TrimSpace(ps.search.Text)
	var rows []claimdesk.Patient
	var payers []claimdesk.Payer
	ps.s.Busy("", func(ctx context.Context) error {
		var err error
		if rows, err = d.Patients.Patients(ctx, claimdesk.PatientFilter{Query: q, Limit: 500}); err != nil {
			return err
		}
		payers, err = d.Practice.Payers(ctx)
		return err
	}, func(err error) {
		if err != nil {
			ps.s.ShowError(err)
			return
		}
		if q != strings.TrimSpace(ps.search.Text) {
			return // a newer search is on its way
		}
		ps.rows = rows
		ps.payers = payers
		ps.countL.SetText(plural(len(rows), "patient"))
		ps.list.UnselectAll()
		ps.list.Refresh()
		if ps.pol != nil {
			ps.pol.setPayers(payers)
		}
	})
}

// open shows patient p in the form (a zero Patient: a new one).
func (ps *patientScreen) open(p claimdesk.Patient) {
	ps.current = p
	ps.fs.clear()
	ps.account.SetText(p.Account)
	ps.person.fill(p.Person)
	ps.polHolder.Objects = nil
	ps.pol = nil
	ps.policies = nil
	if p.ID == 0 {
		ps.title.SetText("New patient")
		ps.addPolB.Disable()
		ps.showPolicies()
		ps.s.win.Canvas().Focus(ps.account)
		return
	}
	ps.title.SetText(fmt.Sprintf("%s · account %s", p.FullName(), p.Account))
	ps.addPolB.Enable()
	d := ps.s.desk
	var pols []claimdesk.Policy
	ps.s.Busy("", func(ctx context.Context) error {
		var err error
		pols, err = d.Patients.Policies(ctx, p.ID)
		return err
	}, func(err error) {
		if err != nil {
			ps.s.ShowError(err)
			return
		}
		ps.policies = pols
		ps.showPolicies()
	})
}

func (ps *patientScreen) payerName(id int64) string {
	for _, p := range ps.payers {
		if p.ID == id {
			return p.Name
		}
	}
	return fmt.Sprintf("payer %d", id)
}

func (ps *patientScreen) showPolicies() {
	ps.polList.Objects = nil
	if len(ps.policies) == 0 {
		l := widget.NewLabel("No policies yet.")
		l.Importance = widget.LowImportance
		ps.polList.Add(l)
	}
	for _, pol := range ps.policies {
		t := fmt.Sprintf("%s · %s · member %s", strings.ToUpper(pol.Priority.String()[:1])+pol.Priority.String()[1:], ps.payerName(pol.PayerID), pol.MemberID)
		if pol.Relationship != claimdesk.RelSelf && pol.Subscriber != nil {
			t += fmt.Sprintf(" · subscriber %s (%s)", pol.Subscriber.FullName(), pol.Relationship)
		}
		if !pol.EffectiveFrom.IsZero() || !pol.EffectiveTo.IsZero() {
			t += fmt.Sprintf(" · %s – %s", formatDay(pol.EffectiveFrom), formatDay(pol.EffectiveTo))
		}
		edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { ps.editPolicy(pol) })
		ps.polList.Add(container.NewBorder(nil, nil, nil, edit, widget.NewLabel(t)))
	}
	ps.polList.Refresh()
}

// patient maps the form to a Patient with every field error (parse and
// domain) in form order.
func (ps *patientScreen) patient() (claimdesk.Patient, claimdesk.FieldErrors) {
	x, parse := ps.person.person("")
	p := claimdesk.Patient{ID: ps.current.ID, Account: strings.TrimSpace(ps.account.Text), Person: x}
	return p, withoutDup(p.Validate(ps.s.today()), parse)
}

func (ps *patientScreen) save() {
	p, fe := ps.patient()
	if ps.fs.show(fe.Err(), ps.s.win.Canvas()) {
		return
	}
	d := ps.s.desk
	ps.s.Busy("Saving patient", func(ctx context.Context) error {
		return d.Patients.SavePatient(ctx, &p)
	}, func(err error) {
		if err != nil {
			ps.fs.show(err, ps.s.win.Canvas())
			return
		}
		isNew := ps.current.ID == 0
		ps.current = p
		ps.title.SetText(fmt.Sprintf("%s · account %s", p.FullName(), p.Account))
		ps.addPolB.Enable()
		ps.s.Status("Patient saved")
		ps.s.RefreshCounts()
		ps.reload()
		if isNew {
			ps.s.win.Canvas().Focus(ps.addPolB)
		}
	})
}

// editPolicy opens the policy editor under the list for pol (zero: new).
func (ps *patientScreen) editPolicy(pol claimdesk.Policy) {
	if ps.current.ID == 0 {
		return
	}
	if pol.ID == 0 {
		pol.Priority = claimdesk.Priority(len(ps.policies) + 1)
		if pol.Priority > claimdesk.Tertiary {
			pol.Priority = claimdesk.Tertiary
		}
		pol.Relationship = claimdesk.RelSelf
	}
	pe := newPolicyEditor(ps, pol)
	ps.pol = pe
	ps.polHolder.Objects = []fyne.CanvasObject{pe.root}
	ps.polHolder.Refresh()
	ps.s.win.Canvas().Focus(pe.payer)
	// Show the editor: lay the grown form out, then scroll to it.
	content := ps.formScroll.Content
	content.Resize(fyne.NewSize(content.Size().Width, content.MinSize().Height))
	ps.formScroll.ScrollToBottom()
}

// policyEditor is the form of one policy.
type policyEditor struct {
	ps       *patientScreen
	id       int64
	fs       *fieldSet
	payer    *widget.SelectEntry
	priority *widget.SelectEntry
	member   *widget.Entry
	group    *widget.Entry
	plan     *widget.Entry
	rel      *widget.SelectEntry
	from, to *widget.Entry
	subFS    *fieldSet
	sub      *personFields
	subBox   *fyne.Container
	saveB    *widget.Button
	deleteB  *widget.Button
	root     fyne.CanvasObject
}

var priorityNames = []string{"primary", "secondary", "tertiary"}

func newPolicyEditor(ps *patientScreen, pol claimdesk.Policy) *policyEditor {
	pe := &policyEditor{ps: ps, id: pol.ID, fs: newFieldSet(), subFS: newFieldSet()}
	pe.fs.submit, pe.subFS.submit = pe.save, pe.save
	pe.payer = pe.fs.choice("payer_id", "Payer", nil)
	pe.payer.SetPlaceHolder("type or pick the payer")
	pe.setPayers(ps.payers)
	pe.priority = pe.fs.choice("priority", "Priority", priorityNames)
	pe.member = pe.fs.entry("member_id", "Member ID", "as on the card")
	pe.group = pe.fs.entry("group_number", "Group no.", "optional")
	pe.plan = pe.fs.entry("plan_name", "Plan name", "optional")
	pe.rel = pe.fs.choice("relationship", "Patient is the subscriber's", []string{"self", "spouse", "child", "other"})
	pe.from = pe.fs.entry("effective_from", "Effective from", "MM/DD/YYYY (optional)")
	pe.to = pe.fs.entry("effective_to", "Effective to", "MM/DD/YYYY (optional)")
	pe.sub = newPersonFields(pe.subFS, "subscriber.", false)
	subTitle := widget.NewLabelWithStyle("Subscriber (policy holder)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pe.subBox = container.NewVBox(subTitle, pe.subFS.form())
	pe.rel.OnChanged = func(s string) { pe.showSubscriber() }
	pe.saveB = widget.NewButtonWithIcon("Save policy", theme.DocumentSaveIcon(), pe.save)
	pe.saveB.Importance = widget.HighImportance
	pe.deleteB = widget.NewButtonWithIcon("Remove policy", theme.DeleteIcon(), pe.remove)
	if pol.ID == 0 {
		pe.deleteB.Hide()
	}
	cancel := widget.NewButton("Close", func() { ps.polHolder.Objects = nil; ps.polHolder.Refresh(); ps.pol = nil })
	title := "New policy"
	if pol.ID != 0 {
		title = "Edit policy"
	}
	pe.root = container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		pe.fs.form(), pe.subBox, container.NewHBox(pe.deleteB, layout.NewSpacer(), cancel, pe.saveB))
	// Fill.
	for _, p := range ps.payers {
		if p.ID == pol.PayerID {
			pe.payer.SetText(p.Name)
		}
	}
	if pol.Priority >= claimdesk.Primary && pol.Priority <= claimdesk.Tertiary {
		pe.priority.SetText(priorityNames[pol.Priority-1])
	}
	pe.member.SetText(pol.MemberID)
	pe.group.SetText(pol.GroupNumber)
	pe.plan.SetText(pol.PlanName)
	pe.rel.SetText(string(pol.Relationship))
	pe.from.SetText(formatDay(pol.EffectiveFrom))
	pe.to.SetText(formatDay(pol.EffectiveTo))
	if pol.Subscriber != nil {
		pe.sub.fill(*pol.Subscriber)
	}
	pe.showSubscriber()
	return pe
}

func (pe *policyEditor) setPayers(payers []claimdesk.Payer) {
	var names []string
	for _, p := range payers {
		names = append(names, p.Name)
	}
	pe.payer.SetOptions(names)
}

func (pe *policyEditor) showSubscriber() {
	if r := strings.ToLower(strings.TrimSpace(pe.rel.Text)); r == "" || r == "self" {
		pe.subBox.Hide()
	} else {
		pe.subBox.Show()
	}
}

// policy maps the editor to a Policy with every field error.
func (pe *policyEditor) policy() (claimdesk.Policy, claimdesk.FieldErrors) {
	t := strings.TrimSpace
	var parse claimdesk.FieldErrors
	pol := claimdesk.Policy{ID: pe.id, PatientID: pe.ps.current.ID, MemberID: t(pe.member.Text), GroupNumber: t(pe.group.Text),
		PlanName: t(pe.plan.Text), Relationship: claimdesk.Relationship(strings.ToLower(t(pe.rel.Text)))}
	name := strings.ToLower(t(pe.payer.Text))
	for _, p := range pe.ps.payers {
		if strings.ToLower(p.Name) == name {
			pol.PayerID = p.ID
		}
	}
	if pol.PayerID == 0 && name != "" {
		// A unique beginning of a payer's name is enough.
		var hits []claimdesk.Payer
		for _, p := range pe.ps.payers {
			if strings.HasPrefix(strings.ToLower(p.Name), name) {
				hits = append(hits, p)
			}
		}
		if len(hits) == 1 {
			pol.PayerID = hits[0].ID
		}
	}
	for i, n := range priorityNames {
		if strings.EqualFold(t(pe.priority.Text), n) || t(pe.priority.Text) == fmt.Sprint(i+1) {
			pol.Priority = claimdesk.Priority(i + 1)
		}
	}
	var err error
	if pol.EffectiveFrom, err = parseDay(pe.from.Text); err != nil {
		parse = append(parse, claimdesk.FieldError{Path: "effective_from", Message: "coverage start: " + err.Error()})
	}
	if pol.EffectiveTo, err = parseDay(pe.to.Text); err != nil {
		parse = append(parse, claimdesk.FieldError{Path: "effective_to", Message: "coverage end: " + err.Error()})
	}
	if pol.Relationship != claimdesk.RelSelf && pol.Relationship != "" {
		sub, fe := pe.sub.person("subscriber.")
		parse = append(parse, fe...)
		pol.Subscriber = &sub
	}
	return pol, withoutDup(pol.Validate(pe.ps.s.today()), parse)
}

func (pe *policyEditor) save() {
	pol, fe := pe.policy()
	var main, sub claimdesk.FieldErrors
	for _, x := range fe {
		if strings.HasPrefix(x.Path, "subscriber.") {
			sub = append(sub, x)
		} else {
			main = append(main, x)
		}
	}
	c := pe.ps.s.win.Canvas()
	shown := pe.fs.show(main.Err(), c)
	if pe.subFS.show(sub.Err(), nil) && !shown {
		pe.subFS.show(sub.Err(), c)
	}
	if len(fe) > 0 {
		return
	}
	d := pe.ps.s.desk
	ps := pe.ps
	ps.s.Busy("Saving policy", func(ctx context.Context) error {
		return d.Patients.SavePolicy(ctx, &pol)
	}, func(err error) {
		if err != nil {
			pe.fs.show(err, c)
			return
		}
		ps.s.Status("Policy saved")
		ps.polHolder.Objects = nil
		ps.polHolder.Refresh()
		ps.pol = nil
		ps.open(ps.current)
		c.Focus(ps.addPolB)
	})
}

func (pe *policyEditor) remove() {
	if pe.id == 0 {
		return
	}
	d := pe.ps.s.desk
	ps := pe.ps
	id := pe.id
	ps.s.Busy("Removing policy", func(ctx context.Context) error {
		return d.Patients.DeletePolicy(ctx, id)
	}, func(err error) {
		if err != nil {
			pe.fs.show(err, ps.s.win.Canvas())
			return
		}
		ps.s.Status("Policy removed")
		ps.open(ps.current)
	})
}
