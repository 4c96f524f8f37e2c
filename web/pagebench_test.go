package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// The page benchmarks render HTML pages on the embedded corpus and on
// synthetic corpora (internal/synth) of the sizes in -pagesizes, and
// report p50 and p99 beside the mean:
//
//	go test ./web -run X -bench Page -pagesizes 1000000 -benchtime 2000x
//	go test ./web -run X -bench Load -pagesizes 1000000 -benchtime 1x
//
// A synthetic corpus is generated into synth.CacheDir (shared with
// internal/bench, named by the vocabulary's hash) and imported once into
// that directory's name + ".db", which later runs reuse.
var pageSizes = flag.String("pagesizes", "", "comma-separated synthetic corpus sizes in claims (empty: the embedded corpus only)")

// pageDB is a database 'tokumu import' wrote from a synthetic corpus
// (go run ./internal/synth/cmd/synth -claims N -out DIR), benchmarked as
// the server opens it: the stored search index is decoded, not rebuilt.
// -pagedbclaims gives the N it was generated with (for its entity ids).
var (
	pageDB       = flag.String("pagedb", "", "a database imported from a synthetic corpus, to benchmark as is")
	pageDBClaims = flag.Int("pagedbclaims", 1000000, "the -claims the -pagedb corpus was generated with")
)

// corpusCase is a server and the pages worth asking of it.
type corpusCase struct {
	name      string
	srv       *web.Server
	entities  []string // entity pages to ask for, at random
	structure string   // a structure URL
}

var (
	casesMu sync.Mutex
	cases   = map[string]*corpusCase{}
)

func benchCases(b *testing.B) []*corpusCase {
	out := []*corpusCase{embeddedCase(b)}
	if *pageDB != "" {
		out = append(out, dbCase(b, *pageDB, *pageDBClaims))
	}
	if *pageSizes == "" {
		return out
	}
	for _, s := range strings.Split(*pageSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			b.Fatalf("bad -pagesizes: %v", err)
		}
		out = append(out, synthCase(b, n))
	}
	return out
}

func embeddedCase(b *testing.B) *corpusCase {
	casesMu.Lock()
	defer casesMu.Unlock()
	if c := cases["embedded"]; c != nil {
		return c
	}
	c := &corpusCase{name: "embedded", srv: embedded(b),
		entities:  []string{"harbin-tokumu-kikan", "doihara-kenji", "kwantung-army", "khalkhin-gol-1939", "soviet-far-eastern-forces", "higuchi-kiichiro", "harbin", "period-2"},
		structure: "/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01"}
	cases[c.name] = c
	return c
}

func synthCase(b *testing.B, n int) *corpusCase {
	casesMu.Lock()
	defer casesMu.Unlock()
	name := fmt.Sprintf("synth-%d", n)
	if c := cases[name]; c != nil {
		return c
	}
	ctx := context.Background()
	sc, err := synth.Cached(n, 42)
	if err != nil {
		b.Fatal(err)
	}
	dir := sc.Dir
	path := dir + ".db"
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		ds, err := yamlcorpus.Load(os.DirFS(dir))
		if err != nil {
			b.Fatal(err)
		}
		tmp := path + ".tmp"
		os.Remove(tmp)
		w, err := sqlite.Open(ctx, tmp, sqlite.Options{Bulk: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Replace(ctx, ds); err != nil {
			b.Fatal(err)
		}
		w.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("imported %d claims in %v", len(ds.Claims), time.Since(start))
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	srv, err := web.New(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: server ready (chart, search index, page snapshot) in %v", name, time.Since(start))
	c := &corpusCase{name: name, srv: srv, structure: "/structure?root=org-0&date=1930-06-01&compare=1940-06-01"}
	nEnt := n / 10
	for i := 0; i < 2000; i++ {
		if i%2 == 0 {
			c.entities = append(c.entities, fmt.Sprintf("person-%d", (i*7919)%(nEnt/2)))
		} else {
			c.entities = append(c.entities, fmt.Sprintf("org-%d", (i*7919)%(nEnt/5)))
		}
	}
	cases[name] = c
	return c
}

// dbCase opens a database imported by tokumu import, as serve does.
func dbCase(b *testing.B, path string, n int) *corpusCase {
	casesMu.Lock()
	defer casesMu.Unlock()
	name := fmt.Sprintf("db-%d", n)
	if c := cases[name]; c != nil {
		return c
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{Snapshot: true, Conns: 8})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	srv, err := web.New(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: server ready in %v: %v", name, time.Since(start), srv.LoadTimes())
	b.Logf("%s: analyses built in %v", name, srv.WaitAnalyses())
	c := &corpusCase{name: name, srv: srv, structure: "/structure?root=org-0&date=1930-06-01&compare=1940-06-01"}
	nEnt := n / 10
	for i := 0; i < 2000; i++ {
		if i%2 == 0 {
			c.entities = append(c.entities, fmt.Sprintf("person-%d", (i*7919)%(nEnt/2)))
		} else {
			c.entities = append(c.entities, fmt.Sprintf("org-%d", (i*7919)%(nEnt/5)))
		}
	}
	cases[name] = c
	return c
}

// pageURL returns the i-th URL of a page kind for corpus c.
func (c *corpusCase) pageURL(kind string, r *rand.Rand) string {
	switch kind {
	case "entity":
		return "/entities/" + c.entities[r.IntN(len(c.entities))]
	case "timeline":
		return "/timeline"
	case "structure":
		return c.structure
	case "home":
		return "/"
	case "map":
		return "/map?year=1938"
	case "network":
		return "/network?from=1937&to=1941"
	case "network-first":
		// Five-year ranges in turn over 25 start years: more than the
		// server's 16 cached ranges, so every request is a first one.
		y := 1920 + netTurn%25
		netTurn++
		return fmt.Sprintf("/network?from=%d&to=%d", y, y+4)
	case "hub": // the busiest organization of a synthetic corpus
		if c.name == "embedded" {
			return "/entities/kwantung-army"
		}
		return "/entities/org-0"
	case "hub-group": // pages of its biggest group
		if c.name == "embedded" {
			return "/entities/kwantung-army/claims?p=part_of&inv=1"
		}
		return fmt.Sprintf("/entities/org-0/claims?p=member_of&inv=1&offset=%d", r.IntN(100)*100)
	case "ledger":
		return "/ledger"
	case "ach": // the 1941 matrix where the corpus has it, else the index
		if c.name == "embedded" {
			return "/ach/imperial-conference-1941"
		}
		return "/ach"
	case "estimates":
		return "/estimates"
	case "estimates-strong": // weak counts left out: pairs built on the request, not cached
		return "/estimates?counts=strong"
	case "index-ru": // the person index in Russian, surname first, to its cap
		return "/entities?type=person&lang=ru"
	case "search": // names as the synthetic corpus writes them, in three scripts, and text
		qs := []string{"Tanaka Yukio", "田中幸雄", "Heihe Division", "Tokyo 3", "Танака", "Tanka Yukio", "org 1234", "Harbin"}
		return "/api/search?q=" + url.QueryEscape(qs[r.IntN(len(qs))])
	case "suggest":
		qs := []string{"Tana", "Hei", "Tok", "田中", "Тан", "Har"}
		return "/api/suggest?q=" + url.QueryEscape(qs[r.IntN(len(qs))])
	}
	panic(kind)
}

var netTurn int

// BenchmarkPage renders pages in-process (no network): the server-side
// cost of a page, from request to the last byte of HTML.
func BenchmarkPage(b *testing.B) {
	for _, c := range benchCases(b) {
		for _, kind := range []string{"entity", "timeline", "structure", "home", "map", "network", "ledger", "ach", "estimates", "hub", "hub-group", "network-first", "search", "suggest", "index-ru", "estimates-strong"} {
			b.Run(c.name+"/"+kind, func(b *testing.B) {
				r := rand.New(rand.NewPCG(1, 2))
				ds := make([]time.Duration, b.N)
				bytes := 0
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					req := httptest.NewRequest("GET", c.pageURL(kind, r), nil)
					w := httptest.NewRecorder()
					t := time.Now()
					c.srv.ServeHTTP(w, req)
					ds[i] = time.Since(t)
					if w.Code != 200 {
						b.Fatalf("%s: status %d: %.300s", req.URL, w.Code, w.Body.String())
					}
					bytes += w.Body.Len()
				}
				b.StopTimer()
				sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
				b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
				b.ReportMetric(float64(bytes/b.N), "B/page")
			})
		}
	}
}

// BenchmarkLoad serves on a loopback port and sends requests from
// -loadclients concurrent clients for -loadtime, mixing entity, timeline
// and structure pages, and reports requests per second and latency. The
// clients share the machine with the server. One run per b.N: use
// -benchtime 1x.
var (
	loadClients = flag.Int("loadclients", 32, "concurrent clients for BenchmarkLoad")
	loadTime    = flag.Duration("loadtime", 10*time.Second, "duration of each BenchmarkLoad run")
)

func BenchmarkLoad(b *testing.B) {
	for _, c := range benchCases(b) {
		for _, kind := range []string{"entity", "timeline", "structure", "mix"} {
			b.Run(c.name+"/"+kind, func(b *testing.B) {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					b.Fatal(err)
				}
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				go c.srv.ListenAndServe(ctx, ln)
				base := "http://" + ln.Addr().String()
				tr := &http.Transport{MaxIdleConnsPerHost: *loadClients}
				client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
				defer tr.CloseIdleConnections()
				for i := 0; i < b.N; i++ {
					var n, fails atomic.Int64
					lat := make([][]time.Duration, *loadClients)
					deadline := time.Now().Add(*loadTime)
					var wg sync.WaitGroup
					for w := 0; w < *loadClients; w++ {
						wg.Add(1)
						go func(w int) {
							defer wg.Done()
							r := rand.New(rand.NewPCG(uint64(w), 9))
							kinds := []string{kind}
							if kind == "mix" {
								kinds = []string{"entity", "entity", "timeline", "structure"}
							}
							for time.Now().Before(deadline) {
								t := time.Now()
								res, err := client.Get(base + c.pageURL(kinds[r.IntN(len(kinds))], r))
								if err != nil {
									fails.Add(1)
									continue
								}
								io.Copy(io.Discard, res.Body)
								res.Body.Close()
								if res.StatusCode != 200 {
									fails.Add(1)
								}
								lat[w] = append(lat[w], time.Since(t))
								n.Add(1)
							}
						}(w)
					}
					start := time.Now()
					wg.Wait()
					el := time.Since(start)
					var all []time.Duration
					for _, l := range lat {
						all = append(all, l...)
					}
					sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
					if fails.Load() > 0 {
						b.Errorf("%d failed requests", fails.Load())
					}
					if len(all) == 0 {
						b.Fatal("no request completed")
					}
					b.ReportMetric(float64(n.Load())/el.Seconds(), "req/s")
					b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
					b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
				}
			})
		}
	}
}
