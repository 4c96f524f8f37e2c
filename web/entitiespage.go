package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
)

// entitiesPage is the index of entities by type.
type entitiesPage struct {
	base
	Type     string
	Types    []tokumu.EntityType
	Entities []*tokumu.Entity
	More     int
}

// entitiesMax bounds the index page on a large corpus; search narrows it.
const entitiesMax = 2000

func (s *Server) handleEntitiesPage(w http.ResponseWriter, r *http.Request) {
	t := r.URL.Query().Get("type")
	p := entitiesPage{base: s.base(r, "entities", "entities.h1"), Type: t, Types: tokumu.EntityTypes}
	if t == "" {
		t = string(tokumu.Organization)
		p.Type = t
	}
	if !tokumu.EntityType(t).Valid() {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EINVALID, "type=%q is not an entity type (person, organization, unit, place, event, operation, document, period)", t))
		return
	}
	list := s.st(r).snap.ByType[tokumu.EntityType(t)]
	if len(list) > entitiesMax {
		p.More = len(list) - entitiesMax
		list = list[:entitiesMax]
	}
	p.Entities = append([]*tokumu.Entity(nil), list...)
	sortByKey(p.Entities, func(e *tokumu.Entity) string { return sortKey(p.Lang, indexName(e, p.Lang, p.Label(e.ID))) })
	s.render(w, r, http.StatusOK, "entities", &p)
}
