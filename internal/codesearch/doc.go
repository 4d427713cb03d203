// Package codesearch is ClaimDesk's in-memory code search: query parsing,
// normalising, abbreviations, typo tolerance and ranking over ICD-10-CM,
// HCPCS Level II, CPT and the practice's procedure list.
//
// An Index is built once from plain values (Source: releases, entries and
// synonyms such as Alphabetic Index and inclusion terms) and is then
// read-only and safe for concurrent use. The package imports only the
// standard library and claimdesk; it never imports codeset, sqlite or any
// other leaf. internal/billing feeds it from the store.
//
// # Matching
//
// A query is split into words. A word that looks like a code (E11.9, e119,
// E11, J330, 99213) matches codes starting with it; for an incomplete
// ICD-10-CM code the billable completions follow it, and a 7th character
// typed without its X placeholders ("S060A") is padded. Other words match
// the words of a code's title, short title, Alphabetic Index terms and
// Tabular inclusion terms (own, and those of its ancestors) as prefixes, in
// any order. Stop words ("of", "with", "the", ...) are dropped. Each word
// may also match through:
//   - the curated abbreviation and lay-term table (abbrev.go: htn, dm2, fx,
//     lt, "heart attack", ...);
//   - a shortened stem (the word less up to three letters, at least five
//     kept: "fractures" matches "fracture", "hypertensive" "hypertension");
//   - a typo: a vocabulary word at Damerau edit distance 1, for words of
//     five letters or more that are not themselves in the vocabulary.
//
// When every word cannot be matched by one code, codes missing one word
// are offered after those matching all of them.
//
// # Ranking
//
// Favorites first, then an exact code, then codes starting with a typed
// code; for words, the sum of each word's best match (exact word over
// prefix over stem over typo; title over index term over inclusion term
// over inherited terms), a bonus when one title or index term holds every
// query word and when the query covers that term completely, billable over
// header, shorter titles over longer ones, and a gain for the practice's
// most used codes (Entry.Usage). The words of a title's "without …"
// clause match only a query that negates ("without", "w/o", "no") and
// otherwise do not count against the title, so "bph" finds N40.0 (without
// lower urinary tract symptoms) before N40.1 and "bph luts" finds N40.1. A
// billable code matching the same query words as its own header ranks
// above it.
//
// # Dates (release policy)
//
// Each entry belongs to a release (Source.Releases) with a validity range.
// For a date of service, each code system uses the release that covers the
// date and started last. If no release of a system covers the date (a
// FY2027 date with only FY2026 imported, or a date before the oldest
// release), the system falls back to its newest release: coders keep
// working with the codes they have, and the claim checks warn about the
// release separately. A zero date means the newest release of each system.
// Entries without a release (the practice's procedure list) are always
// valid. Within the chosen release, an entry's own Effective and Terminated
// dates (HCPCS) still apply: a code is valid from Effective through
// Terminated inclusive. With a zero date these are checked against the
// release's first day.
package codesearch
