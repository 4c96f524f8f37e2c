package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for tokumu: with
// TOKUMU_TEST_AS_CLI=1 it runs the program on its arguments, so that the
// shell completion tests call a real executable without a go build.
func TestMain(m *testing.M) {
	if os.Getenv("TOKUMU_TEST_AS_CLI") == "1" {
		mm := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
		os.Exit(mm.Run(context.Background(), os.Args[1:]))
	}
	os.Exit(m.Run())
}

func lines(s string) []string {
	return strings.Fields(s)
}

func TestComplete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := runArgs("import", good, "--db", db); code != 0 {
		t.Fatal(errs)
	}
	for _, tt := range []struct {
		words []string
		want  []string
	}{
		{[]string{"s"}, []string{"search", "serve", "show", "sources", "stats"}},
		{[]string{"--db", db, "sh"}, []string{"show"}},
		{[]string{"help", "com"}, []string{"completion"}},
		{[]string{"completion", ""}, []string{"bash", "fish", "zsh"}},
		{[]string{"show", "--db", db, "test-a"}, []string{"test-agency", "test-army"}},
		{[]string{"--db", db, "show", ""}, []string{"test-agency", "test-army", "test-officer"}},
		{[]string{"show", "test-officer", "--db=" + db, "--j"}, []string{"--json"}},
		{[]string{"search", "--l"}, []string{"--lang", "--limit"}},
		{[]string{"search", "x", "--lang", ""}, []string{"en", "ja", "ru"}},
		{[]string{"search", "x", "--type", "p"}, []string{"period", "person", "place"}},
		{[]string{"--db", db, "search", "x", "--source", ""}, []string{"test-memoir", "test-monograph"}},
		{[]string{"--db", db, "at", ""}, nil},                                    // a date: no candidates
		{[]string{"--db", db, "at", "1939", "test-o"}, []string{"test-officer"}}, // then an id
		{[]string{"--db", ""}, []string{":files"}},
		{[]string{"show", "--db", ""}, []string{":files"}},
		{[]string{"import", ""}, []string{":dirs"}},
		{[]string{"--", "--j"}, nil}, // after --, not a flag; and no such command
		{[]string{"--ver"}, []string{"--version"}},
	} {
		_, out, _ := runArgs(append([]string{completeCommand}, tt.words...)...)
		if got := lines(out); !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %q, want %q", tt.words, got, tt.want)
		}
	}
}

// TestCompletionShells runs each script in its shell, with the test binary
// as tokumu on PATH, and checks what Tab would offer. bash and fish are
// driven for real (bash's COMP_WORDS, fish's complete -C); zsh needs a
// terminal for its completion system, so its script is checked by zsh -n
// and by sourcing it under compinit. A missing shell fails the test;
// scripts/test.sh installs bash, zsh and fish.
func TestCompletionShells(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wrapper := "#!/bin/sh\nTOKUMU_TEST_AS_CLI=1 exec " + exe + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "tokumu"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "t.db")
	if code, _, errs := runArgs("import", good, "--db", db); code != 0 {
		t.Fatal(errs)
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		_, script, _ := runArgs("completion", sh)
		if err := os.WriteFile(filepath.Join(dir, "tokumu."+sh), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"), "TOKUMU_DB="+db, "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	shell := func(name string, args ...string) string {
		t.Helper()
		path, err := exec.LookPath(name)
		if err != nil {
			t.Fatalf("%s is not installed (scripts/test.sh installs it): %v", name, err)
		}
		cmd := exec.Command(path, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %q: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	bash := `source ./tokumu.bash
COMP_WORDS=(tokumu show test-a); COMP_CWORD=2; _tokumu; echo "${COMPREPLY[@]}"
COMP_WORDS=(tokumu sea); COMP_CWORD=1; _tokumu; echo "${COMPREPLY[@]}"
COMP_WORDS=(tokumu search x --js); COMP_CWORD=3; _tokumu; echo "${COMPREPLY[@]}"
mkdir -p corpdir; COMP_WORDS=(tokumu import corp); COMP_CWORD=2; _tokumu; echo "${COMPREPLY[@]}"
`
	if got, want := shell("bash", "-c", bash), "test-agency test-army\nsearch\n--json\ncorpdir\n"; got != want {
		t.Errorf("bash completion:\n%s\nwant:\n%s", got, want)
	}
	fish := `source ./tokumu.fish
complete -C "tokumu show test-a"
complete -C "tokumu sea"
complete -C "tokumu search x --lang "
`
	if got, want := shell("fish", "-c", fish), "test-agency\ntest-army\nsearch\nen\nja\nru\n"; got != want {
		t.Errorf("fish completion:\n%s\nwant:\n%s", got, want)
	}
	shell("zsh", "-n", "tokumu.zsh")
	// Outside a completion widget words and CURRENT are plain variables and
	// compadd can be stood in for, which is enough to drive _tokumu.
	zsh := `autoload -Uz compinit && compinit -u -d ./zcompdump && source ./tokumu.zsh
print -r -- ${_comps[tokumu]}
compadd() { print -r -- ${(P)2} }
words=(tokumu show test-a); CURRENT=3; _tokumu
words=(tokumu search x --lang ''); CURRENT=5; _tokumu
`
	if got, want := shell("zsh", "-c", zsh), "_tokumu\ntest-agency test-army\nen ja ru\n"; got != want {
		t.Errorf("zsh completion:\n%s\nwant:\n%s", got, want)
	}
}
