package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ach"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
)

// analyses are the read models of ledger, ach, network and attestation,
// built once per state from every claim: a page or API call reads them
// without touching the store.
type analyses struct {
	ledger   *ledger.Ledger
	matrices []*ach.Matrix
	// rels are the relation claims in the store's order, compact (see
	// view.Relations): for the path API and the network page.
	rels    *view.Relations
	attestN map[string][2]int // claim → sources, independent ones, where more than one source says it
	// evidence bounds open holdings for the network and the map (see
	// bounds.go).
	evidence *view.Evidence
	// explicit maps each claim with an id of its own (not derived from
	// its content) to its subject, for its permalink (claimpage.go).
	explicit map[string]string
	tags     []string // the tags of the entities the network draws, for its filter
	// beliefs and charts are the estimates page without filters, which
	// most requests ask for.
	beliefs *ledger.Beliefs
	charts  []view.EstimateChart
	took    time.Duration // to build, after the state was published
	// paths are the relation graphs /api/path asked for (pathGraph).
	pathMu    sync.Mutex
	paths     map[pathKey]*pathEntry
	pathOrder []pathKey
	// hubs holds, for each entity with more than hubMin claims, how many
	// claims each of its groups (predicate, and side) has: its page shows
	// the first groupCap of each and links to the paged rest.
	hubs map[string][]hubGroup
}

// hubGroup is one group of a hub entity's claims and their number.
type hubGroup struct {
	Pred string
	Inv  bool // the entity is the object
	N    int
}

// loadAnalyses builds the analyses from a read of every claim. orgChart
// (nil: none) returns the state's organization chart
// once built: the evidence keeps the chart's copies of the claims both
// hold (every office holding) rather than this read's.
func loadAnalyses(ctx context.Context, st tokumu.Store, c *view.Corpus, orgChart func() *chart.Chart) (*analyses, error) {
	claims, err := st.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		return nil, fmt.Errorf("loading claims for the analyses: %w", err)
	}
	a := &analyses{
		ledger:   ledger.Build(c, claims, -1, -1),
		matrices: ach.Build(ach.Input{Vocab: c.Vocab, Entities: c.Entities, Claims: claims}),
		attestN:  map[string][2]int{},
		explicit: map[string]string{},
		beliefs:  ledger.BuildBeliefs(c.Numbers, ledger.Filter{}, ledger.DefaultTolerance),
		charts:   view.Estimates(c.Numbers),
	}
	evClaims := claims
	if orgChart != nil {
		if ch := orgChart(); ch != nil {
			held := map[string]*tokumu.Claim{}
			for _, cl := range ch.Claims() {
				held[cl.ID] = cl
			}
			evClaims = make([]*tokumu.Claim, len(claims))
			for i, cl := range claims {
				if k := held[cl.ID]; k != nil {
					cl = k
				}
				evClaims[i] = cl
			}
		}
	}
	a.evidence = view.NewEvidence(c.Vocab, evClaims)
	evClaims = nil
	for _, e := range c.Entities {
		if view.NetworkTypes[e.Type] {
			for _, t := range e.Tags {
				if !slices.Contains(a.tags, t) {
					a.tags = append(a.tags, t)
				}
			}
		}
	}
	slices.Sort(a.tags)
	a.hubs = findHubs(claims)
	// The attester indexes every claim by what it asserts; it is needed
	// only to find the claims that more than one source asserts, so it
	// goes once they are found (at 1M claims it held them all).
	attest := view.NewAttester(c.SourceList, claims)
	for _, cl := range claims {
		if cl.ID != tokumu.DeriveClaimID(cl) {
			a.explicit[cl.ID] = cl.Subject
		}
		if at := attest.Of(cl); len(at.Sources) > 1 {
			a.attestN[cl.ID] = [2]int{len(at.Sources), at.Independent}
		}
	}
	// The keys are the ids of this read's claims, which go once the
	// analyses are built: copied into one block, they keep none of its
	// memory in use (view.CompactClaims).
	a.attestN = compactKeys(a.attestN)
	a.explicit = compactMap(a.explicit)
	// The store lists claims in tokumu.CompareClaims order; relationsIn
	// relies on it.
	if !slices.IsSortedFunc(claims, tokumu.CompareClaims) {
		slices.SortFunc(claims, tokumu.CompareClaims)
	}
	a.rels = view.NewRelations(claims, c.Entities)
	return a, nil
}

// relationsIn answers the store's query f (RelationsOnly, with a range
// and a Limit: the network page's) from the relations held here: the
// same claims in the same order, found by a walk that stops at the
// Limit-th, where SQLite read and decoded 5,000 rows per range (60 ms of
// CPU at 1M claims; BENCHMARKS.md). The claims have only the fields the
// network page reads (view.Relations.Claim). TestRelationsIn compares
// the two; ok is false for a filter the relations cannot answer.
func (a *analyses) relationsIn(f tokumu.ClaimFilter) ([]*tokumu.Claim, bool) {
	ix, ok := a.rels.Select(f)
	if !ok {
		return nil, false
	}
	return a.rels.Claims(ix), true
}

// fullClaims reads from st the relations at the indexes refs, in full
// and in that order, for a page that prints them: one query per subject,
// predicate and object, each claim picked by its id.
func (a *analyses) fullClaims(ctx context.Context, st tokumu.Store, refs []int32) ([]*tokumu.Claim, error) {
	type spo struct{ s, p, o string }
	read := map[spo]map[string]*tokumu.Claim{}
	out := make([]*tokumu.Claim, 0, len(refs))
	for _, i := range refs {
		k := spo{a.rels.Subject(int(i)), a.rels.Predicate(int(i)), a.rels.Object(int(i))}
		byID := read[k]
		if byID == nil {
			cs, err := st.Claims(ctx, tokumu.ClaimFilter{Subject: k.s, Predicate: k.p, Object: k.o})
			if err != nil {
				return nil, err
			}
			byID = make(map[string]*tokumu.Claim, len(cs))
			for _, c := range cs {
				byID[c.ID] = c
			}
			read[k] = byID
		}
		c := byID[a.rels.ID(int(i))]
		if c == nil {
			return nil, tokumu.Errorf(tokumu.EINTERNAL, "claim %s is no longer in the store", a.rels.ID(int(i)))
		}
		out = append(out, c)
	}
	return out, nil
}

// findHubs counts the claims of each entity, per predicate and side, and
// keeps the counts of the entities with more than hubMin claims.
func findHubs(claims []*tokumu.Claim) map[string][]hubGroup {
	total := map[string]int{}
	for _, c := range claims {
		total[c.Subject]++
		if c.Object != "" && c.Object != c.Subject {
			total[c.Object]++
		}
	}
	type key struct {
		ent, pred string
		inv       bool
	}
	counts := map[key]int{}
	for _, c := range claims {
		if total[c.Subject] > hubMin {
			counts[key{c.Subject, c.Predicate, false}]++
		}
		if c.Object != "" && c.Object != c.Subject && total[c.Object] > hubMin {
			counts[key{c.Object, c.Predicate, true}]++
		}
	}
	hubs := map[string][]hubGroup{}
	for k, n := range counts {
		hubs[k.ent] = append(hubs[k.ent], hubGroup{k.pred, k.inv, n})
	}
	for _, gs := range hubs {
		slices.SortFunc(gs, func(a, b hubGroup) int {
			if a.Inv != b.Inv {
				if a.Inv {
					return 1
				}
				return -1
			}
			return strings.Compare(a.Pred, b.Pred)
		})
	}
	return hubs
}

func (a *analyses) matrix(id string) *ach.Matrix {
	for _, m := range a.matrices {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Attest is "3 sources, 1 independent" for a claim asserted by more than
// one source, shown beside its grade; "" otherwise.
func (b *base) Attest(c *tokumu.Claim) string {
	if b.sn == nil || b.sn.anReady == nil || c == nil {
		return ""
	}
	a := b.sn.readyAnalyses()
	if a == nil {
		return "" // not built yet: the page goes without, see readyAnalyses
	}
	n, ok := a.attestN[c.ID]
	if !ok {
		return ""
	}
	return b.T("cite.attest", n[0], n[1])
}

// handleLedgerAPI answers /api/ledger[?operation=ID]: the whole ledger,
// or one operation without the summary by period (as `tokumu ledger ID`).
func (s *Server) handleLedgerAPI(w http.ResponseWriter, r *http.Request) {
	l := s.st(r).snap.analyses().ledger
	if id := r.URL.Query().Get("operation"); id != "" {
		one, err := l.Only(clip(id))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		l = one
	}
	writeJSON(w, http.StatusOK, l)
}

func (s *Server) handleACHListAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.st(r).snap.analyses().matrices)
}

func (s *Server) handleACHAPI(w http.ResponseWriter, r *http.Request) {
	m := s.st(r).snap.analyses().matrix(r.PathValue("id"))
	if m == nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no matrix of hypotheses about %q (see /api/ach)", r.PathValue("id")))
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="ach-`+m.ID+`.csv"`)
		sn := s.st(r).snap
		m.WriteCSV(w, func(id string) string { return sn.Label(id, langOf(r)) })
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// handlePathAPI answers /api/path?from=A&to=B[&at=DATE][&certain=1][&undated=0].
func (s *Server) handlePathAPI(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sn := s.st(r).snap
	a, b := q.Get("from"), q.Get("to")
	for _, p := range []struct{ name, id string }{{"from", a}, {"to", b}} {
		if p.id == "" {
			s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter %s is missing: give two entity ids, e.g. /api/path?from=lyushkov-genrikh&to=harbin-tokumu-kikan", p.name))
			return
		}
		if sn.Entities[p.id] == nil {
			s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "parameter %s=%q is not an entity id", p.name, p.id))
			return
		}
	}
	at, err := day(r, "at")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opt := network.Options{At: at, Certain: q.Get("certain") == "1", Undated: q.Get("undated") != "0",
		Exclude: func(p string) bool {
			return sn.Vocab.Is(p, tokumu.RoleHypothesisOf) || sn.Vocab.Is(p, tokumu.RoleSameAs)
		}}
	an := sn.analyses()
	steps, err := an.pathGraph(sn, opt).Path(a, b)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for i := range steps {
		if steps[i].Claims, err = an.fullClaims(r.Context(), s.st(r).store, steps[i].Refs); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, steps)
}

// handleEstimatesAPI answers /api/estimates?by=&subject=&unit=&from=&to=&tolerance=&counts=.
func (s *Server) handleEstimatesAPI(w http.ResponseWriter, r *http.Request) {
	f, tol, err := beliefFilter(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ledger.BuildBeliefs(s.st(r).snap.Numbers, f, tol))
}

// beliefFilter reads the estimates filters; the error names the parameter.
func beliefFilter(r *http.Request) (ledger.Filter, int, error) {
	q := r.URL.Query()
	f := ledger.Filter{Perspective: q.Get("by"), Subject: q.Get("subject"), Unit: q.Get("unit")}
	var err error
	if f.From, err = day(r, "from"); err != nil {
		return f, 0, err
	}
	if v := q.Get("to"); v != "" {
		w, _, err := tokumu.ParseWhen(v)
		if err != nil {
			return f, 0, tokumu.Errorf(tokumu.EINVALID, "parameter to=%q is not a date: %v (write e.g. 1941-12)", v, err)
		}
		f.To = w.Stated().Latest
	}
	switch v := q.Get("counts"); v {
	case "", "all":
	case "strong":
		f.StrongCounts = true
	default:
		return f, 0, tokumu.Errorf(tokumu.EINVALID, "parameter counts=%q: write counts=strong (leave out the counts that rest only on sources graded D or worse) or counts=all", v)
	}
	tol, err := pTolerance.get(r) // its default is ledger.DefaultTolerance
	return f, tol, err
}

// evidence returns the corpus-wide Evidence index if the analyses are
// built, else nil: an entity page then reads its evidence from the store
// (view.LoadEntityViewWith), rather than wait for them after a start.
func (sn *snapshot) evidence() *view.Evidence {
	if a := sn.readyAnalyses(); a != nil {
		return a.evidence
	}
	return nil
}

// pathKey is what a path graph depends on besides the state.
type pathKey struct {
	at               tokumu.Day
	certain, undated bool
}

// pathGraph returns the relation graph for opt, built once per state and
// options and kept (at most pathGraphsKept of them): at 1M claims a
// graph takes seconds to build, and a path in it a millisecond
// (BENCHMARKS.md, "Analyses"), so /api/path built one per request.
func (a *analyses) pathGraph(sn *snapshot, opt network.Options) *network.Graph {
	k := pathKey{opt.At, opt.Certain, opt.Undated}
	a.pathMu.Lock()
	e := a.paths[k]
	if e == nil {
		e = &pathEntry{}
		if a.paths == nil {
			a.paths = map[pathKey]*pathEntry{}
		}
		if len(a.pathOrder) == pathGraphsKept {
			delete(a.paths, a.pathOrder[0])
			a.pathOrder = a.pathOrder[1:]
		}
		a.paths[k] = e
		a.pathOrder = append(a.pathOrder, k)
	}
	a.pathMu.Unlock()
	e.once.Do(func() {
		// As on the network page: what the evidence rules out of the
		// date is no step of a path.
		opt.Possible = func(cl *tokumu.Claim, from, to tokumu.Day) bool {
			return a.evidence.Bound(cl).PossiblyIn(cl, from, to)
		}
		var c tokumu.Claim // reused: the graph keeps indexes (Edge.Refs)
		e.g = network.BuildIndexed(a.rels.Len(), func(i int) *tokumu.Claim { a.rels.ClaimInto(i, &c); return &c }, sn.Entities, opt)
	})
	return e.g
}

const pathGraphsKept = 8

type pathEntry struct {
	once sync.Once
	g    *network.Graph
}

// compactKeys returns m with its keys copied into one block.
func compactKeys[V any](m map[string]V) map[string]V {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	copies := slices.Clone(keys)
	view.CompactStrings(copies)
	out := make(map[string]V, len(m))
	for i, k := range keys {
		out[copies[i]] = m[k]
	}
	return out
}

// compactMap returns m with its keys and values copied into one block.
func compactMap(m map[string]string) map[string]string {
	strs := make([]string, 0, 2*len(m))
	for k, v := range m {
		strs = append(strs, k, v)
	}
	view.CompactStrings(strs)
	out := make(map[string]string, len(m))
	for i := 0; i < len(strs); i += 2 {
		out[strs[i]] = strs[i+1]
	}
	return out
}
