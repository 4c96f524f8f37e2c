package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// checkContent reports every way in which what s holds differs from ds:
// hash, settings, vocabulary in written order, bibliography by id (whole
// and one by one), entities by id (whole and one by one), and the claims
// in claimOrder, field by field.
func checkContent(t testing.TB, s tokumu.Store, ds *tokumu.Dataset, claimOrder []string) {
	t.Helper()
	if h, err := s.Hash(ctx()); err != nil {
		t.Errorf("Hash: %v", err)
	} else if h != ds.Hash {
		t.Errorf("Hash = %q, want %q", h, ds.Hash)
	}
	if st, err := s.Settings(ctx()); err != nil {
		t.Errorf("Settings: %v", err)
	} else if st == nil {
		t.Errorf("Settings returned nil and no error")
	} else {
		checkSame(t, "Settings", st, &ds.Settings)
	}

	if preds, err := s.Predicates(ctx()); err != nil {
		t.Errorf("Predicates: %v", err)
	} else {
		checkOrder(t, "Predicates (in the order written)", ids(preds, predID), ids(ds.Predicates, predID))
		checkSame(t, "Predicates", preds, ds.Predicates)
	}

	wantSrc := slices.Clone(ds.Sources)
	slices.SortFunc(wantSrc, func(a, b *tokumu.Source) int { return strings.Compare(a.ID, b.ID) })
	if srcs, err := s.Sources(ctx()); err != nil {
		t.Errorf("Sources: %v", err)
	} else {
		checkOrder(t, "Sources (by id)", ids(srcs, srcID), ids(wantSrc, srcID))
		checkSame(t, "Sources", srcs, wantSrc)
	}
	for _, want := range ds.Sources {
		if got, err := s.Source(ctx(), want.ID); err != nil {
			t.Errorf("Source(%s): %v", want.ID, err)
		} else {
			checkSame(t, "Source("+want.ID+")", got, want)
		}
	}

	wantEnt := slices.Clone(ds.Entities)
	slices.SortFunc(wantEnt, func(a, b *tokumu.Entity) int { return strings.Compare(a.ID, b.ID) })
	if es, err := s.Entities(ctx(), tokumu.EntityFilter{}); err != nil {
		t.Errorf("Entities({}): %v", err)
	} else {
		checkOrder(t, "Entities({}) (by id)", entityIDs(es), entityIDs(wantEnt))
		checkSame(t, "Entities({})", es, wantEnt)
	}
	for _, want := range ds.Entities {
		if got, err := s.Entity(ctx(), want.ID); err != nil {
			t.Errorf("Entity(%s): %v", want.ID, err)
		} else {
			checkSame(t, "Entity("+want.ID+")", got, want)
		}
	}

	if cs, err := s.Claims(ctx(), tokumu.ClaimFilter{}); err != nil {
		t.Errorf("Claims({}): %v", err)
	} else {
		checkClaims(t, "Claims({})", cs, ds, claimOrder)
	}
}

// checkClaims reports unless got holds the claims of ds named by wantIDs,
// in that order and field by field.
func checkClaims(t testing.TB, what string, got []*tokumu.Claim, ds *tokumu.Dataset, wantIDs []string) {
	t.Helper()
	checkOrder(t, what, claimIDs(got), wantIDs)
	want := map[string]*tokumu.Claim{}
	for _, c := range ds.Claims {
		want[c.ID] = c
	}
	for _, c := range got {
		if w := want[c.ID]; w != nil && slices.Contains(wantIDs, c.ID) {
			checkSame(t, what+": claim "+c.ID, c, w)
		}
	}
}

// checkOrder reports unless got and want list the same ids in the same order.
func checkOrder(t testing.TB, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n\tgot  %s\n\twant %s", what, showIDs(got), showIDs(want))
	}
}

func showIDs(ids []string) string {
	if len(ids) > 12 {
		return fmt.Sprintf("%q … (%d in all)", ids[:12], len(ids))
	}
	return fmt.Sprintf("%q", ids)
}

func ids[T any](xs []*T, id func(*T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func predID(p *tokumu.Predicate) string { return p.ID }
func srcID(s *tokumu.Source) string     { return s.ID }

func showEntityFilter(f tokumu.EntityFilter) string {
	return fmt.Sprintf("{Type:%q IDs:%s Limit:%d}", f.Type, showIDs(f.IDs), f.Limit)
}
