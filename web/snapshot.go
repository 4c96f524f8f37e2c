package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
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
	labels map[string]*labelTable // en, ja, ru: built on first use (labelsIn)
	// labelPos and labelEnts number the entities for the label tables
	// (labelIndex).
	labelOnce sync.Once
	labelPos  map[string]int32
	labelEnts []*tokumu.Entity
	preds     map[string]*tokumu.Predicate
	predIDs   []*tokumu.Predicate // in vocabulary order
	// refHTML and refText are each source's full reference, rendered
	// once, on first use (refs): every citation on a page expands to it.
	refsOnce sync.Once
	refHTML  map[string]map[string]template.HTML // lang → source id → its reference
	refText  map[string]string
	refErr   error
	byLang   map[string]*langCache // en, ja, ru
	// netClaims holds the network page's queries; see claimCache.
	netClaims claimCache
	// an is the ledger, beliefs, matrices and attestation (analyses.go),
	// set before anReady closes; read it through analyses().
	an      *analyses
	anReady chan struct{}
	// The views' defaults: the corpus's settings, or what its data spans.
	tlFrom, tlTo   int // the timeline's and the map's extent (years)
	mapYear        int
	netFrom, netTo int
	structRoot     string
	structDate     tokumu.Day
	structCmp      tokumu.Day
	// evTags are the tags of events and operations (eventTags).
	tagsOnce sync.Once
	evTags   []string
	// allEntities is every entity ordered by id, for /api/entities, sorted
	// on its first use (entityList): 0.2 s at 100k entities, not needed
	// for a first answer.
	allOnce     sync.Once
	allEntities []*tokumu.Entity
	// hash is the store's content hash as imported; release is what a
	// citation names (servedRelease: the hash's name, or the release of
	// the newest edit, or the hash's name with the revision), released
	// whether a release holds it.
	hash     string
	release  string
	released bool
	// edited holds, for a state with edits, what servedRelease needs to
	// ask again: a release created after the state was built names it.
	edited *editedStore
	// dates are the release dates citations print, asked once a name.
	dates *releaseDates
}

// loadSnapshot reads the store into a snapshot. Its slow parts (the
// analyses) start once published is closed.
func loadSnapshot(ctx context.Context, st tokumu.Store, t *loadTimer, published <-chan struct{}, orgChart func() *chart.Chart) (*snapshot, error) {
	if t == nil {
		t = &loadTimer{last: time.Now()}
	}
	// The model stored at import is decoded rather than rebuilt (at 1M
	// claims: reading it was 2.5 s, most of a start); an edit drops it.
	c, stored, err := view.LoadCorpusStored(ctx, st)
	if err != nil {
		return nil, err
	}
	if stored {
		t.mark("corpus (stored, decoded; sources, counts from the store)")
	} else {
		t.mark("corpus (entities, sources, periods, events, places, figures)")
	}
	sn := &snapshot{Corpus: c, preds: c.Vocab.Map(), predIDs: c.Vocab.List(),
		byLang: map[string]*langCache{"en": {}, "ja": {}, "ru": {}},
		labels: map[string]*labelTable{"en": {}, "ja": {}, "ru": {}}}
	sn.defaults()
	// The labels and references are built once the state is published
	// (or by the first page that needs them, which then waits).
	inBackground(published, func() {
		for _, lang := range []string{"en", "ja", "ru"} {
			sn.labelsIn(lang)
		}
		sn.refs()
	})
	// The analyses read every claim (seconds at a million): they are
	// built after the state is published, and the pages that show them
	// wait for them (analyses()); the others answer at once.
	sn.anReady = make(chan struct{})
	inBackground(published, func() {
		defer close(sn.anReady)
		start := time.Now()
		a, err := loadAnalyses(context.WithoutCancel(ctx), st, c, orgChart)
		if err != nil {
			slog.Error("building the analyses (ledger, matrices, attestation); their pages stay empty", "err", err)
			a = &analyses{attestN: map[string][2]int{}, evidence: view.NewEvidence(c.Vocab, nil), rels: view.NewRelations(nil, nil)}
		}
		a.took = time.Since(start)
		sn.an = a
		releaseMemory()
	})
	if !backgroundLoad {
		// The package's tests see a rendering error at load, as before.
		if err := sn.refs(); err != nil {
			return nil, err
		}
	}
	if sn.hash, err = st.Hash(ctx); err != nil {
		return nil, err
	}
	t.mark("hash")
	return sn, nil
}

// entityList is every entity ordered by id.
func (sn *snapshot) entityList() []*tokumu.Entity {
	sn.allOnce.Do(func() {
		all := make([]*tokumu.Entity, 0, len(sn.Entities))
		for _, e := range sn.Entities {
			all = append(all, e)
		}
		sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
		sn.allEntities = all
	})
	return sn.allEntities
}

// labelTable is the labels of every entity in one language, built on
// first use (labelsIn): building the three was 0.37 s of a 1M-claim
// start, which a first answer does not need; they are built in the
// background once the state is published. (Computing a label per call
// instead cost ~0.4 µs against ~0.04 µs for the look-up, twice per link.)
// A label is one of its entity's names, or its id: the table keeps which
// name (name[i] for the entity labelEnts[i]; -1: the id), where two maps
// of strings per language held 26 MB at 1M claims.
type labelTable struct {
	once sync.Once
	name []int32
}

// labelIndex numbers the entities for the label tables: labelPos maps an
// id to its entity's position in labelEnts. Built once, for the three
// languages.
func (sn *snapshot) labelIndex() {
	sn.labelOnce.Do(func() {
		sn.labelPos = make(map[string]int32, len(sn.Entities))
		sn.labelEnts = make([]*tokumu.Entity, 0, len(sn.Entities))
		for id, e := range sn.Entities {
			sn.labelPos[id] = int32(len(sn.labelEnts))
			sn.labelEnts = append(sn.labelEnts, e)
		}
	})
}

// labelsIn returns the labels in lang, building them if need be, or nil
// if lang is not a language of the interface.
func (sn *snapshot) labelsIn(lang string) *labelTable {
	lt := sn.labels[lang]
	if lt == nil {
		return nil
	}
	lt.once.Do(func() {
		sn.labelIndex()
		lt.name = make([]int32, len(sn.labelEnts))
		for i, e := range sn.labelEnts {
			l := e.Label(lang)
			lt.name[i] = -1 // the id: no name has the label's text
			for k, n := range e.Names {
				if n.Text == l {
					lt.name[i] = int32(k)
					break
				}
			}
		}
	})
	return lt
}

// labelOf returns entity id's label in lang and the name it is (nil: the
// id), and whether there is such an entity and lang is a language of the
// interface.
func (sn *snapshot) labelOf(lang, id string) (string, *tokumu.Name, bool) {
	lt := sn.labelsIn(lang)
	if lt == nil {
		return "", nil, false
	}
	i, ok := sn.labelPos[id]
	if !ok {
		return "", nil, false
	}
	e := sn.labelEnts[i]
	if k := lt.name[i]; k >= 0 {
		return e.Names[k].Text, &e.Names[k], true
	}
	return e.ID, nil, true
}

// label is the display name of entity id in lang (Entity.Label), and
// whether there is such an entity and lang is a language of the interface.
func (sn *snapshot) label(lang, id string) (string, bool) {
	l, _, ok := sn.labelOf(lang, id)
	return l, ok
}

// labelLang is the BCP 47 tag of entity id's label in lang when that
// label is a name in another language than lang, else "".
func (sn *snapshot) labelLang(lang, id string) string {
	_, n, _ := sn.labelOf(lang, id)
	if n == nil {
		return ""
	}
	if base, _, _ := strings.Cut(n.Lang, "-"); base != lang && n.Lang != "" {
		return n.Lang
	}
	return ""
}

// refs renders each source's reference once per language (its frame
// words — In, Vol., the kind — are the interface's), on the first page
// that cites one rather than at start: a first answer needs none.
func (sn *snapshot) refs() error {
	sn.refsOnce.Do(func() {
		refHTML, refText := map[string]map[string]template.HTML{}, map[string]string{}
		ref := pages["sources"]
		for _, lang := range []string{"en", "ja", "ru"} {
			refHTML[lang] = map[string]template.HTML{}
			b := &base{Lang: lang, sn: sn}
			for _, s := range sn.SourceList {
				if lang == "ru" {
					refHTML[lang][s.ID] = b.gostRef(s)
					continue
				}
				var buf bytes.Buffer
				if err := ref.ExecuteTemplate(&buf, "reference", refCtx{S: s, B: b}); err != nil {
					sn.refErr = fmt.Errorf("rendering the reference of %s: %w", s.ID, err)
					slog.Error("rendering the references; citations show none", "err", sn.refErr)
					return
				}
				refHTML[lang][s.ID] = template.HTML(buf.String())
			}
		}
		for _, s := range sn.SourceList {
			refText[s.ID] = s.Reference()
		}
		sn.refHTML, sn.refText = refHTML, refText
	})
	return sn.refErr
}

// backgroundLoad says whether a state's slow parts (the chart, the
// analyses) are built after it is published; the package's tests build
// them before (export_test.go), so that every page they fetch is whole.
var backgroundLoad = true

// inBackground runs f once published is closed (the state it builds for
// is served): at 1M claims the chart and the analyses took 0.9 s of CPU
// from the two cores while the start decoded the search index and the
// corpus model, before its first answer.
func inBackground(published <-chan struct{}, f func()) {
	if backgroundLoad {
		go func() {
			<-published
			f()
		}()
	} else {
		f()
	}
}

// analyses returns the snapshot's analyses, waiting until they are built.
func (sn *snapshot) analyses() *analyses {
	<-sn.anReady
	return sn.an
}

// readyAnalyses returns the analyses if they are built, else nil: what an
// entity page uses of them (attestation, a hub's group sizes) it goes
// without until then, rather than wait seconds after a start.
func (sn *snapshot) readyAnalyses() *analyses {
	select {
	case <-sn.anReady:
		return sn.an
	default:
		return nil
	}
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
			return w.Stated().Earliest
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
