package yamlcorpus

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// suggest returns the candidate closest to s, if it is close enough to be
// what the author meant: a typo, a missing hyphen, a wrong vowel length.
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	limit := len(s)/3 + 1
	if limit > 4 {
		limit = 4
	}
	for _, c := range candidates {
		if d := len(c) - len(s); d > limit || -d > limit {
			continue
		}
		d := levenshtein.ComputeDistance(s, c)
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	// A shared prefix of a hyphenated id is a good hint too: "harbin-kikan" → "harbin-tokumu-kikan".
	for _, c := range candidates {
		if i := strings.IndexByte(s, '-'); i > 2 && strings.HasPrefix(c, s[:i+1]) && strings.HasSuffix(c, s[strings.LastIndexByte(s, '-'):]) {
			return c
		}
	}
	return ""
}

func didYouMean(s string, candidates []string) string {
	if m := suggest(s, candidates); m != "" {
		return " (did you mean " + m + "?)"
	}
	return ""
}
