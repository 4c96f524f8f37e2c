// Package chart holds the organization chart in memory: the dated
// hierarchy edges (part_of, subordinate_to) and the heads of each
// organization, so that "the subtree of the Kwantung Army on 1939-06-01"
// is a walk over slices rather than a recursive SQL query: measured on
// this machine, a recursive CTE took 3–8 ms and an in-memory walk 0.1 ms
// for the same subtree (BENCHMARKS.md).
package chart

import (
	"context"
	"fmt"
	"sort"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// edge is a dated link in one direction.
type edge struct {
	to     int32
	lo, hi tokumu.Day
	claim  *tokumu.Claim
}

// Chart is an immutable, concurrency-safe organization chart.
type Chart struct {
	ids      []string
	index    map[string]int32
	children [][]edge // parent → children
	parents  [][]edge // child → parents
	heads    [][]edge // organization → heads (to = person)
	// life is what the corpus says of an organization's existence: its
	// founding and its dissolution or conversion, whatever the span of its
	// hierarchy claims (a part_of attested in 1940–41 does not mean the
	// agency was founded in 1940).
	life map[int32]*life
	// bounds are the limits other evidence puts on heads whose start or
	// end the source does not give (view.Bound): death, dissolution, a
	// successor, the holder's next posting.
	bounds map[*tokumu.Claim]view.Bounds
}

// life is the existence of one organization as the corpus dates it.
type life struct {
	founded []*tokumu.Claim
	ended   []*tokumu.Claim // dissolved, or converted into a successor
	succ    []*tokumu.Claim // converted into: the successor claims
	pred    []*tokumu.Claim // converted from: successor claims pointing here
}

// chartRoles are the predicates a chart is built from: the hierarchy and
// the offices, and what bounds them (births and deaths of heads, their
// other postings, foundings, dissolutions and conversions).
func chartRole(vocab *tokumu.Vocab, p string) bool {
	for _, r := range []tokumu.Role{tokumu.RoleHierarchy, tokumu.RoleOffice, tokumu.RoleExclusive,
		tokumu.RoleDied, tokumu.RoleFounded, tokumu.RoleDissolved, tokumu.RoleSuccessor} {
		if vocab.Is(p, r) {
			return true
		}
	}
	return false
}

// Load reads the claims a chart is made of — the vocabulary's hierarchy
// and office predicates, and the foundings, dissolutions, deaths and
// postings that date them — from st and builds the chart.
func Load(ctx context.Context, st tokumu.Store, vocab *tokumu.Vocab) (*Chart, error) {
	var claims []*tokumu.Claim
	for _, p := range vocab.List() {
		if !chartRole(vocab, p.ID) {
			continue
		}
		cs, err := st.Claims(ctx, tokumu.ClaimFilter{Predicate: p.ID})
		if err != nil {
			return nil, fmt.Errorf("chart: loading %s claims: %w", p.ID, err)
		}
		claims = append(claims, cs...)
	}
	// The chart keeps its claims for as long as the server runs (the
	// structure pages print them, and the analyses' evidence keeps the same
	// copies): at 1M claims 215k of them, read while the analyses read and
	// drop a million others (view.CompactClaims says why that matters).
	return Build(view.CompactClaims(claims), vocab), nil
}

// Build makes a chart from claims: those whose predicate plays the role
// hierarchy (child → parent) and those of an office (person →
// organization: its heads); foundings, dissolutions and conversions date
// the organizations, and deaths and other postings bound the heads whose
// end the source does not give (view.Bound). Undated edges are kept and
// held to be possible at every date. Claims with a perspective (beliefs,
// testimony) date nothing and are neither edges nor heads.
func Build(claims []*tokumu.Claim, vocab *tokumu.Vocab) *Chart {
	c := &Chart{index: map[string]int32{}, life: map[int32]*life{}, bounds: map[*tokumu.Claim]view.Bounds{}}
	lifeOf := func(i int32) *life {
		l := c.life[i]
		if l == nil {
			l = &life{}
			c.life[i] = l
		}
		return l
	}
	id := func(s string) int32 {
		if i, ok := c.index[s]; ok {
			return i
		}
		i := int32(len(c.ids))
		c.ids = append(c.ids, s)
		c.index[s] = i
		c.children = append(c.children, nil)
		c.parents = append(c.parents, nil)
		c.heads = append(c.heads, nil)
		return i
	}
	var ev *view.Evidence
	for _, cl := range claims {
		if cl.Perspective == "" && !cl.When.IsZero() {
			switch {
			case vocab.Is(cl.Predicate, tokumu.RoleFounded):
				l := lifeOf(id(cl.Subject))
				l.founded = append(l.founded, cl)
			case vocab.Is(cl.Predicate, tokumu.RoleDissolved):
				l := lifeOf(id(cl.Subject))
				l.ended = append(l.ended, cl)
			case vocab.Is(cl.Predicate, tokumu.RoleSuccessor) && cl.Object != "":
				l := lifeOf(id(cl.Subject))
				l.ended = append(l.ended, cl)
				l.succ = append(l.succ, cl)
				m := lifeOf(id(cl.Object))
				m.pred = append(m.pred, cl)
			}
		}
		if cl.Object == "" || cl.Perspective != "" {
			// A belief or a witness's account (Ōshima's recollection
			// that Kasahara headed the Russia Section) is no edge and
			// no head: the chart would state it as fact.
			continue
		}
		lo, hi := cl.When.Earliest, cl.When.Latest
		if cl.When.IsZero() {
			lo, hi = tokumu.MinDay, tokumu.MaxDay
		}
		switch {
		case vocab.Is(cl.Predicate, tokumu.RoleHierarchy):
			ch, pa := id(cl.Subject), id(cl.Object)
			c.children[pa] = append(c.children[pa], edge{ch, lo, hi, cl})
			c.parents[ch] = append(c.parents[ch], edge{pa, lo, hi, cl})
		case vocab.Is(cl.Predicate, tokumu.RoleOffice):
			if ev == nil {
				ev = view.NewEvidence(vocab, claims)
			}
			if b := ev.Bound(cl); b.Bounded() {
				// The head held office possibly within his claim's span
				// and the evidence's: a 1926 head who died in 1929 is no
				// head in 1935, his successor unknown or not; a head a
				// source names without dates, within the organization's
				// life and his own.
				c.bounds[cl] = b
				lo, hi = max(lo, b.Start), min(hi, b.End)
				if lo > hi {
					continue // the evidence leaves him no day
				}
			}
			org, person := id(cl.Object), id(cl.Subject)
			c.heads[org] = append(c.heads[org], edge{person, lo, hi, cl})
		}
	}
	c.clipToLife()
	for _, es := range [][][]edge{c.children, c.parents, c.heads} {
		for _, list := range es {
			sort.Slice(list, func(i, j int) bool { return list[i].lo < list[j].lo })
		}
		packEdges(es)
	}
	return c
}

// packEdges re-slices each list of es from one array: grown by append,
// each is an allocation of its own, made while the server's analyses
// hold a read of every claim they then drop, and one left among that
// read's objects keeps its page of memory in use (view.CompactClaims).
func packEdges(es [][]edge) {
	n := 0
	for _, l := range es {
		n += len(l)
	}
	all := make([]edge, 0, n)
	for i, l := range es {
		if l == nil {
			continue
		}
		lo := len(all)
		all = append(all, l...)
		es[i] = all[lo:len(all):len(all)]
	}
}

// Claims returns every claim the chart holds (its edges, the lives of
// organizations and the claims that bound heads), each once: the
// server's analyses index the same claims as evidence and keep the
// chart's copies rather than a second set (0.1 GB at 1M claims).
func (c *Chart) Claims() []*tokumu.Claim {
	seen := map[*tokumu.Claim]bool{}
	var out []*tokumu.Claim
	add := func(cl *tokumu.Claim) {
		if cl != nil && !seen[cl] {
			seen[cl] = true
			out = append(out, cl)
		}
	}
	for _, es := range [][][]edge{c.children, c.heads} {
		for _, list := range es {
			for _, e := range list {
				add(e.claim)
			}
		}
	}
	for _, l := range c.life {
		for _, cs := range [][]*tokumu.Claim{l.founded, l.ended, l.succ, l.pred} {
			for _, cl := range cs {
				add(cl)
			}
		}
	}
	for cl, b := range c.bounds {
		add(cl)
		add(b.StartBy)
		add(b.EndBy)
	}
	return out
}

// Node is one organization in a subtree at a date.
type Node struct {
	ID     string          `json:"id"`
	Parent string          `json:"parent,omitempty"`
	Depth  int             `json:"depth"`
	Via    *tokumu.Claim   `json:"via,omitempty"`   // the claim that puts it under Parent
	Heads  []*tokumu.Claim `json:"heads,omitempty"` // head_of claims that possibly held at the date
	// ParentUnknown marks an organization that existed at the date but
	// whose parent then no claim gives (Unplaced); Parent and Via are then
	// the parent known nearest in time.
	ParentUnknown bool `json:"parent_unknown,omitempty"`
}

// Subtree returns root and every organization under it on day d, breadth
// first, each once (the first path found wins if the hierarchy has
// several parents). It returns nil if root is not in the chart.
func (c *Chart) Subtree(root string, d tokumu.Day) []Node {
	r, ok := c.index[root]
	if !ok {
		return nil
	}
	seen := map[int32]bool{r: true}
	out := []Node{{ID: root, Heads: c.headsAt(r, d)}}
	for i := 0; i < len(out); i++ {
		p := c.index[out[i].ID]
		for _, e := range c.children[p] {
			if e.lo > d {
				break // sorted by lo: no later edge can hold
			}
			if e.hi < d || seen[e.to] {
				continue
			}
			seen[e.to] = true
			out = append(out, Node{ID: c.ids[e.to], Parent: out[i].ID, Depth: out[i].Depth + 1, Via: e.claim, Heads: c.headsAt(e.to, d)})
		}
	}
	return out
}

// Parents returns the chain of parents of id on day d, nearest first.
func (c *Chart) Parents(id string, d tokumu.Day) []Node {
	i, ok := c.index[id]
	if !ok {
		return nil
	}
	seen := map[int32]bool{i: true}
	var out []Node
	for depth := 1; ; depth++ {
		var next *edge
		for k := range c.parents[i] {
			e := &c.parents[i][k]
			if e.lo <= d && d <= e.hi && !seen[e.to] {
				next = e
				break
			}
		}
		if next == nil {
			return out
		}
		seen[next.to] = true
		out = append(out, Node{ID: c.ids[next.to], Parent: c.ids[i], Depth: -depth, Via: next.claim, Heads: c.headsAt(next.to, d)})
		i = next.to
	}
}

// headsAt returns the heads of organization i possibly in office on day
// d: the spans were bounded by the evidence when the chart was built
// (HeadBound says by what).
func (c *Chart) headsAt(i int32, d tokumu.Day) []*tokumu.Claim {
	var out []*tokumu.Claim
	for _, e := range c.heads[i] {
		if e.lo > d {
			break
		}
		if e.hi < d {
			continue
		}
		out = append(out, e.claim)
	}
	return out
}

// HeadBound returns what other evidence says of the unknown start or end
// of a head's claim (view.Bound): the chart shows a head only within it.
func (c *Chart) HeadBound(cl *tokumu.Claim) view.Bounds {
	if b, ok := c.bounds[cl]; ok {
		return b
	}
	return view.Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
}

// Roots returns the organizations that have children but no parent on day d.
func (c *Chart) Roots(d tokumu.Day) []string {
	var out []string
	for i := range c.ids {
		has := false
		for _, e := range c.children[i] {
			if e.lo <= d && d <= e.hi {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		top := true
		for _, e := range c.parents[i] {
			if e.lo <= d && d <= e.hi {
				top = false
				break
			}
		}
		if top {
			out = append(out, c.ids[i])
		}
	}
	sort.Strings(out)
	return out
}

// span returns the days on which organization i possibly existed, as its
// founding and its dissolution or conversion say (view.Span): from the
// earliest founding to the latest ending any source allows. Either end
// is open (MinDay, MaxDay) where the corpus does not date it.
func (c *Chart) span(i int32) (lo, hi tokumu.Day) {
	l := c.life[i]
	if l == nil {
		return tokumu.MinDay, tokumu.MaxDay
	}
	// As view.Bound reads them: sources that disagree on a founding or
	// an end leave every reading possible.
	lo, _, _, _ = view.Span(l.founded)
	_, hi, _, _ = view.Span(l.ended)
	return lo, hi
}

// clipToLife limits each hierarchy edge to the days both its child and
// its parent possibly existed: a part_of claim's span is the span of its
// evidence, not of the organizations, and no organization sits in a chart
// before its founding or after its end, nor under a parent that was
// dissolved or converted (an open subordination to the Harbin agency
// does not outlast the agency's conversion in 1940). An edge left with no
// day is dropped.
func (c *Chart) clipToLife() {
	clip := func(list []edge, child, parent func(e edge) int32) []edge {
		out := list[:0]
		for _, e := range list {
			lo, hi := c.span(child(e))
			plo, phi := c.span(parent(e))
			e.lo, e.hi = max(e.lo, lo, plo), min(e.hi, hi, phi)
			if e.lo <= e.hi {
				out = append(out, e)
			}
		}
		return out
	}
	for i := range c.children {
		self := func(edge) int32 { return int32(i) }
		to := func(e edge) int32 { return e.to }
		c.children[i] = clip(c.children[i], to, self)
		c.parents[i] = clip(c.parents[i], self, to)
	}
}

// notYet reports whether organization i certainly did not exist yet on
// day d: its founding, as every source dates it (view.Span), came after d.
func (c *Chart) notYet(i int32, d tokumu.Day) bool {
	l := c.life[i]
	if l == nil {
		return false
	}
	lo, _, first, _ := view.Span(l.founded)
	return first != nil && lo > d
}

// gone returns the claim by which organization i certainly no longer
// existed on day d (its dissolution or conversion, as every source dates
// it, came before d), or nil.
func (c *Chart) gone(i int32, d tokumu.Day) *tokumu.Claim {
	l := c.life[i]
	if l == nil {
		return nil
	}
	if _, hi, _, last := view.Span(l.ended); last != nil && hi < d {
		return last
	}
	return nil
}

// existsAt reports whether the corpus shows organization i existing on
// day d without a hierarchy claim saying where: it was founded (or
// placed) on or before d, and it ended (or was placed again, or was
// founded and never ended) on or after d.
func (c *Chart) existsAt(i int32, d tokumu.Day) bool {
	if c.notYet(i, d) || c.gone(i, d) != nil {
		return false
	}
	l := c.life[i]
	before, after := false, false
	if l != nil {
		for _, f := range l.founded {
			before = before || f.When.Earliest <= d
		}
		for _, e := range l.ended {
			after = after || e.When.Latest >= d
		}
		after = after || (len(l.founded) > 0 && len(l.ended) == 0)
	}
	for _, e := range c.parents[i] {
		before = before || e.lo <= d
		after = after || e.hi >= d
	}
	return before && after
}

// parentAt returns the first hierarchy edge of i that possibly held on d.
func (c *Chart) parentAt(i int32, d tokumu.Day) *edge {
	for k := range c.parents[i] {
		if e := &c.parents[i][k]; e.lo <= d && d <= e.hi {
			return e
		}
	}
	return nil
}

// nearest returns the hierarchy edge of i closest in time to d.
func (c *Chart) nearest(i int32, d tokumu.Day) *edge {
	var best *edge
	var gap tokumu.Day
	for k := range c.parents[i] {
		e := &c.parents[i][k]
		g := max(e.lo-d, d-e.hi, 0)
		if best == nil || g < gap {
			best, gap = e, g
		}
	}
	return best
}

// Unplaced returns the organizations that existed on day d by the
// corpus's foundings and dissolutions (or by hierarchy claims on both
// sides of d), that sat under root's subtree at another date (under an
// organization of the subtree, or one converted into it), and whose
// parent on d no claim gives: the chart says "parent unknown at this
// date" rather than leave them out as if they had gone. Each Node has
// ParentUnknown set, and Parent and Via for the parent known nearest in
// time.
func (c *Chart) Unplaced(root string, d tokumu.Day) []Node {
	nodes := c.Subtree(root, d)
	if nodes == nil {
		return nil
	}
	in := make(map[int32]bool, len(nodes))
	for _, n := range nodes {
		in[c.index[n.ID]] = true
	}
	var out []Node
	seen := map[int32]bool{}
	consider := func(p int32) {
		for _, e := range c.children[p] {
			x := e.to
			if in[x] || seen[x] {
				continue
			}
			seen[x] = true
			if c.parentAt(x, d) != nil || !c.existsAt(x, d) {
				continue
			}
			n := c.nearest(x, d)
			out = append(out, Node{ID: c.ids[x], Parent: c.ids[n.to], Via: n.claim, ParentUnknown: true, Heads: c.headsAt(x, d)})
		}
	}
	for _, n := range nodes {
		p := c.index[n.ID]
		consider(p)
		if l := c.life[p]; l != nil {
			for _, pr := range l.pred {
				if q, ok := c.index[pr.Subject]; ok {
					consider(q)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// The kinds of change between the chart at two dates.
const (
	Added      = "added"       // founded between the dates
	Removed    = "removed"     // dissolved between the dates
	Moved      = "moved"       // under another parent, both known
	Renamed    = "renamed"     // converted into a successor (To)
	NoEvidence = "no_evidence" // in the chart at one date; at the other (At) no claim places it
)

// Change is one difference between the chart at two dates, with the
// claim that shows it.
type Change struct {
	ID string `json:"id"`
	// Parent is the organization it is under: at the later date for
	// added and moved, at the earlier date for the others (the parent
	// last known, for no evidence).
	Parent string `json:"parent"`
	Kind   string `json:"kind"`
	From   string `json:"from,omitempty"` // moved: the parent before
	To     string `json:"to,omitempty"`   // renamed: the successor
	// At is the date at which no claim places the organization (no evidence).
	At tokumu.Day `json:"at,omitzero"`
	// By is the claim that shows the change: the founding, the
	// dissolution, the conversion, the new hierarchy claim; for no
	// evidence, the hierarchy claim whose span ends (or begins) between
	// the dates.
	By *tokumu.Claim `json:"by,omitempty"`
}

// Diff lists what changed in root's subtree between days a and b: the
// organizations founded (added), dissolved (removed), converted
// (renamed) or put under another parent (moved) — each shown by a claim
// — and those in the chart at one date that no claim places at the
// other (no evidence). It never reports a change that only the span of
// the evidence makes: an agency attested under the army in 1940–41 and
// founded in 1922 was not "added" in 1940.
func (c *Chart) Diff(root string, a, b tokumu.Day) []Change {
	return c.DiffTrees(c.Subtree(root, a), c.Subtree(root, b), a, b)
}

// DiffTrees is Diff on two subtrees the caller already has: before, the
// subtree on day a, and after, the same root's on day b.
func (c *Chart) DiffTrees(before, after []Node, a, b tokumu.Day) []Change {
	was := make(map[string]*Node, len(before))
	for k := range before {
		was[before[k].ID] = &before[k]
	}
	is := make(map[string]*Node, len(after))
	for k := range after {
		is[after[k].ID] = &after[k]
	}
	var out []Change
	explained := map[string]bool{}
	for _, n := range before {
		i := c.index[n.ID]
		if m, ok := is[n.ID]; ok {
			if m.Parent != n.Parent {
				out = append(out, Change{ID: n.ID, Parent: m.Parent, Kind: Moved, From: n.Parent, By: m.Via})
			}
			continue
		}
		ch := Change{ID: n.ID, Parent: n.Parent}
		if l := c.life[i]; l != nil {
			for _, s := range l.succ {
				if _, ok := is[s.Object]; ok && s.When.Earliest <= b {
					ch.Kind, ch.To, ch.By = Renamed, s.Object, s
					explained[s.Object] = true
					break
				}
			}
		}
		if ch.Kind == "" {
			if g := c.gone(i, b); g != nil {
				ch.Kind, ch.By = Removed, g
			} else if e := c.parentAt(i, b); e != nil {
				if c.ids[e.to] == n.Parent {
					// Still under the same parent, which left the subtree:
					// the parent's own row says so.
					continue
				}
				ch.Kind, ch.Parent, ch.From, ch.By = Moved, c.ids[e.to], n.Parent, e.claim
			} else {
				ch.Kind, ch.At, ch.By = NoEvidence, b, n.Via
			}
		}
		out = append(out, ch)
	}
	for _, n := range after {
		if _, ok := was[n.ID]; ok || explained[n.ID] {
			continue
		}
		i := c.index[n.ID]
		ch := Change{ID: n.ID, Parent: n.Parent}
		switch e := c.parentAt(i, a); {
		case c.notYet(i, a):
			// The founding that allows the earliest day: where sources
			// disagree, it is the one that shows no reading had the
			// organization yet.
			_, _, first, _ := view.Span(c.life[i].founded)
			ch.Kind, ch.By = Added, first
		case e != nil:
			ch.Kind, ch.From, ch.By = Moved, c.ids[e.to], n.Via
		default:
			ch.Kind, ch.At, ch.By = NoEvidence, a, n.Via
		}
		out = append(out, ch)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return kindOrder[out[i].Kind] < kindOrder[out[j].Kind]
		}
		return out[i].ID < out[j].ID
	})
	return out
}

var kindOrder = map[string]int{Added: 0, Removed: 1, Moved: 2, Renamed: 3, NoEvidence: 4}
