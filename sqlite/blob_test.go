package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
)

func TestBlob(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.Blob(ctx, "search", "k1"); ok || err != nil {
		t.Fatalf("empty: ok %v, err %v", ok, err)
	}
	if err := db.PutBlob(ctx, "search", "k1", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := db.PutBlob(ctx, "search", "k2", []byte("two")); err != nil {
		t.Fatal(err)
	}
	// The second write replaced the first: k1 is stale now.
	if _, ok, _ := db.Blob(ctx, "search", "k1"); ok {
		t.Error("a replaced blob is still returned under its old key")
	}
	db.Close()
	db, err = Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if data, ok, err := db.Blob(ctx, "search", "k2"); !ok || err != nil || string(data) != "two" {
		t.Errorf("after reopening: %q, ok %v, err %v; want \"two\"", data, ok, err)
	}
}

// TestEditDropsBlobs: the blobs are keyed by the imported content's hash,
// which an edit leaves as it was; a stored search index that survived an
// edit would be served in place of one that holds the edit.
func TestEditDropsBlobs(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	// Both caches of derived data: the search index and the corpus read
	// model (view.CorpusBlobName), which a server decodes at start.
	for _, name := range []string{"search-index", "corpus"} {
		if err := db.PutBlob(ctx, name, "k", []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	c := &tokumu.Claim{ID: "c-blob-edit", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "yak"}
	rev := &tokumu.Revision{Author: "alice", Message: "an edit", Changes: []tokumu.Change{
		{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}
	if err := db.Apply(ctx, rev); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"search-index", "corpus"} {
		if _, ok, err := db.Blob(ctx, name, "k"); ok || err != nil {
			t.Errorf("after an edit the stored blob %s is still returned (ok %v, err %v)", name, ok, err)
		}
	}
}
