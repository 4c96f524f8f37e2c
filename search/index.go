package search

import (
	"context"
	"fmt"
	"math"
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
	ix := &Index{
		ents: make([]entInfo, len(es)), byID: make(map[string]int32, len(es)),
		sources: srcs, srcIdx: make(map[string]int32, len(srcs)),
		periods: map[string][2]tokumu.Day{}, same: map[int32][]sameLink{},
		names: newNameIndex(), text: newTextIndex(),
	}
	vocab, err := tokumu.NewVocab(preds)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix.covers = vocab.ID(tokumu.RoleCovers)
	ix.sameAs = vocab.ID(tokumu.RoleSameAs)
	for i, e := range es {
		ix.ents[i] = entInfo{e: e, shortest: math.MaxInt}
		ix.byID[e.ID] = int32(i)
	}
	for i, src := range srcs {
		ix.srcIdx[src.ID] = int32(i)
	}

	// Names, and summaries as text.
	d := &deriver{}
	ix.derive = d
	for i, e := range es {
		info := &ix.ents[i]
		for ni, n := range e.Names {
			ix.names.add(d, int32(i), uint16(ni), n.Text, n.Lang)
			info.words = append(info.words, uint8(min(len(tokenize(n.Text)), 255)))
			if l := len([]rune(n.Text)); l < info.shortest {
				info.shortest = l
			}
		}
		for _, lang := range sortedKeys(e.Summary) {
			ix.text.add(textDoc{kind: KindEntity, ent: int32(i), src: -1, persp: -1, text: e.Summary[lang]})
		}
	}

	// Claims, one predicate at a time to bound memory on large stores.
	textual := map[string]bool{}
	for _, p := range preds {
		textual[p.ID] = p.Literal == tokumu.LiteralText
	}
	for _, p := range preds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cs, err := s.Claims(ctx, tokumu.ClaimFilter{Predicate: p.ID})
		if err != nil {
			return nil, fmt.Errorf("search: reading %s claims: %w", p.ID, err)
		}
		for _, c := range cs {
			ix.addClaim(c, textual[c.Predicate])
		}
	}
	for i := range ix.ents {
		slices.Sort(ix.ents[i].sources)
		ix.ents[i].sources = slices.Compact(ix.ents[i].sources)
		slices.Sort(ix.ents[i].persps)
		ix.ents[i].persps = slices.Compact(ix.ents[i].persps)
	}

	for i, src := range srcs {
		ix.text.add(textDoc{kind: KindSource, ent: -1, src: int32(i), persp: -1, text: sourceText(src)})
	}
	ix.names.finish()
	ix.text.finish()
	// Queries never read kanji through the analyzer (a kanji query
	// matches kanji names as written), so it goes with its memo once the
	// names are indexed. kagome keeps the dictionary itself for the life
	// of the process once loaded; the table of known readings is what
	// spares the embedded corpus from loading it.
	ix.analyzed = d.analyzed()
	ix.derive = &deriver{}
	return ix, nil
}

func (ix *Index) addClaim(c *tokumu.Claim, textual bool) {
	subj, ok := ix.byID[c.Subject]
	if !ok {
		return
	}
	info := &ix.ents[subj]
	info.claims++
	if obj, ok := ix.byID[c.Object]; ok {
		ix.ents[obj].claims++
		if c.Predicate == ix.sameAs && ix.sameAs != "" && obj != subj {
			ix.same[subj] = append(ix.same[subj], sameLink{obj, c.ID})
			ix.same[obj] = append(ix.same[obj], sameLink{subj, c.ID})
		}
	}
	src, ok := ix.srcIdx[c.Source]
	if !ok {
		src = -1
	}
	persp := int32(-1)
	if p, ok := ix.byID[c.Perspective]; ok {
		persp = p
		info.persps = append(info.persps, p)
	}
	if src >= 0 {
		info.sources = append(info.sources, src)
	}
	var from, to tokumu.Day
	if !c.When.IsZero() {
		from, to = c.When.Earliest, c.When.Latest
		if info.from == 0 || from < info.from {
			info.from = from
		}
		if to > info.to {
			info.to = to
		}
		if c.Predicate == ix.covers && ix.covers != "" && info.e.Type == tokumu.Period {
			ix.periods[c.Subject] = [2]tokumu.Day{from, to}
		}
	}
	var text string
	switch {
	case textual && c.Value != "" && c.Note != "":
		text = c.Value + " — " + c.Note
	case textual && c.Value != "":
		text = c.Value
	default:
		text = c.Note
	}
	if text != "" {
		ix.text.add(textDoc{kind: KindClaim, ent: subj, src: src, persp: persp, claim: c.ID, from: from, to: to, text: text})
	}
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
