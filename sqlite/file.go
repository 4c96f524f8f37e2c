package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tokumu/tokumu"
)

// TempPattern names the files WriteFile builds beside the database
// before renaming them into place.
const TempPattern = ".tokumu-*.db"

// WriteFile writes ds into a new database file beside path and renames it
// into place, so that readers see the old database or the new one, never
// half of one, and a failure — or a kill -9 — leaves path as it was.
//
// The file is built without a journal and without fsync (a bulk load
// into a file nobody reads), then made durable before it is published:
// the file is fsynced before the rename and the directory after it, so
// that after a power loss path holds the old database or the whole new
// one, never a renamed file whose pages never reached the disk.
//
// While the temporary file is written WriteFile holds an exclusive lock
// on it; RemoveStale removes only temporaries nobody holds, so it never
// pulls a file from under a concurrent import.
func WriteFile(ctx context.Context, path string, ds *tokumu.Dataset) error {
	return WriteFileThen(ctx, path, ds, nil)
}

// WriteFileThen is WriteFile that calls then on the new database after
// the dataset is in it and before it is published (to store what is
// derived from the data, such as a search index); an error from then
// leaves path as it was.
func WriteFileThen(ctx context.Context, path string, ds *tokumu.Dataset, then func(context.Context, *DB) error) error {
	return WriteFileStream(ctx, path, ds, claimsOf(ds), then)
}

// WriteFileStream is WriteFileThen with the claims given by claims (see
// ReplaceStream): what an import that streams its corpus calls. An error
// from claims leaves path as it was and no temporary behind.
func WriteFileStream(ctx context.Context, path string, ds *tokumu.Dataset, claims Claims, then func(context.Context, *DB) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, TempPattern)
	if err != nil {
		return err
	}
	tmpPath := tmp.Name()
	defer os.Remove(tmpPath) // a no-op after the rename
	defer tmp.Close()
	if err := lockFile(tmp); err != nil {
		return fmt.Errorf("sqlite: lock %s: %w", tmpPath, err)
	}
	db, err := Open(ctx, tmpPath, Options{Bulk: true})
	if err != nil {
		return err
	}
	if err := db.ReplaceStream(ctx, ds, claims); err != nil {
		db.Close()
		return err
	}
	if then != nil {
		if err := then(ctx, db); err != nil {
			db.Close()
			return err
		}
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", tmpPath, err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !isUnsupported(err) {
		return fmt.Errorf("sqlite: sync directory %s: %w", dir, err)
	}
	return nil
}

// RemoveStale removes the temporaries that an import killed in the
// middle left in the directory of path (up to 52 MB each), and returns
// their names. A temporary still locked by a running import is kept.
func RemoveStale(path string) ([]string, error) {
	dir := filepath.Dir(path)
	names, err := filepath.Glob(filepath.Join(dir, TempPattern))
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, name := range names {
		if !strings.HasPrefix(filepath.Base(name), ".tokumu-") {
			continue
		}
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		stale := tryLockFile(f, name)
		if stale {
			if err := os.Remove(name); err == nil {
				removed = append(removed, name)
			}
			for _, suffix := range []string{"-journal", "-wal", "-shm"} {
				os.Remove(name + suffix)
			}
		}
		f.Close()
	}
	return removed, nil
}
