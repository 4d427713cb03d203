package main

import (
	"context"
	"fmt"
)

func init() {
	register("db path", "print the database file used when --db is not given", runDBPath)
}

// runDBPath prints the default database path (or --db when given).
func runDBPath(ctx context.Context, m *Main, args []string) error {
	f := newFlags(m, "db path")
	if err := f.parse(args); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, *f.db)
	return nil
}
