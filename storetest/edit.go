package storetest

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
)

// editCases run when Config.Edit is set: the store must implement
// tokumu.Editor.
var editCases = []testCase{
	{"EditCreate", testEditCreate},
	{"EditUpdate", testEditUpdate},
	{"EditRetract", testEditRetract},
	{"EditInvalid", testEditInvalid},
	{"EditConflict", testEditConflict},
	{"EditNoLostUpdate", testEditNoLostUpdate},
	{"EditHistoryPages", testEditHistoryPages},
	{"EditRevert", testEditRevert},
	{"EditHistoryEntity", testEditHistoryEntity},
}

func editor(t testing.TB, h *harness) tokumu.Editor {
	t.Helper()
	ed, ok := h.s.(tokumu.Editor)
	if !ok {
		t.Fatalf("Config.Edit is set but %T does not implement tokumu.Editor", h.s)
	}
	mustReplace(t, h.s, Fixture())
	return ed
}

func mustApply(t testing.TB, ed tokumu.Editor, rev *tokumu.Revision) {
	t.Helper()
	if err := ed.Apply(ctx(), rev); err != nil {
		t.Fatalf("Apply(%s: %q): %v", rev.Author, rev.Message, err)
	}
}

func mustHistory(t testing.TB, ed tokumu.Editor, f tokumu.HistoryFilter) []*tokumu.Revision {
	t.Helper()
	rs, err := ed.History(ctx(), f)
	if err != nil {
		t.Fatalf("History(%+v): %v", f, err)
	}
	return rs
}

func claimByID(t testing.TB, s tokumu.Store, subject, id string) *tokumu.Claim {
	t.Helper()
	for _, c := range mustClaims(t, s, tokumu.ClaimFilter{Subject: subject}) {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func put(kind tokumu.ObjectKind, id string, v any) tokumu.Change {
	return tokumu.Change{Op: tokumu.OpPut, Kind: kind, ID: id, After: v}
}

func checkDiff(t testing.TB, what string, got, want any) {
	t.Helper()
	for _, d := range diff(got, want) {
		t.Errorf("%s: %s", what, d)
	}
}

// testEditCreate: an entity with names in three scripts and two claims on
// it, created in one revision, are read back; the claims get their
// effective grades (the written one; the source's default where none is
// written); the history holds the revision with no before.
func testEditCreate(t testing.TB, h *harness) {
	ed := editor(t, h)
	ent := &tokumu.Entity{ID: "test-new-agency", Type: tokumu.Organization, Names: []tokumu.Name{
		{Text: "新機関", Lang: "ja", Kind: tokumu.Native},
		{Text: "Shin Kikan", Lang: "ja-Latn", Kind: tokumu.Romanized},
		{Text: "Новый орган", Lang: "ru", Kind: tokumu.Transcribed},
	}, Summary: map[string]string{"en": "a test agency"}}
	graded := &tokumu.Claim{ID: "c-new-part-of", Subject: "test-new-agency", Predicate: "part_of", Object: "kwantung-army",
		Source: "zor23", Locator: "p/7", Grade: tokumu.Grade{Reliability: 'B', Credibility: 3}}
	ungraded := &tokumu.Claim{ID: "c-new-located", Subject: "test-new-agency", Predicate: "located_in", Object: "harbin", Source: "yak"}
	rev := &tokumu.Revision{Author: "alice", Message: "a new agency", Changes: []tokumu.Change{
		put(tokumu.KindEntity, ent.ID, ent), put(tokumu.KindClaim, graded.ID, graded), put(tokumu.KindClaim, ungraded.ID, ungraded)}}
	before := time.Now().Add(-time.Second)
	mustApply(t, ed, rev)
	if rev.ID != 1 {
		t.Errorf("the first revision's ID = %d, want 1", rev.ID)
	}
	if rev.Time.Before(before) || rev.Time.After(time.Now().Add(time.Second)) {
		t.Errorf("revision time %v is not now", rev.Time)
	}
	e, err := h.s.Entity(ctx(), ent.ID)
	if err != nil {
		t.Fatalf("Entity(%s) after creating it: %v", ent.ID, err)
	}
	checkDiff(t, "created entity", e, ent)
	// Hand-computed: B3 as written; yak is popular (D3) with reliability
	// C, so C3.
	wantGraded := *graded
	wantUngraded := *ungraded
	wantUngraded.Grade = tokumu.Grade{Reliability: 'C', Credibility: 3}
	got := mustClaims(t, h.s, tokumu.ClaimFilter{Subject: ent.ID})
	// located_in before part_of: byte order of predicates.
	checkDiff(t, "claims of the new entity", got, []*tokumu.Claim{&wantUngraded, &wantGraded})
	if n := len(mustClaims(t, h.s, tokumu.ClaimFilter{})); n != len(Fixture().Claims)+2 {
		t.Errorf("%d claims after adding 2 to the fixture's %d", n, len(Fixture().Claims))
	}
	rs := mustHistory(t, ed, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: ungraded.ID})
	if len(rs) != 1 {
		t.Fatalf("History of %s: %d revisions, want 1", ungraded.ID, len(rs))
	}
	r := rs[0]
	if r.ID != 1 || r.Author != "alice" || r.Message != "a new agency" || !r.Time.Equal(rev.Time) || len(r.Changes) != 3 {
		t.Fatalf("History: revision %d by %q (%q) at %v with %d changes; want 1 by alice (a new agency) at %v with 3",
			r.ID, r.Author, r.Message, r.Time, len(r.Changes), rev.Time)
	}
	if r.Changes[2].Before != nil || r.Changes[2].Op != tokumu.OpPut || r.Changes[2].ID != ungraded.ID {
		t.Errorf("History change 2: %+v; want a put of %s with no before", r.Changes[2], ungraded.ID)
	}
	checkDiff(t, "history after", r.Changes[2].After, &wantUngraded)
	checkDiff(t, "history entity", r.Changes[0].After, ent)
	if rs := mustHistory(t, ed, tokumu.HistoryFilter{Author: "bob"}); len(rs) != 0 {
		t.Errorf("History by bob: %d revisions, want 0", len(rs))
	}
}

// testEditUpdate: a claim and a source replaced; reads show the new
// versions, the history the old and the new.
func testEditUpdate(t testing.TB, h *harness) {
	ed := editor(t, h)
	old := claimByID(t, h.s, "doihara-kenji", "c-doihara-head")
	if old == nil {
		t.Fatal("the fixture's c-doihara-head is missing")
	}
	upd := *old
	upd.Locator = "p/15"
	mustApply(t, ed, &tokumu.Revision{Author: "alice", Message: "the page is 15", Changes: []tokumu.Change{put(tokumu.KindClaim, upd.ID, &upd)}})
	src, err := h.s.Source(ctx(), "jm-placeholder")
	if err != nil {
		t.Fatal(err)
	}
	src.Title = "A placeholder monograph, revised"
	rev := &tokumu.Revision{Base: 1, Author: "bob", Message: "full title", Changes: []tokumu.Change{put(tokumu.KindSource, src.ID, src)}}
	mustApply(t, ed, rev)
	if rev.ID != 2 {
		t.Errorf("the second revision's ID = %d, want 2", rev.ID)
	}
	if got := claimByID(t, h.s, "doihara-kenji", "c-doihara-head"); got == nil || got.Locator != "p/15" {
		t.Errorf("c-doihara-head after the update: %+v, want locator p/15", got)
	}
	got, err := h.s.Source(ctx(), "jm-placeholder")
	if err != nil {
		t.Fatal(err)
	}
	checkDiff(t, "jm-placeholder after the update", got, src)
	if got.Title != "A placeholder monograph, revised" || got.Reliability != 'B' {
		t.Errorf("jm-placeholder after the update: title %q reliability %q", got.Title, got.Reliability)
	}
	rs := mustHistory(t, ed, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: "c-doihara-head"})
	if len(rs) != 1 || len(rs[0].Changes) != 1 {
		t.Fatalf("History of c-doihara-head: %d revisions, want 1 with 1 change", len(rs))
	}
	checkDiff(t, "before", rs[0].Changes[0].Before, old)
	checkDiff(t, "after", rs[0].Changes[0].After, &upd)
	all := mustHistory(t, ed, tokumu.HistoryFilter{})
	if len(all) != 2 || all[0].ID != 2 || all[1].ID != 1 || all[0].Base != 1 {
		t.Errorf("History: %d revisions; want 2, newest first, the newer with base 1", len(all))
	}
	if len(all) == 2 {
		b, _ := all[0].Changes[0].Before.(*tokumu.Source)
		if b == nil || b.Title != "A placeholder monograph" || b.Reliability != 'B' {
			t.Errorf("jm-placeholder before the update, in history: %+v", all[0].Changes[0].Before)
		}
	}
	// A new type every claim about the entity allows is accepted: planted_by
	// takes an operation or an event.
	op, err := h.s.Entity(ctx(), "placeholder-deception")
	if err != nil {
		t.Fatal(err)
	}
	op.Type = tokumu.Event
	mustApply(t, ed, &tokumu.Revision{Base: 2, Author: "bob", Message: "an event", Changes: []tokumu.Change{put(tokumu.KindEntity, op.ID, op)}})
	if e, err := h.s.Entity(ctx(), op.ID); err != nil || e.Type != tokumu.Event {
		t.Errorf("placeholder-deception after its type change: %+v, %v; want an event", e, err)
	}
}

// testEditRetract: a retracted claim leaves the reads and stays in the
// history with its reason.
func testEditRetract(t testing.TB, h *harness) {
	ed := editor(t, h)
	old := claimByID(t, h.s, "harbin-tokumu-kikan", "c-kikan-located")
	retract := tokumu.Change{Op: tokumu.OpRetract, Kind: tokumu.KindClaim, ID: "c-kikan-located"}
	err := ed.Apply(ctx(), &tokumu.Revision{Author: "alice", Changes: []tokumu.Change{retract}})
	checkCode(t, "a retraction without a reason", err, tokumu.EINVALID)
	mustApply(t, ed, &tokumu.Revision{Author: "alice", Message: "the source does not say so", Changes: []tokumu.Change{retract}})
	if c := claimByID(t, h.s, "harbin-tokumu-kikan", "c-kikan-located"); c != nil {
		t.Errorf("the retracted claim is still read: %+v", c)
	}
	if st := mustStats(t, h.s); st.Claims != len(Fixture().Claims)-1 {
		t.Errorf("Stats.Claims = %d after a retraction, want %d", st.Claims, len(Fixture().Claims)-1)
	}
	rs := mustHistory(t, ed, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: "c-kikan-located"})
	if len(rs) != 1 || len(rs[0].Changes) != 1 {
		t.Fatalf("History of the retracted claim: %d revisions, want 1", len(rs))
	}
	ch := rs[0].Changes[0]
	if ch.Op != tokumu.OpRetract || ch.After != nil || rs[0].Message != "the source does not say so" {
		t.Errorf("History: %s with after %v and message %q; want a retraction, no after, its reason", ch.Op, ch.After, rs[0].Message)
	}
	checkDiff(t, "retracted claim in history", ch.Before, old)
	err = ed.Apply(ctx(), &tokumu.Revision{Base: 1, Author: "alice", Message: "again", Changes: []tokumu.Change{retract}})
	checkCode(t, "retracting a retracted claim", err, tokumu.ENOTFOUND)
	err = ed.Apply(ctx(), &tokumu.Revision{Base: 1, Author: "alice", Message: "no such",
		Changes: []tokumu.Change{{Op: tokumu.OpRetract, Kind: tokumu.KindClaim, ID: "c-no-such"}}})
	checkCode(t, "retracting a missing claim", err, tokumu.ENOTFOUND)
}

// testEditInvalid: every bad revision is refused with EINVALID naming the
// field, and nothing of it is written — not even its good changes.
func testEditInvalid(t testing.TB, h *harness) {
	ed := editor(t, h)
	good := &tokumu.Claim{ID: "c-good", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23"}
	for _, tt := range []struct {
		name string
		rev  *tokumu.Revision
		want string
	}{
		{"no author", &tokumu.Revision{Changes: []tokumu.Change{put(tokumu.KindClaim, "c-good", good)}}, "author:"},
		{"no changes", &tokumu.Revision{Author: "a"}, "changes:"},
		{"id mismatch", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{put(tokumu.KindClaim, "c-other", good)}}, "changes[0].after"},
		{"wrong type", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{put(tokumu.KindEntity, "c-good", good)}}, "changes[0].after"},
		{"unknown predicate", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{
			put(tokumu.KindClaim, "c-good", good),
			put(tokumu.KindClaim, "c-bad", &tokumu.Claim{ID: "c-bad", Subject: "kwantung-army", Predicate: "no_such", Source: "zor23"})}}, "changes[1].after.p"},
		{"unknown subject", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{
			put(tokumu.KindClaim, "c-bad", &tokumu.Claim{ID: "c-bad", Subject: "nobody", Predicate: "part_of", Object: "kwantung-army", Source: "zor23"})}}, "changes[0].after.s"},
		{"unknown source", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{
			put(tokumu.KindClaim, "c-bad", &tokumu.Claim{ID: "c-bad", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "nope"})}}, "changes[0].after.source"},
		{"name script", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{
			put(tokumu.KindEntity, "e-bad", &tokumu.Entity{ID: "e-bad", Type: tokumu.Person, Names: []tokumu.Name{{Text: "Tanaka", Lang: "ja"}}})}}, "changes[0].after.names[0].text"},
		{"source title", &tokumu.Revision{Author: "a", Changes: []tokumu.Change{
			put(tokumu.KindSource, "s-bad", &tokumu.Source{ID: "s-bad", Kind: tokumu.Scholarly, Language: "en", Authors: []tokumu.Agent{{Family: "X"}}})}}, "changes[0].after.title"},
		{"retract a source", &tokumu.Revision{Author: "a", Message: "m", Changes: []tokumu.Change{{Op: tokumu.OpRetract, Kind: tokumu.KindSource, ID: "yak"}}}, "changes[0].op"},
	} {
		err := ed.Apply(ctx(), tt.rev)
		checkCode(t, tt.name, err, tokumu.EINVALID)
		if err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q does not name %q", tt.name, err, tt.want)
		}
	}
	// A new type the claims about the entity do not allow: harbin as an
	// organization cannot be what c-kikan-located (located_in, range
	// place) points at.
	harbin, err := h.s.Entity(ctx(), "harbin")
	if err != nil {
		t.Fatal(err)
	}
	harbin.Type = tokumu.Organization
	err = ed.Apply(ctx(), &tokumu.Revision{Author: "a", Changes: []tokumu.Change{put(tokumu.KindEntity, "harbin", harbin)}})
	checkCode(t, "harbin made an organization", err, tokumu.EINVALID)
	if err != nil && !strings.Contains(err.Error(), "changes[0].after.type: entity harbin with type organization would break claim c-") {
		t.Errorf("harbin made an organization: error %q does not name the type and a claim it breaks", err)
	}
	if e, err := h.s.Entity(ctx(), "harbin"); err != nil || e.Type != tokumu.Place {
		t.Errorf("harbin after the refused type change: %v, %v; want a place still", e, err)
	}
	if rs := mustHistory(t, ed, tokumu.HistoryFilter{}); len(rs) != 0 {
		t.Errorf("History after refused revisions: %d revisions, want 0", len(rs))
	}
	if c := claimByID(t, h.s, "kwantung-army", "c-good"); c != nil {
		t.Errorf("the good change of a refused revision was written: %+v", c)
	}
	if n := len(mustClaims(t, h.s, tokumu.ClaimFilter{})); n != len(Fixture().Claims) {
		t.Errorf("%d claims after refused revisions, want the fixture's %d", n, len(Fixture().Claims))
	}
}

// testEditConflict: two editors start from one base; the second writer
// gets ECONFLICT with the current version and the first one's value stays.
func testEditConflict(t testing.TB, h *harness) {
	ed := editor(t, h)
	old := claimByID(t, h.s, "doihara-kenji", "c-doihara-head")
	a, b := *old, *old
	a.Locator, b.Locator = "p/20", "p/30"
	mustApply(t, ed, &tokumu.Revision{Author: "alice", Message: "a", Changes: []tokumu.Change{put(tokumu.KindClaim, a.ID, &a)}})
	err := ed.Apply(ctx(), &tokumu.Revision{Author: "bob", Message: "b", Changes: []tokumu.Change{put(tokumu.KindClaim, b.ID, &b)}})
	checkCode(t, "the second of two edits from base 0", err, tokumu.ECONFLICT)
	if err != nil && !strings.Contains(err.Error(), "current version is 1") {
		t.Errorf("the conflict does not give the current version 1: %v", err)
	}
	if got := claimByID(t, h.s, "doihara-kenji", "c-doihara-head"); got == nil || got.Locator != "p/20" {
		t.Errorf("after the conflict the claim is %+v, want alice's p/20", got)
	}
	// Two creations of one new id from one base: the second conflicts.
	n1 := &tokumu.Claim{ID: "c-new", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23", Locator: "p/1"}
	n2 := *n1
	n2.Locator = "p/2"
	mustApply(t, ed, &tokumu.Revision{Base: 1, Author: "alice", Message: "n1", Changes: []tokumu.Change{put(tokumu.KindClaim, n1.ID, n1)}})
	err = ed.Apply(ctx(), &tokumu.Revision{Base: 1, Author: "bob", Message: "n2", Changes: []tokumu.Change{put(tokumu.KindClaim, n2.ID, &n2)}})
	checkCode(t, "a second creation of c-new from base 1", err, tokumu.ECONFLICT)
	// A base from the future is refused: it would pass every version check.
	err = ed.Apply(ctx(), &tokumu.Revision{Base: 99, Author: "bob", Message: "b", Changes: []tokumu.Change{put(tokumu.KindClaim, b.ID, &b)}})
	checkCode(t, "base 99 when the newest revision is 2", err, tokumu.EINVALID)
	if err != nil && !strings.Contains(err.Error(), "base: revision 99 does not exist yet (the newest is 2)") {
		t.Errorf("base 99: error %q does not say the newest is 2", err)
	}
	// Re-read and reapply: accepted.
	mustApply(t, ed, &tokumu.Revision{Base: 2, Author: "bob", Message: "b again", Changes: []tokumu.Change{put(tokumu.KindClaim, b.ID, &b)}})
	if got := claimByID(t, h.s, "doihara-kenji", "c-doihara-head"); got == nil || got.Locator != "p/30" {
		t.Errorf("after the reapplied edit the claim is %+v, want bob's p/30", got)
	}
	if rs := mustHistory(t, ed, tokumu.HistoryFilter{}); len(rs) != 3 {
		t.Errorf("History: %d revisions, want 3 (the refused ones leave none)", len(rs))
	}
}

// testEditNoLostUpdate: editors add one to a number at once, each reading
// the base, then the claim, and retrying on ECONFLICT; every increment
// arrives.
func testEditNoLostUpdate(t testing.TB, h *harness) {
	ed := editor(t, h)
	const editors, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, editors)
	for w := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := increment(t, h.s, ed, fmt.Sprintf("editor-%d", w)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	c := claimByID(t, h.s, "soviet-far-eastern-forces", "c-real-1936")
	// The fixture says 80; 4 editors added 1 five times each.
	if c == nil || c.Value != "100" {
		t.Fatalf("c-real-1936 after 20 increments from 80: %+v, want value 100", c)
	}
	if rs := mustHistory(t, ed, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: "c-real-1936"}); len(rs) != editors*each {
		t.Errorf("History of c-real-1936: %d revisions, want %d", len(rs), editors*each)
	}
}

func increment(t testing.TB, s tokumu.Store, ed tokumu.Editor, who string) error {
	for range 500 {
		rs, err := ed.History(ctx(), tokumu.HistoryFilter{Limit: 1})
		if err != nil {
			return err
		}
		var base int64
		if len(rs) > 0 {
			base = rs[0].ID
		}
		cs, err := s.Claims(ctx(), tokumu.ClaimFilter{Subject: "soviet-far-eastern-forces", Predicate: "strength"})
		if err != nil {
			return err
		}
		var c *tokumu.Claim
		for _, x := range cs {
			if x.ID == "c-real-1936" {
				c = x
			}
		}
		if c == nil {
			return fmt.Errorf("%s: c-real-1936 is gone", who)
		}
		n, err := strconv.Atoi(c.Value)
		if err != nil {
			return fmt.Errorf("%s: value %q: %v", who, c.Value, err)
		}
		c.Value = strconv.Itoa(n + 1)
		err = ed.Apply(ctx(), &tokumu.Revision{Base: base, Author: who, Message: "+1", Changes: []tokumu.Change{put(tokumu.KindClaim, c.ID, c)}})
		if tokumu.ErrorCode(err) == tokumu.ECONFLICT {
			continue
		}
		return err
	}
	return fmt.Errorf("%s: 500 conflicts in a row", who)
}

// testEditHistoryPages: Before and Limit page through the history newest
// first, and filters combine.
func testEditHistoryPages(t testing.TB, h *harness) {
	ed := editor(t, h)
	for i := range 5 {
		c := &tokumu.Claim{ID: fmt.Sprintf("c-page-%d", i), Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23"}
		who := "alice"
		if i%2 == 1 {
			who = "bob"
		}
		mustApply(t, ed, &tokumu.Revision{Base: int64(i), Author: who, Message: "page", Changes: []tokumu.Change{put(tokumu.KindClaim, c.ID, c)}})
	}
	ids := func(rs []*tokumu.Revision) []int64 {
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tt := range []struct {
		f    tokumu.HistoryFilter
		want []int64
	}{
		{tokumu.HistoryFilter{Limit: 2}, []int64{5, 4}},
		{tokumu.HistoryFilter{Limit: 2, Before: 4}, []int64{3, 2}},
		{tokumu.HistoryFilter{Limit: 2, Before: 2}, []int64{1}},
		{tokumu.HistoryFilter{Before: 1}, nil},
		{tokumu.HistoryFilter{Author: "alice", Before: 5}, []int64{3, 1}},
		{tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: "c-page-3", Before: 4}, nil},
		{tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: "c-page-3", Before: 5}, []int64{4}},
	} {
		checkDiff(t, fmt.Sprintf("History(%+v)", tt.f), ids(mustHistory(t, ed, tt.f)), tt.want)
	}
}

// testEditRevert: a revert (tokumu.RevertOf) of an update puts the old
// claim back, of a creation retracts it, of a retraction restores it;
// each is a revision of its own; a revert of a revision whose claim was
// changed since conflicts.
func testEditRevert(t testing.TB, h *harness) {
	ed := editor(t, h)
	old := claimByID(t, h.s, "doihara-kenji", "c-doihara-head")
	upd := *old
	upd.Locator = "p/99"
	mustApply(t, ed, &tokumu.Revision{Author: "alice", Message: "p/99", Changes: []tokumu.Change{put(tokumu.KindClaim, upd.ID, &upd)}})
	r1 := mustHistory(t, ed, tokumu.HistoryFilter{Limit: 1})[0]
	rv, err := tokumu.RevertOf(r1, "bob", "the page is wrong")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Base != 1 || rv.Message != "revert r1: the page is wrong" {
		t.Errorf("RevertOf: base %d message %q; want 1, \"revert r1: the page is wrong\"", rv.Base, rv.Message)
	}
	mustApply(t, ed, rv)
	checkDiff(t, "c-doihara-head after the revert", claimByID(t, h.s, "doihara-kenji", "c-doihara-head"), old)
	// Reverting r1 again: r2 changed the claim since, so it conflicts.
	rv, _ = tokumu.RevertOf(r1, "bob", "again")
	checkCode(t, "reverting r1 after r2 changed its claim", ed.Apply(ctx(), rv), tokumu.ECONFLICT)
	// A creation reverted is a retraction; that retraction reverted
	// restores the claim.
	c := &tokumu.Claim{ID: "c-rev-new", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23", Locator: "p/1"}
	mustApply(t, ed, &tokumu.Revision{Base: 2, Author: "alice", Message: "new", Changes: []tokumu.Change{put(tokumu.KindClaim, c.ID, c)}})
	r3 := mustHistory(t, ed, tokumu.HistoryFilter{Limit: 1})[0]
	rv, _ = tokumu.RevertOf(r3, "bob", "no such claim in zor23")
	mustApply(t, ed, rv)
	if rv.Changes[0].Op != tokumu.OpRetract || claimByID(t, h.s, "kwantung-army", "c-rev-new") != nil {
		t.Errorf("the revert of a creation: op %s, and the claim is still read", rv.Changes[0].Op)
	}
	r4 := mustHistory(t, ed, tokumu.HistoryFilter{Limit: 1})[0]
	rv, _ = tokumu.RevertOf(r4, "alice", "it is there after all")
	mustApply(t, ed, rv)
	got := claimByID(t, h.s, "kwantung-army", "c-rev-new")
	if got == nil {
		t.Fatal("the revert of a retraction did not restore the claim")
	}
	if got.Locator != "p/1" || got.Source != "zor23" {
		t.Errorf("the restored claim: %+v", got)
	}
	if n := len(mustHistory(t, ed, tokumu.HistoryFilter{})); n != 5 {
		t.Errorf("History: %d revisions, want 5 (edit, revert, create, revert, revert)", n)
	}
	_, err = tokumu.RevertOf(r1, "bob", " ")
	checkCode(t, "a revert without a reason", err, tokumu.EINVALID)
	e := &tokumu.Entity{ID: "test-e", Type: tokumu.Person, Names: []tokumu.Name{{Text: "Test", Lang: "en"}}}
	mustApply(t, ed, &tokumu.Revision{Base: 5, Author: "alice", Message: "e", Changes: []tokumu.Change{put(tokumu.KindEntity, e.ID, e)}})
	_, err = tokumu.RevertOf(mustHistory(t, ed, tokumu.HistoryFilter{Limit: 1})[0], "bob", "no")
	checkCode(t, "reverting an entity's creation", err, tokumu.EINVALID)
}

// testEditHistoryEntity: HistoryFilter.Entity keeps the revisions that
// changed the entity (a name added) or a claim about it: by the id derived
// from it, also once retracted, or by its subject; not a claim whose id
// only starts with the entity's id.
func testEditHistoryEntity(t testing.TB, h *harness) {
	ed := editor(t, h)
	claim := func(id, subject string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: subject, Predicate: "located_in", Object: "harbin", Source: "zor23"}
	}
	derived, explicit := claim("kwantung-army~00000000000000aa", "kwantung-army"), claim("c-explicit-ka", "kwantung-army")
	kid, err := h.s.Entity(ctx(), "kwantung-army-intelligence-department")
	if err != nil {
		t.Fatal(err)
	}
	kid.Names = append(kid.Names, tokumu.Name{Text: "Kantogun Johobu", Lang: "ja-Latn", Kind: tokumu.Alias})
	other := &tokumu.Claim{ID: "c-kid-other", Subject: kid.ID, Predicate: "located_in", Object: "harbin", Source: "zor23"}
	lookalike := &tokumu.Claim{ID: "kwantung-army-x~00000000000000bb", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: "zor23"}
	for i, ch := range []tokumu.Change{
		put(tokumu.KindClaim, derived.ID, derived),                     // r1
		put(tokumu.KindClaim, explicit.ID, explicit),                   // r2
		put(tokumu.KindEntity, kid.ID, kid),                            // r3
		{Op: tokumu.OpRetract, Kind: tokumu.KindClaim, ID: derived.ID}, // r4
		put(tokumu.KindClaim, other.ID, other),                         // r5
	} {
		mustApply(t, ed, &tokumu.Revision{Base: int64(i), Author: "alice", Message: "entity history", Changes: []tokumu.Change{ch}})
	}
	// r6 writes a claim about kwantung-army under an id that is not
	// derived from it; r7 moves it to the intelligence department, which
	// leaves it out of kwantung-army's history (its subject now is the
	// department, its id names another entity).
	mustApply(t, ed, &tokumu.Revision{Base: 5, Author: "alice", Message: "lookalike", Changes: []tokumu.Change{put(tokumu.KindClaim, lookalike.ID, lookalike)}})
	moved := *lookalike
	moved.Subject = kid.ID
	mustApply(t, ed, &tokumu.Revision{Base: 6, Author: "alice", Message: "moved", Changes: []tokumu.Change{put(tokumu.KindClaim, moved.ID, &moved)}})
	ids := func(rs []*tokumu.Revision) []int64 {
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tt := range []struct {
		f    tokumu.HistoryFilter
		want []int64
	}{
		{tokumu.HistoryFilter{Entity: "kwantung-army"}, []int64{4, 2, 1}},
		{tokumu.HistoryFilter{Entity: "kwantung-army", Limit: 2}, []int64{4, 2}},
		{tokumu.HistoryFilter{Entity: "kwantung-army", Before: 4}, []int64{2, 1}},
		{tokumu.HistoryFilter{Entity: kid.ID}, []int64{7, 6, 5, 3}},
		{tokumu.HistoryFilter{Entity: kid.ID, Author: "bob"}, nil},
		{tokumu.HistoryFilter{Entity: "no-such-entity"}, nil},
	} {
		checkDiff(t, fmt.Sprintf("History(%+v)", tt.f), ids(mustHistory(t, ed, tt.f)), tt.want)
	}
}
