package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
)

// testSettings: Settings are those of the last Replace — zero for an empty
// store, and zero again after a Replace whose dataset has none.
func testSettings(t testing.TB, h *harness) {
	get := func(when string) *tokumu.Settings {
		t.Helper()
		st, err := h.s.Settings(ctx())
		if err != nil {
			t.Fatalf("Settings %s: %v", when, err)
		}
		if st == nil {
			t.Fatalf("Settings %s returned nil and no error", when)
		}
		return st
	}
	checkSame(t, "Settings of an empty store", get("of an empty store"), &tokumu.Settings{})
	ds := Fixture()
	before := time.Now().Add(-time.Second)
	mustReplace(t, h.s, ds)
	checkSame(t, "Settings", get("after Replace"), &ds.Settings)
	// A store that keeps imports says when: releases made before it froze
	// other data (tokumu.ImportedAt).
	if _, ok := h.s.(interface {
		ImportedAt(context.Context) (time.Time, error)
	}); ok {
		at, err := tokumu.ImportedAt(ctx(), h.s)
		if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("ImportedAt after Replace: %v, %v; want the time of the Replace", at, err)
		}
	}
	ds.Settings = tokumu.Settings{MapYear: 1945}
	ds.Hash = "other settings"
	mustReplace(t, h.s, ds)
	checkSame(t, "Settings after a second Replace", get("after a second Replace"), &ds.Settings)
	ds.Settings = tokumu.Settings{}
	ds.Hash = "no settings"
	mustReplace(t, h.s, ds)
	checkSame(t, "Settings after a Replace without settings", get("after a Replace without settings"), &tokumu.Settings{})
}

// testStats: every field of Stats, counted by hand for the fixture.
func testStats(t testing.TB, h *harness) {
	mustReplace(t, h.s, Fixture())
	checkSame(t, "Stats", mustStats(t, h.s), fixtureStats())
}

// smallDataset is a second dataset for Replace to swap the fixture for,
// and smallStats its statistics.
func smallDataset() *tokumu.Dataset {
	ds := Fixture()
	ds.Hash = "second"
	ds.Settings = tokumu.Settings{MapYear: 1940}
	ds.Predicates = ds.Predicates[:2]
	ds.Sources = ds.Sources[:1]
	ds.Entities = ds.Entities[:2]
	ds.Claims = []*tokumu.Claim{ds.Claims[6], ds.Claims[2]}
	return ds
}

var smallClaimOrder = []string{"c-kikan-part-of", "c-kid-part-of"}

func smallStats() *tokumu.Stats {
	return &tokumu.Stats{Entities: 2, Claims: 2, Sources: 1, Predicates: 2, Names: 6,
		ByType:   map[tokumu.EntityType]int{tokumu.Organization: 1, tokumu.Person: 1},
		ByGrade:  map[string]int{"B2": 2},
		BySource: map[string]int{"zor23": 2}, ByPredicate: map[string]int{"part_of": 2},
		WithLocator: 2, Dated: 2}
}

// testReplaceReplaces: a second Replace leaves nothing of the first, and a
// Replace with an empty dataset empties the store.
func testReplaceReplaces(t testing.TB, h *harness) {
	mustReplace(t, h.s, orderedFixture())
	mustReplace(t, h.s, smallDataset())
	checkContent(t, h.s, smallDataset(), smallClaimOrder)
	checkSame(t, "Stats after a second Replace", mustStats(t, h.s), smallStats())
	_, err := h.s.Entity(ctx(), "lyushkov-genrikh")
	checkCode(t, "Entity(lyushkov-genrikh) after a Replace without it", err, tokumu.ENOTFOUND)
	_, err = h.s.Source(ctx(), "yak")
	checkCode(t, "Source(yak) after a Replace without it", err, tokumu.ENOTFOUND)
	if cs := mustClaims(t, h.s, tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces"}); len(cs) != 0 {
		t.Errorf("after a Replace without them, Claims(Subject: soviet-far-eastern-forces) = %q", claimIDs(cs))
	}

	mustReplace(t, h.s, &tokumu.Dataset{})
	checkContent(t, h.s, &tokumu.Dataset{}, nil)
	checkSame(t, "Stats after Replace with an empty dataset", mustStats(t, h.s), &tokumu.Stats{})
}

// testReplaceConflict: a dataset that repeats a predicate, source, entity
// or claim id is refused with ECONFLICT, and the store keeps what it had.
func testReplaceConflict(t testing.TB, h *harness) {
	mustReplace(t, h.s, Fixture())
	for _, tt := range []struct {
		kind string
		dup  func(ds *tokumu.Dataset)
	}{
		{"predicate", func(ds *tokumu.Dataset) {
			p := *ds.Predicates[3]
			p.Origin = "vocabulary/other.yaml:1"
			ds.Predicates = append(ds.Predicates, &p)
		}},
		{"source", func(ds *tokumu.Dataset) {
			s := *ds.Sources[1]
			s.Title = "another title"
			ds.Sources = append(ds.Sources, &s)
		}},
		{"entity", func(ds *tokumu.Dataset) {
			e := *ds.Entities[4]
			e.Type = tokumu.Unit
			ds.Entities = append(ds.Entities[:1], append([]*tokumu.Entity{&e}, ds.Entities[1:]...)...)
		}},
		{"claim", func(ds *tokumu.Dataset) {
			c := *ds.Claims[0]
			c.Locator = "p/1"
			ds.Claims = append(ds.Claims, &c)
		}},
	} {
		bad := Fixture()
		bad.Hash = "bad"
		bad.Settings = tokumu.Settings{}
		bad.Claims = append(bad.Claims, &tokumu.Claim{ID: "c-new", Subject: "harbin", Predicate: "located_in",
			Object: "harbin", Source: "yak"})
		tt.dup(bad)
		err := h.s.Replace(ctx(), bad)
		if err == nil {
			t.Errorf("Replace with a repeated %s id succeeded; want ECONFLICT", tt.kind)
			mustReplace(t, h.s, Fixture())
			continue
		}
		checkCode(t, "Replace with a repeated "+tt.kind+" id", err, tokumu.ECONFLICT)
		checkContent(t, h.s, Fixture(), fixtureClaimOrder)
		checkSame(t, "Stats after a refused Replace", mustStats(t, h.s), fixtureStats())
	}
}

// testReplaceCancelled: a Replace whose context is cancelled either fails
// and leaves the store as it was, or succeeds whole.
func testReplaceCancelled(t testing.TB, h *harness) {
	mustReplace(t, h.s, Fixture())
	c, cancel := context.WithCancel(ctx())
	cancel()
	if err := h.s.Replace(c, smallDataset()); err != nil {
		checkContent(t, h.s, Fixture(), fixtureClaimOrder)
	} else {
		checkContent(t, h.s, smallDataset(), smallClaimOrder)
	}
}

// testCopies: the store keeps no part of the dataset it was given, and
// what it returns is the caller's to change.
func testCopies(t testing.TB, h *harness) {
	ds := Fixture()
	mustReplace(t, h.s, ds)
	mutateDataset(ds)
	checkContent(t, h.s, Fixture(), fixtureClaimOrder)

	es := mustEntities(t, h.s, tokumu.EntityFilter{})
	cs := mustClaims(t, h.s, tokumu.ClaimFilter{})
	e, err := h.s.Entity(ctx(), "doihara-kenji")
	if err != nil {
		t.Fatalf("Entity(doihara-kenji): %v", err)
	}
	src, err := h.s.Source(ctx(), "zor23")
	if err != nil {
		t.Fatalf("Source(zor23): %v", err)
	}
	srcs, err := h.s.Sources(ctx())
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	preds, err := h.s.Predicates(ctx())
	if err != nil {
		t.Fatalf("Predicates: %v", err)
	}
	st, err := h.s.Settings(ctx())
	if err != nil || st == nil {
		t.Fatalf("Settings: %v, %v", st, err)
	}
	stats := mustStats(t, h.s)
	mutateDataset(&tokumu.Dataset{Predicates: preds, Sources: append(srcs, src),
		Entities: append(es, e), Claims: cs})
	*st = tokumu.Settings{StructureRoot: "changed"}
	stats.Claims = -1
	stats.ByType[tokumu.Person] = -1
	stats.ByGrade["B2"] = -1
	stats.BySource["yak"] = -1
	stats.ByPredicate["born"] = -1
	checkContent(t, h.s, Fixture(), fixtureClaimOrder)
	checkSame(t, "Stats after the caller changed what Stats returned", mustStats(t, h.s), fixtureStats())
}

// mutateDataset changes every part of ds a store might share: strings,
// slices and maps of every predicate, source, entity and claim.
func mutateDataset(ds *tokumu.Dataset) {
	ds.Hash += " changed"
	ds.Settings.StructureRoot = "changed"
	for _, p := range ds.Predicates {
		p.Origin = "changed"
		if p.Label != nil {
			p.Label["en"] = "changed"
		}
		if p.Inverse != nil {
			p.Inverse["en"] = "changed"
		}
		for _, xs := range [][]tokumu.EntityType{p.Domain, p.Range} {
			if len(xs) > 0 {
				xs[0] = "changed"
			}
		}
		if len(p.Roles) > 0 {
			p.Roles[0] = "changed"
		}
	}
	for _, s := range ds.Sources {
		s.Title = "changed"
		for _, as := range [][]tokumu.Agent{s.Authors, s.Editors} {
			if len(as) > 0 {
				as[0].Family = "changed"
			}
		}
	}
	for _, e := range ds.Entities {
		e.Type = "changed"
		if len(e.Names) > 0 {
			e.Names[0].Text = "changed"
			e.Names[0].When.Text = "changed"
		}
		if e.Summary != nil {
			e.Summary["en"] = "changed"
		}
		if len(e.Tags) > 0 {
			e.Tags[0] = "changed"
		}
	}
	for _, c := range ds.Claims {
		c.Subject, c.PlantedBy, c.When.Text = "changed", "changed", "changed"
		for _, xs := range [][]string{c.SupportedBy, c.ComplicatedBy} {
			if len(xs) > 0 {
				xs[0] = "changed"
			}
		}
	}
}

// testConcurrentReads: readers that run while Replace swaps between two
// datasets see one or the other whole, never a mixture or an error.
func testConcurrentReads(t testing.TB, h *harness) {
	a, b := Fixture(), orderedFixture()
	mustReplace(t, h.s, a)
	want := map[string]int{a.Hash: len(a.Claims), b.Hash: len(b.Claims)}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				cs, err := h.s.Claims(ctx(), tokumu.ClaimFilter{})
				if err != nil {
					t.Errorf("Claims during Replace: %v", err)
					return
				}
				if n := len(cs); n != len(a.Claims) && n != len(b.Claims) {
					t.Errorf("Claims during Replace: %d claims, want %d or %d", n, len(a.Claims), len(b.Claims))
					return
				}
				hash, err := h.s.Hash(ctx())
				if err != nil {
					t.Errorf("Hash during Replace: %v", err)
					return
				}
				if _, ok := want[hash]; !ok {
					t.Errorf("Hash during Replace = %q, want %q or %q", hash, a.Hash, b.Hash)
					return
				}
				es, err := h.s.Entities(ctx(), tokumu.EntityFilter{})
				if err != nil {
					t.Errorf("Entities during Replace: %v", err)
					return
				}
				if len(es) != len(a.Entities) {
					t.Errorf("Entities during Replace: %d, want %d", len(es), len(a.Entities))
					return
				}
			}
		}()
	}
	var replaceErr error
	for i := range 20 {
		ds := a
		if i%2 == 0 {
			ds = b
		}
		if replaceErr = h.s.Replace(ctx(), ds); replaceErr != nil {
			replaceErr = fmt.Errorf("call %d of Replace while reading: %w", i, replaceErr)
			break
		}
	}
	close(stop)
	wg.Wait()
	if replaceErr != nil {
		t.Fatal(replaceErr)
	}
	checkContent(t, h.s, a, fixtureClaimOrder)
}

// testReopen: for a store that persists, what Replace wrote is there
// after Close and Open.
func testReopen(t testing.TB, h *harness) {
	if h.cfg.Reopen == nil {
		return // a store that keeps nothing across Close
	}
	mustReplace(t, h.s, Fixture())
	h.s = h.cfg.Reopen(t, h.s)
	checkContent(t, h.s, Fixture(), fixtureClaimOrder)
	checkSame(t, "Stats after reopening", mustStats(t, h.s), fixtureStats())
	mustReplace(t, h.s, smallDataset())
	h.s = h.cfg.Reopen(t, h.s)
	checkContent(t, h.s, smallDataset(), smallClaimOrder)
}
