package view

import (
	"context"
	"sort"

	"github.com/tokumu/tokumu"
)

// Sources often say when an officer took a post and not when he left it
// ("1926-12/"), or when he held it last and not when he took it
// ("/1945-08"). Read literally, such a holding may last forever: a 1926
// assistant attaché in Moscow would still possibly be one in 1941. What
// the corpus knows elsewhere bounds it, and Bound says how:
//
//   - the end: the holder's death; the dissolution or conversion of the
//     organization held, or of the organization that is the subject (a
//     unit is part of nothing after it ceased); a successor in an office of one holder at a time
//     (role office) who certainly arrived; the holder's next posting of an
//     exclusive kind (role exclusive: attaché, head, commander) that
//     certainly began after this one could have;
//   - either: the dates of the event the claim links (a participation
//     in a battle holds while the battle went on);
//   - the start: the organization's founding, or the subject's; a predecessor in the same
//     office who certainly took it before this holder certainly left it
//     (one holder at a time: this one came after).
//
// A claim the source gives without dates is bounded by what needs no
// order between holdings: the foundings and ends, and the holder's death.
// Where sources date one of these events differently, Span reads them.
//
// A bound is evidence, not a reading of the source: views show it with
// the claim it comes from, and the holding stays "possible" up to it.

// Bounds are the limits other evidence puts on a claim's time.
type Bounds struct {
	Start, End       tokumu.Day    // MinDay / MaxDay where nothing bounds it
	StartBy, EndBy   *tokumu.Claim // the claims that give each bound
	StartWhy, EndWhy string        // "death", "dissolution", "successor", "next posting", "predecessor", "founding", "end", "start" (another source's, of the same relation), "same post" (the holder's dated tenures of it), "event" (the dates of the event linked)
}

// Bounded reports whether any evidence bounds the claim.
func (b Bounds) Bounded() bool { return b.StartBy != nil || b.EndBy != nil }

// PossiblyAt reports whether c can have held on day d, given its own
// bounds and b.
func (b Bounds) PossiblyAt(c *tokumu.Claim, d tokumu.Day) bool {
	return b.PossiblyIn(c, d, d)
}

// PossiblyIn reports whether c can have held on some day of [from, to],
// given its own bounds and b. An undated claim can have held wherever b
// allows.
func (b Bounds) PossiblyIn(c *tokumu.Claim, from, to tokumu.Day) bool {
	lo, hi := b.Start, b.End
	if w := c.When; !w.IsZero() {
		lo, hi = max(w.Earliest, lo), min(w.Latest, hi)
	}
	return lo <= to && from <= hi
}

// Evidence holds what can bound open holdings: by person, their deaths
// and exclusive postings; by organization, its founding and ending; by
// office, its holders.
type Evidence struct {
	vocab    *tokumu.Vocab
	died     map[string][]*tokumu.Claim
	founded  map[string][]*tokumu.Claim
	ended    map[string][]*tokumu.Claim // dissolved or converted
	occurred map[string][]*tokumu.Claim // an event's dates, a document's issue
	postings map[string][]*tokumu.Claim // person → exclusive postings and offices
	holders  map[[2]string][]*tokumu.Claim
	// offices index each office's dated holders so that finding a
	// holding's successor or predecessor is a binary search, not a scan
	// of every holder (quadratic on an office of thousands).
	offices map[[2]string]*officeIndex
	// halves holds, by relation (subject, predicate, object), the claims
	// that give a start without an end or an end without a start: the
	// opening of a consulate by one source and its closing by another
	// tell one holding, and each bounds the other's unknown end.
	halves map[[3]string][]*tokumu.Claim
	// seen holds the claims added by id: the same claim read by two
	// queries (as its holder's and as its office's) is one holding.
	seen map[string]*tokumu.Claim
}

// Holders returns the claims of the office (predicate, object) that ev
// holds: every holder, with a time or not, but no belief (a claim with a
// perspective bounds nothing and is not indexed).
func (ev *Evidence) Holders(predicate, object string) []*tokumu.Claim {
	return ev.holders[[2]string{predicate, object}]
}

// Deaths returns the death claims of a person that ev holds (no beliefs;
// an undated one bounds nothing): what bounds the posts of a holder whose
// claims give no end.
func (ev *Evidence) Deaths(person string) []*tokumu.Claim { return ev.died[person] }

// Claim returns the claim with the id if ev holds it, else nil: the
// server's corpus-wide disagreements keep the evidence's copy of a claim
// rather than one of their own (most of them are two holders of an
// office, which the evidence holds).
func (ev *Evidence) Claim(id string) *tokumu.Claim { return ev.seen[id] }

// NewEvidence indexes claims (any claims; those that bound nothing are
// ignored).
func NewEvidence(vocab *tokumu.Vocab, claims []*tokumu.Claim) *Evidence {
	ev := &Evidence{vocab: vocab, died: map[string][]*tokumu.Claim{}, founded: map[string][]*tokumu.Claim{},
		ended: map[string][]*tokumu.Claim{}, occurred: map[string][]*tokumu.Claim{}, postings: map[string][]*tokumu.Claim{},
		holders: map[[2]string][]*tokumu.Claim{}, offices: map[[2]string]*officeIndex{}, halves: map[[3]string][]*tokumu.Claim{},
		seen: map[string]*tokumu.Claim{}}
	ev.Add(claims)
	return ev
}

// Add indexes more claims; a claim already added is ignored. An
// Evidence is safe for concurrent Bound calls once no Add runs.
func (ev *Evidence) Add(claims []*tokumu.Claim) {
	v := ev.vocab
	touched := map[[2]string]bool{}
	defer func() {
		for k := range touched {
			ev.offices[k] = newOfficeIndex(ev.holders[k])
		}
	}()
	for _, c := range claims {
		if ev.seen[c.ID] != nil || c.Perspective != "" {
			continue // a belief bounds nothing
		}
		// Only a claim indexed below is remembered: seen held the id of
		// every claim the server's analyses read (a million at 1M).
		half := c.Object != "" && halfOpen(c.When)
		if p := c.Predicate; !v.Is(p, tokumu.RoleDied) && !v.Is(p, tokumu.RoleFounded) && !v.Is(p, tokumu.RoleDissolved) &&
			!v.Is(p, tokumu.RoleSuccessor) && !v.Is(p, tokumu.RoleOccurred) && !v.Is(p, tokumu.RoleIssued) && (c.Object == "" || !ev.exclusive(p)) && !half {
			continue
		}
		ev.seen[c.ID] = c
		switch p := c.Predicate; {
		case v.Is(p, tokumu.RoleDied):
			ev.died[c.Subject] = append(ev.died[c.Subject], c)
		case v.Is(p, tokumu.RoleFounded):
			ev.founded[c.Subject] = append(ev.founded[c.Subject], c)
		case v.Is(p, tokumu.RoleDissolved), v.Is(p, tokumu.RoleSuccessor):
			ev.ended[c.Subject] = append(ev.ended[c.Subject], c)
		case v.Is(p, tokumu.RoleOccurred), v.Is(p, tokumu.RoleIssued):
			if !c.When.IsZero() {
				ev.occurred[c.Subject] = append(ev.occurred[c.Subject], c)
			}
		}
		if c.Object == "" {
			continue
		}
		if half {
			k := [3]string{c.Subject, c.Predicate, c.Object}
			ev.halves[k] = append(ev.halves[k], c)
		}
		if ev.exclusive(c.Predicate) {
			ev.postings[c.Subject] = append(ev.postings[c.Subject], c)
		}
		if v.Is(c.Predicate, tokumu.RoleOffice) {
			k := [2]string{c.Predicate, c.Object}
			ev.holders[k] = append(ev.holders[k], c)
			touched[k] = true
		}
	}
	pack(ev.died)
	pack(ev.founded)
	pack(ev.ended)
	pack(ev.occurred)
	pack(ev.postings)
	pack(ev.holders)
	pack(ev.halves)
}

// halfOpen reports whether w gives a start without an end or an end
// without a start.
func halfOpen(w tokumu.When) bool {
	return w.Interval && (w.Earliest <= tokumu.MinDay) != (w.Latest >= tokumu.MaxDay)
}

// pack re-slices each list of m from one array. Grown by append, each
// list is an allocation of its own, made while the server's analyses hold
// a read of every claim that they then drop; a list left among that
// read's objects keeps its page of memory in use (see CompactClaims). At
// 1M claims the evidence has 100k such lists.
func pack[K comparable](m map[K][]*tokumu.Claim) {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	all := make([]*tokumu.Claim, 0, n)
	for k, l := range m {
		lo := len(all)
		all = append(all, l...)
		m[k] = all[lo:len(all):len(all)]
	}
}

func (ev *Evidence) exclusive(p string) bool {
	return ev.vocab.Is(p, tokumu.RoleExclusive) || ev.vocab.Is(p, tokumu.RoleOffice)
}

// Bound returns what the evidence says of c's unknown start or end. A
// claim whose time is fully given, or open by statement (".."), is not
// bounded. An undated claim is bounded as a claim open at both ends would
// be, by the evidence that needs no order between holdings: the
// foundings and ends of its organizations and the holder's death (a
// successor or a next posting comes after a holding only if the holding
// has a date).
func (ev *Evidence) Bound(c *tokumu.Claim) Bounds {
	b := Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
	w := c.When
	if c.Object == "" || c.Perspective != "" {
		return b
	}
	undated := w.IsZero()
	early, late := w.Earliest, w.Latest
	if undated {
		early, late = tokumu.MinDay, tokumu.MaxDay
	}
	openEnd := undated || w.Latest >= tokumu.MaxDay && w.EarliestEnd < tokumu.MaxDay
	openStart := undated || w.Earliest <= tokumu.MinDay && w.LatestStart > tokumu.MinDay
	// endAt and startAt tighten a bound where d lies within the claim's
	// own time; setEnd and setStart read one event's claims (Span).
	endAt := func(d tokumu.Day, by *tokumu.Claim, why string) {
		if d < b.End && d >= early {
			b.End, b.EndBy, b.EndWhy = d, by, why
		}
	}
	startAt := func(d tokumu.Day, by *tokumu.Claim, why string) {
		if d > b.Start && d <= late {
			b.Start, b.StartBy, b.StartWhy = d, by, why
		}
	}
	setEnd := func(cs []*tokumu.Claim, skip *tokumu.Claim, why string) {
		if _, d, _, by := span(cs, skip); by != nil {
			endAt(d, by, why)
		}
	}
	setStart := func(cs []*tokumu.Claim, skip *tokumu.Claim, why string) {
		if d, _, by, _ := span(cs, skip); by != nil {
			startAt(d, by, why)
		}
	}
	if openEnd {
		setEnd(ev.died[c.Subject], nil, "death")
		setEnd(ev.ended[c.Object], nil, "dissolution")
		// Nor does an organization stay part of another after it
		// itself ceased: its own dissolution or conversion ends it.
		setEnd(ev.ended[c.Subject], c, "dissolution")
	}
	// A link of an event — its participants, its target, what it
	// concerned — held while the event went on: an undated
	// participation in the battles of 1939 links nobody in 1938; a
	// document links its issuer when it was issued. Of two events (one a
	// consequence of the other) the subject's dates count.
	evt := ev.occurred[c.Subject]
	if len(evt) == 0 {
		evt = ev.occurred[c.Object]
	}
	if openEnd {
		setEnd(evt, c, "event")
	}
	if openStart {
		setStart(evt, c, "event")
	}
	if openStart {
		setStart(ev.founded[c.Object], nil, "founding")
		setStart(ev.founded[c.Subject], c, "founding")
	}
	if undated {
		ev.samePost(c, endAt, startAt)
		return b
	}
	ev.sameRelation(c, openEnd, openStart, endAt, startAt)
	if openEnd {
		if ix := ev.offices[[2]string{c.Predicate, c.Object}]; ix != nil && ev.vocab.Is(c.Predicate, tokumu.RoleOffice) {
			// Another holder who began after c could have begun
			// certainly took the office over by his latest start.
			if o := ix.successor(c.Subject, w.LatestStart); o != nil {
				endAt(o.When.LatestStart, o, "successor")
			}
		}
		if ev.exclusive(c.Predicate) {
			for _, o := range ev.postings[c.Subject] {
				if o.ID != c.ID && o.Object != c.Object && !o.When.IsZero() && o.When.Earliest > w.LatestStart {
					endAt(o.When.LatestStart, o, "next posting")
				}
			}
		}
	}
	if openStart {
		if ix := ev.offices[[2]string{c.Predicate, c.Object}]; ix != nil && ev.vocab.Is(c.Predicate, tokumu.RoleOffice) {
			// o certainly began before c certainly ended: with one
			// holder at a time, c came after o.
			if o := ix.predecessor(c.Subject, w.EarliestEnd); o != nil {
				startAt(o.When.Earliest, o, "predecessor")
			}
		}
	}
	return b
}

// sameRelation bounds c by another source's end (or start) of the same
// relation, where the two can tell one holding (oneHolding): a consulate
// opened in 1926 by one source and closed in 1937 by another was not open
// in 1939.
func (ev *Evidence) sameRelation(c *tokumu.Claim, openEnd, openStart bool, endAt, startAt func(tokumu.Day, *tokumu.Claim, string)) {
	for _, o := range ev.halves[[3]string{c.Subject, c.Predicate, c.Object}] {
		if o.ID == c.ID || !oneHolding(c.When, o.When) {
			continue
		}
		if openEnd && o.When.Latest < tokumu.MaxDay {
			endAt(o.When.Latest, o, "end")
		}
		if openStart && o.When.Earliest > tokumu.MinDay {
			startAt(o.When.Earliest, o, "start")
		}
	}
}

// successive reports whether the evidence ends one of two holdings of a
// relation before the other begins (each side as far as its own dates and
// its bounds allow), so that both can be true as two tenures.
func (ev *Evidence) successive(a, b *tokumu.Claim) bool {
	if a.When.IsZero() || b.When.IsZero() {
		return false
	}
	ba, bb := ev.Bound(a), ev.Bound(b)
	endA, startA := min(a.When.Latest, ba.End), max(a.When.Earliest, ba.Start)
	endB, startB := min(b.When.Latest, bb.End), max(b.When.Earliest, bb.Start)
	return endA < startB || endB < startA
}

// samePost bounds an undated holding of a post (an office or an exclusive
// posting) by the same holder's dated holdings of that post: a source that
// names Higuchi head of the Harbin agency without dates tells one of the
// tenures others date (August 1937 – July 1938), not a possible one in
// 1939. Holdings whose end (or start) is unknown leave that side open.
func (ev *Evidence) samePost(c *tokumu.Claim, endAt, startAt func(tokumu.Day, *tokumu.Claim, string)) {
	if !ev.exclusive(c.Predicate) {
		return
	}
	lo, hi, first, last := extent(ev.postings[c.Subject], func(o *tokumu.Claim) bool {
		return o.ID != c.ID && o.Predicate == c.Predicate && o.Object == c.Object
	})
	if first == nil {
		return
	}
	if lo > tokumu.MinDay {
		startAt(lo, first, "same post")
	}
	if hi < tokumu.MaxDay {
		endAt(hi, last, "same post")
	}
}

// Span returns the days that the dated claims of one event leave
// possible — the dates sources give for one death, one founding, one end
// — and the claims that give its first and last day (nil, with MinDay and
// MaxDay, when none is dated). Where one claim's dates lie within
// another's, the two tell the same event, one more precisely, and the
// narrower is taken ("1946" and "1946-08-30" end a life on 30 August);
// where sources disagree, the span covers every reading ("1937-06" and
// "1938-04-15" for a founding begin it in June 1937), so that no view
// rules out a day a source allows.
func Span(cs []*tokumu.Claim) (lo, hi tokumu.Day, first, last *tokumu.Claim) {
	return span(cs, nil)
}

// span is Span leaving out the claim skip (an organization's own end,
// when it is the claim bounded). It allocates nothing: it runs for every
// bound, and the lists are short.
func span(cs []*tokumu.Claim, skip *tokumu.Claim) (lo, hi tokumu.Day, first, last *tokumu.Claim) {
	return extent(cs, func(c *tokumu.Claim) bool { return !is(c, skip) && !vaguer(c, cs, skip) })
}

// extent returns the first and last day of the dated claims of cs that
// keep accepts, and the claims that give them (nil, with MinDay and
// MaxDay, when none is dated).
func extent(cs []*tokumu.Claim, keep func(*tokumu.Claim) bool) (lo, hi tokumu.Day, first, last *tokumu.Claim) {
	lo, hi = tokumu.MaxDay, tokumu.MinDay
	for _, c := range cs {
		if c.When.IsZero() || !keep(c) {
			continue
		}
		if c.When.Earliest < lo {
			lo, first = c.When.Earliest, c
		}
		if c.When.Latest > hi {
			hi, last = c.When.Latest, c
		}
	}
	if first == nil {
		return tokumu.MinDay, tokumu.MaxDay, nil, nil
	}
	return lo, hi, first, last
}

// vaguer reports whether another dated claim of cs lies within c's
// dates and is narrower: c tells the same event less precisely.
func vaguer(c *tokumu.Claim, cs []*tokumu.Claim, skip *tokumu.Claim) bool {
	w := c.When
	for _, o := range cs {
		if o == c || is(o, skip) || o.When.IsZero() {
			continue
		}
		if v := o.When; v.Earliest >= w.Earliest && v.Latest <= w.Latest && (v.Earliest > w.Earliest || v.Latest < w.Latest) {
			return true
		}
	}
	return false
}

// LoadEvidence reads from st what can bound the open holdings among
// claims: the claims of their holders and of the organizations held, and
// the other holders of their offices. It asks only about claims with an
// open start or end, once per entity and office.
func LoadEvidence(ctx context.Context, st tokumu.Store, vocab *tokumu.Vocab, claims []*tokumu.Claim) (*Evidence, error) {
	done := map[string]bool{}
	var all []*tokumu.Claim // added at once: each office is indexed once
	load := func(key string, f tokumu.ClaimFilter) error {
		if done[key] {
			return nil
		}
		done[key] = true
		cs, err := st.Claims(ctx, f)
		if err != nil {
			return err
		}
		all = append(all, cs...)
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
	return NewEvidence(vocab, all), nil
}

// officeIndex holds an office's dated holders sorted two ways, each with
// running bests, so that Bound finds in O(log n):
//
//   - the successor of a holding whose latest start is x: of the holders
//     who began after x (Earliest > x), the one with the smallest latest
//     start — byStart sorted by Earliest, with the best of every suffix;
//   - the predecessor of a holding whose earliest end is y: of the holders
//     who certainly began before y (LatestStart < y), the one who began
//     latest (largest Earliest) — byLS sorted by LatestStart, with the best
//     of every prefix.
//
// A holder never bounds his own holding, so each running best keeps a
// second: the best holder whose subject differs from the best's. Ties go
// to the holder added first, as the scan this replaces chose.
type officeIndex struct {
	byStart       []ranked
	sufBest, sufB []int32 // per suffix of byStart: best, and best of another subject (-1: none)
	byLS          []ranked
	preBest, preB []int32 // per prefix of byLS
}

// ranked is a holder and its place in the order the claims were added.
type ranked struct {
	c *tokumu.Claim
	i int
}

func newOfficeIndex(holders []*tokumu.Claim) *officeIndex {
	ix := &officeIndex{}
	for i, c := range holders {
		if c.When.IsZero() {
			continue
		}
		ix.byStart = append(ix.byStart, ranked{c, i})
		if c.When.Earliest > tokumu.MinDay {
			ix.byLS = append(ix.byLS, ranked{c, i})
		}
	}
	sort.SliceStable(ix.byStart, func(a, b int) bool { return ix.byStart[a].c.When.Earliest < ix.byStart[b].c.When.Earliest })
	sort.SliceStable(ix.byLS, func(a, b int) bool { return ix.byLS[a].c.When.LatestStart < ix.byLS[b].c.When.LatestStart })
	// A successor is better for a smaller latest start; a predecessor
	// for a larger earliest start.
	succ := func(x, y ranked) bool {
		if x.c.When.LatestStart != y.c.When.LatestStart {
			return x.c.When.LatestStart < y.c.When.LatestStart
		}
		return x.i < y.i
	}
	pred := func(x, y ranked) bool {
		if x.c.When.Earliest != y.c.When.Earliest {
			return x.c.When.Earliest > y.c.When.Earliest
		}
		return x.i < y.i
	}
	n := len(ix.byStart)
	ix.sufBest, ix.sufB = make([]int32, n), make([]int32, n)
	best, second := int32(-1), int32(-1)
	for j := n - 1; j >= 0; j-- {
		best, second = keepTwo(ix.byStart, int32(j), best, second, succ)
		ix.sufBest[j], ix.sufB[j] = best, second
	}
	m := len(ix.byLS)
	ix.preBest, ix.preB = make([]int32, m), make([]int32, m)
	best, second = -1, -1
	for j := 0; j < m; j++ {
		best, second = keepTwo(ix.byLS, int32(j), best, second, pred)
		ix.preBest[j], ix.preB[j] = best, second
	}
	return ix
}

// keepTwo merges candidate x into the running best and second (the best
// of a subject other than best's), by better.
func keepTwo(rs []ranked, x, best, second int32, better func(a, b ranked) bool) (int32, int32) {
	switch {
	case best < 0:
		return x, -1
	case better(rs[x], rs[best]):
		if rs[x].c.Subject != rs[best].c.Subject {
			return x, best
		}
		return x, second
	case rs[x].c.Subject != rs[best].c.Subject && (second < 0 || better(rs[x], rs[second])):
		return best, x
	}
	return best, second
}

// pick returns best, or second when best is the holder himself.
func pick(rs []ranked, best, second int32, subject string) *tokumu.Claim {
	if best >= 0 && rs[best].c.Subject == subject {
		best = second
	}
	if best < 0 {
		return nil
	}
	return rs[best].c
}

// successor returns the holder other than subject who began after day x
// with the smallest latest start, or nil.
func (ix *officeIndex) successor(subject string, x tokumu.Day) *tokumu.Claim {
	j := sort.Search(len(ix.byStart), func(j int) bool { return ix.byStart[j].c.When.Earliest > x })
	if j == len(ix.byStart) {
		return nil
	}
	return pick(ix.byStart, ix.sufBest[j], ix.sufB[j], subject)
}

// predecessor returns the holder other than subject who certainly began
// before day y and began latest, or nil.
func (ix *officeIndex) predecessor(subject string, y tokumu.Day) *tokumu.Claim {
	j := sort.Search(len(ix.byLS), func(j int) bool { return ix.byLS[j].c.When.LatestStart >= y })
	if j == 0 {
		return nil
	}
	return pick(ix.byLS, ix.preBest[j-1], ix.preB[j-1], subject)
}

// is reports whether c is the claim skip, by id as the rest of Bound
// compares claims: a caller may ask about a copy (the network reuses one
// claim for every relation it reads).
func is(c, skip *tokumu.Claim) bool { return skip != nil && c.ID == skip.ID }
