package web

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestLabelTables: the compact label tables give, for every entity of the
// embedded corpus and a few made to be awkward (no names, a name whose
// text is its id, two names of the same text in different languages, a
// Russian label on a Japanese page), in each language of the interface,
// the label Entity.Label gives and the language mark the maps of strings
// they replace gave (the first name whose text is the label, its language
// when that is not the page's).
func TestLabelTables(t *testing.T) {
	ctx := context.Background()
	db := embeddedDB(t)
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ents := map[string]*tokumu.Entity{}
	for id, e := range c.Entities {
		ents[id] = e
	}
	for _, e := range []*tokumu.Entity{
		{ID: "x-none", Type: tokumu.Person},
		{ID: "x-self", Type: tokumu.Person, Names: []tokumu.Name{{Text: "x-self", Lang: "ru", Kind: tokumu.Alias}}},
		{ID: "x-twice", Type: tokumu.Person, Names: []tokumu.Name{{Text: "Same", Lang: "ru-Latn", Kind: tokumu.Native}, {Text: "Same", Lang: "en", Kind: tokumu.Native}}},
		{ID: "x-ru", Type: tokumu.Person, Names: []tokumu.Name{{Text: "Иванов", Lang: "ru", Kind: tokumu.Native}}},
	} {
		ents[e.ID] = e
	}
	sn := &snapshot{Corpus: &view.Corpus{Entities: ents}, labels: map[string]*labelTable{"en": {}, "ja": {}, "ru": {}}}
	marked := 0
	for _, lang := range []string{"en", "ja", "ru"} {
		for id, e := range ents {
			want := e.Label(lang)
			wantLang := ""
			for _, n := range e.Names {
				if n.Text == want {
					if base, _, _ := strings.Cut(n.Lang, "-"); base != lang && n.Lang != "" {
						wantLang = n.Lang
					}
					break
				}
			}
			got, ok := sn.label(lang, id)
			if !ok || got != want {
				t.Errorf("%s in %s: label %q (%v), want %q", id, lang, got, ok, want)
			}
			if gl := sn.labelLang(lang, id); gl != wantLang {
				t.Errorf("%s in %s: label's language %q, want %q", id, lang, gl, wantLang)
			}
			if wantLang != "" {
				marked++
			}
		}
		if _, ok := sn.label(lang, "no-such-entity"); ok {
			t.Errorf("%s: a label for an unknown id", lang)
		}
	}
	if _, ok := sn.label("de", "x-ru"); ok {
		t.Error("a label in a language the interface does not have")
	}
	if got, _ := sn.label("ja", "x-twice"); got != "Same" || sn.labelLang("ja", "x-twice") != "ru-Latn" {
		t.Errorf("x-twice in ja: %q %q, want Same ru-Latn (the first name of that text)", got, sn.labelLang("ja", "x-twice"))
	}
	if marked < 100 {
		t.Fatalf("only %d labels in another language than the page's: the test checks little", marked)
	}
}

// TestCompactReport: the audit's report, its claims and strings copied
// into blocks, is the same report (its JSON byte for byte), a claim two
// findings share is still one, and no finding keeps the read's claims.
func TestCompactReport(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	// Two findings that share a claim, beside the corpus's own.
	a := &tokumu.Claim{ID: "x~1", Subject: "x", Predicate: "head_of", Object: "y", Source: "s"}
	b := &tokumu.Claim{ID: "x~2", Subject: "x", Predicate: "head_of", Object: "z", Source: "s"}
	r := audit.Run(ds.Claims, tokumu.MustVocab(ds.Predicates), ds.Sources)
	r.Findings = append(r.Findings, audit.Finding{Kind: audit.TwoPostings, Subject: "x", Why: "one", Claims: []*tokumu.Claim{a, b}},
		audit.Finding{Kind: audit.TwoPostings, Subject: "x", Why: "two", Claims: []*tokumu.Claim{b}, Source: "s"})
	want, _ := json.Marshal(r)
	compactReport(r)
	got, _ := json.Marshal(r)
	if string(got) != string(want) {
		t.Fatalf("the report changed:\n%s\nwas\n%s", got, want)
	}
	read := map[*tokumu.Claim]bool{a: true, b: true}
	for _, c := range ds.Claims {
		read[c] = true
	}
	for _, f := range r.Findings {
		for _, c := range f.Claims {
			if read[c] {
				t.Fatalf("finding %q keeps the read's claim %s", f.Why, c.ID)
			}
		}
	}
	n := len(r.Findings)
	if r.Findings[n-2].Claims[1] != r.Findings[n-1].Claims[0] {
		t.Fatal("a claim two findings share is now two")
	}
	if n < 4 {
		t.Fatalf("%d findings: the corpus's audit finds fewer than two", n-2)
	}
}

// compactKeys and compactMap keep every entry.
func TestCompactMaps(t *testing.T) {
	m := map[string][2]int{"a~1": {2, 1}, "b~2": {3, 3}, "": {4, 0}}
	if got := compactKeys(m); !reflect.DeepEqual(got, m) {
		t.Errorf("compactKeys: %v, want %v", got, m)
	}
	e := map[string]string{"a~1": "a", "x": "", "": "y"}
	if got := compactMap(e); !reflect.DeepEqual(got, e) {
		t.Errorf("compactMap: %v, want %v", got, e)
	}
}

// The server gives memory back once it has served and then been idle for
// idleAfter, not while requests come, nor again and again while idle.
func TestIdleSince(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	last := now.Add(-idleAfter).UnixNano()
	for _, c := range []struct {
		served bool
		last   int64
		want   bool
	}{
		{true, last, true},
		{true, last + 1, false}, // a request ended less than idleAfter ago
		{false, last, false},    // released already, nothing served since
		{true, now.UnixNano(), false},
	} {
		if got := idleSince(now, c.served, c.last); got != c.want {
			t.Errorf("idleSince(served %v, %v ago) = %v, want %v", c.served, now.Sub(time.Unix(0, c.last)), got, c.want)
		}
	}
}

// TestLocAfter: a locator does not repeat what the source's short
// citation ends with (a FRUS document's number).
func TestLocAfter(t *testing.T) {
	for _, tt := range []struct{ cite, loc, want string }{
		{"FRUS, 1931, vol. III, doc. 48", "doc. 48, item 3", "item 3"},
		{"FRUS, 1931, vol. III, doc. 48", "doc. 48", ""},
		{"FRUS, 1931, vol. III, doc. 48", "doc. 4, item 3", "doc. 4, item 3"},
		{"Coox 1985, Nomonhan", "p. 316", "p. 316"},
		{"Zorikhin 2023, Военная разведка Японии", "", ""},
	} {
		if got := locAfter(tt.cite, tt.loc); got != tt.want {
			t.Errorf("locAfter(%q, %q) = %q, want %q", tt.cite, tt.loc, got, tt.want)
		}
	}
}

// TestHTMLDate: only an EDTF string that is also an HTML date is given as
// a datetime.
func TestHTMLDate(t *testing.T) {
	for s, want := range map[string]bool{"1939": true, "1939-08": true, "1939-08-20": true,
		"1919-23": false, "/1922-10-25": false, "1937/1938": false, "1941-07~": false, "1939-13": false, "193X": false} {
		if got := htmlDate(s); got != want {
			t.Errorf("htmlDate(%q) = %v, want %v", s, got, want)
		}
	}
}
