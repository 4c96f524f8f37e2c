package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
)

// TestDurabilityAndLeftovers (finding 5): WriteFile publishes a whole
// database, and RemoveStale removes the temporaries a killed import left
// but never one a running import holds.
func TestDurabilityAndLeftovers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.db")
	if err := sqlite.WriteFile(ctx, path, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.Stats(ctx)
	db.Close()
	if err != nil || st.Claims != 9 {
		t.Fatalf("after WriteFile: %v claims, %v; want the fixture's 9", st, err)
	}
	// A leftover of a killed import, and one of an import still running
	// (it holds the lock, as WriteFile does).
	dead := filepath.Join(dir, ".tokumu-111.db")
	if err := os.WriteFile(dead, []byte("half a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	live, err := os.CreateTemp(dir, sqlite.TempPattern)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := sqlite.LockForTest(live); err != nil {
		t.Fatal(err)
	}
	removed, err := sqlite.RemoveStale(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != dead {
		t.Errorf("removed %v, want [%s]", removed, dead)
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Errorf("the running import's temporary was removed: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database itself: %v", err)
	}
}

// TestSnapshotSurvivesRename (finding 3): a Snapshot DB keeps answering
// from the file it opened after an import renames a new one over it —
// from every connection, under more concurrent queries than it has — and
// a new Open sees the new file.
func TestSnapshotSurvivesRename(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	if err := sqlite.WriteFile(ctx, path, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	old, err := sqlite.Open(ctx, path, sqlite.Options{Snapshot: true, Conns: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	smaller := storetest.Fixture()
	smaller.Claims = smaller.Claims[:4]
	if err := sqlite.WriteFile(ctx, path, smaller); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := old.Stats(ctx)
			if err != nil || st.Claims != 9 {
				t.Errorf("old snapshot: %+v %v, want 9 claims", st, err)
			}
		}()
	}
	wg.Wait()
	cur, err := sqlite.Open(ctx, path, sqlite.Options{Snapshot: true, Conns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	if st, err := cur.Stats(ctx); err != nil || st.Claims != 4 {
		t.Errorf("new open: %+v %v, want 4 claims", st, err)
	}
	// A file that is not a database fails at Open, with the fix.
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("this is text, not SQLite, padded to look like a file of some length"), 0o644)
	if _, err := sqlite.Open(ctx, bad, sqlite.Options{Snapshot: true, Conns: 1}); err == nil {
		t.Error("a text file opened as a database")
	}
}
