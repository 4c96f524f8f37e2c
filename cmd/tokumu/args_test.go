package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// runArgs runs the program in-process with exactly args (run inserts --db).
func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// TestFlagsAnywhere: the command lines of issue 16, as a user types them.
func TestFlagsAnywhere(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	// The README's own form: the flag after the directory.
	if code, out, errs := runArgs("import", good, "--db", db); code != 0 || !strings.Contains(out, "imported") {
		t.Fatalf("import DIR --db FILE: exit %d, %s %s", code, out, errs)
	}
	type hit struct{ Entity string }
	var res struct {
		Query string
		Total int
		Hits  []hit
	}
	for _, args := range [][]string{
		{"search", "Shiken", "--json", "--db", db},
		{"search", "--json", "Shiken", "--db=" + db},
		{"--json", "search", "Shiken", "--db", db},
		{"--db", db, "--json", "search", "Shiken"},
		{"--db", db, "search", "Shiken", "-json"},
		{"--db", db, "search", "Shiken", "--json=true", "--limit", "1"},
	} {
		code, out, errs := runArgs(args...)
		res.Hits = nil
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
			t.Errorf("tokumu %q: exit %d, %v; %s%s", args, code, err, out, errs)
			continue
		}
		if res.Query != "Shiken" || len(res.Hits) == 0 || res.Hits[0].Entity != "test-officer" {
			t.Errorf("tokumu %q: query %q, hits %+v; want query Shiken, test-officer first", args, res.Query, res.Hits)
		}
	}
	var page struct{ Entity struct{ ID string } }
	for _, args := range [][]string{
		{"show", "test-officer", "--json", "--db", db},
		{"--lang", "ja", "show", "--db", db, "test-officer", "--json"},
	} {
		code, out, errs := runArgs(args...)
		if err := json.Unmarshal([]byte(out), &page); err != nil || code != 0 || page.Entity.ID != "test-officer" {
			t.Errorf("tokumu %q: exit %d, %v, id %q; %s", args, code, err, page.Entity.ID, errs)
		}
	}
	// -- ends the flags: "--json" is then the query, which finds nothing.
	if code, out, _ := runArgs("search", "--db", db, "--", "--json"); code != 1 || out != "nothing found for \"--json\"\n" {
		t.Errorf("search -- --json: exit %d, %q", code, out)
	}
	// A flag's value may start with a dash: --limit -1 is the value -1, not a flag.
	if code, _, errs := runArgs("at", "1933-03-01", "--limit", "-1", "--db", db); code != 0 {
		t.Errorf("at --limit -1: exit %d, %s", code, errs)
	}
	// Flags of one run do not leak into the next on the same Main.
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	m.Run(context.Background(), []string{"search", "test", "--limit", "1", "--json", "--db", db})
	out.Reset()
	m.JSON = false
	m.Run(context.Background(), []string{"search", "test", "--db", db, "--json"})
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || len(res.Hits) < 2 {
		t.Errorf("second search on one Main: %v, %d hits; want the default limit (more than 1)", err, len(res.Hits))
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--jsn", "x"}, "tokumu search: unknown flag --jsn (did you mean --json?)"},
		{[]string{"search", "x", "--jsn"}, "unknown flag --jsn (did you mean --json?)"},
		{[]string{"search", "x", "--lmit=3"}, "unknown flag --lmit (did you mean --limit?)"},
		{[]string{"show", "x", "--frobnicate"}, "unknown flag --frobnicate\n"},
		{[]string{"--jsn", "show", "x"}, "tokumu: unknown flag --jsn (did you mean --json?)"},
		{[]string{"search", "x", "--limit"}, "flag --limit needs a value"},
		{[]string{"search", "x", "--limit", "many"}, `invalid value "many" for flag --limit`},
		{[]string{"search", "x", "---limit", "3"}, `bad flag syntax "---limit"`},
		{[]string{"search", "x", "--=3"}, `bad flag syntax "--=3"`},
		{[]string{"--db"}, "flag --db needs a value"},
		{[]string{"--"}, "no command after --"},
		{[]string{"serve", "--adr", ":0"}, "unknown flag --adr (did you mean --addr?)"},
		// A bad address is said before any database is opened.
		{[]string{"serve", "--addr", "8750", "--db", "/nonexistent/x.db"}, "--addr 8750: address 8750: missing port in address"},
		{[]string{"serve", "--addr", ":99999", "--db", "/nonexistent/x.db"}, "invalid port"},
	} {
		code, out, errs := runArgs(tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) || out != "" {
			t.Errorf("tokumu %q: exit %d, stdout %q, stderr %q; want exit 2 and %q on stderr", tt.args, code, out, errs, tt.want)
		}
	}
	// Help anywhere on a command's line is the command's help, exit 0.
	for _, args := range [][]string{{"search", "x", "--help"}, {"search", "-h"}, {"help", "search"}} {
		if code, out, _ := runArgs(args...); code != 0 || !strings.HasPrefix(out, "Usage: tokumu search QUERY... [flags]") || !strings.Contains(out, "  --limit int\n") {
			t.Errorf("tokumu %q: exit %d, %q", args, code, out)
		}
	}
	if code, out, _ := runArgs("--json"); code != 2 || !strings.Contains(out, "Commands:") {
		t.Errorf("tokumu --json (no command): exit %d, %q; want 2 and the usage", code, out)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		if code, out, _ := runArgs(args...); code != 0 || !strings.Contains(out, "Commands:") {
			t.Errorf("tokumu %q: exit %d, %q", args, code, out)
		}
	}
}

func TestParseArgs(t *testing.T) {
	for _, tt := range []struct {
		args      []string
		pos       []string
		n         int
		json, err bool
	}{
		{[]string{"a", "--n", "3", "b"}, []string{"a", "b"}, 3, false, false},
		{[]string{"--n=4", "a", "-json", "-"}, []string{"a", "-"}, 4, true, false},
		{[]string{"a", "--", "--n", "5", "-json"}, []string{"a", "--n", "5", "-json"}, 0, false, false},
		{[]string{"--json=false", "--n", "-2"}, nil, -2, false, false},
		{[]string{"--n"}, nil, 0, false, true},
		{[]string{"--x"}, nil, 0, false, true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		var n int
		var j bool
		fs.IntVar(&n, "n", 0, "")
		fs.BoolVar(&j, "json", false, "")
		pos, err := parseArgs(fs, tt.args)
		if (err != nil) != tt.err || !slices.Equal(pos, tt.pos) || n != tt.n || j != tt.json {
			t.Errorf("parseArgs(%q) = %q, n=%d json=%v, err %v; want %q n=%d json=%v err=%v", tt.args, pos, n, j, err, tt.pos, tt.n, tt.json, tt.err)
		}
	}
}

// FuzzArgs: no command line panics the parser, and every rejected command
// line is a usage error (exit 2) with a message, never a crash or exit 1.
// Only commands that fail before touching a database are exercised (with
// a --db that does not exist and a command that cannot run, the line is
// parsed in full), so the fuzzer stays fast and hermetic.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{
		"search\x00Люшков\x00--json", "show\x00x\x00--jsn", "--db\x00f\x00check\x00--", "--\x00--json",
		"import\x00--db", "search\x00--limit=-1\x00-h", "---\x00=", "--lang\x00ja\x00at", "completion\x00zsh",
		"help\x00search", "serve\x00--addr", "\x00", "-\x00-", "--version",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) || len(line) > 200 {
			return
		}
		args := strings.Split(line, "\x00")
		name, rest, err := splitCommand(args)
		if err != nil {
			if code, _, errs := runArgs(args...); code != 2 || errs == "" {
				t.Fatalf("tokumu %q: splitCommand says %v but exit %d, %q", args, err, code, errs)
			}
			return
		}
		c := lookup(name)
		if c == nil {
			return // help, version, an unknown command: TestUsage covers them
		}
		m := &Main{}
		fs := m.flagSet(c)
		pos, err := parseArgs(fs, rest)
		if err == nil || err == flag.ErrHelp {
			if len(pos) > len(rest) {
				t.Fatalf("parseArgs(%q) returned %d arguments from %d words", rest, len(pos), len(rest))
			}
			return
		}
		code, _, errs := runArgs(args...)
		if code != 2 || !strings.Contains(errs, "Run 'tokumu "+name+" --help'") {
			t.Fatalf("tokumu %q: parse error %v but exit %d, %q", args, err, code, errs)
		}
	})
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}, {"--json", "--version"}} {
		code, out, _ := runArgs(args...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 4 || lines[0] != "tokumu dev" || !strings.HasPrefix(lines[2], "commit ") || !strings.HasPrefix(lines[3], "go go1.") {
			t.Fatalf("tokumu %q: exit %d\n%s", args, code, out)
		}
		hash, rel, _ := strings.Cut(strings.TrimPrefix(lines[1], "corpus "), " ")
		if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" || rel != "(release "+hash[:min(12, len(hash))]+")" {
			t.Errorf("corpus line %q: want 64 hex digits and the release they name", lines[1])
		}
	}
	// The hash printed is the one that marks the embedded database.
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if code, _, errs := runArgs("stats"); code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	dbs, _ := filepath.Glob(filepath.Join(cache, "*", "*.db"))
	if len(dbs) != 1 {
		t.Fatalf("the embedded database in %s: found %v", cache, dbs)
	}
	db := dbs[0]
	_, out, _ := runArgs("--version")
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	hash, _, _ := strings.Cut(strings.TrimPrefix(strings.Split(out, "\n")[1], "corpus "), " ")
	if !bytes.Contains(raw, []byte(embeddedPrefix+hash)) {
		t.Errorf("the database built from the embedded corpus does not carry the hash --version prints (%s)", hash)
	}
}
