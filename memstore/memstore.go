// Package memstore is a tokumu.Store in memory, for tests and small tools:
// a test that needs a store but not SQLite, a command that loads a corpus,
// asks a few questions and exits. It passes the same conformance suite
// (storetest) as the SQLite store, so code tested against it behaves the
// same on a database.
//
// Everything is held in Go values and lost on Close. Queries scan the
// claims of a subject or object, or all of them, so it is meant for
// corpora of thousands of claims rather than millions.
//
// A Store is safe for concurrent use. Replace builds the new content apart
// and swaps it in whole, so a reader sees the old content or the new, never
// a mixture. Values are copied on the way in and on the way out: changing a
// Dataset after Replace, or an entity or claim a query returned, does not
// change what the store holds.
package memstore

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
)

// Store is an in-memory tokumu.Store. The zero Store is not usable; call New.
type Store struct {
	mu     sync.RWMutex
	st     *state // never modified once built; Replace swaps it
	closed bool
}

var _ tokumu.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store { return &Store{st: newState()} }

// state is the whole content of a store, built by Replace and then only read.
type state struct {
	hash       string
	settings   tokumu.Settings
	predicates []*tokumu.Predicate // vocabulary order
	sources    []*tokumu.Source    // by id
	sourceByID map[string]*tokumu.Source
	entities   []*tokumu.Entity // by id
	entityByID map[string]*tokumu.Entity
	claims     []*tokumu.Claim  // subject, predicate, start, id
	bySubject  map[string][]int // indexes into claims, ascending
	byObject   map[string][]int
	stats      tokumu.Stats
}

func newState() *state {
	return &state{sourceByID: map[string]*tokumu.Source{}, entityByID: map[string]*tokumu.Entity{},
		bySubject: map[string][]int{}, byObject: map[string][]int{}, stats: countStats(nil)}
}

var errClosed = errors.New("memstore: the store is closed")

// read returns the current state.
func (s *Store) read(ctx context.Context) (*state, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, errClosed
	}
	return s.st, nil
}

// Replace swaps the store's content for a copy of ds. A dataset in which
// two predicates, sources, entities or claims share an id is refused with
// ECONFLICT, and the store keeps what it had.
func (s *Store) Replace(ctx context.Context, ds *tokumu.Dataset) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := build(ds)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	s.st = st
	return nil
}

func build(ds *tokumu.Dataset) (*state, error) {
	st := newState()
	st.hash, st.settings = ds.Hash, ds.Settings

	seen := map[string]bool{}
	for _, p := range ds.Predicates {
		if seen[p.ID] {
			return nil, conflict("predicates", p.ID)
		}
		seen[p.ID] = true
		st.predicates = append(st.predicates, clonePredicate(p))
	}
	for _, src := range ds.Sources {
		if st.sourceByID[src.ID] != nil {
			return nil, conflict("sources", src.ID)
		}
		c := cloneSource(src)
		st.sources = append(st.sources, c)
		st.sourceByID[c.ID] = c
	}
	slices.SortFunc(st.sources, func(a, b *tokumu.Source) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range ds.Entities {
		if st.entityByID[e.ID] != nil {
			return nil, conflict("entities", e.ID)
		}
		c := cloneEntity(e)
		st.entities = append(st.entities, c)
		st.entityByID[c.ID] = c
	}
	slices.SortFunc(st.entities, func(a, b *tokumu.Entity) int { return strings.Compare(a.ID, b.ID) })

	clear(seen)
	for _, c := range ds.Claims {
		if seen[c.ID] {
			return nil, conflict("claims", c.ID)
		}
		seen[c.ID] = true
		st.claims = append(st.claims, cloneClaim(c))
	}
	slices.SortFunc(st.claims, tokumu.CompareClaims)
	for i, c := range st.claims {
		st.bySubject[c.Subject] = append(st.bySubject[c.Subject], i)
		if c.Object != "" {
			st.byObject[c.Object] = append(st.byObject[c.Object], i)
		}
	}
	st.stats = countStats(ds)
	return st, nil
}

func conflict(kinds, id string) error {
	return tokumu.Errorf(tokumu.ECONFLICT, "memstore: two %s have the id %q", kinds, id)
}

func countStats(ds *tokumu.Dataset) tokumu.Stats {
	st := tokumu.Stats{ByType: map[tokumu.EntityType]int{}, ByGrade: map[string]int{},
		BySource: map[string]int{}, ByPredicate: map[string]int{}}
	if ds == nil {
		return st
	}
	st.Entities, st.Claims = len(ds.Entities), len(ds.Claims)
	st.Sources, st.Predicates = len(ds.Sources), len(ds.Predicates)
	for _, e := range ds.Entities {
		st.Names += len(e.Names)
		st.ByType[e.Type]++
	}
	for _, c := range ds.Claims {
		st.ByGrade[c.Grade.String()]++
		st.BySource[c.Source]++
		st.ByPredicate[c.Predicate]++
		if c.Locator != "" {
			st.WithLocator++
		}
		if c.Perspective != "" {
			st.WithPerspective++
		}
		if !c.When.IsZero() {
			st.Dated++
		}
	}
	return st
}

// Entity returns the entity with the id, or ENOTFOUND.
func (s *Store) Entity(ctx context.Context, id string) (*tokumu.Entity, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	e := st.entityByID[id]
	if e == nil {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", id)
	}
	return cloneEntity(e), nil
}

// Entities returns the entities that match f, ordered by id.
func (s *Store) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	candidates := st.entities
	if len(f.IDs) > 0 {
		candidates = nil
		seen := make(map[string]bool, len(f.IDs))
		for _, id := range f.IDs {
			if e := st.entityByID[id]; e != nil && !seen[id] {
				seen[id] = true
				candidates = append(candidates, e)
			}
		}
		slices.SortFunc(candidates, func(a, b *tokumu.Entity) int { return strings.Compare(a.ID, b.ID) })
	}
	var out []*tokumu.Entity
	for _, e := range candidates {
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		if f.Type == "" || e.Type == f.Type {
			out = append(out, cloneEntity(e))
		}
	}
	return out, nil
}

// Claims returns the claims that match f, ordered by subject, predicate,
// start of time and id.
func (s *Store) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	return tokumu.CollectClaims(ctx, f, s.EachClaim)
}

// EachClaim implements tokumu.Store: fn gets a copy of each claim that
// matches f, in Claims' order, from the state current when it began.
func (s *Store) EachClaim(ctx context.Context, f tokumu.ClaimFilter, fn func(*tokumu.Claim) error) error {
	st, err := s.read(ctx)
	if err != nil {
		return err
	}
	// The candidates, as ascending indexes into st.claims; nil means all.
	var idx []int
	all := true
	switch {
	case f.About != "":
		idx, all = merge(st.bySubject[f.About], st.byObject[f.About]), false
	case f.Subject != "":
		idx, all = st.bySubject[f.Subject], false
	case f.Object != "":
		idx, all = st.byObject[f.Object], false
	}
	n := 0
	// keep hands c to fn if it matches; false stops the walk (the limit
	// is reached, or fn failed: err says which).
	keep := func(c *tokumu.Claim) bool {
		if f.Limit > 0 && n == f.Limit {
			return false
		}
		if match(c, &f) {
			n++
			if err = fn(cloneClaim(c)); err != nil {
				return false
			}
		}
		return true
	}
	if all {
		for _, c := range st.claims {
			if !keep(c) {
				break
			}
		}
	} else {
		for _, i := range idx {
			if !keep(st.claims[i]) {
				break
			}
		}
	}
	return err
}

// merge returns the union of two ascending index lists, ascending and
// without repeats (a claim about itself is in both).
func merge(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case a[0] > b[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// match reports whether c passes every field of f.
func match(c *tokumu.Claim, f *tokumu.ClaimFilter) bool { return f.Matches(c) }

// Source returns the bibliography entry, or ENOTFOUND.
func (s *Store) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	src := st.sourceByID[id]
	if src == nil {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", id)
	}
	return cloneSource(src), nil
}

// Sources returns the bibliography ordered by id.
func (s *Store) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	return cloneAll(st.sources, cloneSource), nil
}

// Predicates returns the vocabulary in the order it was written.
func (s *Store) Predicates(ctx context.Context) ([]*tokumu.Predicate, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	return cloneAll(st.predicates, clonePredicate), nil
}

// Settings returns the view defaults of the last Replace (zero if none).
func (s *Store) Settings(ctx context.Context) (*tokumu.Settings, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	v := st.settings
	return &v, nil
}

// Stats counts what the store holds.
func (s *Store) Stats(ctx context.Context) (*tokumu.Stats, error) {
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	v := st.stats
	v.ByType, v.ByGrade = maps.Clone(v.ByType), maps.Clone(v.ByGrade)
	v.BySource, v.ByPredicate = maps.Clone(v.BySource), maps.Clone(v.ByPredicate)
	return &v, nil
}

// Hash returns the Dataset.Hash of the last Replace, or "" if empty.
func (s *Store) Hash(ctx context.Context) (string, error) {
	st, err := s.read(ctx)
	if err != nil {
		return "", err
	}
	return st.hash, nil
}

// Close drops the content; later calls return an error.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed, s.st = true, nil
	return nil
}

func cloneAll[T any](xs []*T, clone func(*T) *T) []*T {
	if xs == nil {
		return nil
	}
	out := make([]*T, len(xs))
	for i, x := range xs {
		out[i] = clone(x)
	}
	return out
}

func cloneClaim(c *tokumu.Claim) *tokumu.Claim {
	v := *c
	v.SupportedBy, v.ComplicatedBy = slices.Clone(c.SupportedBy), slices.Clone(c.ComplicatedBy)
	return &v
}

func cloneEntity(e *tokumu.Entity) *tokumu.Entity {
	v := *e
	v.Names, v.Summary, v.Tags = slices.Clone(e.Names), maps.Clone(e.Summary), slices.Clone(e.Tags)
	return &v
}

func cloneSource(s *tokumu.Source) *tokumu.Source {
	v := *s
	v.Authors, v.Editors = slices.Clone(s.Authors), slices.Clone(s.Editors)
	return &v
}

func clonePredicate(p *tokumu.Predicate) *tokumu.Predicate {
	v := *p
	v.Label, v.Inverse = maps.Clone(p.Label), maps.Clone(p.Inverse)
	v.Domain, v.Range, v.Roles = slices.Clone(p.Domain), slices.Clone(p.Range), slices.Clone(p.Roles)
	return &v
}
