package translit

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxCyrillicCandidates bounds the answer of [CyrillicCandidates].
const MaxCyrillicCandidates = 8

// maxPenaltyGap drops spellings much less likely than a word's best one.
const maxPenaltyGap = 3

// beamWidth bounds the partial spellings kept at each input position.
const beamWidth = 12

// latinRule is one way to read Latin letters as Cyrillic.
type latinRule struct {
	pat  string
	alts []cyrAlt
	when func(c ruleCtx) bool // nil: always
}

type cyrAlt struct {
	cyr string
	pen int // lower is likelier
}

type ruleCtx struct {
	last    rune // last Cyrillic letter written, 0 at word start
	next    rune // Latin letter after the pattern, 0 at word end
	atStart bool
}

func (c ruleCtx) afterVowel() bool {
	return c.last != 0 && strings.ContainsRune("аеёиоуыэюяй", c.last)
}
func (c ruleCtx) afterCons() bool {
	return c.last != 0 && !c.afterVowel() && c.last != 'ь' && c.last != 'ъ'
}
func (c ruleCtx) atEnd() bool { return c.next == 0 }
func latinVowel(r rune) bool  { return strings.ContainsRune("aeiouëèéâûôáíóú", r) }

func alts(s ...any) []cyrAlt {
	var out []cyrAlt
	for i := 0; i+1 < len(s); i += 2 {
		out = append(out, cyrAlt{s[i].(string), s[i+1].(int)})
	}
	return out
}

// latinRules reverse BGN/PCGN, simplified BGN, the scholarly system, ISO 9,
// Library of Congress habits (ii, iu, ia) and German spellings (sch, w, j),
// each alternative with a penalty; see CyrillicCandidates.
var latinRules = []latinRule{
	{"shch", alts("щ", 0), nil},
	{"sch", alts("щ", 1, "ш", 2, "сч", 3), nil},
	{"tsch", alts("ч", 1), nil},
	{"šč", alts("щ", 0), nil},
	{"zh", alts("ж", 0), nil},
	{"kh", alts("х", 0), nil},
	{"ch", alts("ч", 0, "х", 4), nil},
	{"sh", alts("ш", 0), nil},
	{"ts", alts("ц", 0, "тс", 2), nil},
	{"tz", alts("ц", 1), nil},
	{"dzh", alts("дж", 0), nil},
	// iotated vowels
	{"ya", alts("я", 0, "ья", 1), func(c ruleCtx) bool { return c.afterCons() }},
	{"ya", alts("я", 0), func(c ruleCtx) bool { return !c.afterCons() }},
	{"yu", alts("ю", 0, "ью", 1), func(c ruleCtx) bool { return c.afterCons() }},
	{"yu", alts("ю", 0), func(c ruleCtx) bool { return !c.afterCons() }},
	{"ye", alts("ье", 0, "е", 1, "ъе", 2), func(c ruleCtx) bool { return c.afterCons() }},
	{"ye", alts("е", 0, "э", 2, "йе", 3), func(c ruleCtx) bool { return !c.afterCons() }},
	{"yë", alts("ьё", 0, "ё", 1), func(c ruleCtx) bool { return c.afterCons() }},
	{"yë", alts("ё", 0), func(c ruleCtx) bool { return !c.afterCons() }},
	{"yo", alts("ё", 0, "ьо", 2), func(c ruleCtx) bool { return c.afterCons() }},
	{"yo", alts("ё", 0, "йо", 1), func(c ruleCtx) bool { return !c.afterCons() }},
	{"ja", alts("я", 0, "ья", 2, "джа", 4), nil},
	{"ju", alts("ю", 0, "ью", 2, "джу", 4), nil},
	{"je", alts("е", 0, "ье", 2, "дже", 4), nil},
	{"jo", alts("ё", 0, "йо", 2, "джо", 4), nil},
	{"jë", alts("ё", 0), nil},
	{"yi", alts("ьи", 0, "ы", 2), func(c ruleCtx) bool { return c.afterCons() }},
	{"yi", alts("йи", 0, "и", 1), func(c ruleCtx) bool { return !c.afterCons() }},
	{"iu", alts("ю", 2), func(c ruleCtx) bool { return c.afterCons() }},
	{"ia", alts("я", 2), func(c ruleCtx) bool { return c.afterCons() }},
	// y alone
	{"y", alts("й", 0), func(c ruleCtx) bool { return c.afterVowel() && !latinVowel(c.next) }},
	{"y", alts("ий", 0, "ый", 1), func(c ruleCtx) bool {
		return c.afterCons() && c.atEnd() && !strings.ContainsRune("нв", c.last)
	}},
	{"y", alts("ый", 0, "ий", 1, "ы", 2), func(c ruleCtx) bool {
		return c.afterCons() && c.atEnd() && strings.ContainsRune("нв", c.last)
	}},
	{"y", alts("ы", 0, "и", 2), func(c ruleCtx) bool { return c.afterCons() && !c.atEnd() && !latinVowel(c.next) }},
	{"y", alts("и", 1, "ы", 2, "й", 2), func(c ruleCtx) bool { return c.last == 0 && !latinVowel(c.next) }},
	// vowels
	{"a", alts("а", 0), nil},
	{"e", alts("е", 0, "э", 2), func(c ruleCtx) bool { return c.afterCons() }},
	{"e", alts("е", 0, "э", 1), func(c ruleCtx) bool { return c.afterVowel() || c.last == 'ь' || c.last == 'ъ' }},
	{"e", alts("э", 0, "е", 1), func(c ruleCtx) bool { return c.last == 0 }},
	{"i", alts("й", 0, "и", 1), func(c ruleCtx) bool { return c.afterVowel() && c.atEnd() }},
	{"i", alts("и", 0, "й", 1), func(c ruleCtx) bool { return c.afterVowel() && !c.atEnd() }},
	{"i", alts("и", 0), func(c ruleCtx) bool { return !c.afterVowel() }},
	{"o", alts("о", 0, "ё", 2), func(c ruleCtx) bool { return strings.ContainsRune("жчшщ", c.last) }},
	{"o", alts("о", 0), func(c ruleCtx) bool { return !strings.ContainsRune("жчшщ", c.last) }},
	{"u", alts("у", 0), nil},
	{"ë", alts("ё", 0), nil},
	{"è", alts("э", 0), nil},
	{"é", alts("е", 0, "э", 1), nil},
	{"â", alts("я", 0), nil},
	{"û", alts("ю", 0), nil},
	{"ě", alts("е", 0), nil},
	// consonants
	{"b", alts("б", 0), nil},
	{"v", alts("в", 0), nil},
	{"w", alts("в", 0), nil},
	{"g", alts("г", 0), nil},
	{"d", alts("д", 0), nil},
	{"z", alts("з", 0), nil},
	{"ž", alts("ж", 0), nil},
	{"j", alts("й", 0), func(c ruleCtx) bool { return c.next != 'i' }},
	{"j", alts("й", 0, "дж", 3), func(c ruleCtx) bool { return c.next == 'i' }},
	{"k", alts("к", 0), nil},
	{"q", alts("к", 0), nil},
	{"l", alts("л", 0), nil},
	{"m", alts("м", 0), nil},
	{"n", alts("н", 0), nil},
	{"p", alts("п", 0), nil},
	{"r", alts("р", 0), nil},
	{"s", alts("с", 0), nil},
	{"š", alts("ш", 0), nil},
	{"ŝ", alts("щ", 0), nil},
	{"t", alts("т", 0), nil},
	{"f", alts("ф", 0), nil},
	{"h", alts("х", 0, "г", 3), nil},
	{"x", alts("кс", 0, "х", 1), nil},
	{"c", alts("ц", 0, "к", 1), nil},
	{"č", alts("ч", 0), nil},
	{"ʹ", alts("ь", 0), nil},
	{"ʼ", alts("ь", 0), nil},
	{"'", alts("ь", 0, "", 2), nil},
	{"’", alts("ь", 0, "", 2), nil},
	{"ʺ", alts("ъ", 0), nil},
	{"\"", alts("ъ", 0), nil},
}

// rulesByFirst indexes latinRules by their first rune.
var rulesByFirst = map[rune][]latinRule{}

func init() {
	for _, r := range latinRules {
		f, _ := utf8.DecodeRuneInString(r.pat)
		rulesByFirst[f] = append(rulesByFirst[f], r)
	}
}

type partial struct {
	out  []rune
	pen  int
	last rune
}

// foldLatin lower-cases and normalizes the combining forms people type.
func foldLatin(s string) []rune {
	s = strings.ToLower(s)
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		if (r == 0x0308 || r == 0x0301 || r == 0x0300 || r == 0x030C || r == 0x0302) && len(rs) > 0 {
			base := rs[len(rs)-1]
			comp := map[[2]rune]rune{
				{'e', 0x0308}: 'ë', {'e', 0x0301}: 'é', {'e', 0x0300}: 'è', {'e', 0x030C}: 'ě',
				{'s', 0x030C}: 'š', {'z', 0x030C}: 'ž', {'c', 0x030C}: 'č', {'s', 0x0302}: 'ŝ',
				{'a', 0x0302}: 'â', {'u', 0x0302}: 'û',
			}[[2]rune{base, r}]
			if comp != 0 {
				rs[len(rs)-1] = comp
			}
			continue
		}
		rs = append(rs, r)
	}
	return rs
}

// wordCandidates returns the likeliest Cyrillic spellings of one Latin word.
func wordCandidates(w []rune) []partial {
	beams := make([][]partial, len(w)+1)
	beams[0] = []partial{{}}
	for i := 0; i < len(w); i++ {
		if len(beams[i]) == 0 {
			continue
		}
		sort.SliceStable(beams[i], func(a, b int) bool { return beams[i][a].pen < beams[i][b].pen })
		if len(beams[i]) > beamWidth {
			beams[i] = beams[i][:beamWidth]
		}
		longest := 0
		for _, rule := range rulesByFirst[w[i]] {
			if n := utf8.RuneCountInString(rule.pat); n > longest && hasPrefixRunes(w[i:], rule.pat) {
				longest = n
			}
		}
		matchedAny := false
		for _, st := range beams[i] {
			for _, rule := range rulesByFirst[w[i]] {
				if !hasPrefixRunes(w[i:], rule.pat) {
					continue
				}
				n := utf8.RuneCountInString(rule.pat)
				var next rune
				if i+n < len(w) {
					next = w[i+n]
				}
				ctx := ruleCtx{last: st.last, next: next, atStart: i == 0}
				if rule.when != nil && !rule.when(ctx) {
					continue
				}
				extra := 0
				if n < longest {
					extra = 4 // reading a digraph letter by letter is unlikely
				}
				for _, a := range rule.alts {
					out := append(append([]rune(nil), st.out...), []rune(a.cyr)...)
					last := st.last
					if a.cyr != "" {
						last, _ = utf8.DecodeLastRuneInString(a.cyr)
					}
					beams[i+n] = append(beams[i+n], partial{out, st.pen + a.pen + extra, last})
					matchedAny = true
				}
			}
		}
		if !matchedAny { // unknown rune: keep it
			for _, st := range beams[i] {
				out := append(append([]rune(nil), st.out...), w[i])
				beams[i+1] = append(beams[i+1], partial{out, st.pen + 1, st.last})
			}
		}
	}
	res := beams[len(w)]
	// Russian print usually writes е for ё: add that spelling too.
	n := len(res)
	for k := 0; k < n; k++ {
		if strings.ContainsRune(string(res[k].out), 'ё') {
			res = append(res, partial{[]rune(strings.ReplaceAll(string(res[k].out), "ё", "е")), res[k].pen + 1, 0})
		}
	}
	sort.SliceStable(res, func(a, b int) bool { return res[a].pen < res[b].pen })
	// Keep only spellings close to the best one.
	for k := range res {
		if res[k].pen > res[0].pen+maxPenaltyGap {
			res = res[:k]
			break
		}
	}
	return dedupPartials(res, MaxCyrillicCandidates)
}

func hasPrefixRunes(w []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(w) || w[i] != r {
			return false
		}
		i++
	}
	return true
}

func dedupPartials(ps []partial, limit int) []partial {
	seen := map[string]bool{}
	out := ps[:0:0]
	for _, p := range ps {
		k := string(p.out)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
		if len(out) == limit {
			break
		}
	}
	return out
}

// isLatinWordRune reports whether r belongs to a Latin word for candidates.
func isLatinWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == 'ʹ' || r == 'ʼ' || r == 'ʺ'
}

// CyrillicCandidates returns plausible Russian Cyrillic spellings of a Latin
// name, likeliest first, by reading it back through BGN/PCGN (full and
// simplified), the scholarly system, ISO 9, Library of Congress habits and
// German spellings: Lyushkov → Люшков; Rodzaevsky and Rodzayevskiy →
// Родзаевский; Kharbin and Harbin → Харбин; Semyonov → Семёнов, Семенов.
//
// The search is bounded: each reading carries a penalty, at most 12 partial
// spellings are kept per letter, spellings more than 3 penalty points worse
// than a word's best are dropped, and at most [MaxCyrillicCandidates] (8)
// spellings are returned for the whole input (multi-word input combines the
// words' best spellings under the same cap). Capitals follow the input:
// a capitalized word gives a capitalized spelling, an all-capitals word an
// all-capitals one. Non-letters are kept as they are.
func CyrillicCandidates(latin string) []string {
	src := []rune(validString(latin))
	type seg struct {
		word  bool
		runes []rune
	}
	var segs []seg
	for i := 0; i < len(src); {
		j := i
		w := isLatinWordRune(src[i])
		for j < len(src) && isLatinWordRune(src[j]) == w {
			j++
		}
		segs = append(segs, seg{w, src[i:j]})
		i = j
	}
	results := []partial{{}}
	for _, sg := range segs {
		var cands []partial
		if sg.word {
			cands = wordCandidates(foldLatin(string(sg.runes)))
			applyCase(cands, sg.runes)
		} else {
			cands = []partial{{out: sg.runes}}
		}
		var next []partial
		for _, r := range results {
			for _, c := range cands {
				next = append(next, partial{append(append([]rune(nil), r.out...), c.out...), r.pen + c.pen, 0})
			}
		}
		sort.SliceStable(next, func(a, b int) bool { return next[a].pen < next[b].pen })
		results = dedupPartials(next, MaxCyrillicCandidates)
	}
	out := make([]string, 0, len(results))
	for _, r := range results {
		if len(r.out) > 0 {
			out = append(out, string(r.out))
		}
	}
	return out
}

// applyCase capitalizes candidates like the source word.
func applyCase(cands []partial, src []rune) {
	if len(src) == 0 || !unicode.IsUpper(src[0]) {
		return
	}
	all := len(src) > 1
	for _, r := range src {
		if unicode.IsLower(r) {
			all = false
		}
	}
	for k := range cands {
		o := cands[k].out
		for i := range o {
			if all || i == 0 {
				o[i] = unicode.ToUpper(o[i])
			}
		}
	}
}
