// Package storetest is the conformance suite for tokumu.Store
// implementations, in the manner of Cayley's graphtest: each store runs it
// from its own tests with a Config, and every store — SQLite, memstore,
// the PostgreSQL store to come — must pass it unchanged.
//
// The suite asserts every promise of the Store doc comments: the content
// of the last Replace comes back field by field (reflect.DeepEqual, except
// that a nil slice or map equals an empty one); the orders are exact
// (predicates as written, sources and entities by id, claims by subject,
// predicate, start of time with undated claims first, and id, strings in
// byte order); every field of ClaimFilter and EntityFilter, alone and
// combined, with Limit taking the first claims or entities of that order;
// Entities with 40,000 ids; ENOTFOUND for a missing entity or source;
// ECONFLICT for a dataset that repeats an id, after which the store keeps
// what it had; Settings, Stats and Hash; values that are the caller's to
// change; readers that see the old or the new content while Replace runs.
// No error a store returns is ignored.
//
// storetest's own tests run the suite against deliberately broken stores
// to show that each break is caught.
package storetest

import (
	"context"
	"testing"

	"github.com/tokumu/tokumu"
)

// Config describes the store under test and what it can do.
type Config struct {
	// Open returns a new, empty store. The suite closes it.
	Open func(tb testing.TB) tokumu.Store
	// Reopen closes s and opens the same store again. Set it for a store
	// that keeps its content across Close (a database file): the suite
	// then checks that the content survives. Leave it nil for a store
	// that keeps nothing after Close (memstore, SQLite's :memory:).
	Reopen func(tb testing.TB, s tokumu.Store) tokumu.Store
	// Edit says that the store is also a tokumu.Editor: the editing
	// suite then runs (create, update, retract, history, validation,
	// conflicting edits, no lost update).
	Edit bool
	// Accounts says that the store is also a tokumu.Accounts: the
	// accounts suite then runs (accounts, tokens, revocation).
	Accounts bool
	// Releases says that the store is also a tokumu.Releases (and an
	// Editor): the releases suite then runs.
	Releases bool
}

// Run runs every conformance test against stores from cfg, each test on a
// new store and in parallel with the others.
func Run(t *testing.T, cfg Config) {
	if cfg.Open == nil {
		t.Fatal("storetest: Config.Open is nil")
	}
	all := cases
	if cfg.Edit {
		all = append(all[:len(all):len(all)], editCases...)
	}
	if cfg.Accounts {
		all = append(all[:len(all):len(all)], accountCases...)
	}
	if cfg.Releases {
		all = append(all[:len(all):len(all)], releaseCases...)
	}
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runCase(t, cfg, c)
		})
	}
}

// testCase is one conformance test. It reports through a testing.TB so
// that the suite's own tests can run it with a recorder.
type testCase struct {
	name string
	fn   func(t testing.TB, h *harness)
}

// harness holds the store under test; a test that reopens it replaces s.
type harness struct {
	cfg Config
	s   tokumu.Store
}

var cases = []testCase{
	{"Empty", testEmpty},
	{"RoundTrip", testRoundTrip},
	{"ClaimOrder", testClaimOrder},
	{"NotFound", testNotFound},
	{"EntitiesFilter", testEntitiesFilter},
	{"ManyIDs", testManyIDs},
	{"ClaimsFilter", testClaimsFilter},
	{"ClaimsTime", testClaimsTime},
	{"EachClaimStops", testEachClaimStops},
	{"Settings", testSettings},
	{"Stats", testStats},
	{"ReplaceReplaces", testReplaceReplaces},
	{"ReplaceConflict", testReplaceConflict},
	{"ReplaceCancelled", testReplaceCancelled},
	{"Copies", testCopies},
	{"ConcurrentReads", testConcurrentReads},
	{"Reopen", testReopen},
}

func runCase(t testing.TB, cfg Config, c testCase) {
	h := &harness{cfg: cfg, s: cfg.Open(t)}
	defer func() {
		if err := h.s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	c.fn(t, h)
}

func ctx() context.Context { return context.Background() }

func mustReplace(t testing.TB, s tokumu.Store, ds *tokumu.Dataset) {
	t.Helper()
	if err := s.Replace(ctx(), ds); err != nil {
		t.Fatalf("Replace(%s): %v", ds.Hash, err)
	}
}

func mustClaims(t testing.TB, s tokumu.Store, f tokumu.ClaimFilter) []*tokumu.Claim {
	t.Helper()
	cs, err := s.Claims(ctx(), f)
	if err != nil {
		t.Fatalf("Claims(%s): %v", showClaimFilter(f), err)
	}
	// EachClaim must walk exactly what Claims returns, in its order:
	// every filter of the suite checks both.
	var walked []*tokumu.Claim
	if err := s.EachClaim(ctx(), f, func(c *tokumu.Claim) error {
		walked = append(walked, c)
		return nil
	}); err != nil {
		t.Fatalf("EachClaim(%s): %v", showClaimFilter(f), err)
	}
	checkSame(t, "EachClaim("+showClaimFilter(f)+") against Claims", walked, cs)
	return cs
}

func mustEntities(t testing.TB, s tokumu.Store, f tokumu.EntityFilter) []*tokumu.Entity {
	t.Helper()
	es, err := s.Entities(ctx(), f)
	if err != nil {
		t.Fatalf("Entities(%s): %v", showEntityFilter(f), err)
	}
	return es
}

func mustStats(t testing.TB, s tokumu.Store) *tokumu.Stats {
	t.Helper()
	st, err := s.Stats(ctx())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if st == nil {
		t.Fatalf("Stats returned nil and no error")
	}
	return st
}

// checkCode reports unless err carries the code (tokumu.ErrorCode).
func checkCode(t testing.TB, what string, err error, code string) {
	t.Helper()
	if got := tokumu.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}
