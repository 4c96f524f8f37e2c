package translit

import (
	"strings"
	"unicode/utf8"
)

// Hiragana and katakana blocks differ by a fixed offset for the letters
// U+3041..U+3096 ↔ U+30A1..U+30F6 and the iteration marks ゝゞ ↔ ヽヾ.
const kanaOffset = 0x60

// halfwidth maps half-width katakana (U+FF61..U+FF9F) to full-width forms.
// Voiced and semi-voiced marks (ﾞ ﾟ) are composed in toFullwidth.
var halfwidth = map[rune]rune{
	'｡': '。', '｢': '「', '｣': '」', '､': '、', '･': '・', 'ｦ': 'ヲ',
	'ｧ': 'ァ', 'ｨ': 'ィ', 'ｩ': 'ゥ', 'ｪ': 'ェ', 'ｫ': 'ォ', 'ｬ': 'ャ', 'ｭ': 'ュ', 'ｮ': 'ョ', 'ｯ': 'ッ', 'ｰ': 'ー',
	'ｱ': 'ア', 'ｲ': 'イ', 'ｳ': 'ウ', 'ｴ': 'エ', 'ｵ': 'オ',
	'ｶ': 'カ', 'ｷ': 'キ', 'ｸ': 'ク', 'ｹ': 'ケ', 'ｺ': 'コ',
	'ｻ': 'サ', 'ｼ': 'シ', 'ｽ': 'ス', 'ｾ': 'セ', 'ｿ': 'ソ',
	'ﾀ': 'タ', 'ﾁ': 'チ', 'ﾂ': 'ツ', 'ﾃ': 'テ', 'ﾄ': 'ト',
	'ﾅ': 'ナ', 'ﾆ': 'ニ', 'ﾇ': 'ヌ', 'ﾈ': 'ネ', 'ﾉ': 'ノ',
	'ﾊ': 'ハ', 'ﾋ': 'ヒ', 'ﾌ': 'フ', 'ﾍ': 'ヘ', 'ﾎ': 'ホ',
	'ﾏ': 'マ', 'ﾐ': 'ミ', 'ﾑ': 'ム', 'ﾒ': 'メ', 'ﾓ': 'モ',
	'ﾔ': 'ヤ', 'ﾕ': 'ユ', 'ﾖ': 'ヨ',
	'ﾗ': 'ラ', 'ﾘ': 'リ', 'ﾙ': 'ル', 'ﾚ': 'レ', 'ﾛ': 'ロ',
	'ﾜ': 'ワ', 'ﾝ': 'ン', 'ﾞ': '゛', 'ﾟ': '゜',
}

// voiced and semivoiced give the kana produced by adding a (han)dakuten.
// Keys are katakana; hiragana is handled by shifting.
var voiced = map[rune]rune{
	'カ': 'ガ', 'キ': 'ギ', 'ク': 'グ', 'ケ': 'ゲ', 'コ': 'ゴ',
	'サ': 'ザ', 'シ': 'ジ', 'ス': 'ズ', 'セ': 'ゼ', 'ソ': 'ゾ',
	'タ': 'ダ', 'チ': 'ヂ', 'ツ': 'ヅ', 'テ': 'デ', 'ト': 'ド',
	'ハ': 'バ', 'ヒ': 'ビ', 'フ': 'ブ', 'ヘ': 'ベ', 'ホ': 'ボ',
	'ウ': 'ヴ', 'ワ': 'ヷ', 'ヰ': 'ヸ', 'ヱ': 'ヹ', 'ヲ': 'ヺ', 'ヽ': 'ヾ',
}

var semivoiced = map[rune]rune{
	'ハ': 'パ', 'ヒ': 'ピ', 'フ': 'プ', 'ヘ': 'ペ', 'ホ': 'ポ',
}

func isHiraganaLetter(r rune) bool { return r >= 0x3041 && r <= 0x3096 || r == 'ゝ' || r == 'ゞ' }
func isKatakanaLetter(r rune) bool { return r >= 0x30A1 && r <= 0x30F6 || r == 'ヽ' || r == 'ヾ' }

// toKata returns the katakana for a hiragana letter, or r unchanged.
func toKata(r rune) rune {
	if isHiraganaLetter(r) {
		return r + kanaOffset
	}
	return r
}

// toHira returns the hiragana for a katakana letter that has one, or r.
func toHira(r rune) rune {
	if isKatakanaLetter(r) {
		return r - kanaOffset
	}
	return r
}

// addMark applies a dakuten (semi=false) or handakuten (semi=true) to the
// kana r of either script, reporting whether a composed kana exists.
func addMark(r rune, semi bool) (rune, bool) {
	hira := isHiraganaLetter(r)
	k := toKata(r)
	var out rune
	var ok bool
	if semi {
		out, ok = semivoiced[k]
	} else {
		out, ok = voiced[k]
	}
	if !ok {
		return r, false
	}
	if hira {
		if h := toHira(out); h != out {
			return h, true
		}
		if out == 'ヴ' {
			return 'ゔ', true
		}
		return r, false // ヷ etc. have no hiragana form
	}
	return out, true
}

// normalizeKana folds half-width katakana to full width, composes separate
// (han)dakuten (゛゜ and the combining U+3099/U+309A) with the preceding
// kana, and expands the iteration marks ゝゞヽヾ. Invalid UTF-8 becomes U+FFFD.
func normalizeKana(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if f, ok := halfwidth[r]; ok {
			r = f
		}
		switch r {
		case '゛', '゜', 0x3099, 0x309A:
			semi := r == '゜' || r == 0x309A
			if n := len(out); n > 0 {
				if c, ok := addMark(out[n-1], semi); ok {
					out[n-1] = c
					continue
				}
			}
			if r == 0x3099 || r == 0x309A {
				continue // stray combining mark: drop
			}
			out = append(out, r)
		case 'ゝ', 'ヽ', 'ゞ', 'ヾ':
			if n := len(out); n > 0 && (isHiraganaLetter(out[n-1]) || isKatakanaLetter(out[n-1])) {
				prev := out[n-1]
				if r == 'ゞ' || r == 'ヾ' {
					if c, ok := addMark(prev, false); ok {
						prev = c
					}
				}
				out = append(out, prev)
				continue
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	return out
}

// Katakana converts hiragana in s to katakana, folds half-width katakana to
// full width and composes separate voicing marks. Other runes are unchanged.
//
// Katakana("どいはら") == "ドイハラ".
func Katakana(s string) string {
	rs := normalizeKana(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range rs {
		b.WriteRune(toKata(r))
	}
	return b.String()
}

// Hiragana converts katakana in s to hiragana where a hiragana form exists
// (ヷヸヹヺ and the long mark ー are kept), folds half-width katakana and
// composes separate voicing marks. Other runes are unchanged.
//
// Hiragana("ハルビン") == "はるびん".
func Hiragana(s string) string {
	rs := normalizeKana(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range rs {
		b.WriteRune(toHira(r))
	}
	return b.String()
}

// validString returns s with invalid UTF-8 replaced by U+FFFD.
func validString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
