package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// An index is kept with the database so that a command-line search need
// not rebuild it, and load kagome's dictionary, on every call: building
// takes about a second on the embedded corpus, decoding a few
// milliseconds. Encode writes everything Build computes and, of the
// entities and sources, what a query reads (an entity's id, type and
// names, for filters and labels; a source's id and title), so that Decode
// needs nothing from the store: reading 10,000 entities back from SQLite
// took longer than decoding the whole index. Posting lists are stored as
// flat slices of numbers, which gob reads without reflection per element.

// persistVersion is the layout of the encoded index; bump it when Index or
// its parts change shape.
const persistVersion = 11

// fingerprintProbes are names whose keys make up Fingerprint: one of each
// kind of spelling the index folds or derives. Kanji readings are left
// out: they would load the dictionary, which is what Decode avoids; the
// tables of readings are hashed instead.
var fingerprintProbes = []struct{ text, lang string }{
	{"Doihara Kenji", "ja-Latn"}, {"Ōshima", "ja-Latn"}, {"Доихара Кэндзи", "ru"}, {"Лю́шков", "ru"},
	{"ハルビン", "ja"}, {"ﾊﾙﾋﾞﾝ", "ja"}, {"どいはら", "ja"}, {"Харбине", "ru"}, {"Ljuškov", "en"},
}

// Fingerprint identifies how this build of the package indexes names and
// text: a hash of persistVersion and of the keys and terms it gives a set
// of probe names. An index encoded by a build that folds or derives
// differently (a new normalization, say) has another fingerprint, so the
// caller keys a stored index by it and never decodes a stale one.
func Fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d\n", persistVersion)
	// The kanji readings are not probed (that loads the dictionary), but
	// the tables that give them are part of the build: a corrected reading
	// changes the fingerprint.
	h.Write([]byte(readingsTSV))
	h.Write([]byte(userDictCSV))
	d := &deriver{}
	for _, p := range fingerprintProbes {
		for _, t := range tokenize(p.text) {
			fmt.Fprintf(h, "%s|%d|%s|%s|%s\n", t.text, t.script, strings.Join(wordKeys(t), ","),
				strings.Join(d.deriveKeys(t, p.text[t.start:t.end], p.lang), ","), strings.Join(textTerms(t, false), ","))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// postingList is a list of posting lists, flattened: list i is
// Ent[Off[i]:Off[i+1]] and so on.
type postingList struct {
	Off     []int32
	Ent     []int32
	Name    []uint16
	Derived []bool
}

func (p *postingList) add(ps []posting) {
	if len(p.Off) == 0 {
		p.Off = append(p.Off, 0)
	}
	for _, x := range ps {
		p.Ent = append(p.Ent, x.ent)
		p.Name = append(p.Name, x.name)
		p.Derived = append(p.Derived, x.derived)
	}
	p.Off = append(p.Off, int32(len(p.Ent)))
}

// lists returns every list, each a slice of one array: a list allocated
// on its own cost its rounding to a size class, for 1.6M postings under
// 21k keys at 1M claims.
func (p *postingList) lists() [][]posting {
	all := make([]posting, len(p.Ent))
	for k := range all {
		all[k] = posting{ent: p.Ent[k], name: p.Name[k], derived: p.Derived[k]}
	}
	out := make([][]posting, max(len(p.Off)-1, 0))
	for i := range out {
		lo, hi := p.Off[i], p.Off[i+1]
		out[i] = all[lo:hi:hi]
	}
	return out
}

// flatten copies lists into one array, each list a slice of it (nil when
// empty, as gob decodes it): gob allocates every list of a column on its
// own, and the index keeps 300k small ones at 1M claims (the sources,
// perspectives and name lengths of each entity), each rounded up to a size
// class.
func flatten[T any](lists [][]T) {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	all := make([]T, 0, n)
	for i, l := range lists {
		if len(l) == 0 {
			lists[i] = nil
			continue
		}
		lo := len(all)
		all = append(all, l...)
		lists[i] = all[lo:len(all):len(all)]
	}
}

// diskIndex is the encoded form of an Index.
type diskIndex struct {
	Version int
	Covers  string
	SameAs  string
	// Identity links, one side each: SameFrom[i] is possibly the same as
	// SameTo[i], by the claim SameClaim[i].
	SameFrom, SameTo []int32
	SameClaim        []string
	Periods          map[string][2]tokumu.Day

	// Entities by id, in index order, with what Build computed for them;
	// their names are Name*[NameOff[i]:NameOff[i+1]].
	EntID                 []string
	EntType               []string
	NameOff               []int32
	NameText, NameLang    []string
	NameKind              []string
	SourceTitle           []string
	EntFrom, EntTo        []tokumu.Day
	EntClaims             []int32
	EntShortest           []int64
	EntSources, EntPersps [][]int32
	EntWords              [][]uint8
	SourceID              []string

	Keys       []string // sorted
	KeyPosts   postingList
	Whole      []string
	WholePosts postingList
	CJKText    []string
	CJKEnt     []int32
	CJKName    []uint16
	Grams      []string
	GramIDs    [][]int32
	Latin      []string
	Dels       []string
	DelIDs     [][]int32

	Terms    []string // term i has posting list i
	PostOff  []int32
	PostDoc  []int32
	PostW    []float32
	DocKind  []uint8
	DocEnt   []int32
	DocSrc   []int32
	DocPersp []int32
	DocGrade [][2]byte // reliability, credibility
	DocClaim []string
	DocFrom  []tokumu.Day
	DocTo    []tokumu.Day
	DocText  []string
	DocLen   []int32
}

var kindCode = map[Kind]uint8{KindEntity: 0, KindClaim: 1, KindSource: 2}
var kindOf = []Kind{KindEntity, KindClaim, KindSource}

// Encode writes the index for Decode.
func (ix *Index) Encode() ([]byte, error) {
	d := diskIndex{Version: persistVersion, Covers: ix.covers, SameAs: ix.sameAs, Periods: ix.periods}
	for _, from := range sortedEnts(ix.same) {
		for _, l := range ix.same[from] {
			d.SameFrom, d.SameTo, d.SameClaim = append(d.SameFrom, from), append(d.SameTo, l.ent), append(d.SameClaim, l.claim)
		}
	}
	d.NameOff = append(d.NameOff, 0)
	for _, e := range ix.ents {
		d.EntID = append(d.EntID, e.e.ID)
		d.EntType = append(d.EntType, string(e.e.Type))
		for _, n := range e.e.Names {
			d.NameText, d.NameLang, d.NameKind = append(d.NameText, n.Text), append(d.NameLang, n.Lang), append(d.NameKind, string(n.Kind))
		}
		d.NameOff = append(d.NameOff, int32(len(d.NameText)))
		d.EntFrom, d.EntTo = append(d.EntFrom, e.from), append(d.EntTo, e.to)
		d.EntClaims, d.EntShortest = append(d.EntClaims, e.claims), append(d.EntShortest, int64(e.shortest))
		d.EntSources, d.EntPersps = append(d.EntSources, e.sources), append(d.EntPersps, e.persps)
		d.EntWords = append(d.EntWords, e.words)
	}
	for _, s := range ix.sources {
		d.SourceID, d.SourceTitle = append(d.SourceID, s.ID), append(d.SourceTitle, s.Title)
	}
	x := ix.names
	d.Keys = x.sorted
	for _, k := range x.sorted {
		d.KeyPosts.add(x.keys[k])
	}
	d.Whole = sortedMapKeys(x.whole)
	for _, k := range d.Whole {
		d.WholePosts.add(x.whole[k])
	}
	for _, c := range x.cjk {
		d.CJKText, d.CJKEnt, d.CJKName = append(d.CJKText, c.text), append(d.CJKEnt, c.ent), append(d.CJKName, c.name)
	}
	d.Grams = sortedMapKeys(x.grams)
	for _, g := range d.Grams {
		d.GramIDs = append(d.GramIDs, x.grams[g])
	}
	d.Latin = x.latin
	d.Dels = sortedMapKeys(x.dels)
	for _, k := range d.Dels {
		d.DelIDs = append(d.DelIDs, x.dels[k])
	}
	t := ix.text
	d.Terms = make([]string, len(t.posts))
	for term, id := range t.terms {
		d.Terms[id] = term
	}
	d.PostOff = append(d.PostOff, 0)
	for _, ps := range t.posts {
		for _, p := range ps {
			d.PostDoc, d.PostW = append(d.PostDoc, p.doc), append(d.PostW, p.w)
		}
		d.PostOff = append(d.PostOff, int32(len(d.PostDoc)))
	}
	for _, doc := range t.docs {
		d.DocKind = append(d.DocKind, kindCode[doc.kind])
		d.DocEnt, d.DocSrc, d.DocPersp = append(d.DocEnt, doc.ent), append(d.DocSrc, doc.src), append(d.DocPersp, doc.persp)
		d.DocGrade = append(d.DocGrade, [2]byte{doc.grade.Reliability, doc.grade.Credibility})
		d.DocClaim, d.DocText = append(d.DocClaim, doc.claim), append(d.DocText, doc.text)
		d.DocFrom, d.DocTo, d.DocLen = append(d.DocFrom, doc.from), append(d.DocTo, doc.to), append(d.DocLen, doc.length)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&d); err != nil {
		return nil, fmt.Errorf("search: encode index: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode reads an index written by Encode. Its entities carry what
// queries read of them: id, type, and names with their text, language and
// kind; its sources, id and title. It fails, and the caller builds the
// index anew, if the data is not an index of this layout or is damaged;
// the caller keys stored indexes by the dataset they were built from (and
// Fingerprint), so a decoded index always belongs to its store.
func Decode(data []byte) (*Index, error) {
	var d diskIndex
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&d); err != nil {
		return nil, fmt.Errorf("search: decode index: %w", err)
	}
	if d.Version != persistVersion {
		return nil, fmt.Errorf("search: stored index has layout %d, this build reads %d", d.Version, persistVersion)
	}
	n := len(d.EntID)
	if len(d.EntType) != n || len(d.EntFrom) != n || len(d.EntTo) != n || len(d.EntClaims) != n || len(d.EntShortest) != n ||
		len(d.EntSources) != n || len(d.EntPersps) != n || len(d.EntWords) != n || len(d.SourceTitle) != len(d.SourceID) ||
		len(d.NameOff) != n+1 || len(d.NameLang) != len(d.NameText) || len(d.NameKind) != len(d.NameText) ||
		len(d.KeyPosts.Off) != len(d.Keys)+min(len(d.Keys), 1) || len(d.WholePosts.Off) != len(d.Whole)+min(len(d.Whole), 1) ||
		len(d.CJKEnt) != len(d.CJKText) || len(d.CJKName) != len(d.CJKText) || len(d.GramIDs) != len(d.Grams) ||
		len(d.DelIDs) != len(d.Dels) || len(d.PostOff) != len(d.Terms)+1 || len(d.PostW) != len(d.PostDoc) || !d.inRange() {
		return nil, fmt.Errorf("search: stored index is inconsistent")
	}
	ix := &Index{
		ents: make([]entInfo, n), byID: make(map[string]int32, n),
		sources: make([]*tokumu.Source, len(d.SourceID)), srcIdx: make(map[string]int32, len(d.SourceID)),
		periods: d.Periods, covers: d.Covers, sameAs: d.SameAs, derive: &deriver{}, same: map[int32][]sameLink{},
	}
	for i, from := range d.SameFrom {
		ix.same[from] = append(ix.same[from], sameLink{d.SameTo[i], d.SameClaim[i]})
	}
	if ix.periods == nil {
		ix.periods = map[string][2]tokumu.Day{}
	}
	flatten(d.EntSources)
	flatten(d.EntPersps)
	flatten(d.EntWords)
	flatten(d.GramIDs)
	flatten(d.DelIDs)
	ents := make([]tokumu.Entity, n)
	names := make([]tokumu.Name, len(d.NameText))
	for i := range names {
		names[i] = tokumu.Name{Text: d.NameText[i], Lang: d.NameLang[i], Kind: tokumu.NameKind(d.NameKind[i])}
	}
	for i, id := range d.EntID {
		ix.byID[id] = int32(i)
		lo, hi := d.NameOff[i], d.NameOff[i+1]
		ents[i] = tokumu.Entity{ID: id, Type: tokumu.EntityType(d.EntType[i]), Names: names[lo:hi:hi]}
		ix.ents[i] = entInfo{e: &ents[i], from: d.EntFrom[i], to: d.EntTo[i], claims: d.EntClaims[i], sources: d.EntSources[i],
			persps: d.EntPersps[i], shortest: int(d.EntShortest[i]), words: d.EntWords[i]}
	}
	srcs := make([]tokumu.Source, len(d.SourceID))
	for i, id := range d.SourceID {
		ix.srcIdx[id] = int32(i)
		srcs[i] = tokumu.Source{ID: id, Title: d.SourceTitle[i]}
		ix.sources[i] = &srcs[i]
	}

	x := &nameIndex{keys: make(map[string][]posting, len(d.Keys)), sorted: d.Keys, whole: make(map[string][]posting, len(d.Whole)),
		grams: make(map[string][]int32, len(d.Grams)), latin: d.Latin, dels: make(map[string][]int32, len(d.Dels))}
	for i, l := range d.KeyPosts.lists() {
		x.keys[d.Keys[i]] = l
	}
	for i, l := range d.WholePosts.lists() {
		x.whole[d.Whole[i]] = l
	}
	x.cjk = make([]cjkName, len(d.CJKText))
	for i := range x.cjk {
		x.cjk[i] = cjkName{text: d.CJKText[i], ent: d.CJKEnt[i], name: d.CJKName[i]}
	}
	for i, g := range d.Grams {
		x.grams[g] = d.GramIDs[i]
	}
	for i, k := range d.Dels {
		x.dels[k] = d.DelIDs[i]
	}
	ix.names = x

	t := &textIndex{terms: make(map[string]int32, len(d.Terms)), posts: make([][]tpost, len(d.Terms))}
	all := make([]tpost, len(d.PostDoc))
	for i := range all {
		all[i] = tpost{doc: d.PostDoc[i], w: d.PostW[i]}
	}
	for i, term := range d.Terms {
		t.terms[term] = int32(i)
		t.posts[i] = all[d.PostOff[i]:d.PostOff[i+1]:d.PostOff[i+1]]
	}
	t.docs = make([]textDoc, len(d.DocText))
	for i := range t.docs {
		if int(d.DocKind[i]) >= len(kindOf) {
			return nil, fmt.Errorf("search: stored index is inconsistent")
		}
		g := d.DocGrade[i]
		t.docs[i] = textDoc{kind: kindOf[d.DocKind[i]], ent: d.DocEnt[i], src: d.DocSrc[i], persp: d.DocPersp[i],
			grade: tokumu.Grade{Reliability: g[0], Credibility: g[1]},
			claim: d.DocClaim[i], from: d.DocFrom[i], to: d.DocTo[i], text: d.DocText[i], length: d.DocLen[i]}
	}
	ix.text = t
	return ix, nil
}

// inRange reports whether every offset and every reference in d points
// inside what it refers to, so that a damaged blob is refused here rather
// than crashing a query.
func (d *diskIndex) inRange() bool {
	nd := len(d.DocText)
	for _, l := range [][]int32{d.DocEnt, d.DocSrc, d.DocPersp, d.DocLen} {
		if len(l) != nd {
			return false
		}
	}
	if len(d.DocGrade) != nd {
		return false
	}
	if len(d.DocKind) != nd || len(d.DocClaim) != nd || len(d.DocFrom) != nd || len(d.DocTo) != nd {
		return false
	}
	ne, ns := int32(len(d.EntID)), int32(len(d.SourceID))
	ok := func(v, lo, n int32) bool { return v >= lo && v < n }
	if len(d.SameTo) != len(d.SameFrom) || len(d.SameClaim) != len(d.SameFrom) {
		return false
	}
	for i := range d.SameFrom {
		if !ok(d.SameFrom[i], 0, ne) || !ok(d.SameTo[i], 0, ne) {
			return false
		}
	}
	offsets := func(off []int32, n int) bool {
		for i, o := range off {
			if o < 0 || int(o) > n || (i > 0 && o < off[i-1]) {
				return false
			}
		}
		return len(off) == 0 || (off[0] == 0 && int(off[len(off)-1]) == n)
	}
	for _, p := range []*postingList{&d.KeyPosts, &d.WholePosts} {
		if len(p.Name) != len(p.Ent) || len(p.Derived) != len(p.Ent) || !offsets(p.Off, len(p.Ent)) {
			return false
		}
		for _, e := range p.Ent {
			if !ok(e, 0, ne) {
				return false
			}
		}
	}
	if !offsets(d.PostOff, len(d.PostDoc)) {
		return false
	}
	for _, doc := range d.PostDoc {
		if !ok(doc, 0, int32(nd)) {
			return false
		}
	}
	for i := 0; i < nd; i++ {
		if !ok(d.DocEnt[i], -1, ne) || !ok(d.DocSrc[i], -1, ns) || !ok(d.DocPersp[i], -1, ne) {
			return false
		}
	}
	for _, e := range d.CJKEnt {
		if !ok(e, 0, ne) {
			return false
		}
	}
	for i := 1; i < len(d.NameOff); i++ {
		if d.NameOff[i] < d.NameOff[i-1] || int(d.NameOff[i]) > len(d.NameText) {
			return false
		}
	}
	if len(d.NameOff) > 0 && (d.NameOff[0] != 0 || int(d.NameOff[len(d.NameOff)-1]) != len(d.NameText)) {
		return false
	}
	for _, ids := range d.GramIDs {
		for _, id := range ids {
			if !ok(id, 0, int32(len(d.CJKText))) {
				return false
			}
		}
	}
	for _, ids := range d.DelIDs {
		for _, id := range ids {
			if !ok(id, 0, int32(len(d.Latin))) {
				return false
			}
		}
	}
	for i := range d.EntID {
		for _, l := range [][]int32{d.EntSources[i]} {
			for _, v := range l {
				if !ok(v, 0, ns) {
					return false
				}
			}
		}
		for _, v := range d.EntPersps[i] {
			if !ok(v, 0, ne) {
				return false
			}
		}
	}
	return true
}

// sortedEnts returns the keys of m in order, so that encoding is
// deterministic.
func sortedEnts(m map[int32][]sameLink) []int32 {
	ks := make([]int32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func sortedMapKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
