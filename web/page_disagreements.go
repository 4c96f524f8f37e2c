package web

import (
	"context"
	"net/http"
	"runtime/debug"
	"slices"
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
	// pages it. The page's order (certain first, then possible) and the
	// disagreements of one entity are found in it when asked
	// (certainFirst, involving): as lists of indexes they were 0.13 GB at
	// 1M claims, and as copies of the disagreements (a JSON form, one
	// per entity involved) 3.3 of the server's 4.1 GB.
	all      *disAll
	possible int // how many of all only possibly disagree
	audit    *audit.Report
	err      error
}

// disList holds disagreements compactly: at 1M claims there are millions
// (5M in the synthetic corpus, mostly two holders of one office), and a
// view.Disagreement is 112 bytes with its claim list. Here one is 16:
// the index of its head (subject, predicate, object, reason and whether
// it is only possible: few distinct ones, since the holder conflicts of
// an office share theirs) and of its first claim in refs; its claims run
// to the next one's first. Each claim is held once, and is the
// evidence's copy where it has one. A page unpacks the few it shows (at).
type disList struct {
	strs   []string
	heads  []disHead
	claims []*tokumu.Claim
	ends   [][2]int32 // each claim's subject and object, in strs
	items  []disItem
	refs   []int32 // into claims
}

type disHead struct {
	subj, pred, obj, reason int32 // in strs
	possible                bool
}

type disItem struct {
	head, from int32
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
	heads := map[disHead]int32{}
	claims := map[string]int32{}
	l.items = make([]disItem, len(ds))
	for i, x := range ds {
		h := disHead{subj: str(x.Subject), pred: str(x.Predicate), obj: str(x.Object), reason: str(x.Reason), possible: x.Possible}
		k, ok := heads[h]
		if !ok {
			k = int32(len(l.heads))
			heads[h] = k
			l.heads = append(l.heads, h)
		}
		l.items[i] = disItem{head: k, from: int32(len(l.refs))}
		for _, c := range x.Claims {
			j, ok := claims[c.ID]
			if !ok {
				if k := canon(c.ID); k != nil {
					c = k
				}
				j = int32(len(l.claims))
				claims[c.ID] = j
				l.claims = append(l.claims, c)
				l.ends = append(l.ends, [2]int32{str(c.Subject), str(c.Object)})
			}
			l.refs = append(l.refs, j)
		}
	}
	l.refs = slices.Clip(l.refs)
	// The claims canon does not hold, and the strings, come from a read
	// of every claim that is dropped once the list is made: copied into
	// blocks, they keep no page of that read in use (view.CompactClaims).
	var own []*tokumu.Claim
	var at []int
	for i, c := range l.claims {
		if canon(c.ID) != c {
			own, at = append(own, c), append(at, i)
		}
	}
	for k, c := range view.CompactClaims(own) {
		l.claims[at[k]] = c
	}
	view.CompactStrings(l.strs)
	return l
}

func (l *disList) len() int { return len(l.items) }

// at unpacks the i-th disagreement.
func (l *disList) at(i int32) view.Disagreement {
	it, h := l.items[i], l.heads[l.items[i].head]
	to := int32(len(l.refs))
	if int(i)+1 < len(l.items) {
		to = l.items[i+1].from
	}
	cs := make([]*tokumu.Claim, 0, to-it.from)
	for _, j := range l.refs[it.from:to] {
		cs = append(cs, l.claims[j])
	}
	return view.Disagreement{Subject: l.strs[h.subj], Predicate: l.strs[h.pred], Object: l.strs[h.obj],
		Reason: l.strs[h.reason], Possible: h.possible, Claims: cs}
}

func (l *disList) possible(i int) bool { return l.heads[l.items[i].head].possible }

// involving lists, in subject order, the disagreements that involve
// entity id: as their subject or object, or as the subject or object of
// one of their claims (two holders of an office show on the office's
// page and on each holder's). It walks the list, having marked the heads
// and claims that name id: at 1M claims a walk of the 5M disagreements
// takes tens of ms where a list of them under each entity held 0.13 GB.
func (l *disList) involving(id string) []int32 {
	out := []int32{}
	k := int32(slices.Index(l.strs, id))
	if k < 0 {
		return out
	}
	headHit := make([]bool, len(l.heads))
	claimHit := make([]bool, len(l.claims))
	some := false
	for i, h := range l.heads {
		headHit[i] = h.subj == k || h.obj == k
		some = some || headHit[i]
	}
	for j, e := range l.ends {
		claimHit[j] = e[0] == k || e[1] == k
		some = some || claimHit[j]
	}
	if !some {
		return out
	}
	for i, it := range l.items {
		hit := headHit[it.head]
		if !hit {
			to := int32(len(l.refs))
			if i+1 < len(l.items) {
				to = l.items[i+1].from
			}
			for _, j := range l.refs[it.from:to] {
				if claimHit[j] {
					hit = true
					break
				}
			}
		}
		if hit {
			out = append(out, int32(i))
		}
	}
	return out
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
		// The disagreements between sources, and the offices whose
		// holders conflict (view.AllDisagreements without making the
		// millions of holder conflicts: disAll finds a page's when asked),
		// bounded by the analyses' evidence, which holds the same claims.
		// Their claims are this read's copies; where the evidence holds
		// the same claim (every holder of an office), the list keeps its
		// copy, and this read's go.
		ev := st.snap.analyses().evidence
		d.all = newDisAll(view.FindDisagreements(claims, st.vocab, ev), view.HolderOffices(claims, st.vocab, ev), ev.Claim)
		d.possible = d.all.len() - d.all.certain()
		srcs := make([]*tokumu.Source, 0, len(st.snap.SourceList))
		srcs = append(srcs, st.snap.SourceList...)
		d.audit = audit.Run(claims, st.vocab, srcs)
		compactReport(d.audit)
		claims = nil
		releaseMemory()
	})
	if d.err != nil {
		return nil, d.err
	}
	return d, nil
}

// jsonPage is a page of the disagreements in spans (nil: all of them, in
// subject order), in their JSON form.
func (d *derived) jsonPage(spans []span, offset, limit int) page[view.DisagreementJSON] {
	if spans == nil {
		spans = []span{{0, d.all.len()}}
	}
	items, n := d.all.spansPage(spans, offset, limit)
	return page[view.DisagreementJSON]{Total: &n, Offset: offset, Limit: limit, More: offset+limit < n, Items: view.DisagreementsJSON(items)}
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
	p.List = d.all.certainFirst(lo, hi)
	s.render(w, r, http.StatusOK, "disagreements", &p)
}

// compactReport copies the claims and strings the audit's findings keep
// into blocks (view.CompactClaims): they come from the read of every
// claim the findings were made from, and at 1M claims the 35 MB of them
// kept 260 MB of that read's pages of memory in use once it was dropped.
// A claim two findings share stays one.
func compactReport(r *audit.Report) {
	at := map[*tokumu.Claim]int{}
	var own []*tokumu.Claim
	var strs []string
	for _, f := range r.Findings {
		for _, c := range f.Claims {
			if _, ok := at[c]; !ok {
				at[c] = len(own)
				own = append(own, c)
			}
		}
		strs = append(strs, f.Subject, f.Why, f.Source)
	}
	copies := view.CompactClaims(own)
	view.CompactStrings(strs)
	n := 0
	for _, f := range r.Findings {
		n += len(f.Claims)
	}
	refs := make([]*tokumu.Claim, 0, n) // the findings' lists, in one array too
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Claims != nil {
			lo := len(refs)
			for _, c := range f.Claims {
				refs = append(refs, copies[at[c]])
			}
			f.Claims = refs[lo:len(refs):len(refs)]
		}
		f.Subject, f.Why, f.Source = strs[3*i], strs[3*i+1], strs[3*i+2]
	}
}
