package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestParseDB(t *testing.T) {
	for _, tt := range []struct{ in, kind, target string }{
		{"", dbSQLite, ""},
		{"tokumu.db", dbSQLite, "tokumu.db"},
		{"/var/lib/tokumu/t.db", dbSQLite, "/var/lib/tokumu/t.db"},
		{"sqlite:/tmp/t.db", dbSQLite, "/tmp/t.db"},
		{"sqlite:t.db", dbSQLite, "t.db"},
		{"postgres://u@127.0.0.1:5432/tokumu", dbPostgres, "postgres://u@127.0.0.1:5432/tokumu"},
		{"postgresql://u@db/tokumu?sslmode=disable", dbPostgres, "postgresql://u@db/tokumu?sslmode=disable"},
	} {
		kind, target := parseDB(tt.in)
		if kind != tt.kind || target != tt.target {
			t.Errorf("parseDB(%q) = %q, %q; want %q, %q", tt.in, kind, target, tt.kind, tt.target)
		}
	}
	for in, want := range map[string]string{
		"postgres://u:s3cret@db:5432/tokumu": "postgres://u:xxxxx@db:5432/tokumu",
		"postgres://u@db/tokumu":             "postgres://u@db/tokumu",
		"sqlite:/tmp/t.db":                   "sqlite:/tmp/t.db",
	} {
		if got := displayDB(in); got != want {
			t.Errorf("displayDB(%q) = %q, want %q", in, got, want)
		}
	}
}

// postgresDSN returns a DSN for a schema of the test's own on the server
// scripts/test.sh starts; without one the test fails.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("TOKUMU_TEST_POSTGRES")
	if dsn == "" {
		t.Fatal("TOKUMU_TEST_POSTGRES is not set: run `bash scripts/test.sh`, which starts a throwaway PostgreSQL " +
			"on loopback, or `source scripts/test-postgres.sh` first")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("cli%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestImportPostgres: import, show and a refused import through --db
// postgres://…, as with a file.
func TestImportPostgres(t *testing.T) {
	db := postgresDSN(t)
	code, out, errs := run(t, db, "import", good)
	if code != 0 || !strings.Contains(out, "imported "+good+" into postgres://") || !strings.Contains(out, "3 entities, 5 claims") {
		t.Fatalf("import good: exit %d, %s %s", code, out, errs)
	}
	if code, out, _ := run(t, db, "show", "test-officer"); code != 0 || !strings.Contains(out, "試験太郎") {
		t.Fatalf("show: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, db, "import", bad); code != 1 || !strings.Contains(out, "no source") {
		t.Fatalf("import bad: exit %d, %q", code, out)
	}
	// Nothing of the refused corpus was written.
	if code, out, _ := run(t, db, "stats"); code != 0 || !regexp.MustCompile(`(?m)^entities +3$`).MatchString(out) {
		t.Fatalf("stats after a refused import: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, db, "show", "test-officer"); code != 0 || !strings.Contains(out, "試験太郎") {
		t.Fatalf("show after a refused import: exit %d, %q", code, out)
	}
}

// TestSQLitePrefix: sqlite:PATH is the file at PATH.
func TestSQLitePrefix(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	if code, out, errs := run(t, "sqlite:"+path, "import", good); code != 0 {
		t.Fatalf("import: exit %d, %s %s", code, out, errs)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("sqlite:%s wrote no file there: %v", path, err)
	}
	if code, out, _ := run(t, path, "show", "test-officer"); code != 0 || !strings.Contains(out, "試験太郎") {
		t.Fatalf("show: exit %d, %q", code, out)
	}
}
