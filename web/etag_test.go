package web_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
	"net/http/httptest"
)

// TestAPIETags: an API answer carries a weak ETag; revalidating with it
// gives 304 and no body; the tag changes with the URL, the language and
// the data (another release), and not otherwise.
func TestAPIETags(t *testing.T) {
	ctx := context.Background()
	open := func(hash string) *sqlite.DB {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ds := storetest.Fixture()
		ds.Hash = hash
		if err := db.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
		return db
	}
	srv, err := web.New(ctx, open("release-a"))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tag := func(u, lang, inm string) (int, string, string) {
		req, _ := http.NewRequest("GET", ts.URL+u, nil)
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := res.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("ETag"), b.String()
	}
	st, e1, _ := tag("/api/entities", "", "")
	if st != 200 || !strings.HasPrefix(e1, `W/"`) {
		t.Fatalf("status %d ETag %q", st, e1)
	}
	if st, _, body := tag("/api/entities", "", e1); st != 304 || body != "" {
		t.Errorf("If-None-Match with the tag: %d %q, want 304 and no body", st, body)
	}
	if st, _, _ := tag("/api/entities", "", `"other", `+strings.TrimPrefix(e1, "W/")); st != 304 {
		t.Errorf("the tag in a list, strong form: %d, want 304", st)
	}
	if _, e2, _ := tag("/api/entities", "", ""); e2 != e1 {
		t.Errorf("the same request: tag %s then %s", e1, e2)
	}
	_, eURL, _ := tag("/api/entities?limit=5", "", "")
	_, eLang, _ := tag("/api/entities", "ja", "")
	if eURL == e1 || eLang == e1 || eURL == eLang {
		t.Errorf("tags of other URLs or languages are not distinct: %s %s %s", e1, eURL, eLang)
	}
	if st, _, _ := tag("/api/entities", "ja", e1); st != 200 {
		t.Errorf("the English tag revalidated a Japanese answer: %d", st)
	}
	// Another release: the old tag no longer matches.
	if err := srv.Swap(ctx, open("release-b")); err != nil {
		t.Fatal(err)
	}
	if st, e3, _ := tag("/api/entities", "", e1); st != 200 || e3 == e1 {
		t.Errorf("after a new release: %d, tag %s (was %s)", st, e3, e1)
	}
	// Pages have none: they show the language switch and the footer.
	if _, e, _ := tag("/entities", "", ""); e != "" {
		t.Errorf("an HTML page has ETag %s", e)
	}
}
