package search

import (
	"strings"
	"testing"
)

// TestSnippetBadBytes: a text with bytes that are not UTF-8 (a note sent
// by a form, a damaged stored index) is cut and marked at its own byte
// offsets, as range steps through it, and never past its end.
func TestSnippetBadBytes(t *testing.T) {
	long := strings.Repeat("x ", 150)
	for _, tc := range []struct {
		name, text, query string
		width             int
		want              string
	}{
		{"short, marked", "Harbin\xff agency", "agency", 200, "Harbin\ufffd <mark>agency</mark>"},
		{"cut after a bad byte", "\xff\xfe\xfd" + long + "Harbin", "Harbin", 10, "…x x <mark>Harbin</mark>"},
		{"Japanese run with a bad byte", "ハルビン\xff機関", "機関", 200, "ハルビン\ufffd<mark>機関</mark>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := snippet(tc.text, tokenize(tc.query), tc.width)
			if got != tc.want {
				t.Errorf("snippet(%q, %q, %d) = %q, want %q", tc.text, tc.query, tc.width, got, tc.want)
			}
		})
	}
}
