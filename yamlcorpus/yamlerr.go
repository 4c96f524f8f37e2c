package yamlcorpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// syntaxError places the first syntax error of a file that does not parse
// and says what to do in plain words. yaml.v3 gives only a line — often
// the line where the enclosing block began, not the broken one — no
// column, and the scanner's words ("mapping values are not allowed in
// this context", "found character that cannot start any token"). So:
//
//   - invalid UTF-8 is found by scanning the bytes;
//   - the broken line is the first line that no longer parses: prefixes
//     of the file cut at the start of items (a line opening "- " or a
//     top-level key) are parsed in a binary search for the item where
//     parsing first fails, then the item's lines one by one (a cut inside
//     a multi-line string is never taken as the error: the line reported
//     is the one after the longest prefix that parses);
//   - on that line, a tab in the indentation, a quote, '{' or '[' not
//     closed on it, or a plain value holding ': ' gives the column and the
//     hint (an unclosed quote first: it swallows the '}' after it);
//     otherwise the column of its first character and an indentation
//     hint when the line is out of step with the one before.
func syntaxError(data []byte, err error) (line, col int, msg string) {
	if !utf8.Valid(data) {
		line, col, b := firstInvalidUTF8(data)
		return line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02x): the file must be UTF-8; retype the character or save the file as UTF-8", b)
	}
	yline, ymsg := yamlErrorLine(err)
	if len(data) > maxDiagnose {
		return yline, 0, "YAML: " + ymsg
	}
	lines := strings.Split(string(data), "\n")
	n := brokenLine(lines)
	if n == 0 {
		return yline, 0, "YAML: " + ymsg
	}
	text := strings.TrimRight(lines[n-1], "\r")
	if c := tabInIndent(text); c > 0 {
		return n, c, "a tab in the indentation: indent with spaces, not tabs"
	}
	if c, q := unclosedQuote(text); c > 0 {
		return n, c, fmt.Sprintf("the quote %s opened here is not closed on its line: add %s where the value ends", q, q)
	}
	if c, open := unclosedFlow(text); c > 0 && !continuesFlow(lines, n) {
		close := map[byte]string{'{': "}", '[': "]"}[open]
		return n, c, fmt.Sprintf("%q opened here is not closed: add %q at the end of the line", string(open), close)
	}
	if c := colonInPlain(text); c > 0 {
		return n, c, "a value holds ': ', which YAML reads as another key: quote a value that contains ': ' (v: \"…\")"
	}
	c := indentOf(text) + 1
	if prev := prevLine(lines, n); prev != "" && indentOf(text) != indentOf(prev) && !strings.HasPrefix(strings.TrimSpace(prev), "- ") ||
		strings.Contains(ymsg, "indicator") || strings.Contains(ymsg, "did not find expected key") {
		return n, c, "this line's indentation does not fit the lines before it: indent it with spaces to the level of the other keys of its item (YAML: " + ymsg + ")"
	}
	return n, c, "YAML: " + ymsg
}

// maxDiagnose bounds the files syntaxError re-parses to place the error
// (a few dozen parses of prefixes): corpus files are a few KB, and a file
// of megabytes gets yaml.v3's own line rather than a minute of parsing.
const maxDiagnose = 1 << 20

// parses reports whether the lines are a well-formed YAML document.
func parses(lines []string) bool {
	var n yaml.Node
	return yaml.Unmarshal([]byte(strings.Join(lines, "\n")), &n) == nil
}

var itemStart = regexp.MustCompile(`^(\s*- |[A-Za-z_][A-Za-z0-9_-]*:)`)

// brokenLine returns the 1-based line where parsing first fails, 0 if it
// cannot tell.
func brokenLine(lines []string) int {
	cuts := []int{0}
	for i, l := range lines {
		if i > 0 && itemStart.MatchString(l) {
			cuts = append(cuts, i)
		}
	}
	cuts = append(cuts, len(lines))
	if parses(lines) {
		return 0
	}
	// Binary search over the cuts: prefix lines[:cuts[lo]] parses (the
	// empty one does), lines[:cuts[hi]] does not.
	lo, hi := 0, len(cuts)-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if parses(lines[:cuts[mid]]) {
			lo = mid
		} else {
			hi = mid
		}
	}
	// Within the item: the longest prefix that parses ends the line
	// before the broken one.
	best := cuts[lo]
	for j := cuts[lo] + 1; j < cuts[hi]; j++ {
		if parses(lines[:j]) {
			best = j
		}
	}
	return best + 1
}

func firstInvalidUTF8(data []byte) (line, col int, b byte) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return line, col, data[i]
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col, 0
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// tabInIndent returns the column of a tab in the line's indentation.
func tabInIndent(s string) int {
	for i := 0; i < len(s) && (s[i] == ' ' || s[i] == '\t'); i++ {
		if s[i] == '\t' {
			return i + 1
		}
	}
	return 0
}

// unclosedFlow returns the column of the first '{' or '[' the line opens
// and does not close, outside quotes.
func unclosedFlow(s string) (col int, open byte) {
	var stack []int
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			i = len(s)
		case c == '{' || c == '[':
			stack = append(stack, i)
		case (c == '}' || c == ']') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return 0, 0
	}
	return utf8.RuneCountInString(s[:stack[0]]) + 1, s[stack[0]]
}

// unclosedQuote returns the column of a quoted scalar that opens on the
// line and does not close on it, and its quote: `when: "1883, source: x}`.
// A quote opens a scalar only where one starts (after "key:", "- ", "{",
// "[" or ","); elsewhere it is a character of a plain value (Zhukov's).
func unclosedQuote(s string) (col int, quote string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '#' && (i == 0 || s[i-1] == ' ') {
			return 0, ""
		}
		if (c != '"' && c != '\'') || !scalarStarts(s, i) {
			continue
		}
		j, closed := i+1, false
		for j < len(s) {
			switch {
			case c == '"' && s[j] == '\\':
				j += 2
				continue
			case c == '\'' && s[j] == '\'' && j+1 < len(s) && s[j+1] == '\'':
				j += 2 // '' is a quote inside a single-quoted scalar
				continue
			case s[j] == c:
				closed = true
			}
			if closed {
				break
			}
			j++
		}
		if !closed {
			return utf8.RuneCountInString(s[:i]) + 1, string(c)
		}
		i = j
	}
	return 0, ""
}

// scalarStarts reports whether a scalar may start at s[i]: at the line's
// first non-space character, or after a key's colon, an item's dash or a
// flow collection's bracket or comma.
func scalarStarts(s string, i int) bool {
	k := i - 1
	for k >= 0 && s[k] == ' ' {
		k--
	}
	return k < 0 || strings.IndexByte(":-{[,?", s[k]) >= 0
}

// continuesFlow reports whether the line after line n continues a flow
// collection (is indented deeper and is not a new item): a mapping
// written over several lines is legal.
func continuesFlow(lines []string, n int) bool {
	if n >= len(lines) {
		return false
	}
	next := lines[n]
	return strings.TrimSpace(next) != "" && indentOf(next) > indentOf(lines[n-1]) && !itemStart.MatchString(next)
}

// colonInPlain returns the column of a ': ' inside a plain (unquoted)
// value on the line: "v: After 1931: it was…", or the same in a flow
// mapping's entry.
func colonInPlain(s string) int {
	body := strings.TrimLeft(s, " ")
	off := len(s) - len(body)
	if strings.HasPrefix(body, "- ") {
		body, off = body[2:], off+2
	}
	var entries []int // offsets of "key: value" entries
	if strings.HasPrefix(body, "{") {
		depth, q := 0, byte(0)
		for i := 0; i < len(body); i++ {
			c := body[i]
			switch {
			case q != 0:
				if c == q {
					q = 0
				}
			case c == '"' || c == '\'':
				q = c
			case c == '{' || c == '[':
				depth++
				if depth == 1 {
					entries = append(entries, off+i+1)
				}
			case c == '}' || c == ']':
				depth--
			case c == ',' && depth == 1:
				entries = append(entries, off+i+1)
			}
		}
	} else {
		entries = []int{off}
	}
	for _, e := range entries {
		entry := s[e:]
		if i := strings.IndexAny(entry, ",}"); i >= 0 && strings.HasPrefix(strings.TrimLeft(s[off:], " "), "{") {
			entry = entry[:i]
		}
		k := strings.Index(entry, ": ")
		if k < 0 {
			continue
		}
		v := entry[k+2:]
		vt := strings.TrimLeft(v, " ")
		if vt == "" || strings.ContainsRune(`"'{[|>&*!#`, rune(vt[0])) {
			continue
		}
		if j := strings.Index(vt, ": "); j >= 0 {
			at := e + k + 2 + (len(v) - len(vt)) + j
			return utf8.RuneCountInString(s[:at]) + 1
		}
	}
	return 0
}

// prevLine is the last non-blank line before line n (1-based).
func prevLine(lines []string, n int) string {
	for i := n - 2; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return lines[i]
		}
	}
	return ""
}

// declaredIDs returns the ids a file that did not parse seems to declare
// (every "id:" key, and the file's name), so that references to them
// elsewhere are not reported as unknown: they follow from the syntax
// error, which is the one to fix.
func declaredIDs(p string, data []byte) []string {
	ids := []string{strings.TrimSuffix(strings.TrimSuffix(p[strings.LastIndex(p, "/")+1:], ".yaml"), ".yml")}
	for _, l := range bytes.Split(data, []byte("\n")) {
		if m := idLine.FindSubmatch(l); m != nil {
			ids = append(ids, string(m[1]))
		}
	}
	return ids
}

var idLine = regexp.MustCompile(`^\s*(?:- )?\s*id:\s*["']?([A-Za-z0-9_.~-]+)`)
