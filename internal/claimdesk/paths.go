package claimdesk

import (
	"os"
	"path/filepath"
)

// AppID is the application ID shared by the GUI, the CLI and FyneApp.toml.
const AppID = "org.claimdesk.app"

// DefaultDBPath returns the per-user database file the GUI and the CLI use
// when no other is given: <user config dir>/ClaimDesk/claimdesk.db
// (~/.config/ClaimDesk on Linux, ~/Library/Application Support/ClaimDesk on
// macOS, %AppData%\ClaimDesk on Windows). CLAIMDESK_DB overrides it.
func DefaultDBPath() (string, error) {
	if p := os.Getenv("CLAIMDESK_DB"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "ClaimDesk", "claimdesk.db"), nil
}
