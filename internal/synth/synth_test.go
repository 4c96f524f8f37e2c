package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestDeterministic writes the same size and seed twice and compares the
// trees byte for byte; another seed must give other files.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	ca, err := Write(a, 3000, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, 3000, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(c, 3000, 8); err != nil {
		t.Fatal(err)
	}
	ta, tb, tc := tree(t, a), tree(t, b), tree(t, c)
	// 300 entities + 200 sources + the vocabulary.
	if len(ta) != 501 {
		t.Fatalf("%d files, want 501 (300 entities, 200 sources, 1 vocabulary)", len(ta))
	}
	if ca.Entities != 300 {
		t.Errorf("Entities = %d, want 300", ca.Entities)
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two runs with seed 7", name)
		}
	}
	if len(tb) != len(ta) {
		t.Errorf("second run wrote %d files, first %d", len(tb), len(ta))
	}
	differ := 0
	for name, data := range ta {
		if !bytes.Equal(data, tc[name]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("seeds 7 and 8 wrote the same files")
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKey: the cache key is stable, and names the cache directory.
func TestKey(t *testing.T) {
	k1, err := Key()
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := Key()
	if k1 != k2 || len(k1) != 12 {
		t.Fatalf("Key() = %q then %q; want one 12-hex-digit key", k1, k2)
	}
	dir, _ := CacheDir(1000, 42)
	if want := "tokumu-synth-" + k1 + "-1000-s42"; filepath.Base(dir) != want {
		t.Errorf("CacheDir = %s, want base %s", dir, want)
	}
}

// TestCached writes once and reuses: the second call finds the marker
// and describes the same ids.
func TestCached(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	c1, err := Cached(500, 3)
	if err != nil {
		t.Fatal(err)
	}
	if c1.Claims == 0 {
		t.Error("first Cached call wrote no claims")
	}
	before, err := os.Stat(filepath.Join(c1.Dir, ".complete"))
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Cached(500, 3)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(c2.Dir, ".complete"))
	if c2.Dir != c1.Dir || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("second call rewrote the cache: %s vs %s", c1.Dir, c2.Dir)
	}
	// 500 claims → 50 entities: 25 persons, 10 organizations.
	if len(c2.Persons) != 25 || len(c2.Orgs) != 10 || c2.Root != "org-0" {
		t.Errorf("Describe: %d persons, %d orgs, root %q; want 25, 10, org-0", len(c2.Persons), len(c2.Orgs), c2.Root)
	}
}
