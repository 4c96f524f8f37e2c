package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
)

// MustOpen opens a new database in a temporary directory: a real file, as
// users have, not :memory:.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "tokumu.db"), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestStore(t *testing.T) {
	// The path of each database the suite opens, so that Reopen can open
	// it again.
	var mu sync.Mutex
	paths := map[tokumu.Store]string{}
	storetest.Run(t, storetest.Config{
		Edit: true, Accounts: true, Releases: true,
		Open: func(tb testing.TB) tokumu.Store {
			path := filepath.Join(tb.TempDir(), "tokumu.db")
			db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
			if err != nil {
				tb.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			paths[db] = path
			return db
		},
		Reopen: func(tb testing.TB, s tokumu.Store) tokumu.Store {
			mu.Lock()
			path := paths[s]
			mu.Unlock()
			if err := s.Close(); err != nil {
				tb.Fatalf("Close: %v", err)
			}
			db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
			if err != nil {
				tb.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			paths[db] = path
			return db
		},
	})
}

func TestStoreMemory(t *testing.T) {
	storetest.Run(t, storetest.Config{Edit: true, Accounts: true, Releases: true, Open: func(tb testing.TB) tokumu.Store {
		db, err := sqlite.Open(context.Background(), ":memory:", sqlite.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		return db
	}})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokumu.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Migrations are recorded: opening again must not re-apply them.
	db, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if h, err := ro.Hash(ctx); err != nil || h != "fixture-1" {
		t.Fatalf("Hash after reopen = %q, %v", h, err)
	}
}
