package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestUnavailableFull: a write the file cannot take because it is full
// (a real SQLITE_FULL, made by capping the file's pages) is named as such;
// any other error is not the file's state.
func TestUnavailableFull(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "full.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pages int
	if err := conn.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	_, err = conn.ExecContext(ctx, `CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (zeroblob(1000000))`)
	if err == nil {
		t.Fatal("the capped file took a megabyte")
	}
	if msg := Unavailable(err); !strings.Contains(msg, "the disk that holds the database is full") {
		t.Errorf("Unavailable(%v) = %q; want the full disk named", err, msg)
	}
	if msg := Unavailable(errors.New("sql: no rows in result set")); msg != "" {
		t.Errorf("Unavailable of another error = %q; want none", msg)
	}
}
