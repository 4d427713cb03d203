package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/claimdesk"
)

// practiceFields are the practice's entries: the clinic (name, address,
// phone, tax ID) and the billing provider (NPI, taxonomy, assignment).
type practiceFields struct {
	clinic, billing          *fieldSet
	name, line1, line2, city *widget.Entry
	state, zip, phone, taxID *widget.Entry
	taxType                  *widget.SelectEntry
	npi, taxonomy            *widget.Entry
	npiHint                  *widget.Label
	accept                   *widget.Check
	id                       int64
}

func newPracticeFields() *practiceFields {
	f := &practiceFields{clinic: newFieldSet(), billing: newFieldSet()}
	c := f.clinic
	f.name = c.entry("name", "Practice name", "as on the claim (box 33)")
	f.line1 = c.entry("address.line1", "Street", "")
	f.line2 = c.entry("address.line2", "Suite", "optional")
	f.city = c.entry("address.city", "City", "")
	f.state = c.entry("address.state", "State", "2 letters, e.g. IL")
	f.zip = c.entry("address.zip", "ZIP", "5 or 9 digits")
	f.phone = c.entry("phone", "Phone", "(555) 123-4567")
	f.taxType = c.choice("tax_id_type", "Tax ID type", []string{"EIN", "SSN"})
	f.taxType.SetText("EIN")
	f.taxID = c.entry("tax_id", "Tax ID", "XX-XXXXXXX")
	b := f.billing
	f.npi = widget.NewEntry()
	f.npi.SetPlaceHolder("10 digits")
	f.npi.OnSubmitted = func(string) {
		if b.submit != nil {
			b.submit()
		}
	}
	f.npiHint = widget.NewLabel("")
	npiHint(f.npi, f.npiHint)
	b.add("npi", "Billing NPI", container.NewVBox(f.npi, f.npiHint), f.npi)
	f.taxonomy = b.entry("taxonomy", "Taxonomy", "optional, e.g. 207Q00000X")
	f.accept = widget.NewCheck("Accept assignment (box 27)", nil)
	f.accept.SetChecked(true)
	b.add("accept_assignment", "", f.accept, f.accept)
	return f
}

func (f *practiceFields) fill(p claimdesk.Practice) {
	f.id = p.ID
	f.name.SetText(p.Name)
	f.line1.SetText(p.Address.Line1)
	f.line2.SetText(p.Address.Line2)
	f.city.SetText(p.Address.City)
	f.state.SetText(p.Address.State)
	f.zip.SetText(zipText(p.Address.ZIP))
	f.phone.SetText(phoneText(p.Phone))
	if p.TaxIDType != "" {
		f.taxType.SetText(string(p.TaxIDType))
	}
	f.taxID.SetText(p.TaxID)
	f.npi.SetText(p.NPI)
	f.taxonomy.SetText(p.Taxonomy)
	f.accept.SetChecked(p.AcceptAssignment || p.ID == 0)
}

func (f *practiceFields) practice() claimdesk.Practice {
	t := strings.TrimSpace
	return claimdesk.Practice{
		ID:   f.id,
		Name: t(f.name.Text),
		Address: claimdesk.Address{Line1: t(f.line1.Text), Line2: t(f.line2.Text), City: t(f.city.Text),
			State: strings.ToUpper(t(f.state.Text)), ZIP: t(f.zip.Text)},
		Phone: t(f.phone.Text), TaxID: t(f.taxID.Text), TaxIDType: claimdesk.TaxIDType(strings.ToUpper(t(f.taxType.Text))),
		NPI: t(f.npi.Text), Taxonomy: strings.ToUpper(t(f.taxonomy.Text)), AcceptAssignment: f.accept.Checked,
	}
}

// split divides a practice's field errors into the clinic's and the
// billing provider's.
func (f *practiceFields) split(fe claimdesk.FieldErrors) (clinic, billing claimdesk.FieldErrors) {
	for _, x := range fe {
		if x.Path == "npi" || x.Path == "taxonomy" {
			billing = append(billing, x)
		} else {
			clinic = append(clinic, x)
		}
	}
	return clinic, billing
}

// providerFields are one provider's entries.
type providerFields struct {
	fs                             *fieldSet
	role                           *widget.SelectEntry
	first, middle, last, cred, npi *widget.Entry
	taxonomy                       *widget.Entry
	npiHint                        *widget.Label
	id                             int64
}

func newProviderFields(withRole bool) *providerFields {
	f := &providerFields{fs: newFieldSet()}
	if withRole {
		f.role = f.fs.choice("role", "Role", []string{"rendering", "referring", "supervising"})
	}
	f.first = f.fs.entry("first", "First name", "")
	f.middle = f.fs.entry("middle", "Middle", "optional")
	f.last = f.fs.entry("last", "Last name", "")
	f.cred = f.fs.entry("credentials", "Credentials", "MD, DO, NP…")
	f.npi = widget.NewEntry()
	f.npi.SetPlaceHolder("10 digits")
	f.npi.OnSubmitted = func(string) {
		if f.fs.submit != nil {
			f.fs.submit()
		}
	}
	f.npiHint = widget.NewLabel("")
	npiHint(f.npi, f.npiHint)
	f.fs.add("npi", "NPI", container.NewVBox(f.npi, f.npiHint), f.npi)
	f.taxonomy = f.fs.entry("taxonomy", "Taxonomy", "optional, e.g. 207Q00000X")
	return f
}

func (f *providerFields) fill(p claimdesk.Provider) {
	f.id = p.ID
	if f.role != nil {
		f.role.SetText(string(p.Role))
	}
	f.first.SetText(p.First)
	f.middle.SetText(p.Middle)
	f.last.SetText(p.Last)
	f.cred.SetText(p.Credentials)
	f.npi.SetText(p.NPI)
	f.taxonomy.SetText(p.Taxonomy)
}

func (f *providerFields) provider() claimdesk.Provider {
	t := strings.TrimSpace
	p := claimdesk.Provider{ID: f.id, Role: claimdesk.RoleRendering, First: t(f.first.Text), Middle: t(f.middle.Text),
		Last: t(f.last.Text), Credentials: t(f.cred.Text), NPI: t(f.npi.Text), Taxonomy: strings.ToUpper(t(f.taxonomy.Text))}
	if f.role != nil {
		p.Role = claimdesk.ProviderRole(strings.ToLower(t(f.role.Text)))
	}
	return p
}

// setupWizard is the first-run setup: practice, billing provider, first
// rendering provider, code sets. Each step saves what it can, so the app
// is usable whenever the user stops ("Finish later"); Settings finishes
// the rest.
type setupWizard struct {
	s     *Shell
	dlg   dialog.Dialog
	step  int
	title *widget.Label
	help  *widget.Label
	body  *fyne.Container
	back  *widget.Button
	next  *widget.Button
	later *widget.Button

	practice *practiceFields
	provider *providerFields
	codesMsg *widget.Label
	starter  *widget.Button
	official *widget.Button

	// saved remembers what each step stored.
	practiceSaved, providerSaved, codesDone bool
}

var setupSteps = []string{"1 of 4 · Practice", "2 of 4 · Billing provider", "3 of 4 · Rendering provider", "4 of 4 · Code sets"}

// setupHelp explains each step in a sentence.
var setupHelp = []string{
	"The clinic as it appears on every claim: name and address (box 33), phone and tax ID (box 25).",
	"The practice bills as the billing provider (box 33a): its 10-digit NPI is checked as you type.",
	"The first provider who sees patients (box 24J). Add more providers later under Settings.",
	"",
}

// lastSetup is the setup opened last (tests reach its widgets through it).
var lastSetup *setupWizard

// showSetup opens the first-run setup over the window and returns it.
func showSetup(s *Shell) *setupWizard {
	w := &setupWizard{s: s, practice: newPracticeFields(), provider: newProviderFields(false)}
	lastSetup = w
	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.help = widget.NewLabel("")
	w.help.Wrapping = fyne.TextWrapWord
	w.body = container.NewStack()
	w.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { w.show(w.step - 1) })
	w.next = widget.NewButtonWithIcon("Save and continue", theme.NavigateNextIcon(), w.advance)
	w.next.Importance = widget.HighImportance
	w.later = widget.NewButton("Finish later", func() { w.dlg.Hide() })
	w.practice.clinic.submit = w.advance
	w.practice.billing.submit = w.advance
	w.provider.fs.submit = w.advance

	w.codesMsg = widget.NewLabel("ClaimDesk needs diagnosis and procedure codes. Import the official CMS files " +
		"(ICD-10-CM order file, HCPCS alpha-numeric file) or start with the small starter list built into ClaimDesk; " +
		"you can import the full files later under Codes.")
	w.codesMsg.Wrapping = fyne.TextWrapWord
	w.starter = widget.NewButtonWithIcon("Start with the starter list", theme.DocumentIcon(), w.importStarter)
	w.official = widget.NewButtonWithIcon("Import official CMS files…", theme.FolderOpenIcon(), w.importOfficial)

	intro := widget.NewLabel("Welcome to ClaimDesk. Four short steps set up your practice; each is saved as you go, " +
		"and \"Finish later\" leaves the rest for Settings.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(container.NewVBox(intro, w.title, w.help, widget.NewSeparator()),
		container.NewHBox(w.later, layout.NewSpacer(), w.back, w.next), nil, nil, container.NewVScroll(w.body))
	w.dlg = dialog.NewCustomWithoutButtons("Set up ClaimDesk", content, s.win)
	w.dlg.Resize(fyne.NewSize(640, 640))
	s.showDialog(w.dlg, nil)
	// Pre-fill from what an earlier, unfinished setup saved.
	d := s.desk
	var pr claimdesk.Practice
	var provs []claimdesk.Provider
	s.Busy("", func(ctx context.Context) error {
		var err error
		if pr, err = d.Practice.Practice(ctx); err != nil && claimdesk.ErrorCode(err) != claimdesk.ENotFound {
			return err
		}
		provs, err = d.Practice.Providers(ctx)
		return err
	}, func(err error) {
		if err == nil {
			if pr.ID != 0 {
				w.practice.fill(pr)
				w.practiceSaved = true
			}
			for _, p := range provs {
				if p.Role == claimdesk.RoleRendering {
					w.provider.fill(p)
					w.providerSaved = true
					break
				}
			}
		}
		w.show(0)
	})
	return w
}

func (w *setupWizard) show(step int) {
	if step < 0 || step >= len(setupSteps) {
		return
	}
	w.step = step
	w.title.SetText(setupSteps[step])
	w.help.SetText(setupHelp[step])
	if setupHelp[step] == "" {
		w.help.Hide()
	} else {
		w.help.Show()
	}
	var obj fyne.CanvasObject
	var focus fyne.Focusable
	switch step {
	case 0:
		obj, focus = w.practice.clinic.form(), w.practice.name
	case 1:
		obj, focus = w.practice.billing.form(), w.practice.npi
	case 2:
		obj, focus = w.provider.fs.form(), w.provider.first
	case 3:
		obj = container.NewVBox(w.codesMsg, container.NewHBox(w.official, w.starter))
		focus = w.starter
	}
	w.body.Objects = []fyne.CanvasObject{obj}
	w.body.Refresh()
	if step == 0 {
		w.back.Disable()
	} else {
		w.back.Enable()
	}
	if step == 3 {
		w.next.SetText("Done")
		w.next.SetIcon(theme.ConfirmIcon())
	} else if step == 0 {
		w.next.SetText("Continue")
		w.next.SetIcon(theme.NavigateNextIcon())
	} else {
		w.next.SetText("Save and continue")
		w.next.SetIcon(theme.NavigateNextIcon())
	}
	w.s.win.Canvas().Focus(focus)
}

// advance checks (and, from step 2 on, saves) the current step and moves
// to the next.
func (w *setupWizard) advance() {
	d := w.s.desk
	switch w.step {
	case 0:
		clinic, _ := w.practice.split(w.practice.practice().Validate())
		if w.practice.clinic.show(clinic.Err(), w.s.win.Canvas()) {
			return
		}
		w.show(1)
	case 1:
		p := w.practice.practice()
		clinic, billing := w.practice.split(p.Validate())
		if len(clinic) > 0 {
			w.show(0)
			w.practice.clinic.show(clinic, w.s.win.Canvas())
			return
		}
		if w.practice.billing.show(billing.Err(), w.s.win.Canvas()) {
			return
		}
		w.s.Busy("Saving practice", func(ctx context.Context) error {
			return d.Practice.SavePractice(ctx, &p)
		}, func(err error) {
			if err != nil {
				w.practice.billing.show(err, w.s.win.Canvas())
				return
			}
			w.practice.id = p.ID
			w.practiceSaved = true
			w.s.Status("Practice saved")
			w.show(2)
		})
	case 2:
		p := w.provider.provider()
		if w.provider.fs.show(p.Validate().Err(), w.s.win.Canvas()) {
			return
		}
		w.s.Busy("Saving provider", func(ctx context.Context) error {
			return d.Practice.SaveProvider(ctx, &p)
		}, func(err error) {
			if err != nil {
				w.provider.fs.show(err, w.s.win.Canvas())
				return
			}
			w.provider.id = p.ID
			w.providerSaved = true
			w.s.Status("Rendering provider saved")
			w.show(3)
		})
	case 3:
		w.s.Busy("", func(ctx context.Context) error {
			if d.Settings == nil {
				return nil
			}
			return d.SetSetting(ctx, claimdesk.SettingSetupDone, "1")
		}, func(err error) {
			if err != nil {
				w.s.ShowError(err)
			}
			w.dlg.Hide()
			w.s.RefreshCounts()
			w.s.Status("Setup finished")
		})
	}
}

func (w *setupWizard) importStarter() {
	w.s.Busy("Loading the starter code list", func(ctx context.Context) error {
		msg, err := w.s.records().ImportStarterCodes(ctx)
		if err == nil {
			fyne.Do(func() { w.codesMsg.SetText("Starter list loaded: " + msg) })
		}
		return err
	}, func(err error) {
		if err != nil {
			w.s.ShowError(err)
			return
		}
		w.codesDone = true
		w.s.win.Canvas().Focus(w.next)
	})
}

func (w *setupWizard) importOfficial() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		importCodeFolder(w.s, u, func(msg string) {
			w.codesMsg.SetText(msg)
			w.codesDone = true
		})
	}, w.s.win)
	d.Show()
}

// importCodeFolder imports every file of folder u as official code set
// files, with a progress bar and Cancel; ok gets the result message.
func importCodeFolder(s *Shell, u fyne.ListableURI, ok func(msg string)) {
	items, err := u.List()
	if err != nil {
		s.ShowError(err)
		return
	}
	var paths []string
	for _, it := range items {
		if isDir, _ := storage.CanList(it); isDir {
			continue
		}
		paths = append(paths, it.Path())
	}
	var msg string
	progressDialog(s, "Importing code sets", func(ctx context.Context, progress func(done, total int)) error {
		var err error
		msg, err = s.records().ImportCodeFiles(ctx, paths, progress)
		return err
	}, func(err error) {
		if err != nil {
			if errors.Is(err, context.Canceled) {
				s.Status("Import cancelled: nothing was changed")
				return
			}
			s.ShowError(err)
			return
		}
		ok(msg)
		s.Status("Code sets imported")
	})
}
