package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/corpus"
)

// sameasCorpus writes view/testdata/sameas with the embedded vocabulary
// into a directory import reads.
func sameasCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree := func(fsys fs.FS, only string) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || (only != "" && !strings.HasPrefix(p, only+"/")) {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, p), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree(corpus.FS, "vocabulary")
	copyTree(os.DirFS("../../view/testdata/sameas"), "")
	return dir
}

// TestShowSameAs: `show` prints the planted identity link on both
// entities with its citation and grade, --json carries it, and `search`
// lists the partner as possibly the same.
func TestShowSameAs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := run(t, db, "import", sameasCorpus(t)); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, tt := range []struct{ id, want string }{
		{"agent-hawk", "Possibly the same as (not merged)\n  Ivan Pakhomov [pakhomov-ivan]  [memoir: Zeuge 1960, p. 41] C3\n"},
		{"pakhomov-ivan", "Possibly the same as (not merged)\n  Hawk [agent-hawk]  [memoir: Zeuge 1960, p. 41] C3\n"},
	} {
		code, out, errs := run(t, db, "show", tt.id)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("show %s: exit %d %s\n%s\nwant it to contain %q", tt.id, code, errs, out, tt.want)
		}
	}
	if _, out, _ := run(t, db, "show", "bystander"); strings.Contains(out, "Possibly the same") {
		t.Errorf("show bystander has an identity link:\n%s", out)
	}
	code, out, _ := run(t, db, "show", "pakhomov-ivan", "--json")
	var page struct {
		SameAs []struct{ Entity, Claim, Grade, Source string } `json:"possibly_same_as"`
	}
	if err := json.Unmarshal([]byte(out), &page); code != 0 || err != nil || len(page.SameAs) != 1 ||
		page.SameAs[0] != (struct{ Entity, Claim, Grade, Source string }{"agent-hawk", "hawk-same", "C3", "memoir"}) {
		t.Errorf("show --json: exit %d %v %+v", code, err, page.SameAs)
	}
	code, out, _ = run(t, db, "search", "Hawk")
	if want := "Ivan Pakhomov [pakhomov-ivan] person — possibly the same as Hawk [agent-hawk] (claim hawk-same)"; code != 0 || !strings.Contains(out, want) {
		t.Errorf("search Hawk: exit %d\n%s\nwant %q", code, out, want)
	}
}
