// Package claimdesk holds ClaimDesk's domain vocabulary: the practice, its
// providers, payers, patients, policies, encounters, claims and code-set
// records, with the validation rules that apply to them.
//
// It imports only the standard library. Every other package may import it;
// it must never import a database driver, a GUI toolkit or a PDF library.
// JSON tags live here so that the CLI's --json output and the claim JSON
// documented in docs/claim-json.md marshal domain types directly.
package claimdesk
