package web

import (
	"html/template"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// TestTitleStop: a title's full stop gives way to the separator that
// follows it, unless it ends an abbreviation or an initial.
func TestTitleStop(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Организационная структура: Квантунская армия, 1 июня 1939 г.", "Организационная структура: Квантунская армия, 1 июня 1939 г."},
		{"Япония в войне 1941–1945 гг.", "Япония в войне 1941–1945 гг."},
		{"Goldman, Stuart D. 2012. Nomonhan, 1939. Annapolis: Naval Institute Press.", "Goldman, Stuart D. 2012. Nomonhan, 1939. Annapolis: Naval Institute Press"},
		{"The Red Army was stronger than it really was.", "The Red Army was stronger than it really was"},
		{"Papers, vol.", "Papers, vol."},
		{"Люшков Г. С.", "Люшков Г. С."},
		{"Kwantung Army", "Kwantung Army"},
		{"Is it so?", "Is it so?"},
		{".", ""},
	} {
		if got := titleStop(tt.in); got != tt.want {
			t.Errorf("titleStop(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextLang: a source's text in another script than its language's
// is marked with the script's language; Latin text and text in the
// language's own script keep the source's.
func TestTextLang(t *testing.T) {
	en := &tokumu.Source{ID: "gse", Language: "en"}
	ru := &tokumu.Source{ID: "zor", Language: "ru"}
	for _, tt := range []struct {
		src  *tokumu.Source
		text string
		want template.HTMLAttr
	}{
		{en, "Большая советская энциклопедия.", `lang="ru"`},
		{en, "Goldman, Stuart D.", ``},
		{ru, "Зорихин, Александр Геннадьевич.", `lang="ru"`},
		{ru, "Wikipedia contributors.", `lang="ru"`},
	} {
		b := &base{Lang: "en"}
		if tt.src.Language == "ru" {
			b.Lang = "ja"
		}
		if got := b.TextLang(tt.src, tt.text); got != tt.want {
			t.Errorf("TextLang(%s, %q) on a %s page = %q, want %q", tt.src.Language, tt.text, b.Lang, got, tt.want)
		}
	}
}

// TestNoteHTML: keys in parentheses and claim ids become links; a key the
// corpus does not hold, a word in parentheses and markup stay text,
// escaped.
func TestNoteHTML(t *testing.T) {
	sn := &snapshot{Corpus: &view.Corpus{
		Entities: map[string]*tokumu.Entity{"kwantung-army": {ID: "kwantung-army", Type: tokumu.Unit, Names: []tokumu.Name{{Text: "Kwantung Army", Lang: "en"}}}},
		Sources:  map[string]*tokumu.Source{"zor23": {ID: "zor23", Authors: []tokumu.Agent{{Family: "Zorikhin", Given: "A."}}, Title: "Voennaia razvedka"}},
	}, labels: map[string]*labelTable{"en": {}, "ja": {}, "ru": {}}}
	b := &base{Lang: "en", sn: sn}
	for _, tt := range []struct{ in, want string }{
		{"As Zorikhin has it (zor23, p. 12).", `As Zorikhin has it (<a href="/sources/zor23" title="Zorikhin, Voennaia razvedka">zor23</a>, p. 12).`},
		{"See (kwantung-army).", `See (<a href="/entities/kwantung-army" title="Kwantung Army">kwantung-army</a>).`},
		{"Weighs kwantung-army~0123456789abcdef: N.", `Weighs <a href="/claims/kwantung-army~0123456789abcdef" title="Kwantung Army">kwantung-army~0123456789abcdef</a>: N.`},
		{"Unknown (ghost-key) and (sic) <b>x</b> & ghost~0123456789abcdef.", `Unknown (ghost-key) and (sic) &lt;b&gt;x&lt;/b&gt; &amp; ghost~0123456789abcdef.`},
	} {
		if got := string(b.NoteHTML(tt.in)); got != tt.want {
			t.Errorf("NoteHTML(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
