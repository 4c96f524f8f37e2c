package view

import (
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// Graph is the relation network of a set of claims: who is linked to whom,
// by which predicates, with each node's degree.
type Graph struct {
	Nodes []GraphNode // by degree, then id
	Links []GraphLink // in the order of the first claim that made each
	// Total counts the nodes before the cut to the maximum asked for.
	Total int
}

// GraphNode is an entity of the network.
type GraphNode struct {
	ID     string            `json:"id"`
	Type   tokumu.EntityType `json:"type"`
	Degree int               `json:"degree"`
}

// GraphLink joins two entities by one or more predicates; Source and
// Target follow the direction of the first claim.
type GraphLink struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Preds  []string `json:"preds"` // predicate ids
}

// NetworkTypes are the entity types a network draws: actors and
// operations, not places, events or documents.
var NetworkTypes = map[tokumu.EntityType]bool{tokumu.Person: true, tokumu.Organization: true, tokumu.Unit: true, tokumu.Operation: true}

// Network builds the graph of the relation claims cs between entities of
// NetworkTypes, skipping undated claims unless undated, and keeps the max
// nodes of highest degree (0 keeps all) with the links among them.
func Network(cs []*tokumu.Claim, entities map[string]*tokumu.Entity, undated bool, max int) Graph {
	deg := map[string]int{}
	type pair struct{ a, b string }
	links := map[pair]*GraphLink{}
	var order []pair
	for _, c := range cs {
		if !undated && c.When.IsZero() {
			continue
		}
		a, b := entities[c.Subject], entities[c.Object]
		if a == nil || b == nil || !NetworkTypes[a.Type] || !NetworkTypes[b.Type] || a.ID == b.ID {
			continue
		}
		k := pair{a.ID, b.ID}
		if k.b < k.a {
			k = pair{k.b, k.a}
		}
		l := links[k]
		if l == nil {
			l = &GraphLink{Source: a.ID, Target: b.ID}
			links[k] = l
			order = append(order, k)
			deg[k.a]++
			deg[k.b]++
		}
		l.Preds = appendNew(l.Preds, c.Predicate)
	}
	var g Graph
	for id, d := range deg {
		g.Nodes = append(g.Nodes, GraphNode{ID: id, Type: entities[id].Type, Degree: d})
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		if g.Nodes[i].Degree != g.Nodes[j].Degree {
			return g.Nodes[i].Degree > g.Nodes[j].Degree
		}
		return g.Nodes[i].ID < g.Nodes[j].ID
	})
	g.Total = len(g.Nodes)
	if max > 0 && len(g.Nodes) > max {
		g.Nodes = g.Nodes[:max]
	}
	keep := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		keep[n.ID] = true
	}
	for _, k := range order {
		if keep[k.a] && keep[k.b] {
			g.Links = append(g.Links, *links[k])
		}
	}
	return g
}

// NetworkOf is Network over the relations of r at the indexes ix, with
// the types of the entities r recorded: the same graph, found with
// integer ids rather than a lookup of two entity ids per claim in a map
// of every entity (two thirds of the network page's CPU at 1M claims),
// in scratch space reused between calls, and with a link made only for
// the pairs drawn (a range at 1M claims has thousands of pairs and
// draws a few hundred): the page's garbage made the GC run often enough
// to be most of its p99.
func NetworkOf(r *Relations, ix []int32, undated bool, max int) Graph {
	sc, _ := r.scratch.Get().(*netScratch)
	if sc == nil || len(sc.deg) != len(r.strs) {
		sc = &netScratch{deg: make([]int32, len(r.strs)), links: map[uint64]int32{}}
	}
	defer func() {
		for _, id := range sc.touched {
			sc.deg[id] = 0
		}
		sc.touched, sc.ends, sc.pos = sc.touched[:0], sc.ends[:0], sc.pos[:0]
		clear(sc.links)
		r.scratch.Put(sc)
	}()
	// link returns the pair of the i-th relation, if the graph draws it.
	link := func(i int32) (uint64, bool) {
		x := &r.rs[i]
		if (!undated && x.when < 0) || x.subj == x.obj || !r.drawn[x.subj] || !r.drawn[x.obj] {
			return 0, false
		}
		lo, hi := x.subj, x.obj
		if hi < lo {
			lo, hi = hi, lo
		}
		return uint64(uint32(lo))<<32 | uint64(uint32(hi)), true
	}
	for _, i := range ix {
		k, ok := link(i)
		if !ok {
			continue
		}
		if _, seen := sc.links[k]; seen {
			continue
		}
		x := &r.rs[i]
		sc.links[k] = int32(len(sc.ends))
		sc.ends = append(sc.ends, [2]int32{x.subj, x.obj})
		for _, e := range [2]int32{x.subj, x.obj} {
			if sc.deg[e] == 0 {
				sc.touched = append(sc.touched, e)
			}
			sc.deg[e]++
		}
	}
	nodes := make([]GraphNode, 0, len(sc.touched))
	for _, id := range sc.touched {
		nodes = append(nodes, GraphNode{ID: r.strs[id], Type: r.types[id], Degree: int(sc.deg[id])})
	}
	var g Graph
	g.Total = len(nodes)
	if len(nodes) > 0 {
		g.Nodes = topNodes(nodes, max)
	}
	keep := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		keep[n.ID] = true
	}
	// The links among the nodes kept, in the order of their first claim,
	// and their predicates in the order of the claims.
	for _, e := range sc.ends {
		p := int32(-1)
		if keep[r.strs[e[0]]] && keep[r.strs[e[1]]] {
			p = int32(len(g.Links))
			g.Links = append(g.Links, GraphLink{Source: r.strs[e[0]], Target: r.strs[e[1]]})
		}
		sc.pos = append(sc.pos, p)
	}
	if len(g.Links) > 0 {
		for _, i := range ix {
			if k, ok := link(i); ok {
				if p := sc.pos[sc.links[k]]; p >= 0 {
					g.Links[p].Preds = appendNew(g.Links[p].Preds, r.strs[r.rs[i].pred])
				}
			}
		}
	}
	return g
}

// netScratch is NetworkOf's working space, kept in Relations.scratch.
type netScratch struct {
	deg     []int32 // by index in strs
	touched []int32 // the indexes whose deg is set
	links   map[uint64]int32
	ends    [][2]int32 // of each link, by number
	pos     []int32    // of each link: its place in the graph's links, -1 if not drawn
}

// topNodes returns the limit nodes of ns (0: all) first by degree, then by
// id, sorted so. Only the nodes that can be among them are sorted: those
// above the degree of the max-th, and of those at it, the ones whose ids
// come first — a page of a five-year range at 1M claims has thousands of
// nodes and draws 250, and sorting them all was a third of its graph's
// time.
func topNodes(ns []GraphNode, limit int) []GraphNode {
	less := func(a, b GraphNode) int {
		if a.Degree != b.Degree {
			return b.Degree - a.Degree
		}
		return strings.Compare(a.ID, b.ID)
	}
	if limit <= 0 || len(ns) <= limit {
		slices.SortFunc(ns, less)
		return ns
	}
	// The degree of the limit-th node: count the nodes of each degree.
	top := 0
	for _, n := range ns {
		top = max(top, n.Degree)
	}
	count := make([]int, top+1)
	for _, n := range ns {
		count[n.Degree]++
	}
	cut, above := top, 0
	for ; cut > 0 && above+count[cut] < limit; cut-- {
		above += count[cut]
	}
	var keep, at []GraphNode
	for _, n := range ns {
		switch {
		case n.Degree > cut:
			keep = append(keep, n)
		case n.Degree == cut:
			at = append(at, n)
		}
	}
	slices.SortFunc(at, less)
	keep = append(keep, at[:min(len(at), limit-len(keep))]...)
	slices.SortFunc(keep, less)
	return keep
}

// NetworkTypeList is NetworkTypes in display order, for filters.
var NetworkTypeList = []tokumu.EntityType{tokumu.Person, tokumu.Organization, tokumu.Unit, tokumu.Operation}
