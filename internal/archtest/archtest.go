// Package archtest holds the test that keeps ClaimDesk's package layering
// true (docs/architecture.md). It has no code of its own.
package archtest
