package search

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
)

// Index answers queries from memory. It is safe for concurrent use once
// built; build a new one after the store changes.
type Index struct {
	ents    []entInfo
	byID    map[string]int32
	sources []*tokumu.Source
	srcIdx  map[string]int32
	periods map[string][2]tokumu.Day // period id → the bounds of its covers claims
	covers  string                   // the predicate of the role covers (a period's span)
	sameAs  string                   // the predicate of the role possibly_same_as
	same    map[int32][]sameLink     // entity → the entities it is possibly the same as

	names    *nameIndex
	text     *textIndex
	derive   *deriver
	analyzed bool // the Japanese dictionary was loaded to build it

	pool sync.Pool // *scratch
}

// sameLink is one side of a possibly_same_as claim: the other entity
// and the claim.
type sameLink struct {
	ent   int32
	claim string
}

// entInfo is what ranking and filters need to know of an entity.
type entInfo struct {
	e        *tokumu.Entity
	from, to tokumu.Day // bounds of its dated claims as subject; zero if none
	claims   int32      // claims about it, either side: how central it is
	sources  []int32    // distinct sources of its claims, sorted
	persps   []int32    // distinct perspectives of its claims, sorted
	shortest int        // runes in its shortest name
	words    []uint8    // words in each name
}

// Build reads the whole store and indexes it: every name of every entity
// with the spellings derived from it, and the text of claims, summaries
// and source titles.
func Build(ctx context.Context, s tokumu.Store) (*Index, error) {
	return build(ctx, s)
}

// reader is what Build reads of a store.
type reader interface {
	Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error)
	Sources(ctx context.Context) ([]*tokumu.Source, error)
	Predicates(ctx context.Context) ([]*tokumu.Predicate, error)
	Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error)
}

func build(ctx context.Context, s reader) (*Index, error) {
	es, err := s.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: reading entities: %w", err)
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: reading sources: %w", err)
	}
	preds, err := s.Predicates(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: reading predicates: %w", err)
	}
	b, err := newBuilder(es, srcs, preds)
	if err != nil {
		return nil, err
	}
	// Claims, one predicate at a time to bound memory on large stores.
	for _, p := range preds {
		if err := ctx.Err(); err != nil {
			b.Finish(ctx)
			return nil, err
		}
		cs, err := s.Claims(ctx, tokumu.ClaimFilter{Predicate: p.ID})
		if err != nil {
			b.Finish(ctx)
			return nil, fmt.Errorf("search: reading %s claims: %w", p.ID, err)
		}
		for _, c := range cs {
			b.Add(c)
		}
	}
	return b.Finish(ctx)
}

// sourceText is what a source is found by: title, short title, authors and
// editors, and the container.
func sourceText(s *tokumu.Source) string {
	parts := []string{s.Title, s.TitleEn, s.Container}
	for _, a := range s.Authors {
		parts = append(parts, a.String())
	}
	for _, a := range s.Editors {
		parts = append(parts, a.String())
	}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), " · ")
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Stats describes an index, for benchmarks and the stats command.
type Stats struct {
	Entities  int `json:"entities"`
	NameKeys  int `json:"name_keys"`
	Postings  int `json:"name_postings"`
	CJKRuns   int `json:"cjk_runs"`
	TextDocs  int `json:"text_docs"`
	TextTerms int `json:"text_terms"`
	TextPosts int `json:"text_postings"`
}

// Stats counts what the index holds.
func (ix *Index) Stats() Stats {
	st := Stats{Entities: len(ix.ents), NameKeys: len(ix.names.keys), CJKRuns: len(ix.names.cjk),
		TextDocs: len(ix.text.docs), TextTerms: len(ix.text.terms)}
	for _, ps := range ix.names.keys {
		st.Postings += len(ps)
	}
	for _, ps := range ix.text.posts {
		st.TextPosts += len(ps)
	}
	return st
}
