package search

import (
	"container/heap"
	"math"
	"sort"

	"github.com/tokumu/tokumu"
)

// textDoc is one searchable text: a claim's value and note, an entity's
// summary, or a source's title, authors and container.
type textDoc struct {
	kind     Kind
	ent      int32        // the claim's subject or the summarized entity; -1 for a source
	src      int32        // the claim's source, or the source itself; -1 for a summary
	persp    int32        // the claim's perspective entity; -1 if none
	grade    tokumu.Grade // the claim's
	claim    string
	from, to tokumu.Day // the claim's bounds; zero if undated
	text     string
	length   int32 // terms in text
}

// tpost is one document in a term's posting list with its BM25 weight
// without the idf: tf·(k1+1) / (tf + k1·(1−b+b·len/avglen)), computed once
// at build so a query only multiplies and adds.
type tpost struct {
	doc int32
	w   float32
}

// textIndex is an inverted index with BM25 ranking.
type textIndex struct {
	terms map[string]int32
	posts [][]tpost
	docs  []textDoc
}

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

func newTextIndex() *textIndex { return &textIndex{terms: map[string]int32{}} }

// add indexes d. Documents must be added in order; posting lists stay
// sorted by document.
func (x *textIndex) add(d textDoc) {
	id := int32(len(x.docs))
	tf := map[string]int{}
	for _, t := range tokenize(d.text) {
		for _, term := range textTerms(t, false) {
			tf[term]++
			d.length++
		}
	}
	if len(tf) == 0 {
		return
	}
	x.docs = append(x.docs, d)
	for term, n := range tf {
		tid, ok := x.terms[term]
		if !ok {
			tid = int32(len(x.posts))
			x.terms[term] = tid
			x.posts = append(x.posts, nil)
		}
		x.posts[tid] = append(x.posts[tid], tpost{doc: id, w: float32(n)})
	}
}

// finish turns term frequencies into BM25 weights.
func (x *textIndex) finish() {
	if len(x.docs) == 0 {
		return
	}
	var total float64
	for i := range x.docs {
		total += float64(x.docs[i].length)
	}
	avg := total / float64(len(x.docs))
	for _, ps := range x.posts {
		for i := range ps {
			tf := float64(ps[i].w)
			l := float64(x.docs[ps[i].doc].length)
			ps[i].w = float32(tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*l/avg)))
		}
	}
}

// queryTerms analyzes a query for the text index. Stop words are dropped
// when the query has other terms.
func queryTerms(toks []token) []string {
	var all, content []string
	seen := map[string]bool{}
	for _, t := range toks {
		for _, term := range textTerms(t, true) {
			if seen[term] {
				continue
			}
			seen[term] = true
			all = append(all, term)
			if !stopword(term) {
				content = append(content, term)
			}
		}
	}
	if len(content) > 0 {
		return content
	}
	return all
}

// scored is a document and its score.
type scored struct {
	doc   int32
	score float64
}

// topK keeps the k best documents seen: a min-heap on score, ties broken
// by document order so results are stable.
type topK []scored

func (h topK) Len() int { return len(h) }
func (h topK) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score < h[j].score
	}
	return h[i].doc > h[j].doc
}
func (h topK) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *topK) Push(x any)   { *h = append(*h, x.(scored)) }
func (h *topK) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// search returns the k best documents that contain every term and pass
// keep, and the number of such documents.
func (x *textIndex) search(terms []string, k int, keep func(d *textDoc) bool) ([]scored, int) {
	if len(terms) == 0 || len(x.docs) == 0 {
		return nil, 0
	}
	type list struct {
		ps  []tpost
		idf float64
		pos int
	}
	lists := make([]list, 0, len(terms))
	n := float64(len(x.docs))
	for _, t := range terms {
		tid, ok := x.terms[t]
		if !ok {
			return nil, 0 // a term in no document: nothing has them all
		}
		ps := x.posts[tid]
		df := float64(len(ps))
		lists = append(lists, list{ps: ps, idf: math.Log(1 + (n-df+0.5)/(df+0.5))})
	}
	sort.Slice(lists, func(i, j int) bool { return len(lists[i].ps) < len(lists[j].ps) })
	lead := lists[0]
	// The heap grows with the matches: k comes from the caller's offset
	// and limit, and sizing it up front would let a request for the
	// 10,000th hit of a three-hit query allocate 10,000 places.
	h := make(topK, 0, min(k, len(lead.ps), 64))
	total := 0
next:
	for _, p := range lead.ps {
		score := lead.idf * float64(p.w)
		for i := 1; i < len(lists); i++ {
			l := &lists[i]
			// Gallop to the first posting at or after p.doc.
			l.pos += sort.Search(len(l.ps)-l.pos, func(j int) bool { return l.ps[l.pos+j].doc >= p.doc })
			if l.pos >= len(l.ps) {
				break next
			}
			if l.ps[l.pos].doc != p.doc {
				continue next
			}
			score += l.idf * float64(l.ps[l.pos].w)
		}
		if keep != nil && !keep(&x.docs[p.doc]) {
			continue
		}
		total++
		if k == 0 {
			continue
		}
		if len(h) < k {
			heap.Push(&h, scored{p.doc, score})
		} else if score > h[0].score {
			h[0] = scored{p.doc, score}
			heap.Fix(&h, 0)
		}
	}
	out := make([]scored, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(scored)
	}
	return out, total
}
