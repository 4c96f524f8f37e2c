package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
	// holders: whether the corpus has holder conflicts, possible ones
	// among them; the embedded corpus's were all hand-overs, which are no
	// longer conflicts (view.successive), so the synthetic one tests the
	// offices' runs of the list and the order of both kinds.
	for _, c := range []struct {
		name    string
		db      *sqlite.DB
		holders bool
		urls    []string
	}{
		{"embedded", emb, false, []string{"/network?from=1937&to=1941", "/network?from=1920&to=1924", "/network?undated=1",
			"/network?from=1938&to=1940&type=person", "/network?from=1930&to=1945&certain=1",
			"/network?from=1930&to=1945&ego=kwantung-army&radius=2", "/network?from=1900&to=1950&tag=intelligence"}},
		{"synthetic", syn, true, []string{"/network?from=1937&to=1941", "/network?from=1920&to=1924", "/network?undated=1",
			"/network?from=1925&to=1929&type=organization", "/network?from=1930&to=1934&certain=1",
			"/network?from=1920&to=1945&ego=org-0&radius=1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, c.db)
			srv.WaitAnalyses()
			sn := srv.cur.Load().snap
			// The evidence keeps the chart's copy of each claim both hold.
			shared := 0
			for _, cl := range srv.cur.Load().orgChart().Claims() {
				if e := sn.analyses().evidence.Claim(cl.ID); e != nil {
					if e != cl {
						t.Fatalf("claim %s: the evidence holds a copy of its own, not the chart's", cl.ID)
					}
					shared++
				}
			}
			if shared < 20 {
				t.Errorf("%d claims shared by the chart and the evidence: the corpus no longer tests this", shared)
			}
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
			compareDisagreements(t, srv, c.db, c.holders)
		})
	}
}

// comparePaths asks /api/path for pairs of entities of the graph and
// compares each answer with the path network.Build finds over the full
// claims read from the store, bounded by an evidence of its own, as the
// server did before.
func comparePaths(t *testing.T, srv *Server, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	sn := srv.cur.Load().snap
	rels, err := db.Claims(ctx, tokumu.ClaimFilter{RelationsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	// The server bounds each step by the evidence over every claim.
	all, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ev := view.NewEvidence(sn.Vocab, all)
	possible := func(c *tokumu.Claim, from, to tokumu.Day) bool { return ev.Bound(c).PossiblyIn(c, from, to) }
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for _, at := range []string{"", "1938-06-01"} {
		for _, certain := range []bool{false, true} {
			opt := network.Options{Certain: certain, Undated: true, Possible: possible, Exclude: func(p string) bool {
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

// compareDisagreements renders /disagreements and /api/disagreements
// (whole, paged, and for entities) and compares them with the same pages
// made here from view.AllDisagreements over a read of every claim, as
// the server made them when it held the list whole: the page's order
// certain first, an entity's list every disagreement it is the subject or
// object of, or of one of its claims.
func compareDisagreements(t *testing.T, srv *Server, db *sqlite.DB, holders bool) {
	t.Helper()
	ctx := context.Background()
	st := srv.cur.Load()
	claims, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	all := view.AllDisagreements(claims, st.vocab, nil)
	var certainFirst []view.Disagreement
	certain := 0
	for _, possible := range []bool{false, true} {
		for _, x := range all {
			if x.Possible == possible {
				certainFirst = append(certainFirst, x)
				if !possible {
					certain++
				}
			}
		}
	}
	if len(all) < 20 || certain == 0 || holders && certain == len(all) {
		t.Fatalf("%d disagreements, %d certain: the corpus no longer tests this", len(all), certain)
	}
	compareDisAll(t, st, all, certainFirst, holders)
	check := func(u, want string) {
		t.Helper()
		res, got := get(t, srv, u)
		if res.StatusCode != 200 || got != want {
			t.Errorf("%s: status %d, differs from the list made from every claim:\n got %.300s\nwant %.300s", u, res.StatusCode, got, want)
		}
	}
	jsonPage := func(list []view.Disagreement, offset, limit int) string {
		n := len(list)
		p := page[view.DisagreementJSON]{Total: &n, Offset: offset, Limit: limit, More: offset+limit < n}
		p.Items = view.DisagreementsJSON(list[min(offset, n):min(n, offset+limit)])
		rec := httptest.NewRecorder()
		writeJSON(rec, 200, p)
		return rec.Body.String()
	}
	for _, pg := range [][2]int{{0, 50}, {20, 30}, {len(all) - 5, 50}, {certain - 3, 7}} {
		check(fmt.Sprintf("/api/disagreements?offset=%d&limit=%d", pg[0], pg[1]), jsonPage(all, pg[0], pg[1]))
		// The HTML page, made from the reference list.
		u := fmt.Sprintf("/disagreements?offset=%d&limit=%d", pg[0], pg[1])
		r := httptest.NewRequest("GET", u, nil)
		p := disagreementsPage{base: srv.base(r, "disagreements", "dis.h"), Certain: certain, Possible: len(all) - certain}
		if p.Pager, err = srv.pager(r, "/disagreements"); err != nil {
			t.Fatal(err)
		}
		lo, hi := p.Pager.window(len(all))
		p.List = certainFirst[lo:hi]
		rec := httptest.NewRecorder()
		srv.render(rec, r, 200, "disagreements", &p)
		check(u, rec.Body.String())
	}
	for _, i := range []int{0, len(all) / 2, len(all) - 1} {
		for _, id := range []string{all[i].Subject, all[i].Claims[0].Subject, all[i].Claims[len(all[i].Claims)-1].Object, "no-such-entity"} {
			if id == "" {
				continue
			}
			var mine []view.Disagreement
			for _, x := range all {
				in := x.Subject == id || x.Object == id
				for _, c := range x.Claims {
					in = in || c.Subject == id || c.Object == id
				}
				if in {
					mine = append(mine, x)
				}
			}
			check("/api/disagreements?id="+url.QueryEscape(id), jsonPage(mine, 0, 100))
		}
	}
}

// compareDisAll checks the server's list (disAll, which finds the holder
// conflicts of an office when asked) against all, view.AllDisagreements
// over every claim: each disagreement by its index, every run from every
// offset of each kind, the certain-first order whole, and the list of
// every entity that a disagreement names.
func compareDisAll(t *testing.T, st *state, all, certainFirst []view.Disagreement, holders bool) {
	t.Helper()
	d, err := derivedOf(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	l := d.all
	if l.len() != len(all) || d.possible != len(all)-l.certain() {
		t.Fatalf("%d disagreements (%d possible), want %d", l.len(), d.possible, len(all))
	}
	offices, sources := 0, 0
	for _, s := range l.segs {
		if s.off != nil && s.off.row[len(s.off.Claims)] > 1 {
			offices++
		}
		if s.off == nil {
			sources++
		}
	}
	if holders && offices < 2 || sources < 1 {
		t.Fatalf("%d offices with conflicts, %d runs of disagreements between sources: the corpus no longer tests the list", offices, sources)
	}
	for i, x := range all {
		if got := l.at(i); !reflect.DeepEqual(got, x) {
			t.Fatalf("disagreement %d: got %+v, want %+v", i, got, x)
		}
	}
	var kinds [3][]view.Disagreement
	kinds[0] = all
	for _, x := range all {
		if x.Possible {
			kinds[2] = append(kinds[2], x)
		} else {
			kinds[1] = append(kinds[1], x)
		}
	}
	for kind, want := range kinds {
		for k := range want {
			n := 1 + k%7
			if got := l.run(k, kind, n); !reflect.DeepEqual(got, want[k:min(len(want), k+n)]) {
				t.Fatalf("run(%d, %d, %d): %d disagreements, not the list's", k, kind, n, len(got))
			}
		}
	}
	if got := l.certainFirst(0, len(all)); !reflect.DeepEqual(got, certainFirst) {
		t.Fatalf("certain first: %d disagreements, not the list's", len(got))
	}
	ids := map[string]bool{}
	for _, x := range all {
		ids[x.Subject] = true
		for _, c := range x.Claims {
			ids[c.Subject], ids[c.Object] = true, true
		}
	}
	for id := range ids {
		want := []int{}
		for i, x := range all {
			in := x.Subject == id || x.Object == id
			for _, c := range x.Claims {
				in = in || c.Subject == id || c.Object == id
			}
			if in {
				want = append(want, i)
			}
		}
		var got []int
		for _, sp := range l.involving(id) {
			if sp.lo >= sp.hi || len(got) > 0 && sp.lo <= got[len(got)-1] {
				t.Fatalf("involving(%q): run %v empty, or not after the last", id, sp)
			}
			for i := sp.lo; i < sp.hi; i++ {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("involving(%q): %v, want %v", id, got, want)
		}
		for _, off := range []int{0, 1, len(want) / 2, len(want) - 1} {
			items, n := l.spansPage(l.involving(id), max(off, 0), 3)
			for k, x := range items {
				if !reflect.DeepEqual(x, all[want[max(off, 0)+k]]) {
					t.Fatalf("involving(%q), page from %d: item %d is not the list's", id, off, k)
				}
			}
			if n != len(want) || len(items) != max(0, min(len(want), max(off, 0)+3)-max(off, 0)) {
				t.Fatalf("involving(%q), page from %d: %d items of %d, want of %d", id, off, len(items), n, len(want))
			}
		}
	}
}
