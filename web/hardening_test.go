package web

// Tests named after the findings of the reliability review
// (research/reviews/reliability.md): each would have caught its finding.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/loadtest"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
)

// openFixture returns the storetest fixture in a SQLite file, with extra
// claims added by more.
func openFixture(t testing.TB, more func(ds *tokumu.Dataset)) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ds := storetest.Fixture()
	if more != nil {
		more(ds)
	}
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	return db
}

func newServer(t testing.TB, st tokumu.Store) *Server {
	t.Helper()
	srv, err := New(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func get(t testing.TB, h http.Handler, u string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
	return rec.Result(), rec.Body.String()
}

// TestOneGETKillsServer: an offset of 2·10⁹ sized a 32 GB allocation and
// killed the process; one near MaxInt64 overflowed offset+limit. Every
// numeric parameter of every route now has a range, and a value outside
// it is a 400 naming the parameter and the range — on the API and on the
// HTML pages alike.
func TestOneGETKillsServer(t *testing.T) {
	srv := newServer(t, openFixture(t, nil))
	cases := []struct {
		url, want string
	}{
		{"/api/search?q=a&offset=2000000000", `offset=\"2000000000\" is out of range: offset must be a whole number from 0–10000`},
		{"/api/search?q=a&offset=9223372036854775600", "offset must be a whole number from 0–10000"},
		{"/api/search?q=a&limit=3000000000", "limit must be a whole number from 1–200"},
		{"/search?q=Harbin&offset=2000000000", "offset must be a whole number from 0–10000"},
		{"/api/search?q=a&offset=-1", "offset must be a whole number from 0–10000"},
		{"/api/suggest?q=a&limit=51", "limit must be a whole number from 1–50"},
		{"/api/claims?limit=10001", "limit must be a whole number from 1–1000"},
		{"/api/claims?limit=0", "limit must be a whole number from 1–1000"},
		{"/api/claims?offset=10001", "offset must be a whole number from 0–10000"},
		{"/api/claims?from=1945&to=1930", `from=\"1945\" is after to=\"1930\"`},
		{"/api/entities?limit=x", `limit=\"x\" is not a whole number`},
		{"/api/at?date=1939&limit=2001", "limit must be a whole number from 1–2000"},
		{"/api/sources?offset=1000001", "offset must be a whole number from 0–1000000"},
		{"/api/sources/zor23?limit=1001", "limit must be a whole number from 1–1000"},
		{"/api/disagreements?limit=1e3", `limit=\"1e3\" is not a whole number`},
		{"/api/entities/doihara-kenji?limit=2001", "limit must be a whole number from 1–2000"},
		{"/timeline?from=99999", "from must be a whole number from 1000–2999"},
		{"/timeline?to=banana", "to must be a year from 1000–2999"},
		{"/network?from=1937&to=3000", "to must be a whole number from 1000–2999"},
		{"/map?year=-5", "year must be a whole number from 1000–2999"},
		{"/api/claims?at=" + strings.Repeat("1", 5000), "is 5000 bytes long: a date is at most 100"},
	}
	for _, c := range cases {
		res, body := get(t, srv, c.url)
		if res.StatusCode != 400 {
			t.Errorf("%.80s: status %d, want 400", c.url, res.StatusCode)
		}
		if !strings.Contains(body, c.want) {
			t.Errorf("%.80s: body lacks %q:\n%.600s", c.url, c.want, body)
		}
		html := strings.HasPrefix(res.Header.Get("Content-Type"), "text/html")
		if html == strings.HasPrefix(c.url, "/api/") {
			t.Errorf("%.80s: Content-Type %s", c.url, res.Header.Get("Content-Type"))
		}
	}
	// Every row of the table, at each bound and one past it.
	for _, p := range Params {
		route := strings.Split(p.Routes, ", ")[0]
		route = strings.ReplaceAll(route, "{id}", "zor23")
		if strings.HasPrefix(route, "/api/entities/") {
			route = "/api/entities/doihara-kenji"
		}
		extra := ""
		if route == "/api/at" {
			extra = "&date=1939"
		}
		if route == "/entities/zor23/claims" { // one group of an entity's claims
			route, extra = "/entities/kwantung-army/claims", "&p=part_of&inv=1"
		}
		for _, v := range []struct {
			n    int
			want int
		}{{p.Min, 200}, {p.Max, 200}, {p.Min - 1, 400}, {p.Max + 1, 400}} {
			u := fmt.Sprintf("%s?%s=%d%s", route, p.Name, v.n, extra)
			if res, body := get(t, srv, u); res.StatusCode != v.want {
				t.Errorf("%s: status %d, want %d: %.300s", u, res.StatusCode, v.want, body)
			}
		}
	}
}

// TestParamsInREADME: README's API section lists the table of ranges as
// web.Params has it.
func TestParamsInREADME(t *testing.T) {
	b, err := readFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := ParamsMarkdown(); !strings.Contains(b, want) {
		t.Errorf("README.md lacks the parameter table; paste this into its API section:\n%s", want)
	}
}

// bigFixture adds n claims about soviet-far-eastern-forces from one source.
func bigFixture(n int) func(ds *tokumu.Dataset) {
	return func(ds *tokumu.Dataset) {
		var tmpl *tokumu.Claim
		for _, c := range ds.Claims {
			if c.ID == "c-real-1936" {
				tmpl = c
			}
		}
		for i := 0; i < n; i++ {
			c := *tmpl
			c.ID, c.Value, c.Unit, c.Role = fmt.Sprintf("c-big-%05d", i), fmt.Sprint(i), "men", ""
			ds.Claims = append(ds.Claims, &c)
		}
	}
}

// TestUnboundedWorkPerRequest: lists were not paged (10 MB of JSON for one
// source, 7 MB of HTML for one entity) and stats and disagreements were
// computed per request. Every list now comes in pages with its total and
// every answer is capped.
func TestUnboundedWorkPerRequest(t *testing.T) {
	srv := newServer(t, openFixture(t, bigFixture(2500)))
	type pageJSON struct {
		Total  *int              `json:"total"`
		Offset int               `json:"offset"`
		Limit  int               `json:"limit"`
		More   bool              `json:"more"`
		Items  []json.RawMessage `json:"items"`
	}
	decode := func(u string, into any) {
		t.Helper()
		if p, ok := into.(*pageJSON); ok {
			*p = pageJSON{}
		}
		res, body := get(t, srv, u)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", u, res.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), into); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	// 8 entities in the fixture.
	var p pageJSON
	decode("/api/entities?limit=2&offset=7", &p)
	if *p.Total != 8 || len(p.Items) != 1 || p.More {
		t.Errorf("/api/entities?limit=2&offset=7: total %d, %d items, more %v; want 8, 1, false", *p.Total, len(p.Items), p.More)
	}
	decode("/api/entities?offset=100", &p)
	if len(p.Items) != 0 || *p.Total != 8 {
		t.Errorf("past the end: %d items, total %d", len(p.Items), *p.Total)
	}
	// 2500 + 2 claims about the forces: the default page is 200, the
	// largest 1000, and "more" says there are others.
	decode("/api/claims?about=soviet-far-eastern-forces", &p)
	if len(p.Items) != 200 || !p.More || p.Total != nil {
		t.Errorf("/api/claims default: %d items, more %v; want 200, true", len(p.Items), p.More)
	}
	decode("/api/claims?about=soviet-far-eastern-forces&limit=1000&offset=2000", &p)
	if len(p.Items) != 502 || p.More || *p.Total != 2502 {
		t.Errorf("/api/claims last page: %d items, more %v; want 502 (2502 claims − 2000), false", len(p.Items), p.More)
	}
	// A source's claims: the total is exact, from the stats (yak has 4 in
	// the fixture, and the 2500).
	var src struct{ Claims pageJSON }
	decode("/api/sources/yak?limit=10", &src)
	if len(src.Claims.Items) != 10 || *src.Claims.Total != 2504 || !src.Claims.More {
		t.Errorf("/api/sources/yak: %d items of %d; want 10 of 2504", len(src.Claims.Items), *src.Claims.Total)
	}
	// A hub: more than hubMin (200) claims. Its one group (strength, as
	// subject: the 2500 and the fixture's two) is cut to its first 20 in
	// the store's order (c-big-00000 … c-big-00019), with its size and the
	// link to its paged list.
	var ent struct {
		Groups []struct{ Claims []json.RawMessage }
		More   bool
		Paged  []struct {
			Predicate string
			Inverse   bool
			Total     int
			Href      string
		}
	}
	decode("/api/entities/soviet-far-eastern-forces", &ent)
	n := 0
	for _, g := range ent.Groups {
		n += len(g.Claims)
	}
	if n != 20 || ent.More || len(ent.Paged) != 1 || ent.Paged[0].Predicate != "strength" || ent.Paged[0].Inverse ||
		ent.Paged[0].Total != 2502 || ent.Paged[0].Href != "/api/entities/soviet-far-eastern-forces/claims?p=strength" {
		t.Errorf("/api/entities/soviet-far-eastern-forces: %d claims, more %v, paged %+v; want 20, false, strength 2502", n, ent.More, ent.Paged)
	}
	res, body := get(t, srv, "/entities/soviet-far-eastern-forces")
	if res.StatusCode != 200 || !strings.Contains(body, `<a href="/entities/soviet-far-eastern-forces/claims?p=strength">show all 2,502</a>`) ||
		strings.Count(body, `id="c-c-big-`) != 20 || !strings.Contains(body, `id="c-c-big-00019"`) {
		t.Errorf("hub entity page: %d, %d claims shown (want 20), show-all link present %v", res.StatusCode,
			strings.Count(body, `id="c-c-big-`), strings.Contains(body, "show all 2,502"))
	}
	// The paged list: the last page holds the fixture's two claims.
	res, body = get(t, srv, "/entities/soviet-far-eastern-forces/claims?p=strength&offset=2500&limit=100")
	if res.StatusCode != 200 || strings.Count(body, `<li class="claim"`) != 2 || !strings.Contains(body, `id="c-c-real-1936"`) ||
		!strings.Contains(body, "2,501–2,502 of 2,502") || strings.Contains(body, `rel="next"`) || !strings.Contains(body, "offset=2400&amp;limit=100") {
		t.Errorf("last page of the group: %d, %d claims: %.2000s", res.StatusCode, strings.Count(body, `<li class="claim"`), body)
	}
	var grp pageJSON
	decode("/api/entities/soviet-far-eastern-forces/claims?p=strength&offset=2490&limit=5", &grp)
	if len(grp.Items) != 5 || grp.Total == nil || *grp.Total != 2502 || !grp.More {
		t.Errorf("/api/entities/…/claims?p=strength&offset=2490&limit=5: %d items, more %v; want 5 of 2502, more", len(grp.Items), grp.More)
	}
	for _, u := range []string{"/api/entities/soviet-far-eastern-forces/claims", "/api/entities/soviet-far-eastern-forces/claims?p=strength&inv=2"} {
		if res, _ := get(t, srv, u); res.StatusCode != 400 {
			t.Errorf("%s: %d, want 400 (p missing, inv not 1)", u, res.StatusCode)
		}
	}
	res, body = get(t, srv, "/sources/yak")
	if res.StatusCode != 200 || !strings.Contains(body, "2,504 claims resting") || !strings.Contains(body, "The first 1,000 are listed") {
		t.Errorf("source page: %d, no cap note", res.StatusCode)
	}
	// Stats come from the snapshot; the disagreements are found once per
	// state, on the first request that needs them (not at start-up: at
	// 1M claims they took minutes), and every later request reuses them.
	cs := &countingStore{Store: srv.Store()}
	if err := srv.Swap(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	srv.WaitAnalyses() // built in the background after the swap
	urls := []string{"/api/stats", "/api/disagreements", "/api/disagreements?id=doihara-kenji", "/api/predicates", "/api/sources", "/api/entities"}
	for round, want := range []int{1, 0} {
		cs.mu.Lock()
		cs.calls = 0
		cs.mu.Unlock()
		for _, u := range urls {
			if res, _ := get(t, srv, u); res.StatusCode != 200 {
				t.Errorf("%s: %d", u, res.StatusCode)
			}
		}
		if cs.calls != want {
			t.Errorf("round %d of the global answers made %d store calls; want %d (the disagreements read the claims once per state)", round+1, cs.calls, want)
		}
	}
}

type countingStore struct {
	tokumu.Store
	mu    sync.Mutex
	calls int
}

func (c *countingStore) count() { c.mu.Lock(); c.calls++; c.mu.Unlock() }
func (c *countingStore) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	c.count()
	return c.Store.Claims(ctx, f)
}
func (c *countingStore) Stats(ctx context.Context) (*tokumu.Stats, error) {
	c.count()
	return c.Store.Stats(ctx)
}
func (c *countingStore) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	c.count()
	return c.Store.Entities(ctx, f)
}
func (c *countingStore) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	c.count()
	return c.Store.Sources(ctx)
}

// TestDisagreementsPrecomputedMatchPerSubject: the precomputed list's
// share for one subject is what the per-request computation gave.
func TestDisagreementsPrecomputedMatchPerSubject(t *testing.T) {
	db := openFixture(t, func(ds *tokumu.Dataset) {
		c := *ds.Claims[0] // c-doihara-born, from yak
		c.ID, c.Source = "c-doihara-born-2", "zor23"
		c.When.EDTF, c.When.Earliest, c.When.Latest = "1883-09-08", 18830908, 18830908
		ds.Claims = append(ds.Claims, &c)
	})
	srv := newServer(t, db)
	_, body := get(t, srv, "/api/disagreements?id=doihara-kenji")
	if !strings.Contains(body, `"total":1`) || !strings.Contains(body, `"c-doihara-born-2"`) {
		t.Errorf("doihara-kenji: want 1 disagreement with c-doihara-born-2:\n%s", body)
	}
	_, body = get(t, srv, "/api/disagreements?id=harbin")
	if !strings.Contains(body, `"total":0`) {
		t.Errorf("harbin: want none: %s", body)
	}
}

// TestHeadersOnEveryRoute walks every route of the mux (routeList) and
// checks the security headers on its answer — pages, API, assets, errors
// — and the Host check against DNS rebinding on a loopback server.
func TestHeadersOnEveryRoute(t *testing.T) {
	srv := newServer(t, openFixture(t, nil))
	var asset string
	for name := range srv.assets.files {
		asset = name
		break
	}
	fill := strings.NewReplacer("GET ", "", "{$}", "", "{id}", "doihara-kenji", "{path...}", asset)
	srv.AllowHosts("127.0.0.1")
	routes := srv.routeList()
	if len(routes) < 26 {
		t.Fatalf("%d routes; the mux has 26", len(routes))
	}
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt.pattern, " ")
		u := fill.Replace(strings.ReplaceAll(pattern, "{rev}", "1"))
		switch {
		case strings.HasPrefix(u, "/sources/"):
			u = "/sources/zor23"
		case strings.HasPrefix(u, "/api/sources/"):
			u = "/api/sources/zor23"
		case u == "/api/at" || u == "/api/structure":
			u += "?date=1939"
		case u == "/reconcile/preview":
			u += "?id=doihara-kenji"
		case u == "/":
			u = "/no-such-page" // the catch-all; "/" itself is GET /{$}
		}
		for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "evil.example", "evil.example:8080"} {
			req := httptest.NewRequest(method, u, nil)
			req.Host = host
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			h := rec.Header()
			if strings.HasPrefix(u, "/reconcile/preview") && !strings.HasPrefix(host, "evil") {
				// The reconciliation preview card is made to be framed by
				// a client's page (OpenRefine): its own policy, no scripts.
				if got := h.Get("Content-Security-Policy"); got != previewCSP {
					t.Errorf("%s: CSP %q, want %q", u, got, previewCSP)
				}
				continue
			}
			for k, want := range map[string]string{
				"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
				"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
			} {
				if got := h.Get(k); got != want {
					t.Errorf("%s (Host %s): %s = %q, want %q", u, host, k, got, want)
				}
			}
			if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("%s: CSP without frame-ancestors", u)
			}
			evil := strings.HasPrefix(host, "evil")
			if evil && rec.Code != http.StatusMisdirectedRequest {
				t.Errorf("%s with Host %s: %d, want 421", u, host, rec.Code)
			}
			if !evil && rec.Code >= 500 {
				t.Errorf("%s: %d", u, rec.Code)
			}
		}
	}
	// Without AllowHosts (not on loopback) any Host is served.
	open := newServer(t, openFixture(t, nil))
	req := httptest.NewRequest("GET", "/api/stats", nil)
	req.Host = "tokumu.example.org"
	rec := httptest.NewRecorder()
	open.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("no Host check off loopback: %d", rec.Code)
	}
}

// slowStore blocks every Claims query until its context is done and
// reports the context's error.
type slowStore struct {
	tokumu.Store
	started chan struct{}
	ended   chan error
}

func (s *slowStore) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	if f.Source == "" && f.About == "" && f.Subject == "" {
		return s.Store.Claims(ctx, f) // the load's own query
	}
	s.started <- struct{}{}
	<-ctx.Done()
	s.ended <- ctx.Err()
	return nil, ctx.Err()
}

// TestUnboundedConnections: only ReadHeaderTimeout was set, so idle
// keep-alive connections were held forever and filled the descriptor
// table; slow bodies and readers were held 60 s; no request had a time
// limit. Here: a request over its limit is answered 503 and its store
// query sees its context cancelled; idle connections at the cap are
// evicted so that a new client is served; a slow body is cut at the read
// timeout.
func TestUnboundedConnections(t *testing.T) {
	t.Run("request time limit cancels the store query", func(t *testing.T) {
		base := openFixture(t, nil)
		ss := &slowStore{Store: base, started: make(chan struct{}, 1), ended: make(chan error, 1)}
		srv := newServer(t, ss)
		srv.Limits.Request = 200 * time.Millisecond
		start := time.Now()
		res, body := get(t, srv, "/api/claims?about=harbin")
		if res.StatusCode != 503 || !strings.Contains(body, "took longer than 200ms") {
			t.Errorf("status %d, want 503: %s", res.StatusCode, body)
		}
		select {
		case err := <-ss.ended:
			if err != context.DeadlineExceeded {
				t.Errorf("the store's query ended with %v, want context.DeadlineExceeded", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the store's query was never cancelled")
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("idle connections at the cap are evicted", func(t *testing.T) {
		srv := newServer(t, openFixture(t, nil))
		srv.Limits.Conns = 5
		base := serve(t, srv)
		// Five keep-alive clients, each after one request, then silence.
		var idle []net.Conn
		for i := 0; i < 5; i++ {
			c, err := net.Dial("tcp", base)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			fmt.Fprintf(c, "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			buf := make([]byte, 4096)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			if n, err := c.Read(buf); err != nil || !strings.Contains(string(buf[:n]), "200 OK") {
				t.Fatalf("idle client %d: %v %.100q", i, err, buf[:n])
			}
			idle = append(idle, c)
		}
		time.Sleep(50 * time.Millisecond)
		client := &http.Client{Timeout: 3 * time.Second}
		for i := 0; i < 3; i++ {
			res, err := client.Get("http://" + base + "/api/stats")
			if err != nil {
				t.Fatalf("a new client with %d idle connections open: %v", len(idle), err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			client.CloseIdleConnections()
		}
	})
	t.Run("slow body and idle are cut by the timeouts", func(t *testing.T) {
		srv := newServer(t, openFixture(t, nil))
		srv.Limits.Read, srv.Limits.Idle, srv.Limits.ReadHeader = 300*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond
		base := serve(t, srv)
		c, err := net.Dial("tcp", base)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		start := time.Now()
		fmt.Fprintf(c, "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx")
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		io.Copy(io.Discard, c) // until the server closes
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("a slow body was held %v", d)
		}
	})
	t.Run("http.Server limits are set", func(t *testing.T) {
		hs := newServer(t, openFixture(t, nil)).httpServer()
		if hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.ReadHeaderTimeout == 0 || hs.MaxHeaderBytes == 0 {
			t.Errorf("unset limit: %+v", hs)
		}
	})
}

// serve runs srv.ListenAndServe on a loopback port until the test ends
// and returns its address.
func serve(t *testing.T, srv *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// closeStore records when it is closed.
type closeStore struct {
	tokumu.Store
	mu     sync.Mutex
	closed bool
	block  chan struct{} // Claims about "harbin" waits on it
	inside chan struct{}
}

func (c *closeStore) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	return nil
}

func (c *closeStore) isClosed() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.closed }

func (c *closeStore) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	if f.About == "harbin" && c.block != nil {
		c.inside <- struct{}{}
		<-c.block
		if c.isClosed() {
			return nil, fmt.Errorf("store closed under a running request")
		}
	}
	return c.Store.Claims(ctx, f)
}

// TestReimportUnderRunningServer: the server answered from two databases
// at once after a re-import, and never reloaded. SwapClose switches every
// new request to the new store at once and closes the old one only after
// the requests running on it end.
func TestReimportUnderRunningServer(t *testing.T) {
	oldSt := &closeStore{Store: openFixture(t, nil), block: make(chan struct{}), inside: make(chan struct{}, 1)}
	newDB := openFixture(t, func(ds *tokumu.Dataset) {
		for i, e := range ds.Entities {
			if e.ID == "lyushkov-genrikh" {
				ds.Entities = append(ds.Entities[:i], ds.Entities[i+1:]...)
				break
			}
		}
	})
	srv := newServer(t, oldSt)
	// A request on the old store, held inside its query.
	slow := make(chan int)
	go func() {
		res, _ := get(t, srv, "/api/claims?about=harbin")
		slow <- res.StatusCode
	}()
	<-oldSt.inside
	done, err := srv.SwapClose(context.Background(), newDB)
	if err != nil {
		t.Fatal(err)
	}
	// New requests see the new dataset only.
	if res, _ := get(t, srv, "/api/entities/lyushkov-genrikh"); res.StatusCode != 404 {
		t.Errorf("after the swap lyushkov-genrikh: %d, want 404 (the new dataset)", res.StatusCode)
	}
	if oldSt.isClosed() {
		t.Fatal("the old store was closed under a running request")
	}
	close(oldSt.block)
	if code := <-slow; code != 200 {
		t.Errorf("the request running on the old store: %d, want 200", code)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the old store was never closed")
	}
	if !oldSt.isClosed() {
		t.Error("done but the old store is open")
	}
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// FuzzQuery drives every route's query parsing through ServeHTTP with
// arbitrary parameter values: no answer may be a 5xx or a panic, and
// every one is bounded. The seeds, run by every go test, include the
// review's crashers.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"", "0", "-1", "1", "20", "2000000000", "9223372036854775600", "9223372036854775807", "1e9", "1939", "1939-06-01", "1945/1930", "1939-13-01", "..", "%00", "\x00", "ﾊﾙﾋﾞﾝ", strings.Repeat("9", 200), "person,unit", "<script>"} {
		f.Add(0, "limit", s)
		f.Add(1, "offset", s)
		f.Add(2, "from", s)
	}
	srv := newServer(f, openFixture(f, nil))
	routes := []string{"/api/search?q=Harbin", "/search?q=Harbin", "/api/suggest?q=Ha", "/api/claims?about=harbin", "/api/entities", "/api/entities/doihara-kenji",
		"/api/at?date=1939", "/api/structure?date=1939&root=kwantung-army", "/api/sources", "/api/sources/zor23", "/api/disagreements",
		"/timeline", "/map", "/network", "/structure", "/entities", "/sources/zor23", "/",
		"/api/ledger", "/ledger", "/api/ach", "/api/ach/x", "/ach/x", "/api/estimates?quantity=x", "/estimates", "/api/path?from=doihara-kenji&to=harbin",
		"/api/export?format=csv", "/disagreements", "/audit", "/api/changes", "/changes", "/network?ego=doihara-kenji", "/reconcile?queries={}"}
	names := []string{"limit", "offset", "from", "to", "year", "date", "at", "compare", "type", "q", "lang", "id", "root", "undated", "period", "by",
		"format", "quantity", "tolerance", "horizon", "ego", "tag", "certain", "depth", "before", "sort"}
	f.Fuzz(func(t *testing.T, route int, name, value string) {
		if route < 0 {
			route = -route
		}
		u := routes[route%len(routes)]
		if name == "" || len(name) > 20 {
			name = names[len(value)%len(names)]
		}
		u += "&" + url.QueryEscape(name) + "=" + url.QueryEscape(value)
		if !strings.Contains(u, "?") {
			u = strings.Replace(u, "&", "?", 1)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		if rec.Code >= 500 {
			t.Fatalf("%s: %d %.300s", u, rec.Code, rec.Body.String())
		}
		if rec.Body.Len() > 4<<20 {
			t.Fatalf("%s: %d bytes", u, rec.Body.Len())
		}
	})
}

// TestLoadAndAbuse is the short load-and-abuse test (scripts/loadtest.sh
// runs the long one against the binary): 8 well-formed clients for 4 s on
// loopback while 40 idle keep-alive connections, slow headers, bodies and
// readers, huge URLs and headers and the parameters that killed the
// server are mixed in. Every well-formed request must succeed, every
// idle connection be closed by the server, and the server answer after.
func TestLoadAndAbuse(t *testing.T) {
	srv := newServer(t, openFixture(t, nil))
	srv.Limits.Idle, srv.Limits.ReadHeader, srv.Limits.Read, srv.Limits.Write = time.Second, time.Second, 2*time.Second, 3*time.Second
	srv.Limits.Conns = 64
	base := "http://" + serve(t, srv)
	rep, err := loadtest.Run(context.Background(), loadtest.Config{Base: base, Clients: 8, Duration: 4 * time.Second, Idle: 40, Slow: 2, Huge: true, Killers: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.Print(&b)
	t.Log("\n" + b.String())
	if rep.Errors != 0 {
		t.Errorf("%d of %d well-formed requests failed: %v", rep.Errors, rep.Requests, rep.ErrorKinds)
	}
	if rep.Requests < 100 {
		t.Errorf("only %d requests in 4 s", rep.Requests)
	}
	if rep.After != "200" {
		t.Errorf("after the run: %s", rep.After)
	}
	for _, a := range rep.Abuse {
		switch {
		case strings.HasPrefix(a, "idle keep-alive") && !strings.Contains(a, "40 closed by the server"):
			t.Errorf("idle connections not all closed: %s", a)
		case strings.HasPrefix(a, "offset=") && !strings.Contains(a, ": 400 in"):
			t.Errorf("killer parameter: %s", a)
		case strings.HasPrefix(a, "100 KB URL") && !strings.Contains(a, ": 431 in") && !strings.Contains(a, ": 400 in"),
			strings.HasPrefix(a, "1 MB header") && !strings.Contains(a, ": 431 in"):
			t.Errorf("huge request: %s", a)
		}
	}
}

// TestNetworkQueryRunsOnce: twenty clients opening the network page at
// once on 212k claims ran twenty copies of its 5-second query and timed
// out; now they wait for one.
func TestNetworkQueryRunsOnce(t *testing.T) {
	// The store's query, which the page asks while the analyses are not
	// built (once they are it filters their relations: TestRelationsIn).
	netInMemory = false
	defer func() { netInMemory = true }()
	srv := newServer(t, openFixture(t, nil))
	cs := &countingStore{Store: srv.Store()}
	if err := srv.Swap(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	srv.WaitAnalyses() // their one read of every claim is not the network's
	cs.mu.Lock()
	cs.calls = 0
	cs.mu.Unlock()
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res, _ := get(t, srv, "/network?from=1930&to=1940"); res.StatusCode != 200 {
				t.Errorf("/network: %d", res.StatusCode)
			}
		}()
	}
	wg.Wait()
	if cs.calls != 1 {
		t.Errorf("10 concurrent network pages made %d claim queries, want 1", cs.calls)
	}
}

// TestUnrouted: a method an address does not take is a 405 that says
// which it takes (Allow, and the message), and a write to no address a
// 404 — in JSON under /api/ and /reconcile, as a page elsewhere; the
// mux's plain-text answers are never sent (the write API's fuzzing found
// "PUT /api/claims/" answered "Method Not Allowed" in plain text).
func TestUnrouted(t *testing.T) {
	srv := newServer(t, openFixture(t, nil))
	cases := []struct {
		method, url string
		status      int
		allow       string
		json        bool
	}{
		{"POST", "/api/entities", 405, "GET, HEAD", true},
		{"DELETE", "/api/entities/doihara-kenji", 405, "GET, HEAD", true},
		{"OPTIONS", "/api/claims", 405, "GET, HEAD, POST", true},
		{"PUT", "/reconcile", 405, "GET, HEAD, POST", true},
		{"PUT", "/api/claims/", 404, "", true},
		{"POST", "/api/no-such-endpoint", 404, "", true},
		{"DELETE", "/entities/doihara-kenji", 405, "GET, HEAD", false},
		{"POST", "/no-such-page", 404, "", false},
		{"PATCH", "/claims/x/edit", 405, "GET, HEAD, POST", false},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(c.method, c.url, strings.NewReader("{}")))
		res, body := rec.Result(), rec.Body.String()
		if res.StatusCode != c.status {
			t.Errorf("%s %s: %d, want %d: %.200s", c.method, c.url, res.StatusCode, c.status, body)
			continue
		}
		if got := res.Header.Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.url, got, c.allow)
		}
		ct := res.Header.Get("Content-Type")
		if c.json {
			var e struct{ Error, Code string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
				t.Errorf("%s %s: not a JSON error (%s): %.200s", c.method, c.url, ct, body)
			}
			if c.status == 405 && (e.Code != "method_not_allowed" || !strings.Contains(e.Error, "takes "+c.allow+", not "+c.method)) {
				t.Errorf("%s %s: %+v", c.method, c.url, e)
			}
			continue
		}
		if !strings.HasPrefix(ct, "text/html") || !strings.Contains(body, "<main") {
			t.Errorf("%s %s: not an HTML page (%s): %.200s", c.method, c.url, ct, body)
		}
		if c.status == 405 && !strings.Contains(body, "<title>Method not allowed") {
			t.Errorf("%s %s: the page's title is not 'Method not allowed': %.300s", c.method, c.url, body)
		}
	}
}
