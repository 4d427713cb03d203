// Package resources holds the files ClaimDesk embeds: the application icon
// and the starter code list. It imports no GUI package: cmd/claimdesk wraps
// the bytes in a fyne.Resource.
package resources

import _ "embed"

// IconPNG is the application icon (resources/Icon.png, 512×512), for the
// window and the desktop packages.
//
//go:embed Icon.png
var IconPNG []byte
