package codesearch_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
	"claimdesk/internal/codeset"
	"claimdesk/internal/shareddata"
)

// fullSource reads the real code sets from the shared folder: the FY2026
// ICD-10-CM order file with the FY2017 Alphabetic Index, External Cause
// Index, Drug and Neoplasm tables and the FY2021 Tabular inclusion terms
// applied to it, and HCPCS January 2026.
func fullSource(tb testing.TB) codesearch.Source {
	tb.Helper()
	fullOnce.Do(func() { fullSrc, fullErr = readFullSource(tb) })
	if fullErr != nil {
		tb.Fatal(fullErr)
	}
	return fullSrc
}

var (
	fullOnce sync.Once
	fullSrc  codesearch.Source
	fullErr  error
	ixOnce   sync.Once
	fullIx   *codesearch.Index
)

// fullIndex builds (once) the index over fullSource.
func fullIndex(tb testing.TB) *codesearch.Index {
	tb.Helper()
	src := fullSource(tb)
	ixOnce.Do(func() {
		start := time.Now()
		var err error
		fullIx, err = codesearch.Build(context.Background(), src)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Logf("built full index in %v: %+v", time.Since(start), fullIx.Stats())
	})
	if fullIx == nil {
		tb.Fatal("no index")
	}
	return fullIx
}

func readFullSource(tb testing.TB) (codesearch.Source, error) {
	order := shareddata.Path(tb, "codesets/icd10cm/icd10cm_order_2026.txt")
	hcpcs := shareddata.Path(tb, "codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt")
	xml17 := shareddata.Path(tb, "codesets/icd10cm/ICD10CM_FY2017_Full_XML.zip")
	tab21 := shareddata.Path(tb, "codesets/icd10cm/icd10cm_tabular_2021.xml")
	var src codesearch.Source

	icdRel, err := codeset.ICDRelease(filepath.Base(order))
	if err != nil {
		return src, err
	}
	hcRel, err := codeset.HCPCSRelease(filepath.Base(hcpcs))
	if err != nil {
		return src, err
	}
	src.Releases = []claimdesk.Release{icdRel, hcRel}

	f, err := os.Open(order)
	if err != nil {
		return src, err
	}
	defer f.Close()
	err = codeset.ReadOrder(f, filepath.Base(order), icdRel.Name, func(c claimdesk.CodeEntry) error {
		src.Entries = append(src.Entries, codesearch.EntryOf(c.Code, 0))
		return nil
	})
	if err != nil {
		return src, err
	}
	h, err := os.Open(hcpcs)
	if err != nil {
		return src, err
	}
	defer h.Close()
	hf, err := codeset.ReadHCPCS(h, filepath.Base(hcpcs), hcRel.Name)
	if err != nil {
		return src, err
	}
	for _, c := range hf.Codes {
		src.Entries = append(src.Entries, codesearch.EntryOf(c.Code, 0))
	}

	// Every index of the FY2017 XML zip: Alphabetic, External Cause,
	// Drug and Neoplasm (as the store imports them).
	files, err := codeset.Files(xml17)
	if err != nil {
		return src, err
	}
	for _, f := range files {
		switch f.Kind {
		case codeset.KindIndex, codeset.KindEIndex, codeset.KindDrug, codeset.KindNeoplasm:
		default:
			continue
		}
		cs, err := codeset.Load(context.Background(), f, nil)
		if err != nil {
			return src, err
		}
		src.Synonyms = append(src.Synonyms, codesearch.IndexSynonyms(cs.Terms)...)
	}
	t, err := os.Open(tab21)
	if err != nil {
		return src, err
	}
	defer t.Close()
	tab, err := codeset.ReadTabular(io.Reader(t), filepath.Base(tab21), "ICD-10-CM FY2021")
	if err != nil {
		return src, err
	}
	src.Synonyms = append(src.Synonyms, codesearch.NoteSynonyms(tab.Notes)...)
	return src, nil
}
