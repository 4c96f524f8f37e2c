package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web/i18n"
)

// entityPage is one entity: its names in every script, its claims grouped
// by predicate and time with their citations, the disagreements among its
// sources side by side, the entities it is linked to, and a small timeline
// of its own dated claims.
type entityPage struct {
	base
	E             *tokumu.Entity
	Summary       *langText // in the page's language, else English (marked)
	Groups        []entityGroup
	Disagreements []view.Disagreement
	SameAs        []view.SameAs   // possibly the same as, never merged
	Disputed      map[string]bool // claim ids that are part of a disagreement
	Related       []relatedGroup
	Line          *miniTimeline
	// More is set when the entity has more than Max claims: the page
	// shows the first Max (a hub of a large corpus made a 7 MB page) and
	// points to /api/claims for the rest.
	More bool
	Max  int
	Cite citation // "Cite this" (cite.go)
	// Ledger is the entity's entry in the deception ledger, if it is an
	// operation that planted claims (and the analyses are ready).
	Ledger *ledger.Operation
}

// entityPageMax bounds the claims an entity page reads and shows.
const entityPageMax = 2000

type entityGroup struct {
	ID      string // anchor
	Label   string
	Inverse bool
	Claims  []*tokumu.Claim
	All     *groupLink // a hub's group cut to groupCap: its size and paged list
}

type relatedGroup struct {
	Type tokumu.EntityType
	IDs  []string
}

func (s *Server) handleEntityPage(w http.ResponseWriter, r *http.Request) {
	if s.serveEntityAs(w, r) { // JSON, JSON-LD or Turtle: see conneg.go
		return
	}
	sn := s.st(r).snap
	id := r.PathValue("id")
	// Until the analyses have counted the hubs' groups (the first half
	// minute after a start at a million claims), a hub cannot be paged by
	// group: its page shows the first hubMin claims, not entityPageMax
	// (2,000 claims of a hub were 25 MB of HTML).
	limit := entityPageMax
	if sn.readyAnalyses() == nil {
		limit = hubMin
	}
	cs := &cappedStore{Store: cachedStore{s.st(r).store, sn}, limit: limit}
	hub := sn.hubGroups(id)
	v, err := view.LoadEntityViewWith(r.Context(), &groupedStore{Store: cs, id: id, groups: hub}, id, sn.evidence())
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	b := s.base(r, "entities", "")
	b.Title = b.Label(v.Entity.ID)
	p := entityPage{base: b, E: v.Entity, Disagreements: v.Disagreements, SameAs: v.SameAs, Disputed: map[string]bool{}, More: cs.more, Max: limit}
	if p.Summary = p.Sum(v.Entity); p.Summary != nil {
		p.Desc = p.Summary.Text
	}
	p.Cite = p.entityCitation(v.Entity, baseURL(r)+"entities/"+v.Entity.ID)
	for _, g := range v.Groups {
		pr := s.st(r).snap.preds[g.Predicate]
		label := g.Predicate
		if pr != nil {
			label = pr.LabelIn(p.Lang)
			if g.Inverse {
				label = pr.InverseIn(p.Lang)
			}
		}
		anchor := "p-" + g.Predicate
		if g.Inverse {
			anchor += "-inv"
		}
		eg := entityGroup{ID: anchor, Label: label, Inverse: g.Inverse, Claims: g.Claims}
		for _, h := range hub {
			if h.Pred == g.Predicate && h.Inv == g.Inverse && h.N > len(g.Claims) {
				eg.All = &groupLink{N: h.N, Href: groupHref(id, h, p.Lang)}
			}
		}
		p.Groups = append(p.Groups, eg)
	}
	for _, d := range v.Disagreements {
		for _, c := range d.Claims {
			p.Disputed[c.ID] = true
		}
	}
	byType := map[tokumu.EntityType][]string{}
	for id, e := range v.Entities {
		if id != v.Entity.ID {
			byType[e.Type] = append(byType[e.Type], id)
		}
	}
	for _, t := range tokumu.EntityTypes {
		ids := byType[t]
		if len(ids) == 0 {
			continue
		}
		sortByKey(ids, func(id string) string { return sortKey(b.Lang, b.Label(id)) })
		p.Related = append(p.Related, relatedGroup{t, ids})
	}
	var own, inverse []*tokumu.Claim
	for _, g := range v.Groups {
		if !g.Inverse {
			own = append(own, g.Claims...)
		} else {
			inverse = append(inverse, g.Claims...)
		}
	}
	p.Line = newMiniTimeline(id, own, inverse, s.st(r).snap.preds, p.Lang, b.Label, func(key string) string {
		if src := b.Source(key); src != nil {
			return b.ShortCite(src)
		}
		return key
	})
	if an := sn.readyAnalyses(); an != nil {
		for i := range an.ledger.Operations {
			if op := &an.ledger.Operations[i]; op.ID == id {
				p.Ledger = op
			}
		}
	}
	s.render(w, r, http.StatusOK, "entity", &p)
}

// miniTimeline places an entity's dated claims on a horizontal axis,
// computed here so that the page needs no script to show it.
type miniTimeline struct {
	Width, Height int
	Ticks         []tick
	Rows          []miniRow
}

type tick struct {
	X     float64
	Label int
}

type miniRow struct {
	Y    int
	X, W float64 // the possible span, drawn faded
	// CX and CW are the certain span of an interval, drawn solid (CW 0
	// when no day is certain).
	CX, CW float64
	TextX  float64 // inside a wide bar, after a narrow one
	// TextEnd draws the label ending at TextX, before the bar, where after
	// it would run past the chart's right edge.
	TextEnd bool
	// Open marks a claim whose start or end its source does not give: a
	// short dashed bar from its known side, the label saying so (…).
	Open  bool
	Label string
	Title string
	// Name is what a screen reader says of the row's link: the label, the
	// date in words and the source, which tell apart three rows of one
	// label and date; the EDTF stays in Title, for the pointer.
	Name     string
	ClaimID  string
	Interval bool
}

const (
	miniWidth = 720
	miniRowH  = 18
	miniMax   = 40 // rows; an entity with more dated claims shows the first ones
)

// newMiniTimeline draws the dated claims of entity id as bars: its own
// (id as subject) and, in the rows left, those the page lists from the
// other side ("commanded by Zhukov", "formed from the 57th Corps"), which
// a reader of the entity's history expects on it as well. Each row names
// the claim's other party.
func newMiniTimeline(id string, own, inverse []*tokumu.Claim, preds map[string]*tokumu.Predicate, lang string, name, cite func(string) string) *miniTimeline {
	// A claim with one side known ("1931-08/": head from August 1931,
	// end not given) is drawn from that side: left out, the chart named a
	// later head first and dropped the best-graded one.
	known := func(d tokumu.Day) bool { return d > tokumu.MinDay && d < tokumu.MaxDay }
	datedOf := func(cs []*tokumu.Claim) []*tokumu.Claim {
		var out []*tokumu.Claim
		for _, c := range cs {
			if !c.When.IsZero() && (known(c.When.Earliest) || known(c.When.Latest)) {
				out = append(out, c)
			}
		}
		view.SortClaims(out)
		return out
	}
	dated := datedOf(own)
	if len(dated) > miniMax {
		dated = dated[:miniMax]
	}
	if inv := datedOf(inverse); len(dated) < miniMax && len(inv) > 0 {
		dated = append(dated, inv[:min(len(inv), miniMax-len(dated))]...)
		view.SortClaims(dated)
	}
	if len(dated) == 0 {
		return nil
	}
	// The known sides of each claim: an open start stands at its end, an
	// open end at its start.
	sides := func(c *tokumu.Claim) (a, b tokumu.Day) {
		a, b = c.When.Earliest, c.When.Latest
		if !known(a) {
			a = b
			if c.When.Interval && known(c.When.EarliestEnd) {
				a = c.When.EarliestEnd
			}
		}
		if !known(b) {
			b = a
			if c.When.Interval && known(c.When.LatestStart) {
				b = c.When.LatestStart
			}
		}
		return a, b
	}
	lo, hi := sides(dated[0])
	for _, c := range dated {
		a, b := sides(c)
		lo, hi = min(lo, a), max(hi, b)
	}
	y0, _, _ := lo.Date()
	y1, _, _ := hi.Date()
	y1++
	if y1-y0 < 4 {
		y0, y1 = y0-2, y1+2
	}
	// 14 px on either side, so that the first year's label is not cut.
	x := func(d tokumu.Day) float64 {
		return 14 + float64(miniWidth-28)*(yearFrac(d)-float64(y0))/float64(y1-y0)
	}
	t := &miniTimeline{Width: miniWidth, Height: len(dated)*miniRowH + 24}
	step := 1
	for (y1-y0)/step > 12 {
		step *= 2
	}
	for y := y0; y <= y1; y += step {
		t.Ticks = append(t.Ticks, tick{X: x(tokumu.DayOf(y, 1, 1)), Label: y})
	}
	for i, c := range dated {
		label := c.Predicate
		p := preds[c.Predicate]
		if p != nil {
			label = p.LabelIn(lang)
		}
		tr := i18n.For(lang)
		if c.Subject != id {
			if p != nil {
				label = p.InverseIn(lang)
			}
			label = tr.T("pred.with", label, name(c.Subject))
		} else if c.Object != "" {
			label = tr.T("pred.with", label, name(c.Object))
		}
		// The date follows a label that names the other party after a
		// comma, and a bare label ("founded", «создание») as pred.when
		// joins it: in brackets in Russian.
		withDate := func(w string) string {
			if c.Object != "" {
				return label + ", " + w
			}
			return tr.T("pred.when", label, w)
		}
		a, b := sides(c)
		x0, x1 := x(a), x(b)
		open := !known(c.When.Earliest) || !known(c.When.Latest)
		if open {
			label += " …"
		}
		row := miniRow{Y: i*miniRowH + 4, X: x0, W: max(x1-x0, 3), Label: label, Open: open,
			Title: withDate(c.When.Human(lang)) + " (EDTF " + c.When.EDTF + ")", Name: withDate(c.When.Human(lang)) + ", " + cite(c.Source),
			ClaimID: c.ID, Interval: c.When.Interval}
		if w := c.When; w.Interval && w.LatestStart <= w.EarliestEnd && known(w.LatestStart) && known(w.EarliestEnd) {
			row.CX = x(w.LatestStart)
			row.CW = max(x(w.EarliestEnd)-row.CX, 1)
		}
		row.TextX = row.X + 4
		if row.W < 80 {
			row.TextX = row.X + row.W + 3
		}
		if row.TextX+miniTextWidth(label) > miniWidth {
			// Past the right edge: the label ends just before the bar.
			row.TextX, row.TextEnd = row.X-3, true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// yearFrac returns d as a fractional year: 1939-07-01 is about 1939.5.
func yearFrac(d tokumu.Day) float64 {
	y, m, dd := d.Date()
	return float64(y) + (float64(max(m, 1))-1)/12 + (float64(max(dd, 1))-1)/365
}

// Inv reports whether c reads from its object's side on this page.
func (p entityPage) Inv(c *tokumu.Claim) bool { return c.Subject != p.E.ID }

// miniTextWidth estimates a label's width at the mini-timeline's 11 px:
// CJK and full-width characters about a font size, others about 0.6 of it.
func miniTextWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef {
			w += 11
		} else {
			w += 6.5
		}
	}
	return w
}
