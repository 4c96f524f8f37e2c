package search

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// scratch holds per-query arrays indexed by entity, reused through a pool
// so that a query allocates little however large the corpus is. Entries
// are valid only where the generation stamps match.
type scratch struct {
	qgen, tgen uint32
	qseen      []uint32 // query generation in which the entity matched the first word
	tseen      []uint32 // word generation in which the entity matched the current word
	tlevel     []level  // best level for the current word
	tname      []uint16
	hits       []uint16 // words matched so far
	worst      []level  // worst of the best levels over the words
	name       []uint16 // the name that matched, for display
	touched    []int32  // entities that matched the first word
	ttouched   []int32
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	n := len(ix.ents)
	return &scratch{qseen: make([]uint32, n), tseen: make([]uint32, n), tlevel: make([]level, n), tname: make([]uint16, n),
		hits: make([]uint16, n), worst: make([]level, n), name: make([]uint16, n)}
}

// entityHit is a matched entity before ranking.
type entityHit struct {
	ent   int32
	level level
	name  uint16
	score float64
}

// matchNames returns the entities whose names match every word of the
// query, each with its best level. prefixLast lets the last word match as
// a prefix, as a user types. It marks the matched entities in s.
func (ix *Index) matchNames(s *scratch, toks []token, prefixLast bool) []entityHit {
	s.qgen++
	s.touched = s.touched[:0]
	for wi, t := range toks {
		s.tgen++
		s.ttouched = s.ttouched[:0]
		mark := func(ent int32, name uint16, l level) {
			if s.tseen[ent] != s.tgen {
				s.tseen[ent] = s.tgen
				s.tlevel[ent], s.tname[ent] = l, name
				s.ttouched = append(s.ttouched, ent)
			} else if l < s.tlevel[ent] {
				s.tlevel[ent], s.tname[ent] = l, name
			}
		}
		ix.matchWord(t, prefixLast && wi == len(toks)-1, mark)
		for _, ent := range s.ttouched {
			l := s.tlevel[ent]
			if wi == 0 {
				s.qseen[ent] = s.qgen
				s.hits[ent], s.worst[ent], s.name[ent] = 1, l, s.tname[ent]
				s.touched = append(s.touched, ent)
			} else if s.qseen[ent] == s.qgen && int(s.hits[ent]) == wi {
				s.hits[ent]++
				if l > s.worst[ent] {
					s.worst[ent] = l
				}
			}
		}
	}
	var out []entityHit
	for _, ent := range s.touched {
		if int(s.hits[ent]) == len(toks) {
			out = append(out, entityHit{ent: ent, level: s.worst[ent], name: s.name[ent]})
		} else {
			s.qseen[ent] = 0 // not a match: unmark for the text pass
		}
	}
	// A query that is a whole name, in any word order, is an exact match.
	words := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.script == scriptCJK {
			words = append(words, spaceCJK+t.text)
		} else {
			words = append(words, spaceOf(t)+keyText(t))
		}
	}
	if ps, ok := ix.names.whole[wholeKey(words)]; ok {
		for i := range out {
			if j, ok := slices.BinarySearchFunc(ps, out[i].ent, func(p posting, ent int32) int { return int(p.ent - ent) }); ok {
				out[i].level, out[i].name = levelExact, ps[j].name
			}
		}
	}
	return out
}

// matchWord finds the entities one query word reaches, through every
// spelling it may stand for, and calls mark for each.
func (ix *Index) matchWord(t token, prefix bool, mark func(ent int32, name uint16, l level)) {
	x := ix.names
	found := false
	lookup := func(key string, l level) {
		for _, p := range x.keys[key] {
			pl := l
			if p.derived && pl < levelDerived {
				pl = levelDerived
			}
			mark(p.ent, p.name, pl)
			found = true
		}
	}
	switch t.script {
	case scriptLatin:
		lookup(spaceLatin+latinKey(t.text), levelName)
	case scriptCyrillic:
		for _, k := range wordKeys(t) {
			lookup(k, levelName)
		}
		// Russian case forms of a name: Харбине, Люшкова.
		for _, f := range cyrillicForms(t.text) {
			lookup(spaceCyrillic+f, levelName)
		}
		for _, k := range ix.derive.deriveKeys(t, "", "") {
			lookup(k, levelDerived)
		}
	case scriptCJK:
		x.cjkSearch(t.text, func(c *cjkName, l level) {
			mark(c.ent, c.name, l)
			found = true
		})
		if isKana(t.text) {
			for _, k := range kanaKeys(t.text) {
				lookup(k, levelDerived)
			}
		}
	}
	if prefix && t.script != scriptCJK && len([]rune(t.text)) >= 2 {
		p := spaceOf(t) + keyText(t)
		if t.script == scriptLatin {
			// Collapsing long vowels may change the word's end (too → to),
			// so the prefix uses the raw folded text as well.
			x.prefix(spaceLatin+t.text, maxPrefixKeys, func(_ string, ps []posting) { markAll(ps, levelPrefix, mark, &found) })
		}
		x.prefix(p, maxPrefixKeys, func(_ string, ps []posting) { markAll(ps, levelPrefix, mark, &found) })
	}
	if !found && t.script == scriptLatin {
		// Both the word as typed and its collapsed key: a typo can make
		// the collapse misfire (Yamamoo → yamamo, two edits from yamamoto).
		ks := x.fuzzy(t.text)
		if k := latinKey(t.text); k != t.text {
			ks = append(ks, x.fuzzy(k)...)
		}
		for _, k := range ks {
			for _, p := range x.keys[spaceLatin+k] {
				mark(p.ent, p.name, levelFuzzy)
			}
		}
	}
}

// maxPrefixKeys bounds the keys a prefix expands to; a one- or two-letter
// prefix of a large corpus would otherwise reach everything.
const maxPrefixKeys = 256

func markAll(ps []posting, l level, mark func(int32, uint16, level), found *bool) {
	for _, p := range ps {
		mark(p.ent, p.name, l)
		*found = true
	}
}

// filter is a query's filters resolved against the index.
type filter struct {
	types    []tokumu.EntityType
	from, to tokumu.Day
	src      int32 // -1: any
	persp    int32 // -1: any
}

func (f *filter) timed() bool { return f.from != 0 || f.to != 0 }

func (f *filter) overlaps(from, to tokumu.Day) bool {
	if from == 0 && to == 0 {
		return false
	}
	return (f.to == 0 || from <= f.to) && (f.from == 0 || to >= f.from)
}

func (ix *Index) resolve(q Query) (*filter, error) {
	f := &filter{types: q.Types, from: q.From, to: q.To, src: -1, persp: -1}
	if q.Period != "" {
		b, ok := ix.periods[q.Period]
		if !ok {
			ids := make([]string, 0, len(ix.periods))
			for id := range ix.periods {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			return nil, tokumu.Errorf(tokumu.EINVALID, "period %q is not a period of the corpus (one of: %s)", q.Period, strings.Join(ids, ", "))
		}
		if f.from == 0 || b[0] > f.from {
			f.from = b[0]
		}
		if f.to == 0 || b[1] < f.to {
			f.to = b[1]
		}
	}
	if q.Source != "" {
		i, ok := ix.srcIdx[q.Source]
		if !ok {
			return nil, tokumu.Errorf(tokumu.EINVALID, "source %q is not in the bibliography", q.Source)
		}
		f.src = i
	}
	if q.Perspective != "" {
		i, ok := ix.byID[q.Perspective]
		if !ok {
			return nil, tokumu.Errorf(tokumu.EINVALID, "perspective %q is not an entity id", q.Perspective)
		}
		f.persp = i
	}
	return f, nil
}

func (f *filter) keepEntity(info *entInfo) bool {
	if len(f.types) > 0 && !slices.Contains(f.types, info.e.Type) {
		return false
	}
	if f.timed() && !f.overlaps(info.from, info.to) {
		return false
	}
	if f.src >= 0 {
		if _, ok := slices.BinarySearch(info.sources, f.src); !ok {
			return false
		}
	}
	if f.persp >= 0 {
		if _, ok := slices.BinarySearch(info.persps, f.persp); !ok {
			return false
		}
	}
	return true
}

func (ix *Index) keepDoc(f *filter, d *textDoc) bool {
	if len(f.types) > 0 && (d.ent < 0 || !slices.Contains(f.types, ix.ents[d.ent].e.Type)) {
		return false
	}
	if f.timed() {
		if d.kind == KindEntity {
			info := &ix.ents[d.ent]
			if !f.overlaps(info.from, info.to) {
				return false
			}
		} else if !f.overlaps(d.from, d.to) {
			return false
		}
	}
	if f.src >= 0 && d.src != f.src {
		return false
	}
	if f.persp >= 0 && d.persp != f.persp {
		return false
	}
	return true
}

// checkPage refuses a Limit or Offset outside its bounds.
func checkPage(q Query) error {
	if q.Limit < 0 || q.Limit > MaxLimit {
		return tokumu.Errorf(tokumu.EINVALID, "limit %d is out of range: from 0 to %d (0 means %d)", q.Limit, MaxLimit, DefaultLimit)
	}
	if q.Offset < 0 || q.Offset > MaxOffset {
		return tokumu.Errorf(tokumu.EINVALID, "offset %d is out of range: from 0 to %d (narrow the search with filters to see further)", q.Offset, MaxOffset)
	}
	return nil
}

// Search answers q: entities whose names match, ranked by how they
// matched (exact, whole words, derived spelling, prefix, typo), then
// claims, summaries and sources whose text contains every word, ranked
// by BM25. It returns EINVALID for a filter that names nothing in the
// corpus, a query over MaxQueryBytes, and a Limit or Offset out of their
// bounds (MaxLimit, MaxOffset). What it allocates grows with Limit and the
// number of matches, never with Offset alone.
// withoutInitials drops the initials of a name written as indexes and
// reference lists write it — «Люшков Г. С.», «Г. С. Люшков», "Coox A. D."
// — which no name of the corpus spells so, keeping the surname to search.
// A query of initials alone ("U. S.") is searched as it is.
func withoutInitials(q string) string {
	out := initialsRE.ReplaceAllString(q, " ")
	if strings.TrimSpace(out) == "" {
		return q
	}
	return out
}

// initialsRE is one letter and a full stop standing alone: an initial.
var initialsRE = regexp.MustCompile(`(?:^|\s)\p{L}\.(?:\s*\p{L}\.)*(?:\s|$)`)

func (ix *Index) Search(q Query) (*Results, error) {
	if err := checkPage(q); err != nil {
		return nil, err
	}
	if len(q.Text) > MaxQueryBytes {
		return nil, tokumu.Errorf(tokumu.EINVALID, "the query is %d bytes long; at most %d are searched (search for a name or a few words)", len(q.Text), MaxQueryBytes)
	}
	f, err := ix.resolve(q)
	if err != nil {
		return nil, err
	}
	res := &Results{Query: q.Text, Hits: []Hit{}}
	toks := tokenize(withoutInitials(q.Text))
	if len(toks) == 0 {
		return res, nil
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	want := q.Offset + limit // at most MaxOffset+MaxLimit
	lang := q.Lang
	if lang == "" {
		lang = "en"
	}

	s := ix.getScratch()
	defer ix.pool.Put(s)
	ents := ix.matchNames(s, toks, false)
	ents = slices.DeleteFunc(ents, func(h entityHit) bool {
		if !f.keepEntity(&ix.ents[h.ent]) {
			s.qseen[h.ent] = 0
			return true
		}
		return false
	})
	ix.rank(ents, len(toks), want)
	listed, nEnt := ix.withSameAs(s, f, ents, want)
	res.Total = nEnt
	for i := q.Offset; i < len(listed) && len(res.Hits) < limit; i++ {
		l := listed[i]
		if l.via < 0 {
			res.Hits = append(res.Hits, ix.entityHit(l.h, lang, toks))
			continue
		}
		e, via := ix.ents[l.h.ent].e, ix.ents[l.via].e
		res.Hits = append(res.Hits, Hit{Kind: KindEntity, Entity: e.ID, Type: e.Type, Label: e.Label(lang), Match: MatchSameAs,
			Claim: l.claim, SameAs: via.ID, SameAsLabel: via.Label(lang)})
	}

	// Text hits, after the names; a summary of an entity already found by
	// name is not listed twice.
	terms := queryTerms(toks)
	k := want - nEnt
	if k < 0 {
		k = 0
	}
	docs, total := ix.text.search(terms, k, func(d *textDoc) bool {
		if d.kind == KindEntity && s.qseen[d.ent] == s.qgen {
			return false
		}
		return ix.keepDoc(f, d)
	})
	res.Total += total
	skip := q.Offset - nEnt
	for _, sd := range docs {
		if skip > 0 {
			skip--
			continue
		}
		if len(res.Hits) >= limit {
			break
		}
		res.Hits = append(res.Hits, ix.textHit(sd, toks, lang))
	}
	return res, nil
}

// listedEnt is an entity in the ranked list: matched by the query (via
// -1), or possibly the same as the matched entity via, by claim.
type listedEnt struct {
	h     entityHit
	via   int32
	claim string
}

// withSameAs lists the first want entities of the ranked matches ents,
// each followed by the entities the corpus says it is possibly the same
// as (those the query matched itself, or that the filters drop, are not
// repeated), and counts the whole list. Identity links are few, so
// counting walks the matches once with a map lookup each.
func (ix *Index) withSameAs(s *scratch, f *filter, ents []entityHit, want int) ([]listedEnt, int) {
	if len(ix.same) == 0 {
		out := make([]listedEnt, 0, min(want, len(ents)))
		for _, h := range ents[:min(want, len(ents))] {
			out = append(out, listedEnt{h: h, via: -1})
		}
		return out, len(ents)
	}
	var out []listedEnt
	added := map[int32]bool{}
	total := len(ents)
	for i, h := range ents {
		if i < want && len(out) < want {
			out = append(out, listedEnt{h: h, via: -1})
		}
		for _, l := range ix.same[h.ent] {
			if s.qseen[l.ent] == s.qgen || added[l.ent] || !f.keepEntity(&ix.ents[l.ent]) {
				continue
			}
			added[l.ent] = true
			total++
			if i < want && len(out) < want {
				out = append(out, listedEnt{h: entityHit{ent: l.ent}, via: h.ent, claim: l.claim})
			}
		}
	}
	return out, total
}

// MaxQueryBytes bounds a query's text: enough for any name or phrase, and
// small enough that no query can keep the server busy.
const MaxQueryBytes = 1000

// Suggest returns up to n entities for what a user has typed so far: the
// last word may be the start of a name. Labels are in lang (en if "").
// An n over MaxLimit is taken as MaxLimit.
func (ix *Index) Suggest(text string, n int, lang string) []Hit {
	if len(text) > MaxQueryBytes {
		return nil
	}
	n = min(n, MaxLimit)
	toks := tokenize(text)
	if len(toks) == 0 || n <= 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.pool.Put(s)
	ents := ix.matchNames(s, toks, true)
	ix.rank(ents, len(toks), n)
	if len(ents) > n {
		ents = ents[:n]
	}
	out := make([]Hit, 0, len(ents))
	for _, h := range ents {
		if lang == "" {
			lang = "en"
		}
		out = append(out, ix.entityHit(h, lang, toks))
	}
	return out
}

// rank puts the best k entity matches, in order, at the front of hs (the
// order of the rest is unspecified). Matches are ordered by level; then by
// how much of the matched name the query covers, so that "Kwantung" puts
// the Kwantung Army before the Kwantung Army Intelligence Department; then
// by how central the entity is in the corpus (claims about it); then by
// shortest name and id. Only k are sorted: a prefix typed into a large
// corpus may match thousands of names, of which a page shows twenty.
func (ix *Index) rank(hs []entityHit, words, k int) {
	for i := range hs {
		info := &ix.ents[hs[i].ent]
		coverage := 1.0
		if int(hs[i].name) < len(info.words) && info.words[hs[i].name] > 0 {
			coverage = min(1, float64(words)/float64(info.words[hs[i].name]))
		}
		hs[i].score = float64(levelNone-hs[i].level)*100 + 10*coverage + math.Log2(1+float64(info.claims)) - 0.01*float64(info.shortest)
	}
	better := func(a, b entityHit) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return ix.ents[a.ent].e.ID < ix.ents[b.ent].e.ID
	}
	if k <= 0 || k >= len(hs) || k*4 >= len(hs) { // k*4 cannot overflow once k < len(hs)
		sort.Slice(hs, func(i, j int) bool { return better(hs[i], hs[j]) })
		return
	}
	// Keep the best k in a sorted prefix; each later match either falls
	// off the end or is inserted in place.
	top := hs[:k]
	sort.Slice(top, func(i, j int) bool { return better(top[i], top[j]) })
	for i := k; i < len(hs); i++ {
		h := hs[i]
		if !better(h, top[k-1]) {
			continue
		}
		j := sort.Search(k, func(j int) bool { return better(h, top[j]) })
		hs[i] = top[k-1]
		copy(top[j+1:], top[j:k-1])
		top[j] = h
	}
}

func (ix *Index) entityHit(h entityHit, lang string, toks []token) Hit {
	e := ix.ents[h.ent].e
	hit := Hit{Kind: KindEntity, Entity: e.ID, Type: e.Type, Label: e.Label(lang), Match: levelMatch[h.level], Score: round(h.score)}
	if int(h.name) < len(e.Names) {
		n := e.Names[h.name]
		hit.Name = n.Text
		if base, _, _ := strings.Cut(n.Lang, "-"); base != lang {
			if m, ok := labelMatch(hit.Label, toks); ok {
				hit.Name, hit.Match = hit.Label, m
			}
		}
	}
	return hit
}

// labelMatch reports whether every query word begins a word of the
// label, and how: MatchName if each is a whole word, MatchPrefix if one
// only begins it («Люшков» in «Побег Генриха Люшкова»). A hit found
// through a name in another language — the English title's "Lyushkov",
// reached by transliteration — then shows the label in the reader's
// language as what matched, which is what the reader typed. Words of one
// or two letters (initials, particles) do not count.
func labelMatch(label string, toks []token) (Match, bool) {
	words := tokenize(label)
	m, n := MatchName, 0
	for _, t := range toks {
		if len([]rune(t.text)) < 3 {
			continue
		}
		n++
		found, whole := false, false
		for _, w := range words {
			if w.script == t.script && strings.HasPrefix(w.text, t.text) {
				found = true
				if w.text == t.text {
					whole = true
					break
				}
			}
		}
		if !found {
			return "", false
		}
		if !whole {
			m = MatchPrefix
		}
	}
	return m, n > 0
}

func (ix *Index) textHit(sd scored, toks []token, lang string) Hit {
	d := &ix.text.docs[sd.doc]
	hit := Hit{Kind: d.kind, Claim: d.claim, Match: MatchText, Score: round(sd.score), Snippet: snippet(d.text, toks, 200)}
	if d.ent >= 0 {
		e := ix.ents[d.ent].e
		hit.Entity, hit.Type, hit.Label = e.ID, e.Type, e.Label(lang)
	}
	if d.kind == KindClaim {
		if d.persp >= 0 {
			p := ix.ents[d.persp].e
			hit.Perspective, hit.PerspectiveLabel = p.ID, p.Label(lang)
		}
		if d.grade != (tokumu.Grade{}) {
			g := d.grade
			hit.Grade = &g
		}
	}
	if d.kind == KindSource || d.kind == KindClaim {
		if d.src >= 0 {
			hit.Source = ix.sources[d.src].ID
			if d.kind == KindSource {
				hit.Label = ix.sources[d.src].Title
			}
		}
	}
	return hit
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
