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

func printWarnings(w io.Writer, dir string, ws []string) {
	for _, s := range ws {
		fmt.Fprintln(w, prefix(dir, s))
	}
	if len(ws) > 0 {
		fmt.Fprintf(w, "%s: %d warning(s)\n", dir, len(ws))
	}
}
