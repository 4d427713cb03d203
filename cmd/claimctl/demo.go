package main

import (
	"context"
	"fmt"
	"log/slog"

	"claimdesk/internal/wire"
)

func init() {
	register("demo", "create a database holding the fictional demo practice", runDemo)
}

// runDemo fills a new (or empty) database with the demo practice.
func runDemo(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "demo")
	seed := f.Uint64("seed", 1, "random seed: the same seed gives the same data")
	if err := f.parse(args); err != nil {
		return err
	}
	desk, db, err := wire.Open(*f.db, wire.Options{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer db.Close()
	progress, done := progressLine(m.Stderr, "demo")
	err = desk.LoadDemo(ctx, *seed, progress)
	done()
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "demo practice written to %s\n", *f.db)
	return nil
}
