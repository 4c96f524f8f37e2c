package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// embeddedPrefix marks a database built from the embedded corpus, so that
// tokumu rebuilds it when the binary's corpus changes but never touches a
// database the user imported their own corpus into.
const embeddedPrefix = "embedded:"

// openStore opens the database to query, picked by --db (see parseDB):
// an SQLite file, or a PostgreSQL database for a team server. With no
// --db it is the embedded corpus's SQLite database in the user cache
// directory. A database that is empty or holds an older embedded corpus is
// (re)built from the embedded corpus; one the user imported their own
// corpus into is never touched.
func (m *Main) openStore(ctx context.Context) (tokumu.Store, error) {
	kind, path := parseDB(m.DB)
	if kind == dbPostgres {
		return m.openPostgres(ctx, path)
	}
	if path == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("no user cache directory (%v); give --db FILE or set TOKUMU_DB", err)
		}
		path = filepath.Join(dir, "tokumu", "tokumu.db")
	}
	want, err := embeddedHash()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err == nil {
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			return nil, err
		}
		if current, err := keepContent(ctx, db, want); err != nil || current {
			if err != nil {
				db.Close()
				return nil, err
			}
			return db, nil
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

// openPostgres opens the PostgreSQL database at dsn, loading the embedded
// corpus into it in one transaction when it is empty or holds an older
// embedded corpus, as openStore does for a file.
func (m *Main) openPostgres(ctx context.Context, dsn string) (tokumu.Store, error) {
	want, err := embeddedHash()
	if err != nil {
		return nil, err
	}
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	current, err := keepContent(ctx, db, want)
	if err == nil && !current {
		var ds *tokumu.Dataset
		if ds, err = m.loadEmbedded(want); err == nil {
			err = db.Replace(ctx, ds)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// The kinds of database --db names.
const (
	dbSQLite   = "sqlite"
	dbPostgres = "postgres"
)

// parseDB reads --db: a postgres:// or postgresql:// URL is a PostgreSQL
// database; sqlite:PATH or a plain path is an SQLite file ("" for the
// default file).
func parseDB(s string) (kind, target string) {
	switch {
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		return dbPostgres, s
	case strings.HasPrefix(s, "sqlite:"):
		return dbSQLite, strings.TrimPrefix(s, "sqlite:")
	}
	return dbSQLite, s
}

// displayDB is --db as it may be printed: a PostgreSQL URL without its
// password.
func displayDB(s string) string {
	if kind, _ := parseDB(s); kind != dbPostgres {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func embeddedHash() (string, error) {
	h, err := yamlcorpus.Hash(corpus.FS)
	if err != nil {
		return "", fmt.Errorf("embedded corpus: %w", err)
	}
	return embeddedPrefix + h, nil
}

// keepContent reports whether the store holds what it should keep: the
// embedded corpus of hash want, or a corpus the user imported.
func keepContent(ctx context.Context, db tokumu.Store, want string) (bool, error) {
	have, err := db.Hash(ctx)
	if err != nil {
		return false, err
	}
	return have == want || (have != "" && !strings.HasPrefix(have, embeddedPrefix)), nil
}

// loadEmbedded reads the embedded corpus, marked with hash.
func (m *Main) loadEmbedded(hash string) (*tokumu.Dataset, error) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		var list yamlcorpus.ErrorList
		if errors.As(err, &list) {
			list.Print(m.Stderr)
		}
		return nil, fmt.Errorf("the embedded corpus does not load: %w", err)
	}
	ds.Hash = hash
	return ds, nil
}

func (m *Main) buildEmbedded(ctx context.Context, path, hash string) error {
	start := time.Now()
	ds, err := m.loadEmbedded(hash)
	if err != nil {
		return err
	}
	if err := buildDB(ctx, path, ds, nil); err != nil {
		return err
	}
	if isTerminal(m.Stderr) {
		fmt.Fprintf(m.Stderr, "tokumu: built %s from the embedded corpus (%d claims) in %v\n", path, len(ds.Claims), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// buildDB writes ds into the database --db names. A file is written new
// beside path and renamed into place, so that readers see the old database
// or the new one, never half of one, and a failure leaves path as it was;
// a PostgreSQL database is replaced in one transaction, to the same end.
func buildDB(ctx context.Context, path string, ds *tokumu.Dataset, progress io.Writer) error {
	kind, path := parseDB(path)
	if kind == dbPostgres {
		db, err := postgres.Open(ctx, path)
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
		return db.Close()
	}
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
	if err := db.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return os.Rename(tmpPath, path)
}

// isTerminal reports whether w is a terminal, where progress is worth showing.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
