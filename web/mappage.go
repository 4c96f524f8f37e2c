package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
)

// mapPage shows the places that have coordinates, with the events that
// happened there and the organizations located there in a chosen year.
// The server lists what is active in the year; the script draws every
// place on a Natural Earth basemap and moves the year with a slider.
type mapPage struct {
	base
	Year   int
	Active []mapPlace
	Data   mapData
}

type mapPlace struct {
	ID     string
	Events []string
	Orgs   []string
}

type mapData struct {
	Year    int        `json:"year"`
	Min     int        `json:"min"`
	Max     int        `json:"max"`
	Basemap string     `json:"basemap"`
	Places  []mapPoint `json:"places"`
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

const mapDefaultYear = 1939

func (s *Server) handleMapPage(w http.ResponseWriter, r *http.Request) {
	sn := s.snap
	p := mapPage{base: s.base(r, "map", "Map of places", "map")}
	p.Year = yearParam(r.URL.Query().Get("year"), mapDefaultYear)
	p.Year = min(max(p.Year, timelineFrom), timelineTo)
	p.Data = mapData{Year: p.Year, Min: timelineFrom, Max: timelineTo, Basemap: p.Asset("geo/countries-110m.json"), Places: []mapPoint{}}
	at := map[string]*mapPoint{}
	for _, pl := range sn.places {
		mp := mapPoint{ID: pl.ID, Label: p.Label(pl.ID), Lat: pl.Lat, Lon: pl.Lon, Events: []mapItem{}, Orgs: []mapItem{}}
		for _, o := range pl.Orgs {
			mp.Orgs = append(mp.Orgs, mapItem{ID: o.ID, Label: p.Label(o.ID), Lo: yearOr(o.From, timelineFrom-100), Hi: yearOr(o.To, timelineTo+100)})
		}
		p.Data.Places = append(p.Data.Places, mp)
	}
	for i := range p.Data.Places {
		at[p.Data.Places[i].ID] = &p.Data.Places[i]
	}
	for _, ev := range sn.events {
		for _, pl := range ev.Places {
			if mp := at[pl]; mp != nil {
				mp.Events = append(mp.Events, mapItem{ID: ev.ID, Label: p.Label(ev.ID), Lo: yearOr(ev.When.Earliest, 0), Hi: yearOr(ev.When.Latest, 0)})
			}
		}
	}
	for _, mp := range p.Data.Places {
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
			p.Active = append(p.Active, a)
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
