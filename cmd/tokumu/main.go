// Command tokumu reads, checks and serves a source-grounded corpus of
// intelligence history. With no set-up it works on the embedded corpus:
// Japanese military intelligence against the USSR, 1922–1945.
//
// Usage:
//
//	tokumu <command> [flags] [arguments]
//
// Run "tokumu help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // nothing found, or the corpus has errors
	exitUsage   = 2
	exitProblem = 1
)

// command is one subcommand.
type command struct {
	name    string
	args    string // argument synopsis
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
	flags   func(fs *flag.FlagSet, m *Main)
}

// Main holds the program's configuration and streams, so that tests can
// run it in-process.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string

	// Global flags, set per command.
	DB   string // database path; "" means the embedded corpus's cached database
	JSON bool
	Lang string
}

var commands []*command

func init() {
	commands = []*command{
		cmdCheck, cmdImport, cmdShow, cmdAt, cmdSearch, cmdSources, cmdStats, cmdDisagreements, cmdAudit, cmdServe,
		cmdExport, cmdConvert, cmdRelease,
		cmdLedger,
		cmdEstimates,
		cmdPath,
		cmdACH,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// usageError is a mistake in how the program was called; it exits 2.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// errFailed reports that the command ran and found nothing or found
// problems it has already printed; it exits 1 without more output.
var errFailed = errors.New("failed")

// Run runs the command line args and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fs := m.flagSet(c)
				fs.SetOutput(m.Stdout)
				fs.Usage()
				return exitOK
			}
		}
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(m.Stdout, "tokumu", tokumu.Version)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		names := make([]string, len(commands))
		for i, c := range commands {
			names[i] = c.name
		}
		fmt.Fprintf(m.Stderr, "tokumu: unknown command %q%s\nRun 'tokumu help' for the list of commands.\n", args[0], closest(args[0], names))
		return exitUsage
	}
	fs := m.flagSet(c)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if m.DB == "" && m.Getenv != nil {
		m.DB = m.Getenv("TOKUMU_DB")
	}
	err := c.run(ctx, m, fs.Args())
	return m.exit(c, err)
}

func (m *Main) exit(c *command, err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "tokumu %s: %s\n", c.name, ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(m.Stderr, "Try: %s\n", ue.hint)
		}
		fmt.Fprintf(m.Stderr, "Run 'tokumu %s --help' for usage.\n", c.name)
		return exitUsage
	case tokumu.ErrorCode(err) == tokumu.ENOTFOUND:
		fmt.Fprintf(m.Stderr, "tokumu %s: %s\n", c.name, tokumu.ErrorMessage(err))
		return exitFailed
	case tokumu.ErrorCode(err) == tokumu.EINVALID:
		fmt.Fprintf(m.Stderr, "tokumu %s: %s\n", c.name, tokumu.ErrorMessage(err))
		return exitUsage
	}
	fmt.Fprintf(m.Stderr, "tokumu %s: %v\n", c.name, err)
	return exitProblem
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (m *Main) flagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("tokumu "+c.name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.DB, "db", "", "database file (default: $TOKUMU_DB, else the embedded corpus's database in the user cache directory)")
	fs.BoolVar(&m.JSON, "json", false, "print JSON for scripts")
	fs.StringVar(&m.Lang, "lang", "en", "language of labels: en, ja or ru")
	if c.flags != nil {
		c.flags(fs, m)
	}
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: tokumu %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `tokumu — a source-grounded knowledge system for intelligence history.
With no set-up it works on its embedded corpus: Japanese military
intelligence against the USSR, 1922–1945.

Usage: tokumu <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, firstLine(c.summary))
	}
	fmt.Fprint(w, `
Every command takes --db FILE (or $TOKUMU_DB), --json and --lang en|ja|ru.
Run 'tokumu help <command>' for a command's flags.
Exit status: 0 success, 1 nothing found or check failed, 2 usage error.
`)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func closest(s string, names []string) string {
	sort.Strings(names)
	for _, n := range names {
		if strings.HasPrefix(n, s) || strings.HasPrefix(s, n) {
			return " (did you mean " + n + "?)"
		}
	}
	return ""
}
