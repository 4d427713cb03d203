package cms1500

import (
	"fmt"
	"strings"
)

// Align says how a value sits in its field.
type Align uint8

// Alignments of grid fields.
const (
	// AlignLeft starts the value in the field's first column.
	AlignLeft Align = iota
	// AlignRight ends the value in the field's last column (dollars).
	AlignRight
	// AlignMark is a check box: a single X.
	AlignMark
)

// Field is one printable item of the CMS-1500 print grid: a box's value
// (or a part of it: the month of a date, the dollars of an amount, one
// check box). Line and Col are on the 10 cpi × 6 lpi character grid
// (line 1 at the top of the sheet); Max is how many characters fit between
// the box's printed lines. XLeft, XRight and Baseline are in points from
// the top-left corner of the page before printer offsets.
type Field struct {
	ID       string
	Box      string
	Name     string
	Line     int
	Col      int
	Max      int
	Align    Align
	XLeft    float64
	XRight   float64
	Baseline float64
}

// Grid geometry (cms1500.md §5.1): column c starts at gridLeft + cellW·(c−1);
// line n's baseline is at gridTop + lineH·n, in points.
const (
	gridLeft = 24.0
	gridTop  = 21.0
	cellW    = 7.2
	lineH    = 12.0
)

// fieldIndex maps a Field ID to its index in Grid.
var fieldIndex = func() map[string]int {
	m := make(map[string]int, len(Grid))
	for i, f := range Grid {
		if _, dup := m[f.ID]; dup {
			panic("cms1500: duplicate grid ID " + f.ID)
		}
		m[f.ID] = i
	}
	return m
}()

// FieldByID returns the grid field with the given ID.
func FieldByID(id string) (Field, bool) {
	i, ok := fieldIndex[id]
	if !ok {
		return Field{}, false
	}
	return Grid[i], true
}

// Form is one filled CMS-1500 page: the text of every grid field (by the
// field's position in Grid), already upper case and cut to the field's
// width. A claim with more than six service lines gives several Forms;
// Page and Pages number them (1 of 2, 2 of 2).
type Form struct {
	values [len(Grid)]string
	Page   int
	Pages  int
}

// Set puts text in the field id, cut to the field's width (see Cut). It
// panics on an unknown ID, which is a programming error.
func (f *Form) Set(id, text string) {
	i, ok := fieldIndex[id]
	if !ok {
		panic("cms1500: unknown field " + id)
	}
	f.values[i] = Cut(text, Grid[i].Max)
}

// Get returns the text of field id ("" when empty or unknown).
func (f *Form) Get(id string) string {
	i, ok := fieldIndex[id]
	if !ok {
		return ""
	}
	return f.values[i]
}

// Each calls fn for every non-empty field in grid order.
func (f *Form) Each(fn func(fld *Field, text string)) {
	for i := range f.values {
		if f.values[i] != "" {
			fn(&Grid[i], f.values[i])
		}
	}
}

// Text lists the filled fields, one "ID  |value|" per line in grid order:
// the golden-file form of a Form.
func (f *Form) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "page %d of %d\n", f.Page, f.Pages)
	f.Each(func(fld *Field, text string) {
		fmt.Fprintf(&b, "%-16s|%s|\n", fld.ID, text)
	})
	return b.String()
}

// Cut shortens text to at most max characters: trailing spaces are
// dropped, and a value still longer than its box loses its rightmost
// characters (then any spaces left at its new end). Values are ASCII upper
// case by the time they reach Cut, so characters are bytes.
func Cut(text string, max int) string {
	text = strings.TrimRight(text, " ")
	if len(text) <= max {
		return text
	}
	return strings.TrimRight(text[:max], " ")
}
