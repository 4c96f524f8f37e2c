package search

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestShareEntities: a decoded index that reads its entities from another
// copy of them (the server's corpus read model) answers every query as one
// that keeps its own, holds the other copy's entities where they agree,
// and its own copy where they do not (here: names in another order, a
// changed type, an entity missing).
func TestShareEntities(t *testing.T) {
	data, err := embedded(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	own, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	others := map[string]*tokumu.Entity{}
	for _, e := range ds.Entities {
		others[e.ID] = e
	}
	// Three that must not be shared: hits name a name by its position.
	reordered := *others["doihara-kenji"]
	reordered.Names = slices.Clone(reordered.Names)
	slices.Reverse(reordered.Names)
	others["doihara-kenji"] = &reordered
	retyped := *others["harbin-tokumu-kikan"]
	retyped.Type = tokumu.Person
	others["harbin-tokumu-kikan"] = &retyped
	delete(others, "lyushkov-genrikh")

	n := ix.ShareEntities(func(id string) *tokumu.Entity { return others[id] })
	if want := len(ds.Entities) - 3; n != want {
		t.Errorf("ShareEntities shared %d entities, want %d (all but the three changed)", n, want)
	}
	for i := range ix.ents {
		e := ix.ents[i].e
		switch id := e.ID; id {
		case "doihara-kenji", "harbin-tokumu-kikan", "lyushkov-genrikh":
			if e == others[id] {
				t.Errorf("%s: shared though the other copy differs", id)
			}
			if !sameForSearch(e, own.ents[i].e) {
				t.Errorf("%s: its own copy changed", id)
			}
		default:
			if e != others[id] {
				t.Errorf("%s: not shared", id)
			}
		}
	}
	for _, q := range persistQueries {
		want, werr := own.Search(q)
		got, gerr := ix.Search(q)
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if (werr == nil) != (gerr == nil) || string(wj) != string(gj) {
			t.Errorf("query %+v: with shared entities\n%s (%v)\nwith its own\n%s (%v)", q, gj, gerr, wj, werr)
		}
	}
	for _, s := range []string{"Doi", "ハル", "Лю", "kwan", "Lyush"} {
		for _, lang := range []string{"en", "ja", "ru"} {
			wj, _ := json.Marshal(own.Suggest(s, 8, lang))
			gj, _ := json.Marshal(ix.Suggest(s, 8, lang))
			if string(wj) != string(gj) {
				t.Errorf("Suggest(%q, %s): shared %s, own %s", s, lang, gj, wj)
			}
		}
	}
}
