package web

import (
	"net/http"
	"strconv"

	"github.com/tokumu/tokumu/ledger"
)

// ledgerPage is the deception ledger (ledger.Build): each operation's
// planted claims with their receivers, the receiver's later estimates and
// how they moved, and a summary by period.
type ledgerPage struct {
	base
	L *ledger.Ledger
}

func (s *Server) handleLedgerPage(w http.ResponseWriter, r *http.Request) {
	p := ledgerPage{base: s.base(r, "ledger", "Deception ledger"), L: s.st(r).snap.analyses().ledger}
	s.render(w, r, http.StatusOK, "ledger", &p)
}

// Val formats a figure or a range: "1700–2000".
func (base) Val(p *ledger.Point) string {
	if p == nil {
		return ""
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	if p.Low == p.High {
		return f(p.Low)
	}
	return f(p.Low) + "–" + f(p.High)
}

// Num formats a ratio or factor to two places: "×1.25"; "—" for zero.
func (base) Num(x float64) string {
	if x == 0 {
		return "—"
	}
	return "×" + strconv.FormatFloat(x, 'f', 2, 64)
}

// Signed formats a change: "+200", "−1".
func (base) Signed(x float64) string {
	if x > 0 {
		return "+" + strconv.FormatFloat(x, 'f', -1, 64)
	}
	if x < 0 {
		return "−" + strconv.FormatFloat(-x, 'f', -1, 64)
	}
	return "0"
}
