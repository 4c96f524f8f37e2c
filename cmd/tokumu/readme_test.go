package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEExamples runs every "$ tokumu …" example of the README on the
// embedded corpus and compares its output with what the README shows, so
// the tour cannot drift from the program. A block whose last line is "…"
// is an excerpt: the output must start with the lines shown. With
// TOKUMU_UPDATE_README=1 it writes the outputs into the README instead
// (excerpts keep their length), for a human to review with git diff.
func TestREADMEExamples(t *testing.T) {
	update := os.Getenv("TOKUMU_UPDATE_README") == "1"
	type edit struct{ old, new string }
	var edits []edit
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The default database, in a cache directory of the test's own: an
	// explicit --db must exist (see TestQuietMistakes).
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	db := ""
	// A database the README names ("--db test.db") lives in a directory of
	// the test's, shared by the examples in order (import, then show).
	own := t.TempDir()
	// Durations vary from run to run; both sides compare with them as "…".
	durations := regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|ms|s)\b`)
	examples := 0
	for _, ex := range readmeExamples(string(readme), "tokumu") {
		line, want := ex.line, ex.want
		examples++
		t.Run(line, func(t *testing.T) {
			args := shellWords(line)[1:]
			// Paths in the README are from the repository's root.
			for j, a := range args {
				if _, err := os.Stat(filepath.Join("../..", a)); err == nil && strings.Contains(a, "/") {
					args[j] = filepath.Join("../..", a)
				}
				if j > 0 && args[j-1] == "--db" {
					args[j] = filepath.Join(own, a)
				}
			}
			_, out, errs := run(t, db, args...)
			got := strings.ReplaceAll(strings.ReplaceAll(out+errs, "../../", ""), own+string(filepath.Separator), "")
			got = strings.Trim(got, "\n")
			if !update {
				got, want = durations.ReplaceAllString(got, "…"), durations.ReplaceAllString(want, "…")
			}
			wl := strings.Split(want, "\n")
			if update {
				repl := got
				if wl[len(wl)-1] == "…" {
					gl := strings.Split(got, "\n")
					repl = strings.Join(gl[:min(len(gl), len(wl)-1)], "\n") + "\n…"
				}
				edits = append(edits, edit{"$ " + line + "\n" + want + "\n", "$ " + line + "\n" + repl + "\n"})
				return
			}
			if wl[len(wl)-1] == "…" {
				want = strings.Join(wl[:len(wl)-1], "\n")
				if !strings.HasPrefix(got, want) {
					t.Errorf("output does not start as the README shows.\nREADME:\n%s\ngot:\n%s", want, got)
				}
				return
			}
			if got != want {
				t.Errorf("output differs from the README.\nREADME:\n%s\ngot:\n%s", want, got)
			}
		})
	}
	if examples < 5 {
		t.Fatalf("found %d examples in the README; the pattern no longer matches its blocks", examples)
	}
	if update {
		text := string(readme)
		for _, e := range edits {
			text = strings.Replace(text, e.old, e.new, 1)
		}
		if err := os.WriteFile("../../README.md", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("README.md: %d examples rewritten; review with git diff", len(edits))
	}
}

// readmeExample is one "$ command" line of a README code block and the
// output printed under it, up to the next command or the block's end.
type readmeExample struct{ line, want string }

// readmeExamples returns the examples of the README's code blocks whose
// commands start with prog ("tokumu", "curl").
func readmeExamples(readme, prog string) []readmeExample {
	q := regexp.QuoteMeta(prog)
	blocks := regexp.MustCompile("(?s)```\n(\\$ "+q+" .*?)```").FindAllStringSubmatch(readme, -1)
	cmdLine := regexp.MustCompile(`(?m)^\$ (` + q + ` .*)$`)
	var out []readmeExample
	for _, b := range blocks {
		locs := cmdLine.FindAllStringSubmatchIndex(b[1], -1)
		for i, loc := range locs {
			end := len(b[1])
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			out = append(out, readmeExample{b[1][loc[2]:loc[3]], strings.Trim(b[1][loc[1]:end], "\n")})
		}
	}
	return out
}

// shellWords splits a command line on spaces, keeping "quoted words" whole.
func shellWords(s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`"[^"]*"|\S+`).FindAllString(s, -1) {
		out = append(out, strings.Trim(m, `"`))
	}
	return out
}
