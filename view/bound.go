package view

import (
	"context"

	"github.com/tokumu/tokumu"
)

// Sources often say when an officer took a post and not when he left it
// ("1926-12/"), or when he held it last and not when he took it
// ("/1945-08"). Read literally, such a holding may last forever: a 1926
// assistant attaché in Moscow would still possibly be one in 1941. What
// the corpus knows elsewhere bounds it, and Bound says how:
//
//   - the end: the holder's death; the dissolution or conversion of the
//     organization held; a successor in an office of one holder at a time
//     (role office) who certainly arrived; the holder's next posting of an
//     exclusive kind (role exclusive: attaché, head, commander) that
//     certainly began after this one could have;
//   - the start: the organization's founding; a predecessor in the same
//     office who certainly took it before this holder certainly left it
//     (one holder at a time: this one came after).
//
// A bound is evidence, not a reading of the source: views show it with
// the claim it comes from, and the holding stays "possible" up to it.

// Bounds are the limits other evidence puts on a claim's time.
type Bounds struct {
	Start, End       tokumu.Day    // MinDay / MaxDay where nothing bounds it
	StartBy, EndBy   *tokumu.Claim // the claims that give each bound
	StartWhy, EndWhy string        // "death", "dissolution", "successor", "next posting", "predecessor", "founding"
}

// Bounded reports whether any evidence bounds the claim.
func (b Bounds) Bounded() bool { return b.StartBy != nil || b.EndBy != nil }

// PossiblyAt reports whether c can have held on day d, given its own
// bounds and b.
func (b Bounds) PossiblyAt(c *tokumu.Claim, d tokumu.Day) bool {
	w := c.When
	if w.IsZero() {
		return true
	}
	return max(w.Earliest, b.Start) <= d && d <= min(w.Latest, b.End)
}

// Evidence holds what can bound open holdings: by person, their deaths
// and exclusive postings; by organization, its founding and ending; by
// office, its holders.
type Evidence struct {
	vocab    *tokumu.Vocab
	died     map[string][]*tokumu.Claim
	founded  map[string][]*tokumu.Claim
	ended    map[string][]*tokumu.Claim // dissolved or converted
	postings map[string][]*tokumu.Claim // person → exclusive postings and offices
	holders  map[[2]string][]*tokumu.Claim
	seen     map[*tokumu.Claim]bool
}

// NewEvidence indexes claims (any claims; those that bound nothing are
// ignored).
func NewEvidence(vocab *tokumu.Vocab, claims []*tokumu.Claim) *Evidence {
	ev := &Evidence{vocab: vocab, died: map[string][]*tokumu.Claim{}, founded: map[string][]*tokumu.Claim{},
		ended: map[string][]*tokumu.Claim{}, postings: map[string][]*tokumu.Claim{},
		holders: map[[2]string][]*tokumu.Claim{}, seen: map[*tokumu.Claim]bool{}}
	ev.Add(claims)
	return ev
}

// Add indexes more claims; a claim already added is ignored.
func (ev *Evidence) Add(claims []*tokumu.Claim) {
	v := ev.vocab
	for _, c := range claims {
		if ev.seen[c] || c.Perspective != "" {
			continue // a belief bounds nothing
		}
		ev.seen[c] = true
		switch p := c.Predicate; {
		case v.Is(p, tokumu.RoleDied):
			ev.died[c.Subject] = append(ev.died[c.Subject], c)
		case v.Is(p, tokumu.RoleFounded):
			ev.founded[c.Subject] = append(ev.founded[c.Subject], c)
		case v.Is(p, tokumu.RoleDissolved), v.Is(p, tokumu.RoleSuccessor):
			ev.ended[c.Subject] = append(ev.ended[c.Subject], c)
		}
		if c.Object == "" {
			continue
		}
		if ev.exclusive(c.Predicate) {
			ev.postings[c.Subject] = append(ev.postings[c.Subject], c)
		}
		if v.Is(c.Predicate, tokumu.RoleOffice) {
			k := [2]string{c.Predicate, c.Object}
			ev.holders[k] = append(ev.holders[k], c)
		}
	}
}

func (ev *Evidence) exclusive(p string) bool {
	return ev.vocab.Is(p, tokumu.RoleExclusive) || ev.vocab.Is(p, tokumu.RoleOffice)
}

// Bound returns what the evidence says of c's unknown start or end. A
// claim whose time is fully given, undated, or open by statement ("..")
// is not bounded.
func (ev *Evidence) Bound(c *tokumu.Claim) Bounds {
	b := Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
	w := c.When
	if w.IsZero() || c.Object == "" || c.Perspective != "" {
		return b
	}
	openEnd := w.Latest >= tokumu.MaxDay && w.EarliestEnd < tokumu.MaxDay
	openStart := w.Earliest <= tokumu.MinDay && w.LatestStart > tokumu.MinDay
	setEnd := func(d tokumu.Day, by *tokumu.Claim, why string) {
		if d < b.End && d >= w.Earliest {
			b.End, b.EndBy, b.EndWhy = d, by, why
		}
	}
	setStart := func(d tokumu.Day, by *tokumu.Claim, why string) {
		if d > b.Start && d <= w.Latest {
			b.Start, b.StartBy, b.StartWhy = d, by, why
		}
	}
	if openEnd {
		for _, o := range ev.died[c.Subject] {
			if !o.When.IsZero() {
				setEnd(o.When.Latest, o, "death")
			}
		}
		for _, o := range ev.ended[c.Object] {
			if !o.When.IsZero() {
				setEnd(o.When.Latest, o, "dissolution")
			}
		}
		if ev.vocab.Is(c.Predicate, tokumu.RoleOffice) {
			for _, o := range ev.holders[[2]string{c.Predicate, c.Object}] {
				// Another holder who began after c could have begun
				// certainly took the office over by his latest start.
				if o.Subject != c.Subject && !o.When.IsZero() && o.When.Earliest > w.LatestStart {
					setEnd(o.When.LatestStart, o, "successor")
				}
			}
		}
		if ev.exclusive(c.Predicate) {
			for _, o := range ev.postings[c.Subject] {
				if o != c && o.Object != c.Object && !o.When.IsZero() && o.When.Earliest > w.LatestStart {
					setEnd(o.When.LatestStart, o, "next posting")
				}
			}
		}
	}
	if openStart {
		for _, o := range ev.founded[c.Object] {
			if !o.When.IsZero() {
				setStart(o.When.Earliest, o, "founding")
			}
		}
		if ev.vocab.Is(c.Predicate, tokumu.RoleOffice) {
			for _, o := range ev.holders[[2]string{c.Predicate, c.Object}] {
				// o certainly began before c certainly ended: with one
				// holder at a time, c came after o.
				if o.Subject != c.Subject && !o.When.IsZero() && o.When.Earliest > tokumu.MinDay && o.When.LatestStart < w.EarliestEnd {
					setStart(o.When.Earliest, o, "predecessor")
				}
			}
		}
	}
	return b
}

// LoadEvidence reads from st what can bound the open holdings among
// claims: the claims of their holders and of the organizations held, and
// the other holders of their offices. It asks only about claims with an
// open start or end, once per entity and office.
func LoadEvidence(ctx context.Context, st tokumu.Store, vocab *tokumu.Vocab, claims []*tokumu.Claim) (*Evidence, error) {
	ev := NewEvidence(vocab, nil)
	done := map[string]bool{}
	load := func(key string, f tokumu.ClaimFilter) error {
		if done[key] {
			return nil
		}
		done[key] = true
		cs, err := st.Claims(ctx, f)
		if err != nil {
			return err
		}
		ev.Add(cs)
		return nil
	}
	for _, c := range claims {
		w := c.When
		if w.IsZero() || c.Object == "" || (w.Latest < tokumu.MaxDay && w.Earliest > tokumu.MinDay) {
			continue
		}
		if err := load("s:"+c.Subject, tokumu.ClaimFilter{Subject: c.Subject}); err != nil {
			return nil, err
		}
		if err := load("s:"+c.Object, tokumu.ClaimFilter{Subject: c.Object}); err != nil {
			return nil, err
		}
		if vocab.Is(c.Predicate, tokumu.RoleOffice) {
			if err := load("o:"+c.Predicate+" "+c.Object, tokumu.ClaimFilter{Predicate: c.Predicate, Object: c.Object}); err != nil {
				return nil, err
			}
		}
	}
	return ev, nil
}
