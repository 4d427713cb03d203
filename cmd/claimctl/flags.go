package main

import (
	"flag"
	"fmt"
	"io"

	"claimdesk/internal/claimdesk"
)

// cmdFlags is a command's flag set with the flags every command shares.
type cmdFlags struct {
	*flag.FlagSet
	db   *string
	json *bool
}

// newFlags returns a flag set named name with --db and --json.
func newFlags(m *Main, name string) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	def, err := claimdesk.DefaultDBPath()
	if err != nil {
		def = "claimdesk.db"
	}
	return &cmdFlags{
		FlagSet: fs,
		db:      fs.String("db", def, "database file"),
		json:    fs.Bool("json", false, "print JSON"),
	}
}

// parse parses args, allowing flags after positional arguments too
// ("claimctl codes search diab --json").
func (f *cmdFlags) parse(args []string) error {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return err
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return f.Parse(append([]string{"--"}, pos...))
}

// silence discards flag usage output (for tests that expect errors).
func (f *cmdFlags) silence() { f.SetOutput(io.Discard) }

// need returns an error unless exactly n positional arguments were given.
func (f *cmdFlags) need(n int, what string) error {
	if f.NArg() != n {
		return fmt.Errorf("%s: want %s", f.Name(), what)
	}
	return nil
}
