package search

import (
	"slices"

	"github.com/tokumu/tokumu"
)

// ShareEntities makes the index read its entities' ids, types and names
// from the caller's copies (lookup: the server's corpus read model, which
// holds every entity with its names anyway) instead of its own: at 1M
// claims the decoded index held a second copy of 100k entities and 240k
// names, ~50 MB for the life of the server. An entity is shared only if
// lookup's copy has the same id, type and names (text, language, kind,
// in the same order) — all that queries read of it, so every answer stays
// the same; any other keeps a copy of the index's own, so that nothing
// holds on to the decoded arrays. It returns how many were shared. Call
// it before the index answers a query: it is not safe beside one.
func (ix *Index) ShareEntities(lookup func(id string) *tokumu.Entity) int {
	shared := 0
	for i := range ix.ents {
		own := ix.ents[i].e
		if o := lookup(own.ID); o != nil && sameForSearch(own, o) {
			ix.ents[i].e = o
			shared++
			continue
		}
		cp := tokumu.Entity{ID: own.ID, Type: own.Type, Names: slices.Clip(slices.Clone(own.Names))}
		ix.ents[i].e = &cp
	}
	return shared
}

// sameForSearch reports whether a and b agree on what the index reads of
// an entity: id, type, and each name's text, language and kind, in order
// (a hit names its name by position).
func sameForSearch(a, b *tokumu.Entity) bool {
	if a.ID != b.ID || a.Type != b.Type || len(a.Names) != len(b.Names) {
		return false
	}
	for k := range a.Names {
		x, y := &a.Names[k], &b.Names[k]
		if x.Text != y.Text || x.Lang != y.Lang || x.Kind != y.Kind {
			return false
		}
	}
	return true
}

// Entity returns the entity with the id as the index holds it (nil if it
// has none): the server's test checks by it that the index reads the
// corpus read model's entities (ShareEntities).
func (ix *Index) Entity(id string) *tokumu.Entity {
	if i, ok := ix.byID[id]; ok {
		return ix.ents[i].e
	}
	return nil
}
