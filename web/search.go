package web

import (
	"net/http"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
)

// searchQuery reads a search.Query from the request's parameters: q, type
// (repeatable or comma-separated), from, to (a year or month means all of
// it), period, by, source, lang, limit, offset.
func searchQuery(r *http.Request) (search.Query, error) {
	v := r.URL.Query()
	q := search.Query{Text: v.Get("q"), Period: v.Get("period"), Perspective: v.Get("by"), Source: v.Get("source"), Lang: langOf(r)}
	for _, ts := range v["type"] {
		for _, t := range strings.Split(ts, ",") {
			if t == "" {
				continue
			}
			et := tokumu.EntityType(t)
			if !et.Valid() {
				return q, tokumu.Errorf(tokumu.EINVALID, "type=%q is not an entity type (person, organization, unit, place, event, operation, document, period)", clip(t))
			}
			q.Types = append(q.Types, et)
		}
	}
	var err error
	if q.From, q.To, err = dayRange(r); err != nil {
		return q, err
	}
	if v := r.URL.Query().Get("to"); v != "" {
		// The end of what "to" names: to=1939 includes December 1939.
		w, _, _ := tokumu.ParseWhen(v)
		q.To = w.Stated().Latest
	}
	if q.Limit, q.Offset, err = pageParams(r, pSearchLimit, pSearchOffset); err != nil {
		return q, err
	}
	return q, nil
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ix, err := s.st(r).searchIndex()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := ix.Search(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) handleSuggest(w http.ResponseWriter, r *http.Request) {
	n, err := pSuggestLimit.get(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ix, err := s.st(r).searchIndex()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	hits := ix.Suggest(r.URL.Query().Get("q"), n, langOf(r))
	if hits == nil {
		hits = []search.Hit{}
	}
	writeJSON(w, http.StatusOK, hits)
}
