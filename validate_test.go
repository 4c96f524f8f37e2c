package tokumu_test

import (
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// testIndex is a small vocabulary, bibliography and set of entities to
// validate claims against.
func testIndex() *tokumu.Index {
	return tokumu.NewIndex(&tokumu.Dataset{
		Predicates: []*tokumu.Predicate{
			{ID: "head_of", Domain: []tokumu.EntityType{tokumu.Person}, Range: []tokumu.EntityType{tokumu.Organization}},
			{ID: "born", Domain: []tokumu.EntityType{tokumu.Person}, Literal: tokumu.LiteralNone},
			{ID: "strength", Domain: []tokumu.EntityType{tokumu.Unit}, Literal: tokumu.LiteralNumber},
			{ID: "coordinates", Domain: []tokumu.EntityType{tokumu.Place}, Literal: tokumu.LiteralPoint},
			{ID: "part_of", Domain: []tokumu.EntityType{tokumu.Organization}, Range: []tokumu.EntityType{tokumu.Organization}, Hierarchy: true},
		},
		Sources: []*tokumu.Source{{ID: "src", Kind: tokumu.Scholarly}},
		Entities: []*tokumu.Entity{
			{ID: "officer", Type: tokumu.Person}, {ID: "agency", Type: tokumu.Organization},
			{ID: "harbin", Type: tokumu.Place}, {ID: "army", Type: tokumu.Unit}, {ID: "trust", Type: tokumu.Operation},
		},
		Claims: []*tokumu.Claim{{ID: "known-claim"}},
	})
}

func TestValidateClaim(t *testing.T) {
	ix := testIndex()
	for _, tt := range []struct {
		name  string
		subj  tokumu.EntityType
		c     tokumu.Claim
		field string // "" for valid
		msg   string
	}{
		{"valid relation", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src"}, "", ""},
		{"valid planted estimate", tokumu.Unit, tokumu.Claim{Subject: "army", Predicate: "strength", Value: "20", Unit: "divisions", Source: "src", Perspective: "agency", PlantedBy: "trust"}, "", ""},
		{"unknown predicate", tokumu.Person, tokumu.Claim{Predicate: "head_off", Object: "agency", Source: "src"}, "p", "not in the vocabulary"},
		{"wrong subject type", tokumu.Place, tokumu.Claim{Predicate: "head_of", Object: "agency", Source: "src"}, "p", "cannot be said of a place"},
		{"missing object", tokumu.Person, tokumu.Claim{Predicate: "head_of", Source: "src"}, "o", "needs an object"},
		{"wrong object type", tokumu.Person, tokumu.Claim{Predicate: "head_of", Object: "harbin", Source: "src"}, "o", "cannot point at harbin, a place"},
		{"unknown object", tokumu.Person, tokumu.Claim{Predicate: "head_of", Object: "agencyy", Source: "src"}, "o", `unknown entity "agencyy"`},
		{"value on a relation", tokumu.Person, tokumu.Claim{Predicate: "head_of", Object: "agency", Value: "x", Source: "src"}, "v", "not a value"},
		{"nothing said", tokumu.Person, tokumu.Claim{Predicate: "born", Source: "src"}, "when", "says nothing without when or where"},
		{"not a number", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "20-25", Unit: "divisions", Source: "src"}, "v", "needs a number"},
		{"a bound the source gives", tokumu.Unit, tokumu.Claim{Subject: "army", Predicate: "strength", Value: "≤28", Unit: "divisions", Source: "src"}, "", ""},
		{"a bound in words", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "up to 28", Unit: "divisions", Source: "src"}, "v", "after ≥ (or >=), >, ≤ (or <=), < or ~"},
		{"number without unit", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "20", Source: "src"}, "v", "needs a unit"},
		{"bad point", tokumu.Place, tokumu.Claim{Predicate: "coordinates", Value: "126.6, 95.7", Source: "src"}, "v", "latitude must be within ±90"},
		{"where not a place", tokumu.Person, tokumu.Claim{Predicate: "born", Where: "agency", Source: "src"}, "where", "not a place"},
		{"perspective a place", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "20", Unit: "divisions", Source: "src", Perspective: "harbin"}, "by", "a perspective is the person, organization or unit"},
		{"planted by a person", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "20", Unit: "divisions", Source: "src", Perspective: "agency", PlantedBy: "officer"}, "planted_by", "must be the operation"},
		{"planted without receiver", tokumu.Unit, tokumu.Claim{Predicate: "strength", Value: "20", Unit: "divisions", Source: "src", PlantedBy: "trust"}, "planted_by", "says who received it"},
		{"no source", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency"}, "source", "has no source"},
		{"unknown source", tokumu.Person, tokumu.Claim{Predicate: "head_of", Object: "agency", Source: "srcc"}, "source", "not in the bibliography"},
		{"named as, valid", tokumu.Unit, tokumu.Claim{Subject: "army", Predicate: "strength", Value: "20", Unit: "divisions", Source: "src", Perspective: "agency",
			NamedAs: tokumu.NamedAs{Subject: "the Red Army", Perspective: "the Japanese"}}, "", ""},
		{"named as for no perspective", tokumu.Unit, tokumu.Claim{Subject: "army", Predicate: "strength", Value: "20", Unit: "divisions", Source: "src",
			NamedAs: tokumu.NamedAs{Perspective: "the Japanese"}}, "named_as.by", "does not name: add by:"},
		{"named as for no object", tokumu.Unit, tokumu.Claim{Subject: "army", Predicate: "strength", Value: "20", Unit: "divisions", Source: "src",
			NamedAs: tokumu.NamedAs{Object: "the Japanese"}}, "named_as.o", "does not name: add o:"},
		{"named as on two lines", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src",
			NamedAs: tokumu.NamedAs{Object: "the Japanese\nmission"}}, "named_as.o", "one line"},
		{"named as a passage", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src",
			NamedAs: tokumu.NamedAs{Object: strings.Repeat("words ", 40)[:201]}}, "named_as.o", "has 201 characters"},
		{"named as in the editors' words", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src",
			NamedAs: tokumu.NamedAs{Object: "the mission", Words: tokumu.WordsEditors}}, "", ""},
		{"named as in someone's words", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src",
			NamedAs: tokumu.NamedAs{Object: "the mission", Words: "translator"}}, "named_as.words", "write words: editors"},
		{"named as words alone", tokumu.Person, tokumu.Claim{Subject: "officer", Predicate: "head_of", Object: "agency", Source: "src",
			NamedAs: tokumu.NamedAs{Words: tokumu.WordsEditors}}, "named_as.words", "named_as gives none"},
		{"bad evidence", tokumu.Person, tokumu.Claim{Predicate: "head_of", Object: "agency", Source: "src", SupportedBy: []string{"known-claim", "nothing"}}, "supported_by", `"nothing" is neither`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := tokumu.ValidateClaim(ix, tt.subj, &tt.c)
			if tt.field == "" {
				if len(ps) != 0 {
					t.Fatalf("problems %v, want none", ps)
				}
				return
			}
			for _, p := range ps {
				if p.Field == tt.field && strings.Contains(p.Message, tt.msg) {
					return
				}
			}
			t.Errorf("problems %v, want one in %s containing %q", ps, tt.field, tt.msg)
		})
	}
}

func TestEffectiveGrade(t *testing.T) {
	src := &tokumu.Source{Kind: tokumu.Memoir}
	def := src.DefaultGrade()
	if g := tokumu.EffectiveGrade(src, tokumu.Grade{}); g != def {
		t.Errorf("no written grade: %s, want the default %s", g, def)
	}
	if g := tokumu.EffectiveGrade(src, tokumu.Grade{Credibility: 5}); g.Reliability != def.Reliability || g.Credibility != 5 {
		t.Errorf("credibility 5: %s", g)
	}
	if g := tokumu.EffectiveGrade(src, tokumu.Grade{Reliability: 'A', Credibility: 1}); g.String() != "A1" {
		t.Errorf("A1 written: %s", g)
	}
}

func TestValidateName(t *testing.T) {
	for _, tt := range []struct {
		n  tokumu.Name
		ok bool
	}{
		{tokumu.Name{Text: "土肥原賢二", Lang: "ja"}, true},
		{tokumu.Name{Text: "Doihara Kenji", Lang: "ja"}, false},
		{tokumu.Name{Text: "Doihara Kenji", Lang: "ja-Latn"}, true},
		{tokumu.Name{Text: "Люшков", Lang: "ru"}, true},
		{tokumu.Name{Text: "Lyushkov", Lang: "ru"}, false},
		{tokumu.Name{Text: "Люшков", Lang: "ru-Latn"}, false},
		{tokumu.Name{Text: " ", Lang: "en"}, false},
	} {
		if got := len(tokumu.ValidateName(tt.n)) == 0; got != tt.ok {
			t.Errorf("ValidateName(%q, %s) ok = %v, want %v", tt.n.Text, tt.n.Lang, got, tt.ok)
		}
	}
}

func TestHierarchyCycles(t *testing.T) {
	vocab := tokumu.MustVocab([]*tokumu.Predicate{{ID: "part_of", Hierarchy: true}, {ID: "head_of"}})
	link := func(id, a, b string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: a, Predicate: "part_of", Object: b}
	}
	claims := []*tokumu.Claim{
		link("self", "a", "a"),
		link("b-c", "b", "c"), link("c-b", "c", "b"),
		link("d-e", "d", "e"), link("e-f", "e", "f"), link("f-d", "f", "d"),
		link("g-h", "g", "h"), link("h-i", "h", "i"), // a chain, no cycle
		{ID: "x", Subject: "p", Predicate: "head_of", Object: "p"}, // not hierarchy
	}
	got := tokumu.HierarchyCycles(claims, vocab)
	var ids []string
	for _, cyc := range got {
		var s []string
		for _, c := range cyc {
			s = append(s, c.ID)
		}
		ids = append(ids, strings.Join(s, ","))
	}
	want := []string{"self", "b-c,c-b", "d-e,e-f,f-d"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("cycles %q, want %q", ids, want)
	}
}

func TestValidateSource(t *testing.T) {
	ok := tokumu.Source{ID: "s", Kind: tokumu.Scholarly, Title: "T", Language: "en", Authors: []tokumu.Agent{{Family: "F"}}}
	if ps := tokumu.ValidateSource(&ok); len(ps) != 0 {
		t.Fatalf("a complete source: %v", ps)
	}
	for _, tt := range []struct {
		field string
		edit  func(s *tokumu.Source)
	}{
		{"title", func(s *tokumu.Source) { s.Title = "" }},
		{"author", func(s *tokumu.Source) { s.Authors = nil }},
		{"language", func(s *tokumu.Source) { s.Language = "" }},
		{"accessed", func(s *tokumu.Source) { s.URL = "https://example.org/a" }},
		{"accessed", func(s *tokumu.Source) { s.URL, s.Accessed = "https://example.org/a", "2026/11/30/" }}, // RIS's form
		{"accessed", func(s *tokumu.Source) { s.URL, s.Accessed = "https://example.org/a", "2026-02-30" }},
		{"accessed", func(s *tokumu.Source) { s.Accessed = "yesterday" }},
		{"kind", func(s *tokumu.Source) { s.Kind = "" }},
		{"type", func(s *tokumu.Source) { s.Type = "letter" }}, // CSL 1.0.1 had it; 1.0.2 does not
		{"note", func(s *tokumu.Source) { s.Note = "Re-read by factcheck 2." }},
		{"url", func(s *tokumu.Source) {
			s.URL, s.Accessed = "http://www.360doc.com/content/22/0214/06/1.shtml", "2026-12-04"
		}},
		{"url", func(s *tokumu.Source) { s.URL, s.Accessed = "https://ja-wiki.pages.dev/wiki/x", "2026-12-04" }},
	} {
		s := ok
		tt.edit(&s)
		ps := tokumu.ValidateSource(&s)
		if len(ps) != 1 || ps[0].Field != tt.field {
			t.Errorf("%s: problems %v, want one in %s", tt.field, ps, tt.field)
		}
	}
	// The original's address is fine, and so is a host that only ends
	// like a copying site.
	for _, u := range []string{"https://ja.wikipedia.org/wiki/x", "https://notwikimili.com/a", "https://example.org/360doc.com"} {
		s := ok
		s.URL, s.Accessed = u, "2026-12-04"
		if ps := tokumu.ValidateSource(&s); len(ps) != 0 {
			t.Errorf("url %s: %v, want none", u, ps)
		}
	}
	editor := ok
	editor.Authors, editor.Editors = nil, []tokumu.Agent{{Literal: "防衛省防衛研究所"}}
	if ps := tokumu.ValidateSource(&editor); len(ps) != 0 {
		t.Errorf("an issuing body as editor: %v", ps)
	}
}

func TestValidateNote(t *testing.T) {
	for _, tt := range []struct {
		note string
		ok   bool
	}{
		{"Yakovkin's list (yak) omits him.", true},
		{"T-26 tanks and BT-7s; grade C2 for the memoir.", true},
		{"The E13 class is CIDOC's attribute assignment.", false}, // looks like an id; reword
		{"fact base E018", false},
		{"factcheck 1 re-read it", false},
		{"Absent from Yakovkin's list (C01).", false},
		{"Q22, C11", false},
		{"see facts.md", false},
		{"Fact-check 2 agreed.", false},
	} {
		if got := len(tokumu.ValidateNote(tt.note)) == 0; got != tt.ok {
			t.Errorf("ValidateNote(%q) ok = %v, want %v", tt.note, got, tt.ok)
		}
	}
}

func TestNoteBoundWarning(t *testing.T) {
	// A bare figure whose note gives the same figure with a bounding word
	// asks for the sign; another figure in the note, or a figure already
	// signed, does not.
	for _, tc := range []struct {
		name, v, note string
		want          string // the sign asked for, or "" for no warning
	}{
		{"about", "1340000", "about 1,340,000 men at the end of 1941", "~"},
		{"more than, million", "1700000", "'More than 1.7 million'; another source has 1.6 million.", ">"},
		{"Russian, thousands", "700000", "по оценке разведки, свыше 700 тыс. человек", ">"},
		{"at least", "4", "at least 4 divisions forward", "≥"},
		{"up to", "28", "'up to' 28 is not this; up to 28 rifle divisions", "≤"},
		{"another figure", "850000", "the Kwantung Army itself about 700,000", ""},
		{"already signed", "~1340000", "about 1,340,000 men", ""},
		{"a word inside a word", "20", "handsome 20 tanks", ""},
		{"Russian до is a range", "115", "с 88 до 115 дивизий", ""},
	} {
		c := &tokumu.Claim{ID: "x~1", Value: tc.v, Unit: "men", Note: tc.note}
		var got []string
		for _, p := range tokumu.WarnClaim(c, nil) {
			got = append(got, p.Message)
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: warnings %q, want none", tc.name, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], `write v: "`+tc.want+tc.v+`"`)):
			t.Errorf("%s: warnings %q, want one asking for %s%s", tc.name, got, tc.want, tc.v)
		}
	}
}

// WarnClaim: a claim may grade its passage less reliable than its source,
// never more; the letter is the source's (its kind's default, or the
// reliability its record sets).
func TestWarnClaimReliability(t *testing.T) {
	popularC := &tokumu.Source{ID: "matth", Kind: tokumu.Popular, Reliability: 'C'}
	scholarly := &tokumu.Source{ID: "zor23", Kind: tokumu.Scholarly}
	for _, tt := range []struct {
		name  string
		src   *tokumu.Source
		grade string
		warn  bool
	}{
		{"raises a set reliability", popularC, "B3", true},
		{"takes the source's", popularC, "C3", false},
		{"lowers it", popularC, "D3", false},
		{"raises a kind's default", scholarly, "A2", true},
		{"the kind's default", scholarly, "B2", false},
		{"source unknown", nil, "A1", false},
	} {
		g, err := tokumu.ParseGrade(tt.grade)
		if err != nil {
			t.Fatal(err)
		}
		c := &tokumu.Claim{ID: "x~1", Grade: g}
		var got []string
		for _, p := range tokumu.WarnClaim(c, tt.src) {
			got = append(got, p.Message)
		}
		switch {
		case tt.warn && (len(got) != 1 || !strings.Contains(got[0], `write grade: "3"`) && !strings.Contains(got[0], `write grade: "2"`)):
			t.Errorf("%s: warnings %q, want one that gives the credibility alone", tt.name, got)
		case !tt.warn && len(got) > 0:
			t.Errorf("%s: warnings %q, want none", tt.name, got)
		}
	}
}

// UnknownNoteKeys: the keys a note names in parentheses that are no
// source, entity or claim, each once; words in parentheses are not keys.
func TestUnknownNoteKeys(t *testing.T) {
	ix := testIndex()
	for _, tt := range []struct {
		note string
		want string
	}{
		{"", ""},
		{"as (src-2) says, and (src-2, p. 4) again; (old-key) too", "src-2 old-key"},
		{"the claim (known-claim), the officer (officer), the army (army)", ""},
		{"a word (sic) and a year (1938) and a page (p. 3)", ""},
		{"a source with a digit (zor23; p. 5)", "zor23"},
	} {
		if got := strings.Join(tokumu.UnknownNoteKeys(ix, tt.note), " "); got != tt.want {
			t.Errorf("UnknownNoteKeys(%q) = %q, want %q", tt.note, got, tt.want)
		}
	}
}
