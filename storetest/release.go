package storetest

import (
	"testing"
	"time"

	"github.com/tokumu/tokumu"
)

// releaseCases run when Config.Releases is set.
var releaseCases = []testCase{
	{"Releases", testReleases},
	{"ReleasesSurviveReplace", testReleasesSurviveReplace},
}

func releases(t testing.TB, h *harness) (tokumu.Releases, tokumu.Editor) {
	t.Helper()
	rs, ok := h.s.(tokumu.Releases)
	if !ok {
		t.Fatalf("Config.Releases is set but %T does not implement tokumu.Releases", h.s)
	}
	return rs, editor(t, h)
}

// readAll reads the store's whole content as a Dataset, in the stores'
// orders (what `tokumu release create` freezes).
func readAll(t testing.TB, s tokumu.Store) *tokumu.Dataset {
	t.Helper()
	ds := &tokumu.Dataset{}
	var err error
	if ds.Predicates, err = s.Predicates(ctx()); err != nil {
		t.Fatal(err)
	}
	if ds.Sources, err = s.Sources(ctx()); err != nil {
		t.Fatal(err)
	}
	ds.Entities = mustEntities(t, s, tokumu.EntityFilter{})
	ds.Claims = mustClaims(t, s, tokumu.ClaimFilter{})
	st, err := s.Settings(ctx())
	if err != nil {
		t.Fatal(err)
	}
	ds.Settings = *st
	return ds
}

// testReleases: a release keeps the content it was given, whole and in
// order; a claim changed after it is read from the release as it was and
// from a later release as it is; names are unique; the list is newest
// first; unknown releases and claims are ENOTFOUND.
func testReleases(t testing.TB, h *harness) {
	rs, ed := releases(t, h)
	if l, err := rs.ListReleases(ctx()); err != nil || len(l) != 0 {
		t.Fatalf("ListReleases on a store without releases: %v, %v; want none", l, err)
	}
	first := readAll(t, h.s)
	created := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	r1 := &tokumu.Release{Name: "aaaaaaaaaaaa", Hash: "aaaaaaaaaaaa" + "0123", Created: created, Note: "first",
		Entities: len(first.Entities), Claims: len(first.Claims), Sources: len(first.Sources)}
	if err := rs.CreateRelease(ctx(), r1, first); err != nil {
		t.Fatal(err)
	}
	old := claimByID(t, h.s, "doihara-kenji", "c-doihara-head")
	upd := *old
	upd.Locator = "p/77"
	mustApply(t, ed, &tokumu.Revision{Author: "alice", Message: "p/77", Changes: []tokumu.Change{put(tokumu.KindClaim, upd.ID, &upd)}})
	second := readAll(t, h.s)
	r2 := &tokumu.Release{Name: "bbbbbbbbbbbb", Hash: "bbbbbbbbbbbb" + "4567", Revision: 1, Created: created.Add(time.Hour),
		Entities: len(second.Entities), Claims: len(second.Claims), Sources: len(second.Sources)}
	if err := rs.CreateRelease(ctx(), r2, second); err != nil {
		t.Fatal(err)
	}
	checkCode(t, "a second release of the same name", rs.CreateRelease(ctx(), r1, second), tokumu.ECONFLICT)

	got, err := rs.ReleaseDataset(ctx(), r1.Name)
	if err != nil {
		t.Fatal(err)
	}
	first.Hash = r1.Hash
	checkDiff(t, "ReleaseDataset(r1)", got, first)
	c1, err := rs.ReleaseClaim(ctx(), r1.Name, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkDiff(t, "the claim as of r1", c1, old)
	c2, err := rs.ReleaseClaim(ctx(), r2.Name, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Locator != "p/77" || c1.Locator == "p/77" {
		t.Errorf("the claim's locator as of r1 %q and r2 %q; want the old one, then p/77", c1.Locator, c2.Locator)
	}
	l, err := rs.ListReleases(ctx())
	if err != nil {
		t.Fatal(err)
	}
	checkDiff(t, "ListReleases", l, []*tokumu.Release{r2, r1})
	if r, err := rs.Release(ctx(), r1.Name); err != nil {
		t.Fatal(err)
	} else {
		checkDiff(t, "Release(r1)", r, r1)
	}
	_, err = rs.Release(ctx(), "cccccccccccc")
	checkCode(t, "Release of an unknown name", err, tokumu.ENOTFOUND)
	_, err = rs.ReleaseDataset(ctx(), "cccccccccccc")
	checkCode(t, "ReleaseDataset of an unknown name", err, tokumu.ENOTFOUND)
	_, err = rs.ReleaseClaim(ctx(), r1.Name, "no-such-claim")
	checkCode(t, "ReleaseClaim of an unknown claim", err, tokumu.ENOTFOUND)
	_, err = rs.ReleaseClaim(ctx(), "cccccccccccc", old.ID)
	checkCode(t, "ReleaseClaim in an unknown release", err, tokumu.ENOTFOUND)
}

// testReleasesSurviveReplace: importing a new corpus (Replace) leaves the
// releases as they were.
func testReleasesSurviveReplace(t testing.TB, h *harness) {
	rs, _ := releases(t, h)
	ds := readAll(t, h.s)
	r := &tokumu.Release{Name: "dddddddddddd", Hash: "dddddddddddd", Created: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), Claims: len(ds.Claims)}
	if err := rs.CreateRelease(ctx(), r, ds); err != nil {
		t.Fatal(err)
	}
	mustReplace(t, h.s, &tokumu.Dataset{Predicates: ds.Predicates, Sources: ds.Sources, Entities: ds.Entities})
	got, err := rs.ReleaseDataset(ctx(), r.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Claims) != len(ds.Claims) || len(ds.Claims) == 0 {
		t.Errorf("after an import without claims the release holds %d claims; want its %d", len(got.Claims), len(ds.Claims))
	}
}
