package billing

import (
	"context"
	"fmt"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/codesearch"
	"claimdesk/internal/codeset"
)

// CodeSourceFromFiles reads official code set files or zips (as
// ImportCodeFiles accepts them) straight into a search index source,
// without a store: for benchmarks and checks against the official files.
// Tabular inclusion terms and index terms (Alphabetic, External Cause,
// Drug and Neoplasm) apply to the
// ICD-10-CM codes read (of any release given); other kinds are skipped.
func CodeSourceFromFiles(ctx context.Context, paths []string) (codesearch.Source, error) {
	var src codesearch.Source
	var terms []claimdesk.IndexTerm
	notes := map[string][]claimdesk.Note{}
	type loaded struct {
		kind codeset.Kind
		cs   *claimdesk.CodeSet
	}
	var sets []loaded
	fromOrder := map[string]bool{}
	for _, p := range paths {
		files, err := codeset.Files(p)
		if err != nil {
			return src, fmt.Errorf("read %s: %w", p, err)
		}
		for _, f := range files {
			switch f.Kind {
			case codeset.KindOrder, codeset.KindCodes, codeset.KindHCPCS, codeset.KindCPT,
				codeset.KindTabular, codeset.KindIndex, codeset.KindEIndex, codeset.KindDrug, codeset.KindNeoplasm:
			default:
				continue
			}
			cs, err := codeset.Load(ctx, f, nil)
			if err != nil {
				return src, err
			}
			if f.Kind == codeset.KindOrder {
				fromOrder[cs.Release.Name] = true
			}
			sets = append(sets, loaded{f.Kind, cs})
		}
	}
	for _, l := range sets {
		cs := l.cs
		// A codes file adds nothing to the order file of its release.
		if len(cs.Codes) > 0 && !(l.kind == codeset.KindCodes && fromOrder[cs.Release.Name]) {
			src.Releases = append(src.Releases, cs.Release)
			for _, c := range cs.Codes {
				src.Entries = append(src.Entries, codesearch.EntryOf(c.Code, 0))
			}
		}
		terms = append(terms, cs.Terms...)
		for node, ns := range cs.Notes {
			notes[node] = append(notes[node], ns...)
		}
	}
	src.Synonyms = append(codesearch.IndexSynonyms(terms), codesearch.NoteSynonyms(notes)...)
	return src, nil
}
