// Package corpustest opens the embedded corpus in a real SQLite store, for
// the tests of packages that read a store (search, web, the end-to-end
// tests): one way to load it, so they all test the same data the same way.
package corpustest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing/fstest"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// Open loads the embedded corpus into a SQLite database at path (a file,
// or ":memory:"). The caller closes it.
func Open(ctx context.Context, path string) (*sqlite.DB, error) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		return nil, fmt.Errorf("loading the embedded corpus: %w", err)
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	if err := db.Replace(ctx, ds); err != nil {
		db.Close()
		return nil, fmt.Errorf("storing the embedded corpus in %s: %w", path, err)
	}
	return db, nil
}

// OpenDir loads the small corpus in dir (sources/ and entities/, as the
// analyses' hand-computed test corpora are written) with the embedded
// corpus's vocabulary into an in-memory SQLite store. The caller closes it.
func OpenDir(ctx context.Context, dir string) (*sqlite.DB, error) {
	m := fstest.MapFS{}
	for _, root := range []struct {
		fsys fs.FS
		only string
	}{{corpus.FS, "vocabulary"}, {os.DirFS(dir), ""}} {
		err := fs.WalkDir(root.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || (root.only != "" && !strings.HasPrefix(p, root.only+"/")) {
				return err
			}
			b, err := fs.ReadFile(root.fsys, p)
			if err != nil {
				return err
			}
			m[p] = &fstest.MapFile{Data: b}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	ds, err := yamlcorpus.Load(m)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", dir, err)
	}
	db, err := sqlite.Open(ctx, ":memory:", sqlite.Options{})
	if err != nil {
		return nil, err
	}
	if err := db.Replace(ctx, ds); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
