package view_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/view"
)

// TestRelations: on the embedded corpus, Select answers filters as the
// store's Claims does (same claims, same order, cut at the Limit), Claim
// gives back each relation's id, ends, perspective and time, and
// NetworkOf draws the graph Network draws from the same claims.
func TestRelations(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := db.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	entities := map[string]*tokumu.Entity{}
	for _, e := range ents {
		entities[e.ID] = e
	}
	r := view.NewRelations(all, entities)
	var rels []*tokumu.Claim
	for _, c := range all {
		if c.Object != "" {
			rels = append(rels, c)
		}
	}
	if r.Len() != len(rels) || len(rels) < 500 {
		t.Fatalf("%d relations kept of %d", r.Len(), len(rels))
	}
	for i, c := range rels {
		want := &tokumu.Claim{ID: c.ID, Subject: c.Subject, Predicate: c.Predicate, Object: c.Object, Perspective: c.Perspective, When: c.When}
		if got := r.Claim(i); !reflect.DeepEqual(got, want) {
			t.Fatalf("relation %d: got %+v, want %+v", i, got, want)
		}
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	var fs []tokumu.ClaimFilter
	for k := 0; k < 60; k++ {
		c := rels[rnd.IntN(len(rels))]
		y := 1900 + rnd.IntN(50)
		fs = append(fs,
			tokumu.ClaimFilter{RelationsOnly: true, From: tokumu.DayOf(y, 1, 1), To: tokumu.DayOf(y+rnd.IntN(8), 12, 31), Limit: rnd.IntN(3) * 40},
			tokumu.ClaimFilter{RelationsOnly: true, At: tokumu.DayOf(y, 6, 1)},
			tokumu.ClaimFilter{RelationsOnly: true, Subject: c.Subject},
			tokumu.ClaimFilter{RelationsOnly: true, About: c.Object, Predicate: c.Predicate},
			tokumu.ClaimFilter{RelationsOnly: true, Object: c.Object, From: tokumu.DayOf(y, 1, 1)},
		)
	}
	fs = append(fs, tokumu.ClaimFilter{RelationsOnly: true, Subject: "no-such-entity"}, tokumu.ClaimFilter{RelationsOnly: true, Perspective: "kwantung-army"})
	nonEmpty := 0
	for _, f := range fs {
		want, err := db.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		ix, ok := r.Select(f)
		if !ok {
			t.Fatalf("%+v: not answered", f)
		}
		if len(ix) != len(want) {
			t.Fatalf("%+v: %d relations, the store %d", f, len(ix), len(want))
		}
		for k, i := range ix {
			if r.ID(int(i)) != want[k].ID {
				t.Fatalf("%+v: relation %d is %s, the store's %s", f, k, r.ID(int(i)), want[k].ID)
			}
		}
		if len(ix) > 0 {
			nonEmpty++
		}
		for _, undated := range []bool{false, true} {
			for _, max := range []int{0, 25} {
				if got, want := view.NetworkOf(r, ix, undated, max), view.Network(r.Claims(ix), entities, undated, max); !reflect.DeepEqual(got, want) {
					t.Fatalf("%+v (undated %v, max %d): NetworkOf %d nodes %d links, Network %d nodes %d links", f, undated, max, len(got.Nodes), len(got.Links), len(want.Nodes), len(want.Links))
				}
			}
		}
	}
	if nonEmpty < len(fs)/2 {
		t.Errorf("%d of %d filters selected something: the corpus no longer tests this", nonEmpty, len(fs))
	}
	if _, ok := r.Select(tokumu.ClaimFilter{Source: "x"}); ok {
		t.Error("a filter on the source was answered: the relations do not keep sources")
	}
}
