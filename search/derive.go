package search

import (
	"maps"
	"strings"
	"sync"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/unicode/norm"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/translit"
)

// Key spaces of the name dictionary. A key is a prefix and a folded word,
// so that a Latin "gol" and a Cyrillic "гол" never collide and a prefix
// search stays in one script.
const (
	spaceLatin    = "l:" // latinKey of a Latin word
	spaceCyrillic = "c:" // a folded Cyrillic word
	spaceStem     = "s:" // the Russian stem of a Cyrillic word: Харбине → харбин
	spaceCJK      = "j:" // a folded run of Han and kana, in whole-name keys only
)

// wordKeys returns the dictionary keys under which a folded token is
// stored as written.
func wordKeys(t token) []string {
	switch t.script {
	case scriptLatin:
		return []string{spaceLatin + latinKey(t.text)}
	case scriptCyrillic:
		keys := []string{spaceCyrillic + t.text}
		if st := russian.Stem(t.text, false); st != "" {
			keys = append(keys, spaceStem+st)
		}
		return keys
	}
	return nil
}

// deriveKeys returns the keys of spellings nobody stored but users type,
// for one token of a name in language lang:
//
//   - romanized Japanese (ja-Latn): its kana, then that kana in Polivanov
//     Cyrillic (Doihara → Доихара);
//   - Cyrillic: ISO 9, scholarly and BGN/PCGN Latin (Люшков → Lyushkov,
//     Ljuškov), and, where the word is a Polivanov transcription of
//     Japanese, its Hepburn romaji (Кэндзи → Kenji);
//   - kana: Hepburn, Kunrei and the typed variants, and Polivanov;
//   - Japanese kanji: the readings a morphological analyzer gives (関東軍 →
//     かんとうぐん → Kantōgun, Кантогун), each followed as kana above. The
//     analyzer reads raw, the token as written, in its readingForm: the
//     folded text would have it read 機関 as 机関, つくえ・せき.
func (d *deriver) deriveKeys(t token, raw, lang string) []string {
	var out []string
	switch t.script {
	case scriptLatin:
		if strings.HasPrefix(lang, "ja") {
			if kana, ok := translit.RomajiToKana(t.text); ok {
				for _, c := range translit.PolivanovVariants(kana) {
					out = append(out, cyrillicKeys(c)...)
				}
			}
		}
	case scriptCyrillic:
		for _, l := range []string{translit.ISO9(t.text), translit.Scholarly(t.text), translit.BGN(t.text), translit.BGNSimple(t.text)} {
			out = append(out, latinKeys(l)...)
		}
		if kana, ok := translit.PolivanovToKana(t.text); ok {
			out = append(out, kanaKeys(kana)...)
		}
	case scriptCJK:
		if isKana(t.text) {
			out = append(out, kanaKeys(t.text)...)
			for _, c := range translit.PolivanovVariants(t.text) {
				out = append(out, cyrillicKeys(c)...)
			}
		} else if strings.HasPrefix(lang, "ja") && hasHan(t.text) {
			if raw == "" {
				raw = t.text
			}
			out = d.hanKeys(raw, nil)
		}
	}
	return out
}

// hanKeys returns the keys of the readings of a run of kanji (and kana)
// raw as written: each span's kana and its Polivanov Cyrillic. With own
// (a person's or a place's own reading), a span is read only if own
// reads it so.
func (d *deriver) hanKeys(raw string, own ownReading) []string {
	var out []string
	for _, kana := range d.readings(readingForm(raw)) {
		if own != nil && !own.reads(kana) {
			continue
		}
		out = append(out, kanaKeys(kana)...)
		for _, c := range translit.PolivanovVariants(kana) {
			out = append(out, cyrillicKeys(c)...)
		}
	}
	return out
}

// ownReading is how an entity itself reads its names in kanji: the Latin
// keys of every run of consecutive words of its names in romaji (ja-Latn)
// and kana, of any kind ("Umezu Yoshijirō" giving umezu, yoshijiro and
// umezuyoshijiro; the former name Shinkyō reads the former name 新京).
//
// The dictionary reads given names and old place names badly: 梅津美治郎
// as Umezu Yoshiharurō, 河辺虎四郎 as Kawabe Torayonrō, 新京 as Shinmiyako.
// A wrong reading is a wrong match (a search for "Yoshiharu" landing on
// Umezu Yoshijirō); the right one is indexed anyway, from the name the
// corpus gives. So for a person or a place, whose names are spellings of
// one name, a span of the dictionary's reading is kept only where the
// entity's own reading has it (Umezu, not Yoshiharurō). An organization's
// names are often different names (陸軍 beside Dai Nippon Teikoku Rikugun,
// 第五課 beside Roshia-ka), which its romanization does not read: there
// the dictionary is the only reading and stays, except for a name that
// is a person's or a place's as written (an event named 新京 after the
// city), read as that entity reads it (Builder.deriveNames).
type ownReading map[string]bool

// ownReadings returns e's own reading, or nil when the dictionary is to
// be trusted: e is not a person or a place, or gives no reading.
func ownReadings(e *tokumu.Entity) ownReading {
	if e.Type != tokumu.Person && e.Type != tokumu.Place {
		return nil
	}
	var own ownReading
	for _, n := range e.Names {
		var words []string
		switch {
		case n.Lang == "ja-Latn":
			for _, t := range tokenize(n.Text) {
				if t.script == scriptLatin {
					words = append(words, latinKey(t.text))
				}
			}
		case n.Lang == "ja-Hira" || n.Lang == "ja-Kana" || n.Lang == "ja-Hrkt":
			for _, t := range tokenize(n.Text) {
				if t.script == scriptCJK && isKana(t.text) {
					words = append(words, t.text)
				}
			}
		default:
			continue
		}
		if own == nil && len(words) > 0 {
			own = ownReading{}
		}
		for i := range words {
			for j := i + 1; j <= len(words); j++ {
				run := strings.Join(words[i:j], "")
				if isKana(run) {
					for _, k := range kanaKeys(run) {
						own[k] = true
					}
				} else {
					own[spaceLatin+latinKey(run)] = true
				}
			}
		}
	}
	return own
}

// reads reports whether own reads a span of a kanji name as kana: whether
// one of the span's Latin spellings is a run of own's words.
func (own ownReading) reads(kana string) bool {
	for _, v := range translit.HepburnVariants(kana) {
		var b strings.Builder
		for _, t := range tokenize(v) {
			if t.script == scriptLatin {
				b.WriteString(t.text)
			}
		}
		if own[spaceLatin+latinKey(b.String())] {
			return true
		}
	}
	return false
}

// forms are the kanji names of persons and places by readingForm, each
// with its entity's own reading (nil where two entities read one form
// differently: then neither is trusted).
type forms map[string]ownReading

// ownForms returns each entity's own reading (ownReadings) and the forms
// of the persons' and places' kanji names.
func ownForms(es []*tokumu.Entity) ([]ownReading, forms) {
	owns := make([]ownReading, len(es))
	fs := forms{}
	for i, e := range es {
		if owns[i] = ownReadings(e); owns[i] == nil {
			continue
		}
		for _, n := range e.Names {
			if strings.HasPrefix(n.Lang, "ja") && hasHan(n.Text) {
				form := readingForm(n.Text)
				if o, ok := fs[form]; ok && o != nil && !maps.Equal(o, owns[i]) {
					fs[form] = nil // two entities read it differently: trust neither
				} else if !ok {
					fs[form] = owns[i]
				}
			}
		}
	}
	return owns, fs
}

// pieces splits a run of kanji and kana, in readingForm, at the person's
// and place's names it embeds, so that each piece is read alone: an
// organization's or an event's name often embeds one (満洲里特務機関, the
// Manchouli agency; 張鼓峰事件), and the dictionary reads it badly within
// the whole (満洲里 as まんしゅう・さと, so that "Sato" found the agency).
// An embedded name is read as its entity reads it, the rest by the
// dictionary. Names are matched leftmost-longest, of two characters or
// more (a one-kanji place name is part of too many words); the own
// reading of a piece that is no such name is nil. With no name embedded,
// or the run one name as a whole, pieces returns the run alone.
func (fs forms) pieces(run string) []piece {
	rs := []rune(run)
	var out []piece
	last := 0 // start of the text not yet in a piece
	for i := 0; i < len(rs); {
		n := 0
		for j := len(rs); j >= i+2; j-- {
			if own, ok := fs[string(rs[i:j])]; ok && own != nil {
				n = j - i
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if last < i {
			out = append(out, piece{text: string(rs[last:i])})
		}
		out = append(out, piece{text: string(rs[i : i+n]), own: fs[string(rs[i:i+n])]})
		i += n
		last = i
	}
	if len(out) == 0 {
		return []piece{{text: run}}
	}
	if last < len(rs) {
		out = append(out, piece{text: string(rs[last:])})
	}
	return out
}

// piece is a part of a kanji name read alone, with the own reading of the
// person or place whose name it is, or nil.
type piece struct {
	text string
	own  ownReading
}

// readingForm is a run of Japanese as the analyzer should read it: NFKC
// (half-width kana to full), old kanji forms to new (滿洲國 → 満洲国, which
// the dictionary knows), and nothing else of the folding — katakana
// stays katakana (ハルビン is one word, はる・びん two) and a kanji keeps
// its Japanese form rather than meeting its simplified Chinese one (機 is
// not 机).
func readingForm(raw string) string {
	return translit.Shinjitai(norm.NFKC.String(raw))
}

// kanaKeys returns the Latin keys of every Hepburn and Kunrei variant of kana.
func kanaKeys(kana string) []string {
	var out []string
	for _, v := range translit.HepburnVariants(kana) {
		out = append(out, latinKeys(v)...)
	}
	return out
}

func latinKeys(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		if t.script == scriptLatin {
			out = append(out, spaceLatin+latinKey(t.text))
		}
	}
	return out
}

func cyrillicKeys(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		if t.script == scriptCyrillic {
			out = append(out, spaceCyrillic+t.text)
		}
	}
	return out
}

// deriver reads kanji through kagome with the IPA dictionary. The
// dictionary takes a second to load and ~90 MB of heap that kagome keeps
// for the life of the process, so a reading comes from the table of known
// readings (readings.tsv) when it has one, and the dictionary is loaded
// only for a name it lacks; readings are memoized by surface form.
type deriver struct {
	once sync.Once
	tok  *tokenizer.Tokenizer
	memo map[string][]string // build time only
	keys map[string]tokenKeys
}

// tokenKeys are the keys of one token of a name: as written (wordKeys)
// and derived (deriveKeys).
type tokenKeys struct{ written, derived []string }

// tokenKeys returns wordKeys and deriveKeys of a token of a name,
// memoized by what they depend on: the token, its script, whether the
// name is Japanese and, for a run of kanji, the run as written. Names
// share their words (family and given names, "Special Service Agency"):
// the transliterations and stems of a word are computed once per build.
// Like readings, it is called only while an index is built, by one
// goroutine; the slices returned must not be changed.
func (d *deriver) tokenKeys(t token, raw, lang string) tokenKeys {
	ja := "-"
	if strings.HasPrefix(lang, "ja") {
		ja = "j"
	}
	key := string(rune('0'+t.script)) + ja + t.text
	if t.script == scriptCJK {
		key += "\x00" + raw
	}
	if k, ok := d.keys[key]; ok {
		return k
	}
	if d.keys == nil {
		d.keys = map[string]tokenKeys{}
	}
	k := tokenKeys{wordKeys(t), d.deriveKeys(t, raw, lang)}
	d.keys[key] = k
	return k
}

// parts returns the kana reading of each morpheme of s, or nil when a
// morpheme of kanji has no reading in the dictionary (哈 in 哈爾浜): a
// guessed reading would only add wrong matches. s is in readingForm.
func (d *deriver) parts(s string) []string {
	if p, ok := knownReadings()[s]; ok {
		return p
	}
	return d.analyze(s)
}

// analyze is parts through the dictionary, which it loads on first use.
// The tokenizer is safe for concurrent use.
func (d *deriver) analyze(s string) []string {
	d.once.Do(func() {
		if t, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos(), tokenizer.UserDict(userDict())); err == nil {
			d.tok = t
		}
	})
	if d.tok == nil {
		return nil
	}
	var parts []string
	for _, m := range d.tok.Tokenize(s) {
		if ue := m.UserExtra(); ue != nil {
			for _, r := range ue.Readings {
				parts = append(parts, translit.Hiragana(r))
			}
			continue
		}
		r, ok := m.Reading()
		if !ok || r == "" || r == "*" {
			if !isKana(m.Surface) {
				return nil
			}
			r = m.Surface // a kana word the dictionary lacks (ゾルゲ) reads as written
		}
		parts = append(parts, translit.Hiragana(r))
	}
	return parts
}

// analyzed reports whether d has loaded the dictionary.
func (d *deriver) analyzed() bool { return d.tok != nil }

// readings returns kana readings of a run of kanji and kana for indexing:
// the reading of every contiguous span of up to four morphemes, so that
// 土肥原賢二 (土肥|原|賢二) yields どいはら and けんじ as well as
// どいはらけんじ. It is memoized by surface form and called only while
// an index is built, by one goroutine.
func (d *deriver) readings(s string) []string {
	if r, ok := d.memo[s]; ok {
		return r
	}
	if d.memo == nil {
		d.memo = map[string][]string{}
	}
	parts := d.parts(s)
	const maxSpan = 4
	var out []string
	for i := range parts {
		for j := i + 1; j <= len(parts) && j-i <= maxSpan; j++ {
			out = append(out, strings.Join(parts[i:j], ""))
		}
	}
	d.memo[s] = out
	return out
}

// textTerms returns the full-text terms of a token: the English stem of a
// Latin word, the Russian stem of a Cyrillic word, and the characters and
// character pairs of a Japanese run (so that one- and two-kanji words, which
// no tokenizer reliably separates, are found as substrings).
func textTerms(t token, query bool) []string {
	switch t.script {
	case scriptLatin:
		return []string{english.Stem(t.text, false)}
	case scriptCyrillic:
		return []string{russian.Stem(t.text, false)}
	case scriptCJK:
		rs := []rune(t.text)
		if query {
			// A query needs every pair (or its one character) to be present.
			if len(rs) == 1 {
				return []string{t.text}
			}
			out := make([]string, 0, len(rs)-1)
			for i := 0; i+1 < len(rs); i++ {
				out = append(out, string(rs[i:i+2]))
			}
			return out
		}
		out := make([]string, 0, 2*len(rs))
		for i := range rs {
			out = append(out, string(rs[i]))
			if i+1 < len(rs) {
				out = append(out, string(rs[i:i+2]))
			}
		}
		return out
	}
	return nil
}

// stopword reports whether a text term carries no meaning on its own. Stop
// words are indexed but dropped from queries that have other terms, so
// that "Battle of Khalkhin Gol" needs only battle, khalkhin and gol.
func stopword(term string) bool {
	switch term {
	case "the", "of", "and", "a", "an", "in", "on", "at", "to", "for", "by", "with", "from",
		"и", "в", "во", "на", "с", "по", "к", "о", "об", "из", "за", "от", "для",
		"の", "は", "が", "を", "に", "と":
		return true
	}
	return false
}

// russianEndings are the case endings of Russian nouns, adjectives and
// surnames, longest first.
var russianEndings = []string{"ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им", "ую", "юю", "ах", "ях", "ам", "ям", "ов", "а", "я", "у", "ю", "е", "ы", "и"}

// russianNominatives are what a stripped stem may end with in the
// nominative: nothing (Люшков, Харбин), -а/-я (Доихара, армия), the soft sign,
// -й, and adjective endings (Квантунская).
var russianNominatives = []string{"", "а", "я", "ь", "й", "ая", "ий", "ый", "ое", "о"}

// cyrillicForms returns the nominative forms a declined Russian word may
// come from: Люшкова, Люшковым → Люшков; Харбине → Харбин; Квантунской →
// Квантунская; армии → армия. Snowball's stemmer is made for running text
// and cuts surnames in -ов differently in different cases (Люшков → люшк,
// Люшкова → люшков), so names are matched by trying the candidate
// nominatives as written words instead.
func cyrillicForms(w string) []string {
	rs := []rune(w)
	out := []string{w}
	for _, e := range russianEndings {
		er := []rune(e)
		if len(rs) < len(er)+3 || string(rs[len(rs)-len(er):]) != e {
			continue
		}
		base := string(rs[:len(rs)-len(er)])
		for _, n := range russianNominatives {
			if f := base + n; f != w {
				out = append(out, f)
			}
		}
	}
	return out
}
