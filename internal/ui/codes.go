package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
)

const codesName = "Codes"

func init() {
	registerScreen(40, codesName, themeIcon(theme.IconNameSearch), func(s *Shell) screen { return newCodeScreen(s) })
}

// codeScreen is the code browser (search, notes, parents and children,
// release, favourites) and the code-set releases with their imports.
type codeScreen struct {
	s    *Shell
	tabs *container.AppTabs

	box     *searchBox
	favs    map[string]bool // system|code
	cur     *codeHit
	title   *widget.Label
	facts   *widget.Label
	starB   *widget.Button
	notes   *fyne.Container
	parents *fyne.Container
	kids    *fyne.Container

	releases   *fyne.Container
	importB    *widget.Button
	starterB   *widget.Button
	releaseMsg *widget.Label
}

func favKey(sys claimdesk.CodeSystem, code string) string {
	return string(sys) + "|" + strings.ToUpper(code)
}

func newCodeScreen(s *Shell) *codeScreen {
	cs := &codeScreen{s: s, favs: map[string]bool{}}
	cs.box = newSearchBox("Search codes: words, abbreviations or a code (diab 2 hyperg, E11.65, 99213)", 14, false)
	cs.box.async = func(f func()) { s.goAsync(f) }
	cs.box.search = cs.search
	cs.box.OnPick = func(it pickItem) {
		if h, ok := it.Value.(codeHit); ok {
			cs.show(h)
		}
	}
	cs.box.OnError = func(err error) { s.Status("Code search: " + claimdesk.ErrorMessage(err)) }
	cs.title = widget.NewLabelWithStyle("Type to search; Enter shows the highlighted code.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cs.title.Wrapping = fyne.TextWrapWord
	cs.facts = widget.NewLabel("")
	cs.facts.Wrapping = fyne.TextWrapWord
	cs.starB = widget.NewButton("☆ Star (ranks first in searches)", cs.toggleStar)
	cs.starB.Disable()
	cs.notes = container.NewVBox()
	cs.parents = container.NewVBox()
	cs.kids = container.NewVBox()
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	detail := container.NewVBox(cs.title, cs.facts, container.NewHBox(cs.starB), widget.NewSeparator(),
		bold("Notes"), cs.notes, bold("Parents"), cs.parents, bold("Codes below"), cs.kids)
	split := container.NewHSplit(container.NewBorder(cs.box, nil, nil, nil), container.NewVScroll(container.NewPadded(detail)))
	split.Offset = 0.5

	cs.releases = container.NewVBox()
	cs.importB = widget.NewButtonWithIcon("Import official CMS files…", theme.FolderOpenIcon(), cs.importOfficial)
	cs.starterB = widget.NewButtonWithIcon("Load the starter list", theme.DocumentIcon(), cs.importStarter)
	cs.releaseMsg = widget.NewLabel("")
	cs.releaseMsg.Wrapping = fyne.TextWrapWord
	help := widget.NewLabel("Choose the folder holding the official files (ICD-10-CM order or codes file, HCPCS alpha-numeric file, Tabular XML, POS list, the practice's CPT file). Each release is kept with its valid dates; claims use the release that covers their date of service.")
	help.Wrapping = fyne.TextWrapWord
	rel := container.NewBorder(container.NewVBox(help, container.NewHBox(cs.importB, cs.starterB), cs.releaseMsg, widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(cs.releases))

	cs.tabs = container.NewAppTabs(container.NewTabItem("Browse", split), container.NewTabItem("Code sets", rel))
	cs.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "Code sets" {
			cs.loadReleases()
		}
	}
	return cs
}

func (cs *codeScreen) content() fyne.CanvasObject { return cs.tabs }

func (cs *codeScreen) shown() {
	cs.loadFavourites()
	if cs.tabs.SelectedIndex() == 1 {
		cs.loadReleases()
		return
	}
	cs.s.win.Canvas().Focus(cs.box.entry)
}

func (cs *codeScreen) loadFavourites() {
	d := cs.s.desk
	if d == nil {
		return
	}
	var favs []claimdesk.Favourite
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		favs, err = d.Favourites(ctx)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.log.Error("favourites", "err", err)
			return
		}
		cs.favs = map[string]bool{}
		for _, f := range favs {
			cs.favs[favKey(f.System, f.Code)] = true
		}
	})
}

// search runs the code search over every code system; starred codes come
// first.
func (cs *codeScreen) search(ctx context.Context, q string) ([]pickItem, error) {
	hits, err := cs.s.records().SearchCodes(ctx, q, 40)
	if err != nil {
		return nil, err
	}
	var starred, rest []pickItem
	for _, h := range hits {
		it := pickItem{Key: h.Code, Title: h.Title, Value: h, Tag: systemTag(h.System)}
		if h.System == claimdesk.SystemICD10CM && !h.Billable {
			it.Tag, it.Warn = "header", true
		}
		if cs.favs[favKey(h.System, h.Code)] {
			it.Key = "★ " + it.Key
			starred = append(starred, it)
			continue
		}
		rest = append(rest, it)
	}
	return append(starred, rest...), nil
}

func systemTag(s claimdesk.CodeSystem) string {
	switch s {
	case claimdesk.SystemICD10CM:
		return "ICD-10-CM"
	case claimdesk.SystemHCPCS:
		return "HCPCS"
	case claimdesk.SystemCPT:
		return "CPT"
	case claimdesk.SystemProcedure:
		return "procedure"
	}
	return string(s)
}

// show loads code h's details: facts, notes, parents and children.
func (cs *codeScreen) show(h codeHit) {
	cs.cur = &h
	cs.starB.Enable()
	cs.updateStar()
	cs.title.SetText(h.Code + "  " + h.Title)
	rb := cs.s.records()
	var det billing.CodeDetail
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		det, err = rb.ShowCode(ctx, h.System, h.Code)
		return err
	}, func(err error) {
		if cs.cur == nil || cs.cur.Code != h.Code {
			return
		}
		if err != nil {
			cs.facts.SetText(claimdesk.ErrorMessage(err))
			return
		}
		bill := "billable"
		if !det.Billable {
			bill = "not billable (a header: pick a code below it)"
		}
		facts := fmt.Sprintf("%s · %s", systemTag(det.System), bill)
		if det.Release != "" {
			facts += " · release " + det.Release
		}
		if h.Matched != "" {
			facts += " · matched on " + h.Matched
		}
		cs.facts.SetText(facts)
		cs.notes.Objects = nil
		for _, n := range det.Notes {
			t := noteLabel(n.Kind) + ": " + n.Text
			if n.Char != "" {
				t = "7th character " + n.Char + ": " + n.Text
			}
			if n.From != "" && !strings.EqualFold(n.From, det.Code) {
				t += "  (from " + n.From + ")"
			}
			if n.Release != "" && n.Release != det.Release {
				t += "  [" + n.Release + "]"
			}
			l := widget.NewLabel(t)
			l.Wrapping = fyne.TextWrapWord
			cs.notes.Add(l)
		}
		if len(det.Notes) == 0 {
			cs.notes.Add(widget.NewLabel("—"))
		}
		cs.notes.Refresh()
		fillRefs := func(box *fyne.Container, refs []codesearch.CodeRef) {
			box.Objects = nil
			for i, r := range refs {
				if i == 40 {
					box.Add(widget.NewLabel(fmt.Sprintf("… and %d more", len(refs)-40)))
					break
				}
				rh := codeHit{System: r.System, Code: r.Code, Title: r.Title, Billable: r.Billable}
				b := widget.NewButton(r.Code+"  "+r.Title, func() { cs.show(rh) })
				b.Alignment = widget.ButtonAlignLeading
				box.Add(b)
			}
			if len(refs) == 0 {
				box.Add(widget.NewLabel("—"))
			}
			box.Refresh()
		}
		fillRefs(cs.parents, det.Parents)
		fillRefs(cs.kids, det.Children)
	})
}

// noteLabel names a Tabular note kind as coders say it.
func noteLabel(k claimdesk.NoteKind) string {
	switch k {
	case claimdesk.NoteInclusion:
		return "Inclusion term"
	case claimdesk.NoteIncludes:
		return "Includes"
	case claimdesk.NoteExcludes1:
		return "Excludes1"
	case claimdesk.NoteExcludes2:
		return "Excludes2"
	case claimdesk.NoteCodeFirst:
		return "Code first"
	case claimdesk.NoteUseAdditional:
		return "Use additional code"
	case claimdesk.NoteCodeAlso:
		return "Code also"
	case claimdesk.NoteSeventhChar, claimdesk.NoteSeventhNote:
		return "7th character"
	}
	return "Note"
}

func (cs *codeScreen) updateStar() {
	if cs.cur == nil {
		return
	}
	if cs.favs[favKey(cs.cur.System, cs.cur.Code)] {
		cs.starB.SetText("★ Starred: click to unstar")
		cs.starB.Importance = widget.HighImportance
	} else {
		cs.starB.SetText("☆ Star (ranks first in searches)")
		cs.starB.Importance = widget.MediumImportance
	}
	cs.starB.Refresh()
}

func (cs *codeScreen) toggleStar() {
	if cs.cur == nil {
		return
	}
	h := *cs.cur
	on := !cs.favs[favKey(h.System, h.Code)]
	d := cs.s.desk
	cs.s.Busy("", func(ctx context.Context) error {
		return d.SetFavourite(ctx, claimdesk.Favourite{System: h.System, Code: h.Code}, on)
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		if on {
			cs.favs[favKey(h.System, h.Code)] = true
			cs.s.Status(h.Code + " starred")
		} else {
			delete(cs.favs, favKey(h.System, h.Code))
			cs.s.Status(h.Code + " unstarred")
		}
		cs.updateStar()
	})
}

func (cs *codeScreen) loadReleases() {
	var rels []claimdesk.Release
	cs.s.Busy("", func(ctx context.Context) error {
		var err error
		rels, err = cs.s.records().Releases(ctx)
		return err
	}, func(err error) {
		cs.releases.Objects = nil
		if err != nil {
			cs.releases.Add(widget.NewLabel(claimdesk.ErrorMessage(err)))
			cs.releases.Refresh()
			return
		}
		head := container.NewGridWithColumns(5, boldLabel("Release"), boldLabel("Code set"), boldLabel("Valid from"), boldLabel("Valid to"), boldLabel("File"))
		cs.releases.Add(head)
		for _, r := range rels {
			to := formatDay(r.ValidTo)
			if to == "" {
				to = "open-ended"
			}
			src := widget.NewLabel(r.Source)
			src.Truncation = fyne.TextTruncateEllipsis
			from := formatDay(r.ValidFrom)
			if from == "" {
				from = "any date"
			}
			cs.releases.Add(container.NewGridWithColumns(5, widget.NewLabel(r.Name), widget.NewLabel(systemTag(r.System)),
				widget.NewLabel(from), widget.NewLabel(to), src))
		}
		if w := releaseWarning(rels, cs.s.today()); w != "" {
			l := widget.NewLabel(w)
			l.Importance = widget.WarningImportance
			l.Wrapping = fyne.TextWrapWord
			cs.releases.Add(l)
		}
		if len(rels) == 0 {
			cs.releases.Add(widget.NewLabel("No code sets yet: import the official files or load the starter list."))
		}
		cs.releases.Refresh()
	})
}

// releaseWarning says when the newest ICD-10-CM release ended before
// today: claims dated after it need the next release ("" when fine).
func releaseWarning(rels []claimdesk.Release, today claimdesk.Date) string {
	var newest *claimdesk.Release
	for i, r := range rels {
		if r.System == claimdesk.SystemICD10CM && !r.ValidFrom.IsZero() && (newest == nil || r.ValidFrom.After(newest.ValidFrom)) {
			newest = &rels[i]
		}
	}
	if newest == nil || newest.ValidTo.IsZero() || !newest.ValidTo.Before(today) {
		return ""
	}
	return fmt.Sprintf("%s ended on %s: diagnoses for services after that date need the next release (the October ICD-10-CM files). Import it when CMS publishes it.",
		newest.Name, formatDay(newest.ValidTo))
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (cs *codeScreen) importOfficial() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		importCodeFolder(cs.s, u, func(msg string) {
			cs.releaseMsg.SetText(msg)
			cs.loadReleases()
		})
	}, cs.s.win)
	d.Show()
}

func (cs *codeScreen) importStarter() {
	var msg string
	cs.s.Busy("Loading the starter list", func(ctx context.Context) error {
		var err error
		msg, err = cs.s.records().ImportStarterCodes(ctx)
		return err
	}, func(err error) {
		if err != nil {
			cs.s.ShowError(err)
			return
		}
		cs.releaseMsg.SetText("Starter list loaded: " + msg)
		cs.loadReleases()
	})
}
