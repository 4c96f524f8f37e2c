package web

import (
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
)

// sortKey is how a list in lang orders a label: case folded, ё as е, the
// quotation marks and brackets that open some titles («Трест», 「トレスト」)
// skipped, and — on a Russian page — Cyrillic before Latin before other
// scripts (figures first), as a Russian index or bibliography runs.
// Code point order is then the alphabet's in Russian and English; for
// Japanese it groups kana before kanji. x/text/collate would order
// Japanese by reading only with dictionaries it does not have either,
// at 1.4 MB of tables.
func sortKey(lang, label string) string {
	s := strings.ToLower(strings.TrimLeftFunc(label, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}))
	if lang != "ru" {
		return s
	}
	s = strings.ReplaceAll(s, "ё", "е")
	// The first letter or digit decides (what came before it is trimmed).
	rank := "3"
	switch r, _ := utf8.DecodeRuneInString(s); {
	case unicode.IsDigit(r):
		rank = "0"
	case unicode.Is(unicode.Cyrillic, r):
		rank = "1"
	case unicode.Is(unicode.Latin, r):
		rank = "2"
	}
	return rank + s
}

// sortByKey sorts xs stably by key(x), computing each key once rather
// than twice per comparison: an index of 2,000 names makes some 44,000
// comparisons, and a key folds case, ё and the script's rank.
func sortByKey[T any](xs []T, key func(T) string) {
	type keyed struct {
		k string
		x T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{key(x), x}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.k, b.k) })
	for i := range ks {
		xs[i] = ks[i].x
	}
}

// indexName is how an index (именной указатель) in lang lists a person:
// surname first. Russian labels of Europeans run given name, patronymic,
// surname («Генрих Самойлович Люшков»), and are turned round («Люшков
// Генрих Самойлович»); those of East Asians, whose own order is surname
// first («Акикуса Сюн»), and those of three words already surname first
// (a patronymic last: «Островский Лазарь Хаймович») are left as they are;
// two words are always turned, since -ич ends surnames too (Вукелич).
// English and Japanese lists keep the label.
func indexName(e *tokumu.Entity, lang, label string) string {
	if lang != "ru" || e == nil || e.Type != tokumu.Person || surnameFirst(e) {
		return label
	}
	f := strings.Fields(label)
	if len(f) < 2 || len(f) > 2 && patronymic(f[len(f)-1]) {
		return label
	}
	return f[len(f)-1] + " " + strings.Join(f[:len(f)-1], " ")
}

// surnameFirst reports whether a person's own name is written surname
// first, as Japanese, Chinese and Korean names are: one written in Chinese
// characters (土肥原賢二), or — for a man whose kanji no source gives
// (Andō Rinzō) — a Hepburn romanization (ja-Latn, romanized) and no
// romanized Russian form. A Japanese transcription in kana of a European's
// name (ゲンリフ・リュシコフ) does not count, nor a Russian's Japanese
// code name.
func surnameFirst(e *tokumu.Entity) bool {
	hepburn, russian := false, false
	for _, n := range e.Names {
		base, script, _ := strings.Cut(n.Lang, "-")
		switch {
		case n.Kind == tokumu.Native && (base == "ja" || base == "zh" || base == "ko") &&
			strings.ContainsFunc(n.Text, func(r rune) bool { return unicode.Is(unicode.Han, r) }):
			return true
		case n.Kind == tokumu.Romanized && base == "ja" && script == "Latn":
			hepburn = true
		case base == "ru" && script == "Latn":
			russian = true
		}
	}
	return hepburn && !russian
}

// patronymic reports whether a Russian word is a patronymic (Самойлович,
// Хаймович, Ильинична), which ends a surname-first name.
func patronymic(w string) bool {
	for _, suf := range []string{"ович", "евич", "ич", "овна", "евна", "ична", "инична"} {
		if strings.HasSuffix(w, suf) && len([]rune(w)) > len([]rune(suf))+2 {
			return true
		}
	}
	return false
}

// IndexLink is a link to a person or other entity as the index in the
// page's language lists it (indexName).
func (b *base) IndexLink(id string) template.HTML {
	return b.linkAs(id, indexName(b.sn.Entities[id], b.Lang, b.Label(id)))
}
