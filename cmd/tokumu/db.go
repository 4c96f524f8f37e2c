package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// embeddedPrefix marks a database built from the embedded corpus, so that
// tokumu rebuilds it when the binary's corpus changes but never touches a
// database the user imported their own corpus into.
const embeddedPrefix = "embedded:"

// dbPath is the database file commands read: --db, or the embedded
// corpus's in the user cache directory.
func (m *Main) dbPath() (string, error) {
	if m.DB != "" {
		return m.DB, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory (%v); give --db FILE or set TOKUMU_DB", err)
	}
	return filepath.Join(dir, "tokumu", "tokumu.db"), nil
}

// openStore opens the database to query. With no --db it is the embedded
// corpus's database in the user cache directory, built on first use and
// rebuilt whenever the embedded corpus changes.
func (m *Main) openStore(ctx context.Context) (*sqlite.DB, error) {
	path, err := m.dbPath()
	if err != nil {
		return nil, err
	}
	if m.DB != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("tokumu import --db "+path+" corpus/", "database %s does not exist (a mistyped --db?); create it with 'tokumu import', or leave out --db for the embedded corpus", path)
		}
	}
	removeStale(path, m.Stderr)
	want, err := yamlcorpus.Hash(corpus.FS)
	if err != nil {
		return nil, fmt.Errorf("embedded corpus: %w", err)
	}
	want = embeddedPrefix + want
	if _, err := os.Stat(path); err == nil {
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			return nil, err
		}
		have, err := db.Hash(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		if have == want || (have != "" && !strings.HasPrefix(have, embeddedPrefix)) {
			return db, nil // current, or the user's own corpus
		}
		db.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := m.buildEmbedded(ctx, path, want); err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, path, sqlite.Options{})
}

// removeStale removes the temporaries of killed imports beside path and
// says so on w.
func removeStale(path string, w io.Writer) {
	removed, _ := sqlite.RemoveStale(path)
	for _, name := range removed {
		if w != nil {
			fmt.Fprintf(w, "tokumu: removed %s, left by an import that did not finish\n", name)
		}
	}
}

func (m *Main) buildEmbedded(ctx context.Context, path, hash string) error {
	start := time.Now()
	pr := m.progress("building the embedded corpus's database")
	defer pr.Done()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		pr.Done()
		var list yamlcorpus.ErrorList
		if errors.As(err, &list) {
			list.Print(m.Stderr)
		}
		return fmt.Errorf("the embedded corpus does not load: %w", err)
	}
	ds.Hash = hash
	if err := buildDB(ctx, path, ds, nil); err != nil {
		return err
	}
	pr.Done()
	if isTerminal(m.Stderr) {
		fmt.Fprintf(m.Stderr, "tokumu: built %s from the embedded corpus (%d claims) in %v\n", path, len(ds.Claims), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// buildDB writes ds into a new database file beside path and renames it
// into place (sqlite.WriteFile: synced before and after the rename), so
// that readers see the old database or the new one, never half of one,
// and a failure or a kill leaves path as it was. Temporaries that killed
// imports left beside path are removed first.
func buildDB(ctx context.Context, path string, ds *tokumu.Dataset, progress io.Writer) error {
	removeStale(path, progress)
	if progress != nil {
		fmt.Fprintf(progress, "writing %d entities and %d claims …\n", len(ds.Entities), len(ds.Claims))
	}
	// The search index is stored with the database (searchindex.go), so
	// that a CLI search reads it instead of building it.
	return sqlite.WriteFileThen(ctx, path, ds, func(ctx context.Context, db *sqlite.DB) error {
		if progress != nil {
			fmt.Fprintf(progress, "indexing %d entities and %d claims for search …\n", len(ds.Entities), len(ds.Claims))
		}
		return storeSearchIndex(ctx, db)
	})
}
