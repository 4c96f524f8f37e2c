package web

import (
	"golang.org/x/text/language"

	"net/http"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name": "tokumu", "version": tokumu.Version,
		"endpoints": []string{
			"/api/entities?type=person&limit=100",
			"/api/entities/{id}",
			"/api/claims?about=ID&subject=&object=&predicate=&source=&by=&at=DATE&from=DATE&to=DATE&limit=",
			"/api/at?date=1939-06-01&id=harbin-tokumu-kikan",
			"/api/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01",
			"/api/sources", "/api/sources/{id}", "/api/predicates", "/api/stats",
			"/api/disagreements?id=",
			"/api/audit?limit=&offset=",
		},
	})
}

func (s *Server) handleEntities(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r, "limit", 0, 0)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := tokumu.EntityType(r.URL.Query().Get("type"))
	if t != "" && !t.Valid() {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "type=%q is not an entity type (person, organization, unit, place, event, operation, document, period)", t))
		return
	}
	es, err := s.st(r).store.Entities(r.Context(), tokumu.EntityFilter{Type: t, Limit: limit})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if es == nil {
		es = []*tokumu.Entity{}
	}
	writeJSON(w, http.StatusOK, es)
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	v, err := view.LoadEntityView(r.Context(), s.st(r).store, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v.Page(langOf(r)))
}

// uiLangs are the languages tokumu answers in, the first the default.
var (
	uiLangs   = []language.Tag{language.English, language.Japanese, language.Russian}
	uiMatcher = language.NewMatcher(uiLangs)
)

// langOf is the language of the answer: the lang parameter if it names one
// of uiLangs, else the best match of Accept-Language (BCP 47, with
// weights), else English.
func langOf(r *http.Request) string {
	switch l := r.URL.Query().Get("lang"); l {
	case "ja", "ru", "en":
		return l
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			_, i, conf := uiMatcher.Match(tags...)
			if conf != language.No {
				base, _ := uiLangs[i].Base()
				return base.String()
			}
		}
	}
	return "en"
}

func (s *Server) handleClaims(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := tokumu.ClaimFilter{
		Subject: q.Get("subject"), Object: q.Get("object"), About: q.Get("about"),
		Predicate: q.Get("predicate"), Source: q.Get("source"), Perspective: q.Get("by"),
		RelationsOnly: q.Get("relations") == "1" || q.Get("relations") == "true",
	}
	var err error
	if f.At, err = day(r, "at"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.From, err = day(r, "from"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.To, err = day(r, "to"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Limit, err = intParam(r, "limit", 1000, 10000); err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.st(r).store.Claims(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if cs == nil {
		cs = []*tokumu.Claim{}
	}
	writeJSON(w, http.StatusOK, cs)
}

func (s *Server) handleAt(w http.ResponseWriter, r *http.Request) {
	d, err := day(r, "date")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if d == 0 {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter date is required (e.g. /api/at?date=1939-06-01&id=harbin-tokumu-kikan)"))
		return
	}
	limit, err := intParam(r, "limit", 500, 10000)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := view.LoadAtView(r.Context(), s.st(r).store, d, r.URL.Query().Get("id"), limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v.Page())
}

func (s *Server) handleStructure(w http.ResponseWriter, r *http.Request) {
	d, err := day(r, "date")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if d == 0 {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter date is required (e.g. /api/structure?root=kwantung-army&date=1939-06-01)"))
		return
	}
	root := r.URL.Query().Get("root")
	if root == "" {
		writeJSON(w, http.StatusOK, map[string]any{"date": d, "roots": s.st(r).chart.Roots(d)})
		return
	}
	nodes := s.st(r).chart.Subtree(root, d)
	if nodes == nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "%q is not in the organization chart", root))
		return
	}
	out := map[string]any{"date": d, "root": root, "nodes": nodes, "parents": s.st(r).chart.Parents(root, d),
		"unplaced": capNodes(s.st(r).chart.Unplaced(root, d))} // existed then, parent unknown
	cmp, err := day(r, "compare")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if cmp != 0 {
		out["compare"] = cmp
		out["changes"] = s.st(r).chart.Diff(root, d, cmp)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.st(r).store.Sources(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if srcs == nil {
		srcs = []*tokumu.Source{}
	}
	writeJSON(w, http.StatusOK, srcs)
}

func (s *Server) handleSource(w http.ResponseWriter, r *http.Request) {
	src, err := s.st(r).store.Source(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.st(r).store.Claims(r.Context(), tokumu.ClaimFilter{Source: src.ID})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if cs == nil {
		cs = []*tokumu.Claim{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"source": src, "claims": cs})
}

func (s *Server) handlePredicates(w http.ResponseWriter, r *http.Request) {
	ps, err := s.st(r).store.Predicates(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ps)
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st(r).store.Stats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) handleDisagreements(w http.ResponseWriter, r *http.Request) {
	// An entity's disagreements are among the claims about it, from
	// either side: two sources on its own facts, two holders of it.
	f := tokumu.ClaimFilter{About: r.URL.Query().Get("id")}
	cs, err := s.st(r).store.Claims(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, view.DisagreementsJSON(view.AllDisagreements(cs, s.st(r).vocab)))
}
