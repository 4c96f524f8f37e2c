package web

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
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
		lo, hi := sn.tlFrom-100, sn.tlTo+100
		if e := sn.Entities[pl.ID]; e != nil {
			for _, n := range e.Names {
				if n.Kind != tokumu.Former || n.Lang != lang || n.Text == mp.Label {
					continue
				}
				f := mapName{Text: n.Text, Lo: 1, Hi: 0}
				if !n.When.IsZero() {
					f.Lo, f.Hi = yearOr(n.When.Earliest, lo), yearOr(n.When.Latest, hi)
				}
				mp.Former = append(mp.Former, f)
			}
		}
		for _, o := range pl.Orgs {
			it := mapItem{ID: o.ID, Label: b.Label(o.ID), Lo: yearOr(o.From, lo), Hi: yearOr(o.To, hi)}
			it.CLo, it.CHi = certainYears(o.CertainFrom, o.CertainTo, lo, hi)
			var by []string
			if o.FromBy != nil {
				by = append(by, b.T("bound.from", b.Day(o.From), b.boundWhy("founding"), b.claimText(o.FromBy)))
			}
			if o.ToBy != nil {
				by = append(by, b.T("bound.until", b.Day(o.To), b.boundWhy("dissolution"), b.claimText(o.ToBy)))
			}
			it.By = strings.Join(by, "; ")
			mp.Orgs = append(mp.Orgs, it)
		}
		at[pl.ID] = len(points)
		points = append(points, mp)
	}
	for _, ev := range sn.Events {
		for _, pl := range ev.Places {
			if i, ok := at[pl]; ok {
				// Filed by its span (view.Event.Span): an event whose start
				// is unknown stands at its end, as on the timeline, not in
				// every year before (the 1939 deception marked in 1919).
				elo, ehi := ev.Span()
				lo := yearOr(elo, sn.tlFrom-100)
				it := mapItem{ID: ev.ID, Label: b.Label(ev.ID), Lo: lo, Hi: yearOr(ehi, lo), CLo: 1}
				if w := ev.When; w.Interval && w.LatestStart <= w.EarliestEnd {
					it.CLo, it.CHi = certainYears(w.LatestStart, w.EarliestEnd, lo, it.Hi)
				} else if !w.IsZero() && it.Lo == it.Hi {
					it.CLo, it.CHi = it.Lo, it.Hi
				}
				points[i].Events = append(points[i].Events, it)
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
	// The list under the map runs in the alphabet of the page's language
	// (sortKey), not of the ids: «Анкара, Благовещенск, Владивосток».
	sort.Slice(points, func(i, j int) bool {
		ki, kj := sortKey(lang, points[i].Label), sortKey(lang, points[j].Label)
		if ki != kj {
			return ki < kj
		}
		return points[i].ID < points[j].ID
	})
	c.mapPoints = points
	// encoding/json escapes <, > and & in strings, and html/template
	// escapes the page's JSON again when it writes it into <script>.
	js, err := json.Marshal(points)
	if err != nil {
		js = []byte("[]")
	}
	c.mapJSON = js
}
