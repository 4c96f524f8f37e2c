package corpus_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestCorpusMDExamples loads every YAML example of CORPUS.md into a copy of
// the embedded corpus, at the path its "# file:" line gives, so the
// editorial rules cannot drift from what the loader accepts. An example
// marked "# expect: errors" must fail with exactly the errors of the text
// block that follows it.
func TestCorpusMDExamples(t *testing.T) {
	doc, err := os.ReadFile("../CORPUS.md")
	if err != nil {
		t.Fatal(err)
	}
	base := fstest.MapFS{}
	err = fs.WalkDir(corpus.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(corpus.FS, path)
		base[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	blocks := fencedBlocks(string(doc))
	n := 0
	for i, b := range blocks {
		if b.lang != "yaml" {
			continue
		}
		n++
		first, _, _ := strings.Cut(b.text, "\n")
		path, ok := strings.CutPrefix(first, "# file: ")
		if !ok {
			t.Errorf("CORPUS.md line %d: a yaml example must start with \"# file: <path in the corpus>\"", b.line)
			continue
		}
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[path] = &fstest.MapFile{Data: []byte(b.text)}
		_, err := yamlcorpus.Load(fsys)
		if !strings.Contains(b.text, "\n# expect: errors\n") {
			if err != nil {
				t.Errorf("CORPUS.md line %d: the example %s does not load:\n%v", b.line, path, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("CORPUS.md line %d: the broken example %s loads without error", b.line, path)
			continue
		}
		if i+1 >= len(blocks) || blocks[i+1].lang != "text" {
			t.Errorf("CORPUS.md line %d: a broken example must be followed by a text block with its errors", b.line)
			continue
		}
		var all strings.Builder
		if l, ok := err.(yamlcorpus.ErrorList); ok {
			l.Print(&all)
		} else {
			all.WriteString(err.Error())
		}
		want := strings.Split(strings.TrimSpace(blocks[i+1].text), "\n")
		got := strings.Split(strings.TrimSpace(all.String()), "\n")
		for _, w := range want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("CORPUS.md line %d: error not reported: %s\ngot:\n%s", blocks[i+1].line, w, all.String())
			}
		}
		if len(got) != len(want) {
			t.Errorf("CORPUS.md line %d: %d errors shown, check reports %d:\n%s", blocks[i+1].line, len(want), len(got), all.String())
		}
	}
	if n < 5 {
		t.Errorf("only %d yaml examples found in CORPUS.md", n)
	}
}

type block struct {
	lang, text string
	line       int
}

func fencedBlocks(doc string) []block {
	var out []block
	lines := strings.Split(doc, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.HasPrefix(l, "```") || l == "```" {
			continue
		}
		b := block{lang: strings.TrimPrefix(l, "```"), line: i + 2}
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		b.text = strings.Join(body, "\n") + "\n"
		out = append(out, b)
	}
	return out
}
