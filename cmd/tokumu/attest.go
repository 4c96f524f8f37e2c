package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// attestWarnings lists the claims graded credibility 1 ("confirmed by
// other sources") that rest on one independent source in the corpus:
// warnings, not errors, since the confirming source may exist but not be
// cited yet.
func attestWarnings(ds *tokumu.Dataset) []string {
	a := view.NewAttester(ds.Sources, ds.Claims)
	var out []string
	for _, w := range view.SingleWitness(a, ds.Claims) {
		what := "one source"
		if n := len(w.Attestation.Sources); n > 1 {
			what = fmt.Sprintf("%d sources that are one witness (%s; see derived_from)", n, strings.Join(w.Attestation.Sources, ", "))
		}
		out = append(out, fmt.Sprintf("%s: warning: claim %s is graded %s (confirmed by other sources) but rests on %s; cite the confirming source or lower the credibility",
			w.Claim.Origin, w.Claim.ID, w.Claim.Grade, what))
	}
	return out
}

// warningsOf marks the loader's warnings ("file:line:col: message") as
// attestWarnings marks its own: "file:line:col: warning: message".
func warningsOf(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if i := strings.Index(w, ": "); i >= 0 {
			w = w[:i] + ": warning: " + w[i+2:]
		}
		out = append(out, w)
	}
	return out
}

func printWarnings(w io.Writer, dir string, ws []string) {
	for _, s := range ws {
		fmt.Fprintln(w, prefix(dir, s))
	}
	if len(ws) > 0 {
		fmt.Fprintf(w, "%s: %d warning(s)\n", dir, len(ws))
	}
}
