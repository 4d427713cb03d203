package cms1500

import (
	"fmt"
	"strconv"
)

// alignTarget is a point where two printed lines of the form cross
// (measured on the vector form, cms1500.md §5.5). The alignment page draws
// a cross with a scale there.
type alignTarget struct {
	x, y  float64
	label string
}

var alignTargets = []alignTarget{
	{21.3, 122.6, "A"},  // left border × top of box 2
	{589.6, 122.6, "B"}, // right border × top of box 4
	{371.3, 457.1, "C"}, // right column × top of box 22
	{21.3, 674.0, "D"},  // left border × top of box 25
	{589.6, 674.0, "E"}, // right border × top of box 29/30
	{226.8, 338.3, "F"}, // middle divider × top of box 12
	{192.9, 529.4, "H"}, // 24C/24D divider × top of line 1
	{455.5, 697.3, "I"}, // 28/29 divider × top of box 31/32/33
	{21.3, 759.8, "N"},  // left border × bottom border (bottom left corner)
	{589.6, 759.8, "O"}, // right border × bottom border (bottom right corner)
	{371.3, 408.9, "P"}, // right column × top of box 17/18
	{212.4, 408.9, "Q"}, // 14/15 divider × top of box 17
	{21.3, 97.0, "W"},   // alignment bar under PICA, left end
	{589.6, 97.0, "X"},  // alignment bar under PICA, right end
}

// alignForm is the data of the alignment page: an X in check boxes whose
// centres are easy to judge, and sample values in boxes spread over the
// page, so the user sees at once whether text sits inside its boxes.
func alignForm(opt Options) Form {
	var f Form
	f.Page, f.Pages = 1, 1
	f.Set("carrier.name", "CLAIMDESK PRINTER ALIGNMENT TEST")
	f.Set("carrier.addr1", "EACH + MUST MEET THE RED LINES")
	f.Set("carrier.addr2", "SCALE TICKS EVERY 0.05 INCH = 5")
	f.Set("carrier.city", fmt.Sprintf("OFFSETS NOW X %+d Y %+d", opt.OffsetX, opt.OffsetY))
	for _, id := range []string{"1.medicare", "1.medicaid", "1.tricare", "1.champva", "1.group", "1.feca", "1.other",
		"3.m", "3.f", "6.self", "6.spouse", "6.child", "6.other", "10a.yes", "10a.no", "11a.m", "11a.f",
		"11d.yes", "11d.no", "20.yes", "20.no", "25.ssn", "25.ein", "27.yes", "27.no"} {
		f.Set(id, "X")
	}
	f.Set("1a", "1A INSURED ID 0123456789")
	f.Set("2", "ALIGNMENT, TEST, A")
	f.Set("3.mm", "12")
	f.Set("3.dd", "31")
	f.Set("3.yyyy", "2026")
	f.Set("4", "ALIGNMENT, TEST, A")
	f.Set("5.street", "5 STREET 0123456789")
	f.Set("5.area", "555")
	f.Set("5.phone", "5550100")
	f.Set("11", "11 GROUP NUMBER")
	f.Set("19", "TEXT LOW: Y MINUS. TEXT RIGHT: X MINUS")
	f.Set("21.ind", "0")
	for _, l := range "ABCDEFGHIJKL" {
		f.Set("21."+string(l), "ALIGN"+string(l))
	}
	f.Set("22.code", "7")
	f.Set("22.ref", "22 REFERENCE")
	for k := 1; k <= LinesPerForm; k++ {
		n := strconv.Itoa(k)
		f.Set("24."+n+".shaded", "N412345678901   UN1")
		for _, p := range []string{"from_mm", "to_mm"} {
			f.Set("24A."+n+"."+p, "12")
		}
		for _, p := range []string{"from_dd", "to_dd"} {
			f.Set("24A."+n+"."+p, "31")
		}
		for _, p := range []string{"from_yy", "to_yy"} {
			f.Set("24A."+n+"."+p, "26")
		}
		f.Set("24B."+n, "11")
		f.Set("24D."+n+".code", "99213")
		f.Set("24D."+n+".mod1", "25")
		f.Set("24D."+n+".mod4", "59")
		f.Set("24E."+n, "ABCD")
		f.Set("24F."+n+".dollars", "99999")
		f.Set("24F."+n+".cents", "99")
		f.Set("24G."+n, "999")
		f.Set("24J."+n+".npi", "1234567893")
	}
	f.Set("25", "123456789")
	f.Set("26", "ACCOUNT123456")
	f.Set("28.dollars", "999999")
	f.Set("28.cents", "99")
	f.Set("29.dollars", "99999")
	f.Set("29.cents", "99")
	f.Set("31.sig", SignatureOnFile)
	f.Set("31.date", "12 31 26")
	f.Set("32.name", "32 FACILITY")
	f.Set("33.area", "555")
	f.Set("33.phone", "5550100")
	f.Set("33.name", "33 BILLING PROVIDER")
	f.Set("32a", "1234567893")
	f.Set("33a", "1234567893")
	return f
}

// AddAlignmentPage appends the printer alignment test page: sample data in
// boxes all over the form, and at 14 places where printed lines of the
// form cross, a cross with a scale (a tick every 0.05 inch, a longer one
// every 0.1 inch). Printed on a red form, each cross's centre should sit on
// the crossing; the number of ticks between them, times 5, is the offset
// to add (right or down is positive; enter the opposite of how far the
// printer is off).
func (d *Document) AddAlignmentPage() error {
	if err := d.newPage(); err != nil {
		return err
	}
	f := alignForm(d.opt)
	d.drawData(&f)
	p := d.pdf
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.35)
	p.SetFont("Helvetica", "", 5)
	const tick, arm = 3.6, 18.0 // 0.05 in; arms of 0.25 in
	for _, t := range alignTargets {
		x, y := t.x+d.dx, t.y+d.dy
		p.Line(x-arm, y, x+arm, y)
		p.Line(x, y-arm, x, y+arm)
		for i := 1; float64(i)*tick <= arm+0.01; i++ {
			l := 1.5
			if i%2 == 0 {
				l = 3
			}
			o := float64(i) * tick
			p.Line(x-o, y-l, x-o, y+l)
			p.Line(x+o, y-l, x+o, y+l)
			p.Line(x-l, y-o, x+l, y-o)
			p.Line(x-l, y+o, x+l, y+o)
		}
		p.Text(x+2, y-2, t.label)
	}
	p.SetFont("Courier", "", 12)
	return nil
}
