// Command tokumu reads, checks and serves a source-grounded corpus of
// intelligence history. With no set-up it works on the embedded corpus:
// Japanese military intelligence against the USSR, 1922–1945.
//
// Usage:
//
//	tokumu <command> [arguments] [flags]
//
// Run "tokumu help" for the commands.
//
// # Adding a command
//
// Write NAME.go with a var cmdNAME = &command{…} and add cmdNAME to the
// table in init. Declare flags with the standard flag API in the flags func
// and bind them to the command's own options type through opts, never to
// package variables:
//
//	type exportOptions struct{ out string }
//
//	flags: func(fs *flag.FlagSet, m *Main) {
//		fs.StringVar(&opts[exportOptions](m).out, "out", "", "write to `FILE`")
//	},
//	run: func(ctx context.Context, m *Main, args []string) error {
//		o := opts[exportOptions](m)
//		…
//	},
//
// (A command written the old way, with package variables, still works; to
// convert it, move the variables into a type and replace each &v with
// &opts[T](m).v, each v with opts[T](m).v.) Flags may then be written
// before or after the arguments, and the global ones (--db, --json,
// --lang) before the command too; "--" ends them; an unknown flag is a
// usage error naming it (args.go). Long work on a terminal shows
// m.progress (progress.go). A command's arguments complete as paths in the
// shells unless completion.go's completeArgs says otherwise (entity ids,
// source keys, nothing).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/suggest"
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
	DB string // database path; "" means the embedded corpus's cached database
	// dbFromEnv says DB came from $TOKUMU_DB: a command the program
	// prints for pasting leaves --db out (dbFlag).
	dbFromEnv bool
	JSON      bool
	Lang      string

	opts any // the running command's own flag values; see opts
}

// opts returns the running command's own options, a *T made on first use
// after flagSet: the command's flags func binds its flags to it and its run
// func reads the same value. Options live with the run, not in package
// variables, so that tests may run commands in parallel and one run's flags
// never leak into the next.
func opts[T any](m *Main) *T {
	if o, ok := m.opts.(*T); ok {
		return o
	}
	o := new(T)
	m.opts = o
	return o
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
		cmdCompletion,
		cmdUser, cmdToken, cmdHistory, cmdBackup,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	stopProfile := startProfile()
	code := m.Run(ctx, os.Args[1:])
	stopProfile()
	os.Exit(code)
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
	if len(args) > 0 && args[0] == completeCommand {
		return m.complete(ctx, args[1:])
	}
	name, rest, err := splitCommand(args)
	if err != nil {
		fmt.Fprintf(m.Stderr, "tokumu: %v\nRun 'tokumu help' for usage.\n", err)
		return exitUsage
	}
	switch name {
	case "", "help":
		if name == "help" && len(rest) > 0 {
			if c := lookup(rest[0]); c != nil {
				m.commandUsage(m.Stdout, c)
				return exitOK
			}
		}
		m.usage(m.Stdout)
		if name == "" { // no command: "tokumu", "tokumu --json"
			return exitUsage
		}
		return exitOK
	case "version":
		m.version(m.Stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		names := make([]string, len(commands))
		for i, c := range commands {
			names[i] = c.name
		}
		fmt.Fprintf(m.Stderr, "tokumu: unknown command %q%s\nRun 'tokumu help' for the list of commands.\n", name, suggest.DidYouMean(name, names))
		return exitUsage
	}
	fs := m.flagSet(c)
	pos, err := parseArgs(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		m.commandUsage(m.Stdout, c)
		return exitOK
	}
	if err != nil {
		return m.exit(c, err)
	}
	if m.DB == "" && m.Getenv != nil {
		m.DB = m.Getenv("TOKUMU_DB")
		m.dbFromEnv = m.DB != ""
	}
	return m.exit(c, c.run(ctx, m, pos))
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

// flagSet declares the global flags and the command's own on a fresh set.
// It starts a fresh options value for the command (see opts), so that one
// Main can run one command after another.
func (m *Main) flagSet(c *command) *flag.FlagSet {
	m.opts = nil
	fs := flag.NewFlagSet("tokumu "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseArgs reports errors as usage errors
	globalFlags(fs, m)
	if c.flags != nil {
		c.flags(fs, m)
	}
	return fs
}

// globalFlags are the flags every command takes, before or after its name.
func globalFlags(fs *flag.FlagSet, m *Main) {
	fs.StringVar(&m.DB, "db", "", "database `FILE` (default: $TOKUMU_DB, else the embedded corpus's database in the user cache directory)")
	fs.BoolVar(&m.JSON, "json", false, "print JSON for scripts")
	fs.StringVar(&m.Lang, "lang", "en", "`language` of labels: en, ja or ru")
}

// commandUsage prints a command's synopsis, summary and flags, the flags
// written with two dashes as the README and the completions write them.
func (m *Main) commandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: tokumu %s [flags]\n\n%s\n\nFlags (before or after the arguments; -- ends them):\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	m.flagSet(c).VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		if typ != "" {
			typ = " " + typ
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  --%s%s\n    \t%s%s\n", f.Name, typ, usage, def)
	})
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `tokumu — a source-grounded knowledge system for intelligence history.
With no set-up it works on its embedded corpus: Japanese military
intelligence against the USSR, 1922–1945.

Usage: tokumu <command> [arguments] [flags]

Flags go before or after the arguments; -- ends them.

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, firstLine(c.summary))
	}
	fmt.Fprint(w, `
Every command takes --db FILE (or $TOKUMU_DB), --json and --lang en|ja|ru.
Run 'tokumu help <command>' for a command's flags, 'tokumu --version' for
the version and the corpus hash, 'tokumu help completion' for Tab completion.
Exit status: 0 success, 1 nothing found or check failed, 2 usage error.
`)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
