package sqlite

import (
	"context"
	"path/filepath"
	"testing"
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
