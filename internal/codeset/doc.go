// Package codeset reads the official code set files ClaimDesk imports:
// ICD-10-CM order and codes files, the Tabular List, Alphabetic Index and
// External Cause Index XML, the HCPCS Level II quarterly fixed-width file,
// the CMS Place of Service list (FHIR XML), the practice's licensed CPT
// file and its own procedure list CSV. Zips are accepted as downloaded.
//
// io.Reader in, claimdesk values out; bad input gives a *ParseError naming
// file, line and field, wrapping one of the sentinel errors. No database,
// no UI: it imports only the standard library and claimdesk, and no other
// leaf package.
package codeset
