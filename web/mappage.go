package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"

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
	ID                   string
	Former               string // its period name in Year, if any
	Events               []mapItem
	Orgs                 []mapItem
	MoreEvents, MoreOrgs int // active in the year but not named
	EventsN, OrgsN       int // active in the year
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
	Events []mapItem `json:"events"` // by time; none if unnamed (see mapNamed)
	Orgs   []mapItem `json:"orgs"`
	// EvN and OrgN count the events and organizations of each year from
	// the timeline's first to last year, all of them: the markers follow the
	// counts, and the lists name the items of places that have few.
	EvN  []int `json:"evn"`
	OrgN []int `json:"orgn"`
	// EvC and OrgC count, of those, the ones certainly there that year;
	// a marker whose items were all only possibly there is drawn so.
	EvC  []int `json:"evc"`
	OrgC []int `json:"orgc"`
	// Former are the place's period names in the page's language (Hsinking
	// for Changchun, Kuibyshev for Samara), shown beside the modern one
	// in the years each was used (Lo > Hi: undated, shown always).
	Former []mapName `json:"former,omitempty"`
	total  int
}

// mapName is a period name of a place and the years it was used.
type mapName struct {
	Text string `json:"text"`
	Lo   int    `json:"lo"`
	Hi   int    `json:"hi"`
}

// mapNamed bounds the events and organizations the map names, over all
// places: the places with fewest are named first, and the busy hubs of a
// large corpus are counted instead (their pages list them). The embedded
// corpus names everything.
const mapNamed = 1500

// finish counts the items by year and cuts the lists to mapItems.
func (mp *mapPoint) finish(from, to int) {
	n := to - from + 1
	mp.EvN, mp.OrgN, mp.EvC, mp.OrgC = make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	// Each item once a year, however many claims place it there (two
	// located_in), certain if one of them is.
	count := func(items []mapItem, into, certain []int) {
		seen := map[string][]int8{} // item → per year: 1 counted, 2 counted certain
		for _, it := range items {
			ys := seen[it.ID]
			if ys == nil {
				ys = make([]int8, n)
				seen[it.ID] = ys
			}
			for y := max(it.Lo, from); y <= min(it.Hi, to); y++ {
				c := it.CLo <= y && y <= it.CHi
				switch {
				case ys[y-from] == 0:
					into[y-from]++
					ys[y-from] = 1
					if c {
						certain[y-from]++
						ys[y-from] = 2
					}
				case ys[y-from] == 1 && c:
					certain[y-from]++
					ys[y-from] = 2
				}
			}
		}
	}
	count(mp.Events, mp.EvN, mp.EvC)
	count(mp.Orgs, mp.OrgN, mp.OrgC)
	mp.total = len(mp.Events) + len(mp.Orgs)
	sort.SliceStable(mp.Events, func(i, j int) bool { return mp.Events[i].Lo < mp.Events[j].Lo })
}

// unname leaves a place's items counted but not named: its page lists them.
func (mp *mapPoint) unname() { mp.Events, mp.Orgs = []mapItem{}, []mapItem{} }

// mapItem is something at a place over years [Lo, Hi] (inclusive),
// certainly there in [CLo, CHi] (CLo > CHi: in no year certainly); By
// names the claims that bound its possible years (a founding, a
// dissolution) where they, not its own claim, give them.
type mapItem struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Lo    int    `json:"lo"`
	Hi    int    `json:"hi"`
	CLo   int    `json:"clo"`
	CHi   int    `json:"chi"`
	By    string `json:"by,omitempty"`
}

const (
	mapListMax = 100
)

func (s *Server) handleMapPage(w http.ResponseWriter, r *http.Request) {
	p := mapPage{base: s.base(r, "map", "map.title", "map")}
	sn := s.st(r).snap
	var err error
	if p.Year, err = pMapYear.year(r, sn.mapYear); err != nil {
		s.htmlError(w, r, err)
		return
	}
	p.Year = min(max(p.Year, sn.tlFrom), sn.tlTo)
	p.setView("year", strconv.Itoa(p.Year))
	lc := sn.lang(p.Lang)
	p.Total, p.Shown = lc.mapTotal, len(lc.mapPoints)
	p.Data = mapData{Year: p.Year, Min: sn.tlFrom, Max: sn.tlTo, Basemap: p.Asset("geo/countries-110m.json"), Places: lc.mapJSON}
	for _, mp := range lc.mapPoints {
		a := mapPlace{ID: mp.ID}
		for _, f := range mp.Former {
			// An undated period name is not shown: in no year can the map
			// say it was the name (the place's page lists it).
			if f.Lo <= f.Hi && f.Lo <= p.Year && p.Year <= f.Hi {
				a.Former = f.Text
				break
			}
		}
		// One line an item: an organization two claims place there (two
		// located_in) was listed twice.
		a.Events = inYear(mp.Events, p.Year)
		a.Orgs = inYear(mp.Orgs, p.Year)
		a.EventsN, a.OrgsN = mp.EvN[p.Year-sn.tlFrom], mp.OrgN[p.Year-sn.tlFrom]
		a.MoreEvents, a.MoreOrgs = a.EventsN-len(a.Events), a.OrgsN-len(a.Orgs)
		if a.EventsN+a.OrgsN > 0 {
			p.ActiveTotal++
			if len(p.Active) < mapListMax {
				p.Active = append(p.Active, a)
			}
		}
	}
	s.render(w, r, http.StatusOK, "map", &p)
}

// mapItemCtx is a map item with the page, for the "mapitem" template.
type mapItemCtx struct {
	I    mapItem
	B    *base
	Year int
}

// MI wraps a map item for the "mapitem" template.
func (p *mapPage) MI(it mapItem) mapItemCtx { return mapItemCtx{it, &p.base, p.Year} }

// Certain reports whether it was certainly there in year y.
func (it mapItem) Certain(y int) bool { return it.CLo <= y && y <= it.CHi }

// certainYears returns the years of [from, to] (days; from > to when
// none is certain), open ends as the years lo and hi.
func certainYears(from, to tokumu.Day, lo, hi int) (int, int) {
	if from > to {
		return 1, 0
	}
	return yearOr(from, lo), yearOr(to, hi)
}

// yearOr returns the year of d, or def for an open bound.
func yearOr(d tokumu.Day, def int) int {
	if d <= tokumu.MinDay || d >= tokumu.MaxDay {
		return def
	}
	y, _, _ := d.Date()
	return y
}

// inYear returns the items there in year y, each once: of two claims of
// one item that year, a certain one is kept before a possible one.
func inYear(items []mapItem, y int) []mapItem {
	var out []mapItem
	at := map[string]int{}
	for _, it := range items {
		if it.Lo > y || y > it.Hi {
			continue
		}
		if i, ok := at[it.ID]; ok {
			if !out[i].Certain(y) && it.Certain(y) {
				out[i] = it
			}
			continue
		}
		at[it.ID] = len(out)
		out = append(out, it)
	}
	return out
}
