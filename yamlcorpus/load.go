// Package yamlcorpus reads a tokumu corpus: a directory of YAML files that
// historians review in git. Load checks everything — ids, dates, grades,
// sources, predicate types — and reports every problem at once as
// file:line:col, with a fix where one is likely. It is all or nothing: a
// corpus with any error yields no Dataset.
//
// The layout, relative to the corpus root:
//
//	vocabulary/*.yaml          predicates
//	sources/*.yaml             the bibliography, one source per file
//	entities/**/*.yaml         one entity per file, with its claims
//	settings.yaml              the corpus's view defaults (optional)
package yamlcorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

// Load reads and checks the corpus in fsys, whose root is the corpus
// directory. It returns the Dataset, or an ErrorList (sorted) with every
// problem found.
func Load(fsys fs.FS) (*tokumu.Dataset, error) {
	files, errs := listFiles(fsys)
	if len(files) == 0 && len(errs) == 0 {
		errs.Add(".", 0, 0, "no corpus files: expected vocabulary/*.yaml, sources/*.yaml and entities/**/*.yaml")
	}
	results := parseAll(fsys, files)

	h := sha256.New()
	l := &linker{}
	for _, r := range results {
		h.Write([]byte(r.path))
		h.Write([]byte{0})
		h.Write(r.sum[:])
		errs = append(errs, r.errs...)
		l.add(r)
	}
	errs = append(errs, l.link()...)
	if len(l.preds) == 0 && len(l.entities) > 0 {
		// Not one predicate is known: every claim would say so. Say once
		// that the vocabulary is missing, and what a corpus of one's own
		// starts from.
		kept := errs[:0]
		for _, e := range errs {
			if !strings.Contains(e.Msg, "is not in the vocabulary") {
				kept = append(kept, e)
			}
		}
		errs = append(kept, &Error{File: "vocabulary", Msg: "the corpus has no vocabulary (vocabulary/*.yaml), so no predicate of its claims is known: " +
			"a corpus is read whole, not as an addition to another; start from a copy of the embedded corpus (tokumu export --format yaml -o DIR) and add your files to it"})
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	ds := l.dataset()
	ds.Hash = hex.EncodeToString(h.Sum(nil))
	return ds, nil
}

// Hash returns the content hash Load would give the corpus in fsys, without
// parsing it: what the embedded-corpus cache compares to decide whether its
// database is current.
func Hash(fsys fs.FS) (string, error) {
	files, errs := listFiles(fsys)
	if err := errs.Err(); err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		h.Write([]byte(f))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// section is where a file sits in the corpus, which decides what it holds.
type section int

const (
	secVocabulary section = iota
	secSources
	secEntities
	secSettings
)

func sectionOf(p string) (section, bool) {
	switch {
	case strings.HasPrefix(p, "vocabulary/"):
		return secVocabulary, true
	case strings.HasPrefix(p, "sources/"):
		return secSources, true
	case strings.HasPrefix(p, "entities/"):
		return secEntities, true
	case p == "settings.yaml":
		return secSettings, true
	}
	return 0, false
}

func listFiles(fsys fs.FS) ([]string, ErrorList) {
	var files []string
	var errs ErrorList
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return fs.SkipDir
			}
			return nil
		}
		ext := path.Ext(name)
		if ext != ".yaml" && ext != ".yml" {
			return nil
		}
		if _, ok := sectionOf(p); !ok {
			errs.Add(p, 0, 0, "a corpus file must be under vocabulary/, sources/ or entities/ (or be settings.yaml at the root)")
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		errs.Add(".", 0, 0, "cannot read the corpus: %v", err)
	}
	sort.Strings(files)
	return files, errs
}

// fileResult is what one file contributed, before cross-file checks.
type fileResult struct {
	path     string
	sum      [32]byte
	errs     ErrorList
	preds    []*predDecl
	sources  []*sourceDecl
	entities []*entityDecl
	settings *settingsDecl
	// broken holds the ids the file seems to declare when it does not
	// parse: references to them are not reported (see declaredIDs).
	broken []string
}

// parseAll parses files on every core; YAML parsing dominates import time.
func parseAll(fsys fs.FS, files []string) []*fileResult {
	results := make([]*fileResult, len(files))
	parallel(len(files), func(i int) { results[i] = parseFile(fsys, files[i]) })
	return results
}

func parseFile(fsys fs.FS, p string) *fileResult {
	r := &fileResult{path: p}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		r.errs.Add(p, 0, 0, "cannot read: %v", err)
		return r
	}
	r.sum = sha256.Sum256(data)
	// The fast path (fastyaml.go) reads most files; a file it leaves, or
	// one with a problem, is read by yaml.v3 as it always was, so that
	// every message is the one yaml.v3's tree gives.
	if doc, ok := fastParse(data); ok {
		decodeFile(r, p, doc)
		if len(r.errs) == 0 {
			return r
		}
		*r = fileResult{path: p, sum: r.sum}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, col, msg := syntaxError(data, err)
		r.errs.Add(p, line, col, "%s", msg)
		r.broken = declaredIDs(p, data)
		return r
	}
	decodeFile(r, p, &doc)
	return r
}

// decodeFile decodes the document doc of the file p into r.
func decodeFile(r *fileResult, p string, doc *yaml.Node) {
	if len(doc.Content) == 0 {
		r.errs.Add(p, 0, 0, "empty file")
		return
	}
	d := &decoder{file: p, errs: &r.errs}
	root := doc.Content[0]
	sec, _ := sectionOf(p)
	switch sec {
	case secVocabulary:
		r.preds = d.vocabulary(root)
	case secSources:
		if s := d.source(root); s != nil {
			r.sources = append(r.sources, s)
		}
	case secEntities:
		if e := d.entity(root); e != nil {
			r.entities = append(r.entities, e)
		}
	case secSettings:
		r.settings = d.settings(root)
	}
}

// yamlErrorLine pulls the line number out of a yaml.v3 error message
// ("yaml: line 12: did not find expected key").
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		n := 0
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			n = n*10 + int(rest[i]-'0')
			i++
		}
		if i > 0 && strings.HasPrefix(rest[i:], ": ") {
			return n, rest[i+2:]
		}
	}
	return 0, msg
}
