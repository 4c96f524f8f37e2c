package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

// TestWatchOtherVersion: a server of the shared cache database does not
// take a file another version of tokumu rebuilt there for its own embedded
// corpus (a teacher's projected pages changed corpus mid-class); it says
// so, and still takes an import of any other corpus.
func TestWatchOtherVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tokumu.db")
	write := func(hash string) {
		t.Helper()
		ds := storetest.Fixture()
		ds.Hash = hash
		if err := sqlite.WriteFile(ctx, path, ds); err != nil {
			t.Fatal(err)
		}
	}
	own := embeddedPrefix + "aaaaaaaaaaaa" + strings.Repeat("0", 52)
	write(own)
	db, id, err := openSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Store().Close() }()
	var log syncBuf
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { watch(wctx, path, id, own, srv, make(chan os.Signal), &log); close(done) }()
	defer func() { cancel(); <-done }()
	release := func() string { h, _ := srv.Store().Hash(ctx); return web.ReleaseOf(h) }

	write(embeddedPrefix + "bbbbbbbbbbbb" + strings.Repeat("0", 52))
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(log.String(), "another version of tokumu rebuilt") {
		if time.Now().After(deadline) {
			t.Fatalf("no word of the other version's rebuild:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r := release(); r != "aaaaaaaaaaaa" {
		t.Errorf("after another version's rebuild the server serves %s; want its own aaaaaaaaaaaa", r)
	}
	write("cccccccccccc" + strings.Repeat("0", 52)) // an import of a corpus directory
	deadline = time.Now().Add(5 * time.Second)
	for release() != "cccccccccccc" {
		if time.Now().After(deadline) {
			t.Fatalf("an import onto the file was not taken:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
