package translit

import (
	"strings"
	"unicode/utf8"
)

// romajiKana maps romaji syllables to hiragana. It is built from kanaTable
// (Kunrei spellings first, so ti is ち and si is し, then Hepburn spellings)
// plus Nihon-shiki and wāpuro (IME) spellings.
var romajiKana = map[string]string{}

const maxRomajiKey = 4

func init() {
	rows := strings.Split(kanaRows, "\n")
	for _, col := range []int{2, 1} { // Kunrei first, then Hepburn
		for _, line := range rows {
			f := strings.Fields(line)
			if len(f) != 4 {
				continue
			}
			if _, dup := romajiKana[f[col]]; !dup {
				romajiKana[f[col]] = f[0]
			}
		}
	}
	extra := map[string]string{
		// Nihon-shiki / ISO 3602 strict
		"wo": "を", "dya": "ぢゃ", "dyu": "ぢゅ", "dyo": "ぢょ", "kwa": "くぁ", "gwa": "ぐぁ",
		// wāpuro and older Hepburn
		"cya": "ちゃ", "cyu": "ちゅ", "cyo": "ちょ", "jya": "じゃ", "jyu": "じゅ", "jyo": "じょ",
		"zya": "じゃ", "zyu": "じゅ", "zyo": "じょ", "dzu": "づ", "dzi": "ぢ", "thi": "てぃ", "dhi": "でぃ",
		"twu": "とぅ", "dwu": "どぅ", "wu": "う", "tchi": "っち",
		"xa": "ぁ", "xi": "ぃ", "xu": "ぅ", "xe": "ぇ", "xo": "ぉ", "xya": "ゃ", "xyu": "ゅ", "xyo": "ょ",
		"la": "ぁ", "li": "ぃ", "lu": "ぅ", "le": "ぇ", "lo": "ぉ", "lya": "ゃ", "lyu": "ゅ", "lyo": "ょ",
		"xtu": "っ", "xtsu": "っ", "ltu": "っ", "ltsu": "っ", "xwa": "ゎ", "lwa": "ゎ",
	}
	for k, v := range extra {
		romajiKana[k] = v
	}
}

// longMark is the rune used internally for a macron or circumflex.
const longMark = 0x0304

// decomposeLong splits precomposed long vowels (ā ô …) into vowel + longMark
// and turns combining macrons and circumflexes into longMark.
func decomposeLong(s string) []rune {
	rs := make([]rune, 0, len(s))
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ā', 'â':
			rs = append(rs, 'a', longMark)
		case 'ī', 'î':
			rs = append(rs, 'i', longMark)
		case 'ū', 'û':
			rs = append(rs, 'u', longMark)
		case 'ē', 'ê':
			rs = append(rs, 'e', longMark)
		case 'ō', 'ô':
			rs = append(rs, 'o', longMark)
		case 0x0304, 0x0302:
			rs = append(rs, longMark)
		default:
			rs = append(rs, r)
		}
	}
	return rs
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' }
func isRomajiVowel(r rune) bool { return r == 'a' || r == 'i' || r == 'u' || r == 'e' || r == 'o' }
func isApostrophe(r rune) bool  { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

// RomajiToKana reads Latin romaji into hiragana. It accepts modified and
// traditional Hepburn with or without macrons (Tōkyō, Tokyo, Shimbashi),
// circumflexes (Tôkyô), Kunrei-shiki and Nihon-shiki (si, tu, zya, di, wo)
// and wāpuro spellings: long o typed as ou, oo or oh (Toukyou, Tookyoo,
// Tohkyoh), nn for ん, x/l prefixes for small kana. Rules:
//
//   - a macron or circumflex lengthens the vowel: ō → おう, ū → うう,
//     ā → ああ, ē → ええ, ī → いい;
//   - h after o and before a consonant or the end is a long mark (Satoh →
//     さとう);
//   - n' and n before a consonant are ん; nn before a vowel is ん + n;
//     m before b, m, p is ん (Shimbashi → しんばし);
//   - a doubled consonant and tch are っ.
//
// Syllables spelled alike in different systems are read the Kunrei way: ti is
// ち, tu is つ, si is し. Case is ignored; non-letters pass through. ok is
// false when some letter could not be read (it is passed through). Length
// that the spelling does not show cannot be restored: Tojo → とじょ.
func RomajiToKana(s string) (string, bool) {
	rs := decomposeLong(validString(s))
	var b strings.Builder
	b.Grow(len(rs) * 3)
	ok := true
	var last byte // vowel that ended the last syllable
	at := func(i int) rune {
		if i >= 0 && i < len(rs) {
			return rs[i]
		}
		return 0
	}
	var key [maxRomajiKey * utf8.UTFMax]byte
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := at(i + 1)
		if r == longMark {
			if last != 0 {
				b.WriteString(longKana[last])
				last = 0
			}
			continue
		}
		if !isASCIILetter(r) {
			if !isApostrophe(r) {
				b.WriteRune(r)
			}
			last = 0
			continue
		}
		switch {
		case r == 'n' && isApostrophe(next):
			b.WriteString("ん")
			i++
			last = 0
			continue
		case r == 'n' && next == 'n':
			b.WriteString("ん")
			if n2 := at(i + 2); !isRomajiVowel(n2) && n2 != 'y' {
				i++ // wāpuro nn
			}
			last = 0
			continue
		case r == 'n' && !isRomajiVowel(next) && next != 'y':
			b.WriteString("ん")
			last = 0
			continue
		case r == 'm' && (next == 'b' || next == 'm' || next == 'p'):
			b.WriteString("ん")
			last = 0
			continue
		case r == 'h' && last == 'o' && at(i-1) == 'o' && !isRomajiVowel(next) && next != 'y' && next != 'h':
			b.WriteString("う")
			last = 0
			continue
		case !isRomajiVowel(r) && (next == r || r == 't' && next == 'c' && at(i+2) == 'h'):
			b.WriteString("っ")
			last = 0
			continue
		}
		matched := false
		for n := maxRomajiKey; n >= 1; n-- {
			if i+n > len(rs) {
				continue
			}
			k := 0
			valid := true
			for _, c := range rs[i : i+n] {
				if !isASCIILetter(c) {
					valid = false
					break
				}
				key[k] = byte(c)
				k++
			}
			if !valid {
				continue
			}
			if kana, found := romajiKana[string(key[:k])]; found {
				b.WriteString(kana)
				last = key[k-1]
				if !isRomajiVowel(rune(last)) {
					last = 0
				}
				i += n - 1
				matched = true
				break
			}
		}
		if !matched {
			b.WriteRune(r)
			ok = false
			last = 0
		}
	}
	return b.String(), ok
}
