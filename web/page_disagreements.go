package web

import (
	"context"
	"net/http"
	"runtime/debug"
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
	once sync.Once
	// all is every disagreement in subject order, as /api/disagreements
	// pages it; certainFirst is the page's order (certain first, then
	// possible) and bySubject lists each disagreement under every entity
	// it involves, both as indexes into all. They were copies of the
	// disagreements (a JSON form, one per entity involved) until those
	// were 70 % of the server's heap at 100k claims and 3.3 of its 4.1 GB
	// at 1M; an index is 4 bytes.
	all          disList
	certainFirst []int32
	bySubject    map[string][]int32
	possible     int // how many of all only possibly disagree
	audit        *audit.Report
	err          error
}

// disList holds disagreements compactly: at 1M claims there are millions
// (5M in the synthetic corpus, mostly two holders of one office), and a
// view.Disagreement is 112 bytes with its claim list; a disItem is 28,
// its strings interned and its claims in one shared slice. A page
// unpacks the few it shows (at).
type disList struct {
	strs   []string
	items  []disItem
	claims []*tokumu.Claim
}

type disItem struct {
	subj, pred, obj, reason int32 // in strs
	from, n                 int32 // claims[from:from+n]
	possible                bool
}

// newDisList packs ds; a claim canon knows (by id) is kept as canon's.
func newDisList(ds []view.Disagreement, canon func(id string) *tokumu.Claim) disList {
	var l disList
	ids := map[string]int32{}
	str := func(s string) int32 {
		if i, ok := ids[s]; ok {
			return i
		}
		ids[s] = int32(len(l.strs))
		l.strs = append(l.strs, s)
		return int32(len(l.strs) - 1)
	}
	l.items = make([]disItem, len(ds))
	for i, x := range ds {
		l.items[i] = disItem{subj: str(x.Subject), pred: str(x.Predicate), obj: str(x.Object), reason: str(x.Reason),
			from: int32(len(l.claims)), n: int32(len(x.Claims)), possible: x.Possible}
		for _, c := range x.Claims {
			if k := canon(c.ID); k != nil {
				c = k
			}
			l.claims = append(l.claims, c)
		}
	}
	return l
}

func (l *disList) len() int { return len(l.items) }

// at unpacks the i-th disagreement.
func (l *disList) at(i int32) view.Disagreement {
	it := l.items[i]
	return view.Disagreement{Subject: l.strs[it.subj], Predicate: l.strs[it.pred], Object: l.strs[it.obj],
		Reason: l.strs[it.reason], Possible: it.possible, Claims: l.claims[it.from : it.from+it.n : it.from+it.n]}
}

// releaseMemory returns to the system the memory a read of every claim
// left behind (GBs at 1M claims: the analyses and the disagreements each
// read all of them and keep a fraction). The Go runtime gives freed
// memory back at its own pace, minutes for GBs, so without this the
// server's RSS stayed at the build's peak long after it (BENCHMARKS.md,
// "Memory"). A forced GC costs a few hundred milliseconds of one core
// once per state, in the background goroutine that built them.
func releaseMemory() { debug.FreeOSMemory() }

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
		all := view.AllDisagreements(claims, st.vocab)
		// Each disagreement is listed under every entity it involves:
		// its subject, and the subjects and objects of its claims (two
		// holders of an office show on the office's page and on each
		// holder's).
		d.bySubject = map[string][]int32{}
		d.certainFirst = make([]int32, 0, len(all))
		for i, x := range all {
			seen := map[string]bool{}
			for _, id := range append([]string{x.Subject, x.Object}, claimEnds(x.Claims)...) {
				if id != "" && !seen[id] {
					seen[id] = true
					d.bySubject[id] = append(d.bySubject[id], int32(i))
				}
			}
			if !x.Possible {
				d.certainFirst = append(d.certainFirst, int32(i))
			}
		}
		for i, x := range all {
			if x.Possible {
				d.certainFirst = append(d.certainFirst, int32(i))
				d.possible++
			}
		}
		// The disagreements' claims are this read's copies; where the
		// analyses' evidence holds the same claim (the holders of an
		// office: most of the 5M disagreements at 1M claims), the list
		// keeps its copy, and this read's go.
		d.all = newDisList(all, st.snap.analyses().evidence.Claim)
		all = nil
		srcs := make([]*tokumu.Source, 0, len(st.snap.SourceList))
		srcs = append(srcs, st.snap.SourceList...)
		d.audit = audit.Run(claims, st.vocab, srcs)
		claims = nil
		releaseMemory()
	})
	if d.err != nil {
		return nil, d.err
	}
	return d, nil
}

// jsonPage is a page of the disagreements at the indexes ix (nil: all of
// them, in subject order), in their JSON form.
func (d *derived) jsonPage(ix []int32, offset, limit int) page[view.DisagreementJSON] {
	var p page[int32]
	if ix == nil {
		n := d.all.len()
		p = page[int32]{Total: &n, Offset: offset, Limit: limit, More: offset+limit < n}
		for i := offset; i < min(n, offset+limit); i++ {
			p.Items = append(p.Items, int32(i))
		}
	} else {
		p = pageOf(ix, offset, limit)
	}
	items := make([]view.Disagreement, len(p.Items))
	for i, k := range p.Items {
		items[i] = d.all.at(k)
	}
	return page[view.DisagreementJSON]{Total: p.Total, Offset: p.Offset, Limit: p.Limit, More: p.More, Items: view.DisagreementsJSON(items)}
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
	p.Possible, p.Certain = d.possible, d.all.len()-d.possible
	lo, hi := p.Pager.window(d.all.len())
	for _, k := range d.certainFirst[lo:hi] {
		p.List = append(p.List, d.all.at(k))
	}
	s.render(w, r, http.StatusOK, "disagreements", &p)
}
