package web

import (
	"net/http"

	"github.com/tokumu/tokumu/audit"
)

// auditPage is the consistency audit of the corpus (package audit): what
// its claims say that cannot all be true, certain findings first, each
// with the claims it rests on.
type auditPage struct {
	base
	Report   *audit.Report
	Pager    pager
	Findings []audit.Finding
}

func (s *Server) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	p := auditPage{base: s.base(r, "audit", "audit.h1")}
	var err error
	if p.Pager, err = s.pager(r, "/audit"); err != nil {
		s.htmlError(w, r, err)
		return
	}
	d, err := derivedOf(r.Context(), s.st(r))
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	p.Report = d.audit
	lo, hi := p.Pager.window(len(d.audit.Findings))
	p.Findings = d.audit.Findings[lo:hi]
	s.render(w, r, http.StatusOK, "audit", &p)
}

// handleAudit is /api/audit: the report, its findings paged by limit and
// offset (default 100, at most 10000), with the total.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	limit, err := pAuditLimit.get(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	offset, err := pAuditOffset.get(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := derivedOf(r.Context(), s.st(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	fs := d.audit.Findings
	lo := min(offset, len(fs))
	hi := min(lo+limit, len(fs))
	writeJSON(w, http.StatusOK, map[string]any{
		"certain": d.audit.Certain, "possible": d.audit.Possible, "by_kind": d.audit.ByKind,
		"total": len(fs), "offset": offset, "limit": limit, "findings": fs[lo:hi],
	})
}
