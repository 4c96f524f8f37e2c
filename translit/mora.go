package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tSyl    tokKind = iota // a syllable from kanaTable
	tSokuon                // っ
	tN                     // ん
	tOther                 // a rune outside the kana tables
)

// tok is one unit of parsed kana.
type tok struct {
	kind     tokKind
	s        syl
	long     bool // the vowel is long: a following vowel kana or ー was absorbed
	absorbed rune // what was absorbed: う お あ え or ー
	r        rune // for tOther
	kata     bool // written in katakana (a loanword or foreign name)
}

// longPair reports whether vowel kana k after a syllable ending in v makes a
// long vowel in modified Hepburn: aa → ā, uu → ū, ee → ē, oo and ou → ō.
// ii and ei are written as they are (Hepburn romanization, "Long vowels").
func longPair(v byte, k rune) bool {
	switch k {
	case 'あ':
		return v == 'a'
	case 'う':
		return v == 'u' || v == 'o'
	case 'え':
		return v == 'e'
	case 'お':
		return v == 'o'
	}
	return false
}

func isSmallKana(r rune) bool {
	switch r {
	case 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'ゃ', 'ゅ', 'ょ', 'ゎ':
		return true
	}
	return false
}

// parseKana splits s into syllables, sokuon, moraic n and other runes.
// Katakana and hiragana are treated alike.
func parseKana(s string) []tok {
	rs := normalizeKana(s)
	kata := make([]bool, len(rs))
	for i, r := range rs {
		kata[i] = isKatakanaLetter(r) || r >= 'ヷ' && r <= 'ヺ'
		rs[i] = toHira(r)
	}
	toks := make([]tok, 0, len(rs))
	var buf [2 * utf8.UTFMax]byte
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case 'っ':
			toks = append(toks, tok{kind: tSokuon})
			continue
		case 'ん':
			toks = append(toks, tok{kind: tN})
			continue
		case 'ー', '〜', '～':
			if n := len(toks); n > 0 && toks[n-1].kind == tSyl && !toks[n-1].long && toks[n-1].s.v != 0 {
				toks[n-1].long = true
				toks[n-1].absorbed = 'ー'
			} else if r != 'ー' {
				toks = append(toks, tok{kind: tOther, r: r})
			}
			continue
		case '・', '\u3000':
			toks = append(toks, tok{kind: tOther, r: ' '})
			continue
		}
		if i+1 < len(rs) && isSmallKana(rs[i+1]) {
			n := utf8.EncodeRune(buf[:], r)
			n += utf8.EncodeRune(buf[n:], rs[i+1])
			if sy, ok := kanaTable[string(buf[:n])]; ok {
				toks = append(toks, tok{kind: tSyl, s: sy, kata: kata[i]})
				i++
				continue
			}
		}
		n := utf8.EncodeRune(buf[:], r)
		sy, ok := kanaTable[string(buf[:n])]
		if !ok {
			toks = append(toks, tok{kind: tOther, r: r})
			continue
		}
		if k := len(toks); k > 0 && toks[k-1].kind == tSyl && !toks[k-1].long && longPair(toks[k-1].s.v, r) {
			toks[k-1].long = true
			toks[k-1].absorbed = r
			continue
		}
		toks = append(toks, tok{kind: tSyl, s: sy, kata: kata[i]})
	}
	return toks
}

type system uint8

const (
	sysHepburn system = iota
	sysKunrei
	sysPolivanov
)

type longStyle uint8

const (
	lsMacron    longStyle = iota // ō
	lsCircum                     // ô
	lsNone                       // o
	lsKana                       // ou, oo, aa, ee, uu as the kana spell it (wāpuro)
	lsDouble                     // oo
	lsOH                         // oh for long o, other long vowels unmarked
	lsPolCommon                  // Polivanov in running text: ou, oo, uu, ー dropped; aa, ee kept
	lsColon                      // Polivanov with colon: о:
)

type renderOpts struct {
	sys        system
	long       longStyle
	mBeforeBMP bool // traditional Hepburn: ん → m before b, m, p
	noApos     bool // drop the apostrophe of n' (typed variants)
	epenthetic bool // drop the vowel katakana adds after a foreign consonant
}

// epentheticSyl lists the katakana syllables whose vowel is usually only
// epenthetic in foreign names: ハルビン is Harbin, not Harubin.
var epentheticSyl = map[string]bool{
	"ku": true, "gu": true, "su": true, "zu": true, "tsu": true, "fu": true,
	"bu": true, "pu": true, "mu": true, "ru": true, "nu": true, "vu": true,
	"to": true, "do": true,
}

// dropVowel reports whether toks[i] is a katakana syllable whose epenthetic
// vowel should be dropped: it is followed by a consonant or ends the word.
func (o renderOpts) dropVowel(toks []tok, i int) bool {
	t := toks[i]
	if !o.epenthetic || !t.kata || t.long || !epentheticSyl[t.s.hep] {
		return false
	}
	if i == 0 || toks[i-1].kind == tOther {
		return false // keep the first syllable of a word
	}
	if i+1 >= len(toks) || toks[i+1].kind == tOther {
		return true
	}
	n := toks[i+1]
	if n.kind != tSyl {
		return false
	}
	c := n.s.hep[0]
	return strings.IndexByte("aiueoy", c) < 0
}

var macron = map[byte]string{'a': "ā", 'i': "ī", 'u': "ū", 'e': "ē", 'o': "ō"}
var circum = map[byte]string{'a': "â", 'i': "î", 'u': "û", 'e': "ê", 'o': "ô"}

var romajiOfKana = map[rune]string{'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o"}

var cyrOfKana = map[rune]string{'あ': "а", 'い': "и", 'う': "у", 'え': "э", 'お': "о"}

func (o renderOpts) text(s syl) string {
	switch o.sys {
	case sysKunrei:
		return s.kun
	case sysPolivanov:
		return s.pol
	}
	return s.hep
}

// withLong writes syllable text t (its long vowel v) in the long style.
func (o renderOpts) withLong(b *strings.Builder, t string, v byte, absorbed rune) {
	if o.sys == sysPolivanov {
		b.WriteString(t)
		switch o.long {
		case lsColon:
			b.WriteByte(':')
		default: // lsPolCommon
			switch absorbed {
			case 'あ', 'え':
				b.WriteString(cyrOfKana[absorbed])
			}
		}
		return
	}
	stem := t[:len(t)-1]
	switch o.long {
	case lsMacron:
		b.WriteString(stem + macron[v])
	case lsCircum:
		b.WriteString(stem + circum[v])
	case lsNone:
		b.WriteString(t)
	case lsKana:
		b.WriteString(t)
		if absorbed == 'ー' {
			b.WriteByte(v)
		} else {
			b.WriteString(romajiOfKana[absorbed])
		}
	case lsDouble:
		b.WriteString(t)
		b.WriteByte(v)
	case lsOH:
		b.WriteString(t)
		if v == 'o' {
			b.WriteByte('h')
		}
	default:
		b.WriteString(t)
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// render writes parsed kana in one system. Each word (a run after the start
// or whitespace) begins with a capital letter, as names are written.
func (o renderOpts) render(toks []tok) string {
	var b strings.Builder
	b.Grow(len(toks) * 3)
	wordStart := true
	var piece strings.Builder
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		var next string
		if i+1 < len(toks) && toks[i+1].kind == tSyl {
			next = o.text(toks[i+1].s)
		}
		piece.Reset()
		switch t.kind {
		case tSyl:
			if t.long {
				o.withLong(&piece, o.text(t.s), t.s.v, t.absorbed)
			} else if o.dropVowel(toks, i) {
				txt := o.text(t.s)
				_, n := utf8.DecodeLastRuneInString(txt)
				piece.WriteString(txt[:len(txt)-n])
			} else {
				piece.WriteString(o.text(t.s))
			}
		case tSokuon:
			piece.WriteString(o.gemination(next))
		case tN:
			piece.WriteString(o.moraicN(next))
		case tOther:
			b.WriteRune(t.r)
			wordStart = unicode.IsSpace(t.r)
			continue
		}
		p := piece.String()
		if wordStart && p != "" {
			r, n := utf8.DecodeRuneInString(p)
			b.WriteRune(unicode.ToUpper(r))
			p = p[n:]
			wordStart = false
		}
		b.WriteString(p)
	}
	return b.String()
}

// gemination spells っ before the syllable spelled next.
func (o renderOpts) gemination(next string) string {
	if next == "" {
		return ""
	}
	if o.sys == sysPolivanov {
		r := firstRune(next)
		if strings.ContainsRune("аиуэояюёе", r) {
			return ""
		}
		if r == 'ц' {
			return "т" // っつ → тцу, as romaji ttsu
		}
		return string(r)
	}
	c := next[0]
	if strings.IndexByte("aiueo", c) >= 0 {
		return ""
	}
	if o.sys == sysHepburn && strings.HasPrefix(next, "ch") {
		return "t" // っち → tchi (Hepburn romanization, "Long consonants")
	}
	return next[:1]
}

// moraicN spells ん before the syllable spelled next.
func (o renderOpts) moraicN(next string) string {
	if o.sys == sysPolivanov {
		if next == "" {
			return "н"
		}
		r := firstRune(next)
		switch {
		case strings.ContainsRune("аиуэояюёе", r):
			return "нъ"
		case strings.ContainsRune("бпм", r):
			return "м"
		}
		return "н"
	}
	if next == "" {
		return "n"
	}
	switch c := next[0]; {
	case strings.IndexByte("aiueoy", c) >= 0:
		if o.noApos {
			return "n"
		}
		return "n'"
	case o.mBeforeBMP && strings.IndexByte("bmp", c) >= 0:
		return "m"
	}
	return "n"
}
