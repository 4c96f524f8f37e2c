package view_test

import (
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// testVocab declares the roles the disagreement rules read; its ids are
// the embedded corpus's, but nothing in view depends on them.
func testVocab(t *testing.T) *tokumu.Vocab {
	t.Helper()
	v, err := tokumu.NewVocab([]*tokumu.Predicate{
		{ID: "born", Literal: tokumu.LiteralNone, Roles: []tokumu.Role{tokumu.RoleBorn, tokumu.RoleFunctional}},
		{ID: "founded", Literal: tokumu.LiteralNone, Roles: []tokumu.Role{tokumu.RoleFounded, tokumu.RoleFunctional}},
		{ID: "occurred", Literal: tokumu.LiteralNone, Roles: []tokumu.Role{tokumu.RoleOccurred, tokumu.RoleFunctional}},
		{ID: "coordinates", Literal: tokumu.LiteralPoint, Roles: []tokumu.Role{tokumu.RoleCoordinates, tokumu.RoleFunctional}},
		{ID: "studied_at", Roles: []tokumu.Role{tokumu.RoleOncePerObject}},
		{ID: "head_of", Roles: []tokumu.Role{tokumu.RoleOffice}},
		{ID: "attache_in", Roles: []tokumu.Role{tokumu.RolePosting}},
		{ID: "strength", Literal: tokumu.LiteralNumber, Roles: []tokumu.Role{tokumu.RoleEstimate}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestFindDisagreementsTable checks which pairs of claims FindDisagreements
// reports: real disagreements between sources, and not successive
// postings, different roles, refinements of a date or estimates beside
// actual figures.
func TestFindDisagreementsTable(t *testing.T) {
	when := func(s string) tokumu.When {
		w, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatalf("ParseWhen(%q): %v", s, err)
		}
		return w
	}
	preds := testVocab(t)
	type c = tokumu.Claim
	for _, tt := range []struct {
		name   string
		a, b   c
		want   bool
		reason string
	}{
		{"two birth days", c{Predicate: "born", When: when("1894-04-06")}, c{Predicate: "born", When: when("1894-04-08")}, true, "different dates"},
		{"birth year refined", c{Predicate: "born", When: when("1883")}, c{Predicate: "born", When: when("1883-08-08")}, false, ""},
		{"season refined", c{Predicate: "founded", When: when("1930")}, c{Predicate: "founded", When: when("1930-22")}, false, ""},
		{"season against month", c{Predicate: "founded", When: when("1930-22")}, c{Predicate: "founded", When: when("1930-09")}, true, "different dates"},
		{"first day against the span", c{Predicate: "occurred", When: when("1939-05-11/1939-09-16")}, c{Predicate: "occurred", When: when("1939-05-12")}, true, "different dates"},
		{"two places of birth", c{Predicate: "born", When: when("1890"), Where: "sendai"}, c{Predicate: "born", When: when("1890"), Where: "tokyo"}, true, "different places"},
		{"coordinates within 0.1°", c{Predicate: "coordinates", Value: "49.20, 119.70"}, c{Predicate: "coordinates", Value: "49.212, 119.736"}, false, ""},
		{"coordinates far apart", c{Predicate: "coordinates", Value: "49.20, 119.70"}, c{Predicate: "coordinates", Value: "47.77, 118.75"}, true, "different values"},
		{"successive postings", c{Predicate: "head_of", Object: "o", When: when("1926/1928")}, c{Predicate: "head_of", Object: "o", When: when("1934/1936")}, false, ""},
		{"successive postings as dates", c{Predicate: "head_of", Object: "o", When: when("1926-12")}, c{Predicate: "head_of", Object: "o", When: when("1934")}, false, ""},
		{"different roles, overlapping", c{Predicate: "head_of", Object: "o", Role: "assistant military attaché", When: when("1930/1932")}, c{Predicate: "head_of", Object: "o", Role: "military attaché", When: when("1931/1933")}, false, ""},
		{"one tenure, two starts", c{Predicate: "head_of", Object: "o", When: when("1938-04/")}, c{Predicate: "head_of", Object: "o", When: when("1938-08/")}, true, "different dates"},
		{"one tenure, two spans", c{Predicate: "head_of", Object: "o", When: when("1932/1934")}, c{Predicate: "head_of", Object: "o", When: when("1932/1935")}, true, "different dates"},
		{"same role, two spans", c{Predicate: "head_of", Object: "o", Role: "consul", When: when("1933-02/")}, c{Predicate: "head_of", Object: "o", Role: "consul", When: when("1934/1936")}, true, "different dates"},
		{"an opening and a closing", c{Predicate: "located_in", Object: "o", When: when("1926/")}, c{Predicate: "located_in", Object: "o", When: when("/1937")}, false, ""},
		{"the same start, one end unknown", c{Predicate: "occurred", When: when("1945-08-09/1945-09-02")}, c{Predicate: "occurred", When: when("1945-08-09/")}, false, ""},
		{"two spans of one event", c{Predicate: "occurred", When: when("1945-08-09/1945-09-02")}, c{Predicate: "occurred", When: when("1945-08-09/1945-08-20")}, true, "different dates"},
		{"one tenure told precisely", c{Predicate: "head_of", Object: "o", When: when("1937/1938")}, c{Predicate: "head_of", Object: "o", When: when("1937-08/1938-07")}, false, ""},
		{"a closing before the opening", c{Predicate: "located_in", Object: "o", When: when("1930/")}, c{Predicate: "located_in", Object: "o", When: when("1925/1928")}, false, ""},
		{"the same end, two starts", c{Predicate: "head_of", Object: "o", When: when("1937/1939")}, c{Predicate: "head_of", Object: "o", When: when("1938/1939")}, true, "different dates"},
		{"the first year of the tenure", c{Predicate: "head_of", Object: "o", When: when("1938")}, c{Predicate: "head_of", Object: "o", When: when("1938/1940")}, false, ""},
		{"a later start inside the tenure", c{Predicate: "head_of", Object: "o", When: when("1933")}, c{Predicate: "head_of", Object: "o", When: when("1932/1934-06")}, true, "different dates"},
		{"a date before an unknown start", c{Predicate: "attache_in", Object: "o", When: when("1927")}, c{Predicate: "attache_in", Object: "o", When: when("/1929-12")}, false, ""},
		{"a date after the tenure", c{Predicate: "head_of", Object: "o", When: when("1941")}, c{Predicate: "head_of", Object: "o", When: when("1938/1940")}, false, ""},
		{"dated and undated", c{Predicate: "head_of", Object: "o", When: when("1938")}, c{Predicate: "head_of", Object: "o"}, false, ""},
		{"different objects", c{Predicate: "head_of", Object: "o", When: when("1938/1940")}, c{Predicate: "head_of", Object: "p", When: when("1939/1941")}, false, ""},
		{"graduation twice", c{Predicate: "studied_at", Object: "academy", When: when("1910-05")}, c{Predicate: "studied_at", Object: "academy", When: when("1913")}, true, "different dates"},
		{"two figures", c{Predicate: "strength", Value: "15000", Unit: "men", When: when("1938")}, c{Predicate: "strength", Value: "22950", Unit: "men", When: when("1938")}, true, "different values"},
		{"two units", c{Predicate: "strength", Value: "285", Unit: "tanks", When: when("1938")}, c{Predicate: "strength", Value: "15000", Unit: "men", When: when("1938")}, false, ""},
		{"two years", c{Predicate: "strength", Value: "12", Unit: "divisions", When: when("1934")}, c{Predicate: "strength", Value: "20", Unit: "divisions", When: when("1936")}, false, ""},
		{"estimate beside actual", c{Predicate: "strength", Value: "20", Unit: "divisions", When: when("1936"), Perspective: "gs"}, c{Predicate: "strength", Value: "16", Unit: "divisions", When: when("1936")}, false, ""},
		{"two estimates of one organ", c{Predicate: "strength", Value: "20", Unit: "divisions", When: when("1936"), Perspective: "gs"}, c{Predicate: "strength", Value: "24", Unit: "divisions", When: when("1936"), Perspective: "gs"}, true, "different values"},
		{"corroboration", c{Predicate: "born", When: when("1883-08-08")}, c{Predicate: "born", When: when("1883-08-08")}, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.a, tt.b
			a.ID, a.Subject, a.Source = "a", "s", "src-a"
			b.ID, b.Subject, b.Source = "b", "s", "src-b"
			ds := view.FindDisagreements([]*tokumu.Claim{&a, &b}, preds, nil)
			if got := len(ds) == 1; got != tt.want || len(ds) > 1 {
				t.Fatalf("got %d disagreements, want %v: %+v", len(ds), tt.want, ds)
			}
			if tt.want && ds[0].Reason != tt.reason {
				t.Errorf("reason %q, want %q", ds[0].Reason, tt.reason)
			}
			// The same two claims from one source never disagree.
			b.Source = a.Source
			if ds := view.FindDisagreements([]*tokumu.Claim{&a, &b}, preds, nil); len(ds) != 0 {
				t.Errorf("claims of one source disagree: %+v", ds)
			}
		})
	}
}

// TestFindDisagreementsGroups checks that a third source joins the
// disagreement it is part of, and that a successive posting in the same
// bucket stays out of it.
func TestFindDisagreementsGroups(t *testing.T) {
	w := func(s string) tokumu.When { v, _, _ := tokumu.ParseWhen(s); return v }
	cs := []*tokumu.Claim{
		{ID: "1", Subject: "akikusa", Predicate: "head_of", Object: "nakano", When: w("1938-04/"), Source: "a"},
		{ID: "2", Subject: "akikusa", Predicate: "head_of", Object: "nakano", When: w("1938-08/"), Source: "b"},
		{ID: "3", Subject: "akikusa", Predicate: "head_of", Object: "nakano", When: w("1938-04/"), Source: "c"},
		{ID: "4", Subject: "akikusa", Predicate: "head_of", Object: "nakano", When: w("1926/1927"), Source: "d"},
	}
	ds := view.FindDisagreements(cs, testVocab(t), nil)
	if len(ds) != 1 || len(ds[0].Claims) != 3 {
		t.Fatalf("got %+v, want one disagreement of claims 1–3", ds)
	}
	for _, c := range ds[0].Claims {
		if c.ID == "4" {
			t.Errorf("the 1926 posting was counted in the disagreement")
		}
	}
}

func TestFindDisagreements(t *testing.T) {
	y := func(e string, lo, hi tokumu.Day) tokumu.When { return tokumu.When{EDTF: e, Earliest: lo, Latest: hi} }
	cs := []*tokumu.Claim{
		{ID: "1", Subject: "p", Predicate: "born", When: y("1883", 18830101, 18831231), Source: "a"},
		{ID: "2", Subject: "p", Predicate: "born", When: y("1884", 18840101, 18841231), Source: "b"},
		{ID: "3", Subject: "p", Predicate: "head_of", Object: "o", When: y("1932", 19320101, 19321231), Source: "a"},
		{ID: "4", Subject: "p", Predicate: "head_of", Object: "o", When: y("1932", 19320101, 19321231), Source: "b"}, // corroborates
		{ID: "5", Subject: "f", Predicate: "strength", Value: "20", Unit: "divisions", When: y("1936", 0, 0), Source: "a", Perspective: "gs"},
		{ID: "6", Subject: "f", Predicate: "strength", Value: "16", Unit: "divisions", When: y("1936", 0, 0), Source: "b"}, // other perspective
		{ID: "7", Subject: "f", Predicate: "strength", Value: "18", Unit: "divisions", When: y("1936", 0, 0), Source: "c"},
	}
	ds := view.FindDisagreements(cs, testVocab(t), nil)
	if len(ds) != 2 {
		t.Fatalf("got %d disagreements, want 2: %+v", len(ds), ds)
	}
	if ds[0].Predicate != "strength" || len(ds[0].Claims) != 2 || ds[0].Reason != "different values" {
		t.Errorf("first = %+v", ds[0])
	}
	if ds[1].Predicate != "born" || ds[1].Reason != "different dates" {
		t.Errorf("second = %+v", ds[1])
	}
}

// TestFindDisagreementsSuccessive: two open-ended holdings of one office
// are two tenures, not two versions of one, where other evidence ends the
// first before the second begins (Doi's Russia Section, 1935 and 1940,
// with another post between); by dates alone they disagree, and two
// versions of one start with nothing between them still do.
func TestFindDisagreementsSuccessive(t *testing.T) {
	w := func(s string) tokumu.When { v, _, _ := tokumu.ParseWhen(s); return v }
	vocab := testVocab(t)
	tenures := []*tokumu.Claim{
		{ID: "1", Subject: "doi", Predicate: "head_of", Object: "russia", When: w("1935-08-01/"), Source: "kimura"},
		{ID: "2", Subject: "doi", Predicate: "head_of", Object: "russia", When: w("1940-03/"), Source: "jawp"},
		{ID: "3", Subject: "doi", Predicate: "head_of", Object: "fifth-section", When: w("1937-11/1938-07"), Source: "jawp"},
	}
	versions := []*tokumu.Claim{
		{ID: "4", Subject: "ito", Predicate: "head_of", Object: "russia", When: w("1930/"), Source: "a"},
		{ID: "5", Subject: "ito", Predicate: "head_of", Object: "russia", When: w("1931/"), Source: "b"},
		{ID: "6", Subject: "ito", Predicate: "head_of", Object: "fifth-section", When: w("1934/1935"), Source: "b"},
	}
	// A relation held once (studied_at), dated differently by two
	// sources: the dates do not overlap, but there is no second time.
	once := []*tokumu.Claim{
		{ID: "7", Subject: "k", Predicate: "studied_at", Object: "academy", When: w("1912"), Source: "a"},
		{ID: "8", Subject: "k", Predicate: "studied_at", Object: "academy", When: w("1914"), Source: "b"},
	}
	for _, tt := range []struct {
		name   string
		claims []*tokumu.Claim
		ev     bool
		want   int
	}{
		{"tenures by dates alone", tenures, false, 1},
		{"tenures with evidence", tenures, true, 0},
		{"versions by dates alone", versions, false, 1},
		{"versions with evidence", versions, true, 1}, // the next post ends both after either began
		{"a relation held once, with evidence", once, true, 1},
	} {
		var ev *view.Evidence
		if tt.ev {
			ev = view.NewEvidence(vocab, tt.claims)
		}
		if ds := view.FindDisagreements(tt.claims, vocab, ev); len(ds) != tt.want {
			t.Errorf("%s: %d disagreements, want %d: %+v", tt.name, len(ds), tt.want, ds)
		}
	}
}
