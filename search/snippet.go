package search

import (
	"html"
	"slices"
	"strings"
)

// span is a byte range of a text.
type span struct{ start, end int }

// snippet returns text, HTML-escaped, with the words that match the query
// in <mark>, cut to about width runes around the first match.
func snippet(text string, query []token, width int) string {
	want := map[string]bool{}
	var cjk []string
	for _, t := range query {
		if t.script == scriptCJK {
			cjk = append(cjk, t.text)
			continue
		}
		for _, term := range textTerms(t, true) {
			want[term] = true
		}
		want[t.text] = true
	}
	var marks []span
	for _, t := range tokenize(text) {
		if t.script == scriptCJK {
			marks = append(marks, cjkSpans(text[t.start:t.end], t.text, cjk, t.start)...)
			continue
		}
		for _, term := range textTerms(t, false) {
			if want[term] || want[t.text] {
				marks = append(marks, span{t.start, t.end})
				break
			}
		}
	}
	// Cut a window around the first mark, on rune boundaries.
	from, to := 0, len(text)
	if offs := runeOffsets(text); len(offs)-1 > width {
		n := len(offs) - 1
		first := 0
		if len(marks) > 0 {
			first, _ = slices.BinarySearch(offs, marks[0].start)
		}
		lo := first - width/3
		if lo < 0 {
			lo = 0
		}
		hi := lo + width
		if hi > n {
			hi, lo = n, max(0, n-width)
		}
		from, to = offs[lo], offs[hi]
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, m := range marks {
		if m.end <= pos || m.start >= to {
			continue
		}
		start := max(m.start, pos)
		end := min(m.end, to)
		b.WriteString(escape(text[pos:start]))
		b.WriteString("<mark>")
		b.WriteString(escape(text[start:end]))
		b.WriteString("</mark>")
		pos = end
	}
	b.WriteString(escape(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// cjkSpans finds the query runs inside one Japanese run of the text. The
// folded run has one rune per original rune when the text is already
// NFKC; otherwise the whole run is marked.
func cjkSpans(orig, folded string, query []string, base int) []span {
	var out []span
	offs, fr := runeOffsets(orig), []rune(folded)
	for _, q := range query {
		if !strings.Contains(folded, q) {
			continue
		}
		if len(offs)-1 != len(fr) {
			return append(out, span{base, base + len(orig)})
		}
		qr := []rune(q)
		for i := 0; i+len(qr) <= len(fr); i++ {
			if string(fr[i:i+len(qr)]) == q {
				out = append(out, span{base + offs[i], base + offs[i+len(qr)]})
				i += len(qr) - 1
			}
		}
	}
	// Keep marks in order and apart.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// escape is html.EscapeString of s with each run of bytes that are not
// UTF-8 shown as one U+FFFD, so that a page never carries them.
func escape(s string) string { return html.EscapeString(strings.ToValidUTF8(s, "\ufffd")) }

// runeOffsets returns the byte offset in s of each rune's start, and
// len(s) last, stepping as range does: an invalid byte is one rune of one
// byte. Offsets from []rune(s) would count such a byte as the three of
// U+FFFD and cut past the end of s (a text stored with a bad byte, or a
// damaged index, made snippet panic).
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}
