package view

import (
	"slices"
	"sort"

	"github.com/tokumu/tokumu"
)

// FindHolderConflicts returns the offices (predicates of the role office:
// head of, commander) that two people held at once according to claims:
// a disagreement when their tenures certainly overlap, and a possible one
// when they only may — unless one tenure could end on the day the next
// begins (Hata "1938/1940", Yanagita "1940": the hand-over year; Minami
// "1934-12/1936-02", Ueda "1936/1939": a hand-over within the year), or
// both claims come from one source (a list of heads is a succession). Open ends and starts are first bounded by ev (see
// Bound), so a tenure whose end no source gives does not collide with
// every later holder; a pair where one claim is the other's bound (a
// successor) is not a conflict. Claims with a perspective are beliefs and
// never conflict.
func FindHolderConflicts(claims []*tokumu.Claim, vocab *tokumu.Vocab, ev *Evidence) []Disagreement {
	return findHolderConflicts(claims, vocab, ev, "")
}

// findHolderConflicts is FindHolderConflicts keeping, when of is not "",
// only the pairs in which one claim is of's (as subject or object). An
// entity's page asks for its own conflicts: among the hundreds of other
// holders whose tenures overlap a long one of a hub office, comparing
// every pair of them was the page's cost, and all but its own were
// thrown away.
func findHolderConflicts(claims []*tokumu.Claim, vocab *tokumu.Vocab, ev *Evidence, of string) []Disagreement {
	var out []Disagreement
	for _, o := range HolderOffices(claims, vocab, ev) {
		cs := o.Claims
		pair := func(i, j int) {
			if hit, possible := o.Conflict(i, j); hit {
				out = append(out, o.Disagreement(i, j, possible))
			}
		}
		// With of, a claim of someone else is compared only with of's
		// own claims (in order, so the result is the full one filtered).
		var own []int
		isOwn := func(c *tokumu.Claim) bool { return c.Subject == of || c.Object == of }
		if of != "" {
			for i, c := range cs {
				if isOwn(c) {
					own = append(own, i)
				}
			}
		}
		for i := range cs {
			// cs is in order of When.Earliest: once a later claim starts
			// after a's possible (bounded) end, no later one can overlap a,
			// so the scan stops (a hub office of a million-claim corpus
			// has thousands of holders; all pairs took minutes).
			aEnd := o.End(i)
			if of != "" && !isOwn(cs[i]) {
				for _, j := range own[sort.SearchInts(own, i+1):] {
					if cs[j].When.Earliest > aEnd {
						break
					}
					pair(i, j)
				}
				continue
			}
			for j := i + 1; j < len(cs); j++ {
				if cs[j].When.Earliest > aEnd {
					break
				}
				pair(i, j)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Subject < out[j].Subject })
	return out
}

// Office is one office (a predicate of the role office and its object)
// with the claims of its holders that can conflict — dated, no belief —
// in SortClaims order, and what bounds each (Evidence.Bound). The
// server's corpus-wide list keeps these rather than the millions of
// conflicts between them (two holders each, 5M in a synthetic corpus
// of a million claims), and finds a page's conflicts when asked.
type Office struct {
	Predicate, Object string
	Claims            []*tokumu.Claim
	bounds            []officeBound
}

// officeBound is the part of Bounds a conflict depends on.
type officeBound struct {
	start, end     tokumu.Day
	startBy, endBy *tokumu.Claim
}

// HolderOffices groups the claims of offices as FindHolderConflicts
// compares them, in order of each office's first claim, each office's
// claims bounded by ev (nil: unbounded).
func HolderOffices(claims []*tokumu.Claim, vocab *tokumu.Vocab, ev *Evidence) []*Office {
	type key struct{ p, o string }
	by := map[key]*Office{}
	var out []*Office
	for _, c := range claims {
		if c.Object == "" || c.Perspective != "" || c.When.IsZero() || !vocab.Is(c.Predicate, tokumu.RoleOffice) {
			continue
		}
		k := key{c.Predicate, c.Object}
		o := by[k]
		if o == nil {
			o = &Office{Predicate: c.Predicate, Object: c.Object}
			by[k] = o
			out = append(out, o)
		}
		o.Claims = append(o.Claims, c)
	}
	for _, o := range out {
		SortClaims(o.Claims)
		o.Claims = slices.Clip(o.Claims)
		o.bounds = make([]officeBound, len(o.Claims))
		for i, c := range o.Claims {
			b := Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
			if ev != nil {
				b = ev.Bound(c)
			}
			o.bounds[i] = officeBound{b.Start, b.End, b.StartBy, b.EndBy}
		}
	}
	return out
}

// End is the last day Claims[i]'s tenure possibly reaches, bounded: no
// later claim that starts after it conflicts with it.
func (o *Office) End(i int) tokumu.Day { return min(o.Claims[i].When.Latest, o.bounds[i].end) }

// Conflict reports whether Claims[i] and a later Claims[j] conflict —
// their tenures certainly overlap, or possibly (possible) — unless the
// only possible overlap lies within the imprecision of a hand-over, both
// come from one source, or one bounds the other.
func (o *Office) Conflict(i, j int) (hit, possible bool) {
	a, b := o.Claims[i], o.Claims[j]
	ba, bb := o.bounds[i], o.bounds[j]
	if a.Subject == b.Subject || same(ba.endBy, b) || same(bb.endBy, a) ||
		same(ba.startBy, b) || same(bb.startBy, a) {
		return false, false
	}
	aw, bw := a.When, b.When
	// Certainly both held: the certain spans overlap.
	certain := aw.Interval && bw.Interval &&
		max(aw.LatestStart, bw.LatestStart) <= min(aw.EarliestEnd, bw.EarliestEnd)
	lo := max(max(aw.Earliest, ba.start), max(bw.Earliest, bb.start))
	hi := min(min(aw.Latest, ba.end), min(bw.Latest, bb.end))
	if !certain && (lo > hi || successive(a, b) || successive(b, a) || a.Source == b.Source) {
		return false, false
	}
	return true, !certain
}

// Disagreement is the conflict between Claims[i] and a later Claims[j].
func (o *Office) Disagreement(i, j int, possible bool) Disagreement {
	d := Disagreement{Subject: o.Object, Predicate: o.Predicate, Object: o.Object,
		Claims: []*tokumu.Claim{o.Claims[i], o.Claims[j]}, Reason: "two holders at once"}
	if possible {
		d.Possible, d.Reason = true, "two holders possibly at once"
	}
	return d
}

// successive reports whether a's tenure could end on the very day b's
// begins: then a possible overlap is the uncertainty of a hand-over, not
// evidence of two holders — at one precision (Hata "1938/1940", Yanagita
// "1940") or at two (Minami to February 1936, Ueda from 1936: the reader
// of a year cannot tell January from March). A single date on a holding
// reads as when it began. Only a possible overlap is asked about; a
// certain one (both spans surely held at once) stays a conflict.
func successive(a, b *tokumu.Claim) bool {
	aw, bw := a.When, b.When
	endLo, endHi := aw.EarliestEnd, aw.Latest
	if !aw.Interval {
		endLo = aw.Earliest
	}
	startLo, startHi := bw.Earliest, bw.LatestStart
	if !bw.Interval {
		startHi = bw.Latest
	}
	return max(endLo, startLo) <= min(endHi, startHi)
}

// AllDisagreements returns every disagreement among claims: between
// sources on one subject (FindDisagreements) and between the holders of
// one office (FindHolderConflicts), both bounded by ev — nil: by the same
// claims —, in subject order. It is what the corpus-wide list shows.
func AllDisagreements(claims []*tokumu.Claim, vocab *tokumu.Vocab, ev *Evidence) []Disagreement {
	if ev == nil {
		ev = NewEvidence(vocab, claims)
	}
	out := FindDisagreements(claims, vocab, ev)
	out = append(out, FindHolderConflicts(claims, vocab, ev)...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		return out[i].Predicate < out[j].Predicate
	})
	return out
}

// same reports whether x and c are one claim. By id, not pointer: the
// evidence that bounds a page's claims was read by other queries (or
// once for the whole corpus), so the same claim is another value there.
func same(x, c *tokumu.Claim) bool { return x != nil && x.ID == c.ID }
