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

// openStore opens the database to query. With no --db it is the embedded
// corpus's database in the user cache directory, built on first use and
// rebuilt whenever the embedded corpus changes.
func (m *Main) openStore(ctx context.Context) (*sqlite.DB, error) {
	path := m.DB
	if path == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("no user cache directory (%v); give --db FILE or set TOKUMU_DB", err)
		}
		path = filepath.Join(dir, "tokumu", "tokumu.db")
	}
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
// into place, so that readers see the old database or the new one, never
// half of one, and a failure leaves path as it was.
func buildDB(ctx context.Context, path string, ds *tokumu.Dataset, progress io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tokumu-*.db")
	if err != nil {
		return err
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath)
	db, err := sqlite.Open(ctx, tmpPath, sqlite.Options{Bulk: true})
	if err != nil {
		return err
	}
	if progress != nil {
		fmt.Fprintf(progress, "writing %d entities and %d claims …\n", len(ds.Entities), len(ds.Claims))
	}
	if err := db.Replace(ctx, ds); err != nil {
		db.Close()
		return err
	}
	if progress != nil {
		fmt.Fprintf(progress, "indexing %d entities and %d claims for search …\n", len(ds.Entities), len(ds.Claims))
	}
	if err := storeSearchIndex(ctx, db); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return os.Rename(tmpPath, path)
}
