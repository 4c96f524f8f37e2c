package yamlcorpus_test

import (
	"errors"
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
// are counted by hand on that file.
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
	must := func(n int, prefix string) {
		t.Helper()
		if !strings.HasPrefix(lines[n-1], prefix) {
			t.Fatalf("%s line %d is %q, not %q…: the file changed; recount the positions", file, n, lines[n-1], prefix)
		}
	}
	must(9, "  - {text: Harbin Special Service Agency, lang: en}")
	must(21, `    when: "1919"`)
	must(28, "    source: zhang")
	must(31, "  - {p: located_in, o: harbin, source: zhang, grade: C2}")
	must(33, `    v: "After 1931 it was the Kwantung Army's main agency working against the USSR."`)
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
		{"01 unclosed flow mapping", edit(31, "  - {p: located_in, o: harbin, source: zhang, grade: C2"),
			file + ":31:5: ", `add "}" at the end of the line`},
		{"02 wrong indentation", edit(28, "  source: zhang"),
			file + ":28:3: ", "indent it with spaces to the level of the other keys"},
		{"08 invalid UTF-8", edit(9, "  - {text: Harbin \xff\xfe\xed\xa0\x80 Agency, lang: en}"),
			file + ":9:19: ", "invalid UTF-8 (byte 0xff)"},
		{"tab in the indentation", edit(21, "\twhen: \"1919\""),
			file + ":21:1: ", "indent with spaces, not tabs"},
		{"unquoted colon", edit(33, "    v: After 1931: it was the main agency"),
			file + ":33:18: ", "quote a value that contains ': '"},
		{"unquoted colon in a flow mapping", edit(31, "  - {p: located_in, o: harbin, note: in Harbin: the city, source: zhang}"),
			file + ":31:47: ", "quote a value that contains ': '"},
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
