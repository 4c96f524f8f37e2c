package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// snapshot is what the HTML pages read on every request, loaded once in
// Reload: the vocabulary, the bibliography, every entity, and the small
// derived tables behind the timeline, the map and the estimates. Without
// it an entity page would read the whole vocabulary and each cited source
// from the store on every request (see BENCHMARKS.md: 6–8× the bare
// query). It is never modified after Reload, so requests share it freely.
type snapshot struct {
	entities  map[string]*tokumu.Entity
	labels    map[string]map[string]string           // lang → id → display name; see label
	byType    map[tokumu.EntityType][]*tokumu.Entity // ordered by id
	preds     map[string]*tokumu.Predicate
	predList  []*tokumu.Predicate // ordered by id
	sources   map[string]*tokumu.Source
	srcList   []*tokumu.Source // ordered by id
	srcClaims map[string]int   // source id → claims citing it
	// refHTML and refText are each source's full reference, rendered
	// once: every citation on a page expands to it.
	refHTML map[string]template.HTML
	refText map[string]string
	stats   *tokumu.Stats

	periods  []period // in time order
	events   []event  // in time order
	places   []place  // those with coordinates, ordered by id
	numbers  []*tokumu.Claim
	numPreds []string              // predicates whose values are numbers
	byLang   map[string]*langCache // en, ja, ru
	// netClaims holds the network page's queries; see claimCache.
	netClaims claimCache

	// evidence holds the claims that thesis claims cite as evidence by
	// claim id (supported_by, complicated_by), by id.
	evidence map[string]*tokumu.Claim
}

// period is one period of the thesis with the span its covers claim gives.
type period struct {
	ID       string
	From, To tokumu.Day
	Thesis   []*tokumu.Claim
	Includes []string // entities linked to it by part_of_event
}

// event is an event or operation with the time it happened and what it is
// linked to, for the timeline's filters and the map.
type event struct {
	ID      string
	Type    tokumu.EntityType
	When    tokumu.When
	Places  []string
	Orgs    []string // organizations and units linked by any relation
	Periods []string
}

// place is a place with coordinates, and the organizations located there.
type place struct {
	ID       string
	Lat, Lon float64
	Orgs     []orgAt
}

// orgAt is an organization at a place, with its lifetime as far as the
// corpus dates it (MinDay/MaxDay where it does not).
type orgAt struct {
	ID       string
	From, To tokumu.Day
}

// loadSnapshot reads the store into a snapshot.
func loadSnapshot(ctx context.Context, st tokumu.Store) (*snapshot, error) {
	sn := &snapshot{
		entities: map[string]*tokumu.Entity{}, byType: map[tokumu.EntityType][]*tokumu.Entity{},
		preds: map[string]*tokumu.Predicate{}, sources: map[string]*tokumu.Source{},
		byLang: map[string]*langCache{"en": {}, "ja": {}, "ru": {}},
	}
	es, err := st.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		return nil, fmt.Errorf("loading entities: %w", err)
	}
	sn.labels = map[string]map[string]string{"en": {}, "ja": {}, "ru": {}}
	for _, e := range es {
		sn.entities[e.ID] = e
		sn.byType[e.Type] = append(sn.byType[e.Type], e)
		for lang, m := range sn.labels {
			m[e.ID] = label(e, lang)
		}
	}
	if sn.predList, err = st.Predicates(ctx); err != nil {
		return nil, fmt.Errorf("loading predicates: %w", err)
	}
	for _, p := range sn.predList {
		sn.preds[p.ID] = p
		if p.Literal == tokumu.LiteralNumber {
			sn.numPreds = append(sn.numPreds, p.ID)
		}
	}
	if sn.srcList, err = st.Sources(ctx); err != nil {
		return nil, fmt.Errorf("loading sources: %w", err)
	}
	sn.refHTML, sn.refText = map[string]template.HTML{}, map[string]string{}
	ref := pages["sources"]
	for _, s := range sn.srcList {
		sn.sources[s.ID] = s
		var buf bytes.Buffer
		if err := ref.ExecuteTemplate(&buf, "reference", s); err != nil {
			return nil, fmt.Errorf("rendering the reference of %s: %w", s.ID, err)
		}
		sn.refHTML[s.ID] = template.HTML(buf.String())
		sn.refText[s.ID] = refText(s)
	}
	if sn.stats, err = st.Stats(ctx); err != nil {
		return nil, fmt.Errorf("loading stats: %w", err)
	}
	sn.srcClaims = sn.stats.BySource

	claims := func(p string) ([]*tokumu.Claim, error) {
		cs, err := st.Claims(ctx, tokumu.ClaimFilter{Predicate: p})
		if err != nil {
			return nil, fmt.Errorf("loading %s claims: %w", p, err)
		}
		return cs, nil
	}
	byPred := map[string][]*tokumu.Claim{}
	for _, p := range []string{"covers", "thesis", "part_of_event", "occurred", "founded", "dissolved",
		"located_in", "coordinates", "participant", "conducted_by", "targeted", "concerns"} {
		if sn.preds[p] == nil {
			continue
		}
		if byPred[p], err = claims(p); err != nil {
			return nil, err
		}
	}
	for _, p := range sn.numPreds {
		cs, err := claims(p)
		if err != nil {
			return nil, err
		}
		sn.numbers = append(sn.numbers, cs...)
	}
	if err := sn.loadEvidence(byPred["thesis"], claims); err != nil {
		return nil, err
	}
	sn.buildPeriods(byPred)
	sn.buildEvents(byPred)
	sn.buildPlaces(byPred)
	return sn, nil
}

// loadEvidence resolves the claim ids that thesis claims cite as evidence.
// They are descriptions or figures (the store has no look-up by claim id,
// and the thesis rarely points at anything else).
func (sn *snapshot) loadEvidence(thesis []*tokumu.Claim, claims func(string) ([]*tokumu.Claim, error)) error {
	sn.evidence = map[string]*tokumu.Claim{}
	want := map[string]bool{}
	for _, c := range thesis {
		for _, id := range append(append([]string(nil), c.SupportedBy...), c.ComplicatedBy...) {
			if sn.entities[id] == nil {
				want[id] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	keep := func(cs []*tokumu.Claim) {
		for _, c := range cs {
			if want[c.ID] {
				sn.evidence[c.ID] = c
			}
		}
	}
	keep(sn.numbers)
	if len(sn.evidence) == len(want) || sn.preds["description"] == nil {
		return nil
	}
	cs, err := claims("description")
	if err != nil {
		return err
	}
	keep(cs)
	return nil
}

func (sn *snapshot) buildPeriods(byPred map[string][]*tokumu.Claim) {
	idx := map[string]int{}
	for _, e := range sn.byType[tokumu.Period] {
		idx[e.ID] = len(sn.periods)
		sn.periods = append(sn.periods, period{ID: e.ID, From: tokumu.MinDay, To: tokumu.MaxDay})
	}
	for _, c := range byPred["covers"] {
		if i, ok := idx[c.Subject]; ok && !c.When.IsZero() {
			sn.periods[i].From, sn.periods[i].To = c.When.Earliest, c.When.Latest
		}
	}
	for _, c := range byPred["thesis"] {
		if i, ok := idx[c.Subject]; ok {
			sn.periods[i].Thesis = append(sn.periods[i].Thesis, c)
		}
	}
	for _, c := range byPred["part_of_event"] {
		if i, ok := idx[c.Object]; ok {
			sn.periods[i].Includes = append(sn.periods[i].Includes, c.Subject)
		}
	}
	sort.SliceStable(sn.periods, func(i, j int) bool { return sn.periods[i].From < sn.periods[j].From })
}

func (sn *snapshot) buildEvents(byPred map[string][]*tokumu.Claim) {
	idx := map[string]int{}
	add := func(id string, w tokumu.When) int {
		if i, ok := idx[id]; ok {
			return i
		}
		e := sn.entities[id]
		if e == nil || (e.Type != tokumu.Event && e.Type != tokumu.Operation) {
			return -1
		}
		idx[id] = len(sn.events)
		sn.events = append(sn.events, event{ID: id, Type: e.Type, When: w})
		return idx[id]
	}
	for _, c := range byPred["occurred"] {
		if c.When.IsZero() {
			continue
		}
		if i := add(c.Subject, c.When); i >= 0 && c.Where != "" {
			sn.events[i].Places = appendNew(sn.events[i].Places, c.Where)
		}
	}
	// Operations are often dated by when they began and ended rather than
	// by an occurred claim.
	for _, c := range byPred["founded"] {
		if e := sn.entities[c.Subject]; e != nil && e.Type == tokumu.Operation && !c.When.IsZero() {
			if i := add(c.Subject, c.When); i >= 0 && sn.events[i].When.EDTF == c.When.EDTF {
				w := c.When
				w.Interval = true
				sn.events[i].When = w
			}
		}
	}
	for _, c := range byPred["dissolved"] {
		if i, ok := idx[c.Subject]; ok && !c.When.IsZero() && sn.events[i].Type == tokumu.Operation {
			w := &sn.events[i].When
			if c.When.Latest > w.Latest {
				w.EDTF = strings.SplitN(w.EDTF, "/", 2)[0] + "/" + c.When.EDTF
				w.Latest, w.EarliestEnd, w.Interval = c.When.Latest, c.When.Earliest, true
			}
		}
	}
	link := func(ev, other string) {
		i, ok := idx[ev]
		if !ok {
			return
		}
		o := sn.entities[other]
		if o == nil {
			return
		}
		switch o.Type {
		case tokumu.Organization, tokumu.Unit:
			sn.events[i].Orgs = appendNew(sn.events[i].Orgs, other)
		case tokumu.Place:
			sn.events[i].Places = appendNew(sn.events[i].Places, other)
		case tokumu.Period:
			sn.events[i].Periods = appendNew(sn.events[i].Periods, other)
		}
	}
	for _, p := range []string{"located_in", "participant", "conducted_by", "targeted", "concerns", "part_of_event"} {
		for _, c := range byPred[p] {
			link(c.Subject, c.Object)
			if c.Where != "" {
				link(c.Subject, c.Where)
			}
		}
	}
	for i := range sn.events {
		ev := &sn.events[i]
		for _, p := range sn.periods {
			if ev.When.Earliest <= p.To && p.From <= ev.When.Latest {
				ev.Periods = appendNew(ev.Periods, p.ID)
			}
		}
	}
	sort.SliceStable(sn.events, func(i, j int) bool {
		a, b := sn.events[i].When, sn.events[j].When
		if a.Earliest != b.Earliest {
			return a.Earliest < b.Earliest
		}
		return sn.events[i].ID < sn.events[j].ID
	})
}

func (sn *snapshot) buildPlaces(byPred map[string][]*tokumu.Claim) {
	idx := map[string]int{}
	for _, c := range byPred["coordinates"] {
		if _, ok := idx[c.Subject]; ok {
			continue // the first claim wins; disagreements show on the place's page
		}
		lat, lon, err := parsePoint(c.Value)
		if err != nil {
			continue
		}
		idx[c.Subject] = len(sn.places)
		sn.places = append(sn.places, place{ID: c.Subject, Lat: lat, Lon: lon})
	}
	life := map[string]*orgAt{}
	span := func(id string) *orgAt {
		if l := life[id]; l != nil {
			return l
		}
		l := &orgAt{ID: id, From: tokumu.MinDay, To: tokumu.MaxDay}
		life[id] = l
		return l
	}
	for _, c := range byPred["founded"] {
		if !c.When.IsZero() {
			span(c.Subject).From = c.When.Earliest
		}
	}
	for _, c := range byPred["dissolved"] {
		if !c.When.IsZero() {
			span(c.Subject).To = c.When.Latest
		}
	}
	for _, c := range byPred["located_in"] {
		i, ok := idx[c.Object]
		e := sn.entities[c.Subject]
		if !ok || e == nil || (e.Type != tokumu.Organization && e.Type != tokumu.Unit) {
			continue
		}
		o := *span(c.Subject)
		if !c.When.IsZero() {
			o.From, o.To = max(o.From, c.When.Earliest), min(o.To, c.When.Latest)
		}
		sn.places[i].Orgs = append(sn.places[i].Orgs, o)
	}
	sort.Slice(sn.places, func(i, j int) bool { return sn.places[i].ID < sn.places[j].ID })
}

// label is the name a page shows for e in lang: the entity's own name or
// its systematic romanization or transcription before an alias, cover name
// or former name ("Doihara Kenji", not "Lawrence of Manchuria"), chosen
// among those by tokumu.Entity.Label's preference for the reader's
// language.
func label(e *tokumu.Entity, lang string) string {
	var proper []tokumu.Name
	for _, n := range e.Names {
		switch n.Kind {
		case tokumu.Alias, tokumu.Codename, tokumu.Former:
		default:
			proper = append(proper, n)
		}
	}
	if len(proper) == 0 || len(proper) == len(e.Names) {
		return e.Label(lang)
	}
	f := *e
	f.Names = proper
	return f.Label(lang)
}

// parsePoint reads a coordinates value, "lat, lon" in degrees.
func parsePoint(v string) (lat, lon float64, err error) {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return 0, 0, fmt.Errorf("point %q: want \"lat, lon\"", v)
	}
	if lat, err = strconv.ParseFloat(strings.TrimSpace(a), 64); err != nil {
		return 0, 0, fmt.Errorf("point %q: %w", v, err)
	}
	if lon, err = strconv.ParseFloat(strings.TrimSpace(b), 64); err != nil {
		return 0, 0, fmt.Errorf("point %q: %w", v, err)
	}
	return lat, lon, nil
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// cachedStore answers the vocabulary, bibliography and entity look-ups
// from the snapshot and passes everything else to the store, so that the
// domain's views (LoadEntityView) cost one claims query per page.
type cachedStore struct {
	tokumu.Store
	sn *snapshot
}

func (c cachedStore) Entity(ctx context.Context, id string) (*tokumu.Entity, error) {
	if e := c.sn.entities[id]; e != nil {
		return e, nil
	}
	return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", id)
}

func (c cachedStore) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	if len(f.IDs) == 0 || f.Type != "" || f.Limit != 0 {
		return c.Store.Entities(ctx, f)
	}
	out := make([]*tokumu.Entity, 0, len(f.IDs))
	for _, id := range f.IDs {
		if e := c.sn.entities[id]; e != nil {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (c cachedStore) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	if s := c.sn.sources[id]; s != nil {
		return s, nil
	}
	return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q", id)
}

func (c cachedStore) Sources(ctx context.Context) ([]*tokumu.Source, error) { return c.sn.srcList, nil }

func (c cachedStore) Predicates(ctx context.Context) ([]*tokumu.Predicate, error) {
	return c.sn.predList, nil
}
