package claimdesk

import (
	"context"
	"fmt"
)

// Setting keys the application stores. Values are text; the billing
// package reads and writes them through typed accessors.
const (
	// SettingPrintOffsetX and SettingPrintOffsetY move everything printed on
	// the red CMS-1500 form right (X) and down (Y), in 1/100 inch; negative
	// values move it left or up.
	SettingPrintOffsetX = "print.offset_x"
	SettingPrintOffsetY = "print.offset_y"
	// SettingPrintMode is the default print mode: PrintModeForm or PrintModePlain.
	SettingPrintMode = "print.mode"
	// SettingSetupDone records that the first-run setup was finished (or
	// skipped): "1".
	SettingSetupDone = "setup.done"
)

// Print modes: data only, for the pre-printed red form, or the whole form
// drawn on plain paper.
const (
	PrintModeForm  = "form"
	PrintModePlain = "plain"
)

// MaxPrintOffset is the largest printer offset accepted, in 1/100 inch
// either way (half an inch).
const MaxPrintOffset = 50

// PrinterSettings are the printer alignment and default mode.
type PrinterSettings struct {
	// OffsetX and OffsetY are in 1/100 inch (right and down are positive).
	OffsetX int    `json:"offset_x"`
	OffsetY int    `json:"offset_y"`
	Mode    string `json:"mode"`
}

// Validate checks the offsets' range and the mode.
func (p PrinterSettings) Validate() FieldErrors {
	var fe FieldErrors
	if p.OffsetX < -MaxPrintOffset || p.OffsetX > MaxPrintOffset {
		fe.add("offset_x", fmt.Sprintf("horizontal offset must be between -%d and %d hundredths of an inch", MaxPrintOffset, MaxPrintOffset))
	}
	if p.OffsetY < -MaxPrintOffset || p.OffsetY > MaxPrintOffset {
		fe.add("offset_y", fmt.Sprintf("vertical offset must be between -%d and %d hundredths of an inch", MaxPrintOffset, MaxPrintOffset))
	}
	switch p.Mode {
	case PrintModeForm, PrintModePlain:
	default:
		fe.add("mode", "print mode must be form (red form) or plain (plain paper)")
	}
	return fe
}

// Favourite is a code the practice starred: it ranks first in searches.
type Favourite struct {
	System CodeSystem `json:"system"`
	// Code is written as coders write it (E11.65, 99213).
	Code string `json:"code"`
}

// SettingsService stores the practice's settings as key/value text and
// its favourite codes.
type SettingsService interface {
	// Setting returns the value of key; ok is false when it was never set.
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	// SetSetting stores value under key.
	SetSetting(ctx context.Context, key, value string) error
	// SetSettings stores several values in one transaction.
	SetSettings(ctx context.Context, values map[string]string) error
	// AllSettings returns every stored setting.
	AllSettings(ctx context.Context) (map[string]string, error)
	// DeleteSetting removes key (no error when it is missing).
	DeleteSetting(ctx context.Context, key string) error

	// Favourites lists the starred codes, ordered by system and code.
	Favourites(ctx context.Context) ([]Favourite, error)
	// SetFavourite stars (on) or unstars a code.
	SetFavourite(ctx context.Context, f Favourite, on bool) error
}
