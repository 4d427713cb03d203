package codesearch

import (
	"slices"

	"claimdesk/internal/claimdesk"
)

// EntryOf converts a stored code to an index entry; usage is the
// practice's count of uses.
func EntryOf(c claimdesk.Code, usage int) Entry {
	return Entry{
		System: c.System, Code: c.Code, Title: c.Title, Short: c.Short,
		Billable: c.Billable, Release: c.Release,
		Effective: c.Effective, Terminated: c.Terminated, Usage: usage,
	}
}

// IndexSynonyms converts Alphabetic Index terms to ICD-10-CM synonyms.
func IndexSynonyms(terms []claimdesk.IndexTerm) []Synonym {
	out := make([]Synonym, 0, len(terms))
	for _, t := range terms {
		out = append(out, Synonym{System: claimdesk.SystemICD10CM, Code: t.Code, Text: t.Term, Kind: TermIndex})
	}
	return out
}

// NoteSynonyms converts Tabular inclusion terms and Includes notes, keyed
// by the node they are written on, to ICD-10-CM synonyms. Notes on blocks
// and chapters, and every other note kind, are skipped.
func NoteSynonyms(notes map[string][]claimdesk.Note) []Synonym {
	var out []Synonym
	nodes := make([]string, 0, len(notes))
	for node := range notes {
		nodes = append(nodes, node)
	}
	slices.Sort(nodes)
	for _, node := range nodes {
		ns := notes[node]
		if codeKey(node) == "" {
			continue
		}
		for _, n := range ns {
			if n.Kind == claimdesk.NoteInclusion || n.Kind == claimdesk.NoteIncludes {
				out = append(out, Synonym{System: claimdesk.SystemICD10CM, Code: node, Text: n.Text, Kind: TermInclusion})
			}
		}
	}
	return out
}
