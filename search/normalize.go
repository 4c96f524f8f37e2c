package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tokumu/tokumu/translit"
)

// Script classes of a token. Folding and derivation depend on the script
// of each word, never on the language of the text around it: a Russian
// surname inside an English note is still stemmed as Russian.
type script uint8

const (
	scriptNone     script = iota
	scriptLatin           // Latin letters and digits
	scriptCyrillic        // Cyrillic letters (digits attach to the run they follow)
	scriptCJK             // Han, hiragana, katakana and the prolonged sound mark
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return scriptLatin
		}
		return scriptNone
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー', r == '々', r == 'ヶ':
		return scriptCJK
	case unicode.Is(unicode.Latin, r), unicode.IsDigit(r):
		return scriptLatin
	}
	return scriptNone
}

// foldRune folds one rune for matching: lower case, Latin diacritics
// removed (ō → o, ş → s), ё → е, Cyrillic stress marks removed (ѝ → и), old kanji forms to new (滿 → 満), Chinese
// simplified forms to Japanese ones (滨 → 浜), 洲 to 州, katakana to hiragana. It
// returns "" for a rune that only marks a diacritic.
func foldRune(r rune) string {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	case r == 'ё' || r == 'Ё' || r == 'ѐ' || r == 'Ѐ':
		// ё is written е in most Russian print; ѐ is е with the grave
		// stress mark some dictionaries print, composed by NFKC.
		return "е"
	case r == 'ѝ' || r == 'Ѝ':
		return "и" // и with a grave stress mark, composed by NFKC
	case unicode.Is(unicode.Mn, r):
		return ""
	case unicode.Is(unicode.Latin, r):
		// Decompose and keep the base letters: ō → o, æ stays æ.
		var b strings.Builder
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(unicode.ToLower(d))
			}
		}
		switch s := b.String(); s {
		case "ß":
			return "ss"
		case "ø":
			return "o"
		case "æ":
			return "ae"
		case "œ":
			return "oe"
		case "ı":
			return "i"
		case "ł":
			return "l" // Pałasz-Rutkowska is found as Palasz
		case "đ":
			return "d"
		default:
			return s
		}
	case r == '洲':
		// 洲 is written 州 since the substitutions of 1956 (満洲 → 満州,
		// 欧洲 → 欧州): a reader types either for the same name.
		return foldRune('州')
	case kanjiVariants[r] != 0:
		return foldRune(kanjiVariants[r])
	case unicode.Is(unicode.Han, r):
		// Through the simplified form first: 瀋 and 沈 are both 沈 in
		// simplified Chinese, and only that way do 瀋陽 and 沈阳 meet.
		return translit.HanKey(translit.TraditionalToSimplified(string(r)))
	case unicode.Is(unicode.Katakana, r):
		return translit.Hiragana(string(r))
	}
	return string(unicode.ToLower(r))
}

// kanjiVariants are the variant kanji of period print that the
// simplified-form key does not join with the form written now: ソ聯 (the
// 1956 substitution 聯 → 連), 張鼓峯 and 張皷峰 (峯 → 峰, 皷 → 鼓).
var kanjiVariants = map[rune]rune{'聯': '連', '峯': '峰', '皷': '鼓'}

// Fold returns s normalized for matching: NFKC on the whole string
// (full-width Latin and half-width katakana to their usual forms, marks
// composed with their letters), then foldRune on every rune, which drops
// the combining marks that compose with nothing (Russian stress marks).
// Two spellings that differ only in case, width, Unicode form, diacritics,
// stress marks, ё/е, old or simplified kanji, or kana type fold to the
// same string.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// token is one word of folded text with its script and, for highlighting,
// the byte span of the original text it came from.
type token struct {
	text       string // folded
	script     script
	start, end int // byte offsets in the original string
}

// tokenize splits s into words by script: Latin and Cyrillic words end at
// any other character; a run of Han and kana is one token (Japanese has no
// spaces; n-grams make its substrings findable). Offsets refer to s itself,
// which need not be normalized.
//
// The whole string is NFKC-normalized, one normalization segment (a
// character and the combining marks that follow it) at a time, so that a
// mark composes with its letter whatever form the text came in:
// half-width ﾋﾞ and decomposed ヒ+U+3099 are ビ, not ヒ and a stray mark.
// A combining mark that composes with nothing (the stress accent of a
// Russian dictionary, Лю́шков; a macron on a letter with no precomposed
// form) stays inside the word it marks and folds to nothing, so that it
// never splits a word.
func tokenize(s string) []token {
	return split(s, norm.NFKC.QuickSpanString(s) == len(s))
}

// split is tokenize; nfkc says that s is known to be NFKC already.
func split(s string, nfkc bool) []token {
	var z splitter
	if nfkc {
		// Already NFKC (most text): every rune is a segment of its own,
		// and no iterator is needed.
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:]) // an invalid byte is one U+FFFD
			z.segment(s[i:i+n], i, i+n)
			i += n
		}
	} else {
		var it norm.Iter
		var seg []byte
		it.InitString(norm.NFKC, s)
		for !it.Done() {
			// A compatibility form that expands to several characters (㈱ →
			// (株), ¼ → 1⁄4) comes out of the iterator in pieces, all but
			// the last of no width in s; they are taken as one segment.
			segStart := it.Pos()
			seg = append(seg[:0], it.Next()...)
			for it.Pos() == segStart && !it.Done() {
				seg = append(seg, it.Next()...)
			}
			z.segment(string(seg), segStart, it.Pos())
		}
	}
	z.flush(len(s))
	return z.toks
}

// splitter is the state of tokenize.
type splitter struct {
	toks      []token
	cur       strings.Builder
	curScript script
	start     int
}

func (z *splitter) flush(end int) {
	if z.cur.Len() > 0 {
		z.toks = append(z.toks, token{text: z.cur.String(), script: z.curScript, start: z.start, end: end})
		z.cur.Reset()
	}
	z.curScript = scriptNone
}

// segment takes seg, NFKC text that stands for s[segStart:segEnd].
func (z *splitter) segment(seg string, segStart, segEnd int) {
	for i, r := range seg {
		switch {
		case (r == '\'' || r == '’' || r == 'ʼ') && z.curScript == scriptLatin:
			// An apostrophe inside a Latin word joins it: Shin'ichi,
			// oboronitel'noe.
		case r >= 0x300 && unicode.Is(unicode.Mn, r):
			// A mark left after NFKC belongs to the letter before it.
		default:
			// A word that ends at the segment's first rune ends where the
			// segment starts; one that ends inside it ends with it.
			end := segEnd
			if i == 0 && segStart > z.start {
				end = segStart
			}
			sc := scriptOf(r)
			if sc == scriptNone {
				z.flush(end)
				continue
			}
			// Digits stay with the word they follow (Harbin 12 is two words,
			// but "No.12" and "12-я" keep the number with its letters only
			// when written without a break).
			if z.curScript != scriptNone && sc != z.curScript && !(r < 0x80 && unicode.IsDigit(r) && z.curScript == scriptCyrillic) {
				z.flush(end)
			}
			if z.curScript == scriptNone {
				z.curScript, z.start = sc, segStart
			}
			z.cur.WriteString(foldRune(r))
		}
	}
}

// latinKey reduces a folded Latin word to the form under which romanized
// Japanese and transliterated Russian spellings meet: long vowels
// collapsed (ou, oo, oh before a consonant, uu, aa, ii → one vowel) and m
// before b, m, p written n, as modified Hepburn does. Tōkyō, Tokyo, Toukyou,
// Tookyoo and Tohkyoh all give "tokyo"; Shimbun and Shinbun give "shinbun".
// The same reduction is applied to the index and to queries, so it never
// loses a match, only merges spellings. An English ordinal in words is
// its figure: "Second Bureau" meets "2nd Bureau", as English works write
// the General Staff's bureaus and sections both ways.
func latinKey(w string) string {
	if o, ok := ordinals[w]; ok {
		return o
	}
	if !needsLatinKey(w) {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'o' && (next == 'u' || next == 'o'):
			b = append(b, 'o')
			i++
		case c == 'o' && next == 'h' && (i+2 >= len(w) || !isVowel(w[i+2])):
			b = append(b, 'o')
			i++
		case (c == 'u' || c == 'a' || c == 'i') && next == c:
			b = append(b, c)
			i++
		case c == 'm' && (next == 'b' || next == 'p' || next == 'm') && i > 0 && isVowel(w[i-1]):
			b = append(b, 'n')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// ordinals are the English ordinals in words that name bureaus, sections,
// divisions and armies, with their figures.
var ordinals = map[string]string{"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
	"sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th"}

func needsLatinKey(w string) bool {
	for i := 0; i+1 < len(w); i++ {
		switch w[i : i+2] {
		case "ou", "oo", "oh", "uu", "aa", "ii", "mb", "mp", "mm":
			return true
		}
	}
	return false
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

// isKana reports whether every rune of s is kana (or the prolonged sound mark).
func isKana(s string) bool {
	for _, r := range s {
		if !(unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー') {
			return false
		}
	}
	return s != ""
}

// hasHan reports whether s contains a Han character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
