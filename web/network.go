package web

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
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
	// The filters of the network package (network.Build): one entity
	// type, a tag, an ego with its radius, certain links only.
	Type, Tag, Ego string
	Radius         int
	Certain        bool
	Types          []tokumu.EntityType
	Tags           []string
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
	// Certain is set when some claim of the link certainly held in the
	// range; otherwise Why says, for each claim, why it only possibly
	// did and which claims bound it (see bounds.go).
	Certain bool     `json:"certain"`
	Why     []string `json:"why,omitempty"`
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
	netLoadMax    = time.Minute
)

func (s *Server) handleNetworkPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := networkPage{base: s.base(r, "network", "nav.network", "network"), Undated: q.Get("undated") == "1"}
	var err error
	if p.From, p.To, err = yearRange(r, s.st(r).snap.netFrom, s.st(r).snap.netTo); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.From > p.To {
		p.From, p.To = p.To, p.From
	}
	// The years bound every link. With undated links the store is asked
	// for all (it has no "in these years or undated"), and the evidence
	// keeps those that can have held in the years: an undated membership
	// within the organization's life and the member's.
	from, to := tokumu.DayOf(p.From, 1, 1), tokumu.DayOf(p.To, 12, 31)
	f := tokumu.ClaimFilter{RelationsOnly: true, Limit: networkClaims}
	if !p.Undated {
		f.From, f.To = from, to
	}
	sn := s.st(r).snap
	p.Type, p.Tag, p.Ego, p.Certain = q.Get("type"), q.Get("tag"), q.Get("ego"), q.Get("certain") == "1"
	if p.Radius, err = pNetRadius.get(r); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.Radius < 1 {
		p.Radius = 1
	}
	radius := ""
	if p.Ego != "" {
		radius = strconv.Itoa(p.Radius)
	}
	undated, certain := "", ""
	if p.Undated {
		undated = "1"
	}
	if p.Certain {
		certain = "1"
	}
	p.setView("from", strconv.Itoa(p.From), "to", strconv.Itoa(p.To), "type", p.Type, "tag", p.Tag, "ego", p.Ego, "radius", radius,
		"undated", undated, "certain", certain)
	filtered := p.Type != "" || p.Tag != "" || p.Ego != "" || p.Certain
	// Once the analyses are built the page filters their compact
	// relations (a few ms; nothing to cache); before, it asks the store.
	var (
		g      view.Graph
		byPair map[[2]string][]*tokumu.Claim // the claims of each pair drawn
		held   map[*tokumu.Claim]heldIn
		ix     []int32
		ok     bool
	)
	an := sn.readyAnalyses()
	if an != nil && netInMemory {
		ix, ok = an.rels.Select(f)
	}
	if ok && !filtered {
		g, byPair, held = an.network(ix, from, to, p.Undated)
	} else {
		var cs []*tokumu.Claim
		if ok {
			cs = an.rels.Claims(ix)
		} else {
			cs, err = sn.netClaims.get(f, func() ([]*tokumu.Claim, error) {
				// The answer is cached for every later request, so the
				// query runs to the end (within netLoadMax) even if this
				// request is stopped at its time limit.
				ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), netLoadMax)
				defer cancel()
				return s.st(r).store.Claims(ctx, f)
			})
			if err != nil {
				s.htmlError(w, r, err)
				return
			}
		}
		cs, held = sn.boundClaims(cs, from, to)
		if filtered {
			g = filteredNetwork(cs, sn, &p, from, to)
		} else {
			g = view.Network(cs, sn.Entities, p.Undated, networkMax)
		}
		// Only the pairs drawn: both ends among the nodes shown.
		shown := make(map[string]bool, len(g.Nodes))
		for _, n := range g.Nodes {
			shown[n.ID] = true
		}
		byPair = map[[2]string][]*tokumu.Claim{}
		for _, c := range cs {
			if shown[c.Subject] && shown[c.Object] {
				byPair[pairKey(c.Subject, c.Object)] = append(byPair[pairKey(c.Subject, c.Object)], c)
			}
		}
	}
	p.Types, p.Tags = view.NetworkTypeList, p.byLabel("tag.", sn.analyses().tags)
	p.Total = g.Total
	for _, n := range g.Nodes {
		label := p.Label(n.ID)
		// An organization that bore another name over all the years shown
		// is labelled as it was then (the Russia Section drawn for
		// 1932–1935 is the Russia Group); its page gives every name.
		if e := sn.Entities[n.ID]; e != nil {
			if then := e.NameDuring(p.Lang, from, to); then != "" {
				label = then
			}
		}
		p.Nodes = append(p.Nodes, netNode{ID: n.ID, Label: label, Type: string(n.Type), Degree: n.Degree})
	}
	// Most connected first; among equals, in the alphabet of the page's
	// language rather than of the ids.
	sort.SliceStable(p.Nodes, func(i, j int) bool {
		if p.Nodes[i].Degree != p.Nodes[j].Degree {
			return p.Nodes[i].Degree > p.Nodes[j].Degree
		}
		return sortKey(p.Lang, p.Nodes[i].Label) < sortKey(p.Lang, p.Nodes[j].Label)
	})
	for _, l := range g.Links {
		nl := netLink{Source: l.Source, Target: l.Target}
		for _, id := range l.Preds {
			nl.Preds = appendNew(nl.Preds, p.Pred(id))
		}
		var why []string
		for _, c := range byPair[pairKey(l.Source, l.Target)] {
			if !slices.Contains(l.Preds, c.Predicate) {
				continue
			}
			h := held[c]
			if h.Certain {
				nl.Certain = true
				break
			}
			if len(why) < netWhyMax {
				why = append(why, p.possibleText(c, h))
			}
		}
		if !nl.Certain {
			nl.Why = why
		}
		p.Links = append(p.Links, nl)
	}
	p.Data = netData{Nodes: append([]netNode{}, p.Nodes...), Links: append([]netLink{}, p.Links...)}
	s.render(w, r, http.StatusOK, "network", &p)
}

// network draws the page's graph from the relations at ix, as
// boundClaims and view.Network draw it from their claims: the relations
// that the evidence's bounds rule out of [from, to] are dropped, the
// graph is found on integer ids (view.NetworkOf), and only the claims of
// the pairs drawn — a few hundred of a range's 5,000 at 1M claims — are
// made into claims, with how each held (the page's "why"). A claim per
// relation of the range was 2 MB a request, and the GC the heap's churn
// caused was most of the page's p99.
func (a *analyses) network(ix []int32, from, to tokumu.Day, undated bool) (view.Graph, map[[2]string][]*tokumu.Claim, map[*tokumu.Claim]heldIn) {
	if from == 0 {
		from = tokumu.MinDay
	}
	if to == 0 {
		to = tokumu.MaxDay
	}
	var c tokumu.Claim // reused: Bound keeps no reference to it
	kept := ix[:0]
	for _, i := range ix {
		a.rels.ClaimInto(int(i), &c)
		if !a.evidence.Bound(&c).PossiblyIn(&c, from, to) {
			continue
		}
		kept = append(kept, i)
	}
	g := view.NetworkOf(a.rels, kept, undated, networkMax)
	shown := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		shown[n.ID] = true
	}
	byPair := map[[2]string][]*tokumu.Claim{}
	held := map[*tokumu.Claim]heldIn{}
	for _, i := range kept {
		s, o := a.rels.Subject(int(i)), a.rels.Object(int(i))
		if !shown[s] || !shown[o] {
			continue
		}
		cl := a.rels.Claim(int(i))
		held[cl] = heldIn{Certain: certainIn(cl.When, from, to), Bounds: a.evidence.Bound(cl)}
		byPair[pairKey(s, o)] = append(byPair[pairKey(s, o)], cl)
	}
	return g, byPair, held
}

// netInMemory says the page takes its relations from the analyses when
// they are built (relationsIn); a test turns it off to render the page
// from the store's query and compare.
var netInMemory = true

// netWhyMax bounds the claims a possible link explains: a pair of
// entities linked by dozens of claims would make a page of text.
const netWhyMax = 4

// pairKey is an unordered pair of entity ids.
func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// claimCache keeps the answers to a few claim queries. The network page's
// query is the one that costs (a range of years over every relation: see
// BENCHMARKS.md), and its answer cannot change until the next Reload,
// which replaces the snapshot and with it the cache.
type claimCache struct {
	mu      sync.Mutex
	m       map[tokumu.ClaimFilter][]*tokumu.Claim
	loading map[tokumu.ClaimFilter]*claimLoad
}

// claimLoad is a query in flight: requests for the same filter wait for
// it rather than each running it (on 212k claims twenty clients opening
// the network page at once ran twenty 5-second queries, and timed out).
type claimLoad struct {
	done chan struct{}
	cs   []*tokumu.Claim
	err  error
}

// claimCacheMax bounds the entries; a full cache starts again empty.
const claimCacheMax = 16

func (c *claimCache) get(f tokumu.ClaimFilter, load func() ([]*tokumu.Claim, error)) ([]*tokumu.Claim, error) {
	c.mu.Lock()
	if cs, ok := c.m[f]; ok {
		c.mu.Unlock()
		return cs, nil
	}
	if l := c.loading[f]; l != nil {
		c.mu.Unlock()
		<-l.done
		if l.err != nil { // the loader's request may have been stopped; try on our own
			return load()
		}
		return l.cs, nil
	}
	l := &claimLoad{done: make(chan struct{})}
	if c.loading == nil {
		c.loading = map[tokumu.ClaimFilter]*claimLoad{}
	}
	c.loading[f] = l
	c.mu.Unlock()
	l.cs, l.err = load()
	c.mu.Lock()
	delete(c.loading, f)
	if l.err == nil {
		if c.m == nil || len(c.m) >= claimCacheMax {
			c.m = map[tokumu.ClaimFilter][]*tokumu.Claim{}
		}
		c.m[f] = l.cs
	}
	c.mu.Unlock()
	close(l.done)
	return l.cs, l.err
}

// filteredNetwork builds the page's graph with the network package:
// certain links only, one entity type or tag, or an ego network. The
// nodes are cut to networkMax by degree as view.Network does.
func filteredNetwork(cs []*tokumu.Claim, sn *snapshot, p *networkPage, from, to tokumu.Day) view.Graph {
	opt := network.Options{From: from, To: to, Undated: p.Undated, Certain: p.Certain, Tag: p.Tag,
		Types: view.NetworkTypeList}
	if p.Type != "" {
		opt.Types = []tokumu.EntityType{tokumu.EntityType(p.Type)}
		if p.Ego != "" && sn.Entities[p.Ego] != nil && sn.Entities[p.Ego].Type != opt.Types[0] {
			opt.Types = append(opt.Types, sn.Entities[p.Ego].Type)
		}
	}
	if p.Ego != "" && opt.Tag != "" {
		opt.Tag = "" // the tag then selects the ego's neighbours below
	}
	ng := network.Build(cs, sn.Entities, opt)
	if p.Ego != "" {
		if ng = ng.Ego(p.Ego, p.Radius); ng == nil {
			return view.Graph{}
		}
	}
	var out view.Graph
	keep := map[string]bool{}
	for _, sc := range ng.Degree() {
		e := sn.Entities[sc.ID]
		if p.Ego != "" && p.Tag != "" && sc.ID != p.Ego && !slices.Contains(e.Tags, p.Tag) {
			continue
		}
		out.Total++
		if len(out.Nodes) < networkMax {
			out.Nodes = append(out.Nodes, view.GraphNode{ID: sc.ID, Type: e.Type, Degree: int(sc.Score)})
			keep[sc.ID] = true
		}
	}
	for _, e := range ng.Edges() {
		if !keep[e.A] || !keep[e.B] {
			continue
		}
		l := view.GraphLink{Source: e.Claims[0].Subject, Target: e.Claims[0].Object}
		for _, c := range e.Claims {
			l.Preds = appendNew(l.Preds, c.Predicate)
		}
		out.Links = append(out.Links, l)
	}
	return out
}
