package web

import (
	"slices"
	"testing"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/web/i18n"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestCorpusUnitsTranslated: every unit the embedded corpus counts in has
// its name and its figure form in the catalogue, so that no figure on a
// Japanese or Russian page is left in English. A unit a user's corpus adds
// shows in English, marked so (TestQty).
func TestCorpusUnitsTranslated(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range ds.Claims {
		if c.Unit == "" || seen[c.Unit] {
			continue
		}
		seen[c.Unit] = true
		for _, k := range []string{"unit." + i18n.VocabKey(c.Unit), "qty." + i18n.VocabKey(c.Unit)} {
			if !i18n.Has(k) {
				t.Errorf("%s: unit %q: web/i18n/messages lacks %s (add it in en, ja and ru)", c.Origin, c.Unit, k)
			}
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d units in the embedded corpus: the test checks little", len(seen))
	}
}

// TestCorpusTagsTranslated: every tag of the embedded corpus has its
// words in the catalogue, for the timeline's and the network's filters.
func TestCorpusTagsTranslated(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ds.Entities {
		for _, tag := range e.Tags {
			n++
			if !i18n.Has("tag." + tag) {
				t.Errorf("entity %s: tag %q: web/i18n/messages lacks tag.%s (add it in en, ja and ru)", e.ID, tag, tag)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d tags in the embedded corpus: the test checks little", n)
	}
	b := &base{Lang: "ja"}
	if got := b.TypeName("tag.", "sabotage"); got != "謀略・破壊工作" {
		t.Errorf("the tag sabotage on a Japanese page = %q", got)
	}
}

// TestCorpusRolesTranslated: every role the embedded corpus gives a claim
// (military attaché, chief of the Training Division of Detachment 731) has
// its words in the catalogue, so that a Japanese or Russian page shows no
// post in English; a user's role the catalogue lacks shows in English,
// marked so (TestRoleHTML).
func TestCorpusRolesTranslated(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range ds.Claims {
		if c.Role == "" || seen[c.Role] {
			continue
		}
		seen[c.Role] = true
		if k := "post." + i18n.VocabKey(c.Role); !i18n.Has(k) {
			t.Errorf("%s: role %q: web/i18n/messages lacks %s (add it in en, ja and ru)", c.Origin, c.Role, k)
		}
	}
	if len(seen) < 50 {
		t.Fatalf("only %d roles in the embedded corpus: the test checks little", len(seen))
	}
}

// TestRoleHTML: a role reads in the page's language, the corpus's English
// in its title; an unknown role stays English, marked so.
func TestRoleHTML(t *testing.T) {
	for _, tt := range []struct{ lang, role, want string }{
		{"ru", "chief of the Training Division of Detachment 731", `<span class="role" title="chief of the Training Division of Detachment 731">начальник учебного отдела отряда № 731</span>`},
		{"ja", "Minister of War", `<span class="role" title="Minister of War">陸軍大臣</span>`},
		{"ja", "keeper of the seals", `<span class="role" lang="en">keeper of the seals</span>`},
		{"en", "Minister of War", `<span class="role">Minister of War</span>`},
	} {
		b := &base{Lang: tt.lang}
		if got := string(b.RoleHTML(tt.role)); got != tt.want {
			t.Errorf("%s: RoleHTML(%q) = %s, want %s", tt.lang, tt.role, got, tt.want)
		}
	}
}

// TestQty: a figure reads in the page's language with the plural form its
// last number calls for; an English page and an unknown unit keep the
// corpus's words.
func TestQty(t *testing.T) {
	for _, tt := range []struct {
		lang, value, unit, want string
		ok                      bool
	}{
		{"ja", "581", "aircraft", "581機", true},
		{"ja", "498", "tanks and armoured cars", "戦車・装甲車498両", true},
		{"ja", "≥4", "divisions", "少なくとも4個師団", true},
		{"ru", "≤28", "rifle divisions", "не более 28 стрелковых дивизий", true},
		{"ru", "~1000000", "men", "около 1\u00a0000\u00a0000 человек", true},
		{"ja", "1300000", "men", "1,300,000人", true},
		{"ru", "581", "aircraft", "581 самолёт", true},
		{"ru", "1700–2000", "aircraft", "1\u00a0700–2\u00a0000 самолётов", true},
		{"ru", "4", "divisions", "4 дивизии", true},
		{"ru", "11", "rifle divisions", "11 стрелковых дивизий", true},
		{"ru", "21", "tanks", "21 танк", true},
		{"ru", "703714", "men", "703\u00a0714 человек", true},
		{"ja", "12", "zeppelins", "", false},
		{"en", "581", "aircraft", "", false},
	} {
		b := &base{Lang: tt.lang}
		got, ok := b.qty(i18n.LastCount(tt.value), b.groupDigits(tt.value), tt.unit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %s %s = %q, %v; want %q, %v", tt.lang, tt.value, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
	b := &base{Lang: "ja"}
	if got := string(b.UnitHTML("zeppelins")); got != `<span class="unit" lang="en">zeppelins</span>` {
		t.Errorf("an unknown unit on a Japanese page: %s", got)
	}
	if got := b.UnitName("rifle divisions"); got != "狙撃師団" {
		t.Errorf("UnitName(rifle divisions) in Japanese = %q", got)
	}
}

// TestByLabel: filters list their values in the order of their labels in
// the page's language, not of the English ids.
func TestByLabel(t *testing.T) {
	tags := []string{"sabotage", "deception", "arrest"}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"arrest", "deception", "sabotage"}},
		{"ru", []string{"arrest", "deception", "sabotage"}}, // арест, дезинформация, диверсии
		{"ja", []string{"deception", "sabotage", "arrest"}}, // 欺騙 (U+6B3A), 謀略 (U+8B00), 逮捕 (U+902E)
	} {
		b := &base{Lang: tt.lang}
		if got := b.byLabel("tag.", tags); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.lang, got, tt.want)
		}
	}
	if !slices.Equal(tags, []string{"sabotage", "deception", "arrest"}) {
		t.Error("byLabel sorted its argument")
	}
}
