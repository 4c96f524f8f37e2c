package yamlcorpus_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/yamlcorpus"
)

func TestLoadGood(t *testing.T) {
	ds, err := yamlcorpus.Load(os.DirFS("testdata/good"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(ds.Entities) != 3 || len(ds.Claims) != 5 || len(ds.Sources) != 2 || len(ds.Predicates) != 4 {
		t.Fatalf("loaded %d entities, %d claims, %d sources, %d predicates; want 3, 5, 2, 4",
			len(ds.Entities), len(ds.Claims), len(ds.Sources), len(ds.Predicates))
	}
	if len(ds.Hash) != 64 {
		t.Errorf("Hash = %q, want a sha256 hex", ds.Hash)
	}
	ix := tokumu.NewIndex(ds)
	officer := ix.Entities["test-officer"]
	if got := officer.Names[1].Kind; got != tokumu.Romanized {
		t.Errorf("ja-Latn name kind = %s, want romanized by default", got)
	}
	byPred := map[string][]*tokumu.Claim{}
	for _, c := range ds.Claims {
		byPred[c.Predicate] = append(byPred[c.Predicate], c)
	}
	born := byPred["born"][0]
	if born.When.EDTF != "1926" || born.When.Text != "昭和元年" {
		t.Errorf("born.When = %+v, want EDTF 1926 with the original text kept", born.When)
	}
	if born.Grade.String() != "B2" {
		t.Errorf("born grade = %s, want B2 from a scholarly source", born.Grade)
	}
	for _, c := range byPred["head_of"] {
		switch c.Source {
		case "test-monograph":
			if !c.When.Interval || c.When.Earliest != 19320101 || c.When.Latest != 19340630 {
				t.Errorf("interval head_of When = %+v", c.When)
			}
		case "test-memoir":
			// The source sets reliability D; the claim sets credibility 4.
			if c.Grade.String() != "D4" {
				t.Errorf("memoir claim grade = %s, want D4", c.Grade)
			}
		}
	}
	st := byPred["strength"][0]
	if st.When.EDTF != "1938-06-13" || st.Perspective != "test-army" || st.Unit != "men" {
		t.Errorf("strength claim = %+v", st)
	}
	if !strings.HasPrefix(st.ID, "test-agency~") {
		t.Errorf("derived claim id %q, want test-agency~<hash>", st.ID)
	}

	// The hash depends on content only: Hash gives the same value without parsing.
	h, err := yamlcorpus.Hash(os.DirFS("testdata/good"))
	if err != nil || h != ds.Hash {
		t.Errorf("Hash = %q, %v; want %q", h, err, ds.Hash)
	}
}

// TestLoadBad is the done-criterion of the foundation: a misspelled id, a
// bad date and a claim without a source are all reported, at their
// positions, in one run, and nothing is returned.
func TestLoadBad(t *testing.T) {
	ds, err := yamlcorpus.Load(os.DirFS("testdata/bad"))
	if ds != nil {
		t.Fatal("Load returned a dataset for a corpus with errors")
	}
	var list yamlcorpus.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load error = %v, want an ErrorList", err)
	}
	want := []string{
		"entities/person/test-officer.yaml:6:27: bad date in when: month 13",
		"entities/person/test-officer.yaml:7:21: o: unknown entity \"test-agencyy\" (did you mean test-agency?)",
		"entities/person/test-officer.yaml:8:5: claim test-officer head_of has no source",
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), list)
	}
	for i, w := range want {
		if got := list[i].Error(); !strings.HasPrefix(got, w) {
			t.Errorf("error %d:\n got %s\nwant prefix %s", i, got, w)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	base := func() fstest.MapFS { return goodBase(t) }
	for _, tt := range []struct {
		name string
		file string
		body string
		want string // substring of the first error, with its position
	}{
		{"duplicate id", "entities/organization/dup.yaml", "id: test-army\ntype: organization\nnames: [{text: X, lang: en}]\n",
			"test-army.yaml:1:5: duplicate entity id test-army (also in entities/organization/dup.yaml)"},
		{"unknown field", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaim: []\n",
			"x.yaml:4:1: unknown field \"claim\" in an entity (did you mean claims?)"},
		{"unknown predicate", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_off, o: test-army, source: test-monograph}\n",
			"x.yaml:5:9: predicate \"part_off\" is not in the vocabulary (did you mean part_of?)"},
		{"wrong subject type", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: head_of, o: test-army, source: test-monograph}\n",
			"x.yaml:5:9: predicate head_of cannot be said of a organization"},
		{"wrong object type", "entities/person/p.yaml", "id: p\ntype: person\nnames: [{text: P, lang: en}]\nclaims:\n  - {p: head_of, o: p, source: test-monograph}\n",
			"p.yaml:5:21: predicate head_of cannot point at p, a person"},
		{"unknown source", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: test-monografh}\n",
			"x.yaml:5:40: source \"test-monografh\" is not in the bibliography (did you mean test-monograph?)"},
		{"bad grade", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: test-monograph, grade: B9}\n",
			"x.yaml:5:63: bad grade \"B9\": credibility must be a digit 1–6"},
		{"number without unit", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: strength, v: many, source: test-monograph}\n",
			"x.yaml:5:22: predicate strength needs a number, not \"many\""},
		{"no names", "entities/organization/x.yaml", "id: x\ntype: organization\n",
			"x.yaml:1:1: entity x has no names"},
		{"bad id", "entities/organization/x.yaml", "id: Harbin Agency\ntype: organization\nnames: [{text: X, lang: en}]\n",
			"x.yaml:1:5: entity id \"Harbin Agency\" has an upper-case letter"},
		// A derived id kept by an export is another entity's, or not 16 hex digits.
		{"another entity's derived id", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {id: y~0123456789abcdef, p: part_of, o: test-army, source: test-monograph}\n",
			"x.yaml:5:10: claim id \"y~0123456789abcdef\" has '~'"},
		{"short derived id", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {id: x~0123, p: part_of, o: test-army, source: test-monograph}\n",
			"x.yaml:5:10: claim id \"x~0123\" has '~'"},
		{"yaml syntax", "entities/organization/x.yaml", "id: x\ntype: [organization\n",
			`x.yaml:2:7: "[" opened here is not closed: add "]"`}, // the line and column of the '[', not the line yaml.v3 gives
		{"era date out of range", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, when: 昭和元年12月1日, source: test-monograph}\n",
			"x.yaml:5:"},
		{"file outside the layout", "notes.yaml", "a: b\n", "notes.yaml: a corpus file must be under"},
		{"part of itself", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: x, source: test-monograph}\n",
			"x.yaml:5:5: x is part_of itself"},
		{"two-step cycle", "entities/organization/test-army.yaml", "id: test-army\ntype: organization\nnames: [{text: Army, lang: en}]\nclaims:\n  - {p: part_of, o: test-agency, source: test-monograph}\n",
			"test-agency.yaml:7:5: a cycle in the hierarchy: test-agency → test-army → test-agency"},
		{"a unit as planted_by", "entities/organization/test-army.yaml", "id: test-army\ntype: organization\nnames: [{text: Army, lang: en}]\nclaims:\n  - {p: strength, v: 1, unit: men, when: 1938, by: test-agency, planted_by: test-agency, source: test-monograph}\n",
			"test-army.yaml:5:77: planted_by: test-agency is a organization; it must be the operation"},
		{"named_as without by", "entities/organization/test-army.yaml", "id: test-army\ntype: organization\nnames: [{text: Army, lang: en}]\nclaims:\n  - {p: strength, v: 1, unit: men, when: 1938, named_as: {by: the Japanese}, source: test-monograph}\n",
			"test-army.yaml:5:63: named_as.by gives the source's words for an entity the claim does not name: add by: <entity>"},
		{"named_as unknown key", "entities/organization/test-army.yaml", "id: test-army\ntype: organization\nnames: [{text: Army, lang: en}]\nclaims:\n  - {p: strength, v: 1, unit: men, when: 1938, by: test-agency, named_as: {bye: the Japanese}, source: test-monograph}\n",
			"test-army.yaml:5:76: unknown field \"bye\" in named_as (did you mean by?)"},
		{"ja name in Latin letters", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: Harubin, lang: ja}]\n",
			"x.yaml:3:9: the ja name \"Harubin\" has no kanji or kana"},
		{"repository not a web address", "settings.yaml", "repository: git@github.com:o/r.git\n",
			`settings.yaml:1:13: repository: "git@github.com:o/r.git" is not a web address`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base()
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.body)}
			_, err := yamlcorpus.Load(fsys)
			if err == nil {
				t.Fatal("Load succeeded; want an error")
			}
			var all strings.Builder
			var list yamlcorpus.ErrorList
			if errors.As(err, &list) {
				list.Print(&all)
			}
			if !strings.Contains(all.String(), tt.want) {
				t.Errorf("errors:\n%s\nwant them to contain %q", all.String(), tt.want)
			}
		})
	}
}

// TestLoadRepositorySetting: settings.yaml's repository reaches the
// dataset's settings, for the web's "corpus file" links.
func TestLoadRepositorySetting(t *testing.T) {
	fsys := goodBase(t)
	fsys["settings.yaml"] = &fstest.MapFile{Data: []byte("repository: https://github.com/o/r/blob/main/corpus/\n")}
	ds, err := yamlcorpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ds.Settings.Repository, "https://github.com/o/r/blob/main/corpus/"; got != want {
		t.Errorf("Settings.Repository = %q, want %q", got, want)
	}
}

func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, when: \"1919/1940\", source: test-monograph}\n",
		"id: x\ntype: person\nnames: [{text: 試験, lang: ja}]\nclaims:\n  - {p: born, when: 昭和十六年七月二日, source: test-memoir, grade: C3}\n",
		"id: [\n",
		"- a\n- b\n",
		"id: x\nclaims: {p: 1}\n",
		"id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: strength, v: 1, unit: men, by: test-army, named_as: {by: the Japanese, o: x}, source: test-monograph}\n",
	} {
		f.Add(s)
	}
	vocab, err := os.ReadFile("testdata/good/vocabulary/core.yaml")
	if err != nil {
		f.Fatal(err)
	}
	src, _ := os.ReadFile("testdata/good/sources/test-monograph.yaml")
	mem, _ := os.ReadFile("testdata/good/sources/test-memoir.yaml")
	army, _ := os.ReadFile("testdata/good/entities/organization/test-army.yaml")
	f.Fuzz(func(t *testing.T, body string) {
		fsys := fstest.MapFS{
			"vocabulary/core.yaml":                 {Data: vocab},
			"sources/test-monograph.yaml":          {Data: src},
			"sources/test-memoir.yaml":             {Data: mem},
			"entities/organization/test-army.yaml": {Data: army},
			"entities/organization/fuzz.yaml":      {Data: []byte(body)},
		}
		ds, err := yamlcorpus.Load(fsys)
		if (ds == nil) == (err == nil) {
			t.Fatalf("Load returned dataset %v and error %v: exactly one must be set", ds != nil, err)
		}
		var list yamlcorpus.ErrorList
		if err != nil && errors.As(err, &list) {
			for _, e := range list {
				if e.File == "" || e.Msg == "" {
					t.Fatalf("error without a place or a message: %+v", e)
				}
			}
		}
	})
}

// goodBase is a corpus of testdata/good's vocabulary, two sources and two
// organizations, for a test to add one broken file to.
func goodBase(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range []string{"vocabulary/core.yaml", "sources/test-monograph.yaml", "sources/test-memoir.yaml",
		"entities/organization/test-agency.yaml", "entities/organization/test-army.yaml"} {
		data, err := os.ReadFile("testdata/good/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// An organ the source does not name (named_as.by) graded credibility 1 or
// 2 loads with a warning at its grade; at credibility 3, or where the
// source names the organ (no named_as), none.
func TestIdentifiedPerspectiveGrade(t *testing.T) {
	for _, tt := range []struct {
		name, claim, want string
	}{
		{"identified, B2", "{p: strength, v: 1, unit: men, when: 1938, by: test-army, named_as: {by: the Japanese}, source: test-monograph, grade: B2}",
			`x.yaml:5:124: claim x~`},
		{"identified, B3", "{p: strength, v: 1, unit: men, when: 1938, by: test-army, named_as: {by: the Japanese}, source: test-monograph, grade: B3}", ""},
		{"named organ, B2", "{p: strength, v: 1, unit: men, when: 1938, by: test-army, source: test-monograph, grade: B2}", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := claimWarnings(t, tt.claim, "identification")
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warnings %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want) || !strings.Contains(got[0], `is graded B2, but its perspective is the editors' identification (the source says "the Japanese")`)):
				t.Errorf("warnings %q, want one at %q", got, tt.want)
			}
		})
	}
}

// The note-bound warning points at the figure it asks to sign.
func TestNoteBoundWarningPosition(t *testing.T) {
	got := claimWarnings(t, `{p: strength, v: 40, unit: men, when: 1938, source: test-monograph, note: "about 40 men"}`, "the note says")
	if len(got) != 1 || !strings.HasPrefix(got[0], "entities/organization/x.yaml:5:22: ") || !strings.Contains(got[0], `write v: "~40"`) {
		t.Errorf("warnings %q, want one at entities/organization/x.yaml:5:22 asking for ~40", got)
	}
}

// A note that names, in parentheses, a key that is no source, entity or
// claim (a source merged away, a misspelt key) loads with a warning at the
// note, once per key; sources, entities, claim ids and plain words in
// parentheses pass.
func TestNoteNamesUnknownKey(t *testing.T) {
	for _, tt := range []struct {
		name, note string
		want       []string
	}{
		{"merged source", "official date (test-monogrph); also (test-monogrph, p. 3)", []string{"(test-monogrph)"}},
		{"two unknown", "see (old-key-1) and (other-key)", []string{"(old-key-1)", "(other-key)"}},
		{"known keys", "as in (test-monograph, p. 2), the army (test-army) and the agency (test-agency)", nil},
		{"words", "the page (sic) says so (p. 12; a copy)", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := claimWarnings(t, `{p: strength, v: 1, unit: men, when: 1938, source: test-memoir, note: "`+tt.note+`"}`, "the note names")
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], "entities/organization/x.yaml:5:75: ") || !strings.Contains(got[i], "the note names "+w) {
					t.Errorf("warning %q, want one at the note (5:75) naming %s", got[i], w)
				}
			}
			if tt.name == "merged source" && !strings.Contains(got[0], "did you mean test-monograph") {
				t.Errorf("warning %q does not suggest test-monograph", got[0])
			}
		})
	}
}

// claimWarnings loads the good test corpus with one more entity whose only
// claim (on line 5) is claim, and returns the loader's warnings that
// contain substr.
func claimWarnings(t *testing.T, claim, substr string) []string {
	t.Helper()
	const head = "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - "
	fsys := goodBase(t)
	fsys["entities/organization/x.yaml"] = &fstest.MapFile{Data: []byte(head + claim + "\n")}
	ds, err := yamlcorpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ds.Warnings {
		if strings.Contains(w, substr) {
			got = append(got, w)
		}
	}
	return got
}
