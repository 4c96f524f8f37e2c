package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/sqlite"
)

// TestStoredSearchIndex: import keeps the search index in the database;
// search uses it, and when it is missing or damaged builds the index,
// answers the same, and stores a good one again.
func TestStoredSearchIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := runArgs("import", good, "--db", path); code != 0 {
		t.Fatal(errs)
	}
	blob := func() []byte {
		t.Helper()
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		hash, err := db.Hash(ctx)
		if err != nil || hash == "" {
			t.Fatalf("hash %q, %v", hash, err)
		}
		data, _, err := db.Blob(ctx, searchBlob, searchKey(hash))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if len(blob()) < 100 {
		t.Fatal("import stored no search index")
	}
	_, want, _ := runArgs("search", "Shiken", "--db", path)
	if !strings.Contains(want, "[test-officer]") {
		t.Fatalf("search with the stored index: %q", want)
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := db.Hash(ctx)
	if err := db.PutBlob(ctx, searchBlob, searchKey(hash), []byte("damaged")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, got, errs := runArgs("search", "Shiken", "--db", path); code != 0 || got != want {
		t.Errorf("search with a damaged stored index: exit %d, %q %s; want %q", code, got, errs, want)
	}
	if len(blob()) < 100 {
		t.Error("search did not store a good index in place of the damaged one")
	}
}
