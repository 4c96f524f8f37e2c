// Package network is the relation graph of a corpus at a date or over a
// range of dates, on gonum.org/v1/gonum/graph: degree and betweenness
// centrality, ego networks, communities (Louvain modularity) and shortest
// paths in which every edge carries the claims that make it, with their
// dates and sources. An edge is certain when a claim certainly held in the
// range (When.CertainlyAt its days), possible when a claim's time only may
// overlap it.
package network

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/tokumu/tokumu"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Options select the graph. Zero values select every dated relation
// between entities of the default types.
type Options struct {
	// From and To bound the range of days; zero is unbounded. At sets
	// both to one day.
	From, To, At tokumu.Day
	// Certain keeps only edges some claim certainly makes in the range.
	Certain bool
	// Undated keeps claims without a time (as possible edges).
	Undated bool
	// Types are the entity types the graph holds; nil means DefaultTypes.
	Types []tokumu.EntityType
	// Tag keeps only entities with the tag (and, with Ego, the ego).
	Tag string
	// Exclude leaves out predicates (e.g. those of the analyses).
	Exclude func(pred string) bool
}

// DefaultTypes are actors, operations, events and documents: what links
// people to organizations. Places and periods would make every actor a
// neighbour of every other through Harbin or "Period II".
var DefaultTypes = []tokumu.EntityType{tokumu.Person, tokumu.Organization, tokumu.Unit, tokumu.Operation, tokumu.Event, tokumu.Document}

// Edge joins two entities by the claims that relate them in the range.
type Edge struct {
	A       string          `json:"a"`
	B       string          `json:"b"`
	Claims  []*tokumu.Claim `json:"claims"`
	Certain bool            `json:"certain"`
	Dated   bool            `json:"dated"` // some claim of the edge has a time
}

// Graph is the relation graph of a range.
type Graph struct {
	Options Options
	g       *simple.WeightedUndirectedGraph
	ids     map[string]int64
	names   []string
	edges   map[[2]int64]*Edge
	types   map[string]tokumu.EntityType
}

// Build makes the graph of the relation claims cs between entities.
func Build(cs []*tokumu.Claim, entities map[string]*tokumu.Entity, opt Options) *Graph {
	if opt.At != 0 {
		opt.From, opt.To = opt.At, opt.At
	}
	types := opt.Types
	if types == nil {
		types = DefaultTypes
	}
	from, to := opt.From, opt.To
	if from == 0 {
		from = tokumu.MinDay
	}
	if to == 0 {
		to = tokumu.MaxDay
	}
	gr := &Graph{Options: opt, g: simple.NewWeightedUndirectedGraph(0, 0), ids: map[string]int64{},
		edges: map[[2]int64]*Edge{}, types: map[string]tokumu.EntityType{}}
	keep := func(e *tokumu.Entity) bool {
		return e != nil && slices.Contains(types, e.Type) && (opt.Tag == "" || slices.Contains(e.Tags, opt.Tag))
	}
	for _, c := range cs {
		if c.Object == "" || c.Object == c.Subject || (opt.Exclude != nil && opt.Exclude(c.Predicate)) {
			continue
		}
		a, b := entities[c.Subject], entities[c.Object]
		if !keep(a) || !keep(b) {
			continue
		}
		certain := false
		switch {
		case c.When.IsZero():
			if !opt.Undated {
				continue
			}
		case c.When.Earliest > to || c.When.Latest < from:
			continue
		default:
			certain = c.When.Interval && c.When.LatestStart <= to && from <= c.When.EarliestEnd
			if !c.When.Interval && from == to {
				certain = c.When.Earliest == from && c.When.Latest == to
			}
		}
		if opt.Certain && !certain {
			continue
		}
		u, v := gr.node(a.ID, a.Type), gr.node(b.ID, b.Type)
		k := [2]int64{min(u, v), max(u, v)}
		e := gr.edges[k]
		if e == nil {
			e = &Edge{A: gr.names[k[0]], B: gr.names[k[1]]}
			gr.edges[k] = e
		}
		e.Claims = append(e.Claims, c)
		e.Certain = e.Certain || certain
		e.Dated = e.Dated || !c.When.IsZero()
	}
	for k, e := range gr.edges {
		gr.g.SetWeightedEdge(gr.g.NewWeightedEdge(simple.Node(k[0]), simple.Node(k[1]), e.weight()))
	}
	return gr
}

// weight is an edge's length for shortest paths: 1 when certain, 1.5
// when possible, 3 when no claim of it is dated — so a dated chain is
// preferred to a shorter one through links nobody dated.
func (e *Edge) weight() float64 {
	switch {
	case e.Certain:
		return 1
	case e.Dated:
		return 1.5
	}
	return 3
}

func (gr *Graph) node(id string, t tokumu.EntityType) int64 {
	if n, ok := gr.ids[id]; ok {
		return n
	}
	n := int64(len(gr.names))
	gr.ids[id] = n
	gr.names = append(gr.names, id)
	gr.types[id] = t
	gr.g.AddNode(simple.Node(n))
	return n
}

// Nodes returns the entity ids in the graph, sorted.
func (gr *Graph) Nodes() []string {
	out := slices.Clone(gr.names)
	slices.Sort(out)
	return out
}

// Has reports whether entity id is in the graph.
func (gr *Graph) Has(id string) bool { _, ok := gr.ids[id]; return ok }

// Type returns the entity type of a node.
func (gr *Graph) Type(id string) tokumu.EntityType { return gr.types[id] }

// Edges returns the edges, ordered by their ends.
func (gr *Graph) Edges() []*Edge {
	out := make([]*Edge, 0, len(gr.edges))
	for _, e := range gr.edges {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// Edge returns the edge between a and b, or nil.
func (gr *Graph) Edge(a, b string) *Edge {
	u, ok1 := gr.ids[a]
	v, ok2 := gr.ids[b]
	if !ok1 || !ok2 {
		return nil
	}
	return gr.edges[[2]int64{min(u, v), max(u, v)}]
}

// Score is a node's centrality.
type Score struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

func (gr *Graph) ranked(m map[int64]float64) []Score {
	out := make([]Score, 0, len(gr.names))
	for i, id := range gr.names {
		out = append(out, Score{ID: id, Score: m[int64(i)]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Degree returns each node's number of neighbours, highest first.
func (gr *Graph) Degree() []Score {
	m := map[int64]float64{}
	for k := range gr.edges {
		m[k[0]]++
		m[k[1]]++
	}
	return gr.ranked(m)
}

// Betweenness returns each node's betweenness centrality (Brandes, over
// unweighted shortest paths), highest first, counting each pair of ends
// once (the middle of a path a–b–c scores 1). It runs Brandes' algorithm
// on integer adjacency lists rather than gonum's network.Betweenness,
// which keeps maps per source and measured ~100× slower here (1.6 s for
// 544 nodes; see BENCHMARKS.md).
func (gr *Graph) Betweenness() []Score {
	n := len(gr.names)
	adj := make([][]int32, n)
	for k := range gr.edges {
		adj[k[0]] = append(adj[k[0]], int32(k[1]))
		adj[k[1]] = append(adj[k[1]], int32(k[0]))
	}
	cb := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	stack := make([]int32, 0, n)
	queue := make([]int32, 0, n)
	for s := 0; s < n; s++ {
		for i := range dist {
			dist[i], sigma[i], delta[i] = -1, 0, 0
		}
		stack, queue = stack[:0], append(queue[:0], int32(s))
		dist[s], sigma[s] = 0, 1
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			stack = append(stack, v)
			for _, w := range adj[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range adj[w] {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if int(w) != s {
				cb[w] += delta[w]
			}
		}
	}
	m := make(map[int64]float64, n)
	for i, v := range cb {
		if v != 0 {
			m[int64(i)] = v / 2
		}
	}
	return gr.ranked(m)
}

// unweighted hides the weights, so that betweenness counts hops.
type unweighted struct {
	*simple.WeightedUndirectedGraph
}

func (u unweighted) Edge(uid, vid int64) graph.Edge {
	e := u.WeightedUndirectedGraph.Edge(uid, vid)
	if e == nil {
		return nil
	}
	return simple.Edge{F: e.From(), T: e.To()}
}

// Ego returns the graph of the nodes within radius hops of id and the
// edges among them, or nil if id is not in the graph.
func (gr *Graph) Ego(id string, radius int) *Graph {
	start, ok := gr.ids[id]
	if !ok {
		return nil
	}
	dist := map[int64]int{start: 0}
	queue := []int64{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if dist[n] == radius {
			continue
		}
		it := gr.g.From(n)
		for it.Next() {
			m := it.Node().ID()
			if _, seen := dist[m]; !seen {
				dist[m] = dist[n] + 1
				queue = append(queue, m)
			}
		}
	}
	sub := &Graph{Options: gr.Options, g: simple.NewWeightedUndirectedGraph(0, 0), ids: map[string]int64{},
		edges: map[[2]int64]*Edge{}, types: map[string]tokumu.EntityType{}}
	ns := make([]int64, 0, len(dist))
	for n := range dist {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	for _, n := range ns {
		sub.node(gr.names[n], gr.types[gr.names[n]])
	}
	for _, n := range ns {
		it := gr.g.From(n)
		for it.Next() {
			m := it.Node().ID()
			if _, in := dist[m]; !in || m < n {
				continue // outside, or seen from the other end
			}
			u, v := sub.ids[gr.names[n]], sub.ids[gr.names[m]]
			sk := [2]int64{min(u, v), max(u, v)}
			sub.edges[sk] = gr.edges[[2]int64{n, m}]
			w, _ := gr.g.Weight(n, m)
			sub.g.SetWeightedEdge(sub.g.NewWeightedEdge(simple.Node(sk[0]), simple.Node(sk[1]), w))
		}
	}
	return sub
}

// Communities partitions the graph by Louvain modularity (resolution 1,
// a fixed seed so that the same corpus gives the same partition): each
// community's ids sorted, the largest first.
func (gr *Graph) Communities() [][]string {
	if len(gr.names) == 0 {
		return nil
	}
	red := community.Modularize(unweighted{gr.g}, 1, rand.NewPCG(1, 2))
	var out [][]string
	for _, c := range red.Communities() {
		ids := make([]string, 0, len(c))
		for _, n := range c {
			ids = append(ids, gr.names[n.ID()])
		}
		slices.Sort(ids)
		out = append(out, ids)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i][0] < out[j][0]
	})
	return out
}

// Step is one edge of a path, with the claims that make it.
type Step struct {
	From    string          `json:"from"`
	To      string          `json:"to"`
	Certain bool            `json:"certain"`
	Claims  []*tokumu.Claim `json:"claims"`
}

// Path returns a shortest path from a to b by Edge weights: a path of
// certain links wins over one as short through links that only may have
// held, and both over links nobody dated. It returns ENOTFOUND when either
// end is not in the graph or no path joins them.
func (gr *Graph) Path(a, b string) ([]Step, error) {
	u, ok := gr.ids[a]
	if !ok {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "%s has no relations in this range (try another --at date or none)", a)
	}
	v, ok := gr.ids[b]
	if !ok {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "%s has no relations in this range (try another --at date or none)", b)
	}
	ns, _ := path.DijkstraFromTo(simple.Node(u), simple.Node(v), gr.g)
	if len(ns) == 0 {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no path joins %s and %s in this range", a, b)
	}
	steps := make([]Step, 0, len(ns)-1)
	for i := 1; i < len(ns); i++ {
		x, y := ns[i-1].ID(), ns[i].ID()
		e := gr.edges[[2]int64{min(x, y), max(x, y)}]
		steps = append(steps, Step{From: gr.names[x], To: gr.names[y], Certain: e.Certain, Claims: e.Claims})
	}
	return steps, nil
}
