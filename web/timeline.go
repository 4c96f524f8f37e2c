package web

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// timelinePage is every dated event and operation, filtered by period,
// type, organization, place and tag, in time order; the script draws the
// same events on a zoomable axis over sn.tlFrom–sn.tlTo. The years from
// and to (the chart's zoom) filter the list too: it names the events that
// possibly happened in them, and the script lists again as it zooms.
type timelinePage struct {
	base
	Period, Type, Org, Place, Tag string
	Tags                          []string
	InRange                       int // events of the filters in From–To
	From, To                      int // the zoom, in years
	Periods                       []string
	Orgs, Places                  []string
	// OrgsAsText and PlacesAsText are set when there are too many options
	// for a <select>: the filter is then a text field taking an id.
	OrgsAsText, PlacesAsText bool
	Years                    []timelineYear
	Shown, Total             int
	Data                     timelineData
}

type timelineYear struct {
	Year   int
	Events []*view.Event
}

// timelineData is what the script draws, inlined as JSON in the page.
type timelineData struct {
	From    int              `json:"from"`
	To      int              `json:"to"`
	Min     int              `json:"min"`
	Max     int              `json:"max"`
	Events  []timelineEvent  `json:"events"`
	Periods []timelinePeriod `json:"periods"`
}

type timelineEvent struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
	// Lo and Hi are the possible span (drawn faded); SLo and SHi the
	// certain span of an interval (drawn solid), both 0 when no day is
	// certain (a single date, or ends whose ranges overlap).
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
	SLo  float64 `json:"slo,omitempty"`
	SHi  float64 `json:"shi,omitempty"`
	When string  `json:"when"` // in words, in the page's language
	EDTF string  `json:"edtf"`
	// Year is the year the list files it under; Where its places.
	Year  int    `json:"year"`
	Where string `json:"where,omitempty"`
	// Disputed: sources date it otherwise (the date is the most
	// credible source's; the entity page shows the others).
	Disputed bool `json:"disputed,omitempty"`
	// FLo and FHi are where the list files it, when that is not Lo or
	// Hi: the end of an event whose start is unknown, the year an
	// approximate date states (view.Event.Span).
	FLo float64 `json:"flo,omitempty"`
	FHi float64 `json:"fhi,omitempty"`
}

type timelinePeriod struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
}

// How many events a page lists. The timeline's extent is the corpus's
// (settings.yaml, or the years of its events).
const (
	timelineMax = 400
	selectMax   = 300
)

func (s *Server) handleTimelinePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sn := s.st(r).snap
	p := timelinePage{base: s.base(r, "timeline", "timeline.title", "timeline"),
		Period: q.Get("period"), Type: q.Get("type"), Org: q.Get("org"), Place: q.Get("place"), Tag: q.Get("tag")}
	var err error
	if p.From, p.To, err = yearRange(r, sn.tlFrom, sn.tlTo); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.From > p.To {
		p.From, p.To = p.To, p.From
	}
	p.setView("from", strconv.Itoa(p.From), "to", strconv.Itoa(p.To), "period", p.Period, "type", p.Type, "org", p.Org, "place", p.Place, "tag", p.Tag)
	for _, per := range sn.Periods {
		p.Periods = append(p.Periods, per.ID)
	}
	p.Tags = p.byLabel("tag.", sn.eventTags())
	if p.Tag != "" && !slices.Contains(p.Tags, p.Tag) {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EINVALID, "tag %q is on no event or operation (tags: %s)", p.Tag, strings.Join(p.Tags, ", ")))
		return
	}
	// The list shows the events that possibly happened in From–To.
	lo, hi := tokumu.DayOf(p.From, 1, 1), tokumu.DayOf(p.To, 12, 31)
	var kept []*view.Event // the first timelineMax that pass the filters
	for i := range sn.Events {
		ev := &sn.Events[i]
		if (p.Type == "" || string(ev.Type) == p.Type) && has(ev.Periods, p.Period) && has(ev.Orgs, p.Org) && has(ev.Places, p.Place) &&
			(p.Tag == "" || sn.Entities[ev.ID] != nil && slices.Contains(sn.Entities[ev.ID].Tags, p.Tag)) {
			if p.Total++; len(kept) < timelineMax {
				kept = append(kept, ev)
			}
			if elo, ehi := ev.Span(); elo <= hi && ehi >= lo {
				p.InRange++
			}
		}
	}
	lc := sn.lang(p.Lang)
	p.Orgs, p.Places = lc.tlOrgs, lc.tlPlaces
	p.OrgsAsText, p.PlacesAsText = len(p.Orgs) > selectMax, len(p.Places) > selectMax
	p.Shown = len(kept)
	// To is the last year shown, whole: the chart's axis runs to its end.
	p.Data = timelineData{From: p.From, To: p.To + 1, Min: sn.tlFrom, Max: sn.tlTo + 1, Events: []timelineEvent{}}
	for _, ev := range kept {
		elo, ehi := ev.Span()
		y, _, _ := elo.Date()
		if elo <= hi && ehi >= lo {
			if n := len(p.Years); n == 0 || p.Years[n-1].Year != y {
				p.Years = append(p.Years, timelineYear{Year: y})
			}
			p.Years[len(p.Years)-1].Events = append(p.Years[len(p.Years)-1].Events, ev)
		}
		te := timelineEvent{ID: ev.ID, Label: p.Label(ev.ID), Type: string(ev.Type),
			Lo: yearFrac(ev.When.Earliest), Hi: yearFrac(ev.When.Latest) + 1.0/365, When: p.Human(ev.When), EDTF: ev.When.EDTF, Year: y,
			Disputed: ev.Disputed}
		if elo != ev.When.Earliest {
			te.FLo = yearFrac(elo)
		}
		if ehi != ev.When.Latest {
			te.FHi = yearFrac(ehi) + 1.0/365
		}
		for i, pl := range ev.Places {
			if i > 0 {
				te.Where += ", "
			}
			// The place as the event met it: Zabaykalsk (then Otpor).
			te.Where += p.Label(pl) + ThenText(p.pr(), p.sn.Entities[pl], p.Label(pl), ev.When.Earliest, p.Lang)
		}
		if w := ev.When; w.Interval && w.LatestStart <= w.EarliestEnd && w.LatestStart > tokumu.MinDay && w.EarliestEnd < tokumu.MaxDay {
			te.SLo, te.SHi = yearFrac(w.LatestStart), yearFrac(w.EarliestEnd)+1.0/365
		}
		p.Data.Events = append(p.Data.Events, te)
	}
	for _, per := range sn.Periods {
		if per.From > tokumu.MinDay && per.To < tokumu.MaxDay {
			p.Data.Periods = append(p.Data.Periods, timelinePeriod{ID: per.ID, Label: p.Label(per.ID), Lo: yearFrac(per.From), Hi: yearFrac(per.To)})
		}
	}
	s.render(w, r, http.StatusOK, "timeline", &p)
}

// eventTags returns the tags of the corpus's events and operations, in
// order: the timeline's tag filter.
func (sn *snapshot) eventTags() []string {
	sn.tagsOnce.Do(func() {
		for _, ev := range sn.Events {
			if e := sn.Entities[ev.ID]; e != nil {
				for _, t := range e.Tags {
					if !slices.Contains(sn.evTags, t) {
						sn.evTags = append(sn.evTags, t)
					}
				}
			}
		}
		sort.Strings(sn.evTags)
	})
	return sn.evTags
}

// has reports whether list holds v; an empty v (no filter) always matches.
func has(list []string, v string) bool {
	if v == "" {
		return true
	}
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// yearRange reads the from and to years (pTimelineFrom, pTimelineTo),
// with defaults for those absent.
func yearRange(r *http.Request, defFrom, defTo int) (from, to int, err error) {
	if from, err = pTimelineFrom.year(r, defFrom); err != nil {
		return
	}
	to, err = pTimelineTo.year(r, defTo)
	return
}

// sortedLabels returns the ids ordered by their label in the page's language.
func (b *base) sortedLabels(ids map[string]bool) []string {
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	slices.Sort(out) // a map's order is random: ties between equal labels go by id
	sortByKey(out, func(id string) string { return sortKey(b.Lang, b.Label(id)) })
	return out
}
