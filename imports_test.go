package tokumu_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

const module = "github.com/tokumu/tokumu"

// The import rules of ARCHITECTURE.md, checked on `go list -deps`: the
// domain stays free of storage and HTTP, adapters never reach each other,
// read models never reach an adapter or the web, and only the command
// knows concrete stores.
var (
	adapters   = []string{"yamlcorpus", "sqlite", "postgres", "memstore"}
	readModels = []string{"view", "chart", "search", "network", "ledger", "ach", "audit"}
	leaves     = []string{"edtf", "translit"}
)

type pkgInfo struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T) map[string]pkgInfo {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps=false", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkgInfo{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkgInfo
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs[strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")] = p
	}
	return pkgs
}

// own returns the module's packages among deps, relative to the module
// ("" for the root).
func own(deps []string) []string {
	var out []string
	for _, d := range deps {
		if d == module || strings.HasPrefix(d, module+"/") {
			out = append(out, strings.TrimPrefix(strings.TrimPrefix(d, module), "/"))
		}
	}
	return out
}

func isIn(p string, list []string) bool {
	for _, l := range list {
		if p == l || strings.HasPrefix(p, l+"/") {
			return true
		}
	}
	return false
}

func TestImportRules(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 8 {
		t.Fatalf("go list found %d packages; the test is not looking at the module", len(pkgs))
	}
	for name, p := range pkgs {
		deps := own(p.Deps)
		switch {
		case name == "":
			for _, d := range deps {
				if d != "edtf" {
					t.Errorf("the root imports %s; it may import the standard library and edtf only", d)
				}
			}
			for _, d := range p.Deps {
				if strings.Contains(strings.SplitN(d, "/", 2)[0], ".") && !strings.HasPrefix(d, module) {
					t.Errorf("the root depends on %s; it may use the standard library only", d)
				}
			}
		case isIn(name, leaves):
			for _, d := range deps {
				if d != name && !isIn(d, leaves) {
					t.Errorf("leaf library %s imports %s", name, d)
				}
			}
		case isIn(name, adapters):
			for _, d := range deps {
				if d != name && isIn(d, adapters) {
					t.Errorf("adapter %s imports adapter %s", name, d)
				}
				if isIn(d, []string{"web", "view"}) || isIn(d, readModels) {
					t.Errorf("adapter %s imports %s", name, d)
				}
			}
		case isIn(name, readModels):
			for _, d := range deps {
				if isIn(d, adapters) || isIn(d, []string{"web", "format", "cmd"}) {
					t.Errorf("read model %s imports %s", name, d)
				}
			}
		case name == "format" || strings.HasPrefix(name, "format/"):
			for _, d := range deps {
				if isIn(d, adapters) || d == "web" {
					t.Errorf("format package %s imports %s; formats read a tokumu.Store", name, d)
				}
			}
		case name == "web":
			for _, d := range deps {
				if isIn(d, adapters) {
					t.Errorf("web imports the concrete store %s; only cmd/tokumu may", d)
				}
			}
		}
		if !strings.HasPrefix(name, "cmd/") && !strings.HasPrefix(name, "internal/") && name != "corpus" {
			for _, d := range deps {
				if strings.HasPrefix(d, "cmd/") {
					t.Errorf("%s imports the command %s", name, d)
				}
			}
		}
	}
}

// TestNoPredicateLiterals fails when Go code outside the root's vocabulary
// names a predicate of the embedded vocabulary in a string literal: the
// engine asks the vocabulary for roles (tokumu.Role), so that a corpus with
// other predicate ids works unchanged. Tests and generators of synthetic
// corpora may name predicates; the few literals that are field names or
// statuses, not predicate ids, are listed.
func TestNoPredicateLiterals(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, p := range ds.Predicates {
		ids[p.ID] = true
	}
	allowed := map[string]bool{
		"vocab.go":                    true, // the role names, which the vocabulary YAML writes
		"storetest":                   true, // the conformance suite and its fixtures
		"internal/synth/synth.go":     true, // writes a corpus in the embedded vocabulary
		"yamlcorpus/decode_source.go": true, // YAML field names: a source's issued
		"yamlcorpus/link.go":          true, // the planted_by field, in messages
		"view/entity.go":              true, // the status "dissolved" of the at view
		"cmd/tokumu/sources.go":       true, // the field label "issued"
		"yamlcorpus/write.go":         true, // YAML field names, as decode.go reads them
		"format/csv.go":               true, // the CSV column "issued" of sources
		"format/bibtex.go":            true, // the CSL type "thesis"
		"format/ris.go":               true, // the CSL type "thesis"
		"format/bibin.go":             true, // the BibTeX and CSL type "thesis"
		"csltypes.go":                 true, // the CSL type "thesis"
		"web/openapi.go":              true, // OpenAPI's keyword "description"
		"web/cite.go":                 true, // CSL-JSON's field "issued"
	}
	for p := range allowed {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("allowed file %s: %v (remove it from the list)", p, err)
		}
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() && allowed[filepath.ToSlash(path)] {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || allowed[filepath.ToSlash(path)] {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && ids[s] {
				t.Errorf("%s: the predicate id %q is written in Go; ask the vocabulary for its role instead", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
