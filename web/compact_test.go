package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestCompactPagesSame: the analyses hold the relations compactly
// (view.Relations) and the disagreements keep the evidence's claims; the
// network page, /api/path and the disagreement pages are the same byte
// for byte as when drawn from the store's full claims — on the embedded
// corpus and on a synthetic one (internal/synth, 3,000 claims, seed 11).
func TestCompactPagesSame(t *testing.T) {
	ctx := context.Background()
	emb, err := corpustest.Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Close()
	dir := filepath.Join(t.TempDir(), "synth")
	if _, err := synth.Write(dir, 3000, 11); err != nil {
		t.Fatal(err)
	}
	ds, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	syn, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer syn.Close()
	if err := syn.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		db   *sqlite.DB
		urls []string
	}{
		{"embedded", emb, []string{"/network?from=1937&to=1941", "/network?from=1920&to=1924", "/network?undated=1",
			"/network?from=1938&to=1940&type=person", "/network?from=1930&to=1945&certain=1",
			"/network?from=1930&to=1945&ego=kwantung-army&radius=2", "/network?from=1900&to=1950&tag=intelligence"}},
		{"synthetic", syn, []string{"/network?from=1937&to=1941", "/network?from=1920&to=1924", "/network?undated=1",
			"/network?from=1925&to=1929&type=organization", "/network?from=1930&to=1934&certain=1",
			"/network?from=1920&to=1945&ego=org-0&radius=1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, c.db)
			srv.WaitAnalyses()
			sn := srv.cur.Load().snap
			for _, u := range c.urls {
				sn.netClaims = claimCache{}
				netInMemory = false
				_, fromStore := get(t, srv, u)
				netInMemory = true
				res, fromMemory := get(t, srv, u)
				if res.StatusCode != 200 || fromStore != fromMemory {
					t.Errorf("%s: status %d; the page differs between the store's claims and the compact relations (%d and %d bytes)", u, res.StatusCode, len(fromStore), len(fromMemory))
				}
				if len(fromMemory) < 2000 {
					t.Errorf("%s: a page of %d bytes", u, len(fromMemory))
				}
			}
			comparePaths(t, srv, c.db)
			compareDisagreements(t, srv, c.db)
		})
	}
}

// comparePaths asks /api/path for pairs of entities of the graph and
// compares each answer with the path network.Build finds over the full
// claims read from the store, as the server did before.
func comparePaths(t *testing.T, srv *Server, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	sn := srv.cur.Load().snap
	rels, err := db.Claims(ctx, tokumu.ClaimFilter{RelationsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for _, at := range []string{"", "1938-06-01"} {
		for _, certain := range []bool{false, true} {
			opt := network.Options{Certain: certain, Undated: true, Exclude: func(p string) bool {
				return sn.Vocab.Is(p, tokumu.RoleHypothesisOf) || sn.Vocab.Is(p, tokumu.RoleSameAs)
			}}
			if at != "" {
				w, _, err := tokumu.ParseWhen(at)
				if err != nil {
					t.Fatal(err)
				}
				opt.At = w.Earliest
			}
			g := network.Build(rels, sn.Entities, opt)
			nodes := g.Nodes()
			if len(nodes) < 10 {
				t.Fatalf("at %q certain %v: %d nodes, too few to test", at, certain, len(nodes))
			}
			for k := 0; k < 12; k++ {
				a, b := nodes[r.IntN(len(nodes))], nodes[r.IntN(len(nodes))]
				q := url.Values{"from": {a}, "to": {b}}
				if at != "" {
					q.Set("at", at)
				}
				if certain {
					q.Set("certain", "1")
				}
				res, body := get(t, srv, "/api/path?"+q.Encode())
				steps, err := g.Path(a, b)
				if err != nil {
					if res.StatusCode != 404 {
						t.Errorf("path %s → %s (%v): status %d, want 404 (%v)", a, b, q, res.StatusCode, err)
					}
					continue
				}
				want, _ := json.Marshal(steps)
				var gotV, wantV any
				if err := json.Unmarshal([]byte(body), &gotV); err != nil {
					t.Fatalf("path %s → %s: %v: %.200s", a, b, err, body)
				}
				json.Unmarshal(want, &wantV)
				if !reflect.DeepEqual(gotV, wantV) {
					t.Errorf("path %s → %s (%v):\n got %.400s\nwant %.400s", a, b, q, body, want)
				}
				found++
			}
		}
	}
	if found < 8 {
		t.Errorf("only %d of 48 pairs were joined: the corpus no longer tests paths", found)
	}
}

// compareDisagreements renders /disagreements, /audit and
// /api/disagreements (whole, and for entities) with the server's list and
// with one built as before from a read of every claim, and compares them.
func compareDisagreements(t *testing.T, srv *Server, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	st := srv.cur.Load()
	urls := []string{"/disagreements", "/disagreements?offset=50", "/disagreements?limit=7&offset=3", "/audit",
		"/api/disagreements", "/api/disagreements?offset=20&limit=30"}
	claims, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	all := view.AllDisagreements(claims, st.vocab)
	if len(all) < 20 {
		t.Fatalf("%d disagreements: too few to test", len(all))
	}
	for _, i := range []int{0, len(all) / 2, len(all) - 1} {
		for _, id := range []string{all[i].Subject, all[i].Claims[0].Subject, all[i].Claims[len(all[i].Claims)-1].Object} {
			if id != "" {
				urls = append(urls, "/api/disagreements?id="+url.QueryEscape(id))
			}
		}
	}
	render := func() []string {
		var out []string
		for _, u := range urls {
			res, body := get(t, srv, u)
			if res.StatusCode != 200 {
				t.Fatalf("%s: status %d: %.300s", u, res.StatusCode, body)
			}
			out = append(out, body)
		}
		return out
	}
	got := render()
	// As before: the list of every disagreement with this read's claims.
	old, err := derivedBefore(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	derivedCache.Lock()
	for i, k := range derivedCache.keys {
		if k == st {
			derivedCache.vals[i] = old
		}
	}
	derivedCache.Unlock()
	want := render()
	for i := range urls {
		if got[i] != want[i] {
			t.Errorf("%s differs from the list built as before (%d and %d bytes)", urls[i], len(got[i]), len(want[i]))
		}
	}
}

// derivedBefore builds the corpus-wide disagreements as the server did
// before they were kept compactly: every disagreement with the claims of
// one read, listed under every entity it involves.
func derivedBefore(ctx context.Context, st *state) (*derived, error) {
	claims, err := st.store.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		return nil, err
	}
	all := view.AllDisagreements(claims, st.vocab)
	d := &derived{bySubject: map[string][]int32{}}
	d.once.Do(func() {})
	for i, x := range all {
		seen := map[string]bool{}
		for _, id := range append([]string{x.Subject, x.Object}, claimEnds(x.Claims)...) {
			if id != "" && !seen[id] {
				seen[id] = true
				d.bySubject[id] = append(d.bySubject[id], int32(i))
			}
		}
		if !x.Possible {
			d.certainFirst = append(d.certainFirst, int32(i))
		}
	}
	for i, x := range all {
		if x.Possible {
			d.certainFirst = append(d.certainFirst, int32(i))
			d.possible++
		}
	}
	d.all = newDisList(all, func(string) *tokumu.Claim { return nil })
	cur, err := derivedOf(ctx, st)
	if err != nil {
		return nil, err
	}
	d.audit = cur.audit
	if d.all.len() == 0 {
		return nil, fmt.Errorf("no disagreements")
	}
	return d, nil
}
