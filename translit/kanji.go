package translit

import (
	"strings"
	"unicode/utf8"
)

var (
	kyuShin = map[rune]rune{} // kyūjitai and compatibility ideographs → shinjitai
	s2t     = map[rune]rune{} // simplified → traditional Chinese
	t2s     = map[rune]rune{} // traditional → simplified Chinese
)

// chinesePhrases are simplified spellings whose traditional form depends on
// the word: 沈 is the surname Shen but 瀋 in 沈阳 (Shenyang, Mukden).
var chinesePhrases = map[string]string{"沈阳": "瀋陽", "沈陽": "瀋陽"}

func loadPairs(table string, f func(a, b rune)) {
	for _, p := range strings.Fields(table) {
		a, n := utf8.DecodeRuneInString(p)
		b, m := utf8.DecodeRuneInString(p[n:])
		if n+m != len(p) {
			panic("translit: bad pair " + p)
		}
		f(a, b)
	}
}

func init() {
	loadPairs(compatPairs, func(a, b rune) { kyuShin[a] = b })
	loadPairs(kyujitaiPairs, func(a, b rune) { kyuShin[a] = b })
	// A compatibility ideograph may decompose to a kyūjitai (rare): chain.
	for k, v := range kyuShin {
		if w, ok := kyuShin[v]; ok && w != v {
			kyuShin[k] = w
		}
	}
	loadPairs(chinesePairs, func(s, t rune) {
		if _, dup := s2t[s]; !dup {
			s2t[s] = t
		}
		if _, dup := t2s[t]; !dup {
			t2s[t] = s
		}
	})
	loadPairs(chineseT2SOnly, func(t, s rune) { t2s[t] = s })
	t2s['瀋'] = '沈'
}

func mapRunes(s string, m map[rune]rune) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid bytes become U+FFFD
		if n, ok := m[r]; ok {
			r = n
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Shinjitai folds old kanji forms (kyūjitai) to the modern Japanese forms
// (shinjitai) of the 1946/1949 simplification kept in the Jōyō kanji table:
// 滿 → 満, 關 → 関, 舊 → 旧, 國 → 国, 會 → 会, 團 → 団, 臺 → 台, 鐵 → 鉄,
// 澤 → 沢, 廣 → 広, 濱 → 浜, so 機關 → 機関 and 兵團 → 兵団. About 400
// pairs, plus the CJK compatibility ideographs (社 → 社). Characters
// that were never simplified (爾, 哈, 瀋) are unchanged, as is everything
// that is not kanji.
func Shinjitai(s string) string { return mapRunes(s, kyuShin) }

// SimplifiedToTraditional converts simplified Chinese characters to
// traditional ones, for the place names of Manchuria, Mongolia and the
// Soviet Far East and the words around them: 哈尔滨 → 哈爾濱, 齐齐哈尔 →
// 齊齊哈爾, 海拉尔 → 海拉爾, 长春 → 長春, 满洲里 → 滿洲里, 沈阳 → 瀋陽,
// 大连 → 大連, 旅顺 → 旅順. The table has about 450 characters; ambiguous
// simplified characters (后, 干, 里 …) are left as they are.
func SimplifiedToTraditional(s string) string {
	s = validString(s)
	for k, v := range chinesePhrases {
		if strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, v)
		}
	}
	return mapRunes(s, s2t)
}

// TraditionalToSimplified converts traditional Chinese characters to
// simplified ones with the same table as [SimplifiedToTraditional]
// (哈爾濱 → 哈尔滨, 瀋陽 → 沈阳). Japanese shinjitai such as 浜 or 満 are not
// Chinese and are left as they are; use [HanKey] to compare across the three.
func TraditionalToSimplified(s string) string { return mapRunes(s, t2s) }

// HanKey folds Chinese simplified, Chinese traditional, Japanese kyūjitai
// and Japanese shinjitai spellings of a name to one key, the modern Japanese
// form: it is Shinjitai(SimplifiedToTraditional(s)). 哈爾浜, 哈爾濱 and
// 哈尔滨 all give 哈爾浜; 齐齐哈尔 and 齊齊哈爾 give 斉斉哈爾; 满洲里 and
// 滿洲里 give 満洲里. Use it to index and to query, never to display.
func HanKey(s string) string { return Shinjitai(SimplifiedToTraditional(s)) }
