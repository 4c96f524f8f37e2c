package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tokumu/tokumu"

	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
)

// estimatesPage charts every numeric claim by year, one chart per subject,
// figure and unit, one series per perspective (view.Estimates): what Tokyo
// (or another organ) believed beside the historiography's figure, and the
// ratio of the two where both exist for the same year.
//
// The page is in two shapes, so that a phone never lays out every figure
// with its citation at once (3,300 elements; Lighthouse's mobile preset
// measured 0.7–1.2 s of blocking time): /estimates is the overview — the
// error by organ, every dated quantity's chart and the contents — and
// /estimates?q=<chart id> is one quantity in full: its chart, each figure
// with its source, and the estimate ÷ count pairs. The contents on both
// list every quantity, so every figure stays two links from the overview.
type estimatesPage struct {
	base
	// Contents lists every quantity the filters leave; Charts are the
	// ones drawn: the dated quantities on the overview, the one asked for
	// with q.
	Contents []view.EstimateChart
	Charts   []view.EstimateChart
	// One is the id of the quantity shown in full (q), or "" on the overview.
	One  string
	Data []estChartData
	// Beliefs pairs estimates with counts within a date tolerance
	// (ledger.BuildBeliefs); the filters are its form.
	Beliefs                 *ledger.Beliefs
	By, Subject, Unit       string
	From, To                string
	Organs, Subjects, Units []string // the filters' choices
	pairs                   map[string]*ledger.Quantity
	filterQ                 url.Values // the filters and language, kept by the links between the two shapes
}

// QURL links to quantity id's own page, keeping the filters and language;
// id "" links to the overview.
func (p *estimatesPage) QURL(id string) string {
	q := url.Values{}
	for k, v := range p.filterQ {
		q[k] = v
	}
	if id != "" {
		q.Set("q", id)
	}
	if len(q) == 0 {
		return "/estimates"
	}
	return "/estimates?" + q.Encode()
}

// Pairs returns the belief-against-reality pairs of chart id.
func (p *estimatesPage) Pairs(id string) *ledger.Quantity { return p.pairs[id] }

// estChartData is what the script draws.
type estChartData struct {
	ID     string          `json:"id"`
	Unit   string          `json:"unit"`
	Series []estSeriesData `json:"series"`
}

type estSeriesData struct {
	Label  string     `json:"label"`
	Actual bool       `json:"actual"`
	Points []estPoint `json:"points"`
}

type estPoint struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Bound  string  `json:"bound,omitempty"` // the figure's ≥, ≤, ~ …, for the tooltip
	When   string  `json:"when"`            // in words, for the tooltip
	Source string  `json:"source"`
	Claim  string  `json:"claim"`
	Grade  string  `json:"grade,omitempty"`
	// Weak marks a figure from a source graded D or worse, or judged
	// improbable or worse (credibility 4–6): drawn hollow, so that a
	// web page's round number does not look like a scholar's count.
	Weak bool `json:"weak,omitempty"`
}

func (s *Server) handleEstimatesPage(w http.ResponseWriter, r *http.Request) {
	p := estimatesPage{base: s.base(r, "estimates", "estimates.title", "estimates"), Data: []estChartData{}}
	f, tol, err := beliefFilter(r)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	q := r.URL.Query()
	p.By, p.Subject, p.Unit, p.From, p.To = f.Perspective, f.Subject, f.Unit, q.Get("from"), q.Get("to")
	p.One = q.Get("q")
	p.filterQ = url.Values{}
	for _, k := range []string{"by", "subject", "unit", "from", "to", "tolerance", "counts", "lang"} {
		if v := q.Get(k); v != "" {
			p.filterQ.Set(k, v)
		}
	}
	filtered := f != (ledger.Filter{})
	if an := s.st(r).snap.analyses(); !filtered && tol == ledger.DefaultTolerance {
		p.Beliefs = an.beliefs
	} else {
		p.Beliefs = ledger.BuildBeliefs(s.st(r).snap.Numbers, f, tol)
	}
	p.pairs = map[string]*ledger.Quantity{}
	for i := range p.Beliefs.Quantities {
		p.pairs[p.Beliefs.Quantities[i].ID] = &p.Beliefs.Quantities[i]
	}
	all := s.st(r).snap.analyses().charts
	for _, ch := range all {
		p.Subjects = appendNew(p.Subjects, ch.Subject)
		p.Units = appendNew(p.Units, ch.Unit)
		for _, se := range ch.Series {
			if se.Perspective != "" {
				p.Organs = appendNew(p.Organs, se.Perspective)
			}
		}
		switch {
		case p.One != "":
			// A quantity asked for by name is shown even when the filters
			// pair none of its figures: its pairs table is then empty.
			if ch.ID == p.One {
				p.Charts = append(p.Charts, ch)
			}
		case len(ch.Series) > 0 && (!filtered || p.pairs[ch.ID] != nil):
			p.Charts = append(p.Charts, ch)
		}
		if !filtered || p.pairs[ch.ID] != nil || ch.ID == p.One {
			p.Contents = append(p.Contents, ch)
		}
	}
	if p.One != "" && len(p.Charts) == 0 {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "parameter q=%q names no quantity; /estimates lists every one (ids look like est-<subject>-<figure>-<unit>)", clip(p.One)))
		return
	}
	if p.One != "" {
		// Its own title, so that each quantity's page is told apart in
		// tabs, history and search results.
		ch := p.Charts[0]
		t := p.Label(ch.Subject) + ": " + p.Pred(ch.Predicate)
		if ch.Unit != "" {
			t += ", " + p.UnitName(ch.Unit)
		}
		p.Title = t + " · " + p.Title
	}
	slices.Sort(p.Organs)
	slices.Sort(p.Subjects)
	slices.Sort(p.Units)
	for _, ch := range p.Charts {
		if len(ch.Series) == 0 {
			continue
		}
		d := estChartData{ID: ch.ID, Unit: p.UnitName(ch.Unit), Series: []estSeriesData{}}
		for _, se := range ch.Series {
			sd := estSeriesData{Label: p.T("estimates.series.actual"), Actual: se.Perspective == ""}
			if !sd.Actual {
				sd.Label = p.T("estimates.series.estimate", p.Label(se.Perspective))
			}
			for _, c := range se.Claims {
				v, bd, _ := tokumu.ReadQuantity(c.Value)
				g := c.Grade
				sd.Points = append(sd.Points, estPoint{X: yearFrac(c.When.Earliest)/2 + yearFrac(c.When.Latest)/2, Y: v, Bound: string(bd), When: p.Human(c.When), Source: c.Source, Claim: c.ID,
					Grade: g.String(), Weak: g.Reliability >= 'D' || g.Credibility >= 4})
			}
			d.Series = append(d.Series, sd)
		}
		p.Data = append(p.Data, d)
	}
	s.render(w, r, http.StatusOK, "estimates", &p)
}

// Ratio formats an estimate/actual ratio: "×1.52".
func (estimatesPage) Ratio(f float64) string { return "×" + strconv.FormatFloat(f, 'f', 2, 64) }
