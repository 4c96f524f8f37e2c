package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// snapshot is what the HTML pages read on every request, loaded once per
// state: the corpus read model (view.Corpus: vocabulary, bibliography,
// entities, periods, events, places, figures) and what only HTML needs —
// labels by language, each source's rendered reference, the map's and the
// network's caches. Without it an entity page would read the whole
// vocabulary and each cited source from the store on every request (see
// BENCHMARKS.md: 6–8× the bare query). It is never modified after
// loading, so requests share it freely.
type snapshot struct {
	*view.Corpus
	labels map[string]map[string]string // lang → id → Entity.Label
	// labelLang is the language of each label (lang → id → the name's
	// BCP 47 tag), so that a name in another language than the page's is
	// marked as such.
	labelLang map[string]map[string]string
	preds     map[string]*tokumu.Predicate
	predIDs   []*tokumu.Predicate // in vocabulary order
	// refHTML and refText are each source's full reference, rendered
	// once: every citation on a page expands to it.
	refHTML map[string]map[string]template.HTML // lang → source id → its reference
	refText map[string]string
	byLang  map[string]*langCache // en, ja, ru
	// netClaims holds the network page's queries; see claimCache.
	netClaims claimCache
	an        *analyses // the ledger, beliefs, matrices, attestation; see analyses.go
	// The views' defaults: the corpus's settings, or what its data spans.
	tlFrom, tlTo   int // the timeline's and the map's extent (years)
	mapYear        int
	netFrom, netTo int
	structRoot     string
	structDate     tokumu.Day
	structCmp      tokumu.Day
	// evidence bounds open holdings for the network and the map (see
	// bounds.go), indexed once from every claim.
	evidence *view.Evidence
	// evTags are the tags of events and operations (eventTags).
	tagsOnce sync.Once
	evTags   []string
	// allEntities is every entity ordered by id, for /api/entities.
	allEntities []*tokumu.Entity
	// disagreements is view.FindDisagreements over every claim, found
	// once at load: per request it read every claim (16 s and 1.8 GB for
	// eight concurrent requests on 212k claims). It is ordered by
	// subject, so disBySubject holds sub-slices of it.
	disagreements []view.DisagreementJSON
	// explicit maps each claim with an id of its own (not derived) to its
	// subject.
	explicit     map[string]string
	disBySubject map[string][]view.DisagreementJSON
	// hash is the store's content hash, the release a citation names
	// (see release.go).
	hash string
}

// loadSnapshot reads the store into a snapshot.
func loadSnapshot(ctx context.Context, st tokumu.Store) (*snapshot, error) {
	c, err := view.LoadCorpus(ctx, st)
	if err != nil {
		return nil, err
	}
	sn := &snapshot{Corpus: c, preds: c.Vocab.Map(), predIDs: c.Vocab.List(),
		byLang: map[string]*langCache{"en": {}, "ja": {}, "ru": {}}}
	sn.labels = map[string]map[string]string{"en": {}, "ja": {}, "ru": {}}
	sn.labelLang = map[string]map[string]string{"en": {}, "ja": {}, "ru": {}}
	for _, e := range c.Entities {
		for lang, m := range sn.labels {
			l := e.Label(lang)
			m[e.ID] = l
			for _, n := range e.Names {
				if n.Text == l {
					if base, _, _ := strings.Cut(n.Lang, "-"); base != lang && n.Lang != "" {
						sn.labelLang[lang][e.ID] = n.Lang
					}
					break
				}
			}
		}
	}
	sn.defaults()
	if sn.an, err = loadAnalyses(ctx, st, c); err != nil {
		return nil, err
	}
	sn.allEntities = make([]*tokumu.Entity, 0, len(c.Entities))
	for _, e := range c.Entities {
		sn.allEntities = append(sn.allEntities, e)
	}
	sort.Slice(sn.allEntities, func(i, j int) bool { return sn.allEntities[i].ID < sn.allEntities[j].ID })
	all, err := st.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		return nil, err
	}
	sn.disagreements = view.DisagreementsJSON(view.AllDisagreements(all, c.Vocab))
	// The claims with an id of their own, for their permalinks: found
	// here, where every claim is read anyway, rather than by a walk of
	// the store on the first permalink after each edit (claimpage.go).
	sn.explicit = map[string]string{}
	for _, cl := range all {
		if cl.ID != tokumu.DeriveClaimID(cl) {
			sn.explicit[cl.ID] = cl.Subject
		}
	}
	sn.evidence = view.NewEvidence(c.Vocab, all)
	// Each disagreement is listed under every entity it involves: its
	// subject, and the subjects and objects of its claims (two holders
	// of an office show on the office's page and on each holder's).
	sn.disBySubject = map[string][]view.DisagreementJSON{}
	for _, d := range sn.disagreements {
		seen := map[string]bool{}
		for _, id := range append([]string{d.Subject, d.Object}, claimEnds(d.Claims)...) {
			if id != "" && !seen[id] {
				seen[id] = true
				sn.disBySubject[id] = append(sn.disBySubject[id], d)
			}
		}
	}
	// Each reference is rendered once per language: its frame words (In,
	// Vol., the kind) are the interface's.
	sn.refHTML, sn.refText = map[string]map[string]template.HTML{}, map[string]string{}
	ref := pages["sources"]
	for _, lang := range []string{"en", "ja", "ru"} {
		sn.refHTML[lang] = map[string]template.HTML{}
		b := &base{Lang: lang, sn: sn}
		for _, s := range c.SourceList {
			var buf bytes.Buffer
			if err := ref.ExecuteTemplate(&buf, "reference", refCtx{S: s, B: b}); err != nil {
				return nil, fmt.Errorf("rendering the reference of %s: %w", s.ID, err)
			}
			sn.refHTML[lang][s.ID] = template.HTML(buf.String())
		}
	}
	for _, s := range c.SourceList {
		sn.refText[s.ID] = s.Reference()
	}
	if sn.hash, err = st.Hash(ctx); err != nil {
		return nil, err
	}
	return sn, nil
}

// defaults sets the views' starting points from the corpus's settings
// (settings.yaml); where it gives none, from what the data spans: the
// years of its events, the organization with most subdivisions.
func (sn *snapshot) defaults() {
	set := sn.Settings
	lo, hi := 0, 0
	for _, ev := range sn.Events {
		if y, _, _ := ev.When.Earliest.Date(); ev.When.Earliest > tokumu.MinDay && (lo == 0 || y < lo) {
			lo = y
		}
		if y, _, _ := ev.When.Latest.Date(); ev.When.Latest < tokumu.MaxDay && y > hi {
			hi = y
		}
	}
	if lo == 0 {
		lo, hi = 1900, 2000
	}
	pick := func(v, def int) int {
		if v != 0 {
			return v
		}
		return def
	}
	sn.tlFrom, sn.tlTo = pick(set.TimelineFrom, lo), pick(set.TimelineTo, hi)
	sn.mapYear = min(max(pick(set.MapYear, lo), sn.tlFrom), sn.tlTo)
	sn.netFrom, sn.netTo = pick(set.NetworkFrom, lo), pick(set.NetworkTo, hi)
	sn.structRoot = set.StructureRoot
	day := func(edtf string, def tokumu.Day) tokumu.Day {
		if w, _, err := tokumu.ParseWhen(edtf); err == nil && !w.IsZero() {
			return w.Earliest
		}
		return def
	}
	sn.structDate = day(set.StructureDate, tokumu.DayOf(sn.mapYear, 1, 1))
	sn.structCmp = day(set.StructureCompare, 0)
}

// cachedStore answers the vocabulary, bibliography and entity look-ups
// from the snapshot and passes everything else to the store, so that the
// domain's views (LoadEntityView) cost one claims query per page.
type cachedStore struct {
	tokumu.Store
	sn *snapshot
}

func (c cachedStore) Entity(ctx context.Context, id string) (*tokumu.Entity, error) {
	if e := c.sn.Entities[id]; e != nil {
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
		if e := c.sn.Entities[id]; e != nil {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (c cachedStore) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	if s := c.sn.Sources[id]; s != nil {
		return s, nil
	}
	return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q", id)
}

func (c cachedStore) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	return c.sn.SourceList, nil
}

func (c cachedStore) Predicates(ctx context.Context) ([]*tokumu.Predicate, error) {
	return c.sn.predIDs, nil
}

func (c cachedStore) Settings(ctx context.Context) (*tokumu.Settings, error) {
	st := c.sn.Settings
	return &st, nil
}

// cappedStore bounds the claims a view may read: a query with no limit
// gets limit+1, and more records that the view saw only the first limit.
// The entity view reads every claim about an entity, which for a hub of a
// large corpus is a 7 MB page.
type cappedStore struct {
	tokumu.Store
	limit int
	more  bool
}

func (c *cappedStore) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	if f.Limit != 0 {
		return c.Store.Claims(ctx, f)
	}
	f.Limit = c.limit + 1
	cs, err := c.Store.Claims(ctx, f)
	if len(cs) > c.limit {
		cs, c.more = cs[:c.limit], true
	}
	return cs, err
}

// claimEnds lists the subjects and objects of claims.
func claimEnds(cs []*tokumu.Claim) []string {
	out := make([]string, 0, 2*len(cs))
	for _, c := range cs {
		out = append(out, c.Subject, c.Object)
	}
	return out
}
