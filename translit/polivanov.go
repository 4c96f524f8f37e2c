package translit

import "strings"

// Polivanov writes kana in Russian Cyrillic by the Polivanov system
// (Е. Д. Поливанов, 1917), in the form used in running Russian text. Read at
// en.wikipedia.org/wiki/Polivanov_system ("Main table", "Syllabic n",
// "Diphthongs", "Long vowels") and ru.wikipedia.org/wiki/Система_Поливанова:
//
//   - си ти цу дзи дзу, я ю ё, э for え (never е): ケンジ → Кэндзи,
//     シ → си, チ → ти, ツ → цу, ジ → дзи, ヨ → ё, エ → э;
//   - ん → м before б, п, м; → нъ before a vowel or я, ю, ё; otherwise н:
//     シンバシ → Симбаси, ゲンイチ → Гэнъити;
//   - long vowels unmarked, as in regular texts: the う of おう and うう,
//     the second お of おお and the long mark ー are dropped
//     (とうきょう → Токё, きいちろう → Киитиро); ああ and ええ write the
//     vowel twice; いい stays ии;
//   - い after a vowel is и (ドイハラ → Доихара), except えい → эй (Мэйдзи),
//     one of the three spellings the table allows for ei;
//   - っ doubles the next consonant (-кк-, -тт-; っつ → тцу as romaji ttsu).
//
// The first letter of each word is capitalized (names). For the marked
// spelling with colons (сё:гун) see [PolivanovMarked].
func Polivanov(kana string) string {
	return renderOpts{sys: sysPolivanov, long: lsPolCommon}.render(polDiphthongs(parseKana(kana)))
}

// PolivanovMarked is [Polivanov] with every long vowel marked by a colon,
// the marking the Polivanov tables call the most common (とうきょう →
// То:кё:, しょうぐん → Сё:гун). Unlike the unmarked form it can be turned
// back into kana without loss by [PolivanovToKana].
func PolivanovMarked(kana string) string {
	return renderOpts{sys: sysPolivanov, long: lsColon}.render(polDiphthongs(parseKana(kana)))
}

// PolivanovVariants returns the Cyrillic spellings of kana for indexing,
// deduplicated: [Polivanov], [PolivanovMarked], [Polivanov] with и for
// every い (Мэидзи), and, for katakana, the foreign name without the vowels
// katakana adds after consonants (ハルビン → Харбин).
func PolivanovVariants(kana string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(Polivanov(kana))
	add(PolivanovMarked(kana))
	add(renderOpts{sys: sysPolivanov, long: lsPolCommon}.render(parseKana(kana)))
	add(renderOpts{sys: sysPolivanov, long: lsPolCommon, epenthetic: true}.render(polDiphthongs(parseKana(kana))))
	return out
}

// polDiphthongs rewrites い after a syllable ending in e as й.
func polDiphthongs(toks []tok) []tok {
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == tSyl && t.s.hep == "i" && t.s.pol == "и" && toks[i-1].kind == tSyl && toks[i-1].s.v == 'e' && !toks[i-1].long {
			t.s.pol = "й"
		}
	}
	return toks
}

// polKana maps Polivanov syllables back to hiragana. Built from kanaTable in
// table order, so the first kana wins (дзи → じ, not ぢ; о → お, not を),
// plus lenient non-Polivanov spellings common in Russian texts (ши, чи,
// джи, ша, ча, джа …), which are read as the kana they stand for.
var polKana = map[string]polSyl{}

type polSyl struct {
	kana string
	v    byte
}

func init() {
	for _, line := range strings.Split(kanaRows, "\n") {
		f := strings.Fields(line)
		if len(f) != 4 {
			continue
		}
		if _, dup := polKana[f[3]]; !dup {
			polKana[f[3]] = polSyl{f[0], f[1][len(f[1])-1]}
		}
	}
	polKana["й"] = polSyl{"い", 'i'}
	lenient := map[string]string{
		"ши": "し", "щи": "し", "ша": "しゃ", "ща": "しゃ", "шу": "しゅ", "щу": "しゅ", "шо": "しょ", "шё": "しょ", "щё": "しょ",
		"чи": "ち", "ча": "ちゃ", "чу": "ちゅ", "чо": "ちょ", "чё": "ちょ",
		"джи": "じ", "джа": "じゃ", "джу": "じゅ", "джо": "じょ", "джё": "じょ", "дже": "じぇ",
	}
	for k, v := range lenient {
		if _, dup := polKana[k]; !dup {
			polKana[k] = polSyl{kana: v}
		}
	}
	for k, v := range polKana {
		v.v = vowelOfKana(v.kana)
		polKana[k] = v
	}
}

// vowelOfKana returns the final vowel (a i u e o) of a kana spelling.
func vowelOfKana(k string) byte {
	if s, ok := kanaTable[k]; ok {
		return s.v
	}
	return 0
}

const cyrVowels = "аиуэояюёе"

func isCyrVowel(r rune) bool { return strings.ContainsRune(cyrVowels, r) }

func isCyrLetter(r rune) bool { return r >= 'а' && r <= 'я' || r == 'ё' }

var longKana = map[byte]string{'a': "あ", 'i': "い", 'u': "う", 'e': "え", 'o': "う"}

// PolivanovToKana reads Polivanov Cyrillic back into hiragana, so that a
// Russian spelling can be romanized (Кэндзи → けんじ → Kenji). Long vowels
// marked by a colon or a macron are restored (То:кё: → とうきょう); unmarked
// long vowels cannot be (Токё → ときょ). нъ and н before a consonant are ん,
// м before б, п, м is ん, a doubled consonant is っ. The letter е after a
// consonant is read as э, and the common non-Polivanov spellings ши, чи,
// джи, ша, ча, джа … are read as し, ち, じ, しゃ, ちゃ, じゃ. Case is ignored;
// non-Cyrillic runes pass through. ok is false when some Cyrillic letter is
// not Polivanov: a consonant without a vowel is then read as katakana reads
// foreign names, with an epenthetic u, or o after т and д (Харбин →
// はるびん), and other letters are passed through.
func PolivanovToKana(cyr string) (string, bool) {
	rs := []rune(strings.ToLower(validString(cyr)))
	// е after a consonant is a common misspelling of э.
	for i := 1; i < len(rs); i++ {
		if rs[i] == 'е' && isCyrLetter(rs[i-1]) && !isCyrVowel(rs[i-1]) && rs[i-1] != 'ъ' && rs[i-1] != 'ь' && rs[i-1] != 'й' {
			rs[i] = 'э'
		}
	}
	var b strings.Builder
	b.Grow(len(rs) * 3)
	ok := true
	var last byte // vowel of the last syllable, for long marks
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == ':' || r == 'ː' || r == 0x0304:
			if last != 0 {
				b.WriteString(longKana[last])
				last = 0
				continue
			}
			b.WriteRune(r)
			continue
		case r == 'ӯ' || r == 'ӣ':
			if r == 'ӯ' {
				rs[i] = 'у'
			} else {
				rs[i] = 'и'
			}
			rs = append(rs[:i+1], append([]rune{0x0304}, rs[i+1:]...)...)
			i--
			continue
		case !isCyrLetter(r):
			b.WriteRune(r)
			last = 0
			continue
		case r == 'н' && next == 'ъ':
			b.WriteString("ん")
			i++
			last = 0
			continue
		case r == 'н' && !isCyrVowel(next):
			b.WriteString("ん")
			last = 0
			continue
		case r == 'м' && (next == 'б' || next == 'п' || next == 'м'):
			b.WriteString("ん")
			last = 0
			continue
		case !isCyrVowel(r) && r != 'й' && r != 'ъ' && r != 'ь' && (next == r || r == 'т' && next == 'ц'):
			b.WriteString("っ")
			last = 0
			continue
		}
		matched := false
		for n := 3; n >= 1; n-- {
			if i+n > len(rs) {
				continue
			}
			if p, found := polKana[string(rs[i:i+n])]; found {
				b.WriteString(p.kana)
				last = p.v
				i += n - 1
				matched = true
				break
			}
		}
		if !matched {
			ok = false
			last = 0
			// A consonant without a vowel (Харбин) is read as katakana reads
			// foreign names: with an epenthetic у, or о after т, д.
			ep := string(r) + "у"
			if r == 'т' || r == 'д' {
				ep = string(r) + "о"
			}
			if p, found := polKana[ep]; found && !isCyrVowel(r) {
				b.WriteString(p.kana)
			} else if r != 'ь' && r != 'ъ' {
				b.WriteRune(r)
			}
		}
	}
	return b.String(), ok
}
