package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The team server's load: readers browse (Run, without the abuse) while
// editors change claims through the write API, and at the end the store
// must hold every successful write: no update lost.
//
// Each editor owns one claim and also shares one claim with the others.
// A claim's counter is its locator, "loadtest/N". An editor reads the
// newest revision (the base), then the claim, and PATCHes the locator to
// N+1 with that base; a 409 (another editor moved the shared claim in
// between) is read again and retried, and is not an error. At the end
// each own claim must say as many as its editor's successful writes, and
// the shared claim their sum.

// TeamConfig is one run.
type TeamConfig struct {
	Base     string
	Readers  int
	Editors  int
	Duration time.Duration // of each phase
	Token    string        // an editor's API token
	// Baseline runs the readers alone for Duration first, so that the
	// report sets their latency under the editors' load beside it.
	Baseline bool
}

// TeamReport is what a run saw.
type TeamReport struct {
	ReadOnly  *Report // the baseline, nil without one
	Read      *Report // the readers while the editors wrote
	Writes    []int   // successful writes of each editor, to its own claim
	Shared    []int   // … and to the shared claim
	Conflicts int     // 409s, each retried
	WriteErrs map[string]int
	WriteLat  []time.Duration // sorted, successful writes
	Lost      []string        // a claim whose counter is not the writes it got
}

// Errors counts every failure: readers', editors', lost updates.
func (r *TeamReport) Errors() int {
	n := r.Read.Errors + len(r.Lost)
	for _, v := range r.WriteErrs {
		n += v
	}
	if r.ReadOnly != nil {
		n += r.ReadOnly.Errors
	}
	return n
}

type teamClient struct {
	base  string
	token string
	cl    *http.Client
}

func (t *teamClient) do(method, path string, body any, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, t.base+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if body != nil {
		req.Header.Set("Authorization", "Bearer "+t.token)
	}
	res, err := t.cl.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: %v", method, path, err)
		}
	}
	if res.StatusCode >= 300 && res.StatusCode != 409 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b)))
	}
	return res.StatusCode, nil
}

func (t *teamClient) head() (int64, error) {
	var a struct{ Head int64 }
	_, err := t.do("GET", "/api/changes?limit=1", nil, &a)
	return a.Head, err
}

func (t *teamClient) counter(id string) (int, error) {
	var a struct{ Claim struct{ Loc string } }
	if _, err := t.do("GET", "/claims/"+url.PathEscape(id)+"?format=json", nil, &a); err != nil {
		return 0, err
	}
	n, ok := strings.CutPrefix(a.Claim.Loc, "loadtest/")
	if !ok {
		return 0, fmt.Errorf("claim %s: locator %q is not a loadtest counter", id, a.Claim.Loc)
	}
	return strconv.Atoi(n)
}

// increment adds one to the claim's counter; it returns whether the write
// succeeded (false on a conflict, to be retried) and its latency.
func (t *teamClient) increment(id string) (bool, time.Duration, error) {
	base, err := t.head()
	if err != nil {
		return false, 0, err
	}
	n, err := t.counter(id)
	if err != nil {
		return false, 0, err
	}
	start := time.Now()
	st, err := t.do("PATCH", "/api/claims/"+url.PathEscape(id), map[string]any{
		"reason": "load test", "base": base, "claim": map[string]any{"loc": fmt.Sprintf("loadtest/%d", n+1)}}, nil)
	return err == nil && st == 200, time.Since(start), err
}

// RunTeam runs the baseline (if asked), then the readers and editors at
// once, then checks the counters.
func RunTeam(ctx context.Context, c TeamConfig) (*TeamReport, error) {
	if err := loopback(c.Base); err != nil {
		return nil, err
	}
	tc := &teamClient{base: c.Base, token: c.Token, cl: &http.Client{Timeout: 60 * time.Second}}
	rep := &TeamReport{WriteErrs: map[string]int{}, Writes: make([]int, c.Editors), Shared: make([]int, c.Editors)}
	readers := Config{Base: c.Base, Clients: c.Readers, Duration: c.Duration}
	if c.Baseline {
		r, err := Run(ctx, readers)
		if err != nil {
			return nil, err
		}
		rep.ReadOnly = r
	}
	// The claims: spread over the store's first claims, one per editor
	// and one shared, each reset to loadtest/0 before the clock starts.
	var page struct{ Items []struct{ ID string } }
	if _, err := tc.do("GET", "/api/claims?limit=1000", nil, &page); err != nil {
		return nil, err
	}
	if len(page.Items) < c.Editors+1 {
		return nil, fmt.Errorf("%d claims at %s; the load test needs %d", len(page.Items), c.Base, c.Editors+1)
	}
	step := len(page.Items) / (c.Editors + 1)
	ids := make([]string, c.Editors+1)
	for i := range ids {
		ids[i] = page.Items[i*step].ID
		head, err := tc.head()
		if err != nil {
			return nil, err
		}
		if _, err := tc.do("PATCH", "/api/claims/"+url.PathEscape(ids[i]), map[string]any{
			"reason": "load test: reset", "base": head, "claim": map[string]any{"loc": "loadtest/0"}}, nil); err != nil {
			return nil, fmt.Errorf("resetting %s: %w", ids[i], err)
		}
	}
	shared := ids[c.Editors]
	wctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for e := 0; e < c.Editors; e++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Editors alternate between their own claim and the shared
			// one, odd editors starting with the shared one, so that
			// even a run in which each editor gets one write through
			// (a loaded machine: a write waits for the read models'
			// rebuild) writes to both.
			for k := 0; wctx.Err() == nil; k++ {
				id, count := ids[e], &rep.Writes[e]
				if (k+e)%2 == 1 {
					id, count = shared, &rep.Shared[e]
				}
				ok, d, err := tc.increment(id)
				mu.Lock()
				switch {
				case err != nil:
					rep.WriteErrs[err.Error()]++
				case ok:
					*count++
					rep.WriteLat = append(rep.WriteLat, d)
				default:
					rep.Conflicts++
				}
				mu.Unlock()
			}
		}()
	}
	r, err := Run(ctx, readers)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	rep.Read = r
	sort.Slice(rep.WriteLat, func(i, j int) bool { return rep.WriteLat[i] < rep.WriteLat[j] })
	sum := 0
	for e := 0; e < c.Editors; e++ {
		n, err := tc.counter(ids[e])
		if err != nil {
			return nil, err
		}
		if n != rep.Writes[e] {
			rep.Lost = append(rep.Lost, fmt.Sprintf("editor %d: %d successful writes, claim %s says %d", e, rep.Writes[e], ids[e], n))
		}
		sum += rep.Shared[e]
	}
	if n, err := tc.counter(shared); err != nil {
		return nil, err
	} else if n != sum {
		rep.Lost = append(rep.Lost, fmt.Sprintf("shared claim %s: %d successful writes in all, it says %d", shared, sum, n))
	}
	return rep, nil
}

// Print writes the report.
func (r *TeamReport) Print(w io.Writer) {
	if r.ReadOnly != nil {
		fmt.Fprintln(w, "== readers alone")
		r.ReadOnly.Print(w)
	}
	fmt.Fprintln(w, "== readers while the editors write")
	r.Read.Print(w)
	total := 0
	for e := range r.Writes {
		total += r.Writes[e] + r.Shared[e]
	}
	fmt.Fprintf(w, "== editors: %d successful writes (own %v, shared %v), %d conflicts retried, errors %v\n", total, r.Writes, r.Shared, r.Conflicts, r.WriteErrs)
	fmt.Fprintf(w, "write latency: p50 %v  p99 %v  max %v\n", Pct(r.WriteLat, .5).Round(time.Millisecond), Pct(r.WriteLat, .99).Round(time.Millisecond), Pct(r.WriteLat, 1).Round(time.Millisecond))
	if len(r.Lost) == 0 {
		fmt.Fprintln(w, "lost updates: 0 (every counter equals its successful writes)")
	}
	for _, l := range r.Lost {
		fmt.Fprintln(w, "LOST UPDATE:", l)
	}
}
