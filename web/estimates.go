package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
)

// estimatesPage charts every numeric claim by year, one chart per subject,
// figure and unit, one series per perspective (view.Estimates): what Tokyo
// (or another organ) believed beside the historiography's figure, and the
// ratio of the two where both exist for the same year.
type estimatesPage struct {
	base
	Charts []view.EstimateChart
	Data   []estChartData
	// Beliefs pairs estimates with counts within a date tolerance
	// (ledger.BuildBeliefs); the filters are its form.
	Beliefs                 *ledger.Beliefs
	By, Subject, Unit       string
	From, To                string
	Organs, Subjects, Units []string // the filters' choices
	pairs                   map[string]*ledger.Quantity
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
	When   string  `json:"when"` // in words, for the tooltip
	Source string  `json:"source"`
	Claim  string  `json:"claim"`
}

func (s *Server) handleEstimatesPage(w http.ResponseWriter, r *http.Request) {
	p := estimatesPage{base: s.base(r, "estimates", "Estimates and reality", "estimates"), Data: []estChartData{}}
	f, tol, err := beliefFilter(r)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	q := r.URL.Query()
	p.By, p.Subject, p.Unit, p.From, p.To = f.Perspective, f.Subject, f.Unit, q.Get("from"), q.Get("to")
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
		if !filtered || p.pairs[ch.ID] != nil {
			p.Charts = append(p.Charts, ch)
		}
	}
	slices.Sort(p.Organs)
	slices.Sort(p.Subjects)
	slices.Sort(p.Units)
	for _, ch := range p.Charts {
		d := estChartData{ID: ch.ID, Unit: ch.Unit, Series: []estSeriesData{}}
		for _, se := range ch.Series {
			sd := estSeriesData{Label: "actual (historiography)", Actual: se.Perspective == ""}
			if !sd.Actual {
				sd.Label = "estimate: " + p.Label(se.Perspective)
			}
			for _, c := range se.Claims {
				v, _ := view.Number(c.Value)
				sd.Points = append(sd.Points, estPoint{X: yearFrac(c.When.Earliest)/2 + yearFrac(c.When.Latest)/2, Y: v, When: p.Human(c.When), Source: c.Source, Claim: c.ID})
			}
			d.Series = append(d.Series, sd)
		}
		p.Data = append(p.Data, d)
	}
	s.render(w, r, http.StatusOK, "estimates", &p)
}

// Ratio formats an estimate/actual ratio: "×1.52".
func (estimatesPage) Ratio(f float64) string { return "×" + strconv.FormatFloat(f, 'f', 2, 64) }
