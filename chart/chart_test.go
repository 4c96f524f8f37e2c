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
	// Without foundings or dissolutions, only the move of the branch
	// (its parent known at both dates) is a change; harbin and dept are
	// each placed at one date only.
	got := kinds(c.Diff("kwantung", 19380101, 19410601))
	if want := []string{"branch moved harbin→dept", "dept no_evidence 1938-01-01", "harbin no_evidence 1941-06-01"}; !reflect.DeepEqual(got, want) {
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
	{ID: "founded", Roles: []tokumu.Role{tokumu.RoleFounded}},
	{ID: "dissolved", Roles: []tokumu.Role{tokumu.RoleDissolved}},
	{ID: "succeeded_by", Roles: []tokumu.Role{tokumu.RoleSuccessor}},
	{ID: "died", Roles: []tokumu.Role{tokumu.RoleDied}},
})

// kinds renders changes as "id kind detail" for comparison.
func kinds(cs []chart.Change) []string {
	var out []string
	for _, c := range cs {
		s := c.ID + " " + c.Kind
		switch c.Kind {
		case chart.Moved:
			s += " " + c.From + "→" + c.Parent
		case chart.Renamed:
			s += " →" + c.To
		case chart.NoEvidence:
			s += " " + c.At.String()
		}
		if c.By != nil && c.Kind != chart.NoEvidence && c.Kind != chart.Moved {
			s += " by " + c.By.ID
		}
		out = append(out, s)
	}
	return out
}

func lifeClaim(id, s, p, o string, lo, hi tokumu.Day) *tokumu.Claim {
	return &tokumu.Claim{ID: id, Subject: s, Predicate: p, Object: o,
		When: tokumu.When{EDTF: "x", Earliest: lo, LatestStart: hi, EarliestEnd: hi, Latest: hi}}
}

// An organization exists from its founding to its end whatever the span of
// its hierarchy claims: the diff tells a founding, a dissolution, a
// conversion and a move from a gap in the evidence, and the chart lists
// what existed without a known parent.
func TestDiffStates(t *testing.T) {
	c := chart.Build([]*tokumu.Claim{
		// agency: founded 1922, attested under the army only 1940–41.
		lifeClaim("af", "agency", "founded", "", 19220101, 19221231),
		claim("ap", "agency", "part_of", "army", 19400101, 19411231),
		// old: under the army 1930–1940, converted into new in 1940.
		claim("op", "old", "part_of", "army", 19300101, 19401231),
		lifeClaim("os", "old", "succeeded_by", "new", 19400101, 19401231),
		claim("np", "new", "part_of", "army", 19400101, 19451231),
		// gone: dissolved in 1939 (its part_of claim runs on to 1945).
		claim("gp", "gone", "part_of", "army", 19300101, 19451231),
		lifeClaim("gd", "gone", "dissolved", "", 19390101, 19391231),
		// fresh: founded 1940.
		lifeClaim("ff", "fresh", "founded", "", 19400301, 19400331),
		claim("fp", "fresh", "part_of", "army", 19400101, 19451231),
		// wing: under the army to 1940, under another army from 1941; its
		// flight stays under it, so only the wing's row tells the move.
		claim("wp", "wing", "part_of", "army", 19300101, 19401231),
		claim("wq", "wing", "part_of", "other", 19410101, 19451231),
		claim("fl", "flight", "part_of", "wing", 19300101, 19451231),
		// unit: under old to 1940, under another army from 1941.
		claim("up", "unit", "part_of", "old", 19300101, 19401231),
		claim("uq", "unit", "part_of", "other", 19410101, 19451231),
		// school: founded 1930, dissolved 1945, under old 1930–1940, then no claim.
		lifeClaim("sf", "school", "founded", "", 19300101, 19301231),
		lifeClaim("sd", "school", "dissolved", "", 19450801, 19450831),
		claim("sp", "school", "part_of", "old", 19300101, 19401231),
		// dept: attested 1935–1945, no founding: evidence only.
		claim("dp", "dept", "part_of", "army", 19350101, 19451231),
		// div: attested only to 1938.
		claim("vp", "div", "part_of", "army", 19300101, 19381231),
		// bureau: founded 1934, under old from 1934 with no end given; its
		// place under old ends with old's conversion in 1940 (it was once
		// "moved" from old to old).
		lifeClaim("bf", "bureau", "founded", "", 19341201, 19341231),
		{ID: "bp", Subject: "bureau", Predicate: "part_of", Object: "old",
			When: tokumu.When{EDTF: "1934-12/", Earliest: 19341201, LatestStart: 19341231, EarliestEnd: 19341231, Latest: tokumu.MaxDay, Interval: true}},
	}, testVocab)
	got := kinds(c.Diff("army", 19390601, 19410601))
	want := []string{
		"fresh added by ff",
		"gone removed by gd",
		"unit moved old→other",
		"wing moved army→other",
		"old renamed →new by os",
		"agency no_evidence 1939-06-01",
		"bureau no_evidence 1941-06-01",
		"school no_evidence 1941-06-01",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff 1939→1941 =\n%q\nwant\n%q", got, want)
	}
	// The dissolved organization is not in the chart after its end, though
	// its part_of claim runs on; the one not yet founded is not in before.
	for _, n := range c.Subtree("army", 19400601) {
		if n.ID == "gone" {
			t.Error("gone is in the 1940 chart after its dissolution in 1939")
		}
	}
	var un []string
	for _, n := range c.Unplaced("army", 19410601) {
		un = append(un, n.ID+"<"+n.Parent)
		if !n.ParentUnknown {
			t.Errorf("%s: ParentUnknown not set", n.ID)
		}
	}
	// school existed (1930–1945) with its last parent converted into new;
	// div is not shown (no claim says it existed in 1941).
	if want := []string{"bureau<old", "school<old"}; !reflect.DeepEqual(un, want) {
		t.Errorf("Unplaced 1941 = %v, want %v", un, want)
	}
	un = nil
	for _, n := range c.Unplaced("army", 19390601) {
		un = append(un, n.ID+"<"+n.Parent)
	}
	if want := []string{"agency<army"}; !reflect.DeepEqual(un, want) {
		t.Errorf("Unplaced 1939 = %v, want %v", un, want)
	}
}

// A head's open end is bounded by his death, not only by a successor.
func TestHeadBoundByDeath(t *testing.T) {
	head := &tokumu.Claim{ID: "h", Subject: "chief", Predicate: "head_of", Object: "org",
		When: tokumu.When{EDTF: "1926/", Earliest: 19260101, LatestStart: 19261231, EarliestEnd: 19261231, Latest: tokumu.MaxDay, Interval: true}}
	died := lifeClaim("d", "chief", "died", "", 19290301, 19290331)
	c := chart.Build([]*tokumu.Claim{head, died, claim("p", "org", "part_of", "army", 19200101, 19451231)}, testVocab)
	if hs := c.Subtree("org", 19280101)[0].Heads; len(hs) != 1 {
		t.Errorf("heads in 1928 = %v, want the chief", hs)
	}
	if hs := c.Subtree("org", 19350101)[0].Heads; len(hs) != 0 {
		t.Errorf("heads in 1935 = %v, want none (he died in 1929)", hs)
	}
	if b := c.HeadBound(head); b.EndBy != died || b.End != 19290331 {
		t.Errorf("HeadBound = %+v, want the death on 1929-03-31", b)
	}
}

// A head a source names without dates is possible only while his
// organization existed and he lived; with no such evidence, at every date.
func TestUndatedHeadBounded(t *testing.T) {
	head := &tokumu.Claim{ID: "h", Subject: "chief", Predicate: "head_of", Object: "org"}
	other := &tokumu.Claim{ID: "o", Subject: "nobody", Predicate: "head_of", Object: "elsewhere"}
	founded := lifeClaim("f", "org", "founded", "", 19300101, 19301231)
	dissolved := lifeClaim("x", "org", "dissolved", "", 19400101, 19401231)
	died := lifeClaim("d", "chief", "died", "", 19350301, 19350331)
	// A death no source dates bounds nothing.
	undatedDeath := &tokumu.Claim{ID: "d2", Subject: "chief", Predicate: "died"}
	c := chart.Build([]*tokumu.Claim{head, other, founded, dissolved, died, undatedDeath,
		claim("p", "org", "part_of", "army", 19200101, 19451231), claim("q", "elsewhere", "part_of", "army", 18000101, 19451231)}, testVocab)
	heads := func(org string, d tokumu.Day) int {
		ns := c.Subtree(org, d)
		if len(ns) == 0 {
			return -1
		}
		return len(ns[0].Heads)
	}
	for _, tt := range []struct {
		d    tokumu.Day
		want int
	}{{19291231, 0}, {19300101, 1}, {19350331, 1}, {19350401, 0}, {19380101, 0}} {
		if got := heads("org", tt.d); got != tt.want {
			t.Errorf("heads of org on %d: %d, want %d", tt.d, got, tt.want)
		}
	}
	if b := c.HeadBound(head); b.StartBy != founded || b.Start != 19300101 || b.EndBy != died || b.End != 19350331 || b.EndWhy != "death" {
		t.Errorf("HeadBound = %+v, want from the founding on 1930-01-01 to the death on 1935-03-31", b)
	}
	if got := heads("elsewhere", 18500101); got != 1 {
		t.Errorf("heads of elsewhere in 1850: %d, want 1 (nothing bounds an undated head there)", got)
	}
}

// Sources that date a founding differently: the diff says the
// organization was added, by the founding that allows the earliest day,
// wherever that claim stands in the file.
func TestDiffDisputedFounding(t *testing.T) {
	c := chart.Build([]*tokumu.Claim{
		lifeClaim("late", "fresh", "founded", "", 19380415, 19380415),
		lifeClaim("early", "fresh", "founded", "", 19370601, 19370630),
		claim("fp", "fresh", "part_of", "army", 19370601, 19451231),
		claim("dp", "dept", "part_of", "army", 19300101, 19451231),
	}, testVocab)
	if got, want := kinds(c.Diff("army", 19370101, 19390601)), []string{"fresh added by early"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Diff 1937→1939 = %q, want %q", got, want)
	}
	// In December 1937 one source has it founded: it is in the chart.
	found := false
	for _, n := range c.Subtree("army", 19371201) {
		found = found || n.ID == "fresh"
	}
	if !found {
		t.Error("fresh is not in the December 1937 chart, though one source has it founded in June 1937")
	}
}
