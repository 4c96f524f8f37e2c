package view

import (
	"testing"

	"github.com/tokumu/tokumu"
)

func lifeVocab(t testing.TB) *tokumu.Vocab {
	t.Helper()
	v, err := tokumu.NewVocab([]*tokumu.Predicate{
		{ID: "head_of", Roles: []tokumu.Role{tokumu.RoleOffice}},
		{ID: "died", Roles: []tokumu.Role{tokumu.RoleDied}},
		{ID: "founded", Roles: []tokumu.Role{tokumu.RoleFounded}},
		{ID: "dissolved", Roles: []tokumu.Role{tokumu.RoleDissolved}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBoundLife: an undated holding is bounded by its organization's life
// and its holder's, like a holding open at both ends; sources that tell
// one event more or less precisely give its precise date, and sources
// that disagree leave every reading possible.
func TestBoundLife(t *testing.T) {
	claim := func(id, subject, pred, object, edtf string) *tokumu.Claim {
		t.Helper()
		var w tokumu.When
		if edtf != "" {
			var err error
			if w, _, err = tokumu.ParseWhen(edtf); err != nil {
				t.Fatal(err)
			}
		}
		return &tokumu.Claim{ID: id, Subject: subject, Predicate: pred, Object: object, When: w}
	}
	day := tokumu.DayOf
	for _, tc := range []struct {
		name       string
		claims     []*tokumu.Claim // the first is the one bounded
		start, end tokumu.Day
		startBy    string
		endBy      string
	}{
		{"undated, nothing known", []*tokumu.Claim{claim("h", "p", "head_of", "org", "")},
			tokumu.MinDay, tokumu.MaxDay, "", ""},
		{"undated, bounded by founding and death", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", ""),
			claim("f", "org", "founded", "", "1919"),
			claim("d", "p", "died", "", "1929-05-03")},
			day(1919, 1, 1), day(1929, 5, 3), "f", "d"},
		{"undated, the organization's end before the death", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", ""),
			claim("x", "org", "dissolved", "", "1940-08"),
			claim("d", "p", "died", "", "1952")},
			tokumu.MinDay, day(1940, 8, 31), "", "x"},
		{"two dates of one death, one within the other: the precise one", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", "1930/"),
			claim("d1", "p", "died", "", "1946"),
			claim("d2", "p", "died", "", "1946-08-30")},
			tokumu.MinDay, day(1946, 8, 30), "", "d2"},
		{"two foundings that disagree: the earlier", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", "/1939"),
			claim("f1", "org", "founded", "", "1938-04-15"),
			claim("f2", "org", "founded", "", "1937-06")},
			day(1937, 6, 1), tokumu.MaxDay, "f2", ""},
		{"two deaths that disagree: the later", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", "1930/"),
			claim("d1", "p", "died", "", "1938-08"),
			claim("d2", "p", "died", "", "1945-08-19")},
			tokumu.MinDay, day(1945, 8, 19), "", "d2"},
		{"an undated death bounds nothing", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", ""),
			claim("d", "p", "died", "", "")},
			tokumu.MinDay, tokumu.MaxDay, "", ""},
		{"a dated holding is not bounded where its time is given", []*tokumu.Claim{
			claim("h", "p", "head_of", "org", "1925/1927"),
			claim("f", "org", "founded", "", "1919"),
			claim("d", "p", "died", "", "1929")},
			tokumu.MinDay, tokumu.MaxDay, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := NewEvidence(lifeVocab(t), tc.claims)
			b := ev.Bound(tc.claims[0])
			id := func(c *tokumu.Claim) string {
				if c == nil {
					return ""
				}
				return c.ID
			}
			if b.Start != tc.start || b.End != tc.end || id(b.StartBy) != tc.startBy || id(b.EndBy) != tc.endBy {
				t.Errorf("bound %s (%s) – %s (%s), want %s (%s) – %s (%s)", b.Start, id(b.StartBy), b.End, id(b.EndBy),
					tc.start, tc.startBy, tc.end, tc.endBy)
			}
		})
	}
}

// TestPossiblyIn: an undated claim can have held wherever its bounds
// allow, a dated one where its dates and its bounds both do.
func TestPossiblyIn(t *testing.T) {
	w, _, err := tokumu.ParseWhen("1930/")
	if err != nil {
		t.Fatal(err)
	}
	dated := &tokumu.Claim{When: w}
	undated := &tokumu.Claim{}
	b := Bounds{Start: tokumu.DayOf(1919, 1, 1), End: tokumu.DayOf(1940, 8, 31)}
	day := tokumu.DayOf
	for _, tc := range []struct {
		c        *tokumu.Claim
		from, to tokumu.Day
		want     bool
	}{
		{undated, day(1918, 1, 1), day(1918, 12, 31), false},
		{undated, day(1918, 1, 1), day(1919, 1, 1), true},
		{undated, day(1925, 6, 1), day(1925, 6, 1), true},
		{undated, day(1940, 9, 1), day(1941, 1, 1), false},
		{dated, day(1925, 6, 1), day(1925, 6, 1), false},
		{dated, day(1935, 6, 1), day(1935, 6, 1), true},
		{dated, day(1940, 9, 1), day(1945, 1, 1), false},
		{undated, tokumu.MinDay, tokumu.MaxDay, true},
	} {
		if got := b.PossiblyIn(tc.c, tc.from, tc.to); got != tc.want {
			t.Errorf("PossiblyIn(%q, %s, %s) = %v, want %v", tc.c.When.EDTF, tc.from, tc.to, got, tc.want)
		}
	}
	if got := (Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}).PossiblyAt(undated, day(1800, 1, 1)); !got {
		t.Error("an unbounded undated claim is not possible at every date")
	}
}

// TestBoundSameRelation: another source's end of the same relation bounds
// a claim that gives only a start, and its start one that gives only an
// end, where the two can tell one holding (a consulate opened in 1926 by
// one source, closed in 1937 by another, was shown as possibly open in
// 1939); a closing before the opening bounds nothing.
func TestBoundSameRelation(t *testing.T) {
	v, err := tokumu.NewVocab([]*tokumu.Predicate{{ID: "located_in"}})
	if err != nil {
		t.Fatal(err)
	}
	cl := func(id, when string) *tokumu.Claim {
		w, _, err := tokumu.ParseWhen(when)
		if err != nil {
			t.Fatal(err)
		}
		return &tokumu.Claim{ID: id, Subject: "consulate", Predicate: "located_in", Object: "novosibirsk", When: w}
	}
	opened, closed, early, other := cl("opened", "1926/"), cl("closed", "/1937"), cl("early", "/1925"), cl("full", "1930/1933")
	ev := NewEvidence(v, []*tokumu.Claim{opened, closed, early, other})
	for _, tt := range []struct {
		c                   *tokumu.Claim
		start, end, by, why string
	}{
		{opened, "..", "1937-12-31", "closed", "end"},
		{closed, "1926-01-01", "..", "opened", "start"},
		{early, "..", "..", "", ""}, // ends before the opening: another holding
		{other, "..", "..", "", ""}, // fully dated: nothing to bound
	} {
		b := ev.Bound(tt.c)
		by, why := "", b.EndWhy+b.StartWhy
		if b.EndBy != nil {
			by = b.EndBy.ID
		} else if b.StartBy != nil {
			by = b.StartBy.ID
		}
		if b.Start.String() != tt.start || b.End.String() != tt.end || by != tt.by || why != tt.why {
			t.Errorf("%s (%s): bounds %s–%s by %q (%s), want %s–%s by %q (%s)", tt.c.ID, tt.c.When.EDTF, b.Start, b.End, by, why, tt.start, tt.end, tt.by, tt.why)
		}
	}
}

// TestBoundSamePost: a post a source gives without dates is bounded by the
// same holder's dated tenures of it (Higuchi's undated headship of the
// Harbin agency was possible in 1939, after his dated tenure ended in July
// 1938); an unknown end of those tenures leaves the end open, and another
// post or another holder bounds nothing.
func TestBoundSamePost(t *testing.T) {
	v := officeVocab(t)
	cl := func(id, subj, obj, when string) *tokumu.Claim {
		c := &tokumu.Claim{ID: id, Subject: subj, Predicate: "head_of", Object: obj}
		if when != "" {
			w, _, err := tokumu.ParseWhen(when)
			if err != nil {
				t.Fatal(err)
			}
			c.When = w
		}
		return c
	}
	undated := cl("undated", "higuchi", "harbin", "")
	later := cl("later", "doi", "section", "")
	ev := NewEvidence(v, []*tokumu.Claim{undated, cl("dated", "higuchi", "harbin", "1937-08/1938-07"),
		later, cl("first", "doi", "section", "1935-08-01/"), cl("second", "doi", "section", "1940-03/"),
		cl("other-post", "higuchi", "2nd-bureau", "1938-07/1940"), cl("other-holder", "hata", "harbin", "1938/1940")})
	for _, tt := range []struct {
		c          *tokumu.Claim
		start, end string
	}{
		{undated, "1937-08-01", "1938-07-31"},
		{later, "1935-08-01", ".."},
	} {
		b := ev.Bound(tt.c)
		if b.Start.String() != tt.start || b.End.String() != tt.end || b.StartWhy != "same post" {
			t.Errorf("%s: bounds %s–%s (%s, %s), want %s–%s by the same post", tt.c.ID, b.Start, b.End, b.StartWhy, b.EndWhy, tt.start, tt.end)
		}
	}
}

// TestBoundEvent: a link of an event or a document holds within the
// event's or the document's dates; of two events, the subject's count.
func TestBoundEvent(t *testing.T) {
	v, err := tokumu.NewVocab([]*tokumu.Predicate{
		{ID: "participant"}, {ID: "issued_by"}, {ID: "consequence_of"},
		{ID: "occurred", Roles: []tokumu.Role{tokumu.RoleOccurred, tokumu.RoleFunctional}},
		{ID: "issued", Roles: []tokumu.Role{tokumu.RoleIssued, tokumu.RoleFunctional}},
	})
	if err != nil {
		t.Fatal(err)
	}
	when := func(s string) tokumu.When { w, _, _ := tokumu.ParseWhen(s); return w }
	part := &tokumu.Claim{ID: "p", Subject: "battle", Predicate: "participant", Object: "zhukov"}
	memo := &tokumu.Claim{ID: "m", Subject: "memo", Predicate: "issued_by", Object: "kasahara"}
	after := &tokumu.Claim{ID: "a", Subject: "later", Predicate: "consequence_of", Object: "battle"}
	ev := NewEvidence(v, []*tokumu.Claim{part, memo, after,
		{ID: "b1", Subject: "battle", Predicate: "occurred", When: when("1939-05-11/1939-09-16")},
		{ID: "m1", Subject: "memo", Predicate: "issued", When: when("1931-03-29")},
		{ID: "l1", Subject: "later", Predicate: "occurred", When: when("1940")}})
	for _, tt := range []struct {
		c          *tokumu.Claim
		start, end string
	}{
		{part, "1939-05-11", "1939-09-16"},
		{memo, "1931-03-29", "1931-03-29"},
		{after, "1940-01-01", "1940-12-31"},
	} {
		b := ev.Bound(tt.c)
		if b.Start.String() != tt.start || b.End.String() != tt.end || b.StartWhy != "event" || b.EndWhy != "event" {
			t.Errorf("%s: %s–%s (%s, %s); want %s–%s by the event", tt.c.ID, b.Start, b.End, b.StartWhy, b.EndWhy, tt.start, tt.end)
		}
	}
	if b := ev.Bound(part); b.PossiblyAt(part, tokumu.DayOf(1938, 6, 1)) {
		t.Error("a participation in the battles of 1939 is possible in June 1938")
	}
}
