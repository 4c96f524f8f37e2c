package web_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/web"
)

// BenchmarkRSS measures the server's resident memory after a warm-up over
// every page, on the -pagedb database (issue 17's memory aim: at most
// 1.3× the file), as a fresh process sees it:
//
//	go test ./web -run X -bench RSS -pagedb c1m.db -pagedbclaims 1000000 -benchtime 1x -memprofile heap.prof
//
// Without -pagedb it measures the 10k synthetic corpus (the CI's smoke run).
// It reports the RSS (VmRSS) after a warm-up over the pages, then after
// the server has been idle long enough to give its free memory back
// ("pages-idle", idle.go), then after
// the corpus-wide disagreements and audit are built too (their pages),
// the Go heap in use, the file's size and the ratios, and the RSS once the
// garbage is collected and free pages returned ("settled") with the live
// heap then (HeapAlloc). Run it alone: the process also holds the
// embedded corpus's server if another benchmark made it.
func BenchmarkRSS(b *testing.B) {
	path := *pageDB
	var c *corpusCase
	if path == "" {
		// The CI's smoke run: the 10k synthetic corpus, imported into
		// the synthetic cache (synthCase).
		c = synthCase(b, 10000)
		dir, err := synth.CacheDir(10000, 42)
		if err != nil {
			b.Fatal(err)
		}
		path = dir + ".db"
	} else {
		c = dbCase(b, path, *pageDBClaims)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	// One measurement whatever b.N: a run with -benchtime 100x for the
	// page benchmarks beside it (one server start for both at 1M) would
	// otherwise warm up a hundred times.
	//lint:ignore SA3001 one measurement is the point (see above)
	b.N = 1
	{
		r := rand.New(rand.NewPCG(7, 8))
		var pages []string
		for _, kind := range []string{"entity", "timeline", "structure", "home", "map", "network", "ledger", "ach", "estimates", "hub", "hub-group", "network-first"} {
			for j := 0; j < 5; j++ {
				pages = append(pages, c.pageURL(kind, r))
			}
		}
		pages = append(pages, "/entities", "/sources", "/search?q=org", "/search?q=person-1",
			"/network?from=1937&to=1941&type=person", "/claims/"+firstClaim(b, c))
		warmUp(b, c, pages)
		rssPages := rssBytes(b)
		// The same server after idleAfter without a request: it gives
		// its free memory back (idle.go).
		time.Sleep(web.IdleAfter + web.IdleAfter/2)
		rssIdle := rssBytes(b)
		// The corpus-wide disagreements and audit, found on first use.
		warmUp(b, c, []string{"/disagreements", "/audit", "/api/disagreements?id=org-0"})
		rssAll := rssBytes(b)
		// The lists are built: how long a page of them takes now (an
		// entity's list is found in the 5M disagreements at 1M claims).
		for _, u := range []string{"/disagreements?offset=100000", "/api/disagreements?id=org-0", "/api/disagreements?id=person-1&offset=0"} {
			start := time.Now()
			warmUp(b, c, []string{u})
			b.Logf("%s: %v", u, time.Since(start))
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		// What the process comes to once the garbage is collected and
		// the free pages returned (debug.FreeOSMemory; the runtime keeps
		// free pages up to its goal of twice the live heap): the live
		// heap, the pages it keeps in use, and what is not Go heap
		// (stacks, the SQLite cache, the binary).
		start := time.Now()
		runtime.GC()
		debug.FreeOSMemory()
		b.Logf("a collection and the return of free pages (what the idle server does): %v", time.Since(start))
		rssSettled := rssBytes(b)
		var settled runtime.MemStats
		runtime.ReadMemStats(&settled)
		b.ReportMetric(float64(rssPages)/1e6, "RSS-pages-MB")
		b.ReportMetric(float64(rssAll)/1e6, "RSS-all-MB")
		b.ReportMetric(float64(ms.HeapInuse)/1e6, "heap-MB")
		b.ReportMetric(float64(st.Size())/1e6, "file-MB")
		b.ReportMetric(float64(rssPages)/float64(st.Size()), "pages/file")
		b.ReportMetric(float64(rssAll)/float64(st.Size()), "all/file")
		b.ReportMetric(float64(rssSettled)/1e6, "RSS-settled-MB")
		b.ReportMetric(float64(rssIdle)/1e6, "RSS-pages-idle-MB")
		b.ReportMetric(float64(rssIdle)/float64(st.Size()), "idle/file")
		b.ReportMetric(float64(settled.HeapAlloc)/1e6, "live-MB")
		b.ReportMetric(float64(settled.HeapInuse)/1e6, "heap-settled-MB")
	}
}

// warmUp asks for each of urls. The disagreements and the audit are
// found on their first request, in the background past its time limit
// (503): it asks again until they are there.
func warmUp(b *testing.B, c *corpusCase, urls []string) {
	for _, u := range urls {
		for start := time.Now(); ; {
			w := httptest.NewRecorder()
			c.srv.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
			if w.Code == 200 {
				break
			}
			if w.Code != 503 || time.Since(start) > 15*time.Minute {
				b.Fatalf("%s: status %d: %.300s", u, w.Code, w.Body.String())
			}
			time.Sleep(time.Second)
		}
	}
}

// firstClaim is the id of a claim of the hub's page, for a claim page.
func firstClaim(b *testing.B, c *corpusCase) string {
	w := httptest.NewRecorder()
	c.srv.ServeHTTP(w, httptest.NewRequest("GET", "/api/claims?about=org-0&limit=1", nil))
	body := w.Body.String()
	i := strings.Index(body, `"id":"`)
	if w.Code != 200 || i < 0 {
		b.Fatalf("/api/claims?about=org-0: status %d: %.300s", w.Code, body)
	}
	body = body[i+6:]
	return body[:strings.IndexByte(body, '"')]
}

// rssBytes reads VmRSS from /proc/self/status.
func rssBytes(b *testing.B) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb * 1024
		}
	}
	b.Fatal(fmt.Errorf("no VmRSS in /proc/self/status"))
	return 0
}
