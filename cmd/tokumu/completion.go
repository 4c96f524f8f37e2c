package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// completeCommand is the hidden command the shell scripts call on every
// Tab: "tokumu __complete WORD… CURRENT" prints the candidates for CURRENT,
// one a line, or a directive ":files" or ":dirs" for the shell's own
// completion of paths. The logic lives here, in Go, once for all three
// shells, so the scripts stay a few lines each and know every command and
// flag the binary knows, including commands added later.
const completeCommand = "__complete"

// completeArgs says what a command's arguments are, by position (the last
// kind repeats). A command not listed completes paths.
var completeArgs = map[string][]string{
	"show":          {"entity"},
	"at":            {"", "entity"},
	"disagreements": {"entity"},
	"sources":       {"source"},
	"check":         {"dir"},
	"import":        {"dir"},
	"search":        {""},
	"serve":         {""},
	"stats":         {""},
	"completion":    {"shell"},
	"help":          {"command"},
	"version":       {""},
}

// completeFlags says what a flag's value is, by the flag's name.
var completeFlags = map[string]string{
	"db": "file", "lang": "lang", "type": "type", "by": "entity", "source": "source", "period": "period",
}

var cmdCompletion = &command{
	name: "completion",
	args: "bash|zsh|fish",
	summary: `Print a shell completion script for bash, zsh or fish.

Tab then completes commands, flags, and entity ids and source keys from
the database (--db, $TOKUMU_DB, or the embedded corpus).

  bash:  source <(tokumu completion bash)       (in ~/.bashrc)
  zsh:   source <(tokumu completion zsh)        (in ~/.zshrc, after compinit)
  fish:  tokumu completion fish > ~/.config/fish/completions/tokumu.fish`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			return usagef("tokumu completion bash", "completion needs one shell: bash, zsh or fish")
		}
		script, ok := completionScripts[args[0]]
		if !ok {
			return usagef("tokumu completion bash", "no completion for shell %q: use bash, zsh or fish", args[0])
		}
		fmt.Fprint(m.Stdout, script)
		return nil
	},
}

var completionScripts = map[string]string{
	"bash": `# bash completion for tokumu: source <(tokumu completion bash)
_tokumu() {
	local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n'
	local -a out
	out=($(tokumu __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	case "${out[0]}" in
	:files) COMPREPLY=($(compgen -f -- "$cur")) ;;
	:dirs) COMPREPLY=($(compgen -d -- "$cur")) ;;
	*) COMPREPLY=("${out[@]}") ;;
	esac
}
complete -o filenames -F _tokumu tokumu
`,
	"zsh": `#compdef tokumu
# zsh completion for tokumu: source <(tokumu completion zsh), after compinit
_tokumu() {
	local -a out
	out=("${(@f)$(tokumu __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
	case "$out[1]" in
	:files) _files ;;
	:dirs) _files -/ ;;
	*) compadd -a out ;;
	esac
}
if [ "$funcstack[1]" = "_tokumu" ]; then
	_tokumu "$@"
else
	compdef _tokumu tokumu
fi
`,
	"fish": `# fish completion for tokumu: tokumu completion fish > ~/.config/fish/completions/tokumu.fish
function __tokumu_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	set -l out (tokumu __complete $words[2..-1] "$cur" 2>/dev/null)
	switch "$out[1]"
		case :files
			__fish_complete_path "$cur"
		case :dirs
			__fish_complete_directories "$cur"
		case '*'
			printf '%s\n' $out
	end
end
complete -c tokumu -f -a '(__tokumu_complete)'
`,
}

// complete prints the candidates for the last of words; see completeCommand.
// It never fails: a shell waiting on Tab wants candidates or nothing.
func (m *Main) complete(ctx context.Context, words []string) int {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	name, rest, err := splitCommand(before)
	if err != nil && !(len(before) > 0 && awaitingGlobal(before)) {
		return exitOK
	}
	c := lookup(name)
	var fs *flag.FlagSet
	if c != nil {
		fs = m.flagSet(c)
	} else {
		fs = flag.NewFlagSet("tokumu", flag.ContinueOnError)
		globalFlags(fs, m)
	}
	// Walk the words before the cursor: the arguments so far, --db (for
	// ids from the database the line names), and a flag awaiting its value.
	var pos []string
	awaiting, ended := "", false
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if ended || a == "-" || !strings.HasPrefix(a, "-") {
			pos = append(pos, a)
			continue
		}
		if a == "--" {
			ended = true
			continue
		}
		fname, hasValue, err := flagName(a)
		f := fs.Lookup(fname)
		if err != nil || f == nil || isBool(f) {
			continue
		}
		if hasValue {
			f.Value.Set(a[strings.IndexByte(a, '=')+1:])
			continue
		}
		if i+1 == len(rest) {
			awaiting = fname
			break
		}
		f.Value.Set(rest[i+1])
		i++
	}
	if m.DB == "" && m.Getenv != nil {
		m.DB = m.Getenv("TOKUMU_DB")
	}
	var kind string
	switch {
	case name == "" && len(before) > 0 && awaitingGlobal(before):
		kind = completeFlags[strings.TrimLeft(before[len(before)-1], "-")]
	case awaiting != "":
		kind = completeFlags[awaiting]
	case strings.HasPrefix(cur, "-") && !ended:
		kind = "flag"
	case name == "":
		kind = "command"
	default:
		kinds, ok := completeArgs[name]
		if !ok {
			kind = "file"
		} else {
			kind = kinds[min(len(pos), len(kinds)-1)]
		}
	}
	var cands []string
	switch kind {
	case "file":
		fmt.Fprintln(m.Stdout, ":files")
		return exitOK
	case "dir":
		fmt.Fprintln(m.Stdout, ":dirs")
		return exitOK
	case "flag":
		fs.VisitAll(func(f *flag.Flag) { cands = append(cands, "--"+f.Name) })
		cands = append(cands, "--help")
		if name == "" {
			cands = append(cands, "--version")
		}
	case "command", "help":
		for _, c := range commands {
			cands = append(cands, c.name)
		}
		cands = append(cands, "help", "version")
	case "shell":
		cands = []string{"bash", "fish", "zsh"}
	case "lang":
		cands = []string{"en", "ja", "ru"}
	case "type":
		for _, t := range tokumu.EntityTypes {
			cands = append(cands, string(t))
		}
	case "entity", "period", "source":
		cands = m.completeIDs(ctx, kind)
	}
	sort.Strings(cands)
	for _, s := range cands {
		if strings.HasPrefix(s, cur) {
			fmt.Fprintln(m.Stdout, s)
		}
	}
	return exitOK
}

// awaitingGlobal reports whether the last word before the cursor is a
// global flag that takes a value ("tokumu --db <Tab>").
func awaitingGlobal(before []string) bool {
	name, hasValue, err := flagName(before[len(before)-1])
	if err != nil || hasValue {
		return false
	}
	var g Main
	gs := flag.NewFlagSet("tokumu", flag.ContinueOnError)
	globalFlags(gs, &g)
	f := gs.Lookup(name)
	return f != nil && !isBool(f)
}

// completeIDs lists entity ids (of periods only, for "period") or source
// keys from the database the command line names.
func (m *Main) completeIDs(ctx context.Context, kind string) []string {
	db, err := m.openStore(ctx)
	if err != nil {
		return nil
	}
	defer db.Close()
	var ids []string
	if kind == "source" {
		ss, err := db.Sources(ctx)
		if err != nil {
			return nil
		}
		for _, s := range ss {
			ids = append(ids, s.ID)
		}
		return ids
	}
	f := tokumu.EntityFilter{}
	if kind == "period" {
		f.Type = tokumu.Period
	}
	es, err := db.Entities(ctx, f)
	if err != nil {
		return nil
	}
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}
