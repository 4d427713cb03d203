// Command claimdesk is ClaimDesk's desktop GUI. It opens the store, builds
// the billing desk and shows the main window; every screen lives in
// internal/ui. It is the only importer of fyne.io/fyne/v2/app.
//
// Usage: claimdesk [--db PATH] (default: the per-user ClaimDesk database).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"claimdesk/internal/billing"
	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
	"claimdesk/internal/ui"
	"claimdesk/internal/wire"
	"claimdesk/resources"
)

func main() {
	def, _ := claimdesk.DefaultDBPath()
	path := flag.String("db", def, "database file")
	flag.Parse()
	a := app.NewWithID(claimdesk.AppID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", resources.IconPNG))
	ui.ApplyTheme(a)
	db, err := openDB(context.Background(), *path, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "claimdesk:", claimdesk.ErrorMessage(err), "-", err)
		os.Exit(2)
	}
	w := a.NewWindow("ClaimDesk")
	w.SetContent(ui.New(db.Desk, w, ui.WithDatabase(db, openDB)))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}

// openDB opens the database at path (File → Open) or creates a new one
// (File → New database, which refuses an existing file).
func openDB(_ context.Context, path string, create bool) (*ui.Database, error) {
	if _, err := os.Stat(path); create && err == nil {
		return nil, claimdesk.Errorf(claimdesk.EConflict, "%s already exists: choose a new file name", path)
	}
	desk, db, err := wire.Open(path, wire.Options{})
	if err != nil {
		return nil, err
	}
	if desk.Search == nil {
		desk.Search = &billing.CodeSearch{} // one search index per database
	}
	return &ui.Database{Path: path, Desk: desk, Backup: db.Backup, Close: db.Close,
		Restore: func(ctx context.Context, src string) error { return sqlite.Restore(ctx, src, path) }}, nil
}
