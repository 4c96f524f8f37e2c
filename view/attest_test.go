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

// TestAttestDatesAndAuthors: a claim is attested by one of the same thing
// at its date or a narrower one within it — not by a coarser one, not by
// another version of the same tenure — or by one that gives no date, and two
// works of one person are one witness, while an institution's are not.
func TestAttestDatesAndAuthors(t *testing.T) {
	w := func(s string) tokumu.When { v, _, _ := tokumu.ParseWhen(s); return v }
	person := func(id, fam string) *tokumu.Source {
		return &tokumu.Source{ID: id, Authors: []tokumu.Agent{{Family: fam, Given: "A."}}}
	}
	srcs := []*tokumu.Source{person("moz1", "Mozokhin"), person("moz2", "Mozokhin"), person("other", "Kuromiya"),
		{ID: "frus1", Authors: []tokumu.Agent{{Literal: "United States Department of State"}}},
		{ID: "frus2", Authors: []tokumu.Agent{{Literal: "United States Department of State"}}}}
	cl := func(id, src, when string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: "x", Predicate: "occurred", Source: src, When: w(when)}
	}
	hold := func(id, src, when string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: "akikusa", Predicate: "head_of", Object: "nakano", Source: src, When: w(when)}
	}
	cs := []*tokumu.Claim{
		cl("month", "moz1", "1939-01"), cl("year", "other", "1939"), cl("span", "frus1", "1938/1939"),
		hold("april", "moz1", "1938-04/"), hold("august", "other", "1938-08/"), hold("undated", "frus1", ""),
		hold("april-too", "moz2", "1938-04/"), hold("april-frus", "frus2", "1938-04/"),
		// Two posts are two assertions (CORPUS.md: an assistant attaché
		// and the attaché), and two places two events.
		{ID: "assistant", Subject: "yamaoka", Predicate: "attache_in", Object: "moscow", Role: "assistant military attaché", Source: "moz1"},
		{ID: "attache", Subject: "yamaoka", Predicate: "attache_in", Object: "moscow", Role: "military attaché", Source: "other"},
		{ID: "at-harbin", Subject: "y", Predicate: "occurred", Where: "harbin", Source: "moz1", When: w("1939")},
		{ID: "at-mukden", Subject: "y", Predicate: "occurred", Where: "mukden", Source: "other", When: w("1939")},
		{ID: "nowhere", Subject: "y", Predicate: "occurred", Source: "frus1", When: w("1939")},
		{ID: "member", Subject: "yamaoka", Predicate: "attache_in", Object: "moscow", Source: "frus2"},
	}
	a := view.NewAttester(srcs, cs)
	for _, tt := range []struct{ id, want string }{
		{"month", "[moz1] 1"},                          // "1939" and "1938/1939" do not give the month
		{"year", "[moz1 other] 2"},                     // "1939-01" lies within 1939
		{"span", "[frus1 moz1 other] 3"},               // both lie within 1938/1939
		{"april", "[frus1 frus2 moz1 moz2] 3"},         // not the August version; Mozokhin's two books one witness; the undated one
		{"august", "[frus1 other] 2"},                  // the April versions do not attest it; the undated one does
		{"undated", "[frus1 frus2 moz1 moz2 other] 4"}, // everything attests an undated claim; two FRUS documents are two witnesses
		{"assistant", "[moz1] 1"},                      // the attaché's post does not attest the assistant's
		{"at-harbin", "[moz1] 1"},                      // nor Mukden Harbin; the claim with no place says less
		{"nowhere", "[frus1 moz1 other] 3"},            // both places attest the claim that names none
		{"member", "[frus2 moz1 other] 3"},             // both posts attest the posting that names none
	} {
		var c *tokumu.Claim
		for _, x := range cs {
			if x.ID == tt.id {
				c = x
			}
		}
		at := a.Of(c)
		if got := fmt.Sprintf("%v %d", at.Sources, at.Independent); got != tt.want {
			t.Errorf("%s: %s; want %s", tt.id, got, tt.want)
		}
	}
}
