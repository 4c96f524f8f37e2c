package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/memstore"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

// TestReloadUnderLoad swaps the server between two databases while
// clients read from it (run with -race): every answer comes whole from
// one dataset or the other — an entity page and the search agree on
// what exists — and none fails.
func TestReloadUnderLoad(t *testing.T) {
	ctx := context.Background()
	open := func(name string, ds *tokumu.Dataset) tokumu.Store {
		db := memstore.New()
		if err := db.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
		return db
	}
	a := storetest.Fixture()
	b := storetest.Fixture()
	// b lacks Lyushkov: a request sees him or not, by the state it began on.
	for i, e := range b.Entities {
		if e.ID == "lyushkov-genrikh" {
			b.Entities = append(b.Entities[:i], b.Entities[i+1:]...)
			break
		}
	}
	b.Hash = "b"
	stA, stB := open("a.db", a), open("b.db", b)
	srv, err := web.New(ctx, stA)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	var stop atomic.Bool
	var wg sync.WaitGroup
	var requests, failures atomic.Int64
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				for _, u := range []string{"/entities/lyushkov-genrikh", "/api/search?q=Lyushkov", "/", "/structure?root=kwantung-army"} {
					res, err := http.Get(ts.URL + u)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					requests.Add(1)
					if res.StatusCode != 200 && !(res.StatusCode == 404 && strings.HasPrefix(u, "/entities/")) {
						failures.Add(1)
						t.Errorf("%s: %d", u, res.StatusCode)
					}
				}
			}
		}()
	}
	for i := 0; i < 20; i++ {
		next := stB
		if i%2 == 1 {
			next = stA
		}
		if err := srv.Swap(ctx, next); err != nil {
			t.Fatal(err)
		}
		if err := srv.Reload(ctx); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if requests.Load() == 0 {
		t.Fatal("no request ran during the reloads")
	}
	// After the last swap (to A) the server answers from A.
	res, err := http.Get(ts.URL + "/entities/lyushkov-genrikh")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("after the last swap: %d, want 200 from dataset A", res.StatusCode)
	}
	if srv.Store() != stA {
		t.Error("Store() is not the last store swapped in")
	}
}

// TestAcceptLanguage picks the page's language from the header's weights
// when the URL names none.
func TestAcceptLanguage(t *testing.T) {
	ts := fixtureServer(t)
	for _, tt := range []struct{ header, want string }{
		{"ru-RU,ru;q=0.9,en;q=0.8", `data-names="ru"`},
		{"de-DE, ja;q=0.5", `data-names="ja"`},
		{"en-GB,en;q=0.9", `data-names="en"`},
		{"fr", `data-names="en"`},
		{"", `data-names="en"`},
		{";;;q=x", `data-names="en"`},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/", nil)
		if tt.header != "" {
			req.Header.Set("Accept-Language", tt.header)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		// The interface and the names follow the reader's language, and
		// the page declares it.
		lang := strings.TrimSuffix(strings.TrimPrefix(tt.want, `data-names="`), `"`)
		if !strings.Contains(string(body), `<html lang="`+lang+`" `+tt.want) {
			t.Errorf("Accept-Language %q: page lacks <html lang=%q %s>", tt.header, lang, tt.want)
		}
	}
}

var h1 = regexp.MustCompile(`<h1>(.*?)</h1>`)

// TestLabelsAgree walks every entity of the embedded corpus in every
// language: the heading of its web page is Entity.Label, the one label
// policy the CLI's show and the search also print.
func TestLabelsAgree(t *testing.T) {
	srv := embedded(t)
	ctx := context.Background()
	es, err := srv.Store().Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 300 {
		t.Fatalf("%d entities; the embedded corpus has more", len(es))
	}
	n := 0
	for _, e := range es {
		for _, lang := range []string{"en", "ja", "ru"} {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", "/entities/"+e.ID+"?lang="+lang, nil))
			m := h1.FindStringSubmatch(rec.Body.String())
			if m == nil {
				t.Errorf("%s?lang=%s: no <h1>", e.ID, lang)
				continue
			}
			if got, want := html.UnescapeString(m[1]), e.Label(lang); got != want {
				t.Errorf("%s?lang=%s: page says %q, Entity.Label %q", e.ID, lang, got, want)
			}
			n++
		}
	}
	t.Logf("%d entity/language labels agree", n)
}
