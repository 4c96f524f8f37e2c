package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// estimatesPage charts every numeric claim by year, one chart per subject,
// figure and unit, one series per perspective: what Tokyo (or another
// organ) believed beside the historiography's figure, and the ratio of the
// two where both exist for the same year.
type estimatesPage struct {
	base
	Charts []estChart
	Data   []estChartData
}

type estChart struct {
	ID        string // anchor
	Subject   string
	Predicate string
	Unit      string
	Series    []estSeries
	Ratios    []estRatio
	Undated   []*tokumu.Claim
}

type estSeries struct {
	Perspective string // "" for the historiography's (actual) figures
	Claims      []*tokumu.Claim
}

// estRatio compares one estimate with one actual figure of the same year.
type estRatio struct {
	Year             int
	Estimate, Actual *tokumu.Claim
	Ratio            float64
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
	When   string  `json:"when"`
	Source string  `json:"source"`
	Claim  string  `json:"claim"`
}

func (s *Server) handleEstimatesPage(w http.ResponseWriter, r *http.Request) {
	p := estimatesPage{base: s.base(r, "estimates", "Estimates and reality", "estimates"), Data: []estChartData{}}
	type key struct{ subj, pred, unit string }
	charts := map[key]*estChart{}
	var keys []key
	for _, c := range s.snap.numbers {
		if _, ok := number(c.Value); !ok {
			continue
		}
		k := key{c.Subject, c.Predicate, c.Unit}
		ch := charts[k]
		if ch == nil {
			ch = &estChart{ID: "est-" + c.Subject + "-" + c.Predicate + "-" + strings.ReplaceAll(c.Unit, " ", "_"), Subject: c.Subject, Predicate: c.Predicate, Unit: c.Unit}
			charts[k] = ch
			keys = append(keys, k)
		}
		if c.When.IsZero() {
			ch.Undated = append(ch.Undated, c)
			continue
		}
		i := 0
		for i < len(ch.Series) && ch.Series[i].Perspective != c.Perspective {
			i++
		}
		if i == len(ch.Series) {
			ch.Series = append(ch.Series, estSeries{Perspective: c.Perspective})
		}
		ch.Series[i].Claims = append(ch.Series[i].Claims, c)
	}
	// Charts with estimates first (the point of the page), then by size.
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := charts[keys[i]], charts[keys[j]]
		if (len(a.Series) > 1) != (len(b.Series) > 1) {
			return len(a.Series) > 1
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Unit < b.Unit
	})
	for _, k := range keys {
		ch := charts[k]
		sort.SliceStable(ch.Series, func(i, j int) bool { return ch.Series[i].Perspective < ch.Series[j].Perspective })
		var actual []*tokumu.Claim
		for _, se := range ch.Series {
			tokumu.SortClaims(se.Claims)
			if se.Perspective == "" {
				actual = se.Claims
			}
		}
		d := estChartData{ID: ch.ID, Unit: ch.Unit, Series: []estSeriesData{}}
		for _, se := range ch.Series {
			sd := estSeriesData{Label: "actual (historiography)", Actual: se.Perspective == ""}
			if !sd.Actual {
				sd.Label = "estimate: " + p.Label(se.Perspective)
			}
			for _, c := range se.Claims {
				v, _ := number(c.Value)
				sd.Points = append(sd.Points, estPoint{X: yearFrac(c.When.Earliest)/2 + yearFrac(c.When.Latest)/2, Y: v, When: c.When.EDTF, Source: c.Source, Claim: c.ID})
				if sd.Actual {
					continue
				}
				ey, _, _ := c.When.Earliest.Date()
				for _, a := range actual {
					if ay, _, _ := a.When.Earliest.Date(); ay == ey {
						av, _ := number(a.Value)
						if av != 0 {
							ch.Ratios = append(ch.Ratios, estRatio{Year: ey, Estimate: c, Actual: a, Ratio: v / av})
						}
					}
				}
			}
			d.Series = append(d.Series, sd)
		}
		p.Charts = append(p.Charts, *ch)
		p.Data = append(p.Data, d)
	}
	s.render(w, r, http.StatusOK, "estimates", &p)
}

// number reads a numeric claim value: "42000", "42,000" or "1.5".
func number(v string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 64)
	return f, err == nil
}

// Ratio formats an estimate/actual ratio: "×1.52".
func (estimatesPage) Ratio(f float64) string { return "×" + strconv.FormatFloat(f, 'f', 2, 64) }
