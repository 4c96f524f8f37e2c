package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// level ranks how a name matched, best first; it is the Match of a hit.
type level uint8

const (
	levelExact level = iota
	levelName
	levelDerived
	levelPrefix
	levelFuzzy
	levelNone
)

var levelMatch = [...]Match{MatchExact, MatchName, MatchDerived, MatchPrefix, MatchFuzzy}

// posting says that a key occurs in name `name` of entity `ent`.
type posting struct {
	ent     int32
	name    uint16
	derived bool
}

// cjkName is one run of Han and kana in a name, for substring matching.
type cjkName struct {
	text string
	ent  int32
	name uint16
}

// nameIndex is the dictionary of names: word keys (stored and derived),
// whole-name keys, Japanese runs with their character n-grams, and a
// deletion index over Latin keys for typo tolerance.
type nameIndex struct {
	keys   map[string][]posting // word key → postings, sorted by entity
	sorted []string             // the keys of keys, sorted, for prefix search
	whole  map[string][]posting // whole-name key → postings
	cjk    []cjkName
	grams  map[string][]int32 // one character or a pair → indexes into cjk, ascending
	latin  []string           // Latin keys (without the space prefix) that typos may reach
	dels   map[string][]int32 // a Latin key with one letter deleted → indexes into latin
}

func newNameIndex() *nameIndex {
	return &nameIndex{keys: map[string][]posting{}, whole: map[string][]posting{}, grams: map[string][]int32{}}
}

// add indexes one name of an entity; own is the entity's own reading of
// its kanji names (see ownReading), or nil, when fs says how the persons'
// and places' names a kanji run embeds are read (see forms.pieces).
func (x *nameIndex) add(d *deriver, ent int32, ni uint16, text, lang string, own ownReading, fs forms) {
	toks := tokenize(text)
	if len(toks) == 0 {
		return
	}
	whole := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.script == scriptCJK {
			whole = append(whole, spaceCJK+t.text)
			x.addCJK(t.text, ent, ni)
		} else {
			whole = append(whole, spaceOf(t)+keyText(t))
		}
		raw := text[t.start:t.end]
		var keys tokenKeys
		kanji := t.script == scriptCJK && strings.HasPrefix(lang, "ja") && !isKana(t.text) && hasHan(t.text)
		switch {
		case kanji && own != nil:
			keys = tokenKeys{wordKeys(t), d.hanKeys(raw, own)}
		case kanji && fs != nil:
			ps := fs.pieces(readingForm(raw))
			if len(ps) == 1 && ps[0].own == nil {
				keys = d.tokenKeys(t, raw, lang)
				break
			}
			keys.written = wordKeys(t)
			for _, p := range ps {
				keys.derived = append(keys.derived, d.hanKeys(p.text, p.own)...)
			}
		default:
			keys = d.tokenKeys(t, raw, lang)
		}
		for _, k := range keys.written {
			x.addKey(k, posting{ent: ent, name: ni})
		}
		for _, k := range keys.derived {
			x.addKey(k, posting{ent: ent, name: ni, derived: true})
		}
	}
	wk := wholeKey(whole)
	x.whole[wk] = appendPosting(x.whole[wk], posting{ent: ent, name: ni})
}

func spaceOf(t token) string {
	if t.script == scriptCyrillic {
		return spaceCyrillic
	}
	return spaceLatin
}

func keyText(t token) string {
	if t.script == scriptLatin {
		return latinKey(t.text)
	}
	return t.text
}

// wholeKey is the order-free key of a name's words: "Doihara Kenji" and
// "Kenji Doihara" are the same name.
func wholeKey(words []string) string {
	sort.Strings(words)
	return strings.Join(words, " ")
}

// appendPosting adds p unless the list already ends with the same entity
// and name; a stored posting wins over a derived one. Entities are indexed
// in ascending order, so lists stay sorted.
func appendPosting(ps []posting, p posting) []posting {
	if n := len(ps); n > 0 && ps[n-1].ent == p.ent {
		if ps[n-1].derived && !p.derived {
			ps[n-1] = p
		}
		return ps
	}
	return append(ps, p)
}

func (x *nameIndex) addKey(k string, p posting) {
	if len(k) <= len(spaceLatin) {
		return
	}
	x.keys[k] = appendPosting(x.keys[k], p)
}

func (x *nameIndex) addCJK(s string, ent int32, ni uint16) {
	id := int32(len(x.cjk))
	x.cjk = append(x.cjk, cjkName{text: s, ent: ent, name: ni})
	rs := []rune(s)
	for i := range rs {
		x.addGram(string(rs[i]), id)
		if i+1 < len(rs) {
			x.addGram(string(rs[i:i+2]), id)
		}
	}
}

func (x *nameIndex) addGram(g string, id int32) {
	l := x.grams[g]
	if n := len(l); n > 0 && l[n-1] == id {
		return
	}
	x.grams[g] = append(l, id)
}

// finish sorts the keys for prefix search and builds the deletion index.
func (x *nameIndex) finish() {
	x.sorted = make([]string, 0, len(x.keys))
	for k := range x.keys {
		x.sorted = append(x.sorted, k)
	}
	sort.Strings(x.sorted)
	x.dels = map[string][]int32{}
	for _, k := range x.sorted {
		if !strings.HasPrefix(k, spaceLatin) {
			continue
		}
		w := k[len(spaceLatin):]
		if len(w) < minFuzzy || !allLetters(w) {
			continue
		}
		id := int32(len(x.latin))
		x.latin = append(x.latin, w)
		for _, del := range deletions(w) {
			x.dels[del] = append(x.dels[del], id)
		}
		x.dels[w] = append(x.dels[w], id)
	}
}

// minFuzzy is the shortest word that typo tolerance applies to: below it,
// one edit reaches too many unrelated names.
const minFuzzy = 5

// maxFuzzy is the longest word typo tolerance applies to: the probes grow
// with the square of the length, and no name word is longer.
const maxFuzzy = 32

func allLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// deletions returns w with each one of its bytes removed (w is ASCII).
func deletions(w string) []string {
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// prefix calls f for every key that starts with p, at most limit keys.
func (x *nameIndex) prefix(p string, limit int, f func(key string, ps []posting)) {
	i := sort.SearchStrings(x.sorted, p)
	for n := 0; i < len(x.sorted) && n < limit && strings.HasPrefix(x.sorted[i], p); i, n = i+1, n+1 {
		f(x.sorted[i], x.keys[x.sorted[i]])
	}
}

// fuzzy returns the Latin keys within a small edit distance of w: one edit
// for words of five to eight letters, two from nine. Candidates come from the
// deletion index (the symmetric-delete method) and are checked with a
// real Levenshtein distance.
func (x *nameIndex) fuzzy(w string) []string {
	if len(w) < minFuzzy || len(w) > maxFuzzy || !allLetters(w) {
		return nil
	}
	maxd := 1
	if len(w) >= 9 {
		maxd = 2
	}
	probes := append(deletions(w), w)
	if maxd == 2 {
		for _, d := range deletions(w) {
			probes = append(probes, deletions(d)...)
		}
	}
	seen := map[int32]bool{}
	var out []string
	for _, p := range probes {
		for _, id := range x.dels[p] {
			if seen[id] {
				continue
			}
			seen[id] = true
			k := x.latin[id]
			if abs(len(k)-len(w)) <= maxd && k != w && levenshtein.ComputeDistance(k, w) <= maxd {
				out = append(out, k)
			}
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cjkSearch calls f for every Japanese run that contains q, with the level
// of the match: the run itself, its start or its end (a surname, a given
// name, a place in an organization's name) ranks as a name; anything
// inside it as a partial match.
func (x *nameIndex) cjkSearch(q string, f func(c *cjkName, l level)) {
	rs := []rune(q)
	var lists [][]int32
	if len(rs) == 1 {
		lists = append(lists, x.grams[q])
	} else {
		for i := 0; i+1 < len(rs); i++ {
			l, ok := x.grams[string(rs[i:i+2])]
			if !ok {
				return
			}
			lists = append(lists, l)
		}
	}
	sort.Slice(lists, func(i, j int) bool { return len(lists[i]) < len(lists[j]) })
	for _, id := range lists[0] {
		ok := true
		for _, l := range lists[1:] {
			if !containsID(l, id) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		c := &x.cjk[id]
		switch {
		case c.text == q, strings.HasPrefix(c.text, q), strings.HasSuffix(c.text, q) && utf8.RuneCountInString(q) >= 2:
			f(c, levelName)
		case strings.Contains(c.text, q):
			f(c, levelPrefix)
		}
	}
}

func containsID(l []int32, id int32) bool {
	i := sort.Search(len(l), func(i int) bool { return l[i] >= id })
	return i < len(l) && l[i] == id
}
