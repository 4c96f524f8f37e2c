package web

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
)

// TestRelationsIn: on the embedded corpus, the network page's query
// answered from the analyses' relations gives the store's claims in the
// store's order, for every five-year range, undated, and with a Limit
// that cuts; and the page itself is the same byte for byte either way.
func TestRelationsIn(t *testing.T) {
	ctx := context.Background()
	db := embeddedDB(t)
	srv := newServer(t, db)
	srv.WaitAnalyses()
	sn := srv.cur.Load().snap
	a := sn.analyses()
	cut, some := 0, 0
	var fs []tokumu.ClaimFilter
	for y := 1900; y <= 1950; y++ {
		for _, lim := range []int{networkClaims, 7} {
			fs = append(fs, tokumu.ClaimFilter{RelationsOnly: true, From: tokumu.DayOf(y, 1, 1), To: tokumu.DayOf(y+4, 12, 31), Limit: lim})
		}
	}
	fs = append(fs, tokumu.ClaimFilter{RelationsOnly: true, Limit: networkClaims}, tokumu.ClaimFilter{RelationsOnly: true, Limit: 7})
	for _, f := range fs {
		want, err := db.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := a.relationsIn(f)
		if !ok {
			t.Fatalf("%+v: the relations cannot answer the network's filter", f)
		}
		if !reflect.DeepEqual(got, thin(want)) {
			t.Fatalf("%+v: %d claims from the analyses, %d from the store (first ids %v / %v)", f, len(got), len(want), ids(got, 3), ids(want, 3))
		}
		if len(got) > 0 {
			some++
		}
		if f.Limit == 7 && len(got) == 7 {
			cut++
		}
	}
	if some < 40 || cut < 20 {
		t.Fatalf("%d of %d filters had claims, %d were cut at 7: the corpus no longer tests this", some, len(fs), cut)
	}
	for _, u := range []string{"/network?from=1937&to=1941", "/network?from=1920&to=1924", "/network?undated=1", "/network?from=1938&to=1940&type=person"} {
		sn.netClaims = claimCache{}
		netInMemory = false
		_, fromStore := get(t, srv, u)
		sn.netClaims = claimCache{}
		netInMemory = true
		_, fromMemory := get(t, srv, u)
		if fromStore != fromMemory {
			t.Errorf("%s: the page differs between the store's query and the analyses' relations (%d and %d bytes)", u, len(fromStore), len(fromMemory))
		}
		if len(fromMemory) < 2000 {
			t.Errorf("%s: a page of %d bytes", u, len(fromMemory))
		}
	}
}

// thin keeps of each claim what view.Relations.Claim keeps.
func thin(cs []*tokumu.Claim) []*tokumu.Claim {
	out := []*tokumu.Claim{}
	for _, c := range cs {
		out = append(out, &tokumu.Claim{ID: c.ID, Subject: c.Subject, Predicate: c.Predicate, Object: c.Object, Perspective: c.Perspective, When: c.When})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func ids(cs []*tokumu.Claim, n int) []string {
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, fmt.Sprint(c.ID))
	}
	return out
}

// TestDisListRoundTrip: the compact list of disagreements gives back each
// disagreement of the embedded corpus as view.AllDisagreements found it.
func TestDisListRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := embeddedDB(t)
	claims, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The embedded corpus's disagreements are all certain now that
	// hand-overs are not conflicts; two heads of one office, one of them
	// dated by a year only, add a possible one.
	extra := func() []*tokumu.Claim {
		var out []*tokumu.Claim
		for _, x := range []struct{ id, who, when string }{{"x-head-a", "ando-rinzo", "1934/1937"}, {"x-head-b", "higuchi-kiichiro", "1936"}} {
			w, _, err := tokumu.ParseWhen(x.when)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, &tokumu.Claim{ID: x.id, Subject: x.who, Predicate: "head_of", Object: "x-office", When: w, Source: "src-" + x.id})
		}
		return out
	}
	claims = append(claims, extra()...)
	all := view.AllDisagreements(claims, newServer(t, db).cur.Load().vocab, nil)
	if len(all) < 20 {
		t.Fatalf("%d disagreements in the embedded corpus: too few to test", len(all))
	}
	// canon: the same claims read again (other pointers, equal values),
	// as the analyses hold them; the list must keep canon's.
	again, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	again = append(again, extra()...)
	canon := map[string]*tokumu.Claim{}
	for _, c := range again {
		canon[c.ID] = c
	}
	l := newDisList(all, func(id string) *tokumu.Claim { return canon[id] })
	if l.len() != len(all) {
		t.Fatalf("%d disagreements in the list, %d found", l.len(), len(all))
	}
	possible := 0
	for i, x := range all {
		got := l.at(int32(i))
		if !reflect.DeepEqual(got, x) {
			t.Fatalf("disagreement %d: got %+v, want %+v", i, got, x)
		}
		for j, c := range got.Claims {
			if c != canon[c.ID] {
				t.Fatalf("disagreement %d, claim %d (%s): not canon's copy", i, j, c.ID)
			}
		}
		if x.Possible {
			possible++
		}
	}
	if possible == 0 || possible == len(all) {
		t.Errorf("%d of %d possible: the corpus no longer has both kinds", possible, len(all))
	}
}

// TestIndexSharesEntities: the server's search index reads the corpus read
// model's entities, not a copy of its own (search.ShareEntities), and
// searches still answer.
func TestIndexSharesEntities(t *testing.T) {
	db := embeddedDB(t)
	srv := newServer(t, db)
	srv.WaitAnalyses()
	st := srv.cur.Load()
	n := 0
	for id, e := range st.snap.Entities {
		if got := st.index.Entity(id); got != e {
			t.Fatalf("%s: the search index holds its own copy of the entity", id)
		}
		n++
	}
	if n < 300 {
		t.Fatalf("%d entities: the embedded corpus has more than 300", n)
	}
	if res, body := get(t, srv, "/api/search?q=Doihara"); res.StatusCode != 200 || !strings.Contains(body, `"doihara-kenji"`) {
		t.Fatalf("/api/search?q=Doihara: %d %.300s", res.StatusCode, body)
	}
}

// embeddedDB opens the embedded corpus in a SQLite file of the test's
// own, closed when the test ends.
func embeddedDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := corpustest.Open(context.Background(), filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
