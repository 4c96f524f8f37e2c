package view_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/view"
)

func TestAttestation(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, "testdata/attest")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srcs, err := db.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	a := view.NewAttester(srcs, cs)
	want := map[string]string{
		"born-report":  "[book memoir report] 1 3 sources, 1 independent",
		"born-book":    "[book memoir report] 1 3 sources, 1 independent",
		"died-wp":      "[article copy wp] 2 3 sources, 2 independent",
		"died-article": "[article copy wp] 2 3 sources, 2 independent",
		"desc-1930":    "[article] 1 ",
		"desc-1940":    "[wp] 1 ",
		"str-article":  "[article wp] 2 2 sources, 2 independent",
		"str-report":   "[memoir report] 1 2 sources, 1 independent",
	}
	for _, c := range cs {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		at := a.Of(c)
		if got := fmt.Sprintf("%v %d %s", at.Sources, at.Independent, at); got != w {
			t.Errorf("%s: %s; want %s", c.ID, got, w)
		}
	}
	// The derivation survives the store: sources keep derived_from.
	for _, s := range srcs {
		if s.ID == "book" && fmt.Sprint(s.DerivedFrom) != "[memoir]" {
			t.Errorf("book derived_from %v after the SQLite round trip; want [memoir]", s.DerivedFrom)
		}
	}
	// Only born-report is credibility 1 on a single witness.
	var warn []string
	for _, w := range view.SingleWitness(a, cs) {
		warn = append(warn, w.Claim.ID)
	}
	if fmt.Sprint(warn) != "[born-report]" {
		t.Errorf("single-witness confirmations %v; want [born-report]", warn)
	}
}
