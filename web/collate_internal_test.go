package web

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

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

// indexFixture is n people as a Russian index lists them: Europeans with
// patronymics, Japanese with a Hepburn form, and Latin-script names.
func indexFixture(n int) []*tokumu.Entity {
	given := []string{"Генрих Самойлович", "Ёсио", "Бранко", "Василий Константинович", "Сюн", "Ян"}
	family := []string{"Люшков", "Иидзима", "Вукелич", "Блюхер", "Акикуса", "Ковалевский", "Ёкомидзо", "Жуков"}
	es := make([]*tokumu.Entity, n)
	for i := range es {
		e := &tokumu.Entity{ID: fmt.Sprint("p", i), Type: tokumu.Person}
		label := given[i%len(given)] + " " + family[(i/len(given))%len(family)] + fmt.Sprint(i)
		switch i % 5 {
		case 1: // a Japanese name: surname first, left as it is
			e.Names = []tokumu.Name{{Text: "秋草俊", Lang: "ja", Kind: tokumu.Native}, {Text: "Akikusa Shun", Lang: "ja-Latn", Kind: tokumu.Romanized}}
		case 3:
			label = fmt.Sprint("Jan Kowalewski ", i)
		}
		e.Names = append(e.Names, tokumu.Name{Text: label, Lang: "ru"})
		es[i] = e
	}
	return es
}

// TestSortByKey: sorting on keys computed once gives the order the
// comparator gave, ties kept in their order.
func TestSortByKey(t *testing.T) {
	es := indexFixture(500)
	label := func(e *tokumu.Entity) string { return sortKey("ru", indexName(e, "ru", e.Names[len(e.Names)-1].Text)) }
	want := slices.Clone(es)
	sort.SliceStable(want, func(i, j int) bool { return label(want[i]) < label(want[j]) })
	got := slices.Clone(es)
	sortByKey(got, label)
	if !slices.Equal(got, want) {
		t.Fatal("sortByKey orders the index otherwise than the comparator does")
	}
	if label(got[0]) > label(got[len(got)-1]) {
		t.Fatalf("not sorted: %q … %q", label(got[0]), label(got[len(got)-1]))
	}
}

// BenchmarkIndexOrder orders a Russian person index of 2,000 names (the
// index page's cap) by computing the key in every comparison, as the
// page did (the baseline), and by computing each key once (sortByKey).
func BenchmarkIndexOrder(b *testing.B) {
	es := indexFixture(entitiesMax)
	key := func(e *tokumu.Entity) string { return sortKey("ru", indexName(e, "ru", e.Names[len(e.Names)-1].Text)) }
	for _, c := range []struct {
		name string
		sort func([]*tokumu.Entity)
	}{
		{"per-compare", func(xs []*tokumu.Entity) {
			sort.SliceStable(xs, func(i, j int) bool { return key(xs[i]) < key(xs[j]) })
		}},
		{"keyed", func(xs []*tokumu.Entity) { sortByKey(xs, key) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			ds := make([]time.Duration, b.N)
			xs := make([]*tokumu.Entity, len(es))
			for i := 0; i < b.N; i++ {
				copy(xs, es)
				t := time.Now()
				c.sort(xs)
				ds[i] = time.Since(t)
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
		})
	}
}
