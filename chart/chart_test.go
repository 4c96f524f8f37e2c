package chart_test

import (
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
)

func claim(id, s, p, o string, lo, hi tokumu.Day) *tokumu.Claim {
	return &tokumu.Claim{ID: id, Subject: s, Predicate: p, Object: o,
		When: tokumu.When{EDTF: "x", Earliest: lo, LatestStart: lo, EarliestEnd: hi, Latest: hi, Interval: true}}
}

func TestSubtreeAndDiff(t *testing.T) {
	c := chart.Build([]*tokumu.Claim{
		claim("a", "harbin", "part_of", "kwantung", 19190101, 19401231),
		claim("b", "dept", "part_of", "kwantung", 19400101, 19450831),
		claim("c", "branch", "part_of", "harbin", 19300101, 19401231),
		claim("d", "branch", "part_of", "dept", 19400101, 19450831),
		claim("h", "higuchi", "head_of", "harbin", 19370801, 19380731),
		claim("x", "harbin", "located_in", "city", 0, 0),
	}, testVocab)
	ids := func(ns []chart.Node) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.ID+"<"+n.Parent)
		}
		return out
	}
	if got, want := ids(c.Subtree("kwantung", 19380101)), []string{"kwantung<", "harbin<kwantung", "branch<harbin"}; !reflect.DeepEqual(got, want) {
		t.Errorf("1938: %v, want %v", got, want)
	}
	if got, want := ids(c.Subtree("kwantung", 19410601)), []string{"kwantung<", "dept<kwantung", "branch<dept"}; !reflect.DeepEqual(got, want) {
		t.Errorf("1941: %v, want %v", got, want)
	}
	if hs := c.Subtree("harbin", 19380101)[0].Heads; len(hs) != 1 || hs[0].Subject != "higuchi" {
		t.Errorf("heads of harbin in 1938 = %v", hs)
	}
	if got := ids(c.Parents("branch", 19410601)); !reflect.DeepEqual(got, []string{"dept<branch", "kwantung<dept"}) {
		t.Errorf("parents = %v", got)
	}
	if c.Subtree("nowhere", 19380101) != nil {
		t.Error("Subtree of an unknown root is not nil")
	}
	want := []chart.Change{{"branch", "dept", "added"}, {"dept", "kwantung", "added"}, {"branch", "harbin", "removed"}, {"harbin", "kwantung", "removed"}}
	if got := c.Diff("kwantung", 19380101, 19410601); !reflect.DeepEqual(got, want) {
		t.Errorf("Diff = %v, want %v", got, want)
	}
	if got := c.Roots(19380101); !reflect.DeepEqual(got, []string{"kwantung"}) {
		t.Errorf("Roots = %v", got)
	}
}

// A head whose end the source does not give leaves office when the next
// head arrives.
func TestHeadsOfUnknownEnd(t *testing.T) {
	when := func(s string) tokumu.When {
		w, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	first := &tokumu.Claim{ID: "a", Subject: "first", Predicate: "head_of", Object: "org", When: when("1931-08/")}
	second := &tokumu.Claim{ID: "b", Subject: "second", Predicate: "head_of", Object: "org", When: when("1932-01/1932-10")}
	ch := chart.Build([]*tokumu.Claim{first, second}, testVocab)
	heads := func(d tokumu.Day) []string {
		var ids []string
		for _, c := range ch.Subtree("org", d)[0].Heads {
			ids = append(ids, c.Subject)
		}
		return ids
	}
	if got := heads(tokumu.DayOf(1931, 12, 1)); len(got) != 1 || got[0] != "first" {
		t.Errorf("heads on 1931-12-01 = %v, want [first]", got)
	}
	if got := heads(tokumu.DayOf(1932, 5, 1)); len(got) != 1 || got[0] != "second" {
		t.Errorf("heads on 1932-05-01 = %v, want [second]", got)
	}
}

// testVocab declares the roles the chart reads, under the embedded
// corpus's predicate ids.
var testVocab = tokumu.MustVocab([]*tokumu.Predicate{
	{ID: "part_of", Hierarchy: true},
	{ID: "subordinate_to", Roles: []tokumu.Role{tokumu.RoleHierarchy}},
	{ID: "head_of", Roles: []tokumu.Role{tokumu.RoleOffice}},
	{ID: "located_in", Roles: []tokumu.Role{tokumu.RoleLocatedIn}},
})
