package web

import (
	"context"
	"net/http"
	"sort"
	"sync"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/view"
)

// derived holds the corpus-wide analyses of one state — every
// disagreement, the consistency audit — computed on first use, since each
// reads every claim of the store (seconds at a million claims) and the
// state never changes.
type derived struct {
	once          sync.Once
	disagreements []view.Disagreement // certain first, then possible
	// asJSON is every disagreement in subject order, as /api/disagreements
	// pages it; bySubject lists each under every entity it involves.
	asJSON    []view.DisagreementJSON
	bySubject map[string][]view.DisagreementJSON
	audit     *audit.Report
	err       error
}

// derivedCache keeps the analyses of the last few states (a Swap makes a
// new one; tests run several servers): bounded, and an old state's
// analyses go with it.
var derivedCache struct {
	sync.Mutex
	keys []*state
	vals []*derived
}

const derivedKept = 4

// derivedOf returns st's analyses, computing them once.
func derivedOf(ctx context.Context, st *state) (*derived, error) {
	derivedCache.Lock()
	var d *derived
	for i, k := range derivedCache.keys {
		if k == st {
			d = derivedCache.vals[i]
		}
	}
	if d == nil {
		d = &derived{}
		derivedCache.keys = append(derivedCache.keys, st)
		derivedCache.vals = append(derivedCache.vals, d)
		if n := len(derivedCache.keys); n > derivedKept {
			derivedCache.keys = derivedCache.keys[n-derivedKept:]
			derivedCache.vals = derivedCache.vals[n-derivedKept:]
		}
	}
	derivedCache.Unlock()
	d.once.Do(func() {
		// Not the request's context: a cancelled first request must not
		// leave the error cached for every later one.
		ctx := context.WithoutCancel(ctx)
		var claims []*tokumu.Claim
		if claims, d.err = st.store.Claims(ctx, tokumu.ClaimFilter{}); d.err != nil {
			return
		}
		d.disagreements = view.AllDisagreements(claims, st.vocab)
		d.asJSON = view.DisagreementsJSON(d.disagreements)
		// Each disagreement is listed under every entity it involves:
		// its subject, and the subjects and objects of its claims (two
		// holders of an office show on the office's page and on each
		// holder's).
		d.bySubject = map[string][]view.DisagreementJSON{}
		for _, x := range d.asJSON {
			seen := map[string]bool{}
			for _, id := range append([]string{x.Subject, x.Object}, claimEnds(x.Claims)...) {
				if id != "" && !seen[id] {
					seen[id] = true
					d.bySubject[id] = append(d.bySubject[id], x)
				}
			}
		}
		sort.SliceStable(d.disagreements, func(i, j int) bool {
			return !d.disagreements[i].Possible && d.disagreements[j].Possible
		})
		srcs := make([]*tokumu.Source, 0, len(st.snap.SourceList))
		srcs = append(srcs, st.snap.SourceList...)
		d.audit = audit.Run(claims, st.vocab, srcs)
	})
	if d.err != nil {
		return nil, d.err
	}
	return d, nil
}

// pager is a page's window on a long list: limit and offset from the
// query, with the total, for the links to the previous and next pages.
type pager struct {
	Limit, Offset, Total int
	Path                 string // the page's path and "?" (and the language), for the links
}

func (s *Server) pager(r *http.Request, path string) (pager, error) {
	p := pager{Path: path + "?"}
	if l := langOf(r); l != "en" {
		p.Path += "lang=" + l + "&"
	}
	var err error
	if p.Limit, err = pListLimit.get(r); err != nil {
		return p, err
	}
	if p.Limit == 0 {
		p.Limit = 50
	}
	p.Offset, err = pListOffset.get(r)
	return p, err
}

// window returns the bounds of the page in a list of n.
func (p *pager) window(n int) (lo, hi int) {
	p.Total = n
	lo = min(p.Offset, n)
	return lo, min(lo+p.Limit, n)
}

// Prev and Next are the offsets of the neighbouring pages, -1 if none.
func (p pager) Prev() int {
	if p.Offset == 0 {
		return -1
	}
	return max(0, p.Offset-p.Limit)
}

func (p pager) Next() int {
	if p.Offset+p.Limit >= p.Total {
		return -1
	}
	return p.Offset + p.Limit
}

// Last is the number of the last item shown (1-based).
func (p pager) Last() int { return min(p.Offset+p.Limit, p.Total) }

// disagreementsPage lists every disagreement of the corpus: two sources
// on one fact, two holders of one office at once.
type disagreementsPage struct {
	base
	Pager    pager
	Certain  int
	Possible int
	List     []view.Disagreement
}

func (s *Server) handleDisagreementsPage(w http.ResponseWriter, r *http.Request) {
	p := disagreementsPage{base: s.base(r, "disagreements", "dis.h")}
	var err error
	if p.Pager, err = s.pager(r, "/disagreements"); err != nil {
		s.htmlError(w, r, err)
		return
	}
	d, err := derivedOf(r.Context(), s.st(r))
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	for _, x := range d.disagreements {
		if x.Possible {
			p.Possible++
		} else {
			p.Certain++
		}
	}
	lo, hi := p.Pager.window(len(d.disagreements))
	p.List = d.disagreements[lo:hi]
	s.render(w, r, http.StatusOK, "disagreements", &p)
}
