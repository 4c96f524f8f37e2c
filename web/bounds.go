package web

import (
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// The network and the map draw what possibly held over a range of days.
// A holding whose source gives only one end ("1926-12/") would, read
// literally, last forever; view.Bound says what other evidence in the
// corpus ends it (a death, a dissolution, a successor, the next posting)
// or starts it. Both views drop what the bounds rule out, draw what only
// possibly held differently from what certainly did, and name the claim
// that bounds it.

// heldIn is how a claim stands in a range of days once bounded.
type heldIn struct {
	Certain bool
	Bounds  view.Bounds
}

// certainIn reports whether w certainly holds on some day of [from, to]:
// an interval whose certain part meets the range, or a point in time
// whose every possible day lies in it.
func certainIn(w tokumu.When, from, to tokumu.Day) bool {
	if w.IsZero() {
		return false
	}
	if w.Interval {
		return w.LatestStart <= w.EarliestEnd && w.LatestStart <= to && from <= w.EarliestEnd
	}
	return from <= w.Earliest && w.Latest <= to
}

// boundClaims keeps the claims of cs that possibly held in [from, to]
// once the evidence bounds their open ends (undated claims within what the
// evidence allows: their organizations' lives, the holder's), and
// says of each whether it certainly held there and what bounds it
// (analyses.network does the same on the compact relations).
func (sn *snapshot) boundClaims(cs []*tokumu.Claim, from, to tokumu.Day) ([]*tokumu.Claim, map[*tokumu.Claim]heldIn) {
	if from == 0 {
		from = tokumu.MinDay
	}
	if to == 0 {
		to = tokumu.MaxDay
	}
	out := make([]*tokumu.Claim, 0, len(cs))
	held := make(map[*tokumu.Claim]heldIn, len(cs))
	ev := sn.analyses().evidence
	for _, c := range cs {
		b := ev.Bound(c)
		if !b.PossiblyIn(c, from, to) {
			continue
		}
		out = append(out, c)
		held[c] = heldIn{Certain: certainIn(c.When, from, to), Bounds: b}
	}
	return out, held
}

// claimText names a claim for a reader by what it says and where it
// rests: "Hata — assistant attaché in — Moscow (December 1926 – unknown);
// Kulanov 2013, … B3", its source's short citation and grade, not its id.
func (b *base) claimText(c *tokumu.Claim) string {
	s := b.Label(c.Subject) + " — " + b.Pred(c.Predicate)
	if c.Object != "" {
		s += " — " + b.Label(c.Object)
	} else if c.Value != "" {
		s = b.Label(c.Subject) + " — " + b.T("pred.with", b.Pred(c.Predicate), c.Value)
	}
	if w := c.When.Human(b.Lang); w != "" {
		s += " (" + w + ")"
	}
	cite := c.Source
	if src := b.Source(c.Source); src != nil {
		cite = b.ShortCite(src)
	}
	return b.T("bound.claim", s, cite, c.Grade.String())
}

// possibleText says why a claim only possibly held in a range: its own
// dates, and the claims that bound its open start or end.
func (b *base) possibleText(c *tokumu.Claim, h heldIn) string {
	w := c.When.Human(b.Lang)
	if w == "" {
		w = b.T("bound.undated")
	}
	s := b.T("bound.possible", b.Pred(c.Predicate), w)
	if h.Bounds.EndBy != nil {
		s += b.T("bound.ended", b.Day(h.Bounds.End), b.boundWhy(h.Bounds.EndWhy), b.claimText(h.Bounds.EndBy))
	}
	if h.Bounds.StartBy != nil {
		s += b.T("bound.began", b.Day(h.Bounds.Start), b.boundWhy(h.Bounds.StartWhy), b.claimText(h.Bounds.StartBy))
	}
	return s
}

// boundWhy names the kind of claim that bounds an open end (view.Bound's
// StartWhy and EndWhy: "death", "next posting", …) in the page's language.
func (b *base) boundWhy(why string) string {
	return b.T("bound.why." + strings.ReplaceAll(why, " ", "_"))
}
