package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
)

// sourcesPage is the bibliography, each entry with the number of claims
// resting on it.
type sourcesPage struct {
	base
	Sources []*tokumu.Source
	Counts  map[string]int
	Kind    string
	Kinds   []tokumu.SourceKind
}

func (s *Server) handleSourcesPage(w http.ResponseWriter, r *http.Request) {
	p := sourcesPage{base: s.base(r, "sources", "sources.title"), Counts: s.st(r).snap.Stats.BySource, Kinds: tokumu.SourceKinds, Kind: r.URL.Query().Get("kind")}
	for _, src := range s.st(r).snap.SourceList {
		if p.Kind == "" || string(src.Kind) == p.Kind {
			p.Sources = append(p.Sources, src)
		}
	}
	// In the page's alphabet: on a Russian page Cyrillic entries first,
	// then Latin, then the rest, as a Russian bibliography runs.
	sortByKey(p.Sources, func(s *tokumu.Source) string { return sortKey(p.Lang, s.Cite()) })
	s.render(w, r, http.StatusOK, "sources", &p)
}

// sourcePage is one source with every claim that cites it.
type sourcePage struct {
	base
	S      *tokumu.Source
	Grade  tokumu.Grade
	Claims []*tokumu.Claim
	Total  int // claims citing the source; Claims holds the first sourcePageMax
}

// sourcePageMax bounds the claims a source page lists (a source of a
// large corpus is cited by tens of thousands: a 10 MB page).
const sourcePageMax = 1000

func (s *Server) handleSourcePage(w http.ResponseWriter, r *http.Request) {
	if s.serveSourceAs(w, r) { // JSON, JSON-LD or Turtle: see conneg.go
		return
	}
	src := s.st(r).snap.Sources[r.PathValue("id")]
	if src == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", r.PathValue("id")))
		return
	}
	cs, err := s.st(r).store.Claims(r.Context(), tokumu.ClaimFilter{Source: src.ID, Limit: sourcePageMax})
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	p := sourcePage{base: s.base(r, "sources", src.Cite()), S: src, Grade: src.DefaultGrade(), Claims: cs, Total: s.st(r).snap.Stats.BySource[src.ID]}
	s.render(w, r, http.StatusOK, "source", &p)
}
