package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
)

// The history of one entity: every revision that changed it (its names
// are changed with it) or a claim about it, newest first, paged by
// revision number as /changes is (?limit=, ?before=).
//
//	GET /entities/{id}/history       the page, linked from the entity page's footer
//	GET /api/entities/{id}/history   the same as JSON (changesAnswer, as /api/changes)

// entityHistory reads a page of the entity's history; ENOTFOUND for an
// entity the store does not hold (entities are never deleted, so one with
// a history is always held).
func (s *Server) entityHistory(r *http.Request) (*changesAnswer, tokumu.HistoryFilter, error) {
	id := r.PathValue("id")
	f := tokumu.HistoryFilter{Entity: id}
	if _, err := s.st(r).store.Entity(r.Context(), id); err != nil {
		return nil, f, err
	}
	a, err := s.changes(r, f)
	return a, f, err
}

func (s *Server) handleEntityHistoryAPI(w http.ResponseWriter, r *http.Request) {
	a, _, err := s.entityHistory(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleEntityHistoryPage(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.entityHistory(r); err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.changesPage(w, r, tokumu.HistoryFilter{Entity: r.PathValue("id")}, "changes.entity.title")
}
