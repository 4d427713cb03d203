package codesearch

// SetDebug sets the tuning trace hook for tests.
func SetDebug(f func(string, ...any)) { debugf = f }

// AbbrevEntry exposes the abbreviation table to the external tests.
type AbbrevEntry = abbrevEntry

// AbbrevTable returns the curated abbreviation table.
func AbbrevTable() []AbbrevEntry {
	return append(append([]AbbrevEntry(nil), abbrevTable...), anatomyTable...)
}
