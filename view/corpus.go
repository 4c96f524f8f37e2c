package view

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
)

// Corpus is the read model of a whole store that every page, the CLI and
// the exports read: the vocabulary with its roles, the bibliography, every
// entity, and the tables derived from them — periods with their thesis,
// events with their places and organizations, places with what stood
// there, and every figure. It is built once per dataset (LoadCorpus) and
// never modified afterwards, so requests share it freely.
type Corpus struct {
	Vocab    *tokumu.Vocab
	Settings tokumu.Settings
	Stats    *tokumu.Stats

	Entities map[string]*tokumu.Entity
	ByType   map[tokumu.EntityType][]*tokumu.Entity // ordered by id
	Sources  map[string]*tokumu.Source
	// SourceList is the bibliography ordered by id.
	SourceList []*tokumu.Source

	Periods []Period // in time order
	Events  []Event  // in time order
	Places  []Place  // those with coordinates, ordered by id
	// Numbers are the claims whose predicate takes a number (strengths,
	// losses), estimates and actual figures alike.
	Numbers []*tokumu.Claim
	// Evidence holds the claims that thesis claims cite as evidence by
	// claim id (supported_by, complicated_by), by id.
	Evidence map[string]*tokumu.Claim
}

// Period is one period of the thesis with the span its covers claim gives
// (MinDay/MaxDay where it has none).
type Period struct {
	ID       string
	From, To tokumu.Day
	Thesis   []*tokumu.Claim
	Includes []string // entities linked to it by the part_of_event role
}

// Event is an event or operation with the time it happened and what it is
// linked to, for the timeline's filters and the map.
type Event struct {
	ID   string
	Type tokumu.EntityType
	// When is the date of its most credible dating claim (see dating);
	// Disputed says that another claim dates it otherwise, so that a
	// view shows one date and says the sources disagree.
	When     tokumu.When
	Disputed bool
	Places   []string
	Orgs     []string // organizations and units linked by any relation
	Periods  []string
}

// Span returns the days an event is filed under: the days its date
// states (1938~ in 1938, not in the 1937 or 1939 its approximation
// reaches; tokumu.When.Stated), but from the earliest day of its end when
// its start is unknown ("/1939-08-20", the weeks before an offensive). An
// unknown start is not evidence that the event began in any earlier year:
// a view that filed it there would put the 1939 deception in the 1920s.
// Its possible days (When) are what a chart draws faded.
func (e *Event) Span() (lo, hi tokumu.Day) {
	w := e.When.Stated()
	lo, hi = w.Earliest, w.Latest
	if lo == tokumu.MinDay {
		lo = w.Latest
		if w.Interval && w.EarliestEnd > tokumu.MinDay {
			lo = w.EarliestEnd
		}
	}
	return lo, hi
}

// Place is a place with coordinates, and the organizations located there.
type Place struct {
	ID       string
	Lat, Lon float64
	Orgs     []OrgAt
}

// OrgAt is an organization at a place, with its lifetime as far as the
// corpus dates it (MinDay/MaxDay where it does not).
type OrgAt struct {
	ID       string
	From, To tokumu.Day
	// CertainFrom and CertainTo are the days it was certainly there
	// (CertainFrom > CertainTo when none is certain): the certain part of
	// a dated located_in claim, or of a founding and a dissolution that
	// are both dated.
	CertainFrom, CertainTo tokumu.Day
	// FromBy and ToBy are the founding and dissolution claims when they,
	// rather than the located_in claim, give From or To.
	FromBy, ToBy *tokumu.Claim
}

// Label returns the display name of entity id in lang (Entity.Label), or
// the id if there is no such entity.
func (c *Corpus) Label(id, lang string) string {
	if e := c.Entities[id]; e != nil {
		return e.Label(lang)
	}
	return id
}

// LoadCorpus reads st into a Corpus.
func LoadCorpus(ctx context.Context, st tokumu.Store) (*Corpus, error) {
	c := &Corpus{Entities: map[string]*tokumu.Entity{}, ByType: map[tokumu.EntityType][]*tokumu.Entity{},
		Sources: map[string]*tokumu.Source{}}
	preds, err := st.Predicates(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading predicates: %w", err)
	}
	if c.Vocab, err = tokumu.NewVocab(preds); err != nil {
		return nil, err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading settings: %w", err)
	}
	c.Settings = *set
	// Three independent reads run at once (at 1M claims the corpus read
	// model took 4.5 s one after the other, most of a cold start): the
	// entities, sources and counts; the claims of the roles the periods,
	// events and places are built from; the participations and figures.
	// Each writes only its own fields until the Wait.
	var wg sync.WaitGroup
	var errEnt, errRole error
	wg.Add(2)
	go func() {
		defer wg.Done()
		errEnt = c.loadEntities(ctx, st)
	}()
	claims := func(p string) ([]*tokumu.Claim, error) {
		if p == "" {
			return nil, nil
		}
		cs, err := st.Claims(ctx, tokumu.ClaimFilter{Predicate: p})
		if err != nil {
			return nil, fmt.Errorf("loading %s claims: %w", p, err)
		}
		return cs, nil
	}
	byRole := map[tokumu.Role][]*tokumu.Claim{}
	go func() {
		defer wg.Done()
		for _, r := range []tokumu.Role{tokumu.RoleCovers, tokumu.RoleThesis, tokumu.RoleInPeriod, tokumu.RoleOccurred,
			tokumu.RoleFounded, tokumu.RoleDissolved, tokumu.RoleLocatedIn, tokumu.RoleCoordinates} {
			cs, err := claims(c.Vocab.ID(r))
			if err != nil {
				errRole = err
				return
			}
			byRole[r] = cs
		}
	}()
	var takesPart []*tokumu.Claim
	var errRest error
	for _, p := range c.Vocab.IDs(tokumu.RoleTakesPart) {
		cs, err := claims(p)
		if err != nil {
			errRest = err
			break
		}
		takesPart = append(takesPart, cs...)
	}
	for _, p := range c.Vocab.Numbers() {
		if errRest != nil {
			break
		}
		cs, err := claims(p)
		if err != nil {
			errRest = err
			break
		}
		c.Numbers = append(c.Numbers, cs...)
	}
	wg.Wait()
	for _, err := range []error{errEnt, errRole, errRest} {
		if err != nil {
			return nil, err
		}
	}
	if err := c.loadEvidence(byRole[tokumu.RoleThesis], claims); err != nil {
		return nil, err
	}
	c.buildPeriods(byRole)
	c.buildEvents(byRole, takesPart)
	c.buildPlaces(byRole)
	return c, nil
}

// loadEntities reads the entities, the bibliography and the counts.
func (c *Corpus) loadEntities(ctx context.Context, st tokumu.Store) error {
	es, err := st.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		return fmt.Errorf("loading entities: %w", err)
	}
	for _, e := range es {
		c.Entities[e.ID] = e
		c.ByType[e.Type] = append(c.ByType[e.Type], e)
	}
	if c.SourceList, err = st.Sources(ctx); err != nil {
		return fmt.Errorf("loading sources: %w", err)
	}
	for _, s := range c.SourceList {
		c.Sources[s.ID] = s
	}
	if c.Stats, err = st.Stats(ctx); err != nil {
		return fmt.Errorf("loading stats: %w", err)
	}
	return nil
}

// loadEvidence resolves the claim ids that thesis claims cite as evidence.
// They are descriptions or figures (the store has no look-up by claim id,
// and the thesis rarely points at anything else).
func (c *Corpus) loadEvidence(thesis []*tokumu.Claim, claims func(string) ([]*tokumu.Claim, error)) error {
	c.Evidence = map[string]*tokumu.Claim{}
	want := map[string]bool{}
	for _, t := range thesis {
		for _, id := range append(append([]string(nil), t.SupportedBy...), t.ComplicatedBy...) {
			if c.Entities[id] == nil {
				want[id] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	keep := func(cs []*tokumu.Claim) {
		for _, cl := range cs {
			if want[cl.ID] {
				c.Evidence[cl.ID] = cl
			}
		}
	}
	keep(c.Numbers)
	if len(c.Evidence) == len(want) {
		return nil
	}
	cs, err := claims(c.Vocab.ID(tokumu.RoleDescription))
	if err != nil {
		return err
	}
	keep(cs)
	return nil
}

func (c *Corpus) buildPeriods(byRole map[tokumu.Role][]*tokumu.Claim) {
	idx := map[string]int{}
	for _, e := range c.ByType[tokumu.Period] {
		idx[e.ID] = len(c.Periods)
		c.Periods = append(c.Periods, Period{ID: e.ID, From: tokumu.MinDay, To: tokumu.MaxDay})
	}
	for _, cl := range byRole[tokumu.RoleCovers] {
		if i, ok := idx[cl.Subject]; ok && !cl.When.IsZero() {
			c.Periods[i].From, c.Periods[i].To = cl.When.Earliest, cl.When.Latest
		}
	}
	for _, cl := range byRole[tokumu.RoleThesis] {
		if i, ok := idx[cl.Subject]; ok {
			c.Periods[i].Thesis = append(c.Periods[i].Thesis, cl)
		}
	}
	for _, cl := range byRole[tokumu.RoleInPeriod] {
		if i, ok := idx[cl.Object]; ok {
			c.Periods[i].Includes = append(c.Periods[i].Includes, cl.Subject)
		}
	}
	sort.SliceStable(c.Periods, func(i, j int) bool { return c.Periods[i].From < c.Periods[j].From })
}

// PeriodSpan returns the span of period id as its covers claim gives it,
// and whether the period is known.
func (c *Corpus) PeriodSpan(id string) (from, to tokumu.Day, ok bool) {
	for _, p := range c.Periods {
		if p.ID == id {
			return p.From, p.To, true
		}
	}
	return 0, 0, false
}

func (c *Corpus) buildEvents(byRole map[tokumu.Role][]*tokumu.Claim, takesPart []*tokumu.Claim) {
	idx := map[string]int{}
	add := func(id string, w tokumu.When) int {
		if i, ok := idx[id]; ok {
			return i
		}
		e := c.Entities[id]
		if e == nil || (e.Type != tokumu.Event && e.Type != tokumu.Operation) {
			return -1
		}
		idx[id] = len(c.Events)
		c.Events = append(c.Events, Event{ID: id, Type: e.Type, When: w})
		return idx[id]
	}
	dated := map[string][]*tokumu.Claim{}
	var order []string
	for _, cl := range byRole[tokumu.RoleOccurred] {
		if cl.When.IsZero() {
			continue
		}
		if dated[cl.Subject] == nil {
			order = append(order, cl.Subject)
		}
		dated[cl.Subject] = append(dated[cl.Subject], cl)
	}
	for _, id := range order {
		cs := dated[id]
		best, disputed := dating(cs)
		i := add(id, best.When)
		if i < 0 {
			continue
		}
		c.Events[i].Disputed = disputed
		for _, cl := range cs {
			if cl.Where != "" {
				c.Events[i].Places = appendNew(c.Events[i].Places, cl.Where)
			}
		}
	}
	// Operations are often dated by when they began and ended rather than
	// by an occurred claim.
	for _, cl := range byRole[tokumu.RoleFounded] {
		if e := c.Entities[cl.Subject]; e != nil && e.Type == tokumu.Operation && !cl.When.IsZero() {
			if i := add(cl.Subject, cl.When); i >= 0 && c.Events[i].When.EDTF == cl.When.EDTF {
				w := cl.When
				w.Interval = true
				c.Events[i].When = w
			}
		}
	}
	for _, cl := range byRole[tokumu.RoleDissolved] {
		if i, ok := idx[cl.Subject]; ok && !cl.When.IsZero() && c.Events[i].Type == tokumu.Operation {
			w := &c.Events[i].When
			if cl.When.Latest > w.Latest {
				start, _, _ := strings.Cut(w.EDTF, "/")
				w.EDTF = start + "/" + cl.When.EDTF
				w.Latest, w.EarliestEnd, w.Interval = cl.When.Latest, cl.When.Earliest, true
			}
		}
	}
	link := func(ev, other string) {
		i, ok := idx[ev]
		if !ok {
			return
		}
		o := c.Entities[other]
		if o == nil {
			return
		}
		switch o.Type {
		case tokumu.Organization, tokumu.Unit:
			c.Events[i].Orgs = appendNew(c.Events[i].Orgs, other)
		case tokumu.Place:
			c.Events[i].Places = appendNew(c.Events[i].Places, other)
		case tokumu.Period:
			c.Events[i].Periods = appendNew(c.Events[i].Periods, other)
		}
	}
	var linking []*tokumu.Claim
	linking = append(linking, byRole[tokumu.RoleLocatedIn]...)
	linking = append(linking, takesPart...)
	linking = append(linking, byRole[tokumu.RoleInPeriod]...)
	for _, cl := range linking {
		link(cl.Subject, cl.Object)
		if cl.Where != "" {
			link(cl.Subject, cl.Where)
		}
	}
	for i := range c.Events {
		ev := &c.Events[i]
		lo, hi := ev.Span()
		for _, p := range c.Periods {
			if lo <= p.To && p.From <= hi {
				ev.Periods = appendNew(ev.Periods, p.ID)
			}
		}
	}
	sort.SliceStable(c.Events, func(i, j int) bool {
		a, _ := c.Events[i].Span()
		b, _ := c.Events[j].Span()
		if a != b {
			return a < b
		}
		return c.Events[i].ID < c.Events[j].ID
	})
}

// dating returns the claim that dates an event, of its dated occurred
// claims, and whether another of them disagrees with it. A claim of the
// historiography dates it before one that is a party's view (by: the
// USSR's date for a protocol it signed); then the most credible one's
// (credibility 1, confirmed, before 6, not judged; a
// claim graded 5, improbable, is kept in a corpus to show that a source
// says it, not to date the event); among claims as credible, one whose
// dates lie within another's tells the same date more precisely and is
// taken, whatever the sources' reliability ("1938/1939" from a history
// and "1939-01" from a press report: January 1939); then the most
// reliable source's, and otherwise the earliest. A
// claim disagrees when no day it allows is a day the chosen one allows:
// "1944" does not dispute "1944-09-01"; "1943-08" does.
func dating(cs []*tokumu.Claim) (best *tokumu.Claim, disputed bool) {
	rank := func(c *tokumu.Claim) (cred, rel byte) {
		cred, rel = c.Grade.Credibility, c.Grade.Reliability
		if cred == 0 {
			cred = 6
		}
		if rel == 0 {
			rel = 'F'
		}
		return cred, rel
	}
	for _, c := range cs {
		if best == nil {
			best = c
			continue
		}
		cc, cr := rank(c)
		bc, br := rank(best)
		w, b := c.When, best.When
		switch {
		case (c.Perspective == "") != (best.Perspective == ""):
			if c.Perspective == "" {
				best = c
			}
		case cc != bc:
			if cc < bc {
				best = c
			}
		case w.Earliest >= b.Earliest && w.Latest <= b.Latest && (w.Earliest > b.Earliest || w.Latest < b.Latest):
			best = c // within best's dates, narrower
		case b.Earliest >= w.Earliest && b.Latest <= w.Latest:
			// best is within c's dates: keep it
		case cr != br:
			if cr < br {
				best = c
			}
		case w.Earliest < b.Earliest:
			best = c
		}
	}
	for _, c := range cs {
		if !c.When.Overlaps(best.When) {
			return best, true
		}
	}
	return best, false
}

func (c *Corpus) buildPlaces(byRole map[tokumu.Role][]*tokumu.Claim) {
	idx := map[string]int{}
	for _, cl := range byRole[tokumu.RoleCoordinates] {
		if _, ok := idx[cl.Subject]; ok {
			continue // the first claim wins; disagreements show on the place's page
		}
		lat, lon, err := tokumu.ParsePoint(cl.Value)
		if err != nil {
			continue
		}
		idx[cl.Subject] = len(c.Places)
		c.Places = append(c.Places, Place{ID: cl.Subject, Lat: lat, Lon: lon})
	}
	life := map[string]*OrgAt{}
	span := func(id string) *OrgAt {
		if l := life[id]; l != nil {
			return l
		}
		// Nothing is certain until a founding and a dissolution say so.
		l := &OrgAt{ID: id, From: tokumu.MinDay, To: tokumu.MaxDay, CertainFrom: tokumu.MaxDay, CertainTo: tokumu.MinDay}
		life[id] = l
		return l
	}
	founded := map[string]tokumu.Day{} // latest day of founding
	ended := map[string]tokumu.Day{}   // earliest day of dissolution
	for _, cl := range byRole[tokumu.RoleFounded] {
		if !cl.When.IsZero() {
			l := span(cl.Subject)
			l.From, l.FromBy = cl.When.Earliest, cl
			founded[cl.Subject] = cl.When.Latest
		}
	}
	for _, cl := range byRole[tokumu.RoleDissolved] {
		if !cl.When.IsZero() {
			l := span(cl.Subject)
			l.To, l.ToBy = cl.When.Latest, cl
			ended[cl.Subject] = cl.When.Earliest
		}
	}
	for _, cl := range byRole[tokumu.RoleLocatedIn] {
		i, ok := idx[cl.Object]
		e := c.Entities[cl.Subject]
		if !ok || e == nil || (e.Type != tokumu.Organization && e.Type != tokumu.Unit) {
			continue
		}
		o := *span(cl.Subject)
		f, okf := founded[cl.Subject]
		d, okd := ended[cl.Subject]
		if okf && okd {
			o.CertainFrom, o.CertainTo = f, d
		}
		if w := cl.When; !w.IsZero() {
			if w.Earliest >= o.From {
				o.FromBy = nil
			}
			if w.Latest <= o.To {
				o.ToBy = nil
			}
			o.From, o.To = max(o.From, w.Earliest), min(o.To, w.Latest)
			cf, ct := w.LatestStart, w.EarliestEnd
			if !w.Interval {
				// A point in time ("in 1938") is certain in its year
				// only when all its possible days fall in one year.
				cf, ct = w.Earliest, w.Latest
				if y0, _, _ := w.Earliest.Date(); y0 != yearOf(w.Latest) {
					cf, ct = tokumu.MaxDay, tokumu.MinDay
				}
			}
			if okf {
				cf = max(cf, f)
			}
			if okd {
				ct = min(ct, d)
			}
			o.CertainFrom, o.CertainTo = cf, ct
		}
		c.Places[i].Orgs = append(c.Places[i].Orgs, o)
	}
	sort.Slice(c.Places, func(i, j int) bool { return c.Places[i].ID < c.Places[j].ID })
}

func yearOf(d tokumu.Day) int { y, _, _ := d.Date(); return y }

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
