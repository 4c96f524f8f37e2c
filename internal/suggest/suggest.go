// Package suggest is tokumu's one "did you mean": the nearest known name to
// a mistyped one, for corpus ids, predicates, commands, flags and entity ids.
// It lives in one place so that every message proposes a fix by the same
// rule (the design review found three diverging copies).
package suggest

import (
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// limit is how many edits a suggestion may be away from what was typed: a
// typo, a missing hyphen, a wrong vowel length; a third of the length, at
// least 1 and at most 4, so that short words do not match everything.
func limit(s string) int {
	return min(len(s)/3+1, 4)
}

// Closest returns the candidate closest to s, if it is close enough to be
// what the writer meant, else "". Ties go to the alphabetically first
// candidate so that messages do not depend on map order.
func Closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	lim := limit(s)
	for _, c := range candidates {
		if d := len(c) - len(s); d > lim || -d > lim {
			continue
		}
		d := levenshtein.ComputeDistance(s, c)
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD <= lim {
		return best
	}
	// A prefix of what was typed ("sho" for "show") or of a hyphenated id
	// with its last part ("harbin-kikan" → "harbin-tokumu-kikan") is a good
	// hint too.
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	if len(s) >= 2 {
		for _, c := range sorted {
			if strings.HasPrefix(c, s) {
				return c
			}
		}
	}
	for _, c := range sorted {
		if sameEnds(s, c) {
			return c
		}
	}
	return ""
}

// sameEnds reports whether hyphenated s and c share their first and last
// parts: "harbin-kikan" and "harbin-tokumu-kikan".
func sameEnds(s, c string) bool {
	i := strings.IndexByte(s, '-')
	return i > 2 && strings.HasPrefix(c, s[:i+1]) && strings.HasSuffix(c, s[strings.LastIndexByte(s, '-'):])
}

// DidYouMean returns " (did you mean X?)" for the closest candidate, or "",
// ready to append to an error message.
func DidYouMean(s string, candidates []string) string {
	if m := Closest(s, candidates); m != "" {
		return " (did you mean " + m + "?)"
	}
	return ""
}

// Near returns up to max candidates that s could have meant, nearest first:
// those within the edit limit, then those that contain s. For "no entity
// X; did you mean: a, b, c" where several answers are plausible.
func Near(s string, candidates []string, max int) []string {
	type hit struct {
		c string
		d int
	}
	var hits []hit
	lim := limit(s)
	for _, c := range candidates {
		switch {
		case c == s:
			continue
		case abs(len(c)-len(s)) <= lim && levenshtein.ComputeDistance(s, c) <= lim:
			hits = append(hits, hit{c, levenshtein.ComputeDistance(s, c)})
		case len(s) >= 3 && strings.Contains(c, s):
			hits = append(hits, hit{c, lim + 1 + len(c) - len(s)})
		case sameEnds(s, c):
			hits = append(hits, hit{c, lim + 1 + abs(len(c)-len(s))})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].c < hits[j].c
	})
	out := make([]string, 0, min(len(hits), max))
	for _, h := range hits[:min(len(hits), max)] {
		out = append(out, h.c)
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
