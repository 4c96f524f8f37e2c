package web_test

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestStoredCorpusPages: a server that decodes the corpus read model
// stored with the database serves the same bytes, page for page and
// language for language, as one that builds it from the store.
func TestStoredCorpusPages(t *testing.T) {
	ctx := context.Background()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	ds.Hash = "stored-corpus-pages"
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	built, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutBlob(ctx, view.CorpusBlobName, view.CorpusBlobKey(ds.Hash, 0), data); err != nil {
		t.Fatal(err)
	}
	stored, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	decoded := func(s *web.Server) bool {
		for _, lt := range s.LoadTimes() {
			if strings.HasPrefix(lt.Part, "corpus (stored") {
				return true
			}
		}
		return false
	}
	if decoded(built) || !decoded(stored) {
		t.Fatalf("the first server decoded a stored model (%v), the second did not (%v)", decoded(built), !decoded(stored))
	}
	paths := []string{"/", "/entities", "/timeline", "/map", "/network", "/network?from=1937&to=1941",
		"/structure", "/sources", "/sources/zor23", "/ledger", "/audit", "/disagreements", "/search?q=harbin",
		"/api/stats", "/api/entities", "/api/timeline", "/api/map", "/periods/period-2"}
	for _, e := range []string{"harbin-tokumu-kikan", "doihara-kenji", "kwantung-army", "khalkhin-gol-1939", "harbin", "period-2", "lyushkov-genrikh"} {
		paths = append(paths, "/entities/"+e, "/api/entities/"+e)
	}
	n := 0
	for _, p := range paths {
		for _, lang := range []string{"en", "ja", "ru"} {
			u := p + sep(p) + "lang=" + lang
			a, sa := fetch(built, u)
			b, sb := fetch(stored, u)
			if sa != sb || a != b {
				t.Errorf("%s: built %d (%d bytes), stored %d (%d bytes): %s", u, sa, len(a), sb, len(b), firstDiff(a, b))
				continue
			}
			if sa == 200 {
				n++
			}
		}
	}
	t.Logf("%d pages alike, %d answered 200", 3*len(paths), n)
	if n < 3*len(paths)-12 {
		t.Errorf("only %d of %d pages answered 200: the comparison proves little", n, 3*len(paths))
	}
}

func sep(p string) string {
	if strings.Contains(p, "?") {
		return "&"
	}
	return "?"
}

func fetch(s *web.Server, u string) (string, int) {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return string(b), rec.Code
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "first difference at byte " + strconv.Itoa(i) + ": built …" + a[lo:min(len(a), i+80)] + "… stored …" + b[lo:min(len(b), i+80)] + "…"
}
