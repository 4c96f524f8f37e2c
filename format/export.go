package format

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// Query selects what an export holds. The zero Query is the whole corpus.
type Query struct {
	// Entity selects one entity and its neighbourhood: the claims about it
	// (from either side) and the entities they name.
	Entity string
	// From and To keep the claims whose time possibly overlaps [From, To];
	// undated claims are left out when either is set. Zero is unbounded.
	From, To tokumu.Day
	// Type keeps the claims about entities of this type.
	Type tokumu.EntityType
	// Tag keeps the claims about entities with this tag.
	Tag string
	// Claim, with Entity set to its subject, keeps that one claim: the
	// graph a claim's permalink answers (the claim, the entities it
	// names, its source).
	Claim string
	// Source selects one source's record alone, with no entity, claim or
	// other vocabulary: the graph the source's IRI (/sources/{id}) answers.
	Source string
	// Predicate selects one vocabulary entry alone: the graph the
	// predicate's IRI (/predicates/{id}) answers.
	Predicate string
}

// record reports whether q selects one source or one predicate alone.
func (q Query) record() bool { return q.Source != "" || q.Predicate != "" }

// IsZero reports whether q selects the whole corpus.
func (q Query) IsZero() bool { return q == Query{} }

// Options say how an export is written.
type Options struct {
	// Base is the prefix of the IRIs of the RDF formats and of the links
	// in the others: entities are Base+"entities/"+id. It ends with "/".
	Base string
	// Lang picks the label of an entity where a format has room for one
	// name only: en, ja or ru.
	Lang string
	// Table picks one table of the CSV export (entities, claims or
	// sources); empty writes all three in a zip archive.
	Table string
	// Release names the data exported as a citation names it
	// ("a56e973502ea", "a56e973502ea+r12"): the RDF formats put it on the
	// dataset's node, so that a downloaded file says which data it holds.
	Release string
}

// DefaultBase is the IRI base when none is given: the address tokumu
// serve answers on, so that the IRIs of an export resolve on a reader's
// own machine. Publish with --base set to the public address.
const DefaultBase = "http://localhost:8080/"

// batch is how many entities an export reads from the store at once.
const batch = 256

// Export is a view of a store filtered by a Query. Its walks stream the
// store's claims (Store.EachClaim) and read entities a batch at a time:
// memory holds the ids of the selected entities, the bibliography and the
// vocabulary, and one claim (the YAML corpus: one entity's claims) at a
// time.
type Export struct {
	Store   tokumu.Store
	Query   Query
	Options Options

	preds    []*tokumu.Predicate
	only     []*tokumu.Predicate // the predicates a query of one record exports
	vocab    *tokumu.Vocab
	sources  []*tokumu.Source
	subjects []string // entities whose claims are exported (or the one entity)
	entities []string // every entity the export names, sorted
	inSet    map[string]bool
	settings *tokumu.Settings
	claims   int
}

// NewExport prepares the export of q from st: it checks the query, finds
// the entities and sources it names in one pass over the selected claims.
func NewExport(ctx context.Context, st tokumu.Store, q Query, o Options) (*Export, error) {
	if o.Base == "" {
		o.Base = DefaultBase
	}
	if !strings.HasSuffix(o.Base, "/") && !strings.HasSuffix(o.Base, "#") {
		o.Base += "/"
	}
	if !strings.HasPrefix(o.Base, "http://") && !strings.HasPrefix(o.Base, "https://") {
		return nil, tokumu.Errorf(tokumu.EINVALID, "base %q: the IRI base must start with http:// or https:// (e.g. https://example.org/tokumu/)", o.Base)
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	switch o.Table {
	case "", "entities", "claims", "sources":
	default:
		return nil, tokumu.Errorf(tokumu.EINVALID, "table %q: use entities, claims or sources (or none for all three in a zip)", o.Table)
	}
	if q.Type != "" && !q.Type.Valid() {
		names := make([]string, len(tokumu.EntityTypes))
		for i, t := range tokumu.EntityTypes {
			names[i] = string(t)
		}
		return nil, tokumu.Errorf(tokumu.EINVALID, "type %q: use one of %s", q.Type, strings.Join(names, ", "))
	}
	if q.Claim != "" && q.Entity == "" {
		return nil, tokumu.Errorf(tokumu.EINVALID, "claim %q: give its subject as the entity too", q.Claim)
	}
	if q.record() && (q.Source != "" && q.Predicate != "" || q.Entity != "" || q.Claim != "" || q.Type != "" || q.Tag != "" || q.From != 0 || q.To != 0) {
		return nil, tokumu.Errorf(tokumu.EINVALID, "a source or a predicate is exported alone: give it without other filters")
	}
	if q.From != 0 && q.To != 0 && q.From > q.To {
		return nil, tokumu.Errorf(tokumu.EINVALID, "from %s is after to %s: swap them", q.From, q.To)
	}
	x := &Export{Store: st, Query: q, Options: o}
	var err error
	if x.preds, err = st.Predicates(ctx); err != nil {
		return nil, err
	}
	if x.vocab, err = tokumu.NewVocab(x.preds); err != nil {
		return nil, err
	}
	if x.settings, err = st.Settings(ctx); err != nil {
		return nil, err
	}
	if q.record() {
		return x.selectRecord(ctx)
	}
	if q.Entity != "" {
		if _, err := st.Entity(ctx, q.Entity); err != nil {
			if tokumu.ErrorCode(err) == tokumu.ENOTFOUND {
				return nil, tokumu.Errorf(tokumu.EINVALID, "entity %q is not in the corpus: give an entity id (see tokumu search)", q.Entity)
			}
			return nil, err
		}
		x.subjects = []string{q.Entity}
	} else {
		es, err := st.Entities(ctx, tokumu.EntityFilter{Type: q.Type})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if q.Tag == "" || slices.Contains(e.Tags, q.Tag) {
				x.subjects = append(x.subjects, e.ID)
			}
		}
	}
	if q.IsZero() {
		// The whole corpus names every entity and keeps the whole
		// bibliography: no pass over the claims is needed to find them.
		st, err := st.Stats(ctx)
		if err != nil {
			return nil, err
		}
		x.claims = st.Claims
		x.entities = x.subjects
		x.inSet = make(map[string]bool, len(x.subjects))
		for _, id := range x.subjects {
			x.inSet[id] = true
		}
		if x.sources, err = x.Store.Sources(ctx); err != nil {
			return nil, err
		}
		return x, nil
	}
	// One pass over the claims: the entities and sources they name.
	named := make(map[string]bool, len(x.subjects))
	cited := map[string]bool{}
	// A date range names only the entities its claims name; the other
	// filters name every entity they select, with claims or without.
	if q.From == 0 && q.To == 0 && q.Claim == "" {
		for _, id := range x.subjects {
			named[id] = true
		}
	}
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		x.claims++
		for _, id := range []string{c.Subject, c.Object, c.Where, c.Perspective, c.PlantedBy} {
			if id != "" {
				named[id] = true
			}
		}
		cited[c.Source] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	x.entities = make([]string, 0, len(named))
	for id := range named {
		x.entities = append(x.entities, id)
	}
	sort.Strings(x.entities)
	x.inSet = named
	all, err := st.Sources(ctx)
	if err != nil {
		return nil, err
	}
	if q.IsZero() {
		x.sources = all
	} else {
		// The sources the names of the exported entities cite count too.
		err := x.Entities(ctx, func(e *tokumu.Entity) error {
			for _, n := range e.Names {
				if n.Source != "" {
					cited[n.Source] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		// And the sources those repeat (derived_from), to the end of
		// each chain: a bibliography that names a source it does not
		// hold fails check, and the independent count needs the chain.
		byID := make(map[string]*tokumu.Source, len(all))
		for _, s := range all {
			byID[s.ID] = s
		}
		todo := make([]string, 0, len(cited))
		for id := range cited {
			todo = append(todo, id)
		}
		for len(todo) > 0 {
			id := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if s := byID[id]; s != nil {
				for _, d := range s.DerivedFrom {
					if !cited[d] {
						cited[d] = true
						todo = append(todo, d)
					}
				}
			}
		}
		for _, s := range all {
			if cited[s.ID] {
				x.sources = append(x.sources, s)
			}
		}
	}
	return x, nil
}

// selectRecord fills x for a query of one source or one predicate: no
// entities, no claims, and the one record (a not-found error when there
// is none).
func (x *Export) selectRecord(ctx context.Context) (*Export, error) {
	x.inSet = map[string]bool{}
	if id := x.Query.Predicate; id != "" {
		for _, p := range x.preds {
			if p.ID == id {
				x.only = []*tokumu.Predicate{p}
				return x, nil
			}
		}
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no predicate %q in the vocabulary", id)
	}
	x.only = []*tokumu.Predicate{}
	src, err := x.Store.Source(ctx, x.Query.Source)
	if err != nil {
		return nil, err
	}
	x.sources = []*tokumu.Source{src}
	return x, nil
}

// Predicates returns the vocabulary in its written order.
// A query of one record returns that predicate, or none for a source.
func (x *Export) Predicates() []*tokumu.Predicate {
	if x.only != nil {
		return x.only
	}
	return x.preds
}

// Vocab returns the vocabulary with its roles.
func (x *Export) Vocab() *tokumu.Vocab { return x.vocab }

// Sources returns the bibliography of the export: all of it for the whole
// corpus, else the sources its claims and names cite.
func (x *Export) Sources() []*tokumu.Source { return x.sources }

// Settings returns the corpus's view defaults.
func (x *Export) Settings() *tokumu.Settings { return x.settings }

// EntityIDs returns the ids of every entity the export names, sorted.
func (x *Export) EntityIDs() []string { return x.entities }

// Has reports whether the export names entity id.
func (x *Export) Has(id string) bool { return x.inSet[id] }

// ClaimCount returns how many claims the export holds.
func (x *Export) ClaimCount() int { return x.claims }

// Entities calls fn for every entity the export names, in id order,
// reading them from the store a batch at a time.
func (x *Export) Entities(ctx context.Context, fn func(*tokumu.Entity) error) error {
	ids := x.entities
	if ids == nil { // during NewExport's first pass
		ids = x.subjects
	}
	for i := 0; i < len(ids); i += batch {
		j := min(i+batch, len(ids))
		es, err := x.Store.Entities(ctx, tokumu.EntityFilter{IDs: ids[i:j]})
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := fn(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Claims calls fn for every claim of the export, subject by subject (or,
// for an entity's neighbourhood, every claim about it, from either side).
// Beyond one entity it is one walk over the store's claims
// (Store.EachClaim), keeping those whose subject the export selects: at
// 1M claims, one query instead of one per entity (BENCHMARKS.md). fn
// must not call the store while it walks.
func (x *Export) Claims(ctx context.Context, fn func(*tokumu.Claim) error) error {
	q := x.Query
	if q.record() {
		return nil
	}
	if q.Entity != "" {
		cs, err := x.Store.Claims(ctx, tokumu.ClaimFilter{About: q.Entity, From: q.From, To: q.To})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if q.Claim != "" && c.ID != q.Claim {
				continue
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
	// Every entity selected (no type or tag): every claim in the range.
	all := q.Type == "" && q.Tag == ""
	var keep map[string]bool
	if !all {
		keep = make(map[string]bool, len(x.subjects))
		for _, id := range x.subjects {
			keep[id] = true
		}
	}
	return x.Store.EachClaim(ctx, tokumu.ClaimFilter{From: q.From, To: q.To}, func(c *tokumu.Claim) error {
		if !all && !keep[c.Subject] {
			return nil
		}
		return fn(c)
	})
}

// EntityClaims calls fn for every entity the export names with the claims
// of the export whose subject it is (none for an entity that is only
// named), in id order: the shape of the YAML corpus, one file an entity.
func (x *Export) EntityClaims(ctx context.Context, fn func(e *tokumu.Entity, cs []*tokumu.Claim) error) error {
	if x.Query.Entity != "" {
		// The claims about one entity: few, held in memory and grouped.
		bySubject := map[string][]*tokumu.Claim{}
		err := x.Claims(ctx, func(c *tokumu.Claim) error {
			bySubject[c.Subject] = append(bySubject[c.Subject], c)
			return nil
		})
		if err != nil {
			return err
		}
		return x.Entities(ctx, func(e *tokumu.Entity) error { return fn(e, bySubject[e.ID]) })
	}
	return x.Entities(ctx, func(e *tokumu.Entity) error {
		var cs []*tokumu.Claim
		if _, ok := slices.BinarySearch(x.subjects, e.ID); ok {
			var err error
			cs, err = x.Store.Claims(ctx, tokumu.ClaimFilter{Subject: e.ID, From: x.Query.From, To: x.Query.To})
			if err != nil {
				return err
			}
		}
		return fn(e, cs)
	})
}

// EntityIRI, ClaimIRI, SourceIRI and PredicateIRI are the stable IRIs of
// the export: the paths tokumu serve answers on, under Options.Base.
func (x *Export) EntityIRI(id string) string    { return x.Options.Base + "entities/" + id }
func (x *Export) ClaimIRI(id string) string     { return x.Options.Base + "claims/" + id }
func (x *Export) SourceIRI(id string) string    { return x.Options.Base + "sources/" + id }
func (x *Export) PredicateIRI(id string) string { return x.Options.Base + "predicates/" + id }
