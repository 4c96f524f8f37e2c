package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/storetest"
)

// serverDSN is the throwaway server scripts/test.sh starts. Without one the
// tests fail: a store that was never run is not a passing store.
func serverDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("TOKUMU_TEST_POSTGRES")
	if dsn == "" {
		tb.Fatal("TOKUMU_TEST_POSTGRES is not set: run `bash scripts/test.sh`, which starts a throwaway PostgreSQL " +
			"on loopback, or `source scripts/test-postgres.sh` before `go test ./postgres/`")
	}
	return dsn
}

var schemaSeq atomic.Int64

// newSchema creates an empty schema of its own for one test, dropped when
// the test ends, and returns the DSN that reads and writes in it.
func newSchema(tb testing.TB) string {
	tb.Helper()
	dsn := serverDSN(tb)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect to TOKUMU_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		tb.Fatalf("create schema %s: %v", name, err)
	}
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			tb.Errorf("connect to drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	return withParam(tb, dsn, "search_path", name)
}

func withParam(tb testing.TB, dsn, key, value string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		tb.Fatalf("TOKUMU_TEST_POSTGRES must be a postgres:// URL, not %q", dsn)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func mustOpen(tb testing.TB, dsn string) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	var mu sync.Mutex
	dsns := map[tokumu.Store]string{}
	storetest.Run(t, storetest.Config{
		Edit: true, Accounts: true, Releases: true,
		Open: func(tb testing.TB) tokumu.Store {
			dsn := newSchema(tb)
			db := mustOpen(tb, dsn)
			mu.Lock()
			defer mu.Unlock()
			dsns[db] = dsn
			return db
		},
		Reopen: func(tb testing.TB, s tokumu.Store) tokumu.Store {
			mu.Lock()
			dsn := dsns[s]
			mu.Unlock()
			if err := s.Close(); err != nil {
				tb.Fatalf("Close: %v", err)
			}
			db := mustOpen(tb, dsn)
			mu.Lock()
			defer mu.Unlock()
			dsns[db] = dsn
			return db
		},
	})
}

// TestMigrateOnce: processes starting together on an empty schema apply
// each migration once (the advisory lock), and opening again applies none.
func TestMigrateOnce(t *testing.T) {
	dsn := newSchema(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, dsn)
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d of 4 at once: %v", i, err)
		}
	}
	db := mustOpen(t, dsn)
	defer db.Close()
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n, distinct int
	if err := conn.QueryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT name) FROM migrations`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("migration/*.sql")
	if err != nil || len(files) < 6 {
		t.Fatalf("migration files: %v, %v", files, err)
	}
	if n != len(files) || distinct != len(files) {
		t.Errorf("migrations table: %d rows, %d distinct; want each of the %d migrations once (%v)", n, distinct, len(files), files)
	}
	// The at-date query can take the interval index (with sequential
	// scans and the B-tree on object off, as on a large corpus the
	// planner would choose it).
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var plan strings.Builder
	for _, q := range []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_bitmapscan = off`} {
		if _, err := tx.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := tx.Query(ctx, `EXPLAIN SELECT id FROM claim WHERE object = 'kwantung-army' AND lo <= 19380701 AND hi >= 19380701 AND lo <= hi AND int8range(lo, hi, '[]') @> 19380701::bigint`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	rows.Close()
	if !strings.Contains(plan.String(), "claim_object_during") {
		t.Errorf("the at-date query's plan does not use claim_object_during:\n%s", plan.String())
	}
	if h, err := db.Hash(ctx); err != nil || h != "fixture-1" {
		t.Errorf("Hash = %q, %v; want fixture-1", h, err)
	}
}

// TestNotUTF8: a database in another encoding is refused with a message
// that says how to create a UTF-8 one.
func TestNotUTF8(t *testing.T) {
	dsn := serverDSN(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("ascii%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP DATABASE "+name)
	u, _ := url.Parse(dsn)
	u.Path = "/" + name
	db, err := postgres.Open(ctx, u.String())
	if err == nil {
		db.Close()
		t.Fatal("Open of a SQL_ASCII database succeeded; want EINVALID")
	}
	if tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Errorf("code %q, want EINVALID: %v", tokumu.ErrorCode(err), err)
	}
	want := "the database's encoding is SQL_ASCII; tokumu needs UTF8 (createdb -E UTF8 -T template0 NAME)"
	if got := tokumu.ErrorMessage(err); got != "postgres: "+want {
		t.Errorf("message %q, want %q", got, "postgres: "+want)
	}
}

// TestBadDSN: a DSN that does not parse is the user's error, and its
// password is not echoed.
func TestBadDSN(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://u:secret@[::1/x")
	if tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Fatalf("code %q, want EINVALID: %v", tokumu.ErrorCode(err), err)
	}
	if msg := err.Error(); contains(msg, "secret") {
		t.Errorf("the error shows the password: %s", msg)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestReplaceWhileEditing: imports and edits at once both succeed and every
// edit is in the history. (It does not prove the edit lock: without it the
// test passes too, but an edit could then land inside a load and survive
// it; the lock orders them.)
func TestReplaceWhileEditing(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, newSchema(t))
	defer db.Close()
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var replaceErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 5 {
			if replaceErr = db.Replace(ctx, storetest.Fixture()); replaceErr != nil {
				return
			}
		}
	}()
	applied := 0
	for i := range 10 {
		rs, err := db.History(ctx, tokumu.HistoryFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		var base int64
		if len(rs) > 0 {
			base = rs[0].ID
		}
		c := &tokumu.Claim{ID: fmt.Sprintf("c-while-%d", i), Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23"}
		err = db.Apply(ctx, &tokumu.Revision{Base: base, Author: "t", Message: "while importing",
			Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}})
		if err != nil {
			t.Fatalf("Apply %d during imports: %v", i, err)
		}
		applied++
	}
	wg.Wait()
	if replaceErr != nil {
		t.Fatalf("Replace during edits: %v", replaceErr)
	}
	if rs, err := db.History(ctx, tokumu.HistoryFilter{Author: "t"}); err != nil || len(rs) != applied {
		t.Errorf("History: %d revisions, %v; want %d", len(rs), err, applied)
	}
}

// TestWatchRevisions: a revision committed through one connection pool is
// announced to a watcher on another (another process, in production), and
// a revision in another schema of the same database is not.
func TestWatchRevisions(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dsn := newSchema(t)
	a, b := mustOpen(t, dsn), mustOpen(t, dsn)
	defer a.Close()
	defer b.Close()
	other := mustOpen(t, newSchema(t))
	defer other.Close()
	for _, db := range []*postgres.DB{a, other} {
		if err := db.Replace(ctx, storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
	}
	got := make(chan int64, 16)
	go b.WatchRevisions(ctx, func(rev int64) { got <- rev })
	if rev := <-got; rev != 0 {
		t.Fatalf("the first call is %d; want 0 (look at the newest revision once listening)", rev)
	}
	apply := func(db *postgres.DB, id string) {
		c := &tokumu.Claim{ID: id, Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23"}
		if err := db.Apply(ctx, &tokumu.Revision{Author: "t", Message: "watch", Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: id, After: c}}}); err != nil {
			t.Fatal(err)
		}
	}
	apply(other, "c-elsewhere")
	apply(a, "c-watched")
	select {
	case rev := <-got:
		if rev != 1 {
			t.Errorf("announced revision %d, want 1", rev)
		}
	case <-time.After(time.Second):
		t.Fatal("no announcement within 1 s of the commit")
	}
	select {
	case rev := <-got:
		t.Errorf("a second announcement (%d): the other schema's revision leaked", rev)
	case <-time.After(200 * time.Millisecond):
	}
}
