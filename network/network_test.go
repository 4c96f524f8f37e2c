package network_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
)

func load(t testing.TB) (*view.Corpus, []*tokumu.Claim) {
	t.Helper()
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{RelationsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	return c, cs
}

func scores(ss []network.Score) string { return fmt.Sprint(ss) }

// The expected values are worked out by hand from testdata/corpus.
func TestNetworkAtDate(t *testing.T) {
	c, cs := load(t)
	at := tokumu.DayOf(1932, 6, 1)
	g := network.Build(cs, c.Entities, network.Options{At: at})
	if got := fmt.Sprint(g.Nodes()); got != "[o-1 o-2 p-a p-b]" {
		t.Fatalf("nodes %s; want [o-1 o-2 p-a p-b] (p-c undated, p-d in 1940)", got)
	}
	// The path p-a – o-1 – p-b – o-2: o-1 and p-b lie between two pairs each.
	if got, want := scores(g.Degree()), "[{o-1 2} {p-b 2} {o-2 1} {p-a 1}]"; got != want {
		t.Errorf("degree %s; want %s", got, want)
	}
	if got, want := scores(g.Betweenness()), "[{o-1 2} {p-b 2} {o-2 0} {p-a 0}]"; got != want {
		t.Errorf("betweenness %s; want %s", got, want)
	}
	if e := g.Edge("p-b", "o-1"); e == nil || e.Certain {
		t.Errorf("p-b – o-1 (\"1932\") should be possible at 1932-06-01, not certain")
	}
	if e := g.Edge("p-a", "o-1"); e == nil || !e.Certain {
		t.Errorf("p-a – o-1 (1930/1935) should be certain at 1932-06-01")
	}
	steps, err := g.Path("p-a", "o-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 3 || steps[0].To != "o-1" || steps[1].Certain || steps[2].Claims[0].ID != "b-o2" || steps[2].Claims[0].Source != "s1" {
		t.Errorf("path %+v: want p-a → o-1 → p-b → o-2, the middle step possible, each with its claim", steps)
	}
	// Modularity of {p-a, o-1}{p-b, o-2} is 1/6, the best split of a path of four.
	if got := fmt.Sprint(g.Communities()); got != "[[o-1 p-a] [o-2 p-b]]" {
		t.Errorf("communities %s; want [[o-1 p-a] [o-2 p-b]]", got)
	}
	ego := g.Ego("o-1", 1)
	if got := fmt.Sprint(ego.Nodes()); got != "[o-1 p-a p-b]" || len(ego.Edges()) != 2 {
		t.Errorf("ego of o-1: %s with %d edges; want [o-1 p-a p-b] with 2", got, len(ego.Edges()))
	}
	// Certain edges only: p-a – o-1 and p-b – o-2, no path between them.
	gc := network.Build(cs, c.Entities, network.Options{At: at, Certain: true})
	if len(gc.Edges()) != 2 {
		t.Errorf("certain edges: %d; want 2", len(gc.Edges()))
	}
	if _, err := gc.Path("p-a", "o-2"); tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
		t.Errorf("certain path: err %v; want ENOTFOUND", err)
	}
}

func TestNetworkUndated(t *testing.T) {
	c, cs := load(t)
	g := network.Build(cs, c.Entities, network.Options{At: tokumu.DayOf(1932, 6, 1), Undated: true})
	// p-a – o-1 – p-b – o-2 – p-c: pairs through o-1 3, p-b 4, o-2 3.
	if got, want := scores(g.Betweenness()), "[{p-b 4} {o-1 3} {o-2 3} {p-a 0} {p-c 0}]"; got != want {
		t.Errorf("betweenness %s; want %s", got, want)
	}
	// Over all time p-d joins o-2.
	all := network.Build(cs, c.Entities, network.Options{})
	if got, want := scores(all.Degree()), "[{o-1 2} {o-2 2} {p-b 2} {p-a 1} {p-d 1}]"; got != want {
		t.Errorf("degree over all time %s; want %s (p-d joins o-2, p-c stays out)", got, want)
	}
}

// On the embedded corpus a dated, sourced path joins Lyushkov and the
// Harbin agency.
func TestLyushkovToHarbin(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{RelationsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	g := network.Build(cs, c.Entities, network.Options{})
	steps, err := g.Path("lyushkov-genrikh", "harbin-tokumu-kikan")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if len(s.Claims) == 0 || s.Claims[0].Source == "" || s.Claims[0].When.IsZero() {
			t.Errorf("step %s → %s lacks a dated, sourced claim", s.From, s.To)
		}
	}
	if len(steps) == 0 || steps[len(steps)-1].To != "harbin-tokumu-kikan" {
		t.Errorf("path %+v does not end at the Harbin agency", steps)
	}
}

// TestNetworkPossible: a claim the range admits by its own dates is left
// out where Possible, the evidence's word, rules it out; certainty is
// still the claim's own.
func TestNetworkPossible(t *testing.T) {
	c, cs := load(t)
	at := tokumu.DayOf(1932, 6, 1)
	// Rule out p-b – o-1 ("1932"): the path p-a … o-2 is cut there.
	opt := network.Options{At: at, Possible: func(cl *tokumu.Claim, from, to tokumu.Day) bool {
		if from != at || to != at {
			t.Errorf("Possible asked of %s – %s, want the day %s", from, to, at)
		}
		return !(cl.Subject == "p-b" && cl.Object == "o-1")
	}}
	g := network.Build(cs, c.Entities, opt)
	if e := g.Edge("p-b", "o-1"); e != nil {
		t.Errorf("p-b – o-1 is drawn though ruled out")
	}
	if e := g.Edge("p-a", "o-1"); e == nil || !e.Certain {
		t.Errorf("p-a – o-1 should stay, certain")
	}
	if _, err := g.Path("p-a", "o-2"); tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
		t.Errorf("path p-a → o-2: err %v; want ENOTFOUND once p-b – o-1 is ruled out", err)
	}
	// An undated claim too is asked: p-c's undated link goes when ruled out.
	opt = network.Options{At: at, Undated: true, Possible: func(cl *tokumu.Claim, from, to tokumu.Day) bool { return !cl.When.IsZero() }}
	if g := network.Build(cs, c.Entities, opt); slices.Contains(g.Nodes(), "p-c") {
		t.Errorf("nodes %v: p-c's undated link is ruled out", g.Nodes())
	}
}

// TestNetworkBeliefs: a claim with a perspective (a testimony, a
// recollection) is no edge: a path through it would state it as fact.
func TestNetworkBeliefs(t *testing.T) {
	ents := map[string]*tokumu.Entity{
		"kasahara": {ID: "kasahara", Type: tokumu.Person},
		"section":  {ID: "section", Type: tokumu.Organization},
		"oshima":   {ID: "oshima", Type: tokumu.Person},
	}
	cs := []*tokumu.Claim{
		{ID: "belief", Subject: "kasahara", Predicate: "head_of", Object: "section", Perspective: "oshima"},
		{ID: "fact", Subject: "oshima", Predicate: "head_of", Object: "section"},
	}
	g := network.Build(cs, ents, network.Options{Undated: true})
	if got, want := scores(g.Degree()), "[{oshima 1} {section 1}]"; got != want {
		t.Errorf("degree %s; want %s (Ōshima's recollection of Kasahara is no edge)", got, want)
	}
}
