// Package corpustest opens the embedded corpus in a real SQLite store, for
// the tests of packages that read a store (search, web, the end-to-end
// tests): one way to load it, so they all test the same data the same way.
package corpustest

import (
	"context"
	"fmt"

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
