package web

import (
	"encoding/json"
	"net/http"

	"github.com/tokumu/tokumu"
)

// mapPage shows the places that have coordinates, with the events that
// happened there and the organizations located there in a chosen year.
// The server lists what is active in the year; the script draws every
// place on a Natural Earth basemap and moves the year with a slider.
type mapPage struct {
	base
	Year         int
	Active       []mapPlace
	Shown, Total int // places sent to the script, of those with coordinates
	ActiveTotal  int // places active in Year; Active holds the first mapListMax
	Data         mapData
}

type mapPlace struct {
	ID     string
	Events []string
	Orgs   []string
}

type mapData struct {
	Year    int             `json:"year"`
	Min     int             `json:"min"`
	Max     int             `json:"max"`
	Basemap string          `json:"basemap"`
	Places  json.RawMessage `json:"places"` // pre-encoded []mapPoint; see langCache
}

type mapPoint struct {
	ID     string    `json:"id"`
	Label  string    `json:"label"`
	Lat    float64   `json:"lat"`
	Lon    float64   `json:"lon"`
	Events []mapItem `json:"events"`
	Orgs   []mapItem `json:"orgs"`
}

// mapItem is something at a place over years [Lo, Hi] (inclusive).
type mapItem struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Lo    int    `json:"lo"`
	Hi    int    `json:"hi"`
}

const (
	mapDefaultYear = 1939
	mapListMax     = 300
)

func (s *Server) handleMapPage(w http.ResponseWriter, r *http.Request) {
	p := mapPage{base: s.base(r, "map", "Map of places", "map")}
	p.Year = yearParam(r.URL.Query().Get("year"), mapDefaultYear)
	p.Year = min(max(p.Year, timelineFrom), timelineTo)
	lc := s.snap.lang(p.Lang)
	p.Total, p.Shown = lc.mapTotal, len(lc.mapPoints)
	p.Data = mapData{Year: p.Year, Min: timelineFrom, Max: timelineTo, Basemap: p.Asset("geo/countries-110m.json"), Places: lc.mapJSON}
	for _, mp := range lc.mapPoints {
		a := mapPlace{ID: mp.ID}
		for _, e := range mp.Events {
			if e.Lo <= p.Year && p.Year <= e.Hi {
				a.Events = append(a.Events, e.ID)
			}
		}
		for _, o := range mp.Orgs {
			if o.Lo <= p.Year && p.Year <= o.Hi {
				a.Orgs = append(a.Orgs, o.ID)
			}
		}
		if len(a.Events)+len(a.Orgs) > 0 {
			p.ActiveTotal++
			if len(p.Active) < mapListMax {
				p.Active = append(p.Active, a)
			}
		}
	}
	s.render(w, r, http.StatusOK, "map", p)
}

// yearOr returns the year of d, or def for an open bound.
func yearOr(d tokumu.Day, def int) int {
	if d <= tokumu.MinDay || d >= tokumu.MaxDay {
		return def
	}
	y, _, _ := d.Date()
	return y
}
