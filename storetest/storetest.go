// Package storetest is the conformance suite for tokumu.Store
// implementations. Each store runs it from its own tests with an opener;
// the SQLite store does now, and the PostgreSQL store must pass the same
// suite unchanged.
package storetest

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/tokumu/tokumu"
)

// Opener returns a new, empty store. The suite closes it.
type Opener func(tb testing.TB) tokumu.Store

// Run runs every conformance test against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, tokumu.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"EntityNotFound", testEntityNotFound},
		{"EntitiesFilter", testEntitiesFilter},
		{"ClaimsFilter", testClaimsFilter},
		{"ClaimsAt", testClaimsAt},
		{"ReplaceReplaces", testReplaceReplaces},
		{"ReplaceIsAtomic", testReplaceIsAtomic},
		{"Stats", testStats},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

func ctx() context.Context { return context.Background() }

func mustReplace(t *testing.T, s tokumu.Store, ds *tokumu.Dataset) {
	t.Helper()
	if err := s.Replace(ctx(), ds); err != nil {
		t.Fatalf("Replace: %v", err)
	}
}

func testEmpty(t *testing.T, s tokumu.Store) {
	h, err := s.Hash(ctx())
	if err != nil || h != "" {
		t.Fatalf("Hash of an empty store = %q, %v; want \"\", nil", h, err)
	}
	cs, err := s.Claims(ctx(), tokumu.ClaimFilter{})
	if err != nil || len(cs) != 0 {
		t.Fatalf("Claims of an empty store = %d, %v; want 0, nil", len(cs), err)
	}
}

func testRoundTrip(t *testing.T, s tokumu.Store) {
	ds := Fixture()
	mustReplace(t, s, ds)

	h, err := s.Hash(ctx())
	if err != nil || h != ds.Hash {
		t.Fatalf("Hash = %q, %v; want %q", h, err, ds.Hash)
	}
	for _, want := range ds.Entities {
		got, err := s.Entity(ctx(), want.ID)
		if err != nil {
			t.Fatalf("Entity(%s): %v", want.ID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Entity(%s)\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	gotC, err := s.Claims(ctx(), tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantC := append([]*tokumu.Claim(nil), ds.Claims...)
	byID(gotC)
	byID(wantC)
	if !reflect.DeepEqual(gotC, wantC) {
		for i := range wantC {
			if i < len(gotC) && !reflect.DeepEqual(gotC[i], wantC[i]) {
				t.Errorf("claim %d\n got %+v\nwant %+v", i, gotC[i], wantC[i])
			}
		}
		t.Fatalf("Claims: got %d, want %d", len(gotC), len(wantC))
	}
	srcs, err := s.Sources(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(srcs, ds.Sources) {
		t.Errorf("Sources\n got %+v\nwant %+v", srcs, ds.Sources)
	}
	src, err := s.Source(ctx(), "zor23")
	if err != nil || !reflect.DeepEqual(src, ds.Sources[1]) {
		t.Errorf("Source(zor23) = %+v, %v", src, err)
	}
	if _, err := s.Source(ctx(), "nope"); tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
		t.Errorf("Source(nope) error = %v, want ENOTFOUND", err)
	}
	preds, err := s.Predicates(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(preds, ds.Predicates) {
		t.Errorf("Predicates\n got %+v\nwant %+v", preds, ds.Predicates)
	}
}

func byID(cs []*tokumu.Claim) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
}

func ids(cs []*tokumu.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	sort.Strings(out)
	return out
}

func testEntityNotFound(t *testing.T, s tokumu.Store) {
	mustReplace(t, s, Fixture())
	_, err := s.Entity(ctx(), "no-such-entity")
	if tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
		t.Fatalf("Entity(no-such-entity) error = %v, want ENOTFOUND", err)
	}
}

func testEntitiesFilter(t *testing.T, s tokumu.Store) {
	mustReplace(t, s, Fixture())
	for _, tt := range []struct {
		name string
		f    tokumu.EntityFilter
		want []string
	}{
		{"all", tokumu.EntityFilter{}, []string{"doihara-kenji", "harbin", "harbin-tokumu-kikan", "kwantung-army", "kwantung-army-intelligence-department", "lyushkov-genrikh", "soviet-far-eastern-forces"}},
		{"type", tokumu.EntityFilter{Type: tokumu.Person}, []string{"doihara-kenji", "lyushkov-genrikh"}},
		{"ids", tokumu.EntityFilter{IDs: []string{"harbin", "kwantung-army"}}, []string{"harbin", "kwantung-army"}},
		{"limit", tokumu.EntityFilter{Limit: 2}, []string{"doihara-kenji", "harbin"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			es, err := s.Entities(ctx(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.ID)
				if len(e.Names) == 0 {
					t.Errorf("%s came back without names", e.ID)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func testClaimsFilter(t *testing.T, s tokumu.Store) {
	mustReplace(t, s, Fixture())
	for _, tt := range []struct {
		name string
		f    tokumu.ClaimFilter
		want []string
	}{
		{"subject", tokumu.ClaimFilter{Subject: "doihara-kenji"}, []string{"c-doihara-born", "c-doihara-head"}},
		{"object", tokumu.ClaimFilter{Object: "harbin-tokumu-kikan"}, []string{"c-doihara-head"}},
		{"about", tokumu.ClaimFilter{About: "harbin-tokumu-kikan"}, []string{"c-doihara-head", "c-kikan-dissolved", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded"}},
		{"about with predicate", tokumu.ClaimFilter{About: "harbin-tokumu-kikan", Predicate: "head_of"}, []string{"c-doihara-head"}},
		{"predicate", tokumu.ClaimFilter{Predicate: "strength"}, []string{"c-est-1936", "c-real-1936"}},
		{"perspective", tokumu.ClaimFilter{Perspective: "kwantung-army"}, []string{"c-est-1936"}},
		{"source", tokumu.ClaimFilter{Source: "zor23"}, []string{"c-est-1936", "c-kid-part-of", "c-kikan-dissolved", "c-kikan-part-of", "c-kikan-succeeded"}},
		{"from", tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces", From: 19361231}, []string{"c-est-1936", "c-real-1936"}},
		{"to", tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", To: 19191231}, []string{"c-kikan-part-of"}},
		{"from to", tokumu.ClaimFilter{About: "kwantung-army", From: 19410101, To: 19420101}, []string{"c-kid-part-of"}},
		{"relations only", tokumu.ClaimFilter{About: "doihara-kenji", RelationsOnly: true}, []string{"c-doihara-head"}},
		{"limit", tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Limit: 1}, nil}, // checked by count below
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := s.Claims(ctx(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if tt.f.Limit > 0 {
				if len(cs) != tt.f.Limit {
					t.Fatalf("got %d claims, want %d", len(cs), tt.f.Limit)
				}
				return
			}
			if got := ids(cs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func testClaimsAt(t *testing.T, s tokumu.Store) {
	mustReplace(t, s, Fixture())
	for _, tt := range []struct {
		at    tokumu.Day
		about string
		want  []string
	}{
		// The 1940 conversion: the agency is part of the Kwantung Army before, the department after.
		{19390601, "kwantung-army", []string{"c-kikan-part-of"}},
		{19410601, "kwantung-army", []string{"c-kid-part-of"}},
		// Bounds are inclusive: the interval 1919/1940 possibly includes 1940-12-31.
		{19401231, "kwantung-army", []string{"c-kid-part-of", "c-kikan-part-of"}},
		{19190101, "harbin-tokumu-kikan", []string{"c-kikan-part-of"}},
		{19321115, "harbin-tokumu-kikan", []string{"c-doihara-head", "c-kikan-part-of"}},
		// Undated claims (c-kikan-located) never hold "at" a date.
		{19500101, "harbin-tokumu-kikan", nil},
	} {
		cs, err := s.Claims(ctx(), tokumu.ClaimFilter{About: tt.about, At: tt.at, RelationsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(cs); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("at %s about %s: got %v, want %v", tt.at, tt.about, got, tt.want)
		}
	}
}

func testReplaceReplaces(t *testing.T, s tokumu.Store) {
	mustReplace(t, s, Fixture())
	small := Fixture()
	small.Hash = "second"
	small.Entities = small.Entities[:1]
	small.Claims = nil
	mustReplace(t, s, small)
	es, err := s.Entities(ctx(), tokumu.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 {
		t.Errorf("after a second Replace: %d entities, want 1", len(es))
	}
	cs, _ := s.Claims(ctx(), tokumu.ClaimFilter{})
	if len(cs) != 0 {
		t.Errorf("after a second Replace: %d claims, want 0", len(cs))
	}
	if h, _ := s.Hash(ctx()); h != "second" {
		t.Errorf("Hash = %q, want second", h)
	}
}

func testReplaceIsAtomic(t *testing.T, s tokumu.Store) {
	good := Fixture()
	mustReplace(t, s, good)
	bad := Fixture()
	bad.Hash = "bad"
	dup := *bad.Claims[0]
	bad.Claims = append(bad.Claims, &dup) // the same claim id twice
	if err := s.Replace(ctx(), bad); err == nil {
		t.Fatal("Replace with a duplicate claim id succeeded; want an error")
	}
	if h, _ := s.Hash(ctx()); h != good.Hash {
		t.Errorf("after a failed Replace, Hash = %q, want the old %q", h, good.Hash)
	}
	cs, err := s.Claims(ctx(), tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(good.Claims) {
		t.Errorf("after a failed Replace: %d claims, want the old %d", len(cs), len(good.Claims))
	}
}

func testStats(t *testing.T, s tokumu.Store) {
	ds := Fixture()
	mustReplace(t, s, ds)
	st, err := s.Stats(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != len(ds.Entities) || st.Claims != len(ds.Claims) || st.Sources != len(ds.Sources) || st.Predicates != len(ds.Predicates) {
		t.Errorf("Stats = %+v", st)
	}
	if st.ByType[tokumu.Person] != 2 || st.ByType[tokumu.Organization] != 3 {
		t.Errorf("ByType = %v", st.ByType)
	}
	if st.BySource["zor23"] != 5 {
		t.Errorf("BySource[zor23] = %d, want 5", st.BySource["zor23"])
	}
	if st.ByGrade["B2"] == 0 || st.ByGrade["C4"] != 1 {
		t.Errorf("ByGrade = %v", st.ByGrade)
	}
	if st.WithPerspective != 1 {
		t.Errorf("WithPerspective = %d, want 1", st.WithPerspective)
	}
	if st.WithLocator != 5 {
		t.Errorf("WithLocator = %d, want 5", st.WithLocator)
	}
	if st.Names != 15 {
		t.Errorf("Names = %d, want 15", st.Names)
	}
}
