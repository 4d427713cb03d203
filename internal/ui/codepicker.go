package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickItem is one result row of a searchBox: a key (a code, an account
// number), its title, a short tag (billable, header, HCPCS …) and the value
// the caller gets back when the row is picked.
type pickItem struct {
	Key   string
	Title string
	Tag   string
	// Warn shows the tag in the warning colour (a header code that cannot
	// be billed, an inactive record).
	Warn  bool
	Value any
}

// searchBox is a search-as-you-type picker: an entry and, below it, up to
// rows results. The arrow keys move the highlight, Enter picks the
// highlighted row, Esc clears the results (and then the text). The
// optional detail label shows notes of the highlighted row. It is used for
// diagnoses, procedures, places of service and patients, and by the Codes
// screen: build it with newSearchBox and set its callbacks.
type searchBox struct {
	widget.BaseWidget

	entry  *searchEntry
	rows   []*hitRow
	box    *fyne.Container
	detail *widget.Label
	status *widget.Label

	items []pickItem
	cur   int

	// search returns the rows for a query; it runs through async.
	search func(ctx context.Context, q string) ([]pickItem, error)
	// describe returns the detail text of the highlighted row (notes,
	// billable, 7th characters); it runs through async. Nil: no detail.
	describe func(ctx context.Context, it pickItem) string
	// OnPick is called with the picked row.
	OnPick func(it pickItem)
	// OnEmptyEnter is called for Enter in an empty box (e.g. "done with
	// diagnoses, go to the service lines").
	OnEmptyEnter func()
	// OnError reports a failed search.
	OnError func(err error)
	// async runs f off the UI goroutine (the shell's goAsync).
	async func(f func())

	mu  sync.Mutex
	seq int
	// pending is set by Enter pressed while a search is still running: the
	// first result is picked when it arrives (type-ahead).
	pending  bool
	inFlight bool
}

// newSearchBox builds a picker with room for rows results; withDetail adds
// the notes label under them.
func newSearchBox(placeholder string, rows int, withDetail bool) *searchBox {
	b := &searchBox{async: func(f func()) { go f() }}
	b.entry = newSearchEntry(b)
	b.entry.SetPlaceHolder(placeholder)
	b.entry.OnChanged = func(string) { b.runSearch() }
	b.status = widget.NewLabel("")
	b.status.Importance = widget.LowImportance
	b.status.Hide()
	list := container.NewVBox()
	for i := 0; i < rows; i++ {
		r := newHitRow(b, i)
		b.rows = append(b.rows, r)
		list.Add(r)
	}
	b.box = container.NewVBox(list, b.status)
	if withDetail {
		b.detail = widget.NewLabel("")
		b.detail.Wrapping = fyne.TextWrapWord
		b.detail.Importance = widget.LowImportance
		b.box.Add(b.detail)
	}
	b.box.Hide()
	b.ExtendBaseWidget(b)
	return b
}

// detachDetail takes the detail label out of the box so that the caller
// can show it elsewhere (beside the results rather than under them).
func (b *searchBox) detachDetail() *widget.Label {
	if b.detail != nil {
		b.box.Remove(b.detail)
		b.detail.Importance = widget.MediumImportance
	}
	return b.detail
}

// CreateRenderer implements fyne.Widget.
func (b *searchBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(b.entry, b.box))
}

// Text returns the typed query.
func (b *searchBox) Text() string { return b.entry.Text }

// SetText sets the query (and searches).
func (b *searchBox) SetText(s string) { b.entry.SetText(s) }

// Clear empties the box and hides the results.
func (b *searchBox) Clear() {
	b.mu.Lock()
	b.seq++
	b.mu.Unlock()
	b.inFlight, b.pending = false, false
	changed := b.entry.OnChanged
	b.entry.OnChanged = nil
	b.entry.SetText("")
	b.entry.OnChanged = changed
	b.setItems(nil, "")
}

// Highlighted returns the highlighted row, if any.
func (b *searchBox) Highlighted() (pickItem, bool) {
	if b.cur < 0 || b.cur >= len(b.items) {
		return pickItem{}, false
	}
	return b.items[b.cur], true
}

// Items returns the rows shown now.
func (b *searchBox) Items() []pickItem { return b.items }

func (b *searchBox) runSearch() {
	q := b.entry.Text
	b.mu.Lock()
	b.seq++
	seq := b.seq
	b.mu.Unlock()
	if q == "" || b.search == nil {
		b.inFlight = false
		b.setItems(nil, "")
		return
	}
	b.inFlight = true
	b.async(func() {
		items, err := b.search(context.Background(), q)
		fyne.Do(func() {
			b.mu.Lock()
			stale := seq != b.seq
			b.mu.Unlock()
			if stale {
				return
			}
			b.inFlight = false
			if err != nil {
				b.pending = false
				if b.OnError != nil {
					b.OnError(err)
				}
				b.setItems(nil, "Search failed")
				return
			}
			msg := ""
			if len(items) == 0 {
				msg = "No match. Try fewer or shorter words."
			}
			b.setItems(items, msg)
			if b.pending {
				b.pending = false
				b.pick()
			}
		})
	})
}

func (b *searchBox) setItems(items []pickItem, msg string) {
	b.items = items
	b.cur = 0
	if len(items) == 0 {
		b.cur = -1
	}
	b.status.SetText(msg)
	if msg == "" {
		b.status.Hide()
	} else {
		b.status.Show()
	}
	if len(items) == 0 && msg == "" {
		b.box.Hide()
	} else {
		b.box.Show()
	}
	b.paint()
	b.showDetail()
}

func (b *searchBox) paint() {
	for i, r := range b.rows {
		if i < len(b.items) {
			r.set(b.items[i], i == b.cur)
			r.Show()
		} else {
			r.Hide()
		}
	}
}

func (b *searchBox) move(delta int) {
	if len(b.items) == 0 {
		return
	}
	n := min(len(b.items), len(b.rows))
	b.cur = (b.cur + delta + n) % n
	b.paint()
	b.showDetail()
}

func (b *searchBox) showDetail() {
	if b.detail == nil {
		return
	}
	it, ok := b.Highlighted()
	if !ok || b.describe == nil {
		b.detail.SetText("")
		return
	}
	b.mu.Lock()
	seq := b.seq
	b.mu.Unlock()
	cur := b.cur
	b.async(func() {
		text := b.describe(context.Background(), it)
		fyne.Do(func() {
			b.mu.Lock()
			stale := seq != b.seq
			b.mu.Unlock()
			if stale || cur != b.cur {
				return
			}
			b.detail.SetText(text)
		})
	})
}

// pick picks the highlighted row (Enter).
func (b *searchBox) pick() {
	if b.entry.Text == "" {
		if b.OnEmptyEnter != nil {
			b.OnEmptyEnter()
		}
		return
	}
	if b.inFlight {
		b.pending = true
		return
	}
	it, ok := b.Highlighted()
	if !ok {
		return
	}
	b.pickItem(it)
}

func (b *searchBox) pickItem(it pickItem) {
	if b.OnPick != nil {
		b.OnPick(it)
	}
}

// searchEntry is the searchBox's entry: it takes the arrow keys, Enter and
// Esc for the result list and leaves every other key to the entry.
type searchEntry struct {
	widget.Entry
	box *searchBox
	// onEscape, when set, runs for Esc once the results are closed (e.g.
	// hides the picker's dialog).
	onEscape func()
}

func newSearchEntry(b *searchBox) *searchEntry {
	e := &searchEntry{box: b}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.box.move(1)
	case fyne.KeyUp:
		e.box.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.box.pick()
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		} else if len(e.box.items) > 0 || e.box.box.Visible() {
			e.box.setItems(nil, "")
		} else {
			e.box.Clear()
		}
	default:
		e.Entry.TypedKey(k)
	}
}

// hitRow is one result row: tap to pick. It is not focusable, so the tab
// order goes from the search entry straight to the next field.
type hitRow struct {
	widget.BaseWidget
	box   *searchBox
	i     int
	bg    *canvas.Rectangle
	key   *widget.Label
	title *widget.Label
	tag   *widget.Label
}

func newHitRow(b *searchBox, i int) *hitRow {
	r := &hitRow{box: b, i: i, bg: canvas.NewRectangle(nil)}
	r.key = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	r.title = widget.NewLabel("")
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.tag = widget.NewLabel("")
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *hitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, nil, r.key, r.tag, r.title)))
}

func (r *hitRow) set(it pickItem, on bool) {
	r.key.SetText(it.Key)
	r.title.SetText(it.Title)
	r.tag.SetText(it.Tag)
	if it.Warn {
		r.tag.Importance = widget.WarningImportance
	} else {
		r.tag.Importance = widget.SuccessImportance
	}
	r.tag.Refresh()
	if on {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = nil
	}
	r.bg.Refresh()
}

// Tapped implements fyne.Tappable: picks the row.
func (r *hitRow) Tapped(*fyne.PointEvent) {
	if r.i < len(r.box.items) {
		r.box.cur = r.i
		r.box.paint()
		r.box.pickItem(r.box.items[r.i])
	}
}

// selectEntry is an entry that selects its text when it gets the focus, so
// a value reached with Tab is overtyped (as in other data-entry programs).
type selectEntry struct {
	widget.Entry
}

func newSelectEntry() *selectEntry {
	e := &selectEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained implements fyne.Focusable.
func (e *selectEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}
