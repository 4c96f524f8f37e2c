package tokumu

import (
	"sort"
	"strings"
)

// ClaimGroup is the claims about an entity under one predicate and
// direction, in time order: what an entity page shows as one section.
type ClaimGroup struct {
	Predicate string
	Inverse   bool // the entity is the object: the claims read with the inverse label
	Claims    []*Claim
}

// GroupClaims groups the claims about entity id by predicate and
// direction, keeping vocabulary order when preds is given (else id order),
// and orders each group by time, then by object or value.
func GroupClaims(id string, claims []*Claim, preds []*Predicate) []ClaimGroup {
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
func SortClaims(cs []*Claim) {
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
	Claims    []*Claim
	Reason    string // "different dates", "different values", "different objects"
}

// functional predicates hold once per subject: any two claims that differ
// on time, value or object disagree.
var functional = map[string]bool{
	"born": true, "died": true, "founded": true, "dissolved": true,
	"occurred": true, "coordinates": true, "covers": true,
}

// FindDisagreements returns the disagreements among claims, grouped as an
// entity page shows them. Claims with different perspectives never
// disagree: an estimate is not a contradiction of the actual figure, it is
// the point. Claims that are identical but for their source corroborate,
// they do not disagree.
func FindDisagreements(claims []*Claim, preds map[string]*Predicate) []Disagreement {
	type key struct{ s, p, o, persp, unit, when string }
	buckets := map[key][]*Claim{}
	var keys []key
	for _, c := range claims {
		p := preds[c.Predicate]
		k := key{s: c.Subject, p: c.Predicate, persp: c.Perspective, unit: c.Unit}
		switch {
		case functional[c.Predicate]:
		case p != nil && p.Literal == LiteralNumber:
			k.when = c.When.EDTF
		case c.Object != "":
			k.o = c.Object
		default:
			continue // text values and the like accumulate; they do not compete
		}
		if _, ok := buckets[k]; !ok {
			keys = append(keys, k)
		}
		buckets[k] = append(buckets[k], c)
	}
	var out []Disagreement
	for _, k := range keys {
		cs := buckets[k]
		if len(cs) < 2 {
			continue
		}
		sources := map[string]bool{}
		variants := map[string]bool{}
		for _, c := range cs {
			sources[c.Source] = true
			variants[c.Object+"\x00"+c.Value+"\x00"+c.When.EDTF+"\x00"+c.Where] = true
		}
		if len(sources) < 2 || len(variants) < 2 {
			continue
		}
		d := Disagreement{Subject: k.s, Predicate: k.p, Object: k.o, Claims: append([]*Claim(nil), cs...)}
		d.Reason = reason(cs)
		SortClaims(d.Claims)
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		return out[i].Predicate < out[j].Predicate
	})
	return out
}

func reason(cs []*Claim) string {
	var r []string
	diff := func(f func(*Claim) string) bool {
		for _, c := range cs[1:] {
			if f(c) != f(cs[0]) {
				return true
			}
		}
		return false
	}
	if diff(func(c *Claim) string { return c.Object }) {
		r = append(r, "different objects")
	}
	if diff(func(c *Claim) string { return c.Value }) {
		r = append(r, "different values")
	}
	if diff(func(c *Claim) string { return c.When.EDTF }) {
		r = append(r, "different dates")
	}
	if diff(func(c *Claim) string { return c.Where }) {
		r = append(r, "different places")
	}
	return strings.Join(r, ", ")
}
