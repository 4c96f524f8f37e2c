package format_test

import "github.com/tokumu/tokumu"

// baseFixture is the store conformance fixture as it was when the
// formats' expected counts (triples, nodes, entries) were computed by
// hand: the formats keep their own copy, so that the store suite may grow
// its fixture without changing these numbers. It returns a small dataset:
// names in three scripts with a validity period, relations with interval
// times, an undated claim, literal values, a perspective, a planted claim
// and a thesis claim with evidence links. It is test data shaped like the
// corpus, not the corpus: the figures in it are placeholders, not history.
func baseFixture() *tokumu.Dataset {
	when := func(edtf string, lo, ls, ee, hi tokumu.Day, interval bool) tokumu.When {
		return tokumu.When{EDTF: edtf, Earliest: lo, LatestStart: ls, EarliestEnd: ee, Latest: hi, Interval: interval}
	}
	y1932 := when("1932", 19320101, 19321231, 19320101, 19321231, false)
	b2 := tokumu.Grade{Reliability: 'B', Credibility: 2}
	ds := &tokumu.Dataset{
		Hash: "fixture-1",
		Predicates: []*tokumu.Predicate{
			{ID: "part_of", Label: map[string]string{"en": "part of", "ja": "隷下", "ru": "входит в"}, Inverse: map[string]string{"en": "has subdivision"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Organization}, Hierarchy: true, Origin: "vocabulary/core.yaml:3"},
			{ID: "head_of", Label: map[string]string{"en": "head of", "ja": "長", "ru": "начальник"}, Inverse: map[string]string{"en": "headed by"},
				Domain: []tokumu.EntityType{tokumu.Person}, Range: []tokumu.EntityType{tokumu.Organization}},
			{ID: "born", Label: map[string]string{"en": "born"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Person}, Literal: tokumu.LiteralNone},
			{ID: "strength", Label: map[string]string{"en": "strength"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Unit}, Literal: tokumu.LiteralNumber},
			{ID: "succeeded_by", Label: map[string]string{"en": "converted into"}, Inverse: map[string]string{"en": "formed from"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Organization}},
			{ID: "dissolved", Label: map[string]string{"en": "dissolved"}, Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Organization}, Literal: tokumu.LiteralNone},
			{ID: "located_in", Label: map[string]string{"en": "located in"}, Inverse: map[string]string{"en": "location of"},
				Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Place}},
		},
		Sources: []*tokumu.Source{
			{ID: "yak", Kind: tokumu.Popular, Type: "book", Title: "Японская военная миссия", Language: "ru", Reliability: 'C', Origin: "sources/yak.yaml"},
			{ID: "zor23", Kind: tokumu.Scholarly, Type: "book", Authors: []tokumu.Agent{{Family: "Зорихин", Given: "А. Г."}},
				Title: "Военная разведка Японии против СССР", TitleEn: "Japanese military intelligence against the USSR", Issued: "2023", Language: "ru",
				URL: "https://example.org/zor23", Origin: "sources/zor23.yaml"},
		},
		Entities: []*tokumu.Entity{
			{ID: "doihara-kenji", Type: tokumu.Person, Names: []tokumu.Name{
				{Text: "土肥原賢二", Lang: "ja", Kind: tokumu.Native},
				{Text: "Doihara Kenji", Lang: "ja-Latn", Kind: tokumu.Romanized},
				{Text: "Доихара Кэндзи", Lang: "ru", Kind: tokumu.Transcribed, Source: "yak"},
			}, Summary: map[string]string{"en": "Officer."}, Tags: []string{"officer"}, Origin: "entities/person/doihara-kenji.yaml"},
			{ID: "harbin", Type: tokumu.Place, Names: []tokumu.Name{
				{Text: "Harbin", Lang: "en", Kind: tokumu.Native}, {Text: "哈爾浜", Lang: "ja", Kind: tokumu.Native},
				{Text: "Харбин", Lang: "ru", Kind: tokumu.Native}, {Text: "哈尔滨", Lang: "zh-Hans", Kind: tokumu.Native},
			}},
			{ID: "harbin-tokumu-kikan", Type: tokumu.Organization, Names: []tokumu.Name{
				{Text: "ハルビン特務機関", Lang: "ja", Kind: tokumu.Native},
				{Text: "Harbin Special Service Agency", Lang: "en", Kind: tokumu.Native},
				{Text: "Японская военная миссия в Харбине", Lang: "ru", Kind: tokumu.Native,
					When: when("1919/1940", 19190101, 19191231, 19400101, 19401231, true)},
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
		},
		Claims: []*tokumu.Claim{
			{ID: "c-doihara-born", Subject: "doihara-kenji", Predicate: "born", When: when("1883-08-08", 18830808, 18830808, 18830808, 18830808, false),
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
				Perspective: "kwantung-army", PlantedBy: "", SupportedBy: []string{"c-kikan-part-of"}, ComplicatedBy: []string{"harbin"},
				NamedAs: tokumu.NamedAs{Perspective: "the Japanese"}},
			{ID: "c-real-1936", Subject: "soviet-far-eastern-forces", Predicate: "strength", Value: "80", Unit: "divisions", Lang: "en",
				When: when("1936", 19360101, 19361231, 19360101, 19361231, false), Source: "yak", Locator: "p/89", Grade: b2, Role: "test"},
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
