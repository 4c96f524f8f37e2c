package web

import (
	"net/http"
	"strconv"

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
}

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
	p.Charts = view.Estimates(s.st(r).snap.Numbers)
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
