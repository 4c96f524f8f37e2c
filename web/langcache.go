package web

import (
	"encoding/json"
	"sort"
	"sync"
)

// langCache holds what pages derive from the snapshot in one language and
// would otherwise recompute on every request: the timeline's filter
// options and the map's places, already encoded as the JSON the map's
// script reads. It is built on first use, once per language.
type langCache struct {
	once sync.Once

	tlOrgs, tlPlaces []string // timeline filter options, by label
	mapPoints        []mapPoint
	mapJSON          json.RawMessage
	mapTotal         int // places with coordinates, before the cut to mapMax
}

// mapMax bounds the places sent to the map: past a few thousand markers a
// map is unreadable and its page heavy. The busiest places are kept.
const mapMax = 500

func (sn *snapshot) lang(lang string) *langCache {
	c := sn.byLang[lang]
	if c == nil {
		c = sn.byLang["en"]
	}
	c.once.Do(func() { sn.buildLang(c, lang) })
	return c
}

func (sn *snapshot) buildLang(c *langCache, lang string) {
	b := base{Lang: lang, sn: sn}
	orgs, places := map[string]bool{}, map[string]bool{}
	for _, ev := range sn.Events {
		for _, o := range ev.Orgs {
			orgs[o] = true
		}
		for _, p := range ev.Places {
			places[p] = true
		}
	}
	c.tlOrgs, c.tlPlaces = b.sortedLabels(orgs), b.sortedLabels(places)

	at := map[string]int{}
	points := make([]mapPoint, 0, len(sn.Places))
	for _, pl := range sn.Places {
		mp := mapPoint{ID: pl.ID, Label: b.Label(pl.ID), Lat: pl.Lat, Lon: pl.Lon, Events: []mapItem{}, Orgs: []mapItem{}}
		for _, o := range pl.Orgs {
			mp.Orgs = append(mp.Orgs, mapItem{ID: o.ID, Label: b.Label(o.ID), Lo: yearOr(o.From, sn.tlFrom-100), Hi: yearOr(o.To, sn.tlTo+100)})
		}
		at[pl.ID] = len(points)
		points = append(points, mp)
	}
	for _, ev := range sn.Events {
		for _, pl := range ev.Places {
			if i, ok := at[pl]; ok {
				lo := yearOr(ev.When.Earliest, sn.tlFrom-100)
				points[i].Events = append(points[i].Events, mapItem{ID: ev.ID, Label: b.Label(ev.ID), Lo: lo, Hi: yearOr(ev.When.Latest, lo)})
			}
		}
	}
	for i := range points {
		points[i].finish(sn.tlFrom, sn.tlTo)
	}
	c.mapTotal = len(points)
	if len(points) > mapMax {
		sort.SliceStable(points, func(i, j int) bool {
			return points[i].total > points[j].total
		})
		points = points[:mapMax]
	}
	byTotal := make([]int, len(points))
	for i := range byTotal {
		byTotal[i] = i
	}
	sort.SliceStable(byTotal, func(i, j int) bool { return points[byTotal[i]].total < points[byTotal[j]].total })
	named := 0
	for _, i := range byTotal {
		if named+points[i].total > mapNamed {
			points[i].unname()
			continue
		}
		named += points[i].total
	}
	sort.Slice(points, func(i, j int) bool { return points[i].ID < points[j].ID })
	c.mapPoints = points
	// encoding/json escapes <, > and & in strings, and html/template
	// escapes the page's JSON again when it writes it into <script>.
	js, err := json.Marshal(points)
	if err != nil {
		js = []byte("[]")
	}
	c.mapJSON = js
}
