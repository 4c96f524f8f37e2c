package web

import (
	"net/http"
	"strings"

	"github.com/tokumu/tokumu"
)

// The vocabulary is public: every claim's property type in the RDF
// exports is /predicates/{id}, so that IRI answers — a page for people,
// the entry as JSON, its labels as RDF — and /predicates lists what a
// claim may say, with how many claims say it.

// predicatesPage is the vocabulary, in its written order.
type predicatesPage struct {
	base
	Preds  []*tokumu.Predicate
	Counts map[string]int
}

func (s *Server) handlePredicatesPage(w http.ResponseWriter, r *http.Request) {
	sn := s.st(r).snap
	p := predicatesPage{base: s.base(r, "sources", "preds.title"), Preds: sn.predIDs, Counts: sn.Stats.ByPredicate}
	s.render(w, r, http.StatusOK, "predicates", &p)
}

// predicatePage is one vocabulary entry with the first claims that use it.
type predicatePage struct {
	base
	P      *tokumu.Predicate
	Claims []*tokumu.Claim
	Total  int // claims with the predicate; Claims holds the first sourcePageMax
}

func (s *Server) handlePredicatePage(w http.ResponseWriter, r *http.Request) {
	if s.servePredicateAs(w, r) { // JSON, JSON-LD or Turtle: see conneg.go
		return
	}
	sn := s.st(r).snap
	pr := sn.preds[r.PathValue("id")]
	if pr == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no predicate %q in the vocabulary: /predicates lists them", clip(r.PathValue("id"))))
		return
	}
	cs, err := s.st(r).store.Claims(r.Context(), tokumu.ClaimFilter{Predicate: pr.ID, Limit: sourcePageMax})
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	p := predicatePage{base: s.base(r, "sources", pr.LabelIn(langOf(r))), P: pr, Claims: cs, Total: sn.Stats.ByPredicate[pr.ID]}
	s.render(w, r, http.StatusOK, "predicate", &p)
}

// handlePredicate is GET /api/predicates/{id}: the vocabulary entry and
// how many claims use it.
func (s *Server) handlePredicate(w http.ResponseWriter, r *http.Request) {
	sn := s.st(r).snap
	pr := sn.preds[r.PathValue("id")]
	if pr == nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no predicate %q in the vocabulary: GET /api/predicates lists them", clip(r.PathValue("id"))))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"predicate": pr, "claims": sn.Stats.ByPredicate[pr.ID]})
}

// Types lists entity types in the page's language.
func (b *base) Types(ts []tokumu.EntityType) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = b.TypeName("type.", t)
	}
	return strings.Join(out, ", ")
}

// RangeOf says what a claim with the predicate points at or holds: the
// object's types, or the kind of literal value.
func (b *base) RangeOf(p *tokumu.Predicate) string {
	if len(p.Range) > 0 {
		return b.Types(p.Range)
	}
	return b.TypeName("literal.", p.Literal)
}
