package web

import (
	"net/http"
	"regexp"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
)

// searchPage lists what the index found for /search?q=&type=&from=&to=,
// rendered on the server from the same index as /api/search.
type searchPage struct {
	base
	Query   search.Query
	Results *search.Results
	Types   []tokumu.EntityType
	Type    string
	From    string
	To      string
	Error   string
	// ErrParam is the parameter the error is about (from, to, type …),
	// whose field is marked and described by it.
	ErrParam string
}

// paramIn matches the parameter a request error names: `parameter from="x"`.
var paramIn = regexp.MustCompile(`parameter ([a-z_]+)=`)

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	p := searchPage{base: s.base(r, "search", "search.title"), Types: tokumu.EntityTypes, Type: v.Get("type"), From: v.Get("from"), To: v.Get("to")}
	p.SearchText = v.Get("q")
	if p.SearchText != "" {
		p.Title = p.T("search.title.q", p.SearchText)
	}
	q, err := searchQuery(r)
	if err != nil {
		p.Error = tokumu.ErrorMessage(err)
		if m := paramIn.FindStringSubmatch(p.Error); m != nil {
			p.ErrParam = m[1]
		}
		s.render(w, r, http.StatusBadRequest, "search", &p)
		return
	}
	if q.Limit == 20 && v.Get("limit") == "" {
		q.Limit = 50
	}
	p.Query = q
	ix, err := s.st(r).searchIndex()
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.Results, err = ix.Search(q); err != nil {
		if tokumu.ErrorCode(err) == tokumu.EINTERNAL {
			s.htmlError(w, r, err)
			return
		}
		p.Error = tokumu.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "search", &p)
		return
	}
	s.render(w, r, http.StatusOK, "search", &p)
}
