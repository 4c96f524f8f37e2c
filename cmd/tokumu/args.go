package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tokumu/tokumu/internal/suggest"
)

// Command lines follow the GNU conventions that users type from habit:
// flags before or after the arguments (tokumu search Люшков --json), global
// flags before or after the command (tokumu --db FILE show ID), "--" ends
// the flags, and an unknown flag is a usage error that names it. It is
// built on the standard flag package, so that a command declares its
// flags with the flag.FlagSet API it always had; see parseArgs.

// splitCommand finds the command's name among args: the first word that is
// neither a global flag nor a global flag's value. rest is args without
// it, global flags included, for the command's flag set to parse.
// "--version" and "-h"/"--help" before any command name the version and
// help commands.
func splitCommand(args []string) (name string, rest []string, err error) {
	var g Main
	gs := flag.NewFlagSet("tokumu", flag.ContinueOnError)
	globalFlags(gs, &g)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" { // the next word is the command even if it starts with "-"
			if i+1 == len(args) {
				return "", nil, fmt.Errorf("no command after --")
			}
			return args[i+1], append(append(rest, args[:i]...), args[i+2:]...), nil
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			return a, append(append(rest, args[:i]...), args[i+1:]...), nil
		}
		fname, hasValue, err := flagName(a)
		if err != nil {
			return "", nil, err
		}
		switch fname {
		case "version":
			return "version", nil, nil
		case "help", "h":
			return "help", nil, nil
		}
		f := gs.Lookup(fname)
		if f == nil {
			return "", nil, unknownFlag(a, fname, gs)
		}
		if !hasValue && !isBool(f) {
			i++ // its value
			if i == len(args) {
				return "", nil, fmt.Errorf("flag %s needs a value", a)
			}
		}
	}
	return "", nil, nil
}

// parseArgs parses the flags of args wherever they stand and returns the
// other words, the command's arguments, in order. A word is a flag if it
// starts with "-" (one dash or two) and is not "-" alone; a flag that is
// not boolean takes the next word as its value unless written --flag=value
// (so --limit -1 works). Everything after "--" is an argument. Errors are
// usage errors naming the flag, with the nearest known one; -h and --help
// return flag.ErrHelp.
func parseArgs(fs *flag.FlagSet, args []string) (pos []string, err error) {
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			pos = append(pos, a)
			continue
		}
		name, hasValue, err := flagName(a)
		if err != nil {
			return nil, usagef("", "%v", err)
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				return nil, flag.ErrHelp
			}
			return nil, unknownFlag(a, name, fs)
		}
		if hasValue || isBool(f) {
			flags = append(flags, a)
			continue
		}
		if i+1 == len(args) {
			return nil, usagef("", "flag --%s needs a value", name)
		}
		flags = append(flags, "--"+name, args[i+1])
		i++
	}
	fs.SetOutput(io.Discard)
	if err := fs.Parse(flags); err != nil {
		// The flag package writes "-name"; the CLI writes "--name".
		return nil, usagef("", "%s", strings.Replace(err.Error(), " flag -", " flag --", 1))
	}
	if fs.NArg() != 0 { // cannot happen: every word in flags is a flag or its value
		return nil, errors.New("internal error: flag parser left arguments " + strings.Join(fs.Args(), " "))
	}
	return pos, nil
}

// flagName returns the name of the flag word a ("--limit=3" → "limit", true).
func flagName(a string) (name string, hasValue bool, err error) {
	name = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if i := strings.IndexByte(name, '='); i >= 0 {
		name, hasValue = name[:i], true
	}
	if name == "" || strings.HasPrefix(name, "-") {
		return "", false, fmt.Errorf("bad flag syntax %q: write --name or --name=value", a)
	}
	return name, hasValue, nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// unknownFlag is the usage error for a flag the command does not take,
// with the nearest flag it does take.
func unknownFlag(word, name string, fs *flag.FlagSet) error {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	hint := ""
	if m := suggest.Closest(name, names); m != "" {
		hint = " (did you mean --" + m + "?)"
	}
	shown := word
	if i := strings.IndexByte(shown, '='); i >= 0 {
		shown = shown[:i]
	}
	return usagef("", "unknown flag %s%s", shown, hint)
}
