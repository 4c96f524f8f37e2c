package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/web/i18n"
)

// ledgerPage is the deception ledger (ledger.Build): each operation's
// planted claims with their receivers, the receiver's later estimates and
// how they moved, and a summary by period.
type ledgerPage struct {
	base
	L *ledger.Ledger
}

// Plants counts the plants of every operation once: the period rows
// count a plant in each period its dates reach, so they do not add up to it.
func (p *ledgerPage) Plants() int {
	n := 0
	for _, op := range p.L.Operations {
		n += len(op.Plants)
	}
	return n
}

func (s *Server) handleLedgerPage(w http.ResponseWriter, r *http.Request) {
	p := ledgerPage{base: s.base(r, "ledger", "ledger.title"), L: s.st(r).snap.analyses().ledger}
	s.render(w, r, http.StatusOK, "ledger", &p)
}

// Val formats a figure or a range in the page's language, after its bound:
// "1,700–2,000", "1 700–2 000", "≥1,400,000".
// ValUnit is an estimate or count with its unit, in the page's language
// where the catalogue has the unit (戦車1,500両), the unit in English
// otherwise.
func (b *base) ValUnit(p *ledger.Point, unit string) template.HTML {
	v := b.Val(p)
	if p == nil || unit == "" {
		return template.HTML(esc(v))
	}
	if q, ok := b.qty(int64(p.High), v, unit); ok {
		return template.HTML(`<span title="` + esc(unit) + `">` + esc(q) + `</span>`)
	}
	if b.Lang == "en" {
		return template.HTML(esc(v + " " + unit))
	}
	return template.HTML(esc(v) + " " + b.enSpan("unit", unit))
}

func (b *base) Val(p *ledger.Point) string {
	if p == nil {
		return ""
	}
	if p.Low == p.High {
		return string(p.Bound) + b.N(p.Low)
	}
	return string(p.Bound) + b.N(p.Low) + "–" + b.N(p.High)
}

// BNum is Num after a ratio's or factor's bound: "≤×1.20"; a ratio of two
// bounds pointing the same way reads "×1.20 (?)", the method paragraph
// says why.
func (b *base) BNum(bd tokumu.Bound, x float64) string {
	if x == 0 {
		return b.Num(x)
	}
	return bd.Mark(b.Num(x))
}

// BSigned is Signed after a change's bound: "≤+17".
func (b *base) BSigned(bd tokumu.Bound, x float64) string { return bd.Mark(b.Signed(x)) }

// Num formats a ratio or factor to two places: "×1.25", "×1,25"; "—" for
// zero.
func (b *base) Num(x float64) string {
	if x == 0 {
		return "—"
	}
	return "×" + b.pr().Format("%.2f", x)
}

// Signed formats a change: "+200", "−1 200".
func (b *base) Signed(x float64) string {
	if x > 0 {
		return "+" + b.N(x)
	}
	if x < 0 {
		return "−" + b.N(-x)
	}
	return "0"
}

// NumText is a claim's figure (a number with its bound, or a range
// "1200–1500", as the corpus writes it) grouped as the page's language
// writes numbers; any other text is shown as it is.
func (b *base) NumText(v string) string { return NumText(b.pr(), v) }

// NumText is a claim's figure grouped as p's language writes numbers
// ("≥1,400,000", «1 700–2 000»), for the pages and the CLI alike.
func NumText(p *i18n.Printer, v string) string {
	if x, bd, err := tokumu.ParseQuantity(v); err == nil {
		return string(bd) + p.Num(x)
	}
	for _, sep := range []string{"–", "-"} {
		if lo, hi, ok := strings.Cut(v, sep); ok && lo != "" {
			x, err1 := strconv.ParseFloat(lo, 64)
			y, err2 := strconv.ParseFloat(hi, 64)
			if err1 == nil && err2 == nil {
				return p.Num(x) + "–" + p.Num(y)
			}
		}
	}
	return v
}

// UpDown says which way an operation's certain changes went: " (1 up,
// 1 down)", or nothing when there were none. A plant of inflated figures
// is followed by rises; a fall is no success of it.
//
// across says how many of them span a plant (from an estimate made before
// it to one made after it): the rest are drift after the plant.
func (b *base) UpDown(moved, up, across int) string {
	if moved == 0 {
		return ""
	}
	return " " + b.T("ledger.updown", up, moved-up, across)
}
