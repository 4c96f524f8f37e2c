package web

import (
	"net/http"
	"sync"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
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

func (s *Server) handleNetworkPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := networkPage{base: s.base(r, "network", "Network", "network"), Undated: q.Get("undated") == "1"}
	var err error
	if p.From, p.To, err = yearRange(r, s.st(r).snap.netFrom, s.st(r).snap.netTo); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.From > p.To {
		p.From, p.To = p.To, p.From
	}
	f := tokumu.ClaimFilter{RelationsOnly: true, Limit: networkClaims}
	if !p.Undated {
		f.From, f.To = tokumu.DayOf(p.From, 1, 1), tokumu.DayOf(p.To, 12, 31)
	}
	sn := s.st(r).snap
	cs, err := sn.netClaims.get(f, func() ([]*tokumu.Claim, error) { return s.st(r).store.Claims(r.Context(), f) })
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	g := view.Network(cs, sn.Entities, p.Undated, networkMax)
	p.Total = g.Total
	for _, n := range g.Nodes {
		p.Nodes = append(p.Nodes, netNode{ID: n.ID, Label: p.Label(n.ID), Type: string(n.Type), Degree: n.Degree})
	}
	for _, l := range g.Links {
		nl := netLink{Source: l.Source, Target: l.Target}
		for _, id := range l.Preds {
			nl.Preds = appendNew(nl.Preds, p.Pred(id))
		}
		p.Links = append(p.Links, nl)
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
