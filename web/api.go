package web

import (
	"golang.org/x/text/language"

	"net/http"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// handleIndex is /api/: what the server is, and every route the OpenAPI
// document describes (apiOps), so that the list never lags behind it.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	eps := make([]string, 0, len(apiOps))
	for _, op := range apiOps {
		ep := op.Path
		if op.Method != "" && op.Method != "GET" {
			ep = op.Method + " " + ep
		}
		eps = append(eps, ep)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name": "tokumu", "version": tokumu.Version, "release": s.st(r).snap.releaseName(), "openapi": "/api/openapi.json",
		"endpoints": eps,
		"ranges":    "every numeric parameter has a range; see README's API section (web.Params) and the OpenAPI document",
	})
}

func (s *Server) handleEntities(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageParams(r, pEntitiesLimit, pEntitiesOffset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := tokumu.EntityType(r.URL.Query().Get("type"))
	if t != "" && !t.Valid() {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "type=%q is not an entity type (person, organization, unit, place, event, operation, document, period)", clip(string(t))))
		return
	}
	sn := s.st(r).snap
	list := sn.entityList()
	if t != "" {
		list = sn.ByType[t]
	}
	writeJSON(w, http.StatusOK, pageOf(list, offset, limit))
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	limit, err := pEntityLimit.get(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sn := s.st(r).snap
	id := r.PathValue("id")
	cs := &cappedStore{Store: cachedStore{s.st(r).store, sn}, limit: limit}
	// A hub is read as its page is: groupCap claims a group, and each
	// cut group listed with its size and its paged list (Paged).
	hub := sn.hubGroups(id)
	v, err := view.LoadEntityViewWith(r.Context(), &groupedStore{Store: cs, id: id, groups: hub}, id, sn.evidence())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	type paged struct {
		Predicate string `json:"predicate"`
		Inverse   bool   `json:"inverse"`
		Total     int    `json:"total"`
		Href      string `json:"href"` // the group's paged list: /api/entities/{id}/claims?p=…
	}
	var groups []paged
	for _, h := range hub {
		if h.N > groupCap {
			groups = append(groups, paged{h.Pred, h.Inv, h.N, "/api" + groupHref(id, h, "en")})
		}
	}
	writeJSON(w, http.StatusOK, struct {
		view.EntityPage
		Limit int     `json:"limit"`
		More  bool    `json:"more"`            // claims past limit were left out
		Paged []paged `json:"paged,omitempty"` // a hub's groups cut to their first claims
	}{v.Page(langOf(r)), limit, cs.more, groups})
}

// uiLangs are the languages tokumu answers in, the first the default.
var (
	uiLangs   = []language.Tag{language.English, language.Japanese, language.Russian}
	uiMatcher = language.NewMatcher(uiLangs)
)

// langOf is the language of the answer: the lang parameter if it names one
// of uiLangs, else the reader's earlier choice in the lang cookie (see
// rememberLang), else the best match of Accept-Language (BCP 47, with
// weights), else English.
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); isUILang(l) {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && isUILang(c.Value) {
		return c.Value
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

// isUILang reports whether l is one of the interface's languages.
func isUILang(l string) bool { return l == "en" || l == "ja" || l == "ru" }

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
	if f.From, f.To, err = dayRange(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	limit, offset, err := pageParams(r, pClaimsLimit, pClaimsOffset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// One more than the page, to tell whether there is a next one; the
	// store has no offset, so the rows skipped are read and dropped
	// (offset is bounded for that reason).
	f.Limit = offset + limit + 1
	cs, err := s.st(r).store.Claims(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p := pageOf(cs, offset, limit)
	if len(cs) > offset+limit {
		p.Total = nil // unknown: there are more
		p.More = true
	}
	writeJSON(w, http.StatusOK, p)
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
	limit, err := pAtLimit.get(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := view.LoadAtView(r.Context(), cachedStore{s.st(r).store, s.st(r).snap}, d, r.URL.Query().Get("id"), limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v.Page())
}

// structureMaxNodes bounds the nodes and roots /api/structure returns; a
// large corpus's chart runs to tens of thousands.
const structureMaxNodes = 2000

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
	cmp, err := day(r, "compare")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ch := s.st(r).orgChart()
	root := r.URL.Query().Get("root")
	if root == "" {
		roots := ch.Roots(d)
		out := map[string]any{"date": d, "roots": roots, "total": len(roots)}
		if len(roots) > structureMaxNodes {
			out["roots"], out["more"] = roots[:structureMaxNodes], true
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	nodes := ch.Subtree(root, d)
	if nodes == nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "%q is not in the organization chart", clip(root)))
		return
	}
	out := map[string]any{"date": d, "root": root, "nodes": nodes, "total": len(nodes), "parents": ch.Parents(root, d),
		"unplaced": capNodes(ch.Unplaced(root, d))} // existed then, parent unknown
	if len(nodes) > structureMaxNodes {
		out["nodes"], out["more"] = nodes[:structureMaxNodes], true // breadth first: nearest the root
	}
	if cmp != 0 {
		changes := ch.Diff(root, d, cmp)
		out["compare"] = cmp
		out["changes"] = changes
		if len(changes) > structureMaxNodes {
			out["changes"], out["more_changes"] = changes[:structureMaxNodes], len(changes)-structureMaxNodes
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageParams(r, pSourcesLimit, pSourcesOffset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf(s.st(r).snap.SourceList, offset, limit))
}

func (s *Server) handleSource(w http.ResponseWriter, r *http.Request) {
	sn := s.st(r).snap
	src := sn.Sources[r.PathValue("id")]
	if src == nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", clip(r.PathValue("id"))))
		return
	}
	limit, offset, err := pageParams(r, pSourceLimit, pSourceOffset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.st(r).store.Claims(r.Context(), tokumu.ClaimFilter{Source: src.ID, Limit: offset + limit})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p := pageOf(cs, offset, limit)
	total := sn.Stats.BySource[src.ID]
	p.Total, p.More = &total, offset+limit < total
	writeJSON(w, http.StatusOK, map[string]any{"source": src, "claims": p})
}

func (s *Server) handlePredicates(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.st(r).snap.predIDs)
}

// handleStats answers from the snapshot: the counts were taken when the
// state was loaded (one grouped query each over the whole store — 0.45 s
// on 212k claims, 5 s under load when it ran per request).
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.st(r).snap.Stats)
}

// handleDisagreements pages the corpus-wide list (derivedOf: found on
// the first request for it, not at start-up, where it took most of the
// time at 1M claims), or one entity's part of it.
func (s *Server) handleDisagreements(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageParams(r, pDisLimit, pDisOffset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := derivedOf(r.Context(), s.st(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if id := r.URL.Query().Get("id"); id != "" {
		writeJSON(w, http.StatusOK, d.jsonPage(d.all.involving(id), offset, limit))
		return
	}
	writeJSON(w, http.StatusOK, d.jsonPage(nil, offset, limit))
}

// page is one page of a list: the items from offset, at most limit of
// them, and the length of the whole list (total) when it is known; more
// tells whether a next page exists.
type page[T any] struct {
	Total  *int `json:"total,omitempty"`
	Offset int  `json:"offset"`
	Limit  int  `json:"limit"`
	More   bool `json:"more"`
	Items  []T  `json:"items"`
}

// pageOf cuts list to the page [offset, offset+limit); total is len(list).
func pageOf[T any](list []T, offset, limit int) page[T] {
	n := len(list)
	p := page[T]{Total: &n, Offset: offset, Limit: limit, Items: []T{}}
	if offset < n {
		p.Items = list[offset:min(n, offset+limit)]
	}
	p.More = offset+limit < n
	return p
}

// pageParams reads a limit and an offset.
func pageParams(r *http.Request, limit, offset intSpec) (int, int, error) {
	l, err := limit.get(r)
	if err != nil {
		return 0, 0, err
	}
	o, err := offset.get(r)
	return l, o, err
}
