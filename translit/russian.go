package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cyrLower folds one Russian (or pre-1918, Ukrainian, Belarusian) Cyrillic
// letter to lower case.
func cyrLower(r rune) rune { return unicode.ToLower(r) }

// bgnYeContext lists the letters after which BGN writes е as ye and ё as yë.
const bgnYeContext = "аеёиоуыэюяйъьіѣєї"

func isCyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }

// caseOut applies the case of the source letter to its transliteration out:
// a capital becomes Zh, or ZH inside an all-capitals word.
func caseOut(out string, upper bool, prev, next rune) string {
	if !upper || out == "" {
		return out
	}
	first, n := utf8.DecodeRuneInString(out)
	if n == len(out) {
		return string(unicode.ToUpper(first))
	}
	allCaps := unicode.IsUpper(next) || unicode.IsUpper(prev) && !unicode.IsLower(next)
	if allCaps {
		return strings.ToUpper(out)
	}
	return string(unicode.ToUpper(first)) + out[n:]
}

// translitRussian runs one system over s. f returns the lower-case
// transliteration of rs[i] (lower-cased) and how many extra runes it consumed.
func translitRussian(s string, f func(lower []rune, i int) (string, int)) string {
	rs := []rune(s) // invalid bytes become U+FFFD
	lower := make([]rune, len(rs))
	for i, r := range rs {
		lower[i] = cyrLower(r)
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !isCyrillic(r) {
			b.WriteRune(r)
			continue
		}
		out, skip := f(lower, i)
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if j := i + 1 + skip; j < len(rs) {
			next = rs[j]
		}
		b.WriteString(caseOut(out, unicode.IsUpper(r), prev, next))
		i += skip
	}
	return b.String()
}

func tableFunc(t map[rune]string) func([]rune, int) (string, int) {
	return func(l []rune, i int) (string, int) {
		if o, ok := t[l[i]]; ok {
			return o, 0
		}
		return string(l[i]), 0
	}
}

// ISO9 transliterates Cyrillic by ISO 9:1995 (= GOST 7.79-2000 System A):
// one Latin letter, with diacritics, for each Cyrillic letter, so it is
// reversible: ж → ž, х → h, ц → c, ч → č, ш → š, щ → ŝ, ё → ë, э → è,
// ю → û, я → â, й → j, ь → ʹ, ъ → ʺ. Case is preserved; non-Cyrillic runes
// pass through. Люшков → Lûškov.
func ISO9(s string) string { return translitRussian(s, iso9Func) }

var iso9Func = tableFunc(iso9Table)

// Scholarly transliterates Russian by the scientific transliteration of
// linguistics: ж ž, х x, ц c, ч č, ш š, щ šč, ё ë, э è, й j, ю ju, я ja,
// ь ʹ, ъ ʺ. Case is preserved. Люшков → Ljuškov, Родзаевский → Rodzaevskij.
func Scholarly(s string) string { return translitRussian(s, scholarlyFunc) }

var scholarlyFunc = tableFunc(scholarlyTable)

func bgnAfterYe(l []rune, i int) bool {
	return i == 0 || !isCyrillic(l[i-1]) || strings.ContainsRune(bgnYeContext, l[i-1])
}

// BGN romanizes Russian by the BGN/PCGN system of 1947: е → ye at the start
// of a word and after a vowel, й, ъ or ь, else e; ё → yë in the same places,
// else ë; й → y, х → kh, ц → ts, ч → ch, ш → sh, щ → shch, ж → zh, ы → y,
// э → e, ю → yu, я → ya, ь → ʼ, ъ → ʺ. Case is preserved (Ж → Zh, ЖУК →
// ZHUK). Родзаевский → Rodzayevskiy, Семёнов → Semënov, Ежов → Yezhov.
func BGN(s string) string { return translitRussian(s, bgnFunc(false)) }

// BGNSimple is the simplified BGN/PCGN form used for names in English
// texts: no ʼ or ʺ, ё → yo (o after ж ч ш щ), and -ий, -ый at the end of a
// word → -y. Семёнов → Semyonov, Родзаевский → Rodzayevsky,
// Горбачёв → Gorbachov.
func BGNSimple(s string) string { return translitRussian(s, bgnFunc(true)) }

func bgnFunc(simple bool) func([]rune, int) (string, int) {
	return func(l []rune, i int) (string, int) {
		r := l[i]
		switch r {
		case 'е', 'ѣ', 'є':
			if bgnAfterYe(l, i) {
				return "ye", 0
			}
			return "e", 0
		case 'ё':
			if simple {
				if i > 0 && strings.ContainsRune("жчшщ", l[i-1]) {
					return "o", 0
				}
				return "yo", 0
			}
			if bgnAfterYe(l, i) {
				return "yë", 0
			}
			return "ë", 0
		case 'ь', 'ъ':
			if simple {
				return "", 0
			}
		case 'и', 'ы':
			if simple && i+1 < len(l) && l[i+1] == 'й' && (i+2 == len(l) || !isCyrillic(l[i+2])) && i > 0 && isCyrillic(l[i-1]) {
				return "y", 1
			}
		}
		if o, ok := bgnTable[r]; ok {
			return o, 0
		}
		return string(r), 0
	}
}
