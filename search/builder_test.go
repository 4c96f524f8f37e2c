package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestBuilderOrderFree: claims given to a Builder in any order, with the
// entities and sources in any order, make the index BuildDataset makes
// from the dataset as loaded — every field of it, not only the answers
// to some queries. The embedded corpus has text on most claims, period
// spans and possibly-same-as links: the parts whose order matters.
func TestBuilderOrderFree(t *testing.T) {
	ctx := context.Background()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	// Two possibly-same-as links, which the corpus does not have.
	vocab, err := tokumu.NewVocab(ds.Predicates)
	if err != nil {
		t.Fatal(err)
	}
	for i, pair := range [][2]int{{0, 1}, {2, 1}} {
		a, b := ds.Entities[pair[0]], ds.Entities[pair[1]]
		ds.Claims = append(ds.Claims, &tokumu.Claim{ID: fmt.Sprintf("%s-same-%d", a.ID, i), Subject: a.ID,
			Predicate: vocab.ID(tokumu.RoleSameAs), Object: b.ID, Source: ds.Sources[0].ID})
	}
	want, err := BuildDataset(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 3; round++ {
		es, srcs, cs := slices.Clone(ds.Entities), slices.Clone(ds.Sources), slices.Clone(ds.Claims)
		r.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		r.Shuffle(len(srcs), func(i, j int) { srcs[i], srcs[j] = srcs[j], srcs[i] })
		r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		b, err := NewBuilder(es, srcs, ds.Predicates)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			b.Add(c)
		}
		got, err := b.Finish(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name      string
			got, want any
		}{
			{"ents", got.ents, want.ents}, {"byID", got.byID, want.byID}, {"sources", got.sources, want.sources},
			{"srcIdx", got.srcIdx, want.srcIdx}, {"periods", got.periods, want.periods}, {"covers", got.covers, want.covers},
			{"sameAs", got.sameAs, want.sameAs}, {"same", got.same, want.same}, {"names", got.names, want.names},
			{"text docs", got.text.docs, want.text.docs}, {"text postings", postings(got.text), postings(want.text)},
			{"analyzed", got.analyzed, want.analyzed},
		} {
			if !reflect.DeepEqual(f.got, f.want) {
				t.Errorf("round %d: %s differs from BuildDataset's", round, f.name)
			}
		}
		if len(want.same) != 3 || len(want.periods) == 0 || len(want.text.docs) < len(ds.Claims)/2 {
			t.Errorf("same-as links on %d entities (want 3), %d periods, or claim text on under half the claims: the test tests less", len(want.same), len(want.periods))
		}
	}
}

// postings is the text index's postings by term: the ids of terms follow
// Go's map order, so two builds number them differently.
func postings(x *textIndex) map[string][]tpost {
	m := make(map[string][]tpost, len(x.terms))
	for term, id := range x.terms {
		m[term] = x.posts[id]
	}
	return m
}

// TestTokenKeysMemo: the memoized keys of every token of every name — of
// the embedded corpus and of a synthetic one, whose names share their
// words — are the keys wordKeys and deriveKeys compute, on the first
// call and on every later one.
func TestTokenKeysMemo(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := synth.Write(dir, 2000, 3); err != nil {
		t.Fatal(err)
	}
	sds, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	memo, plain := &deriver{}, &deriver{}
	calls := 0
	for round := 0; round < 2; round++ {
		for _, es := range [][]*tokumu.Entity{ds.Entities, sds.Entities} {
			for _, e := range es {
				for _, n := range e.Names {
					for _, tok := range tokenize(n.Text) {
						raw := n.Text[tok.start:tok.end]
						got := memo.tokenKeys(tok, raw, n.Lang)
						want := tokenKeys{wordKeys(tok), plain.deriveKeys(tok, raw, n.Lang)}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("round %d, %q (%s) of %s: memoized %v, computed %v", round, raw, n.Lang, e.ID, got, want)
						}
						calls++
					}
				}
			}
		}
	}
	// Memoization pays only if words repeat: fewer distinct tokens than
	// half the calls of one round.
	if len(memo.keys) == 0 || len(memo.keys) > calls/4 {
		t.Errorf("%d distinct tokens for %d calls per round", len(memo.keys), calls/2)
	}
}
