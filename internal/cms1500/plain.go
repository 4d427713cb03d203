package cms1500

import (
	"strconv"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"
)

// The blank form of the plain mode is drawn from layout.go, which
// scripts/genlayout.py generates from the public-domain vector form in
// ../shared/reference/form/ (coordinates in points from the top left).

type formStroke struct {
	x1, y1, x2, y2, w float64
	dashed            bool
	color             int
}

type formFill struct {
	x, y, w, h float64
	color      int
}

type formPath struct {
	color int
	d     string
}

type formLabel struct {
	x0, y0, x1, y1 float64
	text           string
}

// pathOp is one parsed operation of a formPath.
type pathOp struct {
	op byte // 'M', 'L', 'C', 'Z'
	p  [6]float64
}

var parsedGlyphs = sync.OnceValue(func() [][]pathOp {
	out := make([][]pathOp, len(layoutGlyphs))
	for i, g := range layoutGlyphs {
		f := strings.Fields(g.d)
		var ops []pathOp
		for j := 0; j < len(f); {
			op := pathOp{op: f[j][0]}
			n := map[byte]int{'M': 2, 'L': 2, 'C': 6, 'Z': 0}[op.op]
			for k := 0; k < n; k++ {
				op.p[k], _ = strconv.ParseFloat(f[j+1+k], 64)
			}
			j += 1 + n
			ops = append(ops, op)
		}
		out[i] = ops
	}
	return out
})

// Label font metrics (cms1500.md / pdftotext): a word box of Helvetica at
// size s is about 1.165·s tall, with the baseline 0.213·s above its bottom.
const (
	labelBoxRatio  = 1.165
	labelDescender = 0.213
	boldFromSize   = 9.0 // words this large are the bold title and line numbers
)

// idTemplate is a template whose ID is computed once: gofpdf's FpdfTpl
// hashes its whole content (about 100 KB here) on every ID call, and
// UseTemplate asks for the ID on every page.
type idTemplate struct {
	gofpdf.Template
	id string
}

// ID returns the cached ID.
func (t idTemplate) ID() string { return t.id }

// blankForm is the drawn blank form, made once per process and shared by
// every plain-mode document (templates are read-only once made).
var blankForm = sync.OnceValue(func() gofpdf.Template {
	t := gofpdf.CreateTpl(gofpdf.PointType{}, gofpdf.SizeType{Wd: 612, Ht: 792}, "P", "pt", "", drawBlankForm)
	return idTemplate{Template: t, id: t.ID()}
})

// registerLabelFonts makes the main document use the label fonts in the
// order drawBlankForm first uses them (see NewDocument).
func registerLabelFonts(pdf *gofpdf.Fpdf) {
	pdf.SetFont("Helvetica", "", 6)
	pdf.SetFont("Helvetica", "B", 6)
}

// drawBlankForm draws the whole CMS-1500 (02/12) in its inks: shading,
// lines, outlined artwork and labels.
func drawBlankForm(t *gofpdf.Tpl) {
	registerLabelFonts(&t.Fpdf)
	setFill := func(c int) {
		rgb := layoutColors[c]
		t.SetFillColor(rgb[0], rgb[1], rgb[2])
	}
	for _, f := range layoutFills {
		setFill(f.color)
		t.Rect(f.x, f.y, f.w, f.h, "F")
	}
	dashed := false
	t.SetLineCapStyle("butt")
	for _, s := range layoutStrokes {
		rgb := layoutColors[s.color]
		t.SetDrawColor(rgb[0], rgb[1], rgb[2])
		t.SetLineWidth(s.w)
		if s.dashed != dashed {
			if s.dashed {
				t.SetDashPattern([]float64{3, 1.7}, 0)
			} else {
				t.SetDashPattern([]float64{}, 0)
			}
			dashed = s.dashed
		}
		t.Line(s.x1, s.y1, s.x2, s.y2)
	}
	t.SetDashPattern([]float64{}, 0)
	for i, ops := range parsedGlyphs() {
		setFill(layoutGlyphs[i].color)
		for _, op := range ops {
			switch op.op {
			case 'M':
				t.MoveTo(op.p[0], op.p[1])
			case 'L':
				t.LineTo(op.p[0], op.p[1])
			case 'C':
				t.CurveBezierCubicTo(op.p[0], op.p[1], op.p[2], op.p[3], op.p[4], op.p[5])
			case 'Z':
				t.ClosePath()
			}
		}
		t.DrawPath("F")
	}
	red := layoutColors[len(layoutColors)-1]
	for _, c := range layoutColors {
		if c[0] > 200 && c[1] < 40 { // the pure dropout red
			red = c
		}
	}
	pink := layoutColors[0]
	for _, c := range layoutColors {
		if c[1]+c[2] > pink[1]+pink[2] { // the lightest tint
			pink = c
		}
	}
	t.SetTextColor(red[0], red[1], red[2])
	for _, l := range layoutLabels {
		w, h := l.x1-l.x0, l.y1-l.y0
		if l.x0 > 589 && len(l.text) > 1 && h > w {
			// Vertical caption right of the form's border, reading bottom to top, in
			// bold, sized to fill its word box's length.
			size := w / labelBoxRatio
			t.SetFont("Helvetica", "B", 1)
			if sw := t.GetStringWidth(l.text); sw > 0 {
				size = min(size*1.15, h/sw)
			}
			t.SetFont("Helvetica", "B", size)
			x, y := l.x1-labelDescender*size, l.y1
			t.TransformBegin()
			t.TransformRotate(90, x, y)
			t.Text(x, y, l.text)
			t.TransformEnd()
			continue
		}
		size := h / labelBoxRatio
		style := ""
		if size >= boldFromSize {
			style = "B"
		}
		t.SetFont("Helvetica", style, size)
		if size > 12 && l.text == "NPI" {
			// The large "NPI" behind 32a and 33a is printed in the pink tint.
			t.SetTextColor(pink[0], pink[1], pink[2])
			t.Text(l.x0, l.y1-labelDescender*size, l.text)
			t.SetTextColor(red[0], red[1], red[2])
			continue
		}
		// Helvetica is a little wider than the artwork's Helvetica Neue:
		// shrink a word that would overrun its box.
		if sw := t.GetStringWidth(l.text); sw > w*1.02 && sw > 0 {
			size *= w / sw
			t.SetFontSize(size)
		}
		t.Text(l.x0, l.y1-labelDescender*h/labelBoxRatio, l.text)
	}
}
