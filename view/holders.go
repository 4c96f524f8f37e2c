package view

import (
	"sort"

	"github.com/tokumu/tokumu"
)

// FindHolderConflicts returns the offices (predicates of the role office:
// head of, commander) that two people held at once according to claims:
// a disagreement when their tenures certainly overlap, and a possible one
// when they only may — unless the only possible overlap lies within the
// imprecision of one tenure's end and the next one's start (Hata "1938/
// 1940", Yanagita "1940": the hand-over year), or both claims come from
// one source (a list of heads is a succession). Open ends and starts are first bounded by ev (see
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
	type office struct{ p, o string }
	by := map[office][]*tokumu.Claim{}
	var keys []office
	for _, c := range claims {
		if c.Object == "" || c.Perspective != "" || c.When.IsZero() || !vocab.Is(c.Predicate, tokumu.RoleOffice) {
			continue
		}
		k := office{c.Predicate, c.Object}
		if _, ok := by[k]; !ok {
			keys = append(keys, k)
		}
		by[k] = append(by[k], c)
	}
	var out []Disagreement
	for _, k := range keys {
		cs := by[k]
		SortClaims(cs)
		bounds := make([]Bounds, len(cs))
		for i, c := range cs {
			bounds[i] = Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
			if ev != nil {
				bounds[i] = ev.Bound(c)
			}
		}
		// pair compares cs[i] with a later cs[j].
		pair := func(i, j int) {
			a, b := cs[i], cs[j]
			if a.Subject == b.Subject || same(bounds[i].EndBy, b) || same(bounds[j].EndBy, a) ||
				same(bounds[i].StartBy, b) || same(bounds[j].StartBy, a) {
				return
			}
			aw, bw := a.When, b.When
			// Certainly both held: the certain spans overlap.
			certain := aw.Interval && bw.Interval &&
				max(aw.LatestStart, bw.LatestStart) <= min(aw.EarliestEnd, bw.EarliestEnd)
			lo := max(max(aw.Earliest, bounds[i].Start), max(bw.Earliest, bounds[j].Start))
			hi := min(min(aw.Latest, bounds[i].End), min(bw.Latest, bounds[j].End))
			if !certain && (lo > hi || successive(a, b, lo, hi) || successive(b, a, lo, hi) || a.Source == b.Source) {
				return
			}
			d := Disagreement{Subject: k.o, Predicate: k.p, Object: k.o, Claims: []*tokumu.Claim{a, b}, Reason: "two holders at once"}
			if !certain {
				d.Possible, d.Reason = true, "two holders possibly at once"
			}
			out = append(out, d)
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
			aEnd := min(cs[i].When.Latest, bounds[i].End)
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

// successive reports whether a's tenure ending and b's beginning could
// both fall anywhere in [lo, hi]: the window of possible overlap is the
// uncertainty of a hand-over, not evidence of two holders. A single date
// on a holding reads as when it began.
func successive(a, b *tokumu.Claim, lo, hi tokumu.Day) bool {
	aw, bw := a.When, b.When
	endLo, endHi := aw.EarliestEnd, aw.Latest
	if !aw.Interval {
		endLo = aw.Earliest
	}
	startLo, startHi := bw.Earliest, bw.LatestStart
	if !bw.Interval {
		startHi = bw.Latest
	}
	return endLo <= lo && hi <= endHi && startLo <= lo && hi <= startHi
}

// AllDisagreements returns every disagreement among claims: between
// sources on one subject (FindDisagreements) and between the holders of
// one office (FindHolderConflicts, bounded by the same claims), in
// subject order. It is what the corpus-wide list shows.
func AllDisagreements(claims []*tokumu.Claim, vocab *tokumu.Vocab) []Disagreement {
	out := FindDisagreements(claims, vocab)
	out = append(out, FindHolderConflicts(claims, vocab, NewEvidence(vocab, claims))...)
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
