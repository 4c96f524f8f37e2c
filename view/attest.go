package view

import (
	"fmt"
	"slices"

	"github.com/tokumu/tokumu"
)

// Attestation says how many sources assert what a claim asserts, and how
// many of them are independent: two sources are one witness when either
// derives from the other or both derive from a common source
// (Source.DerivedFrom, followed to the end of the chain), or when one
// person wrote both (two books of Mozokhin's rest on one research). "3
// sources, 1 independent" is a memoir, a popular book and the
// interrogation report both retell.
type Attestation struct {
	Sources     []string `json:"sources"`     // the sources that assert it, sorted
	Independent int      `json:"independent"` // how many independent witnesses they are
}

// String reads "3 sources, 1 independent", or "" for a single source.
func (a Attestation) String() string {
	if len(a.Sources) < 2 {
		return ""
	}
	return fmt.Sprintf("%d sources, %d independent", len(a.Sources), a.Independent)
}

// Attester finds, for any claim, the claims that say the same thing: the
// same subject, predicate, object or value (numbers compared as numbers,
// with their bounds), unit and perspective, and the same time or a
// narrower one within it (attests): "1939-01" attests "1939", not the
// other way round; two versions of a tenure ("1938-04/" and "1938-08/"),
// which the disagreements list, do not attest each other, nor does an
// opening attest a closing. A claim without a date attests, and is
// attested by, any claim of the same thing: it says only that it held.
// Place and role narrow in the same way: "died in Tokyo on 7 November
// 1944" attests "died on 7 November 1944", and a post held as chief of
// staff attests the membership of a source that names no post — not the
// other way round, and two places or two posts are two assertions.
type Attester struct {
	roots   map[string][]string           // source → the sources at the ends of its derivation chains
	authors map[string][]string           // source → its personal authors ("Family, Given")
	same    map[attestKey][]*tokumu.Claim // by everything but role and place
}

type attestKey struct{ subj, pred, obj, val, unit, by string }

func keyOf(c *tokumu.Claim) attestKey {
	v := c.Value
	if f, b, ok := tokumu.ReadQuantity(v); ok {
		v = string(b) + fmt.Sprint(f) // "≥4" is not the same assertion as "4"
	}
	return attestKey{c.Subject, c.Predicate, c.Object, v, c.Unit, c.Perspective}
}

// narrows reports whether a claim's place or role o says c's or more: the
// same, or c gives none.
func narrows(o, c string) bool { return o == c || c == "" }

// NewAttester indexes the claims and the derivation chains of sources.
func NewAttester(sources []*tokumu.Source, claims []*tokumu.Claim) *Attester {
	a := &Attester{roots: map[string][]string{}, authors: map[string][]string{}, same: map[attestKey][]*tokumu.Claim{}}
	parents := map[string][]string{}
	for _, s := range sources {
		parents[s.ID] = s.DerivedFrom
		for _, au := range s.Authors {
			// An institution or "Wikipedia contributors" writes many
			// independent documents; a person's works are one witness.
			if au.Literal == "" && au.Family != "" {
				a.authors[s.ID] = append(a.authors[s.ID], au.Family+", "+au.Given)
			}
		}
	}
	var roots func(id string, seen map[string]bool) []string
	roots = func(id string, seen map[string]bool) []string {
		if r, ok := a.roots[id]; ok {
			return r
		}
		if seen[id] { // a cycle: its members are one witness
			return []string{id}
		}
		seen[id] = true
		var out []string
		for _, p := range parents[id] {
			out = append(out, roots(p, seen)...)
		}
		if len(out) == 0 {
			out = []string{id}
		}
		slices.Sort(out)
		out = slices.Compact(out)
		a.roots[id] = out
		return out
	}
	for _, s := range sources {
		roots(s.ID, map[string]bool{})
	}
	for _, c := range claims {
		k := keyOf(c)
		a.same[k] = append(a.same[k], c)
	}
	return a
}

// Of returns the attestation of c.
func (a *Attester) Of(c *tokumu.Claim) Attestation {
	var srcs []string
	for _, o := range a.same[keyOf(c)] {
		if o == c || narrows(o.Where, c.Where) && narrows(o.Role, c.Role) && attests(o.When, c.When) {
			srcs = append(srcs, o.Source)
		}
	}
	slices.Sort(srcs)
	srcs = slices.Compact(srcs)
	return Attestation{Sources: srcs, Independent: a.independent(srcs)}
}

// independent counts the groups of sources that share no root: a
// union–find over the roots of their derivation chains.
func (a *Attester) independent(srcs []string) int {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		parent[x] = x
		return x
	}
	for _, s := range srcs {
		rs := a.roots[s]
		if len(rs) == 0 {
			rs = []string{s}
		}
		for _, r := range rs {
			parent[find(r)] = find(rs[0])
		}
		parent[find(s)] = find(rs[0])
		for _, au := range a.authors[s] {
			parent[find("author:"+au)] = find(s)
		}
	}
	groups := map[string]bool{}
	for _, s := range srcs {
		groups[find(s)] = true
	}
	return len(groups)
}

// attests reports whether a claim dated o attests one dated c: either is
// undated, or o is c's date or a narrower one within it — of two
// intervals, one that tells the same holding (oneHolding), not another
// version of it.
func attests(o, c tokumu.When) bool {
	switch {
	case c.IsZero(), o.IsZero():
		return true // a source that gives no date says only that it held
	case o.EDTF == c.EDTF:
		return true
	case o.Earliest < c.Earliest || o.Latest > c.Latest:
		return false
	case o.Interval && c.Interval:
		return oneHolding(o, c)
	}
	return true
}

// Confirmation is a claim graded credibility 1 ("confirmed by other
// sources") with its attestation.
type Confirmation struct {
	Claim       *tokumu.Claim
	Attestation Attestation
}

// SingleWitness returns the claims graded credibility 1 whose sources
// are one independent witness: the confirmation the grade claims is not
// in the corpus (the other sources may exist but are not cited, or only
// repeat the first).
func SingleWitness(a *Attester, claims []*tokumu.Claim) []Confirmation {
	var out []Confirmation
	for _, c := range claims {
		if c.Grade.Credibility != 1 {
			continue
		}
		if at := a.Of(c); at.Independent <= 1 {
			out = append(out, Confirmation{c, at})
		}
	}
	return out
}
