package tokumu

// Dataset is a whole corpus in memory: what the corpus loader produces,
// what stores import, and what exporters write. A Dataset that came from
// the loader has passed every check: every id resolves, every claim has a
// source, every grade is set.
type Dataset struct {
	Predicates []*Predicate
	Sources    []*Source
	Entities   []*Entity
	Claims     []*Claim
	// Settings are the corpus's defaults for its views.
	Settings Settings

	// Hash identifies the content the dataset was loaded from, so that a
	// store built from it can tell when the corpus has changed.
	Hash string

	// Warnings are the loader's findings that do not stop a load, each
	// "file:line:col: message": what a contributor should fix but the
	// corpus can still be read without (a web source without its access
	// date, an entry without an author).
	Warnings []string
}

// Index gives lookup by id over a Dataset.
type Index struct {
	Predicates map[string]*Predicate
	Sources    map[string]*Source
	Entities   map[string]*Entity
	Claims     map[string]*Claim
}

// NewIndex indexes ds by id.
func NewIndex(ds *Dataset) *Index {
	ix := &Index{
		Predicates: make(map[string]*Predicate, len(ds.Predicates)),
		Sources:    make(map[string]*Source, len(ds.Sources)),
		Entities:   make(map[string]*Entity, len(ds.Entities)),
		Claims:     make(map[string]*Claim, len(ds.Claims)),
	}
	for _, p := range ds.Predicates {
		ix.Predicates[p.ID] = p
	}
	for _, s := range ds.Sources {
		ix.Sources[s.ID] = s
	}
	for _, e := range ds.Entities {
		ix.Entities[e.ID] = e
	}
	for _, c := range ds.Claims {
		ix.Claims[c.ID] = c
	}
	return ix
}

// Predicate implements Lookup.
func (ix *Index) Predicate(id string) *Predicate { return ix.Predicates[id] }

// EntityType implements Lookup.
func (ix *Index) EntityType(id string) (EntityType, bool) {
	if e := ix.Entities[id]; e != nil {
		return e.Type, true
	}
	return "", false
}

// HasSource implements Lookup.
func (ix *Index) HasSource(id string) bool { return ix.Sources[id] != nil }

// HasClaim implements Lookup.
func (ix *Index) HasClaim(id string) bool { return ix.Claims[id] != nil }

// add appends an editable object (*Source, *Entity or *Claim, as
// DecodeObject and a change's Before give them) to its list; anything else
// is ignored.
func (ds *Dataset) add(v any) {
	switch o := v.(type) {
	case *Source:
		ds.Sources = append(ds.Sources, o)
	case *Entity:
		ds.Entities = append(ds.Entities, o)
	case *Claim:
		ds.Claims = append(ds.Claims, o)
	}
}
