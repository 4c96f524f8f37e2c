// Package loadtest is tokumu's load-and-abuse test: well-formed clients
// browse a server (pages and API, by weight) while abusive ones hold idle
// keep-alive connections, send headers and bodies a byte at a time, read
// answers slowly, and send huge URLs, headers and parameters. It reports
// the well-formed requests' latency and errors and what became of the
// abuse. It runs against loopback only. The suite runs a short version
// (web.TestLoadAndAbuse); scripts/loadtest.sh runs the long one against
// the binary and records the server's memory.
package loadtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is one run.
type Config struct {
	Base     string        // http://127.0.0.1:PORT
	Clients  int           // well-formed clients
	Duration time.Duration // of the well-formed load
	Idle     int           // idle keep-alive connections held open
	Slow     int           // slow-header, slow-body and slow-reader clients, each
	Huge     bool          // send huge URLs and headers
	Killers  bool          // send the parameters that killed the server before (offset=2e9…)
}

// Report is what a run saw.
type Report struct {
	Requests   int
	Errors     int            // well-formed requests that failed or were not 200
	ErrorKinds map[string]int // status or error text → count
	Elapsed    time.Duration
	P50, P90   time.Duration
	P99, Max   time.Duration
	ByClass    map[string][]time.Duration // sorted
	Abuse      []string                   // one line per abusive request kind
	After      string                     // the answer to a request sent after the run
}

// loopback refuses any target but this machine.
func loopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("loadtest runs against loopback only, not %s", base)
	}
	return nil
}

// ids reads up to 1000 ids from a list endpoint (a page or a bare array).
func ids(cl *http.Client, u string) []string {
	res, err := cl.Get(u)
	if err != nil {
		return nil
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	type item struct{ ID string }
	var page struct{ Items []item }
	var arr []item
	if json.Unmarshal(b, &page) != nil || page.Items == nil {
		json.Unmarshal(b, &arr)
	} else {
		arr = page.Items
	}
	var out []string
	for _, it := range arr {
		out = append(out, it.ID)
	}
	return out
}

// Run runs the load and the abuse at once and reports.
func Run(ctx context.Context, c Config) (*Report, error) {
	if err := loopback(c.Base); err != nil {
		return nil, err
	}
	tr := &http.Transport{MaxIdleConnsPerHost: c.Clients, MaxIdleConns: c.Clients}
	defer tr.CloseIdleConnections()
	cl := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	ents := ids(cl, c.Base+"/api/entities?limit=1000")
	srcs := ids(cl, c.Base+"/api/sources?limit=1000")
	if len(ents) == 0 || len(srcs) == 0 {
		return nil, fmt.Errorf("no entities or sources at %s", c.Base)
	}
	type gen struct {
		class  string
		weight int
		f      func(r *rand.Rand) string
	}
	queries := []string{"Harbin", "Доихара", "関東軍", "Komatsubara", "ハルビン", "kantokuen", "Люшков", "intelligence", "特務機関", "Kwantung Army", "1938"}
	prefixes := []string{"Ha", "Ko", "Доих", "関東", "Lyu", "ハル", "Hig", "Kw"}
	dates := []string{"1925", "1931-09-18", "1937-07", "1939-06-01", "1941-06-01", "1945-08-09"}
	pick := func(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }
	ent := func(r *rand.Rand) string { return url.PathEscape(pick(r, ents)) }
	gens := []gen{
		{"api/search", 12, func(r *rand.Rand) string { return "/api/search?q=" + url.QueryEscape(pick(r, queries)) }},
		{"api/suggest", 10, func(r *rand.Rand) string { return "/api/suggest?q=" + url.QueryEscape(pick(r, prefixes)) }},
		{"api/entities/{id}", 8, func(r *rand.Rand) string { return "/api/entities/" + ent(r) }},
		{"api/at", 5, func(r *rand.Rand) string { return "/api/at?date=" + pick(r, dates) + "&id=" + ent(r) }},
		{"api/claims", 5, func(r *rand.Rand) string { return "/api/claims?about=" + ent(r) + "&limit=100" }},
		{"api/stats", 2, func(r *rand.Rand) string { return "/api/stats" }},
		{"api/disagreements", 1, func(r *rand.Rand) string { return "/api/disagreements" }},
		{"page /entities/{id}", 12, func(r *rand.Rand) string { return "/entities/" + ent(r) }},
		{"page /search", 8, func(r *rand.Rand) string { return "/search?q=" + url.QueryEscape(pick(r, queries)) }},
		{"page /", 4, func(r *rand.Rand) string { return "/" }},
		{"page /timeline", 3, func(r *rand.Rand) string { return "/timeline" }},
		{"page /map", 3, func(r *rand.Rand) string { return "/map" }},
		{"page /network", 3, func(r *rand.Rand) string { return "/network" }},
		{"page /sources/{id}", 3, func(r *rand.Rand) string { return "/sources/" + url.PathEscape(pick(r, srcs)) }},
		{"static", 3, func(r *rand.Rand) string { return "/static/site.css" }},
	}
	total := 0
	for _, g := range gens {
		total += g.weight
	}
	host := strings.TrimPrefix(c.Base, "http://")
	rep := &Report{ErrorKinds: map[string]int{}, ByClass: map[string][]time.Duration{}}
	var mu sync.Mutex
	var all []time.Duration
	ctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()

	var abuse sync.WaitGroup
	var abuseMu sync.Mutex
	note := func(format string, args ...any) {
		abuseMu.Lock()
		rep.Abuse = append(rep.Abuse, fmt.Sprintf(format, args...))
		abuseMu.Unlock()
	}
	// Idle keep-alive connections: one request each, then silence; how
	// many does the server close, and when?
	if c.Idle > 0 {
		abuse.Add(1)
		go func() {
			defer abuse.Done()
			var closed atomic.Int64
			var lastClose atomic.Int64
			var wg sync.WaitGroup
			start := time.Now()
			for i := 0; i < c.Idle; i++ {
				conn, err := net.Dial("tcp", host)
				if err != nil {
					note("idle: dial %d: %v", i, err)
					return
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer conn.Close()
					fmt.Fprintf(conn, "GET /api/stats HTTP/1.1\r\nHost: %s\r\n\r\n", host)
					conn.SetReadDeadline(time.Now().Add(c.Duration + 5*time.Second))
					_, err := io.Copy(io.Discard, conn) // until the server closes it
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						return // still open at the end: held
					}
					closed.Add(1)
					lastClose.Store(int64(time.Since(start)))
				}()
			}
			wg.Wait()
			note("idle keep-alive: %d connections, %d closed by the server, the last after %v", c.Idle, closed.Load(), time.Duration(lastClose.Load()).Round(100*time.Millisecond))
		}()
	}
	// Slow clients: headers a byte every 500 ms, a body a byte every
	// 500 ms, and a reader that reads a large page 1 KB a second.
	slow := func(kind string, f func(conn net.Conn) error) {
		abuse.Add(1)
		go func() {
			defer abuse.Done()
			var held []time.Duration
			var wg sync.WaitGroup
			var m sync.Mutex
			for i := 0; i < c.Slow; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					conn, err := net.Dial("tcp", host)
					if err != nil {
						return
					}
					defer conn.Close()
					start := time.Now()
					f(conn)
					m.Lock()
					held = append(held, time.Since(start))
					m.Unlock()
				}()
			}
			wg.Wait()
			sort.Slice(held, func(i, j int) bool { return held[i] < held[j] })
			if len(held) > 0 {
				note("%s: %d clients, held at most %v", kind, len(held), held[len(held)-1].Round(100*time.Millisecond))
			}
		}()
	}
	if c.Slow > 0 {
		limit := time.Now().Add(c.Duration + 5*time.Second)
		slow("slow headers (1 byte / 500 ms)", func(conn net.Conn) error {
			req := fmt.Sprintf("GET /api/stats HTTP/1.1\r\nHost: %s\r\nX-Pad: %s\r\n\r\n", host, strings.Repeat("a", 200))
			for i := 0; i < len(req) && time.Now().Before(limit); i++ {
				if _, err := conn.Write([]byte{req[i]}); err != nil {
					return err
				}
				time.Sleep(500 * time.Millisecond)
			}
			return nil
		})
		slow("slow body (1 byte / 500 ms)", func(conn net.Conn) error {
			fmt.Fprintf(conn, "GET /api/stats HTTP/1.1\r\nHost: %s\r\nContent-Length: 100000\r\n\r\n", host)
			for time.Now().Before(limit) {
				if _, err := conn.Write([]byte{'x'}); err != nil {
					return err
				}
				time.Sleep(500 * time.Millisecond)
			}
			return nil
		})
		slow("slow reader (1 KB / s)", func(conn net.Conn) error {
			fmt.Fprintf(conn, "GET /timeline HTTP/1.1\r\nHost: %s\r\n\r\n", host)
			br := bufio.NewReaderSize(conn, 1024)
			buf := make([]byte, 1024)
			for time.Now().Before(limit) {
				if _, err := br.Read(buf); err != nil {
					return err
				}
				time.Sleep(time.Second)
			}
			return nil
		})
	}
	// Huge and hostile requests: each must get a 4xx, quickly.
	if c.Huge || c.Killers {
		abuse.Add(1)
		go func() {
			defer abuse.Done()
			type probe struct {
				name string
				req  func() (*http.Request, error)
			}
			var probes []probe
			if c.Huge {
				probes = append(probes,
					probe{"100 KB URL", func() (*http.Request, error) {
						return http.NewRequest("GET", c.Base+"/api/search?q="+strings.Repeat("a", 100<<10), nil)
					}},
					probe{"1 MB header", func() (*http.Request, error) {
						r, err := http.NewRequest("GET", c.Base+"/api/stats", nil)
						if err == nil {
							r.Header.Set("X-Huge", strings.Repeat("h", 1<<20))
						}
						return r, err
					}},
					probe{"10k parameters", func() (*http.Request, error) {
						return http.NewRequest("GET", c.Base+"/search?"+strings.Repeat("type=person&", 10000), nil)
					}},
					probe{"limit=10001 on /api/claims", func() (*http.Request, error) {
						return http.NewRequest("GET", c.Base+"/api/claims?limit=10001", nil)
					}},
				)
			}
			if c.Killers {
				probes = append(probes,
					probe{"offset=2000000000 on /api/search", func() (*http.Request, error) {
						return http.NewRequest("GET", c.Base+"/api/search?q=a&offset=2000000000", nil)
					}},
					probe{"offset=9223372036854775600 on /search", func() (*http.Request, error) {
						return http.NewRequest("GET", c.Base+"/search?q=Harbin&offset=9223372036854775600", nil)
					}},
				)
			}
			pc := &http.Client{Timeout: 20 * time.Second}
			for _, p := range probes {
				req, err := p.req()
				if err != nil {
					note("%s: %v", p.name, err)
					continue
				}
				start := time.Now()
				res, err := pc.Do(req)
				if err != nil {
					note("%s: %v", p.name, err)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				note("%s: %d in %v", p.name, res.StatusCode, time.Since(start).Round(time.Millisecond))
			}
		}()
	}

	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < c.Clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			for ctx.Err() == nil {
				x := r.IntN(total)
				var g gen
				for _, gg := range gens {
					if x < gg.weight {
						g = gg
						break
					}
					x -= gg.weight
				}
				t := time.Now()
				res, err := cl.Get(c.Base + g.f(r))
				d := time.Since(t)
				kind := ""
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					kind = err.Error()
				} else {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != 200 {
						kind = fmt.Sprint(res.StatusCode)
					}
				}
				mu.Lock()
				rep.Requests++
				if kind != "" {
					rep.Errors++
					rep.ErrorKinds[g.class+": "+kind]++
				} else {
					all = append(all, d)
					rep.ByClass[g.class] = append(rep.ByClass[g.class], d)
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	abuse.Wait()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	for _, ds := range rep.ByClass {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	}
	rep.P50, rep.P90, rep.P99, rep.Max = Pct(all, .5), Pct(all, .9), Pct(all, .99), Pct(all, 1)
	// The server answers afterwards.
	after := &http.Client{Timeout: 5 * time.Second}
	if res, err := after.Get(c.Base + "/api/stats"); err != nil {
		rep.After = err.Error()
	} else {
		res.Body.Close()
		rep.After = fmt.Sprint(res.StatusCode)
	}
	return rep, nil
}

// Pct is the p-th quantile of sorted durations.
func Pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[int(p*float64(len(ds)-1))]
}

// Print writes the report.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "well-formed: %d requests in %.1fs = %.0f req/s, %d errors %v\n", r.Requests, r.Elapsed.Seconds(), float64(r.Requests)/r.Elapsed.Seconds(), r.Errors, r.ErrorKinds)
	fmt.Fprintf(w, "latency: p50 %v  p90 %v  p99 %v  max %v\n", r.P50.Round(10*time.Microsecond), r.P90.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond))
	var names []string
	for k := range r.ByClass {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		ds := r.ByClass[k]
		fmt.Fprintf(w, "  %-22s n=%6d p50 %9v p99 %9v max %9v\n", k, len(ds), Pct(ds, .5).Round(10*time.Microsecond), Pct(ds, .99).Round(10*time.Microsecond), Pct(ds, 1).Round(10*time.Microsecond))
	}
	for _, a := range r.Abuse {
		fmt.Fprintln(w, "abuse:", a)
	}
	fmt.Fprintln(w, "after the run, GET /api/stats:", r.After)
}
