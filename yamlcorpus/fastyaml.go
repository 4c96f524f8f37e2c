package yamlcorpus

// A fast reader for the plain subset of YAML the corpus is written in.
//
// yaml.v3 (a port of libyaml) scans a file character by character through
// a token queue, an event state machine and then a node tree; at 1M claims
// it was about half of the import's parsing CPU. The corpus's files are
// written in a small part of YAML: block mappings and sequences indented
// with spaces, plain keys, one-line plain or quoted scalars, and one-line
// flow collections ({p: born, when: "1874", source: src-58}). fastParse
// reads exactly that part in one pass over the bytes and builds the same
// yaml.Node tree yaml.v3 builds — the same kinds, styles, tags, values
// and line:col, which the decoder puts in error messages and in each
// claim's Origin — into one slab of nodes. Anything outside it (block
// scalars, anchors, tags, multi-line values, tabs, CR, a BOM, an escape
// it does not know, an empty value) makes it give up, and the file is
// parsed by yaml.v3 as before: the fast path may refuse a file, never
// read one differently (TestFastYAMLMatchesYAMLv3 compares the two trees
// on the embedded corpus, a synthetic one and thousands of mutations).
//
// It keeps no comments: the decoder reads none.

import (
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse returns the document node of data, or ok false when data is
// outside the subset (or not YAML at all): then yaml.v3 must parse it.
func fastParse(data []byte) (doc *yaml.Node, ok bool) {
	if !plainText(data) {
		return nil, false
	}
	p := &fastParser{data: data, line: 1, colAt: -1}
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(fastGiveUp); !is {
				panic(r)
			}
			doc, ok = nil, false
		}
	}()
	ind := p.nextLine()
	if ind != 0 {
		return nil, false // empty, or the first line indented
	}
	doc = p.node(yaml.DocumentNode, "", "", 0)
	var root *yaml.Node
	if p.dash() {
		root = p.blockSeq(0)
	} else {
		root = p.blockMap(0)
	}
	if p.indent() != -1 {
		return nil, false // something left at a level nothing opened
	}
	doc.Content = []*yaml.Node{root}
	return doc, true
}

// plainText reports whether data is UTF-8 with no character libyaml
// treats specially or refuses: no tab, no CR, NEL, U+2028 or U+2029
// (line breaks to it), no BOM, no control character.
func plainText(data []byte) bool {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\n' || b == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r < 0xA0 || r == 0x2028 || r == 0x2029 ||
			r >= 0xD800 && r < 0xE000 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// fastGiveUp is the panic that unwinds fastParse when it meets something
// outside the subset.
type fastGiveUp struct{}

func giveUp() { panic(fastGiveUp{}) }

type fastParser struct {
	data      []byte
	i         int // offset of the next byte
	line      int // line of i, from 1
	lineStart int // offset of the start of that line
	slab      []yaml.Node
	ind       int // indentation of the current line, -1 at the end
	// stack holds the children of the collections being read; each is
	// copied out at its exact size when its collection ends, rather
	// than grown by append (growing slices was a tenth of the reader's
	// allocations at 1M claims).
	stack []*yaml.Node
	// colAt and colOf cache the last column computed on the current
	// line, so that a line's columns are counted once, not from its
	// start for every node.
	colAt, colOf int
}

// children returns the nodes pushed on the stack since base, in a slice
// of their own, and pops them.
func (p *fastParser) children(base int) []*yaml.Node {
	n := len(p.stack) - base
	if n == 0 {
		return nil
	}
	out := make([]*yaml.Node, n)
	copy(out, p.stack[base:])
	clear(p.stack[base:])
	p.stack = p.stack[:base]
	return out
}

// node allocates a node at the current position from the slab.
func (p *fastParser) node(kind yaml.Kind, tag, value string, style yaml.Style) *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 256)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	n.Kind, n.Tag, n.Value, n.Style = kind, tag, value, style
	n.Line = p.line
	n.Column = p.col()
	return n
}

// col is the column of i, from 1, in characters as libyaml counts them.
func (p *fastParser) col() int {
	if p.colAt < p.lineStart || p.colAt > p.i {
		p.colAt, p.colOf = p.lineStart, 1
	}
	p.colOf += utf8.RuneCount(p.data[p.colAt:p.i])
	p.colAt = p.i
	return p.colOf
}

func (p *fastParser) at(k int) byte {
	if p.i+k < len(p.data) {
		return p.data[p.i+k]
	}
	return 0
}

// nextLine moves to the first character of the next line that holds
// something other than spaces and a comment, and returns its indentation
// (-1 at the end of the data). It is called at the end of a line.
func (p *fastParser) nextLine() int {
	for {
		// i is at the start of a line.
		j := p.i
		for j < len(p.data) && p.data[j] == ' ' {
			j++
		}
		if j == len(p.data) {
			p.i = j
			p.ind = -1
			return -1
		}
		switch p.data[j] {
		case '\n':
		case '#':
			for j < len(p.data) && p.data[j] != '\n' {
				j++
			}
			if j == len(p.data) {
				p.i = j
				p.ind = -1
				return -1
			}
		default:
			p.ind = j - p.i
			p.i = j
			return p.ind
		}
		p.i = j + 1
		p.line++
		p.lineStart = p.i
	}
}

func (p *fastParser) indent() int { return p.ind }

// endLine consumes spaces and a comment up to the end of the line, and
// moves to the next line with content.
func (p *fastParser) endLine() int {
	sp := false
	for p.i < len(p.data) && p.data[p.i] == ' ' {
		p.i++
		sp = true
	}
	if p.i < len(p.data) && p.data[p.i] == '#' {
		if !sp {
			giveUp()
		}
		for p.i < len(p.data) && p.data[p.i] != '\n' {
			p.i++
		}
	}
	if p.i < len(p.data) {
		if p.data[p.i] != '\n' {
			giveUp()
		}
		p.i++
		p.line++
		p.lineStart = p.i
	}
	return p.nextLine()
}

// dash reports whether the line goes on with a sequence entry "- ".
func (p *fastParser) dash() bool {
	return p.at(0) == '-' && p.at(1) == ' '
}

// blockMap reads a block mapping whose keys sit at indentation ind; the
// current line is its first key.
func (p *fastParser) blockMap(ind int) *yaml.Node {
	m := p.node(yaml.MappingNode, "!!map", "", 0)
	base := len(p.stack)
	for {
		if p.dash() {
			giveUp()
		}
		k := p.key()
		var v *yaml.Node
		// after "key:"
		if p.at(0) == ' ' {
			for p.at(0) == ' ' {
				p.i++
			}
		}
		if p.i < len(p.data) && p.data[p.i] != '\n' && p.data[p.i] != '#' {
			if p.data[p.i-1] != ' ' {
				giveUp()
			}
			v = p.inline(false)
			p.endLine()
		} else {
			next := p.endLine()
			switch {
			case next > ind && p.dash():
				v = p.blockSeq(next)
			case next > ind:
				v = p.blockMap(next)
			case next == ind && p.dash():
				v = p.blockSeq(next) // a sequence at its key's indentation
			default:
				giveUp() // an empty value: yaml.v3 places it
			}
		}
		p.stack = append(p.stack, k, v)
		switch next := p.indent(); {
		case next == ind:
			continue
		case next < ind:
			m.Content = p.children(base)
			return m
		default:
			giveUp()
		}
	}
}

// blockSeq reads a block sequence whose dashes sit at indentation ind.
func (p *fastParser) blockSeq(ind int) *yaml.Node {
	s := p.node(yaml.SequenceNode, "!!seq", "", 0)
	base := len(p.stack)
	for {
		p.i += 2 // "- "
		for p.at(0) == ' ' {
			p.i++
		}
		var v *yaml.Node
		switch {
		case p.i >= len(p.data) || p.data[p.i] == '\n' || p.data[p.i] == '#' || p.dash():
			giveUp()
		case p.looksLikeKey():
			v = p.blockMap(p.i - p.lineStart)
		default:
			v = p.inline(false)
			p.endLine()
		}
		p.stack = append(p.stack, v)
		switch next := p.indent(); {
		case next == ind && p.dash():
			continue
		case next <= ind:
			s.Content = p.children(base)
			return s
		default:
			giveUp()
		}
	}
}

func isKeyByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.'
}

// looksLikeKey reports whether the line goes on with "key:" and a space
// or the end of the line.
func (p *fastParser) looksLikeKey() bool {
	j := p.i
	if j >= len(p.data) || !isKeyByte(p.data[j]) || p.data[j] == '-' || p.data[j] == '.' {
		return false
	}
	for j < len(p.data) && isKeyByte(p.data[j]) {
		j++
	}
	return j < len(p.data) && p.data[j] == ':' && (j+1 == len(p.data) || p.data[j+1] == ' ' || p.data[j+1] == '\n')
}

// key reads "key:" (a plain key) and returns the key's node.
func (p *fastParser) key() *yaml.Node {
	if !p.looksLikeKey() {
		giveUp()
	}
	start := p.i
	j := p.i
	for isKeyByte(p.data[j]) {
		j++
	}
	k := p.node(yaml.ScalarNode, "", string(p.data[start:j]), 0)
	k.Tag = p.plainTag(k.Value)
	p.i = j + 1
	return k
}

// inline reads a value written on one line: a quoted or plain scalar, or
// a flow collection.
func (p *fastParser) inline(flow bool) *yaml.Node {
	switch p.at(0) {
	case '"':
		return p.doubleQuoted()
	case '\'':
		return p.singleQuoted()
	case '{':
		return p.flowMap()
	case '[':
		return p.flowSeq()
	}
	return p.plain(flow)
}

// plain reads a plain scalar. It gives up on what might make it anything
// but one line of text: an indicator first, ": " or " #" inside (and in
// a flow, any ':' '#' or bracket).
func (p *fastParser) plain(flow bool) *yaml.Node {
	c := p.at(0)
	switch c {
	case 0, ' ', '\n', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		giveUp()
	}
	n := p.node(yaml.ScalarNode, "", "", 0)
	start := p.i
	end := p.i // after the last non-space
	for p.i < len(p.data) {
		b := p.data[p.i]
		if b == '\n' {
			break
		}
		if flow {
			if b == ',' || b == '}' || b == ']' {
				break
			}
			if b == ':' || b == '#' || b == '?' || b == '[' || b == '{' {
				giveUp()
			}
		} else {
			if b == ':' && (p.at(1) == ' ' || p.at(1) == '\n' || p.at(1) == 0) {
				giveUp()
			}
			if b == '#' && p.data[p.i-1] == ' ' {
				break
			}
		}
		p.i++
		if b != ' ' {
			end = p.i
		}
	}
	p.i = end
	n.Value = string(p.data[start:end])
	n.Tag = p.plainTag(n.Value)
	return n
}

// plainTag is the tag yaml.v3 resolves a plain scalar to. Text that may
// be a number or a time is resolved by yaml.v3 itself.
func (p *fastParser) plainTag(v string) string {
	switch v {
	case "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "<<":
		giveUp()
	}
	switch v[0] {
	case '+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(v), &n); err != nil || len(n.Content) != 1 ||
			n.Content[0].Kind != yaml.ScalarNode || n.Content[0].Value != v {
			giveUp()
		}
		return n.Content[0].Tag
	}
	return "!!str"
}

// doubleQuoted reads a "…" scalar closed on its line.
func (p *fastParser) doubleQuoted() *yaml.Node {
	n := p.node(yaml.ScalarNode, "!!str", "", yaml.DoubleQuotedStyle)
	p.i++
	start := p.i
	var buf []byte // only when there are escapes
	for {
		if p.i >= len(p.data) || p.data[p.i] == '\n' {
			giveUp() // a scalar over lines is folded: left to yaml.v3
		}
		b := p.data[p.i]
		if b == '"' {
			break
		}
		if b != '\\' {
			if buf != nil {
				buf = append(buf, b)
			}
			p.i++
			continue
		}
		if buf == nil {
			buf = append([]byte{}, p.data[start:p.i]...)
		}
		var r rune
		switch e := p.at(1); e {
		case '\\', '"':
			r = rune(e)
		case 'n':
			r = '\n'
		case 't':
			r = '\t'
		case 'u':
			if p.i+6 > len(p.data) {
				giveUp()
			}
			v, err := strconv.ParseUint(string(p.data[p.i+2:p.i+6]), 16, 32)
			if err != nil || v >= 0xD800 && v <= 0xDFFF {
				giveUp()
			}
			buf = utf8.AppendRune(buf, rune(v))
			p.i += 6
			continue
		default:
			giveUp()
		}
		buf = append(buf, byte(r))
		p.i += 2
	}
	if buf != nil {
		n.Value = string(buf)
	} else {
		n.Value = string(p.data[start:p.i])
	}
	p.i++
	return n
}

// singleQuoted reads a '…' scalar closed on its line.
func (p *fastParser) singleQuoted() *yaml.Node {
	n := p.node(yaml.ScalarNode, "!!str", "", yaml.SingleQuotedStyle)
	p.i++
	var buf []byte
	for {
		if p.i >= len(p.data) || p.data[p.i] == '\n' {
			giveUp()
		}
		b := p.data[p.i]
		if b == '\'' {
			if p.at(1) == '\'' {
				buf = append(buf, '\'')
				p.i += 2
				continue
			}
			break
		}
		buf = append(buf, b)
		p.i++
	}
	n.Value = string(buf)
	p.i++
	return n
}

// flowSpace skips spaces inside a flow collection, which must close on
// its line.
func (p *fastParser) flowSpace() {
	for p.at(0) == ' ' {
		p.i++
	}
	if p.i >= len(p.data) || p.data[p.i] == '\n' || p.data[p.i] == '#' {
		giveUp()
	}
}

// flowMap reads {key: value, …} closed on its line.
func (p *fastParser) flowMap() *yaml.Node {
	m := p.node(yaml.MappingNode, "!!map", "", yaml.FlowStyle)
	p.i++
	p.flowSpace()
	if p.data[p.i] == '}' {
		p.i++
		return m
	}
	base := len(p.stack)
	for {
		if !p.looksLikeKey() {
			giveUp()
		}
		k := p.key()
		p.flowSpace()
		v := p.inline(true)
		p.stack = append(p.stack, k, v)
		p.flowSpace()
		switch p.data[p.i] {
		case ',':
			p.i++
			p.flowSpace()
			if p.data[p.i] == '}' || p.data[p.i] == ',' {
				giveUp()
			}
		case '}':
			p.i++
			m.Content = p.children(base)
			return m
		default:
			giveUp()
		}
	}
}

// flowSeq reads [value, …] closed on its line.
func (p *fastParser) flowSeq() *yaml.Node {
	s := p.node(yaml.SequenceNode, "!!seq", "", yaml.FlowStyle)
	p.i++
	p.flowSpace()
	if p.data[p.i] == ']' {
		p.i++
		return s
	}
	base := len(p.stack)
	for {
		if p.looksLikeKey() {
			giveUp() // [a: b] is a mapping inside the sequence
		}
		v := p.inline(true)
		p.stack = append(p.stack, v)
		p.flowSpace()
		switch p.data[p.i] {
		case ',':
			p.i++
			p.flowSpace()
			if p.data[p.i] == ']' || p.data[p.i] == ',' {
				giveUp()
			}
		case ']':
			p.i++
			s.Content = p.children(base)
			return s
		default:
			giveUp()
		}
	}
}
