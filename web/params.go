package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
)

// intSpec is one numeric query parameter: its name, the routes that take
// it, its default and the range it must be in. Every numeric parameter of
// every route is a row of Params, and a value outside the range is a 400
// naming the parameter and the range — never clamped silently, never
// passed on to allocate by (an offset of 2·10⁹ once sized a 32 GB slice).
type intSpec struct {
	Name     string
	Routes   string // as README's API section lists them
	Def      int
	Min, Max int
	Doc      string
}

// Years are bounded to what a date can mean in an intelligence history
// and what the timeline's axis can draw.
const (
	yearMin = 1000
	yearMax = 2999
)

// The numeric parameters. The ranges keep every answer bounded: limit ×
// the largest item, and offset + limit rows of work at most.
var (
	pEntitiesLimit  = intSpec{"limit", "/api/entities", 100, 1, 1000, "entities per page"}
	pEntitiesOffset = intSpec{"offset", "/api/entities", 0, 0, 1_000_000, "entities to skip"}
	pClaimsLimit    = intSpec{"limit", "/api/claims", 200, 1, 1000, "claims per page"}
	pClaimsOffset   = intSpec{"offset", "/api/claims", 0, 0, 10_000, "claims to skip (narrow the filter to reach further)"}
	pAtLimit        = intSpec{"limit", "/api/at", 500, 1, 2000, "claims that held on the date"}
	pSourcesLimit   = intSpec{"limit", "/api/sources", 200, 1, 1000, "sources per page"}
	pSourcesOffset  = intSpec{"offset", "/api/sources", 0, 0, 1_000_000, "sources to skip"}
	pSourceLimit    = intSpec{"limit", "/api/sources/{id}", 200, 1, 1000, "claims of the source per page"}
	pSourceOffset   = intSpec{"offset", "/api/sources/{id}", 0, 0, 10_000, "claims of the source to skip"}
	pDisLimit       = intSpec{"limit", "/api/disagreements", 100, 1, 1000, "disagreements per page"}
	pDisOffset      = intSpec{"offset", "/api/disagreements", 0, 0, 1_000_000, "disagreements to skip"}
	pEntityLimit    = intSpec{"limit", "/api/entities/{id}", 1000, 1, 2000, "claims about the entity"}
	pGroupLimit     = intSpec{"limit", "/entities/{id}/claims, /api/entities/{id}/claims", 100, 1, 500, "claims of one group (p, inv) per page"}
	pGroupOffset    = intSpec{"offset", "/entities/{id}/claims, /api/entities/{id}/claims", 0, 0, 100_000, "claims of the group to skip"}
	pSearchLimit    = intSpec{"limit", "/api/search, /search", 20, 1, 200, "hits per page (the page shows 50 by default)"}
	pSearchOffset   = intSpec{"offset", "/api/search, /search", 0, 0, 10_000, "hits to skip"}
	pSuggestLimit   = intSpec{"limit", "/api/suggest", 8, 1, 50, "suggestions"}
	pTimelineFrom   = intSpec{"from", "/timeline, /network", 0, yearMin, yearMax, "first year (a date is read as its year)"}
	pTimelineTo     = intSpec{"to", "/timeline, /network", 0, yearMin, yearMax, "last year (a date is read as its year)"}
	pMapYear        = intSpec{"year", "/map", 0, yearMin, yearMax, "the year shown (then kept within the corpus's years)"}
	pNetRadius      = intSpec{"radius", "/network", 1, 1, 3, "steps from the ego entity"}
	pAuditLimit     = intSpec{"limit", "/api/audit", 100, 1, 10_000, "findings per page"}
	pAuditOffset    = intSpec{"offset", "/api/audit", 0, 0, 1_000_000, "findings to skip"}
	pListLimit      = intSpec{"limit", "/disagreements, /audit", 50, 1, 500, "items per page"}
	pListOffset     = intSpec{"offset", "/disagreements, /audit", 0, 0, 1_000_000, "items to skip"}
	pTolerance      = intSpec{"tolerance", "/api/estimates, /estimates", ledger.DefaultTolerance, 0, 3660, "days before an estimate's dates a count it is paired with may lie (never after)"}
	pChangesLimit   = intSpec{"limit", "/api/changes, /changes", 50, 1, 200, "revisions per page"}
	pChangesBefore  = intSpec{"before", "/api/changes, /changes", 0, 0, 2_000_000_000, "only revisions numbered below it (the next page); 0: from the newest"}
)

// Params is the table of numeric parameters, in README's order. A test
// checks that README lists each row.
var Params = []intSpec{
	pEntitiesLimit, pEntitiesOffset, pEntityLimit, pGroupLimit, pGroupOffset, pClaimsLimit, pClaimsOffset, pAtLimit,
	pSourcesLimit, pSourcesOffset, pSourceLimit, pSourceOffset, pDisLimit, pDisOffset,
	pSearchLimit, pSearchOffset, pSuggestLimit, pTimelineFrom, pTimelineTo, pMapYear,
	pNetRadius, pAuditLimit, pAuditOffset, pListLimit, pListOffset, pTolerance,
	pChangesLimit, pChangesBefore,
}

// rangeText is how errors and README write the range.
func (p intSpec) rangeText() string { return fmt.Sprintf("%d–%d", p.Min, p.Max) }

// get reads the parameter from r: its default when absent, else a whole
// number within the range, else an EINVALID error naming the parameter,
// the value and the range.
func (p intSpec) get(r *http.Request) (int, error) {
	v := r.URL.Query().Get(p.Name)
	if v == "" {
		return p.Def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, p.bad(v, "is not a whole number")
	}
	if n < p.Min || n > p.Max {
		return 0, p.bad(v, "is out of range")
	}
	return n, nil
}

func (p intSpec) bad(v, what string) error {
	return tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q %s: %s must be a whole number from %s", p.Name, clip(v), what, p.Name, p.rangeText())
}

// year reads a year parameter: a whole number, or a date (any form `when`
// takes) read as the year it starts in; def when absent.
func (p intSpec) year(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get(p.Name)
	if v == "" {
		return def, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil {
		w, _, perr := tokumu.ParseWhen(v)
		if perr != nil || w.IsZero() || w.Earliest <= tokumu.MinDay {
			return 0, tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q is not a year: %s must be a year from %s (or a date such as 1939-06-01)", p.Name, clip(v), p.Name, p.rangeText())
		}
		y, _, _ = w.Stated().Earliest.Date()
	}
	if y < p.Min || y > p.Max {
		return 0, p.bad(v, "is out of range")
	}
	return y, nil
}

// clip shortens a value quoted back in an error: a 100 KB parameter needs
// not come back whole.
func clip(v string) string {
	const n = 64
	if len(v) <= n {
		return v
	}
	i := n
	for i > 0 && !utf8Start(v[i]) {
		i--
	}
	return v[:i] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// dayRange reads the from and to date parameters and checks that from is
// not after to.
func dayRange(r *http.Request) (from, to tokumu.Day, err error) {
	if from, err = day(r, "from"); err != nil {
		return
	}
	if to, err = day(r, "to"); err != nil {
		return
	}
	if from != 0 && to != 0 && from > to {
		q := r.URL.Query()
		err = tokumu.Errorf(tokumu.EINVALID, "parameter from=%q is after to=%q: give from ≤ to", clip(q.Get("from")), clip(q.Get("to")))
	}
	return
}

// ParamsMarkdown is the table of Params as README's API section shows it.
func ParamsMarkdown() string {
	var b strings.Builder
	b.WriteString("| parameter | routes | default | range | |\n|---|---|---|---|---|\n")
	for _, p := range Params {
		def := strconv.Itoa(p.Def)
		if p.Def == 0 && p.Min > 0 {
			def = "the corpus's"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", p.Name, strings.ReplaceAll(p.Routes, ", ", "`, `"), def, p.rangeText(), p.Doc)
	}
	return b.String()
}
