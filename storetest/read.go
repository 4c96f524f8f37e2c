package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// testEmpty: a new store holds nothing, says so without errors, and
// reports missing entities and sources as ENOTFOUND.
func testEmpty(t testing.TB, h *harness) {
	checkContent(t, h.s, &tokumu.Dataset{}, nil)
	checkSame(t, "Stats of an empty store", mustStats(t, h.s), &tokumu.Stats{})
	_, err := h.s.Entity(ctx(), "doihara-kenji")
	checkCode(t, "Entity(doihara-kenji) of an empty store", err, tokumu.ENOTFOUND)
	_, err = h.s.Source(ctx(), "zor23")
	checkCode(t, "Source(zor23) of an empty store", err, tokumu.ENOTFOUND)
}

// testRoundTrip: everything Replace was given comes back, field by field,
// in the promised orders.
func testRoundTrip(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	checkContent(t, h.s, Fixture(), fixtureClaimOrder)
	// The hand-written entity order agrees with byte order.
	checkOrder(t, "Entities({})", entityIDs(mustEntities(t, h.s, tokumu.EntityFilter{})), fixtureEntityOrder)
}

// testClaimOrder: claims come by subject, predicate, start of time
// (undated first) and id, for the whole store, one subject, and an entity
// on both sides of its claims.
func testClaimOrder(t testing.TB, h *harness) {
	ds := orderedFixture()
	mustReplace(t, h.s, ds)
	checkClaims(t, "Claims({})", mustClaims(t, h.s, tokumu.ClaimFilter{}), ds, orderedClaimOrder)
	for _, tt := range []struct {
		f    tokumu.ClaimFilter
		want []string
	}{
		{tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces"},
			[]string{"soviet-far-eastern-forces~ffffffffffffffff", "c-zz-open", "c-est-1936", "c-real-1936", "c-aa-1939"}},
		{tokumu.ClaimFilter{Predicate: "strength", Limit: 3},
			[]string{"soviet-far-eastern-forces~ffffffffffffffff", "c-zz-open", "c-est-1936"}},
		// Subject side and object side interleave by subject; the claim
		// about itself comes once.
		{tokumu.ClaimFilter{About: "kwantung-army"},
			[]string{"c-kikan-part-of", "c-army-located", "c-army-self", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "kwantung-army", Limit: 2}, []string{"c-kikan-part-of", "c-army-located"}},
		{tokumu.ClaimFilter{Object: "kwantung-army"}, []string{"c-kikan-part-of", "c-army-self", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "kwantung-army", RelationsOnly: true, At: 19190601},
			[]string{"c-kikan-part-of", "c-army-self"}},
		{tokumu.ClaimFilter{About: "harbin"}, []string{"c-kikan-located", "c-army-located"}},
		{tokumu.ClaimFilter{From: 19390101}, []string{"c-kikan-dissolved", "c-kikan-part-of", "c-kikan-succeeded",
			"c-kid-part-of", "c-aa-1939"}},
	} {
		checkClaims(t, "Claims("+showClaimFilter(tt.f)+")", mustClaims(t, h.s, tt.f), ds, tt.want)
	}
}

// testNotFound: a missing entity or source is ENOTFOUND, not another
// error and not a nil result without one.
func testNotFound(t testing.TB, h *harness) {
	mustReplace(t, h.s, Fixture())
	for _, id := range []string{"no-such-entity", "", "Doihara-Kenji", "doihara-kenji "} {
		_, err := h.s.Entity(ctx(), id)
		checkCode(t, fmt.Sprintf("Entity(%q)", id), err, tokumu.ENOTFOUND)
	}
	for _, id := range []string{"nope", "", "ZOR23"} {
		_, err := h.s.Source(ctx(), id)
		checkCode(t, fmt.Sprintf("Source(%q)", id), err, tokumu.ENOTFOUND)
	}
	// An unknown id in a filter is no error: it selects nothing.
	if cs := mustClaims(t, h.s, tokumu.ClaimFilter{Subject: "no-such-entity"}); len(cs) != 0 {
		t.Errorf("Claims(Subject: no-such-entity) = %q, want none", claimIDs(cs))
	}
	if es := mustEntities(t, h.s, tokumu.EntityFilter{IDs: []string{"no-such-entity"}}); len(es) != 0 {
		t.Errorf("Entities(IDs: no-such-entity) = %q, want none", entityIDs(es))
	}
}

// testEntitiesFilter: every EntityFilter field, alone and combined; ids
// unknown or repeated; results in id order, whole.
func testEntitiesFilter(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	all := fixtureEntityOrder
	for _, tt := range []struct {
		f    tokumu.EntityFilter
		want []string
	}{
		{tokumu.EntityFilter{}, all},
		{tokumu.EntityFilter{IDs: []string{}}, all},
		{tokumu.EntityFilter{Type: tokumu.Person}, []string{"doihara-kenji", "lyushkov-genrikh"}},
		{tokumu.EntityFilter{Type: tokumu.Operation}, []string{"placeholder-deception"}},
		{tokumu.EntityFilter{Type: tokumu.Period}, nil},
		{tokumu.EntityFilter{IDs: []string{"kwantung-army"}}, []string{"kwantung-army"}},
		{tokumu.EntityFilter{IDs: []string{"kwantung-army", "harbin"}}, []string{"harbin", "kwantung-army"}},
		{tokumu.EntityFilter{IDs: []string{"lyushkov-genrikh", "nobody", "harbin", "lyushkov-genrikh", "harbin"}},
			[]string{"harbin", "lyushkov-genrikh"}},
		{tokumu.EntityFilter{IDs: []string{"nobody", "nothing"}}, nil},
		{tokumu.EntityFilter{Type: tokumu.Organization, IDs: []string{"harbin", "kwantung-army-intelligence-department", "kwantung-army"}},
			[]string{"kwantung-army", "kwantung-army-intelligence-department"}},
		{tokumu.EntityFilter{Limit: 2}, all[:2]},
		{tokumu.EntityFilter{Limit: 100}, all},
		{tokumu.EntityFilter{Type: tokumu.Organization, Limit: 2}, []string{"harbin-tokumu-kikan", "kwantung-army"}},
		{tokumu.EntityFilter{IDs: []string{"soviet-far-eastern-forces", "harbin", "doihara-kenji"}, Limit: 2},
			[]string{"doihara-kenji", "harbin"}},
		{tokumu.EntityFilter{Type: tokumu.Person, IDs: []string{"soviet-far-eastern-forces", "lyushkov-genrikh", "doihara-kenji"}, Limit: 1},
			[]string{"doihara-kenji"}},
	} {
		what := "Entities(" + showEntityFilter(tt.f) + ")"
		es := mustEntities(t, h.s, tt.f)
		checkOrder(t, what, entityIDs(es), tt.want)
		if slices.Equal(entityIDs(es), tt.want) {
			checkSame(t, what, es, byIDs(ds.Entities, func(e *tokumu.Entity) string { return e.ID }, tt.want...))
		}
	}
}

// testManyIDs: Entities takes 40,000 ids (more than SQLite's 32,766
// variables, most of PostgreSQL's 65,535 parameters), with unknown and
// repeated ones, and returns them in byte order of id.
func testManyIDs(t testing.TB, h *harness) {
	const n = 40000
	ds, listed := manyEntities(n)
	mustReplace(t, h.s, ds)
	sorted := slices.Clone(listed)
	slices.Sort(sorted)

	query := slices.Clone(listed)
	query = append(query, listed[:100]...) // repeated
	for i := range 100 {
		query = append(query, fmt.Sprintf("unknown-%d", i))
	}
	es := mustEntities(t, h.s, tokumu.EntityFilter{IDs: query})
	checkOrder(t, fmt.Sprintf("Entities with %d ids", len(query)), entityIDs(es), sorted)
	for _, e := range es {
		if len(e.Names) != 1 || e.Names[0].Text != "name "+e.ID {
			t.Errorf("Entities with %d ids: %s has names %+v", len(query), e.ID, e.Names)
			break
		}
	}

	es = mustEntities(t, h.s, tokumu.EntityFilter{IDs: query, Limit: 10})
	checkOrder(t, fmt.Sprintf("Entities with %d ids, limit 10", len(query)), entityIDs(es), sorted[:10])
	es = mustEntities(t, h.s, tokumu.EntityFilter{})
	checkOrder(t, "Entities({}) of 40,000", entityIDs(es), sorted)
}

// testClaimsFilter: every ClaimFilter field but the times, alone and
// combined, in the promised order, whole.
func testClaimsFilter(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	for _, tt := range []struct {
		f    tokumu.ClaimFilter
		want []string
	}{
		{tokumu.ClaimFilter{}, fixtureClaimOrder},
		{tokumu.ClaimFilter{Subject: "doihara-kenji"}, []string{"c-doihara-born", "c-doihara-head"}},
		{tokumu.ClaimFilter{Subject: "harbin"}, nil},
		{tokumu.ClaimFilter{Object: "harbin-tokumu-kikan"}, []string{"c-doihara-head"}},
		{tokumu.ClaimFilter{Object: "kwantung-army"}, []string{"c-kikan-part-of", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan"},
			[]string{"c-doihara-head", "c-kikan-dissolved", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded"}},
		// About is subject or object: not the place, the perspective,
		// the planter or the evidence of a claim.
		{tokumu.ClaimFilter{About: "harbin"}, []string{"c-kikan-located"}},
		{tokumu.ClaimFilter{About: "placeholder-deception"}, nil},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", Predicate: "head_of"}, []string{"c-doihara-head"}},
		{tokumu.ClaimFilter{About: "kwantung-army", Source: "zor23"}, []string{"c-kikan-part-of", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "soviet-far-eastern-forces", Perspective: "kwantung-army"}, []string{"c-est-1936"}},
		{tokumu.ClaimFilter{Predicate: "strength"}, []string{"c-est-1936", "c-real-1936"}},
		{tokumu.ClaimFilter{Predicate: "part_of"}, []string{"c-kikan-part-of", "c-kid-part-of"}},
		{tokumu.ClaimFilter{Predicate: "no_such_predicate"}, nil},
		{tokumu.ClaimFilter{Source: "zor23"},
			[]string{"c-kikan-dissolved", "c-kikan-part-of", "c-kikan-succeeded", "c-kid-part-of", "c-est-1936"}},
		{tokumu.ClaimFilter{Source: "yak"}, []string{"c-doihara-born", "c-doihara-head", "c-kikan-located", "c-real-1936"}},
		{tokumu.ClaimFilter{Source: "jm-placeholder"}, nil},
		{tokumu.ClaimFilter{Perspective: "kwantung-army"}, []string{"c-est-1936"}},
		{tokumu.ClaimFilter{Perspective: "harbin-tokumu-kikan"}, nil},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Source: "yak"}, []string{"c-kikan-located"}},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Object: "kwantung-army"}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Predicate: "part_of", Source: "zor23"}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Predicate: "part_of", Source: "yak"}, nil},
		{tokumu.ClaimFilter{RelationsOnly: true},
			[]string{"c-doihara-head", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "doihara-kenji", RelationsOnly: true}, []string{"c-doihara-head"}},
		{tokumu.ClaimFilter{Predicate: "strength", RelationsOnly: true}, nil},
		{tokumu.ClaimFilter{Limit: 3}, fixtureClaimOrder[:3]},
		{tokumu.ClaimFilter{Limit: 100}, fixtureClaimOrder},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Limit: 1}, []string{"c-kikan-dissolved"}},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", Limit: 2}, []string{"c-doihara-head", "c-kikan-dissolved"}},
		{tokumu.ClaimFilter{Source: "zor23", RelationsOnly: true, Limit: 2}, []string{"c-kikan-part-of", "c-kikan-succeeded"}},
	} {
		checkClaims(t, "Claims("+showClaimFilter(tt.f)+")", mustClaims(t, h.s, tt.f), ds, tt.want)
	}
}

// testClaimsTime: At, From and To select on the outer bounds of a claim's
// time, inclusive, and leave out undated claims.
func testClaimsTime(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	for _, tt := range []struct {
		f    tokumu.ClaimFilter
		want []string
	}{
		// The 1940 conversion: the agency is part of the Kwantung Army
		// before, the department after.
		{tokumu.ClaimFilter{About: "kwantung-army", At: 19390601}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{About: "kwantung-army", At: 19410601}, []string{"c-kid-part-of"}},
		// Bounds are inclusive: 1919/1940 possibly includes 1940-12-31.
		{tokumu.ClaimFilter{About: "kwantung-army", At: 19401231}, []string{"c-kikan-part-of", "c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "kwantung-army", At: 19450831}, []string{"c-kid-part-of"}},
		{tokumu.ClaimFilter{About: "kwantung-army", At: 19450901}, nil},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", At: 19190101}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", At: 19181231}, nil},
		// "Possibly": a day where the start may still lie counts.
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", At: 19190601, RelationsOnly: true}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", At: 19321115},
			[]string{"c-doihara-head", "c-kikan-part-of"}},
		// Undated claims (c-kikan-located) never hold at a date.
		{tokumu.ClaimFilter{About: "harbin-tokumu-kikan", At: 19500101}, nil},
		{tokumu.ClaimFilter{At: 18830808}, []string{"c-doihara-born"}},
		{tokumu.ClaimFilter{At: 19360615, Perspective: "kwantung-army"}, []string{"c-est-1936"}},
		{tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces", From: 19361231}, []string{"c-est-1936", "c-real-1936"}},
		{tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces", From: 19370101}, nil},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", To: 19190101}, []string{"c-kikan-part-of"}},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", To: 19181231}, nil},
		{tokumu.ClaimFilter{About: "kwantung-army", From: 19410101, To: 19420101}, []string{"c-kid-part-of"}},
		{tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", From: 19400101, To: 19400101},
			[]string{"c-kikan-dissolved", "c-kikan-part-of", "c-kikan-succeeded"}},
		{tokumu.ClaimFilter{To: 18831231}, []string{"c-doihara-born"}},
		{tokumu.ClaimFilter{From: 19450831}, []string{"c-kid-part-of"}},
		{tokumu.ClaimFilter{From: 19450901}, nil},
		// Undated claims are left out of a range too.
		{tokumu.ClaimFilter{From: 18000101, To: 19991231, RelationsOnly: true},
			[]string{"c-doihara-head", "c-kikan-part-of", "c-kikan-succeeded", "c-kid-part-of"}},
		{tokumu.ClaimFilter{At: 19360101, From: 19300101, To: 19391231}, []string{"c-kikan-part-of", "c-est-1936", "c-real-1936"}},
	} {
		checkClaims(t, "Claims("+showClaimFilter(tt.f)+")", mustClaims(t, h.s, tt.f), ds, tt.want)
	}
}

// showClaimFilter writes the fields of f that are set.
func showClaimFilter(f tokumu.ClaimFilter) string {
	var parts []string
	for _, kv := range []struct{ k, v string }{
		{"Subject", f.Subject}, {"Object", f.Object}, {"About", f.About}, {"Predicate", f.Predicate},
		{"Source", f.Source}, {"Perspective", f.Perspective},
	} {
		if kv.v != "" {
			parts = append(parts, kv.k+":"+kv.v)
		}
	}
	for _, kv := range []struct {
		k string
		d tokumu.Day
	}{{"At", f.At}, {"From", f.From}, {"To", f.To}} {
		if kv.d != 0 {
			parts = append(parts, kv.k+":"+kv.d.String())
		}
	}
	if f.RelationsOnly {
		parts = append(parts, "RelationsOnly")
	}
	if f.Limit != 0 {
		parts = append(parts, fmt.Sprintf("Limit:%d", f.Limit))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// testEachClaimStops: an error from fn ends the walk at once and is what
// EachClaim returns; a cancelled context ends it with an error.
func testEachClaimStops(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	stop := errors.New("enough")
	var seen []string
	err := h.s.EachClaim(ctx(), tokumu.ClaimFilter{}, func(c *tokumu.Claim) error {
		seen = append(seen, c.ID)
		if len(seen) == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("EachClaim with fn failing on the 2nd claim returned %v, want fn's error", err)
	}
	checkOrder(t, "claims EachClaim handed out before fn failed", seen, fixtureClaimOrder[:2])
	c, cancel := context.WithCancel(ctx())
	cancel()
	calls := 0
	if err := h.s.EachClaim(c, tokumu.ClaimFilter{}, func(*tokumu.Claim) error { calls++; return nil }); err == nil {
		t.Errorf("EachClaim on a cancelled context returned nil after %d claims, want an error", calls)
	}
}
