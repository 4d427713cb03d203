// Command claimctl is ClaimDesk's headless command line: the same use cases
// as the GUI, for scripts, tests and benchmarks. It builds with
// CGO_ENABLED=0 and never imports fyne.io.
//
// Usage: claimctl COMMAND [SUBCOMMAND] [flags] [args]. Every command takes
// --db PATH (default: the GUI's per-user database) and, where it prints
// data, --json. Errors go to stderr in words with a non-zero exit status.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"claimdesk/internal/claimdesk"
)

// Main runs claimctl with the given streams; tests build one with buffers.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// command is one claimctl command. Names may have two words ("codes
// search"): Run tries "A B" before "A".
type command struct {
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

// commands is filled by each command file's init.
var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, m *Main, args []string) error) {
	if _, dup := commands[name]; dup {
		panic("claimctl: command registered twice: " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

// exitError carries a specific exit status (e.g. 1 for check warnings).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(m.Main(ctx, os.Args[1:]))
}

// Main runs one command line and returns the exit status.
func (m *Main) Main(ctx context.Context, args []string) int {
	err := m.Run(ctx, args)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(m.Stderr, "claimctl:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(m.Stderr, "claimctl:", userMessage(err))
	return 2
}

// Run dispatches args to a command.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage()
		return nil
	}
	if len(args) > 1 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.run(ctx, m, args[2:])
		}
	}
	c, ok := commands[args[0]]
	if !ok {
		if subs := m.subcommands(args[0]); subs != "" {
			return fmt.Errorf("'claimctl %s' needs a subcommand: %s", args[0], subs)
		}
		return fmt.Errorf("unknown command %q (run 'claimctl help')", args[0])
	}
	return c.run(ctx, m, args[1:])
}

// subcommands lists the second words registered under first.
func (m *Main) subcommands(first string) string {
	var subs []string
	for n := range commands {
		if a, b, ok := strings.Cut(n, " "); ok && a == first {
			subs = append(subs, b)
		}
	}
	sort.Strings(subs)
	return strings.Join(subs, ", ")
}

func (m *Main) usage() {
	fmt.Fprintln(m.Stdout, "claimctl: ClaimDesk on the command line.\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(m.Stdout, "  %-22s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(m.Stdout, "\nEvery command takes --db PATH; 'claimctl COMMAND -h' shows its flags.")
}

// userMessage turns an error into words for the user: a claimdesk.Error's
// message, field errors, or the error's own text for command-line and file
// problems (which never carry patient data).
func userMessage(err error) string {
	var e *claimdesk.Error
	if errors.As(err, &e) {
		return e.Message
	}
	var fe claimdesk.FieldErrors
	if errors.As(err, &fe) {
		return strings.ReplaceAll(fe.Error(), "\n", "\n  ")
	}
	return err.Error()
}
