package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
	gonumnet "gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// mixedGraph is a random graph of n entities whose links are certain
// (an interval around the date), possible (a year holding the date) or
// undated, so that edge weights 1, 1.5 and 3 all occur and equal-weight
// paths of different lengths compete. Edges are sparse enough to leave
// several components. Deterministic for n and seed.
func mixedGraph(n int, seed uint64) *network.Graph {
	r := rand.New(rand.NewPCG(uint64(n), seed))
	ents := make(map[string]*tokumu.Entity, n)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint("e", i)
		t := tokumu.Person
		if i%4 == 0 {
			t = tokumu.Organization
		}
		ents[ids[i]] = &tokumu.Entity{ID: ids[i], Type: t}
	}
	certain := tokumu.When{EDTF: "1930/1940", Earliest: tokumu.DayOf(1930, 1, 1), LatestStart: tokumu.DayOf(1930, 12, 31),
		EarliestEnd: tokumu.DayOf(1940, 1, 1), Latest: tokumu.DayOf(1940, 12, 31), Interval: true}
	possible := tokumu.When{EDTF: "1935", Earliest: tokumu.DayOf(1935, 1, 1), Latest: tokumu.DayOf(1935, 12, 31)}
	var cs []*tokumu.Claim
	m := n + r.IntN(n+1)
	for i := 0; i < m; i++ {
		a, b := r.IntN(n), r.IntN(n)
		if r.IntN(3) == 0 { // hubs: a few entities get many links
			b = int(float64(n) * r.Float64() * r.Float64())
		}
		var w tokumu.When
		switch r.IntN(3) {
		case 0:
			w = certain
		case 1:
			w = possible
		}
		cs = append(cs, &tokumu.Claim{ID: fmt.Sprint("c", i), Subject: ids[a], Object: ids[b], When: w})
	}
	return network.Build(cs, ents, network.Options{At: tokumu.DayOf(1935, 6, 1), Undated: true})
}

// weightOf is an edge's weight as the old gonum-backed graph set it.
func weightOf(e *network.Edge) float64 {
	switch {
	case e.Certain:
		return 1
	case e.Dated:
		return 1.5
	}
	return 3
}

// reference is the implementation Path and Ego replaced, kept here as the
// oracle: gonum's map-backed weighted graph, path.DijkstraFromTo, and a
// breadth-first walk over gonum's From iterator.
type reference struct {
	g     *simple.WeightedUndirectedGraph
	ids   map[string]int64
	names []string
}

func newReference(gr *network.Graph) *reference {
	ref := &reference{g: simple.NewWeightedUndirectedGraph(0, 0), ids: map[string]int64{}}
	for _, id := range gr.Nodes() {
		ref.ids[id] = int64(len(ref.names))
		ref.names = append(ref.names, id)
		ref.g.AddNode(simple.Node(ref.ids[id]))
	}
	for _, e := range gr.Edges() {
		ref.g.SetWeightedEdge(ref.g.NewWeightedEdge(simple.Node(ref.ids[e.A]), simple.Node(ref.ids[e.B]), weightOf(e)))
	}
	return ref
}

// path returns the weight of the shortest path and whether one exists.
func (ref *reference) path(a, b string) (float64, bool) {
	ns, w := path.DijkstraFromTo(simple.Node(ref.ids[a]), simple.Node(ref.ids[b]), ref.g)
	return w, len(ns) > 0
}

// ego returns the sorted ids within radius hops of id.
func (ref *reference) ego(id string, radius int) []string {
	start := ref.ids[id]
	dist := map[int64]int{start: 0}
	queue := []int64{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if dist[n] == radius {
			continue
		}
		it := ref.g.From(n)
		for it.Next() {
			m := it.Node().ID()
			if _, seen := dist[m]; !seen {
				dist[m] = dist[n] + 1
				queue = append(queue, m)
			}
		}
	}
	var out []string
	for n := range dist {
		out = append(out, ref.names[n])
	}
	slices.Sort(out)
	return out
}

// TestPathAndEgoMatchGonum checks the integer-adjacency Path and Ego
// against the gonum implementation they replaced on random graphs: the
// same pairs are joined, by paths of the same weight made of the graph's
// own edges; among equal weights the new path has the fewest steps; ego
// networks have the same nodes and exactly the edges among them.
func TestPathAndEgoMatchGonum(t *testing.T) {
	pairs, joined := 0, 0
	for _, n := range []int{2, 5, 12, 40, 150, 600} {
		for seed := uint64(1); seed <= 6; seed++ {
			gr := mixedGraph(n, seed)
			ref := newReference(gr)
			nodes := gr.Nodes()
			if len(nodes) == 0 {
				continue
			}
			r := rand.New(rand.NewPCG(seed, 99))
			for k := 0; k < 60; k++ {
				a, b := nodes[r.IntN(len(nodes))], nodes[r.IntN(len(nodes))]
				pairs++
				want, ok := ref.path(a, b)
				steps, err := gr.Path(a, b)
				if ok != (err == nil) {
					t.Fatalf("n=%d seed=%d %s→%s: gonum found a path %v, Path err %v", n, seed, a, b, ok, err)
				}
				if !ok {
					if tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
						t.Fatalf("%s→%s: err %v; want ENOTFOUND", a, b, err)
					}
					continue
				}
				joined++
				got, at := 0.0, a
				for _, s := range steps {
					e := gr.Edge(s.From, s.To)
					if s.From != at || e == nil || e.Certain != s.Certain || !slices.Equal(e.Claims, s.Claims) {
						t.Fatalf("n=%d seed=%d %s→%s: step %s→%s is not an edge of the graph from %s", n, seed, a, b, s.From, s.To, at)
					}
					got += weightOf(e)
					at = s.To
				}
				if at != b || math.Abs(got-want) > 1e-9 {
					t.Fatalf("n=%d seed=%d %s→%s: path ends at %s with weight %v; gonum's weighs %v", n, seed, a, b, at, got, want)
				}
				if fewest := fewestSteps(gr, ref, a, b, want); len(steps) != fewest {
					t.Fatalf("n=%d seed=%d %s→%s: %d steps; a path of the same weight has %d", n, seed, a, b, len(steps), fewest)
				}
			}
			for k := 0; k < 20; k++ {
				id := nodes[r.IntN(len(nodes))]
				for radius := 0; radius <= 3; radius++ {
					ego := gr.Ego(id, radius)
					want := ref.ego(id, radius)
					if got := ego.Nodes(); !slices.Equal(got, want) {
						t.Fatalf("n=%d seed=%d ego(%s, %d): %v; gonum's walk gives %v", n, seed, id, radius, got, want)
					}
					var wantEdges []*network.Edge
					for _, e := range gr.Edges() {
						if _, ina := slices.BinarySearch(want, e.A); ina {
							if _, inb := slices.BinarySearch(want, e.B); inb {
								wantEdges = append(wantEdges, e)
							}
						}
					}
					if got := ego.Edges(); !slices.Equal(got, wantEdges) {
						t.Fatalf("n=%d seed=%d ego(%s, %d): %d edges; want the %d among its nodes", n, seed, id, radius, len(got), len(wantEdges))
					}
					for _, e := range wantEdges {
						if ego.Edge(e.B, e.A) != e {
							t.Fatalf("ego(%s, %d).Edge(%s, %s) is not the graph's edge", id, radius, e.B, e.A)
						}
					}
				}
			}
		}
	}
	// The random graphs must exercise both answers.
	if joined == 0 || joined == pairs {
		t.Fatalf("%d of %d pairs joined: the random graphs test only one case", joined, pairs)
	}
}

// fewestSteps is the least number of steps of a path of weight w from a
// to b, by breadth-first search over (node, weight so far) states
// (weights are multiples of one half).
func fewestSteps(gr *network.Graph, ref *reference, a, b string, w float64) int {
	type state struct {
		n    string
		half int
	}
	target := int(math.Round(w * 2))
	seen := map[state]bool{{a, 0}: true}
	frontier := []state{{a, 0}}
	for steps := 0; len(frontier) > 0; steps++ {
		var next []state
		for _, s := range frontier {
			if s.n == b && s.half == target {
				return steps
			}
			it := ref.g.From(ref.ids[s.n])
			for it.Next() {
				m := ref.names[it.Node().ID()]
				h := s.half + int(math.Round(weightOf(gr.Edge(s.n, m))*2))
				if ns := (state{m, h}); h <= target && !seen[ns] {
					seen[ns] = true
					next = append(next, ns)
				}
			}
		}
		frontier = next
	}
	return -1
}

// TestBetweennessMatchesGonum checks Betweenness against gonum's
// network.Betweenness (which it replaced for speed) on random graphs:
// gonum counts each pair of ends in both directions on an undirected
// graph, so its scores are twice ours.
func TestBetweennessMatchesGonum(t *testing.T) {
	for _, n := range []int{5, 40, 150} {
		for seed := uint64(1); seed <= 4; seed++ {
			gr := mixedGraph(n, seed)
			ref := newReference(gr)
			want := gonumnet.Betweenness(ref.g)
			for _, s := range gr.Betweenness() {
				if w := want[ref.ids[s.ID]] / 2; math.Abs(s.Score-w) > 1e-9*max(1, w) {
					t.Fatalf("n=%d seed=%d betweenness of %s: %v; gonum's gives %v", n, seed, s.ID, s.Score, w)
				}
			}
		}
	}
}

// TestConcurrentSearches runs Path and Ego on one graph from several
// goroutines, as the web server does, and checks each answer against
// the same question asked alone (each search takes its own scratch).
func TestConcurrentSearches(t *testing.T) {
	gr := mixedGraph(400, 3)
	nodes := gr.Nodes()
	type answer struct{ path, ego string }
	ask := func(i int) answer {
		a, b := nodes[i*7%len(nodes)], nodes[i*13%len(nodes)]
		steps, err := gr.Path(a, b)
		var p string
		for _, s := range steps {
			p += s.From + ">" + s.To + " "
		}
		return answer{fmt.Sprint(p, err), fmt.Sprint(gr.Ego(a, 2).Nodes())}
	}
	want := make([]answer, 200)
	for i := range want {
		want[i] = ask(i)
	}
	errs := make(chan string, 4)
	for w := 0; w < 4; w++ {
		go func() {
			for i := range want {
				if got := ask(i); got != want[i] {
					errs <- fmt.Sprintf("question %d: %v concurrently, %v alone", i, got, want[i])
					return
				}
			}
			errs <- ""
		}()
	}
	for w := 0; w < 4; w++ {
		if e := <-errs; e != "" {
			t.Fatal(e)
		}
	}
}
