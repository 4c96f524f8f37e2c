// Package network is the relation graph of a corpus at a date or over a
// range of dates, on gonum.org/v1/gonum/graph: degree and betweenness
// centrality, ego networks, communities (Louvain modularity) and shortest
// paths in which every edge carries the claims that make it, with their
// dates and sources. An edge is certain when a claim certainly held in the
// range (When.CertainlyAt its days), possible when a claim's time only may
// overlap it.
package network

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/tokumu/tokumu"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
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
	// Possible, if set, says whether a claim the range admits by its own
	// dates (or an undated one) can have held in [from, to] given the
	// rest of the evidence (view.Bound: a 1926 posting whose holder
	// moved on in 1930 is no link in 1941, an undated membership of an
	// organization founded in 1940 none in 1925). The graph keeps only
	// what it allows; certainty is still read from the claim's own dates.
	Possible func(c *tokumu.Claim, from, to tokumu.Day) bool
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
	// Refs are the indexes of the claims instead, in a graph made by
	// BuildIndexed (Claims is then nil).
	Refs []int32 `json:"-"`
}

// Graph is the relation graph of a range. Nodes are numbered in the order
// the claims first name them; each node's neighbours are kept as a slice
// of arcs sorted by neighbour number (integer adjacency), which is what
// Ego, Path and Betweenness walk. gonum's map-backed graph is made only
// for Communities, on first use: walking it cost Dijkstra most of its
// time at 100k nodes (BENCHMARKS.md, "Analyses").
type Graph struct {
	Options Options
	ids     map[string]int32
	names   []string
	types   []tokumu.EntityType
	adj     [][]arc
	nedges  int

	gonumOnce sync.Once
	gonum     *simple.WeightedUndirectedGraph

	// scratchPool holds *searchScratch for Path: labels for every node,
	// reused, since a map per search cost more than the search.
	scratchPool sync.Pool
}

// arc is one side of an edge: the neighbour and the edge itself.
type arc struct {
	to int32
	e  *Edge
}

// Build makes the graph of the relation claims cs between entities.
func Build(cs []*tokumu.Claim, entities map[string]*tokumu.Entity, opt Options) *Graph {
	return build(len(cs), func(i int) *tokumu.Claim { return cs[i] }, entities, opt, false)
}

// BuildIndexed is Build over n claims that at gives one at a time, and
// its edges keep the claims' indexes (Edge.Refs, Step.Refs) instead of
// the claims: a graph over every relation of a large corpus then holds 4
// bytes a claim rather than the claim, and the caller reads in full only
// the claims it shows (the server's /api/path). at may reuse the claim
// it returns: Build reads it only until the next call.
func BuildIndexed(n int, at func(i int) *tokumu.Claim, entities map[string]*tokumu.Entity, opt Options) *Graph {
	return build(n, at, entities, opt, true)
}

func build(n int, at func(i int) *tokumu.Claim, entities map[string]*tokumu.Entity, opt Options, indexed bool) *Graph {
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
	gr := &Graph{Options: opt, ids: map[string]int32{}}
	edges := map[[2]int32]*Edge{}
	keep := func(e *tokumu.Entity) bool {
		return e != nil && slices.Contains(types, e.Type) && (opt.Tag == "" || slices.Contains(e.Tags, opt.Tag))
	}
	for i := 0; i < n; i++ {
		c := at(i)
		// A claim with a perspective is what someone believed or
		// testified (an interrogation, a recollection), not a relation
		// of the historiography: a path through it would state it as
		// fact, and no evidence bounds it (view.Bound).
		if c.Object == "" || c.Object == c.Subject || c.Perspective != "" || (opt.Exclude != nil && opt.Exclude(c.Predicate)) {
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
		if opt.Possible != nil && !opt.Possible(c, from, to) {
			continue
		}
		u, v := gr.node(a.ID, a.Type), gr.node(b.ID, b.Type)
		k := [2]int32{min(u, v), max(u, v)}
		e := edges[k]
		if e == nil {
			e = &Edge{A: gr.names[k[0]], B: gr.names[k[1]]}
			edges[k] = e
			gr.adj[u] = append(gr.adj[u], arc{v, e})
			gr.adj[v] = append(gr.adj[v], arc{u, e})
			gr.nedges++
		}
		if indexed {
			e.Refs = append(e.Refs, int32(i))
		} else {
			e.Claims = append(e.Claims, c)
		}
		e.Certain = e.Certain || certain
		e.Dated = e.Dated || !c.When.IsZero()
	}
	for _, as := range gr.adj {
		slices.SortFunc(as, func(x, y arc) int { return int(x.to - y.to) })
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

func (gr *Graph) node(id string, t tokumu.EntityType) int32 {
	if n, ok := gr.ids[id]; ok {
		return n
	}
	n := int32(len(gr.names))
	gr.ids[id] = n
	gr.names = append(gr.names, id)
	gr.types = append(gr.types, t)
	gr.adj = append(gr.adj, nil)
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
func (gr *Graph) Type(id string) tokumu.EntityType {
	if n, ok := gr.ids[id]; ok {
		return gr.types[n]
	}
	return ""
}

// Edges returns the edges, ordered by their ends.
func (gr *Graph) Edges() []*Edge {
	out := make([]*Edge, 0, gr.nedges)
	for u, as := range gr.adj {
		for _, a := range as {
			if a.to > int32(u) {
				out = append(out, a.e)
			}
		}
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
	return gr.edge(u, v)
}

// edge finds v among u's neighbours (sorted) by binary search, on the
// side with fewer neighbours.
func (gr *Graph) edge(u, v int32) *Edge {
	if len(gr.adj[v]) < len(gr.adj[u]) {
		u, v = v, u
	}
	as := gr.adj[u]
	i, ok := slices.BinarySearchFunc(as, v, func(x arc, t int32) int { return int(x.to - t) })
	if !ok {
		return nil
	}
	return as[i].e
}

// Score is a node's centrality.
type Score struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

func (gr *Graph) ranked(m []float64) []Score {
	out := make([]Score, 0, len(gr.names))
	for i, id := range gr.names {
		out = append(out, Score{ID: id, Score: m[i]})
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
	m := make([]float64, len(gr.names))
	for i, as := range gr.adj {
		m[i] = float64(len(as))
	}
	return gr.ranked(m)
}

// Betweenness returns each node's betweenness centrality (Brandes, over
// unweighted shortest paths), highest first, counting each pair of ends
// once (the middle of a path a–b–c scores 1). It runs Brandes' algorithm
// on a compact copy of the adjacency rather than gonum's
// network.Betweenness, which keeps maps per source and measured ~100×
// slower here (1.6 s for 544 nodes; see BENCHMARKS.md).
//
// Trees hanging off the graph are counted without walking them: leaves
// are removed one after another (a node left with one neighbour becomes
// a leaf in turn), each removed node's betweenness is the number of
// pairs its tree routes through it, and each remaining node carries the
// weight of the trees it lost. Brandes then walks only what remains (the
// core), each pair of ends counted by the product of their weights. The
// relation graphs of a corpus are mostly trees around a few hubs, so
// this halves the work or better. The sources are cut into a fixed
// number of blocks that the cores share, each block summing into its
// own array and the blocks added in order: the result does not depend on
// the number of cores.
func (gr *Graph) Betweenness() []Score {
	n := len(gr.names)
	deg := make([]int32, n)
	for u, as := range gr.adj {
		deg[u] = int32(len(as))
	}
	// The size of each node's component (in nodes), for the pairs a
	// removed tree routes through its root.
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var size []float64
	var q []int32
	for u := int32(0); u < int32(n); u++ {
		if comp[u] >= 0 {
			continue
		}
		c := int32(len(size))
		comp[u] = c
		q = append(q[:0], u)
		for h := 0; h < len(q); h++ {
			for _, a := range gr.adj[q[h]] {
				if comp[a.to] < 0 {
					comp[a.to] = c
					q = append(q, a.to)
				}
			}
		}
		size = append(size, float64(len(q)))
	}
	cb := make([]float64, n)        // unordered pairs, counted directly
	weight := make([]float64, n)    // the node and the trees removed into it
	treePairs := make([]float64, n) // pairs between two trees removed into the node
	removed := make([]bool, n)
	for i := range weight {
		weight[i] = 1
	}
	q = q[:0]
	for u := int32(0); u < int32(n); u++ {
		if deg[u] == 1 {
			q = append(q, u)
		}
	}
	for h := 0; h < len(q); h++ {
		s := q[h]
		p := int32(-1)
		for _, a := range gr.adj[s] {
			if !removed[a.to] {
				p = a.to
				break
			}
		}
		if deg[p] == 1 {
			continue // the last two nodes of a tree: both stay
		}
		removed[s] = true
		cb[s] = treePairs[s] + (weight[s]-1)*(size[comp[s]]-weight[s])
		treePairs[p] += (weight[p] - 1) * weight[s]
		weight[p] += weight[s]
		if deg[p]--; deg[p] == 1 {
			q = append(q, p)
		}
	}
	// The core, renumbered, as one neighbour array.
	core := make([]int32, 0, n)
	num := make([]int32, n)
	for u := int32(0); u < int32(n); u++ {
		if !removed[u] {
			num[u] = int32(len(core))
			core = append(core, u)
			cb[u] = treePairs[u] + (weight[u]-1)*(size[comp[u]]-weight[u])
		}
	}
	m := len(core)
	off := make([]int32, m+1)
	nbr := make([]int32, 0, 2*gr.nedges)
	w := make([]float64, m)
	for i, u := range core {
		for _, a := range gr.adj[u] {
			if !removed[a.to] {
				nbr = append(nbr, num[a.to])
			}
		}
		off[i+1] = int32(len(nbr))
		w[i] = weight[u]
	}
	const blocks = 8
	part := make([][]float64, blocks)
	next := make(chan int, blocks)
	for k := 0; k < blocks; k++ {
		next <- k
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), blocks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			br := newBrandes(m)
			for k := range next {
				sum := make([]float64, m)
				for s := int32(k * m / blocks); s < int32((k+1)*m/blocks); s++ {
					br.from(s, off, nbr, w, sum)
				}
				part[k] = sum
			}
		}()
	}
	wg.Wait()
	for _, p := range part {
		for i, v := range p {
			cb[core[i]] += v / 2 // each pair was counted from both ends
		}
	}
	return gr.ranked(cb)
}

// brandes is one worker's scratch for Brandes' algorithm: a node's
// distance, path count and dependency side by side, so that visiting a
// neighbour touches one cache line rather than three arrays.
type brandes struct {
	st    []brandesNode
	stack []int32
}

type brandesNode struct {
	dist         int32
	sigma, delta float64
}

func newBrandes(n int) *brandes {
	return &brandes{st: make([]brandesNode, n), stack: make([]int32, 0, n)}
}

// from adds to cb the dependency of every node on source s, each target
// counted w times and the whole times w[s]: a breadth-first walk counting
// shortest paths, then the nodes in reverse order of distance passing
// their dependency to their predecessors.
func (br *brandes) from(s int32, off, nbr []int32, w, cb []float64) {
	st := br.st
	for i := range st {
		st[i] = brandesNode{dist: -1}
	}
	st[s].dist, st[s].sigma = 0, 1
	q := append(br.stack[:0], s) // the queue is the stack: BFS order
	for h := 0; h < len(q); h++ {
		v := q[h]
		dv, sv := st[v].dist, st[v].sigma
		for _, t := range nbr[off[v]:off[v+1]] {
			x := &st[t]
			if x.dist < 0 {
				x.dist = dv + 1
				q = append(q, t)
			}
			if x.dist == dv+1 {
				x.sigma += sv
			}
		}
	}
	ws := w[s]
	for i := len(q) - 1; i > 0; i-- {
		t := q[i]
		c := (w[t] + st[t].delta) / st[t].sigma
		dt := st[t].dist
		for _, v := range nbr[off[t]:off[t+1]] {
			if x := &st[v]; x.dist == dt-1 {
				x.delta += x.sigma * c
			}
		}
		cb[t] += ws * st[t].delta
	}
	br.stack = q
}

// Ego returns the graph of the nodes within radius hops of id and the
// edges among them, or nil if id is not in the graph. The nodes keep
// their relative order, so the ego graph's adjacency stays sorted.
func (gr *Graph) Ego(id string, radius int) *Graph {
	start, ok := gr.ids[id]
	if !ok {
		return nil
	}
	// A breadth-first walk, the distances in the reused search scratch.
	sc := gr.scratch()
	defer gr.scratchPool.Put(sc)
	walk := &sc.side[0]
	walk.set(start, 0, -1)
	queue := []int32{start}
	for h := 0; h < len(queue); h++ {
		n := queue[h]
		if walk.d[n] == int64(radius) {
			continue
		}
		for _, a := range gr.adj[n] {
			if !walk.has(a.to) {
				walk.set(a.to, walk.d[n]+1, n)
				queue = append(queue, a.to)
			}
		}
	}
	slices.Sort(queue)
	sub := &Graph{Options: gr.Options, ids: make(map[string]int32, len(queue)),
		names: make([]string, 0, len(queue)), types: make([]tokumu.EntityType, 0, len(queue)), adj: make([][]arc, len(queue))}
	for i, n := range queue {
		sub.ids[gr.names[n]] = int32(i)
		sub.names = append(sub.names, gr.names[n])
		sub.types = append(sub.types, gr.types[n])
		walk.prev[n] = int32(i) // the node's number in sub, from here on
	}
	for i, n := range queue {
		for _, a := range gr.adj[n] {
			if !walk.has(a.to) {
				continue
			}
			sub.adj[i] = append(sub.adj[i], arc{walk.prev[a.to], a.e})
			if a.to > n {
				sub.nedges++
			}
		}
	}
	return sub
}

// unweighted hides the weights, so that communities count links, not
// their certainty.
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

// gonumGraph is the graph as gonum's, made once on first use.
func (gr *Graph) gonumGraph() *simple.WeightedUndirectedGraph {
	gr.gonumOnce.Do(func() {
		g := simple.NewWeightedUndirectedGraph(0, 0)
		for u := range gr.names {
			g.AddNode(simple.Node(u))
		}
		for u, as := range gr.adj {
			for _, a := range as {
				if a.to > int32(u) {
					g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(u), simple.Node(a.to), a.e.weight()))
				}
			}
		}
		gr.gonum = g
	})
	return gr.gonum
}

// Communities partitions the graph by Louvain modularity (resolution 1,
// a fixed seed so that the same corpus gives the same partition): each
// community's ids sorted, the largest first.
func (gr *Graph) Communities() [][]string {
	if len(gr.names) == 0 {
		return nil
	}
	red := community.Modularize(unweighted{gr.gonumGraph()}, 1, rand.NewPCG(1, 2))
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
	Refs    []int32         `json:"-"` // the claims' indexes, in a graph made by BuildIndexed
}

// Path returns a shortest path from a to b by Edge weights: a path of
// certain links wins over one as short through links that only may have
// held, and both over links nobody dated. Among paths of the same weight
// it returns one of the fewest steps. It returns ENOTFOUND when either
// end is not in the graph or no path joins them.
func (gr *Graph) Path(a, b string) ([]Step, error) {
	u, ok := gr.ids[a]
	if !ok {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "%s has no relations in this range with these filters (another date, or links that are undated or only possible, may give some)", a)
	}
	v, ok := gr.ids[b]
	if !ok {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "%s has no relations in this range with these filters (another date, or links that are undated or only possible, may give some)", b)
	}
	ns := gr.shortest(u, v)
	if len(ns) == 0 {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no path joins %s and %s in this range", a, b)
	}
	steps := make([]Step, 0, len(ns)-1)
	for i := 1; i < len(ns); i++ {
		x, y := ns[i-1], ns[i]
		e := gr.edge(x, y)
		steps = append(steps, Step{From: gr.names[x], To: gr.names[y], Certain: e.Certain, Claims: e.Claims, Refs: e.Refs})
	}
	return steps, nil
}

// cost is an edge's length for shortest: twice its weight (1, 1.5 and 3
// become the integers 2, 3 and 6) in the high bits and one step in the
// low 32, so that sums compare by weight first and by steps second.
func (e *Edge) cost() int64 { return int64(e.weight()*2)<<32 | 1 }

// shortest is a bidirectional Dijkstra search from u and from v at once
// over the integer adjacency, each side expanding the node nearest its
// end, the side with the smaller queue first (a search that starts in a
// small component ends as soon as that component is exhausted). It
// stops when the two nearest distances together reach the best meeting
// found, which is then a shortest path. It returns the nodes from u to
// v, or nil when none joins them.
func (gr *Graph) shortest(u, v int32) []int32 {
	if u == v {
		return []int32{u}
	}
	sc := gr.scratch()
	defer gr.scratchPool.Put(sc)
	side := &sc.side
	for s, start := range [2]int32{u, v} {
		side[s].q = side[s].q[:0]
		side[s].set(start, 0, -1)
		side[s].q.push(0, start)
	}
	best, meet := int64(math.MaxInt64), int32(-1)
	for len(side[0].q) > 0 && len(side[1].q) > 0 {
		if side[0].q[0].d+side[1].q[0].d >= best {
			break
		}
		s := 0
		if len(side[1].q) < len(side[0].q) {
			s = 1
		}
		me, other := &side[s], &side[1-s]
		it := me.q.pop()
		x := it.n
		if me.done[x] == me.gen || it.d > me.d[x] {
			continue // a stale entry
		}
		me.done[x] = me.gen
		for _, a := range gr.adj[x] {
			y := a.to
			d := me.d[x] + a.e.cost()
			if !me.has(y) {
				me.set(y, d, x)
				me.q.push(d, y)
			} else if d < me.d[y] && me.done[y] != me.gen {
				me.d[y], me.prev[y] = d, x
				me.q.push(d, y)
			}
			if other.has(y) && me.d[y]+other.d[y] < best {
				best, meet = me.d[y]+other.d[y], y
			}
		}
	}
	if meet < 0 {
		return nil
	}
	var out []int32
	for n := meet; n >= 0; n = side[0].prev[n] {
		out = append(out, n)
	}
	slices.Reverse(out)
	for n := side[1].prev[meet]; n >= 0; n = side[1].prev[n] {
		out = append(out, n)
	}
	return out
}

// searchScratch holds one search's labels for every node of a graph,
// reused between searches: a label counts only when its stamp is the
// search's generation, so a new search clears nothing.
type searchScratch struct {
	side [2]searchSide
}

type searchSide struct {
	gen        uint32
	seen, done []uint32
	d          []int64
	prev       []int32
	q          costHeap
}

func (s *searchSide) has(n int32) bool { return s.seen[n] == s.gen }

func (s *searchSide) set(n int32, d int64, prev int32) {
	s.seen[n], s.d[n], s.prev[n] = s.gen, d, prev
}

// scratch returns a search scratch sized for the graph, its generation
// advanced.
func (gr *Graph) scratch() *searchScratch {
	sc, _ := gr.scratchPool.Get().(*searchScratch)
	if sc == nil {
		sc = &searchScratch{}
		n := len(gr.names)
		for s := range sc.side {
			sc.side[s] = searchSide{seen: make([]uint32, n), done: make([]uint32, n), d: make([]int64, n), prev: make([]int32, n)}
		}
	}
	for s := range sc.side {
		side := &sc.side[s]
		side.gen++
		if side.gen == 0 { // wrapped: clear the stamps once in 2³² searches
			clear(side.seen)
			clear(side.done)
			side.gen = 1
		}
	}
	return sc
}

// costHeap is a binary min-heap of (distance, node), with stale entries
// left in and skipped when popped.
type costHeap []costItem

type costItem struct {
	d int64
	n int32
}

func (h *costHeap) push(d int64, n int32) {
	*h = append(*h, costItem{d, n})
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if !q[i].less(q[p]) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (h *costHeap) pop() costItem {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(q) && q[l].less(q[m]) {
			m = l
		}
		if r := l + 1; r < len(q) && q[r].less(q[m]) {
			m = r
		}
		if m == i {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	*h = q
	return top
}

// less orders by distance, then by node number, so that the search (and
// so the path among equals) does not depend on the order of pushes.
func (a costItem) less(b costItem) bool { return a.d < b.d || a.d == b.d && a.n < b.n }
