package codeset

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Kind is what a code set file holds.
type Kind string

// File kinds. KindSkip marks files ClaimDesk recognises but does not
// import (addenda, PDFs, spreadsheets, record layouts, the Drug and
// Neoplasm tables).
const (
	KindOrder      Kind = "icd10cm-order"
	KindCodes      Kind = "icd10cm-codes"
	KindTabular    Kind = "icd10cm-tabular"
	KindIndex      Kind = "icd10cm-index"
	KindEIndex     Kind = "icd10cm-eindex"
	KindDrug       Kind = "icd10cm-drug"
	KindNeoplasm   Kind = "icd10cm-neoplasm"
	KindHCPCS      Kind = "hcpcs"
	KindPOS        Kind = "pos"
	KindCPT        Kind = "cpt"
	KindProcedures Kind = "procedures"
	KindSkip       Kind = "skip"
	KindUnknown    Kind = "unknown"
)

// Notes reports whether files of the kind carry notes or index terms that
// attach to an existing release rather than forming a release themselves.
func (k Kind) Notes() bool {
	switch k {
	case KindTabular, KindIndex, KindEIndex, KindDrug, KindNeoplasm:
		return true
	}
	return false
}

// File is one code set file: a plain file or a member of a zip.
type File struct {
	// Path is the file on disk (the zip for a member).
	Path string
	// Member is the name inside the zip; "" for a plain file.
	Member string
	Kind   Kind
	Size   int64
}

// Name is the file's own name (the member's base name inside a zip).
func (f File) Name() string {
	if f.Member != "" {
		return base(f.Member)
	}
	return filepath.Base(f.Path)
}

// Source names the file for the release record: "zip.zip:member" or the
// file name.
func (f File) Source() string {
	if f.Member != "" {
		return filepath.Base(f.Path) + ":" + f.Member
	}
	return filepath.Base(f.Path)
}

// Open opens the file's content. A zip member is read from the zip
// opened anew; Close closes both.
func (f File) Open() (io.ReadCloser, error) {
	if f.Member == "" {
		return os.Open(f.Path)
	}
	zr, err := zip.OpenReader(f.Path)
	if err != nil {
		return nil, err
	}
	for _, zf := range zr.File {
		if zf.Name == f.Member {
			rc, err := zf.Open()
			if err != nil {
				zr.Close()
				return nil, err
			}
			return &memberReader{ReadCloser: rc, zip: zr}, nil
		}
	}
	zr.Close()
	return nil, fmt.Errorf("%s: no member %s", filepath.Base(f.Path), f.Member)
}

// memberReader closes the zip with its member.
type memberReader struct {
	io.ReadCloser
	zip *zip.ReadCloser
}

func (m *memberReader) Close() error {
	err := m.ReadCloser.Close()
	if zerr := m.zip.Close(); err == nil {
		err = zerr
	}
	return err
}

var (
	orderLineRe = regexp.MustCompile(`^[0-9]{5} [A-Z][0-9A-Z]{2}[0-9A-Z ]{4} [01] `)
	codesLineRe = regexp.MustCompile(`^[A-Z][0-9A-Z]{2}[0-9A-Z]{0,4} +\S`)
	hcpcsLineRe = regexp.MustCompile(`^[ 0-9A-Z]{5}[0-9]{5}[3478]`)
	xmlRootRe   = regexp.MustCompile(`<([A-Za-z][A-Za-z0-9_.:-]*)[\s>]`)
)

// Detect tells a file's kind from its name and its first bytes.
func Detect(name string, head []byte) Kind {
	lname := strings.ToLower(base(name))
	ext := filepath.Ext(lname)
	switch ext {
	case ".pdf", ".xlsx", ".xls", ".xsd", ".doc", ".docx":
		return KindSkip
	}
	if strings.Contains(lname, "addenda") || strings.Contains(lname, "recordlayout") || strings.Contains(lname, "record_layout") || strings.HasPrefix(lname, "proc_notes") {
		return KindSkip
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(trim, []byte("<")) {
		root := ""
		rest := trim
		for {
			m := xmlRootRe.FindSubmatchIndex(rest)
			if m == nil {
				break
			}
			n := string(rest[m[2]:m[3]])
			if !strings.HasPrefix(n, "?") && !strings.HasPrefix(n, "!") {
				root = n
				break
			}
			rest = rest[m[1]:]
		}
		switch root {
		case "ICD10CM.tabular":
			return KindTabular
		case "ICD10CM.index":
			switch {
			case bytes.Contains(head, []byte("<head col=\"1\">Neoplasm")), strings.Contains(lname, "neoplasm"):
				return KindNeoplasm
			case bytes.Contains(head, []byte("<indexHeading")), strings.Contains(lname, "drug"):
				return KindDrug
			case bytes.Contains(head, []byte("External Cause")), strings.Contains(lname, "eindex"):
				return KindEIndex
			}
			return KindIndex
		case "CodeSystem":
			if bytes.Contains(head, []byte("PlaceofService")) || bytes.Contains(head, []byte("Place of Service")) {
				return KindPOS
			}
		}
		return KindUnknown
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	first = bytes.TrimRight(first, "\r")
	switch {
	case orderLineRe.Match(first):
		return KindOrder
	case hcpcsLineRe.Match(first) && len(first) > 100:
		return KindHCPCS
	case ext == ".csv":
		return KindProcedures
	case bytes.Contains(first, []byte("\t")):
		return KindCPT
	case codesLineRe.Match(first) && strings.Contains(lname, "code"):
		return KindCodes
	}
	return KindUnknown
}

const headSize = 4096

func headOf(open func() (io.ReadCloser, error)) ([]byte, error) {
	rc, err := open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := make([]byte, headSize)
	n, err := io.ReadFull(rc, b)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return b[:n], nil
}

// Files lists the code set files at path: the file itself, or the members
// of a zip (as downloaded), each with its kind. When a zip holds both an
// order file and a codes file of the same release, the codes file (a
// subset without headers or short titles) is marked KindSkip.
func Files(path string) ([]File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, perr(filepath.Base(path), 0, "", detail(ErrBadStructure, "not a readable zip: %v", err))
		}
		defer zr.Close()
		var out []File
		hasOrder := false
		for _, zf := range zr.File {
			if zf.FileInfo().IsDir() {
				continue
			}
			f := File{Path: path, Member: zf.Name, Size: int64(zf.UncompressedSize64)}
			head, err := headOf(zf.Open)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f.Source(), err)
			}
			f.Kind = Detect(zf.Name, head)
			if f.Kind == KindOrder {
				hasOrder = true
			}
			out = append(out, f)
		}
		if hasOrder {
			for i := range out {
				if out[i].Kind == KindCodes {
					out[i].Kind = KindSkip
				}
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return kindRank(out[i].Kind) < kindRank(out[j].Kind) })
		return out, nil
	}
	f := File{Path: path, Size: st.Size()}
	head, err := headOf(f.Open)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	f.Kind = Detect(path, head)
	return []File{f}, nil
}

// kindRank orders imports: releases before the notes that attach to them.
func kindRank(k Kind) int {
	switch k {
	case KindOrder, KindCodes, KindHCPCS, KindPOS, KindCPT, KindProcedures:
		return 0
	case KindTabular:
		return 1
	case KindIndex, KindEIndex, KindDrug, KindNeoplasm:
		return 2
	}
	return 3
}

// countingReader reports bytes read to progress.
type countingReader struct {
	r        io.Reader
	n, total int64
	ctx      context.Context
	progress func(done, total int)
	last     int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && (c.n-c.last >= 1<<20 || err == io.EOF) {
		c.last = c.n
		c.progress(int(c.n), int(c.total))
	}
	return n, err
}

// Load reads a File into a CodeSet: its release (named from the zip and
// member names, or the XML version), the SHA-256 of the file's content
// and everything it holds. progress gets bytes read and the file size.
// Cancelling ctx stops reading with ctx's error.
func Load(ctx context.Context, f File, progress func(done, total int)) (*claimdesk.CodeSet, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Source(), err)
	}
	defer rc.Close()
	h := sha256.New()
	cr := &countingReader{r: io.TeeReader(rc, h), total: f.Size, ctx: ctx, progress: progress}
	r := bufio.NewReaderSize(cr, 256*1024)
	names := []string{f.Name()}
	if f.Member != "" {
		names = []string{f.Path, f.Member}
	}
	name := f.Name()
	cs := &claimdesk.CodeSet{}
	switch f.Kind {
	case KindOrder, KindCodes:
		rel, err := ICDRelease(names...)
		if err != nil {
			return nil, perr(name, 0, "file name", err)
		}
		cs.Release = rel
		cs.Codes = make([]claimdesk.CodeEntry, 0, 100000)
		add := func(e claimdesk.CodeEntry) error {
			cs.Codes = append(cs.Codes, e)
			return nil
		}
		if f.Kind == KindOrder {
			err = ReadOrder(r, name, rel.Name, add)
		} else {
			err = ReadCodes(r, name, rel.Name, add)
		}
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
	case KindHCPCS:
		rel, err := HCPCSRelease(names...)
		if err != nil {
			return nil, perr(name, 0, "file name", err)
		}
		cs.Release = rel
		hf, err := ReadHCPCS(r, name, rel.Name)
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
		cs.Codes, cs.Modifiers = hf.Codes, hf.Modifiers
	case KindTabular:
		t, err := ReadTabular(r, name, "")
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
		rel, err := xmlRelease(t.Version, names)
		if err != nil {
			return nil, perr(name, 0, "version", err)
		}
		cs.Release = rel
		for node, ns := range t.Notes {
			for i := range ns {
				ns[i].Release = rel.Name
			}
			t.Notes[node] = ns
		}
		cs.Notes, cs.Groups = t.Notes, t.Groups
	case KindIndex, KindEIndex, KindDrug, KindNeoplasm:
		src := map[Kind]string{KindIndex: "index", KindEIndex: "eindex", KindDrug: "drug", KindNeoplasm: "neoplasm"}[f.Kind]
		idx, err := ReadIndex(r, name, src, "")
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
		rel, err := xmlRelease(idx.Version, names)
		if err != nil {
			return nil, perr(name, 0, "version", err)
		}
		cs.Release = rel
		for i := range idx.Terms {
			idx.Terms[i].Release = rel.Name
		}
		cs.Terms = idx.Terms
	case KindPOS:
		pos, version, err := ReadPOS(r, name)
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
		cs.Release = claimdesk.Release{System: claimdesk.SystemPOS, Name: "CMS Place of Service " + version}
		if d, err := parseYMD([]byte(version)); err == nil && !d.IsZero() {
			cs.Release.ValidFrom = d
		}
		cs.POS = pos
	case KindCPT:
		codes, err := ReadCPT(r, name, "CPT "+strings.TrimSuffix(name, filepath.Ext(name)))
		if err != nil {
			return nil, wrapCtx(ctx, err)
		}
		cs.Release = claimdesk.Release{System: claimdesk.SystemCPT, Name: "CPT " + strings.TrimSuffix(name, filepath.Ext(name))}
		if y, _ := nameYearMonth(name); y != 0 {
			cs.Release.ValidFrom = claimdesk.NewDate(y, 1, 1)
		}
		cs.Codes = codes
	default:
		return nil, perr(name, 0, "", ErrUnknownFile)
	}
	// Drain the rest so the digest covers the whole file.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, wrapCtx(ctx, fmt.Errorf("read %s: %w", f.Source(), err))
	}
	cs.Release.Source = f.Source()
	cs.Release.SHA256 = hex.EncodeToString(h.Sum(nil))
	return cs, nil
}

// xmlRelease names an XML file's release from its names, else its version.
func xmlRelease(version string, names []string) (claimdesk.Release, error) {
	if r, err := ICDRelease(names...); err == nil {
		return r, nil
	}
	return ICDRelease(version)
}

// wrapCtx prefers the context's error when reading stopped because of it.
func wrapCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("import cancelled: %w", ctx.Err())
	}
	return err
}
