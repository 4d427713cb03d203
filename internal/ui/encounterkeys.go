package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key to the focused widget only: the window's own key
// handler (Esc closes the newest dialog) never sees it while a button,
// check box or select has the focus. The widgets below take Esc themselves
// and run onEscape, so that Esc closes a dialog wherever its focus is.

// escButton is a button whose Esc runs onEscape and whose Enter presses it.
type escButton struct {
	widget.Button
	onEscape func()
}

func newEscButton(label string, icon fyne.Resource, tapped func(), onEscape func()) *escButton {
	b := &escButton{onEscape: onEscape}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey implements fyne.Focusable: Enter presses the button too.
func (b *escButton) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && b.onEscape != nil:
		b.onEscape()
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	default:
		b.Button.TypedKey(k)
	}
}

// escCheck is a check box whose Esc runs onEscape; y and n (or 1 and 0)
// set it, Space toggles it.
type escCheck struct {
	widget.Check
	onEscape func()
}

func newEscCheck(label string, changed func(bool), onEscape func()) *escCheck {
	c := &escCheck{onEscape: onEscape}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements fyne.Focusable.
func (c *escCheck) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && c.onEscape != nil {
		c.onEscape()
		return
	}
	c.Check.TypedKey(k)
}

// TypedRune implements fyne.Focusable: y/1 checks, n/0 unchecks.
func (c *escCheck) TypedRune(r rune) {
	if c.Disabled() {
		return
	}
	switch r {
	case 'y', 'Y', '1':
		c.SetChecked(true)
	case 'n', 'N', '0':
		c.SetChecked(false)
	default:
		c.Check.TypedRune(r)
	}
}

// keySelect is a select that is chosen from the keyboard by typing: the
// typed characters pick the first option that starts with them, or one of
// whose words does ("k" or "ord" picks "DK ordering", "43" picks "439
// accident"). Esc runs onEscape.
type keySelect struct {
	widget.Select
	onEscape func()
	typed    string
}

func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// FocusGained implements fyne.Focusable: typing starts afresh.
func (s *keySelect) FocusGained() {
	s.typed = ""
	s.Select.FocusGained()
}

// TypedKey implements fyne.Focusable.
func (s *keySelect) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if s.onEscape != nil {
			s.onEscape()
		}
	case fyne.KeyBackspace, fyne.KeyDelete:
		s.typed = ""
	default:
		s.Select.TypedKey(k)
	}
}

// TypedRune implements fyne.Focusable.
func (s *keySelect) TypedRune(r rune) {
	if s.Disabled() || r == ' ' {
		return
	}
	if i := matchOption(s.Options, s.typed+string(r)); i >= 0 {
		s.typed += string(r)
		s.pick(i)
		return
	}
	if i := matchOption(s.Options, string(r)); i >= 0 {
		s.typed = string(r)
		s.pick(i)
	}
}

func (s *keySelect) pick(i int) {
	if s.SelectedIndex() != i {
		s.SetSelectedIndex(i)
	}
}

// matchOption returns the first option that starts with typed, else the
// first with a word (or a code's letters after the first) that does,
// ignoring case; -1 when none.
func matchOption(options []string, typed string) int {
	t := strings.ToLower(typed)
	if t == "" {
		return -1
	}
	for i, o := range options {
		if strings.HasPrefix(strings.ToLower(o), t) {
			return i
		}
	}
	for i, o := range options {
		words := strings.Fields(strings.ToLower(o))
		for j, w := range words {
			if strings.HasPrefix(w, t) || (j == 0 && len(w) > 1 && strings.HasPrefix(w[1:], t)) {
				return i
			}
		}
	}
	return -1
}

// choiceGroup is a keyboard-friendly radio group: one focus stop, Up/Down
// (or Left/Right) move the choice, a typed first letter picks an option,
// a tap picks the option under it; Esc runs onEscape. (widget.RadioGroup
// gives the focus to its options, which do not take Esc.)
type choiceGroup struct {
	widget.BaseWidget
	Options  []string
	Selected string
	// OnChanged is called with the new choice.
	OnChanged func(string)
	onEscape  func()
	focused   bool
	rows      []*choiceRow
	box       *fyne.Container
}

func newChoiceGroup(options []string, changed func(string)) *choiceGroup {
	g := &choiceGroup{Options: options, OnChanged: changed, box: container.NewVBox()}
	for i := range options {
		r := &choiceRow{g: g, i: i, bg: canvas.NewRectangle(nil), icon: widget.NewIcon(theme.RadioButtonIcon()), label: widget.NewLabel(options[i])}
		r.ExtendBaseWidget(r)
		g.rows = append(g.rows, r)
		g.box.Add(r)
	}
	g.ExtendBaseWidget(g)
	return g
}

// CreateRenderer implements fyne.Widget.
func (g *choiceGroup) CreateRenderer() fyne.WidgetRenderer {
	g.paint()
	return widget.NewSimpleRenderer(g.box)
}

// SetSelected chooses option s.
func (g *choiceGroup) SetSelected(s string) {
	for i, o := range g.Options {
		if o == s {
			g.choose(i)
		}
	}
}

func (g *choiceGroup) index() int {
	for i, o := range g.Options {
		if o == g.Selected {
			return i
		}
	}
	return -1
}

func (g *choiceGroup) choose(i int) {
	if i < 0 || i >= len(g.Options) || g.Options[i] == g.Selected {
		return
	}
	g.Selected = g.Options[i]
	g.paint()
	if g.OnChanged != nil {
		g.OnChanged(g.Selected)
	}
}

func (g *choiceGroup) paint() {
	for i, r := range g.rows {
		if g.Options[i] == g.Selected {
			r.icon.SetResource(theme.RadioButtonCheckedIcon())
		} else {
			r.icon.SetResource(theme.RadioButtonIcon())
		}
		if g.focused && g.Options[i] == g.Selected {
			r.bg.FillColor = theme.Color(theme.ColorNameFocus)
		} else {
			r.bg.FillColor = nil
		}
		r.bg.Refresh()
	}
}

// FocusGained implements fyne.Focusable.
func (g *choiceGroup) FocusGained() { g.focused = true; g.paint() }

// FocusLost implements fyne.Focusable.
func (g *choiceGroup) FocusLost() { g.focused = false; g.paint() }

// TypedRune implements fyne.Focusable.
func (g *choiceGroup) TypedRune(r rune) {
	if i := matchOption(g.Options, string(r)); i >= 0 {
		g.choose(i)
	}
}

// TypedKey implements fyne.Focusable.
func (g *choiceGroup) TypedKey(k *fyne.KeyEvent) {
	n := len(g.Options)
	if n == 0 {
		return
	}
	switch k.Name {
	case fyne.KeyEscape:
		if g.onEscape != nil {
			g.onEscape()
		}
	case fyne.KeyDown, fyne.KeyRight:
		g.choose((g.index() + 1) % n)
	case fyne.KeyUp, fyne.KeyLeft:
		g.choose((g.index() - 1 + n) % n)
	}
}

// choiceRow is one option of a choiceGroup (not focusable itself).
type choiceRow struct {
	widget.BaseWidget
	g     *choiceGroup
	i     int
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
}

// CreateRenderer implements fyne.Widget.
func (r *choiceRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, nil, r.icon, nil, r.label)))
}

// Tapped implements fyne.Tappable: picks the option and focuses the group.
func (r *choiceRow) Tapped(*fyne.PointEvent) {
	r.g.choose(r.i)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.g); c != nil {
		c.Focus(r.g)
	}
}
