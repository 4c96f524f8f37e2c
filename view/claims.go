package view

import (
	"math"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// ClaimGroup is the claims about an entity under one predicate and
// direction, in time order: what an entity page shows as one section.
type ClaimGroup struct {
	Predicate string
	Inverse   bool // the entity is the object: the claims read with the inverse label
	Claims    []*tokumu.Claim
}

// GroupClaims groups the claims about entity id by predicate and
// direction, keeping vocabulary order when preds is given (else id order),
// and orders each group by time, then by object or value.
func GroupClaims(id string, claims []*tokumu.Claim, preds []*tokumu.Predicate) []ClaimGroup {
	order := map[string]int{}
	for i, p := range preds {
		order[p.ID] = i
	}
	type key struct {
		p   string
		inv bool
	}
	groups := map[key]*ClaimGroup{}
	var keys []key
	for _, c := range claims {
		k := key{c.Predicate, c.Subject != id}
		g := groups[k]
		if g == nil {
			g = &ClaimGroup{Predicate: c.Predicate, Inverse: k.inv}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Claims = append(g.Claims, c)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.inv != b.inv {
			return !a.inv
		}
		oa, okA := order[a.p]
		ob, okB := order[b.p]
		if okA && okB && oa != ob {
			return oa < ob
		}
		if okA != okB {
			return okA
		}
		return a.p < b.p
	})
	out := make([]ClaimGroup, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		SortClaims(g.Claims)
		out = append(out, *g)
	}
	return out
}

// SortClaims orders claims by time (undated last), then object or value,
// then id, so the same claims always print in the same order.
func SortClaims(cs []*tokumu.Claim) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.When.IsZero() != b.When.IsZero() {
			return !a.When.IsZero()
		}
		if a.When.Earliest != b.When.Earliest {
			return a.When.Earliest < b.When.Earliest
		}
		if a.When.Latest != b.When.Latest {
			return a.When.Latest < b.When.Latest
		}
		if a.Object+a.Value != b.Object+b.Value {
			return a.Object+a.Value < b.Object+b.Value
		}
		return a.ID < b.ID
	})
}

// Disagreement is a set of claims from different sources that cannot all
// be true together: two birth dates, two heads' tenures for the same post,
// two figures for the same force in the same year and perspective.
type Disagreement struct {
	Subject   string
	Predicate string
	Object    string // set when the claims agree on the object and differ on time
	Claims    []*tokumu.Claim
	Reason    string // "different dates", "different values", "different objects", "two holders at once"
	// Possible marks a conflict that only possibly happened: two holders
	// of one office whose tenures may, but need not, overlap.
	Possible bool
}

// FindDisagreements returns the disagreements among claims, grouped as an
// entity page shows them. Two claims disagree when they come from
// different sources, are about the same subject and predicate (and object,
// for relations) from the same perspective, and cannot both be true:
//
//   - functional predicates (the vocabulary's role functional: born,
//     founded, occurred, coordinates …): the
//     dates differ, unless one is a coarser single date that contains the
//     other (1939 and 1939-01 agree; 1939-05-12 and 1939-05-11/1939-09-16
//     do not); points further apart than 0.1° in latitude or longitude;
//   - numbers (strength, losses …): different values for the same unit and
//     time;
//   - relations (head_of, attache_in …): two overlapping intervals whose
//     bounds differ where both give them (two versions of one tenure: an
//     end one leaves unknown, or gives within the other's range, agrees —
//     see oneHolding), or a single date that
//     falls inside an interval after its start (a single date on a holding
//     reads as when it began; 1938 agrees with 1938/1940, 1939 does not).
//     Relation claims whose times do not overlap are successive postings,
//     and claims with different roles (assistant attaché, attaché) are
//     different posts; neither disagrees. A relation of the role
//     once_per_object (studied_at) holds once per object, so two
//     different dates for it disagree.
//
// Claims with different perspectives never disagree: an estimate is not a
// contradiction of the actual figure, it is the point. Claims that are
// identical but for their source corroborate, they do not disagree. Each
// disagreement lists the claims linked by some disagreeing pair.
//
// With ev (else nil), two holdings of a relation whose own dates overlap
// only because one leaves its end (or start) unknown are successive
// where other evidence ends the first before the second begins: Doi's
// headship of the Russia Section from August 1935 (one source, no end)
// and from March 1940 (another) are two tenures, since his posting to
// Moscow in November 1937 ended the first (see Bound). By dates alone,
// two tenures and two versions of one are the same.
func FindDisagreements(claims []*tokumu.Claim, vocab *tokumu.Vocab, ev *Evidence) []Disagreement {
	type key struct{ s, p, o, persp, unit, when string }
	type kind int
	const (
		kFunctional kind = iota
		kNumber
		kRelation
	)
	buckets := map[key][]*tokumu.Claim{}
	kinds := map[key]kind{}
	var keys []key
	for _, c := range claims {
		p := vocab.Pred(c.Predicate)
		k := key{s: c.Subject, p: c.Predicate, persp: c.Perspective, unit: c.Unit}
		var kd kind
		switch {
		case vocab.Is(c.Predicate, tokumu.RoleFunctional):
			kd = kFunctional
		case p != nil && p.Literal == tokumu.LiteralNumber:
			k.when = c.When.EDTF
			kd = kNumber
		case c.Object != "":
			k.o = c.Object
			kd = kRelation
		default:
			continue // text values and the like accumulate; they do not compete
		}
		if _, ok := buckets[k]; !ok {
			keys = append(keys, k)
			kinds[k] = kd
		}
		buckets[k] = append(buckets[k], c)
	}
	var out []Disagreement
	for _, k := range keys {
		cs := buckets[k]
		if len(cs) < 2 {
			continue
		}
		var conflict func(a, b *tokumu.Claim) bool
		switch kinds[k] {
		case kFunctional:
			conflict = functionalConflict
		case kNumber:
			conflict = func(a, b *tokumu.Claim) bool { return a.Value != b.Value }
		default:
			once := vocab.Is(k.p, tokumu.RoleOncePerObject)
			conflict = func(a, b *tokumu.Claim) bool {
				// A relation held once (studied_at) has no second tenure.
				return relationConflict(a, b, once) && (once || ev == nil || !ev.successive(a, b))
			}
		}
		// Link the claims of the bucket by disagreeing pairs; each group of
		// linked claims is one disagreement.
		parent := make([]int, len(cs))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		linked := make([]bool, len(cs))
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := cs[i], cs[j]
				if a.Source == b.Source || sameVariant(a, b) || !conflict(a, b) {
					continue
				}
				linked[i], linked[j] = true, true
				parent[find(i)] = find(j)
			}
		}
		groups := map[int][]*tokumu.Claim{}
		var roots []int
		for i, c := range cs {
			if !linked[i] {
				continue
			}
			r := find(i)
			if _, ok := groups[r]; !ok {
				roots = append(roots, r)
			}
			groups[r] = append(groups[r], c)
		}
		for _, r := range roots {
			g := groups[r]
			d := Disagreement{Subject: k.s, Predicate: k.p, Object: k.o, Claims: g}
			d.Reason = reason(g)
			SortClaims(d.Claims)
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		return out[i].Predicate < out[j].Predicate
	})
	return out
}

func sameVariant(a, b *tokumu.Claim) bool {
	return a.Object == b.Object && a.Value == b.Value && a.When.EDTF == b.When.EDTF && a.Where == b.Where
}

// functionalConflict: two claims of a once-only predicate disagree when
// their values, places or dates differ, unless one date is a single,
// coarser date containing the other (a refinement, not a contradiction).
func functionalConflict(a, b *tokumu.Claim) bool {
	if a.Value != b.Value {
		if alat, alon, err := tokumu.ParsePoint(a.Value); err == nil {
			if blat, blon, err := tokumu.ParsePoint(b.Value); err == nil {
				if math.Abs(alat-blat) > 0.1 || math.Abs(alon-blon) > 0.1 {
					return true
				}
				return a.When.EDTF != b.When.EDTF && !refines(a.When, b.When)
			}
		}
		return true
	}
	if a.Where != "" && b.Where != "" && a.Where != b.Where {
		return true
	}
	if a.When.EDTF == b.When.EDTF || a.When.IsZero() || b.When.IsZero() {
		return false
	}
	if a.When.Interval && b.When.Interval {
		return !oneHolding(a.When, b.When) // one span, one end left unknown by a source
	}
	return !refines(a.When, b.When)
}

// refines reports whether one of two dates is a single date that contains
// the other: 1939 and 1939-01, 1930 and 1930-22 (summer).
func refines(a, b tokumu.When) bool {
	contains := func(x, y tokumu.When) bool {
		return !x.Interval && x.Earliest <= y.Earliest && y.Latest <= x.Latest
	}
	return contains(a, b) || contains(b, a)
}

// relationConflict: two claims of the same relation (same subject, object
// and perspective) disagree when they describe the same holding
// differently: roles that do not differ, and times that are both
// intervals, overlap and differ. Once-per-object relations disagree on
// any two dates that are not refinements of each other.
func relationConflict(a, b *tokumu.Claim, oncePerObject bool) bool {
	if a.Role != "" && b.Role != "" && a.Role != b.Role {
		return false
	}
	if a.When.IsZero() || b.When.IsZero() {
		// an undated claim says only that the relation held at some time
		return a.When.IsZero() && b.When.IsZero() && a.Where != "" && b.Where != "" && a.Where != b.Where
	}
	if oncePerObject {
		return a.When.EDTF != b.When.EDTF && !refines(a.When, b.When)
	}
	if !a.When.Overlaps(b.When) {
		return false // successive holdings
	}
	placesDiffer := a.Where != "" && b.Where != "" && a.Where != b.Where
	if a.When.Interval && b.When.Interval {
		return !oneHolding(a.When, b.When) || placesDiffer
	}
	if a.When.Interval != b.When.Interval {
		// A single date on a holding reads as when it began: it agrees
		// with an interval that can start then, and disagrees with one
		// that had already begun.
		pt, iv := a.When, b.When
		if a.When.Interval {
			pt, iv = b.When, a.When
		}
		lo, hi := iv.Earliest, iv.LatestStart
		if hi <= tokumu.MinDay { // open start: any time up to the end
			hi = iv.Latest
		}
		if pt.Latest >= lo && pt.Earliest <= hi {
			return placesDiffer
		}
		return true
	}
	return a.When.EDTF == b.When.EDTF && placesDiffer
}

// oneHolding reports whether two intervals can tell one holding: each
// end that both give agrees, one lying within the other's range, and an
// end one leaves unknown agrees with any. "1926/" (opened in 1926) and
// "/1937" (closed in 1937) are one holding told by two sources, as are
// "1945-08-09/" and "1945-08-09/1945-09-02", and "1937/1938" and
// "1937-08/1938-07" (the same tenure, told precisely); "1937/1939" and
// "1938/1939" are two versions of it.
func oneHolding(a, b tokumu.When) bool {
	starts := a.Earliest <= tokumu.MinDay || b.Earliest <= tokumu.MinDay ||
		a.Earliest <= b.LatestStart && b.Earliest <= a.LatestStart
	ends := a.Latest >= tokumu.MaxDay || b.Latest >= tokumu.MaxDay ||
		a.EarliestEnd <= b.Latest && b.EarliestEnd <= a.Latest
	return starts && ends && a.Overlaps(b)
}

func reason(cs []*tokumu.Claim) string {
	var r []string
	diff := func(f func(*tokumu.Claim) string) bool {
		for _, c := range cs[1:] {
			if f(c) != f(cs[0]) {
				return true
			}
		}
		return false
	}
	if diff(func(c *tokumu.Claim) string { return c.Object }) {
		r = append(r, "different objects")
	}
	if diff(func(c *tokumu.Claim) string { return c.Value }) {
		r = append(r, "different values")
	}
	if diff(func(c *tokumu.Claim) string { return c.When.EDTF }) {
		r = append(r, "different dates")
	}
	if diff(func(c *tokumu.Claim) string { return c.Where }) {
		r = append(r, "different places")
	}
	return strings.Join(r, ", ")
}
