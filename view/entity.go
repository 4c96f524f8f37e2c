package view

import (
	"context"
	"sort"

	"github.com/tokumu/tokumu"
)

// EntityView is everything an entity page shows: the entity, its claims
// grouped by predicate and time, the disagreements among them, and the
// entities, sources and predicates they mention. The CLI and the web
// server render the same view.
type EntityView struct {
	Entity        *tokumu.Entity
	Groups        []ClaimGroup
	Disagreements []Disagreement
	// SameAs are the entities this one is possibly the same as, each
	// with the claim that says so (never merged: see FindSameAs).
	SameAs []SameAs
	Refs
}

// Refs resolves the ids a set of claims mentions, for display.
type Refs struct {
	Entities   map[string]*tokumu.Entity
	Sources    map[string]*tokumu.Source
	Predicates map[string]*tokumu.Predicate
	Vocab      *tokumu.Vocab
}

// LoadEntityView reads the view of entity id from s. Returns tokumu.ENOTFOUND if
// there is no such entity.
func LoadEntityView(ctx context.Context, s tokumu.Store, id string) (*EntityView, error) {
	return LoadEntityViewWith(ctx, s, id, nil)
}

// LoadEntityViewWith is LoadEntityView for a caller that holds an
// Evidence index of the whole corpus (NewEvidence over every claim, as
// the server builds once per state): the open tenures of an office on the
// page are bounded from it, not from a query for each holder's claims and
// every holder of the office (most of a hub's page at 100k claims). With
// ev nil it reads that evidence from s, as LoadEntityView does; both give
// the same bounds, since Bound reads only the claims LoadEvidence loads.
func LoadEntityViewWith(ctx context.Context, s tokumu.Store, id string, ev *Evidence) (*EntityView, error) {
	e, err := s.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	claims, err := s.Claims(ctx, tokumu.ClaimFilter{About: id})
	if err != nil {
		return nil, err
	}
	v := &EntityView{Entity: e}
	if v.Refs, err = LoadRefs(ctx, s, claims); err != nil {
		return nil, err
	}
	v.Refs.Entities[e.ID] = e
	preds := make([]*tokumu.Predicate, 0, len(v.Predicates))
	for _, p := range v.Predicates {
		preds = append(preds, p)
	}
	sort.Slice(preds, func(i, j int) bool { return preds[i].ID < preds[j].ID })
	v.Groups = GroupClaims(id, claims, preds)
	var own []*tokumu.Claim
	for _, c := range claims {
		if c.Subject == id {
			own = append(own, c)
		}
	}
	dev := ev // what separates two tenures (FindDisagreements)
	if dev == nil {
		if dev, err = LoadEvidence(ctx, s, v.Vocab, own); err != nil {
			return nil, err
		}
	}
	v.Disagreements = FindDisagreements(own, v.Vocab, dev)
	v.SameAs = FindSameAs(id, claims, v.Vocab)
	conflicts, extra, err := holderConflicts(ctx, s, v.Vocab, id, claims, ev)
	if err != nil {
		return nil, err
	}
	v.Disagreements = append(v.Disagreements, conflicts...)
	if len(extra) > 0 {
		// The other holders named by a conflict on a person's page.
		more, err := LoadRefs(ctx, s, extra)
		if err != nil {
			return nil, err
		}
		for k, e := range more.Entities {
			v.Entities[k] = e
		}
		for k, src := range more.Sources {
			v.Sources[k] = src
		}
	}
	return v, nil
}

// holderConflicts finds the offices held by two people at once among the
// claims about id: between its holders when id is the office, and
// between id and the other holders of each office id held. It returns
// the claims of other holders it had to read, for their references.
func holderConflicts(ctx context.Context, s tokumu.Store, vocab *tokumu.Vocab, id string, claims []*tokumu.Claim, ev *Evidence) ([]Disagreement, []*tokumu.Claim, error) {
	var offices, extra []*tokumu.Claim
	seen := map[string]bool{}
	for _, c := range claims {
		if c.Object == "" || !vocab.Is(c.Predicate, tokumu.RoleOffice) {
			continue
		}
		offices = append(offices, c)
		seen[c.ID] = true
	}
	if len(offices) == 0 {
		return nil, nil, nil
	}
	// id's own tenures per office: another holder can only conflict with
	// id if its time possibly overlaps one of them (bounds only narrow a
	// time), so the others are read but kept only then — a person who
	// held a hub office of a large corpus otherwise pulled in thousands of
	// holders, each with a query for its evidence.
	own := map[[2]string][]*tokumu.Claim{}
	for _, c := range offices {
		if c.Subject == id {
			k := [2]string{c.Predicate, c.Object}
			own[k] = append(own[k], c)
		}
	}
	asked := map[[2]string]bool{}
	for _, c := range offices {
		if c.Subject != id {
			continue
		}
		k := [2]string{c.Predicate, c.Object}
		if asked[k] {
			continue
		}
		asked[k] = true
		// The corpus-wide index holds every holder of the office (but the
		// beliefs, which never conflict): no query, however many there are.
		var others []*tokumu.Claim
		if ev != nil {
			others = ev.Holders(c.Predicate, c.Object)
		} else {
			var err error
			if others, err = s.Claims(ctx, tokumu.ClaimFilter{Predicate: c.Predicate, Object: c.Object}); err != nil {
				return nil, nil, err
			}
		}
		for _, o := range others {
			if !seen[o.ID] && overlapsAny(o, own[k]) {
				seen[o.ID] = true
				offices = append(offices, o)
				extra = append(extra, o)
			}
		}
	}
	if ev == nil {
		var err error
		if ev, err = LoadEvidence(ctx, s, vocab, offices); err != nil {
			return nil, nil, err
		}
	}
	return findHolderConflicts(offices, vocab, ev, id), extra, nil
}

// overlapsAny reports whether o's time possibly overlaps that of one of
// cs (an undated claim overlaps nothing: holder conflicts need times).
func overlapsAny(o *tokumu.Claim, cs []*tokumu.Claim) bool {
	if o.When.IsZero() {
		return false
	}
	for _, c := range cs {
		if !c.When.IsZero() && o.When.Earliest <= c.When.Latest && c.When.Earliest <= o.When.Latest {
			return true
		}
	}
	return false
}

// LoadRefs fetches the entities, sources and predicates that claims mention.
func LoadRefs(ctx context.Context, s tokumu.Store, claims []*tokumu.Claim) (Refs, error) {
	r := Refs{Entities: map[string]*tokumu.Entity{}, Sources: map[string]*tokumu.Source{}}
	ids := map[string]bool{}
	srcs := map[string]bool{}
	for _, c := range claims {
		for _, id := range []string{c.Subject, c.Object, c.Where, c.Perspective, c.PlantedBy} {
			if id != "" {
				ids[id] = true
			}
		}
		srcs[c.Source] = true
	}
	if len(ids) > 0 {
		list := make([]string, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		sort.Strings(list)
		es, err := s.Entities(ctx, tokumu.EntityFilter{IDs: list})
		if err != nil {
			return r, err
		}
		for _, e := range es {
			r.Entities[e.ID] = e
		}
	}
	for id := range srcs {
		src, err := s.Source(ctx, id)
		if err != nil {
			return r, err
		}
		r.Sources[id] = src
	}
	preds, err := s.Predicates(ctx)
	if err != nil {
		return r, err
	}
	if r.Vocab, err = tokumu.NewVocab(preds); err != nil {
		return r, err
	}
	r.Predicates = r.Vocab.Map()
	return r, nil
}

// Label returns the display label of an entity id in lang, or the id.
func (r Refs) Label(id, lang string) string {
	if e := r.Entities[id]; e != nil {
		return e.Label(lang)
	}
	return id
}

// AtView is what held at a date: for one entity, the relations that
// possibly held then (and which certainly did), whether the entity existed,
// and what it became; for the whole corpus, every relation that held.
type AtView struct {
	Date   tokumu.Day
	Entity *tokumu.Entity // nil for the whole corpus
	// Status is "exists", "not yet founded" or "dissolved" for an entity
	// whose founding or dissolution is dated; "" when unknown.
	Status   string
	StatusBy []*tokumu.Claim // the founded/dissolved claims that decide Status
	Claims   []*tokumu.Claim // relations that possibly held at Date
	Certain  map[string]bool
	// Bounds are, by claim id, the limits other evidence puts on a
	// holding whose start or end its source does not give (see Bound).
	Bounds    map[string]Bounds
	Successor []*tokumu.Claim // succeeded_by claims, whatever their date, when the entity is dissolved
	// SuccessorClaims are the relations of the successors at Date.
	SuccessorClaims []*tokumu.Claim
	Refs
}

// LoadAtView reads what held on day d, about entity id or (id "") about
// everything, up to limit claims (0 for no limit).
func LoadAtView(ctx context.Context, s tokumu.Store, d tokumu.Day, id string, limit int) (*AtView, error) {
	v := &AtView{Date: d, Certain: map[string]bool{}, Bounds: map[string]Bounds{}}
	preds, err := s.Predicates(ctx)
	if err != nil {
		return nil, err
	}
	vocab, err := tokumu.NewVocab(preds)
	if err != nil {
		return nil, err
	}
	var all []*tokumu.Claim
	if id != "" {
		e, err := s.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		v.Entity = e
		own, err := s.Claims(ctx, tokumu.ClaimFilter{Subject: id})
		if err != nil {
			return nil, err
		}
		var founded, dissolved []*tokumu.Claim
		for _, c := range own {
			switch {
			case vocab.Is(c.Predicate, tokumu.RoleFounded):
				founded = append(founded, c)
			case vocab.Is(c.Predicate, tokumu.RoleDissolved):
				dissolved = append(dissolved, c)
			case vocab.Is(c.Predicate, tokumu.RoleSuccessor):
				v.Successor = append(v.Successor, c)
			}
		}
		v.StatusBy = append(founded, dissolved...)
		// Sources that date the founding or the end differently leave
		// every reading possible (Span): an organization is "not yet
		// founded" only before the earliest founding any source allows.
		if lo, _, first, _ := Span(founded); first != nil && d < lo {
			v.Status = "not yet founded"
		} else if _, hi, _, last := Span(dissolved); last != nil && d > hi {
			v.Status = "dissolved"
		} else if len(v.StatusBy) > 0 {
			v.Status = "exists"
		}
		if v.Status != "dissolved" {
			v.Successor = nil
		}
		if v.Claims, err = s.Claims(ctx, tokumu.ClaimFilter{About: id, At: d, RelationsOnly: true, Limit: limit}); err != nil {
			return nil, err
		}
		if v.Claims, err = v.bound(ctx, s, vocab, v.Claims, d); err != nil {
			return nil, err
		}
		for _, c := range v.Successor {
			cs, err := s.Claims(ctx, tokumu.ClaimFilter{About: c.Object, At: d, RelationsOnly: true, Limit: limit})
			if err != nil {
				return nil, err
			}
			if cs, err = v.bound(ctx, s, vocab, cs, d); err != nil {
				return nil, err
			}
			v.SuccessorClaims = append(v.SuccessorClaims, cs...)
		}
		all = append(append(append(all, v.Claims...), v.StatusBy...), v.Successor...)
		all = append(all, v.SuccessorClaims...)
	} else {
		var err error
		if v.Claims, err = s.Claims(ctx, tokumu.ClaimFilter{At: d, RelationsOnly: true, Limit: limit}); err != nil {
			return nil, err
		}
		if v.Claims, err = v.bound(ctx, s, vocab, v.Claims, d); err != nil {
			return nil, err
		}
		all = v.Claims
	}
	for _, c := range all {
		if c.When.CertainlyAt(d) || (c.When.Earliest == d && c.When.Latest == d) {
			v.Certain[c.ID] = true
		}
	}
	for _, b := range v.Bounds {
		for _, c := range []*tokumu.Claim{b.StartBy, b.EndBy} {
			if c != nil {
				all = append(all, c)
			}
		}
	}
	if v.Refs, err = LoadRefs(ctx, s, all); err != nil {
		return nil, err
	}
	if v.Entity != nil {
		v.Refs.Entities[v.Entity.ID] = v.Entity
	}
	return v, nil
}

// bound removes from cs the holdings that other evidence ends before
// day d (or starts after it) — a successor's arrival, the holder's next
// posting or death, the organization's dissolution (see Bound) — and
// records the bounds of those it keeps.
func (v *AtView) bound(ctx context.Context, s tokumu.Store, vocab *tokumu.Vocab, cs []*tokumu.Claim, d tokumu.Day) ([]*tokumu.Claim, error) {
	ev, err := LoadEvidence(ctx, s, vocab, cs)
	if err != nil {
		return nil, err
	}
	out := cs[:0:0]
	for _, c := range cs {
		b := ev.Bound(c)
		if !b.PossiblyAt(c, d) {
			continue
		}
		if b.Bounded() {
			v.Bounds[c.ID] = b
		}
		out = append(out, c)
	}
	return out, nil
}
