package web

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// homePage is the front page: what the corpus is, and the thesis period
// by period with the evidence each claim rests on.
type homePage struct {
	base
	Stats   *tokumu.Stats
	Periods []homePeriod
}

// embeddedTitle is the embedded corpus's citation title, whose heading
// the catalogue translates (home.h1).
const embeddedTitle = "A Source-Grounded Knowledge Base of Japanese Military Intelligence against the USSR, 1922–1945"

// Heading is the home page's heading: another corpus's own title, as its
// settings give it; the embedded corpus's subject in the page's language.
func (p *homePage) Heading() string {
	if t := p.sn.Settings.Title; t != "" && t != embeddedTitle {
		return t
	}
	return p.T("home.h1")
}

type homePeriod struct {
	Entity   *tokumu.Entity
	From, To tokumu.Day
	Thesis   []thesisClaim
	Events   []string // key events: the evidence and the events the period includes
	Orgs     []string // key organizations: those the thesis cites as evidence
	More     int      // events left out of Events
	// OnTimeline is how many events the period's timeline lists: those
	// whose dates fall in it, not only those its thesis cites.
	OnTimeline int
}

// thesisClaim is a thesis claim with its evidence resolved: an id may name
// an entity or another claim.
type thesisClaim struct {
	*tokumu.Claim
	Supported, Complicated []evidence
}

type evidence struct {
	Entity string        // set when the id is an entity
	Claim  *tokumu.Claim // set when it is a claim
	ID     string
}

// keyEvents is how many events each period lists on the home page; the
// timeline has them all.
const keyEvents = 12

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	sn := s.st(r).snap
	p := homePage{base: s.base(r, "home", "home.title"), Stats: sn.Stats}
	for _, per := range sn.Periods {
		hp := homePeriod{Entity: sn.Entities[per.ID], From: per.From, To: per.To}
		events := map[string]bool{}
		for _, c := range per.Thesis {
			tc := thesisClaim{Claim: c, Supported: sn.resolve(c.SupportedBy), Complicated: sn.resolve(c.ComplicatedBy)}
			hp.Thesis = append(hp.Thesis, tc)
			for _, id := range append(append([]string(nil), c.SupportedBy...), c.ComplicatedBy...) {
				switch e := sn.Entities[id]; {
				case e == nil:
				case e.Type == tokumu.Event || e.Type == tokumu.Operation:
					events[id] = true
				case e.Type == tokumu.Organization || e.Type == tokumu.Unit:
					hp.Orgs = appendNew(hp.Orgs, id)
				}
			}
		}
		for _, id := range per.Includes {
			if e := sn.Entities[id]; e != nil && (e.Type == tokumu.Event || e.Type == tokumu.Operation) {
				events[id] = true
			}
		}
		// In time order, so the list reads as a chronology.
		for _, ev := range sn.Events {
			if slices.Contains(ev.Periods, per.ID) {
				hp.OnTimeline++
			}
			if events[ev.ID] {
				hp.Events = append(hp.Events, ev.ID)
				delete(events, ev.ID)
			}
		}
		rest := make([]string, 0, len(events))
		for id := range events {
			rest = append(rest, id)
		}
		sort.Strings(rest)
		hp.Events = append(hp.Events, rest...)
		if len(hp.Events) > keyEvents {
			hp.More = len(hp.Events) - keyEvents
			hp.Events = hp.Events[:keyEvents]
		}
		p.Periods = append(p.Periods, hp)
	}
	s.render(w, r, http.StatusOK, "home", &p)
}

func (sn *snapshot) resolve(ids []string) []evidence {
	var out []evidence
	for _, id := range ids {
		ev := evidence{ID: id}
		if sn.Entities[id] != nil {
			ev.Entity = id
		} else {
			ev.Claim = sn.Evidence[id]
		}
		out = append(out, ev)
	}
	return out
}

// handleNotFound answers any other path: in JSON under /api/, where
// clients expect it, and as an HTML page elsewhere.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.writeError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no endpoint %s (see /api/)", r.URL.Path))
		return
	}
	s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no page at %s", r.URL.Path))
}

// eMethod is the error code of a request whose method the address does
// not take (405).
const eMethod = "method_not_allowed"

// routeMethods are the methods the routes take (HEAD goes with GET).
var routeMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unrouted answers, and reports true, when no route takes the request:
// a write to an address that takes other methods (405, with Allow) or to
// no address at all (404) — in JSON under /api/ and /reconcile, as a page
// elsewhere. http.ServeMux would answer both in plain text, which an API
// client cannot read. GET and HEAD always find a route (the catch-all
// GET /), so reads pay nothing for this.
func (s *Server) unrouted(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return false
	}
	if _, pattern := s.mux.Handler(r); pattern != "" {
		return false
	}
	var allow []string
	for _, m := range routeMethods {
		other := r.Clone(r.Context())
		other.Method = m
		if _, pattern := s.mux.Handler(other); pattern != "" && pattern != "GET /" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	err := tokumu.Errorf(tokumu.ENOTFOUND, "no address %s takes %s", clip(r.URL.Path), clip(r.Method))
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		err = tokumu.Errorf(eMethod, "%s takes %s, not %s", clip(r.URL.Path), strings.Join(allow, ", "), clip(r.Method))
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/reconcile") {
		s.writeError(w, r, err)
	} else {
		s.htmlError(w, r, err)
	}
	return true
}
