package web

import (
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// disAll is every disagreement of the corpus in the order
// view.AllDisagreements gives them (subject, then predicate; a subject's
// disagreements between sources before its holder conflicts), without
// holding the holder conflicts: at 1M claims they are 5M pairs of the
// holders of a few hub offices (96 MB even packed in a disList, and a
// peak of GBs while view.AllDisagreements made them). It keeps each
// office's holders (view.Office, the evidence's copies of the claims)
// and, for each holder, how many conflicts — and how many certain —
// start from it, so that the i-th disagreement, or the k-th certain one,
// is found by two binary searches and a walk of one holder's
// overlapping successors.
type disAll struct {
	src  disList // the disagreements between sources, in order
	segs []disSeg
	// start[k] and cert[k] count the disagreements, and the certain ones,
	// before segs[k]; the last entry is the totals.
	start, cert []int
	// srcCert[i] counts the certain ones among src's first i.
	srcCert []int32
}

// disSeg is a run of the list: src's disagreements [from, to), or the
// holder conflicts of one office.
type disSeg struct {
	from, to int32
	off      *officeConflicts
}

// officeConflicts is an office and, for each of its holders i, the
// number of conflicts (and certain ones) between it and a later holder
// that come before i's: row[i] and rowCert[i], with the totals last.
type officeConflicts struct {
	*view.Office
	row, rowCert []int32
}

// scan calls f for each conflict of holder i with a later one, in order,
// until f returns false.
func (o *officeConflicts) scan(i int, f func(j int, possible bool) bool) {
	end := o.End(i)
	for j := i + 1; j < len(o.Claims); j++ {
		if o.Claims[j].When.Earliest > end {
			return
		}
		if hit, possible := o.Conflict(i, j); hit && !f(j, possible) {
			return
		}
	}
}

// newDisAll packs src (view.FindDisagreements) and the holder conflicts
// of offices; a claim canon knows (by id) is kept as canon's.
func newDisAll(src []view.Disagreement, offices []*view.Office, canon func(id string) *tokumu.Claim) *disAll {
	src = slices.Clone(src)
	sort.SliceStable(src, func(i, j int) bool {
		if src[i].Subject != src[j].Subject {
			return src[i].Subject < src[j].Subject
		}
		return src[i].Predicate < src[j].Predicate
	})
	l := &disAll{src: newDisList(src, canon), srcCert: make([]int32, len(src)+1)}
	for i, x := range src {
		l.srcCert[i+1] = l.srcCert[i]
		if !x.Possible {
			l.srcCert[i+1]++
		}
	}
	var offs []*officeConflicts
	for _, o := range offices {
		for i, c := range o.Claims {
			if k := canon(c.ID); k != nil {
				o.Claims[i] = k
			}
		}
		// The office's key as its first claim's strings, the canonical
		// copy's: those of the read they come from would keep its pages
		// in use (view.CompactClaims).
		o.Predicate, o.Object = o.Claims[0].Predicate, o.Claims[0].Object
		oc := &officeConflicts{Office: o, row: make([]int32, len(o.Claims)+1), rowCert: make([]int32, len(o.Claims)+1)}
		for i := range o.Claims {
			n, c := int32(0), int32(0)
			oc.scan(i, func(_ int, possible bool) bool {
				n++
				if !possible {
					c++
				}
				return true
			})
			oc.row[i+1], oc.rowCert[i+1] = oc.row[i]+n, oc.rowCert[i]+c
		}
		if oc.row[len(o.Claims)] > 0 {
			offs = append(offs, oc)
		}
	}
	// One office per (object, predicate): the order of the list.
	slices.SortFunc(offs, func(a, b *officeConflicts) int {
		if c := strings.Compare(a.Object, b.Object); c != 0 {
			return c
		}
		return strings.Compare(a.Predicate, b.Predicate)
	})
	// Merge: a source disagreement goes before an office's conflicts
	// with the same subject and predicate, as in view.AllDisagreements.
	n, cert := 0, 0
	add := func(s disSeg, size, certain int) {
		l.segs = append(l.segs, s)
		l.start = append(l.start, n)
		l.cert = append(l.cert, cert)
		n, cert = n+size, cert+certain
	}
	i := 0
	for _, o := range offs {
		from := i
		for i < len(src) && (src[i].Subject < o.Object || src[i].Subject == o.Object && src[i].Predicate <= o.Predicate) {
			i++
		}
		if i > from {
			add(disSeg{from: int32(from), to: int32(i)}, i-from, int(l.srcCert[i]-l.srcCert[from]))
		}
		last := len(o.Claims)
		add(disSeg{off: o}, int(o.row[last]), int(o.rowCert[last]))
	}
	if i < len(src) {
		add(disSeg{from: int32(i), to: int32(len(src))}, len(src)-i, int(l.srcCert[len(src)]-l.srcCert[i]))
	}
	l.start = append(l.start, n)
	l.cert = append(l.cert, cert)
	return l
}

func (l *disAll) len() int { return l.start[len(l.start)-1] }

// certain is the number of certain disagreements.
func (l *disAll) certain() int { return l.cert[len(l.cert)-1] }

// run returns at most max disagreements of the kind — all of them (kind
// 0), the certain ones (1) or the possible ones (2) — in list order from
// the k-th (0-based) of the kind.
func (l *disAll) run(k, kind, max int) []view.Disagreement {
	var out []view.Disagreement
	if max <= 0 {
		return out
	}
	count := func(n, c int) int {
		switch kind {
		case 1:
			return c
		case 2:
			return n - c
		}
		return n
	}
	match := func(possible bool) bool { return kind == 0 || (kind == 2) == possible }
	s := sort.Search(len(l.segs), func(s int) bool { return count(l.start[s+1], l.cert[s+1]) > k })
	if s < len(l.segs) {
		k -= count(l.start[s], l.cert[s])
	}
	for ; s < len(l.segs) && len(out) < max; s++ {
		seg := l.segs[s]
		if o := seg.off; o == nil {
			// In src: from the k-th of the kind in [from, to).
			base := count(int(seg.from), int(l.srcCert[seg.from]))
			x := int(seg.from) + sort.Search(int(seg.to-seg.from), func(x int) bool {
				y := int(seg.from) + x + 1
				return count(y, int(l.srcCert[y]))-base > k
			})
			for ; x < int(seg.to) && len(out) < max; x++ {
				if match(l.src.possible(x)) {
					out = append(out, l.src.at(int32(x)))
				}
			}
		} else {
			i := sort.Search(len(o.Claims), func(i int) bool { return count(int(o.row[i+1]), int(o.rowCert[i+1])) > k })
			if i < len(o.Claims) {
				k -= count(int(o.row[i]), int(o.rowCert[i]))
			}
			for ; i < len(o.Claims) && len(out) < max; i++ {
				o.scan(i, func(j int, possible bool) bool {
					if !match(possible) {
						return true
					}
					if k > 0 {
						k--
						return true
					}
					out = append(out, o.Disagreement(i, j, possible))
					return len(out) < max
				})
			}
		}
		k = 0
	}
	return out
}

// at returns the i-th disagreement.
func (l *disAll) at(i int) view.Disagreement { return l.run(i, 0, 1)[0] }

// certainFirst returns the disagreements at [lo, hi) of the page's order:
// the certain ones, then the possible ones, each in list order.
func (l *disAll) certainFirst(lo, hi int) []view.Disagreement {
	certain := l.certain()
	out := l.run(lo, 1, min(hi, certain)-lo)
	return append(out, l.run(max(lo, certain)-certain, 2, hi-max(lo, certain))...)
}

// span is the disagreements [lo, hi) of the list.
type span struct{ lo, hi int }

// involving lists, in order, the runs of disagreements that involve
// entity id: as their subject or object, or as the subject or object of
// one of their claims (two holders of an office show on the office's
// page and on each holder's). An office's conflicts are walked only from
// and to id's own holdings; an office's own list is one run of its
// conflicts (millions for a hub organization at 1M claims, which a list
// of indexes held as tens of MB per request).
func (l *disAll) involving(id string) []span {
	out := []span{}
	add := func(lo, hi int) {
		if n := len(out); n > 0 && out[n-1].hi == lo {
			out[n-1].hi = hi
			return
		}
		out = append(out, span{lo, hi})
	}
	srcHit := l.src.involving(id) // indexes into src, in order
	for s, seg := range l.segs {
		at := l.start[s]
		o := seg.off
		if o == nil {
			lo := sort.Search(len(srcHit), func(x int) bool { return srcHit[x] >= seg.from })
			for _, x := range srcHit[lo:] {
				if x >= seg.to {
					break
				}
				add(at+int(x-seg.from), at+int(x-seg.from)+1)
			}
			continue
		}
		if o.Object == id {
			add(at, l.start[s+1])
			continue
		}
		var own []int
		for i, c := range o.Claims {
			if c.Subject == id || c.Object == id {
				own = append(own, i)
			}
		}
		if len(own) == 0 {
			continue
		}
		isOwn := func(i int) bool { _, ok := slices.BinarySearch(own, i); return ok }
		for i := range o.Claims {
			mine := isOwn(i)
			if !mine {
				// Only if an own holding may follow within i's span.
				x := sort.SearchInts(own, i+1)
				if x == len(own) || o.Claims[own[x]].When.Earliest > o.End(i) {
					continue
				}
			}
			n := at + int(o.row[i])
			o.scan(i, func(j int, _ bool) bool {
				if mine || isOwn(j) {
					add(n, n+1)
				}
				n++
				return true
			})
		}
	}
	return out
}

// spansPage is the page [offset, offset+limit) of the disagreements in
// spans, and their number.
func (l *disAll) spansPage(spans []span, offset, limit int) (items []view.Disagreement, total int) {
	for _, sp := range spans {
		total += sp.hi - sp.lo
	}
	skip, want := offset, min(total, offset+limit)-offset
	for _, sp := range spans {
		if want <= 0 {
			break
		}
		n := sp.hi - sp.lo
		if skip >= n {
			skip -= n
			continue
		}
		k := min(n-skip, want)
		items = append(items, l.run(sp.lo+skip, 0, k)...)
		skip, want = 0, want-k
	}
	return items, total
}
