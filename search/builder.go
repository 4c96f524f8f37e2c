package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tokumu/tokumu"
)

// A Builder builds an Index from claims given one at a time, in any
// order, so that import can index a corpus while it streams the claims
// into the store without holding them all (Build reads them from a
// store; BuildDataset from a dataset in memory; all three give the same
// index, byte for byte once encoded).
//
// What a claim adds to an entity's counts, sources and dates does not
// depend on the order; what does — the text of claims (their order is
// the order of search results that tie), possibly-same-as links and a
// period's span — is kept in a small record per such claim and applied
// by Finish in the order Build reads claims (by predicate in vocabulary
// order, then tokumu.CompareClaims). The names, the costly part (readings
// of kanji names through kagome), are derived on another goroutine from
// the moment the Builder is made.
type Builder struct {
	ix        *Index
	textual   map[string]bool
	predOrder map[string]int
	kept      []keptClaim
	d         *deriver
	words     [][]uint8
	shortest  []int
	named     chan struct{} // closed when the names are derived
}

// keptClaim is what Finish needs of a claim whose effect depends on the
// order: the fields tokumu.CompareClaims orders by and what it adds.
type keptClaim struct {
	pred     int
	subject  string
	predID   string
	dated    bool
	earliest tokumu.Day
	id       string
	subj     int32
	obj      int32 // -1 when the object is not an entity
	src      int32
	persp    int32
	grade    tokumu.Grade
	from, to tokumu.Day
	text     string
}

// NewBuilder starts an index of the entities, sources and predicates of
// a corpus; the entities and sources are indexed in the order of their
// ids, as a store lists them. It does not change its arguments.
func NewBuilder(es []*tokumu.Entity, srcs []*tokumu.Source, preds []*tokumu.Predicate) (*Builder, error) {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b *tokumu.Entity) int { return strings.Compare(a.ID, b.ID) })
	srcs = slices.Clone(srcs)
	slices.SortFunc(srcs, func(a, b *tokumu.Source) int { return strings.Compare(a.ID, b.ID) })
	return newBuilder(es, srcs, preds)
}

// newBuilder is NewBuilder over entities and sources already in order.
func newBuilder(es []*tokumu.Entity, srcs []*tokumu.Source, preds []*tokumu.Predicate) (*Builder, error) {
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
	b := &Builder{
		ix: ix, textual: map[string]bool{}, predOrder: map[string]int{},
		d: &deriver{}, words: make([][]uint8, len(es)), shortest: make([]int, len(es)),
		named: make(chan struct{}),
	}
	for i, p := range preds {
		b.textual[p.ID] = p.Literal == tokumu.LiteralText
		if _, dup := b.predOrder[p.ID]; !dup {
			b.predOrder[p.ID] = i
		}
	}
	go b.deriveNames()
	return b, nil
}

// deriveNames indexes every name of every entity with the spellings
// derived from it. It touches only the name index and its own slices,
// so that Add can run meanwhile.
func (b *Builder) deriveNames() {
	defer close(b.named)
	ix := b.ix
	es := make([]*tokumu.Entity, len(ix.ents))
	for i := range ix.ents {
		es[i] = ix.ents[i].e
	}
	owns, byForm := ownForms(es)
	for i := range ix.ents {
		e := ix.ents[i].e
		shortest := math.MaxInt
		for ni, n := range e.Names {
			own := owns[i]
			if own == nil && strings.HasPrefix(n.Lang, "ja") {
				// Another entity's name as written (an event named 新京
				// after the city) is read as that entity reads it; a
				// name that embeds one, in pieces (forms.pieces).
				own = byForm[readingForm(n.Text)]
			}
			ix.names.add(b.d, int32(i), uint16(ni), n.Text, n.Lang, own, byForm)
			b.words[i] = append(b.words[i], uint8(min(len(tokenize(n.Text)), 255)))
			if l := len([]rune(n.Text)); l < shortest {
				shortest = l
			}
		}
		b.shortest[i] = shortest
	}
}

// Add indexes one claim. Claims of entities or predicates the Builder
// does not know are left out, as Build never reads them.
func (b *Builder) Add(c *tokumu.Claim) {
	ix := b.ix
	pred, ok := b.predOrder[c.Predicate]
	if !ok {
		return
	}
	subj, ok := ix.byID[c.Subject]
	if !ok {
		return
	}
	info := &ix.ents[subj]
	info.claims++
	obj, isEnt := ix.byID[c.Object]
	if !isEnt {
		obj = -1
	} else {
		ix.ents[obj].claims++
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
	period := false
	if !c.When.IsZero() {
		from, to = c.When.Earliest, c.When.Latest
		if info.from == 0 || from < info.from {
			info.from = from
		}
		if to > info.to {
			info.to = to
		}
		period = c.Predicate == ix.covers && ix.covers != "" && info.e.Type == tokumu.Period
	}
	same := c.Predicate == ix.sameAs && ix.sameAs != "" && obj >= 0 && obj != subj
	textual := b.textual[c.Predicate]
	var text string
	switch {
	case textual && c.Value != "" && c.Note != "":
		text = c.Value + " — " + c.Note
	case textual && c.Value != "":
		text = c.Value
	default:
		text = c.Note
	}
	if text == "" && !same && !period {
		return
	}
	b.kept = append(b.kept, keptClaim{pred: pred, subject: c.Subject, predID: c.Predicate, dated: !c.When.IsZero(),
		earliest: c.When.Earliest, id: c.ID, subj: subj, obj: obj, src: src, persp: persp, grade: c.Grade, from: from, to: to, text: text})
}

// compareKept orders kept claims as Build reads them: by predicate in
// vocabulary order, then as tokumu.CompareClaims does.
func compareKept(a, b keptClaim) int {
	if c := cmp.Compare(a.pred, b.pred); c != 0 {
		return c
	}
	if c := strings.Compare(a.subject, b.subject); c != 0 {
		return c
	}
	if c := strings.Compare(a.predID, b.predID); c != 0 {
		return c
	}
	if a.dated != b.dated {
		if a.dated {
			return 1
		}
		return -1
	} else if a.dated {
		if c := cmp.Compare(a.earliest, b.earliest); c != 0 {
			return c
		}
	}
	return strings.Compare(a.id, b.id)
}

// Finish completes the index. The Builder must not be used afterwards.
func (b *Builder) Finish(ctx context.Context) (*Index, error) {
	<-b.named
	ix := b.ix
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Names, then summaries as text, then claims, then sources: the
	// order of documents Build always had.
	for i := range ix.ents {
		info := &ix.ents[i]
		info.words, info.shortest = b.words[i], b.shortest[i]
		for _, lang := range sortedKeys(info.e.Summary) {
			ix.text.add(textDoc{kind: KindEntity, ent: int32(i), src: -1, persp: -1, text: info.e.Summary[lang]})
		}
	}
	slices.SortFunc(b.kept, compareKept)
	for _, k := range b.kept {
		if k.predID == ix.sameAs && ix.sameAs != "" && k.obj >= 0 && k.obj != k.subj {
			ix.same[k.subj] = append(ix.same[k.subj], sameLink{k.obj, k.id})
			ix.same[k.obj] = append(ix.same[k.obj], sameLink{k.subj, k.id})
		}
		if k.dated && k.predID == ix.covers && ix.covers != "" && ix.ents[k.subj].e.Type == tokumu.Period {
			ix.periods[k.subject] = [2]tokumu.Day{k.from, k.to}
		}
		if k.text != "" {
			ix.text.add(textDoc{kind: KindClaim, ent: k.subj, src: k.src, persp: k.persp, grade: k.grade, claim: k.id, from: k.from, to: k.to, text: k.text})
		}
	}
	b.kept = nil
	for i := range ix.ents {
		slices.Sort(ix.ents[i].sources)
		ix.ents[i].sources = slices.Compact(ix.ents[i].sources)
		slices.Sort(ix.ents[i].persps)
		ix.ents[i].persps = slices.Compact(ix.ents[i].persps)
	}
	for i, src := range ix.sources {
		ix.text.add(textDoc{kind: KindSource, ent: -1, src: int32(i), persp: -1, text: sourceText(src)})
	}
	ix.names.finish()
	ix.text.finish()
	// Queries never read kanji through the analyzer (a kanji query
	// matches kanji names as written), so it goes with its memo once the
	// names are indexed. kagome keeps the dictionary itself for the life
	// of the process once loaded; the table of known readings is what
	// spares the embedded corpus from loading it.
	ix.analyzed = b.d.analyzed()
	ix.derive = &deriver{}
	return ix, nil
}
