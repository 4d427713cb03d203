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
	"log/slog"
	"os"
	"path/filepath"

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
	slog.SetDefault(logger(def))
	a := app.NewWithID(claimdesk.AppID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", resources.IconPNG))
	ui.ApplyTheme(a)
	db, err := openDB(context.Background(), *path, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "claimdesk:", claimdesk.ErrorMessage(err), "-", err)
		os.Exit(2)
	}
	w := a.NewWindow("ClaimDesk")
	w.SetContent(ui.New(db.Desk, w, ui.WithDatabase(db, openDB), ui.WithLogger(slog.Default())))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}

// openDB opens the database at path (File → Open) or creates a new one
// (File → New database, which refuses an existing file).
func openDB(_ context.Context, path string, create bool) (*ui.Database, error) {
	if _, err := os.Stat(path); create && err == nil {
		return nil, claimdesk.Errorf(claimdesk.EConflict, "%s already exists: choose a new file name", path)
	}
	desk, db, err := wire.Open(path, wire.Options{Log: slog.Default()})
	if err != nil {
		return nil, err
	}
	if desk.Search == nil {
		desk.Search = &billing.CodeSearch{} // one search index per database
	}
	return &ui.Database{Path: path, Desk: desk, Backup: db.Backup, Close: db.Close,
		Restore: func(ctx context.Context, src string) error { return sqlite.Restore(ctx, src, path) }}, nil
}

// logger writes to claimdesk.log (0600) beside the default database; IDs
// and counts only, never patient data. It falls back to stderr.
func logger(defDB string) *slog.Logger {
	if defDB != "" {
		if err := os.MkdirAll(filepath.Dir(defDB), 0o700); err == nil {
			f, err := os.OpenFile(filepath.Join(filepath.Dir(defDB), "claimdesk.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
			if err == nil {
				return slog.New(slog.NewTextHandler(f, nil))
			}
		}
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
