package tokumu

import (
	"cmp"
	"context"
	"strings"
)

// Store keeps a corpus and answers the questions users ask of it. The
// SQLite store is the default; a PostgreSQL store implements the same
// interface, and the storetest package holds the conformance suite both
// must pass.
//
// Orders compare ids byte by byte (SQL's BINARY or "C" collation). A store
// keeps no part of the Dataset it was given, and what it returns is the
// caller's to change.
type Store interface {
	// Replace swaps the store's whole content for ds in one transaction:
	// on any error the store keeps what it had, and readers see the old
	// content or the new, never a mixture. A dataset in which two
	// predicates, two sources, two entities or two claims share an id is
	// refused with ECONFLICT.
	Replace(ctx context.Context, ds *Dataset) error

	// Entity returns the entity with the id. Returns ENOTFOUND if there is none.
	Entity(ctx context.Context, id string) (*Entity, error)
	// Entities returns the entities that match f, ordered by id.
	Entities(ctx context.Context, f EntityFilter) ([]*Entity, error)
	// Claims returns the claims that match f, ordered by subject,
	// predicate, start of time (When.Earliest; undated claims first) and id.
	Claims(ctx context.Context, f ClaimFilter) ([]*Claim, error)
	// EachClaim calls fn with each claim that matches f, in Claims' order,
	// without holding them all: one query, its rows read as fn takes
	// them, so that an export of a million claims needs memory for one.
	// It stops at the first error fn returns and returns that error. fn
	// must not call the store: a store may hold its only connection for
	// the walk.
	EachClaim(ctx context.Context, f ClaimFilter, fn func(*Claim) error) error
	// Source returns the bibliography entry. Returns ENOTFOUND if there is none.
	Source(ctx context.Context, id string) (*Source, error)
	// Sources returns the bibliography ordered by id.
	Sources(ctx context.Context) ([]*Source, error)
	// Predicates returns the vocabulary in the order it was written
	// (vocabulary files by path, predicates in file order).
	Predicates(ctx context.Context) ([]*Predicate, error)
	// Settings returns the corpus's view defaults of the last Replace
	// (zero Settings if the store is empty).
	Settings(ctx context.Context) (*Settings, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (*Stats, error)
	// Hash returns the Dataset.Hash of the last Replace, or "" if empty.
	Hash(ctx context.Context) (string, error)

	Close() error
}

// EntityFilter selects entities. Zero fields select everything; set fields
// are combined with AND.
type EntityFilter struct {
	Type EntityType
	// IDs selects the entities with these ids, in any number; unknown ids
	// select nothing and a repeated id selects its entity once.
	IDs []string
	// Limit, if positive, keeps the first Limit entities of the order.
	Limit int
}

// ClaimFilter selects claims. Zero fields select everything; set fields
// are combined with AND.
type ClaimFilter struct {
	Subject     string
	Object      string
	About       string // subject or object
	Predicate   string
	Source      string
	Perspective string
	// At selects claims whose time possibly includes the day (undated
	// claims are left out). Zero means no time filter.
	At Day
	// From and To select claims whose time possibly overlaps [From, To]
	// (undated claims are left out). Zero means unbounded on that side.
	From, To Day
	// RelationsOnly leaves out literal claims.
	RelationsOnly bool
	// Limit, if positive, keeps the first Limit claims of the order.
	Limit int
}

// Matches reports whether c passes every field of f but Limit: what a
// store's query selects, for code that filters claims it holds in memory
// (the memory store, the server's relations for the network page).
func (f *ClaimFilter) Matches(c *Claim) bool {
	w := c.When
	switch {
	case f.Subject != "" && c.Subject != f.Subject,
		f.Object != "" && c.Object != f.Object,
		f.About != "" && c.Subject != f.About && c.Object != f.About,
		f.Predicate != "" && c.Predicate != f.Predicate,
		f.Source != "" && c.Source != f.Source,
		f.Perspective != "" && c.Perspective != f.Perspective,
		f.RelationsOnly && c.Object == "":
		return false
	}
	if f.At != 0 || f.From != 0 || f.To != 0 {
		switch {
		case w.IsZero(),
			f.At != 0 && (w.Earliest > f.At || w.Latest < f.At),
			f.From != 0 && w.Latest < f.From,
			f.To != 0 && w.Earliest > f.To:
			return false
		}
	}
	return true
}

// Stats counts the contents of a store.
type Stats struct {
	Entities        int
	Claims          int
	Sources         int
	Predicates      int
	Names           int
	ByType          map[EntityType]int
	ByGrade         map[string]int // effective grade "B2" → claims
	BySource        map[string]int // source id → claims
	ByPredicate     map[string]int
	WithLocator     int // claims with a locator
	WithPerspective int // claims with a perspective
	Dated           int // claims with a time
}

// CompareClaims is the order of Store.Claims: subject, predicate, start
// of time (undated claims first), id, each string byte by byte. Stores
// that sort in memory sort by it, so that every store lists claims alike.
func CompareClaims(a, b *Claim) int {
	if c := strings.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	if c := strings.Compare(a.Predicate, b.Predicate); c != 0 {
		return c
	}
	if ad, bd := !a.When.IsZero(), !b.When.IsZero(); ad != bd {
		if ad {
			return 1
		}
		return -1
	} else if ad {
		if c := cmp.Compare(a.When.Earliest, b.When.Earliest); c != 0 {
			return c
		}
	}
	return strings.Compare(a.ID, b.ID)
}

// CollectClaims gathers what each(ctx, f, …) walks into a slice: Claims
// for a store whose EachClaim is the query.
func CollectClaims(ctx context.Context, f ClaimFilter, each func(context.Context, ClaimFilter, func(*Claim) error) error) ([]*Claim, error) {
	var out []*Claim
	err := each(ctx, f, func(c *Claim) error {
		out = append(out, c)
		return nil
	})
	return out, err
}
