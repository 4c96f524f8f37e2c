package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// termWriter returns w, or when w is a terminal a writer that escapes
// the control characters in what is written to it. Corpus strings are
// printed as they are, and a name holding "\x1b[2J" or an OSC 8 link
// would otherwise clear the screen, retitle the window or plant a link
// when 'tokumu show' prints it. Piped output stays byte for byte.
func termWriter(w io.Writer) io.Writer {
	if !isTerminal(w) {
		return w
	}
	return escWriter{w}
}

type escWriter struct{ w io.Writer }

func (e escWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, escapeControl(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeControl writes the C0 controls other than tab and newline, DEL,
// the C1 controls and invalid UTF-8 as visible Go escapes (\x1b, \u009b,
// \xff), and leaves everything else — every script — as it is.
func escapeControl(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError
}
