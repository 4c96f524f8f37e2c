package yamlcorpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu/internal/synth"
	"go.yaml.in/yaml/v3"
)

// sameTree reports the first difference between a tree fastParse built and
// yaml.v3's, in what the decoder reads: kind, style, tag, value, line and
// column, and the children.
func sameTree(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column {
		return fmt.Sprintf("%s: fast {kind %d style %d tag %q value %q at %d:%d}, yaml.v3 {kind %d style %d tag %q value %q at %d:%d}",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Line, a.Column, b.Kind, b.Style, b.Tag, b.Value, b.Line, b.Column)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: fast has %d children, yaml.v3 %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// compareParse checks one input: when fastParse takes it, yaml.v3 must
// parse it to the same tree. It returns whether the fast path took it.
func compareParse(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast, ok := fastParse(data)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Errorf("%s: the fast path read what yaml.v3 refuses (%v):\n%s", name, err, data)
		return true
	}
	if d := sameTree(fast, &doc, ""); d != "" {
		t.Errorf("%s: %s\n%s", name, d, data)
	}
	return true
}

func corpusFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFastYAMLMatchesYAMLv3 holds the fast path to yaml.v3 on the
// embedded corpus (written by hand, in every style its editors use), on a
// synthetic corpus (the shape of a large import) and on mutations of both:
// wherever it takes a file, the tree must be yaml.v3's.
func TestFastYAMLMatchesYAMLv3(t *testing.T) {
	embedded := corpusFiles(t, "../corpus")
	took := 0
	for name, data := range embedded {
		if compareParse(t, name, data) {
			took++
		}
	}
	// The embedded corpus has 673 files; a few use a block scalar or a
	// value over two lines, which the fast path leaves to yaml.v3.
	t.Logf("embedded corpus: fast path took %d of %d files", took, len(embedded))
	if len(embedded) < 600 || took < len(embedded)*9/10 {
		t.Errorf("fast path took %d of %d embedded files; want at least 90%%", took, len(embedded))
	}

	dir := t.TempDir()
	if _, err := synth.Write(dir, 3000, 7); err != nil {
		t.Fatal(err)
	}
	generated := corpusFiles(t, dir)
	for name, data := range generated {
		if !compareParse(t, name, data) {
			t.Errorf("%s: the fast path refused a generated file", name)
		}
	}

	// Mutations: characters YAML gives a meaning to, inserted, deleted or
	// replaced at random places of random files.
	var all [][]byte
	for _, m := range []map[string][]byte{embedded, generated} {
		for _, data := range m {
			all = append(all, data)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{" ", "  ", ":", ": ", "-", "- ", "#", " #", "\"", "'", "''", "{", "}", "[", "]", ",", ", ", "\n", "\n  ", "a", "1", "?", "!", "&", "*", "|", ">", "\\", "\\u00e9", "\\x", "~", "null", "0x1F", "1939-05-11", ".5", "日", "\t", "\r", "\u0085", "\u2028"}
	tookMut := 0
	const mutations = 4000
	for i := 0; i < mutations; i++ {
		src := all[r.IntN(len(all))]
		data := []byte(string(src))
		for k := 1 + r.IntN(3); k > 0; k-- {
			at := r.IntN(len(data) + 1)
			switch r.IntN(3) {
			case 0: // insert
				s := alphabet[r.IntN(len(alphabet))]
				data = append(data[:at:at], append([]byte(s), data[at:]...)...)
			case 1: // delete
				if at < len(data) {
					end := min(len(data), at+1+r.IntN(3))
					data = append(data[:at:at], data[end:]...)
				}
			case 2: // replace
				if at < len(data) {
					s := alphabet[r.IntN(len(alphabet))]
					data = append(data[:at:at], append([]byte(s), data[at+1:]...)...)
				}
			}
		}
		if compareParse(t, fmt.Sprintf("mutation %d", i), data) {
			tookMut++
		}
	}
	t.Logf("mutations: fast path took %d of %d", tookMut, mutations)
	if tookMut < mutations/4 {
		t.Errorf("fast path took only %d of %d mutations: the comparison tests too little", tookMut, mutations)
	}
}

// TestFastYAMLCases pins what the fast path takes and what it leaves to
// yaml.v3, written out by hand.
func TestFastYAMLCases(t *testing.T) {
	for _, c := range []struct {
		in   string
		fast bool
	}{
		{"id: a\ntype: person\n", true},
		{"id: a\nnames:\n  - {text: 佐藤正隆, lang: ja}\n  - {text: \"Satō, M.\", lang: ja-Latn}\n", true},
		{"claims:\n- {p: born, when: \"1874-05-19\"}\nid: x\n", true},                // a sequence at its key's indentation
		{"predicates:\n  - id: x\n    label: {en: a, ja: b}\n    roles: []\n", true}, // a mapping in a sequence item
		{"a: 'it''s'\nb: \"\\u00e9\\n\\\"\"\nc: 1939-05-11\nd: 12\ne: ~\nf: true\n", true},
		{"# comment\n\na: b # trailing\n  # indented comment\nc: {}\n", true},
		{"a: |\n  text\n", false},        // block scalar
		{"a: b\n  c\n", false},           // a plain value over two lines
		{"a: \"b\n  c\"\n", false},       // a quoted value over two lines
		{"a:\nb: c\n", false},            // an empty value
		{"a: {b: c,\n  d: e}\n", false},  // a flow mapping over two lines
		{"a: &x b\nc: *x\n", false},      // anchors
		{"a: !!str 1\n", false},          // a tag
		{"a: b: c\n", false},             // not YAML
		{"a: b\n\tc: d\n", false},        // a tab
		{"a: {b: 1927?, c: d}\n", false}, // '?' ends a plain scalar in a flow
		{"a: {b: , c: d}\n", false},      // an empty value in a flow
		{"---\na: b\n", false},           // a document marker
		{"  a: b\n", false},              // the first line indented
		{"a: \"\\x41\"\n", false},        // an escape the fast path does not decode
		{"a: \"1929\\/1931\"\n", false},  // not an escape to libyaml
		{"a: b\n b: c\n", false},         // out of step
		{"a: [x, y]\nb: {c: [1, 2], d: e}\n", true},
		{"", false},
	} {
		_, ok := fastParse([]byte(c.in))
		if ok != c.fast {
			t.Errorf("fastParse(%q) took it: %v, want %v", c.in, ok, c.fast)
		}
		compareParse(t, fmt.Sprintf("%q", c.in), []byte(c.in))
	}
}

// TestFastPathErrorPosition: a problem found in a file the fast path read
// carries the line and column yaml.v3's tree gives (in characters: three
// kanji before it count three columns), and Load reports it so.
func TestFastPathErrorPosition(t *testing.T) {
	const file = "entities/organization/x.yaml"
	body := "id: x\ntype: organization\nnames: [{text: 哈爾浜特務機関, lang: ja}]\nclaims:\n" +
		"  - {p: part_of, o: test-army, note: 哈爾浜, when: \"1938-13\", source: test-monograph}\n"
	doc, ok := fastParse([]byte(body))
	if !ok {
		t.Fatal("the fast path refused the file; the test needs it taken")
	}
	fast := &fileResult{path: file}
	decodeFile(fast, file, doc)
	var slow yaml.Node
	if err := yaml.Unmarshal([]byte(body), &slow); err != nil {
		t.Fatal(err)
	}
	v3 := &fileResult{path: file}
	decodeFile(v3, file, &slow)
	// The opening quote of "1938-13" is the 49th character of line 5;
	// the month, 5 characters into the date, is at column 49+1+5 = 55.
	const want = "entities/organization/x.yaml:5:55: bad date in when"
	if len(fast.errs) != 1 || !strings.HasPrefix(fast.errs[0].Error(), want) {
		t.Fatalf("fast path errors %v, want one starting %q", fast.errs, want)
	}
	if len(v3.errs) != 1 || fast.errs[0].Error() != v3.errs[0].Error() {
		t.Errorf("fast path: %v; yaml.v3: %v", fast.errs, v3.errs)
	}

	fsys := fstest.MapFS{file: &fstest.MapFile{Data: []byte(body)}}
	for _, f := range []string{"vocabulary/core.yaml", "sources/test-monograph.yaml", "entities/organization/test-army.yaml"} {
		data, err := os.ReadFile("testdata/good/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load: %v; want an error containing %q", err, want)
	}
}

// FuzzFastYAML holds the fast path to yaml.v3 on any input: whatever it
// takes must be valid YAML that yaml.v3 reads to the same tree, and it
// must never panic. The seeds are files of the embedded corpus and the
// hand-written cases; `go test -fuzz FuzzFastYAML ./yamlcorpus` explores
// beyond them.
func FuzzFastYAML(f *testing.F) {
	seeds := 0
	_ = filepath.WalkDir("../corpus/entities", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") || seeds >= 40 {
			return err
		}
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
			seeds++
		}
		return nil
	})
	for _, s := range []string{
		"id: a\nnames:\n  - {text: \"x\\u00e9\", lang: en}\n",
		"claims:\n  - {p: occurred, when: \"1939-05-11/1939-09-16\", note: 'it''s'}\n",
		"a: [1, 2, {b: c}]\n# comment\n",
		"- x\n-  y\n- {}\n- []\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareParse(t, "fuzz input", data)
	})
}
