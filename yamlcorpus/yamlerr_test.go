package yamlcorpus_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestYAMLErrorQuality (finding 8): the first syntax error of a file is
// reported at its line and column with a hint in plain words, and the
// errors that only follow from it (every reference to the entity the
// broken file declares) are not reported. The cases are the reliability
// review's, on the embedded corpus's Harbin agency file; the positions
// are found on that file by the lines the cases break.
func TestYAMLErrorQuality(t *testing.T) {
	const file = "entities/organization/harbin-tokumu-kikan.yaml"
	orig, err := fs.ReadFile(corpus.FS, file)
	if err != nil {
		t.Fatal(err)
	}
	base := fstest.MapFS{}
	fs.WalkDir(corpus.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			b, _ := fs.ReadFile(corpus.FS, p)
			base[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	lines := strings.Split(string(orig), "\n")
	// find gives the number of the first line after line after that
	// starts with prefix, so that a claim added above the lines the cases
	// break moves the expected positions with it.
	find := func(after int, prefix string) int {
		t.Helper()
		for i := after; i < len(lines); i++ {
			if strings.HasPrefix(lines[i], prefix) {
				return i + 1
			}
		}
		t.Fatalf("%s has no line %q… after line %d: the file changed; choose other lines", file, prefix, after)
		return 0
	}
	name := find(0, "  - {text: Harbin Special Service Agency, lang: en}")
	when := find(0, `    when: "1919"`)
	partOf := find(0, `    when: "1919/1940"`)
	src := find(partOf, "    source: zhang")
	loc := find(0, "  - {p: located_in, o: harbin, source: zhang, grade: C2}")
	desc := find(0, `    v: "Before the reorganisation of 1940 it was a large one`)
	at := func(n, col int) string { return fmt.Sprintf("%s:%d:%d: ", file, n, col) }
	edit := func(n int, line string) string {
		l := append([]string(nil), lines...)
		l[n-1] = line
		return strings.Join(l, "\n")
	}
	for _, c := range []struct {
		name, data string
		want       string // file:line:col: and the start of the message
		hint       string
	}{
		{"01 unclosed flow mapping", edit(loc, "  - {p: located_in, o: harbin, source: zhang, grade: C2"),
			at(loc, 5), `add "}" at the end of the line`},
		{"02 wrong indentation", edit(src, "  source: zhang"),
			at(src, 3), "indent it with spaces to the level of the other keys"},
		{"08 invalid UTF-8", edit(name, "  - {text: Harbin \xff\xfe\xed\xa0\x80 Agency, lang: en}"),
			at(name, 19), "invalid UTF-8 (byte 0xff)"},
		{"tab in the indentation", edit(when, "\twhen: \"1919\""),
			at(when, 1), "indent with spaces, not tabs"},
		// An unclosed quote swallows the "}" after it: the quote is named,
		// not the brace or the indentation.
		{"unclosed quote in a flow mapping", edit(loc, `  - {p: located_in, o: harbin, source: "zhang, grade: C2}`),
			at(loc, 40), `the quote " opened here is not closed on its line`},
		{"unclosed quote in a block value", edit(when, `    when: "1919`),
			at(when, 11), `add " where the value ends`},
		{"an apostrophe is not a quote", edit(desc, "    v: Zhukov's agency: the main one"),
			at(desc, 23), "quote a value that contains ': '"},
		{"unquoted colon", edit(desc, "    v: After 1931: it was the main agency"),
			at(desc, 18), "quote a value that contains ': '"},
		{"unquoted colon in a flow mapping", edit(loc, "  - {p: located_in, o: harbin, note: in Harbin: the city, source: zhang}"),
			at(loc, 47), "quote a value that contains ': '"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			fsys[file] = &fstest.MapFile{Data: []byte(c.data)}
			_, err := yamlcorpus.Load(fsys)
			var list yamlcorpus.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load: %v, want an ErrorList", err)
			}
			if len(list) != 1 {
				t.Errorf("%d errors, want the syntax error alone:\n%s", len(list), list.Error())
				for _, e := range list {
					t.Log(e)
				}
			}
			got := list[0].Error()
			if !strings.HasPrefix(got, c.want) || !strings.Contains(got, c.hint) {
				t.Errorf("got  %s\nwant %s… %s", got, c.want, c.hint)
			}
		})
	}
}
