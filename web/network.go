package web

import (
	"net/http"
	"sort"
	"sync"

	"github.com/tokumu/tokumu"
)

// networkPage links persons, organizations, units and operations by the
// relations that possibly held in a range of years. The server lists the
// nodes by degree and the links; the script lays them out with d3-force.
type networkPage struct {
	base
	From, To int
	Undated  bool
	Nodes    []netNode
	Links    []netLink
	Total    int // nodes before the cut to networkMax
	Data     netData
}

type netNode struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Type   string `json:"type"`
	Degree int    `json:"degree"`
}

type netLink struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Preds  []string `json:"preds"`
}

type netData struct {
	Nodes []netNode `json:"nodes"`
	Links []netLink `json:"links"`
}

// networkMax bounds the nodes drawn: past a few hundred a force layout is
// a hairball, and the page should stay small on a large corpus.
const (
	networkMax    = 250
	networkClaims = 5000
)

var networkTypes = map[tokumu.EntityType]bool{tokumu.Person: true, tokumu.Organization: true, tokumu.Unit: true, tokumu.Operation: true}

func (s *Server) handleNetworkPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := networkPage{base: s.base(r, "network", "Network", "network"),
		From: yearParam(q.Get("from"), 1937), To: yearParam(q.Get("to"), 1941), Undated: q.Get("undated") == "1"}
	if p.From > p.To {
		p.From, p.To = p.To, p.From
	}
	f := tokumu.ClaimFilter{RelationsOnly: true, Limit: networkClaims}
	if !p.Undated {
		f.From, f.To = tokumu.DayOf(p.From, 1, 1), tokumu.DayOf(p.To, 12, 31)
	}
	sn := s.snap
	cs, err := sn.netClaims.get(f, func() ([]*tokumu.Claim, error) { return s.Store.Claims(r.Context(), f) })
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	deg := map[string]int{}
	type pair struct{ a, b string }
	links := map[pair]*netLink{}
	var order []pair
	for _, c := range cs {
		if !p.Undated && c.When.IsZero() {
			continue
		}
		a, b := sn.entities[c.Subject], sn.entities[c.Object]
		if a == nil || b == nil || !networkTypes[a.Type] || !networkTypes[b.Type] || a.ID == b.ID {
			continue
		}
		k := pair{a.ID, b.ID}
		if k.b < k.a {
			k = pair{k.b, k.a}
		}
		l := links[k]
		if l == nil {
			l = &netLink{Source: a.ID, Target: b.ID} // the first claim's direction
			links[k] = l
			order = append(order, k)
			deg[k.a]++
			deg[k.b]++
		}
		l.Preds = appendNew(l.Preds, p.Pred(c.Predicate))
	}
	for id, d := range deg {
		p.Nodes = append(p.Nodes, netNode{ID: id, Label: p.Label(id), Type: string(sn.entities[id].Type), Degree: d})
	}
	sort.Slice(p.Nodes, func(i, j int) bool {
		if p.Nodes[i].Degree != p.Nodes[j].Degree {
			return p.Nodes[i].Degree > p.Nodes[j].Degree
		}
		return p.Nodes[i].ID < p.Nodes[j].ID
	})
	p.Total = len(p.Nodes)
	if len(p.Nodes) > networkMax {
		p.Nodes = p.Nodes[:networkMax]
	}
	keep := map[string]bool{}
	for _, n := range p.Nodes {
		keep[n.ID] = true
	}
	for _, k := range order {
		if keep[k.a] && keep[k.b] {
			p.Links = append(p.Links, *links[k])
		}
	}
	p.Data = netData{Nodes: append([]netNode{}, p.Nodes...), Links: append([]netLink{}, p.Links...)}
	s.render(w, r, http.StatusOK, "network", &p)
}

// claimCache keeps the answers to a few claim queries. The network page's
// query is the one that costs (a range of years over every relation: see
// BENCHMARKS.md), and its answer cannot change until the next Reload,
// which replaces the snapshot and with it the cache.
type claimCache struct {
	mu sync.Mutex
	m  map[tokumu.ClaimFilter][]*tokumu.Claim
}

// claimCacheMax bounds the entries; a full cache starts again empty.
const claimCacheMax = 16

func (c *claimCache) get(f tokumu.ClaimFilter, load func() ([]*tokumu.Claim, error)) ([]*tokumu.Claim, error) {
	c.mu.Lock()
	cs, ok := c.m[f]
	c.mu.Unlock()
	if ok {
		return cs, nil
	}
	cs, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= claimCacheMax {
		c.m = map[tokumu.ClaimFilter][]*tokumu.Claim{}
	}
	c.m[f] = cs
	c.mu.Unlock()
	return cs, nil
}
