package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

// urlCase is one request of a table test: the status it must answer and
// what its body must and must not contain.
type urlCase struct {
	url      string
	status   int
	contains []string
	lacks    []string
}

// fixtureDB is the storetest fixture in a real SQLite file, closed when
// the test ends.
func fixtureDB(t testing.TB) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return db
}

// fixtureServer serves the storetest fixture from a real SQLite file.
func fixtureServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db := fixtureDB(t)
	// A release of it, for the release routes' examples.
	if err := db.CreateRelease(ctx, &tokumu.Release{Name: "fa11edc0ffee", Hash: "fa11edc0ffee", Created: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return serveStore(t, db)
}

// serveStore serves the web UI over a store that is already filled; the
// server closes when the test ends.
func serveStore(t *testing.T, db tokumu.Store) *httptest.Server {
	t.Helper()
	srv, err := web.New(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// checkURLs runs each case against base as a subtest; check, if not nil,
// looks further at the response.
func checkURLs(t *testing.T, base string, cases []urlCase, check func(t *testing.T, res *http.Response, body string)) {
	for _, tt := range cases {
		t.Run(tt.url, func(t *testing.T) {
			res, err := http.Get(base + tt.url)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			body := string(b)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %.500s", res.StatusCode, tt.status, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s:\n%.2000s", s, body)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(body, s) {
					t.Errorf("body has %s:\n%.2000s", s, body)
				}
			}
			if check != nil {
				check(t, res, body)
			}
		})
	}
}
