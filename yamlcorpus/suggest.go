package yamlcorpus

import "github.com/tokumu/tokumu/internal/suggest"

// didYouMean proposes the nearest known id, predicate or key for a
// mistyped one; the rule is internal/suggest's, shared with the CLI.
func didYouMean(s string, candidates []string) string {
	return suggest.DidYouMean(s, candidates)
}
