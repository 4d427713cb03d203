#!/usr/bin/env python3
"""Generate internal/cms1500/layout.go: the drawing of the blank CMS-1500 (02/12)
form used by the `plain` render mode.

Source: ../shared/reference/form/CMS1500-noannots.pdf (a public-domain US
government form; see ../shared/reference/PROVENANCE.md). The app never reads
../shared at run time: this script is run by hand and its output committed.

    python3 scripts/genlayout.py ../shared/reference/form/CMS1500-noannots.pdf > internal/cms1500/layout.go

Needs qpdf (to decompress the page content) and pdftotext (poppler-utils, for
the label words with their boxes). It interprets the page's drawing operators:
straight stroked segments become strokes, rectangle fills become fills, and
filled curved paths (labels the artwork has as outlines: the line numbers 1-6,
parts of box 12/13 text, the side captions) become path data. Real text comes
from `pdftotext -bbox` word boxes and is drawn in Helvetica.
All coordinates are points from the top-left corner of the page.
"""
import html, re, subprocess, sys

pdf = sys.argv[1]
pages = subprocess.run(["qpdf", "--show-pages", pdf], capture_output=True, text=True, check=True).stdout
objs = re.findall(r"^\s+(\d+) 0 R$", pages, re.M)
cs = b""
for o in objs:
    cs += subprocess.run(["qpdf", "--show-object=" + o, "--filtered-stream-data", pdf], capture_output=True, check=True).stdout + b"\n"
s = cs.decode("latin1")
# Drop text objects: their text comes from pdftotext.
# Drop text objects (their text comes from pdftotext) but keep the colour
# operators inside them: the colour set in a text object stays after ET.
colour_op = re.compile(r"(?:-?[\d.]+\s+){4}[kK]\b|(?:-?[\d.]+\s+){3}(?:rg|RG)\b|-?[\d.]+\s+[gG]\b")
s = re.sub(r"\bBT\b.*?\bET\b", lambda m: " " + " ".join(colour_op.findall(m.group(0))) + " ", s, flags=re.S)
toks = re.findall(r"\((?:\\.|[^\\)])*\)|\[[^\]]*\]|/[^\s/\[\]()<>]+|<<|>>|<[0-9a-fA-F]*>|[^\s/\[\]()<>]+", s)

H = 792.0
def mul(a, b):
    return [a[0]*b[0]+a[1]*b[2], a[0]*b[1]+a[1]*b[3], a[2]*b[0]+a[3]*b[2], a[2]*b[1]+a[3]*b[3],
            a[4]*b[0]+a[5]*b[2]+b[4], a[4]*b[1]+a[5]*b[3]+b[5]]
def tp(m, x, y):
    return (m[0]*x+m[2]*y+m[4], H-(m[1]*x+m[3]*y+m[5]))
# The form's two inks as poppler renders them (pdftoppm of the vector form);
# any other CMYK value is converted naively.
INKS = {(0, 1, 1, 0): (237, 28, 36), (0, 0.25, 0.16, 0): (250, 191, 191)}
def cmyk(c, m, y, k):
    if (c, m, y, k) in INKS:
        return INKS[(c, m, y, k)]
    return (round(255*(1-c)*(1-k)), round(255*(1-m)*(1-k)), round(255*(1-y)*(1-k)))

st = dict(ctm=[1,0,0,1,0,0], w=1.0, dash=False, K=(0,0,0), k=(0,0,0))
stack = []
path = []      # list of subpaths: list of ops ('m',x,y) ('l',x,y) ('c',...) ('h',)
curved = False
strokes, fills, glyphs = [], [], []
args = []
for t in toks:
    if re.match(r"^-?[\d.]+$", t) or t.startswith("[") or t.startswith("/") or t.startswith("("):
        args.append(t); continue
    op = t
    a = args; args = []
    def f(i): return float(a[i])
    if op == "q": stack.append(dict(st, ctm=list(st["ctm"])))
    elif op == "Q": st = stack.pop()
    elif op == "cm": st["ctm"] = mul([f(i) for i in range(6)], st["ctm"])
    elif op == "w": st["w"] = f(0)
    elif op == "d": st["dash"] = a[0].strip("[] ") != ""
    elif op == "K": st["K"] = cmyk(*[f(i) for i in range(4)])
    elif op == "k": st["k"] = cmyk(*[f(i) for i in range(4)])
    elif op == "m": path.append([("m",) + tp(st["ctm"], f(0), f(1))])
    elif op == "l": path[-1].append(("l",) + tp(st["ctm"], f(0), f(1)))
    elif op == "c":
        path[-1].append(("c",) + tp(st["ctm"], f(0), f(1)) + tp(st["ctm"], f(2), f(3)) + tp(st["ctm"], f(4), f(5))); curved = True
    elif op == "v":  # first control point = current point
        cur = path[-1][-1][-2:]
        path[-1].append(("c",) + cur + tp(st["ctm"], f(0), f(1)) + tp(st["ctm"], f(2), f(3))); curved = True
    elif op == "y":
        end = tp(st["ctm"], f(2), f(3))
        path[-1].append(("c",) + tp(st["ctm"], f(0), f(1)) + end + end); curved = True
    elif op == "h":
        if path: path[-1].append(("h",))
    elif op == "re":
        x, y, w, h = f(0), f(1), f(2), f(3)
        p = [("m",) + tp(st["ctm"], x, y), ("l",) + tp(st["ctm"], x+w, y), ("l",) + tp(st["ctm"], x+w, y+h), ("l",) + tp(st["ctm"], x, y+h), ("h",)]
        path.append(p)
    elif op in ("S", "s"):
        for sp in path:
            pts = [o for o in sp]
            for i in range(1, len(pts)):
                if pts[i][0] == "l":
                    p0 = pts[i-1][-2:]
                    strokes.append((p0[0], p0[1], pts[i][1], pts[i][2], st["w"], st["dash"], st["K"]))
                elif pts[i][0] == "h":
                    p0 = pts[i-1][-2:]; p1 = pts[0][1:3]
                    if (p0[0]-p1[0])**2 + (p0[1]-p1[1])**2 > 0.01:
                        strokes.append((p0[0], p0[1], p1[0], p1[1], st["w"], st["dash"], st["K"]))
        path = []; curved = False
    elif op in ("f", "f*", "F"):
        rect = not curved and all(len(sp) == 5 and sp[-1] == ("h",) for sp in path)
        if rect:
            for sp in path:
                xs = [p[1] for p in sp[:4]]; ys = [p[2] for p in sp[:4]]
                fills.append((min(xs), min(ys), max(xs)-min(xs), max(ys)-min(ys), st["k"]))
        else:
            glyphs.append((st["k"], [list(sp) for sp in path]))
        path = []; curved = False
    elif op == "n":
        path = []; curved = False
    # W, gs, M, BDC, EMC, etc.: no effect on what we draw

# Labels from pdftotext word boxes.
words = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
labels = []
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', words):
    x0, y0, x1, y1 = map(float, m.groups()[:4])
    txt = html.unescape(m.group(5)).replace("\u2019", "'")
    labels.append((x0, y0, x1, y1, txt))

colors = sorted({c for *_, c in strokes} | {c for *_, c in fills} | {c for c, _ in glyphs})
out = []
w = out.append
w("// Code generated by scripts/genlayout.py from ../shared/reference/form/CMS1500-noannots.pdf; DO NOT EDIT.\n")
w("package cms1500\n")
w("// layoutColors are the form's inks (RGB): the dropout red, its pink tint and black.")
w("var layoutColors = [][3]int{" + ", ".join("{%d, %d, %d}" % c for c in colors) + "}\n")
ci = {c: i for i, c in enumerate(colors)}
w("// layoutStrokes are the form's straight lines: x1, y1, x2, y2, width (pt, from the top left), dashed, colour.")
w("var layoutStrokes = []formStroke{")
for x1, y1, x2, y2, lw, dash, c in strokes:
    w("\t{%.2f, %.2f, %.2f, %.2f, %.2f, %s, %d}," % (x1, y1, x2, y2, lw, "true" if dash else "false", ci[c]))
w("}\n")
w("// layoutFills are the form's filled rectangles (shading): x, y, w, h, colour.")
w("var layoutFills = []formFill{")
for x, y, ww, hh, c in fills:
    w("\t{%.2f, %.2f, %.2f, %.2f, %d}," % (x, y, ww, hh, ci[c]))
w("}\n")
w("// layoutGlyphs are filled outline paths (labels drawn as outlines in the artwork):")
w("// a colour and a path in a compact form: 'M x y', 'L x y', 'C x1 y1 x2 y2 x3 y3', 'Z'.")
w("var layoutGlyphs = []formPath{")
for c, sps in glyphs:
    parts = []
    for sp in sps:
        for o in sp:
            if o[0] == "m": parts.append("M %.2f %.2f" % o[1:])
            elif o[0] == "l": parts.append("L %.2f %.2f" % o[1:])
            elif o[0] == "c": parts.append("C %.2f %.2f %.2f %.2f %.2f %.2f" % o[1:])
            elif o[0] == "h": parts.append("Z")
    w("\t{%d, %s}," % (ci[c], '"' + " ".join(parts) + '"'))
w("}\n")
w("// layoutLabels are the printed words: xMin, yMin, xMax, yMax (pt from the top left) and text.")
w("var layoutLabels = []formLabel{")
for x0, y0, x1, y1, t in labels:
    w("\t{%.2f, %.2f, %.2f, %.2f, %s}," % (x0, y0, x1, y1, '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'))
w("}")
print("\n".join(out))
print("counts: strokes %d fills %d glyphs %d labels %d colors %s" % (len(strokes), len(fills), len(glyphs), len(labels), colors), file=sys.stderr)
