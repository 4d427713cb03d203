package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// themePref is the preference key holding "light", "dark" or "" (follow
// the system).
const themePref = "theme"

// deskTheme is ClaimDesk's theme: Fyne's default, a little denser (a coder
// wants the whole claim on one 1280×800 screen), with a fixed light or dark
// variant when the user chose one.
type deskTheme struct {
	// variant forces light or dark; nil follows the system.
	variant *fyne.ThemeVariant
}

// NewTheme returns the theme for a preference value: "light", "dark" or ""
// (follow the system).
func NewTheme(pref string) fyne.Theme {
	t := &deskTheme{}
	switch pref {
	case "light":
		v := theme.VariantLight
		t.variant = &v
	case "dark":
		v := theme.VariantDark
		t.variant = &v
	}
	return t
}

// Color implements fyne.Theme.
func (t *deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	if n == theme.ColorNamePrimary {
		// A calm blue that reads well on both backgrounds.
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x5b, G: 0x9b, B: 0xf0, A: 0xff}
		}
		return color.NRGBA{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font implements fyne.Theme.
func (t *deskTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon implements fyne.Theme.
func (t *deskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size implements fyne.Theme.
func (t *deskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 3
	case theme.SizeNameInnerPadding:
		return 6
	case theme.SizeNameText:
		return 13
	case theme.SizeNameLineSpacing:
		return 3
	}
	return theme.DefaultTheme().Size(n)
}

// themeMenu is View: Light / Dark / System, remembered in the preferences.
func themeMenu() *fyne.Menu {
	set := func(pref string) func() {
		return func() {
			a := fyne.CurrentApp()
			a.Preferences().SetString(themePref, pref)
			a.Settings().SetTheme(NewTheme(pref))
		}
	}
	return fyne.NewMenu("View",
		fyne.NewMenuItem("Light theme", set("light")),
		fyne.NewMenuItem("Dark theme", set("dark")),
		fyne.NewMenuItem("System theme", set("")),
	)
}

// ApplyTheme sets the theme the user chose last time; main calls it before
// showing the window.
func ApplyTheme(a fyne.App) {
	a.Settings().SetTheme(NewTheme(a.Preferences().String(themePref)))
}
