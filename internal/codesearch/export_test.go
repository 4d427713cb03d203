package codesearch

// SetDebug sets the tuning trace hook for tests.
func SetDebug(f func(string, ...any)) { debugf = f }
