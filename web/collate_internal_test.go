package web

import (
	"slices"
	"sort"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestSortKey: a Russian list runs figures, Cyrillic (ё with е, case and
// opening quotes ignored), Latin, then other scripts; other languages
// fold case only.
func TestSortKey(t *testing.T) {
	for _, tt := range []struct {
		lang string
		in   []string
		want []string
	}{
		{"ru", []string{"Harbin Gakuin", "японские консульства в СССР", "Ёкомидзо", "«Трест»", "Акикуса", "2-е управление", "ハルビン", "Жуков"},
			[]string{"2-е управление", "Акикуса", "Ёкомидзо", "Жуков", "«Трест»", "японские консульства в СССР", "Harbin Gakuin", "ハルビン"}},
		{"en", []string{"berlin", "Ankara", "Chita"}, []string{"Ankara", "berlin", "Chita"}},
	} {
		got := slices.Clone(tt.in)
		sort.SliceStable(got, func(i, j int) bool { return sortKey(tt.lang, got[i]) < sortKey(tt.lang, got[j]) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// TestIndexName: a Russian index puts a European's surname first and
// leaves an East Asian's name, already surname first, as it is.
func TestIndexName(t *testing.T) {
	person := func(names ...tokumu.Name) *tokumu.Entity {
		return &tokumu.Entity{ID: "p", Type: tokumu.Person, Names: names}
	}
	ru := func(s string) tokumu.Name { return tokumu.Name{Text: s, Lang: "ru", Kind: tokumu.Native} }
	for _, tt := range []struct {
		e     *tokumu.Entity
		label string
		want  string
	}{
		{person(ru("Генрих Самойлович Люшков"), tokumu.Name{Text: "Genrikh Samoylovich Lyushkov", Lang: "ru-Latn", Kind: tokumu.Romanized},
			tokumu.Name{Text: "ゲンリフ・リュシコフ", Lang: "ja", Kind: tokumu.Native}), "Генрих Самойлович Люшков", "Люшков Генрих Самойлович"},
		{person(ru("Бранко Вукелич")), "Бранко Вукелич", "Вукелич Бранко"},
		{person(ru("Островский Лазарь Хаймович")), "Островский Лазарь Хаймович", "Островский Лазарь Хаймович"},
		{person(ru("Доихара Кэндзи"), tokumu.Name{Text: "土肥原賢二", Lang: "ja", Kind: tokumu.Native}), "Доихара Кэндзи", "Доихара Кэндзи"},
		{person(ru("Андо Риндзо"), tokumu.Name{Text: "Andō Rinzō", Lang: "ja-Latn", Kind: tokumu.Romanized}), "Андо Риндзо", "Андо Риндзо"},
		{&tokumu.Entity{ID: "o", Type: tokumu.Organization}, "Школа Накано", "Школа Накано"},
	} {
		if got := indexName(tt.e, "ru", tt.label); got != tt.want {
			t.Errorf("indexName(%q) = %q, want %q", tt.label, got, tt.want)
		}
		if got := indexName(tt.e, "en", tt.label); got != tt.label {
			t.Errorf("indexName(%q, en) = %q: only Russian lists are turned", tt.label, got)
		}
	}
}
