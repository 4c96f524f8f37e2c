package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ach"
	"github.com/tokumu/tokumu/web/i18n"
)

// achIndexPage lists the matrices of competing hypotheses.
type achIndexPage struct {
	base
	Matrices []*ach.Matrix
}

// achPage is one matrix (ach.Build): evidence rows bound to claims, the
// ratings as claims, the scores and their sensitivity.
type achPage struct {
	base
	M *ach.Matrix
}

func (s *Server) handleACHIndexPage(w http.ResponseWriter, r *http.Request) {
	p := achIndexPage{base: s.base(r, "ach", "ach.title"), Matrices: s.st(r).snap.analyses().matrices}
	s.render(w, r, http.StatusOK, "achindex", &p)
}

func (s *Server) handleACHPage(w http.ResponseWriter, r *http.Request) {
	m := s.st(r).snap.analyses().matrix(r.PathValue("id"))
	if m == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no matrix of hypotheses about %q; the matrices are listed at /ach", r.PathValue("id")))
		return
	}
	p := achPage{base: s.base(r, "ach", ""), M: m}
	p.Title = p.T("ach.title.about", p.Label(m.ID))
	s.render(w, r, http.StatusOK, "ach", &p)
}

// Score returns hypothesis h's score in ranking rk.
func (achPage) Score(rk ach.Ranking, h string) ach.Score {
	for _, s := range rk.Scores {
		if s.Hypothesis == h {
			return s
		}
	}
	return ach.Score{}
}

// F formats a score to two places in the page's language (0.75, 0,75).
func (b *base) F(x float64) string { return b.pr().Format("%.2f", x) }

// RatingSym is how the page's language writes an ACH rating: Heuer's
// letters in English (CC, C, N, NA, I, II); elsewhere signs (++, +, 0, −,
// −−), since beside a source grade such as C2 the letter C read as the
// grade (a Russian historian's reading). An unknown value stays as it is.
func (b *base) RatingSym(v string) string {
	if k := "ach.sym." + v; i18n.Has(k) {
		return b.T(k)
	}
	return v
}
