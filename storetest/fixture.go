package storetest

import (
	"fmt"
	"slices"

	"github.com/tokumu/tokumu"
)

// Fixture returns a small dataset that exercises what stores must keep:
//
//   - predicates with roles, a hierarchy flag and an origin, written in an
//     order that is not the order of their ids;
//   - sources with authors, an editor, a literal author and a reliability,
//     listed out of id order;
//   - names in three scripts, one with a validity period whose text is the
//     source's own wording;
//   - relations with interval times, an undated claim, literal values with
//     units and a language, a role;
//   - a date in the source's own wording (When.Text "明治16年8月8日");
//   - a claim from a perspective (by) that an operation planted
//     (PlantedBy, an operation entity), with evidence links
//     (SupportedBy, ComplicatedBy);
//   - view settings with every field set.
//
// It is test data shaped like the corpus, not the corpus: the figures in it
// are placeholders, not history. Each call returns a new copy.
func Fixture() *tokumu.Dataset {
	when := func(edtf string, lo, ls, ee, hi tokumu.Day, interval bool) tokumu.When {
		return tokumu.When{EDTF: edtf, Earliest: lo, LatestStart: ls, EarliestEnd: ee, Latest: hi, Interval: interval}
	}
	y1932 := when("1932", 19320101, 19321231, 19320101, 19321231, false)
	born := when("1883-08-08", 18830808, 18830808, 18830808, 18830808, false)
	born.Text = "明治16年8月8日"
	kikanName := when("1919/1940", 19190101, 19191231, 19400101, 19401231, true)
	kikanName.Text = "1919–1940 гг."
	b2 := tokumu.Grade{Reliability: 'B', Credibility: 2}
	ds := &tokumu.Dataset{
		Hash: "fixture-1",
		Settings: tokumu.Settings{StructureRoot: "kwantung-army", StructureDate: "1939-06-01", StructureCompare: "1941-06-01",
			TimelineFrom: 1919, TimelineTo: 1953, MapYear: 1939, NetworkFrom: 1937, NetworkTo: 1941, Repository: "https://example.org/corpus/",
			Title: "Fixture Corpus", Editors: []string{"Fixture editors"}, URL: "https://example.org/fixture-dataset"},
		Predicates: []*tokumu.Predicate{
			{ID: "part_of", Label: map[string]string{"en": "part of", "ja": "隷下", "ru": "входит в"}, Inverse: map[string]string{"en": "has subdivision"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Organization}, Hierarchy: true, Origin: "vocabulary/core.yaml:3"},
			{ID: "head_of", Label: map[string]string{"en": "head of", "ja": "長", "ru": "начальник"}, Inverse: map[string]string{"en": "headed by"},
				Domain: []tokumu.EntityType{tokumu.Person}, Range: []tokumu.EntityType{tokumu.Organization}, Roles: []tokumu.Role{tokumu.RoleOffice}},
			{ID: "born", Label: map[string]string{"en": "born"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Person}, Literal: tokumu.LiteralNone,
				Roles: []tokumu.Role{tokumu.RoleBorn, tokumu.RoleFunctional}},
			{ID: "strength", Label: map[string]string{"en": "strength"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Unit}, Literal: tokumu.LiteralNumber,
				Roles: []tokumu.Role{tokumu.RoleEstimate}},
			{ID: "succeeded_by", Label: map[string]string{"en": "converted into"}, Inverse: map[string]string{"en": "formed from"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Organization}, Roles: []tokumu.Role{tokumu.RoleSuccessor}},
			{ID: "dissolved", Label: map[string]string{"en": "dissolved"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Organization}, Literal: tokumu.LiteralNone,
				Roles: []tokumu.Role{tokumu.RoleDissolved, tokumu.RoleFunctional}},
			{ID: "located_in", Label: map[string]string{"en": "located in"}, Inverse: map[string]string{"en": "location of"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Place}, Roles: []tokumu.Role{tokumu.RoleLocatedIn}},
		},
		Sources: []*tokumu.Source{
			{ID: "zor23", Kind: tokumu.Scholarly, Type: "book", Authors: []tokumu.Agent{{Family: "Зорихин", Given: "А. Г."}},
				Title: "Военная разведка Японии против СССР", TitleEn: "Japanese military intelligence against the USSR", Issued: "2023", Language: "ru",
				URL: "https://example.org/zor23", Accessed: "2026-01-02", Origin: "sources/zor23.yaml"},
			{ID: "yak", Kind: tokumu.Popular, Type: "book", Title: "Японская военная миссия", Language: "ru", Reliability: 'C', DerivedFrom: []string{"zor23"}, Origin: "sources/yak.yaml"},
			{ID: "jm-placeholder", Kind: tokumu.Official, Type: "report", Authors: []tokumu.Agent{{Literal: "Military History Section"}},
				Editors: []tokumu.Agent{{Family: "Editor", Given: "A."}, {Family: "Editor", Given: "B."}}, Title: "A placeholder monograph",
				Container: "Placeholder Monographs", Publisher: "Placeholder Press", Place: "Tokyo", Issued: "1955", Volume: "2", Issue: "3",
				Pages: "10-20", Edition: "2", DOI: "10.0000/placeholder", ISBN: "0-00-000000-0", Archive: "Placeholder Archive",
				ArchiveLocation: "box 1, folder 2", Accessed: "2026-01-01", Language: "en", Reliability: 'B', Note: "not a real work"},
		},
		Entities: []*tokumu.Entity{
			{ID: "harbin-tokumu-kikan", Type: tokumu.Organization, Names: []tokumu.Name{
				{Text: "ハルビン特務機関", Lang: "ja", Kind: tokumu.Native},
				{Text: "Harbin Special Service Agency", Lang: "en", Kind: tokumu.Native},
				{Text: "Японская военная миссия в Харбине", Lang: "ru", Kind: tokumu.Native, When: kikanName, Source: "yak"},
			}},
			{ID: "doihara-kenji", Type: tokumu.Person, Names: []tokumu.Name{
				{Text: "土肥原賢二", Lang: "ja", Kind: tokumu.Native},
				{Text: "Doihara Kenji", Lang: "ja-Latn", Kind: tokumu.Romanized},
				{Text: "Доихара Кэндзи", Lang: "ru", Kind: tokumu.Transcribed, Source: "yak"},
			}, Summary: map[string]string{"en": "Officer.", "ru": "Офицер."}, Tags: []string{"officer", "placeholder"}, Origin: "entities/person/doihara-kenji.yaml"},
			{ID: "harbin", Type: tokumu.Place, Names: []tokumu.Name{
				{Text: "Harbin", Lang: "en", Kind: tokumu.Native}, {Text: "哈爾浜", Lang: "ja", Kind: tokumu.Native},
				{Text: "Харбин", Lang: "ru", Kind: tokumu.Native}, {Text: "哈尔滨", Lang: "zh-Hans", Kind: tokumu.Native},
			}},
			{ID: "kwantung-army", Type: tokumu.Organization, Names: []tokumu.Name{
				{Text: "関東軍", Lang: "ja", Kind: tokumu.Native}, {Text: "Kwantung Army", Lang: "en", Kind: tokumu.Native},
			}},
			{ID: "kwantung-army-intelligence-department", Type: tokumu.Organization, Names: []tokumu.Name{
				{Text: "関東軍情報部", Lang: "ja", Kind: tokumu.Native},
			}},
			{ID: "lyushkov-genrikh", Type: tokumu.Person, Names: []tokumu.Name{
				{Text: "Генрих Самойлович Люшков", Lang: "ru", Kind: tokumu.Native},
			}},
			{ID: "soviet-far-eastern-forces", Type: tokumu.Unit, Names: []tokumu.Name{
				{Text: "Soviet forces in the Far East", Lang: "en", Kind: tokumu.Native},
			}},
			{ID: "placeholder-deception", Type: tokumu.Operation, Names: []tokumu.Name{
				{Text: "Placeholder deception operation", Lang: "en", Kind: tokumu.Native},
				{Text: "Operation X", Lang: "en", Kind: tokumu.Codename},
			}, Origin: "entities/operation/placeholder-deception.yaml"},
		},
		Claims: []*tokumu.Claim{
			{ID: "c-doihara-born", Subject: "doihara-kenji", Predicate: "born", When: born,
				Where: "harbin", Source: "yak", Grade: tokumu.Grade{Reliability: 'C', Credibility: 4}, Note: "placeholder", Origin: "entities/person/doihara-kenji.yaml:9"},
			{ID: "c-doihara-head", Subject: "doihara-kenji", Predicate: "head_of", Object: "harbin-tokumu-kikan", When: y1932,
				Source: "yak", Locator: "p/14", Grade: b2},
			{ID: "c-kikan-part-of", Subject: "harbin-tokumu-kikan", Predicate: "part_of", Object: "kwantung-army",
				When: when("1919/1940", 19190101, 19191231, 19400101, 19401231, true), Source: "zor23", Locator: "p/4", Grade: b2},
			{ID: "c-kikan-succeeded", Subject: "harbin-tokumu-kikan", Predicate: "succeeded_by", Object: "kwantung-army-intelligence-department",
				When: when("1940", 19400101, 19401231, 19400101, 19401231, false), Source: "zor23", Grade: b2},
			{ID: "c-kikan-dissolved", Subject: "harbin-tokumu-kikan", Predicate: "dissolved",
				When: when("1940", 19400101, 19401231, 19400101, 19401231, false), Source: "zor23", Grade: b2},
			{ID: "c-kikan-located", Subject: "harbin-tokumu-kikan", Predicate: "located_in", Object: "harbin", Source: "yak", Grade: b2},
			{ID: "c-kid-part-of", Subject: "kwantung-army-intelligence-department", Predicate: "part_of", Object: "kwantung-army",
				When: when("1940/1945-08", 19400101, 19401231, 19450801, 19450831, true), Source: "zor23", Locator: "p/5", Grade: b2},
			{ID: "c-est-1936", Subject: "soviet-far-eastern-forces", Predicate: "strength", Value: "100", Unit: "divisions",
				When: when("1936", 19360101, 19361231, 19360101, 19361231, false), Source: "zor23", Locator: "p/88", Grade: b2,
				Perspective: "kwantung-army", PlantedBy: "placeholder-deception",
				NamedAs: tokumu.NamedAs{Subject: "the Red Army in the Far East", Perspective: "the Japanese", Words: tokumu.WordsEditors}, SupportedBy: []string{"c-kikan-part-of"}, ComplicatedBy: []string{"harbin", "c-kikan-located"}},
			{ID: "c-real-1936", Subject: "soviet-far-eastern-forces", Predicate: "strength", Value: "80", Unit: "divisions", Lang: "en",
				When: when("1936", 19360101, 19361231, 19360101, 19361231, false), Source: "yak", Locator: "p/89", Grade: b2, Role: "test",
				Note: "the count the estimate is compared with"},
		},
	}
	// The roles the views read, as the embedded vocabulary declares them.
	roles := map[string][]tokumu.Role{
		"head_of": {tokumu.RoleOffice}, "born": {tokumu.RoleBorn, tokumu.RoleFunctional},
		"strength": {tokumu.RoleEstimate}, "succeeded_by": {tokumu.RoleSuccessor},
		"dissolved": {tokumu.RoleDissolved, tokumu.RoleFunctional}, "located_in": {tokumu.RoleLocatedIn},
	}
	for _, p := range ds.Predicates {
		p.Roles = roles[p.ID]
	}
	return ds
}

// fixtureClaimOrder is the order Store.Claims promises for the fixture's
// claims: by subject, predicate, start of time and id. It is written out
// rather than sorted so that the suite does not share a sorting mistake
// with the store under test.
var fixtureClaimOrder = []string{
	"c-doihara-born", "c-doihara-head", // doihara-kenji: born < head_of
	"c-kikan-dissolved", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded", // harbin-tokumu-kikan
	"c-kid-part-of",             // kwantung-army-intelligence-department
	"c-est-1936", "c-real-1936", // soviet-far-eastern-forces: same start, so by id
}

// fixtureEntityOrder is the fixture's entities by id.
var fixtureEntityOrder = []string{"doihara-kenji", "harbin", "harbin-tokumu-kikan", "kwantung-army",
	"kwantung-army-intelligence-department", "lyushkov-genrikh", "placeholder-deception", "soviet-far-eastern-forces"}

// fixtureStats is what Stats reports for the fixture, counted by hand.
func fixtureStats() *tokumu.Stats {
	return &tokumu.Stats{
		Entities: 8, Claims: 9, Sources: 3, Predicates: 7, Names: 17,
		ByType: map[tokumu.EntityType]int{tokumu.Person: 2, tokumu.Organization: 3, tokumu.Place: 1,
			tokumu.Unit: 1, tokumu.Operation: 1},
		ByGrade:  map[string]int{"B2": 8, "C4": 1},
		BySource: map[string]int{"yak": 4, "zor23": 5},
		ByPredicate: map[string]int{"born": 1, "head_of": 1, "part_of": 2, "succeeded_by": 1, "dissolved": 1,
			"located_in": 1, "strength": 2},
		WithLocator: 5, WithPerspective: 1, Dated: 8,
	}
}

// orderedFixture is the fixture with claims that put the claim order to
// the test: a subject whose claims are ordered by start against their ids
// (an undated claim first, then an open start, then by day), and an entity
// that is the subject of some claims and the object of others, including
// one about itself. Its order is orderedClaimOrder.
func orderedFixture() *tokumu.Dataset {
	ds := Fixture()
	ds.Hash = "fixture-ordered"
	b2 := tokumu.Grade{Reliability: 'B', Credibility: 2}
	strength := func(id, value string, w tokumu.When) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: "soviet-far-eastern-forces", Predicate: "strength", Value: value,
			Unit: "divisions", When: w, Source: "yak", Grade: b2}
	}
	ds.Claims = append(ds.Claims,
		// An undated claim comes before every dated one, whatever its id.
		strength("soviet-far-eastern-forces~ffffffffffffffff", "60", tokumu.When{}),
		// An open start ("../1935") comes before any day.
		strength("c-zz-open", "70", tokumu.When{EDTF: "../1935", Earliest: tokumu.MinDay, LatestStart: tokumu.MinDay,
			EarliestEnd: 19350101, Latest: 19351231, Interval: true}),
		// A later start comes after, though its id sorts first.
		strength("c-aa-1939", "30", tokumu.When{EDTF: "1939-05", Text: "昭和14年5月", Earliest: 19390501,
			LatestStart: 19390531, EarliestEnd: 19390501, Latest: 19390531}),
		&tokumu.Claim{ID: "c-army-located", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin",
			Source: "zor23", Grade: b2},
		&tokumu.Claim{ID: "c-army-self", Subject: "kwantung-army", Predicate: "part_of", Object: "kwantung-army",
			Source: "zor23", Grade: b2, Note: "a claim about itself, to be listed once",
			When: tokumu.When{EDTF: "1919", Earliest: 19190101, LatestStart: 19191231, EarliestEnd: 19190101, Latest: 19191231}},
	)
	// Listed backwards, so that a store that keeps input order fails.
	slices.Reverse(ds.Claims)
	return ds
}

var orderedClaimOrder = []string{
	"c-doihara-born", "c-doihara-head",
	"c-kikan-dissolved", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded",
	"c-army-located", "c-army-self", // kwantung-army: located_in < part_of
	"c-kid-part-of",
	"soviet-far-eastern-forces~ffffffffffffffff", "c-zz-open", "c-est-1936", "c-real-1936", "c-aa-1939",
}

// manyEntities returns a dataset of n entities whose ids mix characters
// that byte order and common collations sort differently (upper and lower
// case, '-', '_', '.', '~', digits, non-ASCII), and those ids in the order
// the dataset lists them.
func manyEntities(n int) (*tokumu.Dataset, []string) {
	forms := []string{"e-%06d", "E-%06d", "e_%06d", "e.%06d", "e~%06d", "%06d-e", "é-%06d", "人-%06d"}
	ds := &tokumu.Dataset{Hash: fmt.Sprintf("many-%d", n)}
	ids := make([]string, n)
	for i := range n {
		// A stride coprime with n lists them out of order.
		k := (i*7919 + 13) % n
		id := fmt.Sprintf(forms[k%len(forms)], k)
		ids[i] = id
		ds.Entities = append(ds.Entities, &tokumu.Entity{ID: id, Type: tokumu.Person,
			Names: []tokumu.Name{{Text: "name " + id, Lang: "en", Kind: tokumu.Native}}})
	}
	return ds, ids
}

// ApproximateFixture is Fixture with one claim more, c-approx, whose date
// is approximate: Lyushkov head of the Harbin agency from "1938-06~" to
// "1938-09" (placeholder history), possibly from May 1938. The stores'
// migration tests write it with the bounds an older build stored and see
// the migration widen them.
func ApproximateFixture() *tokumu.Dataset {
	ds := Fixture()
	w, _, err := tokumu.ParseWhen("1938-06~/1938-09")
	if err != nil {
		panic(err)
	}
	ds.Claims = append(ds.Claims, &tokumu.Claim{ID: "c-approx", Subject: "lyushkov-genrikh", Predicate: "head_of",
		Object: "harbin-tokumu-kikan", When: w, Source: "zor23", Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}})
	return ds
}
