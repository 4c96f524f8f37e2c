package view

import (
	"sort"

	"github.com/tokumu/tokumu"
)

// Two names in the sources may be one agent — a cover name and the man,
// an agent known to two services under two names — and a source may say
// so without proving it. The corpus records such a link as a claim of the
// vocabulary's possibly_same_as role, with a grade and a source, and
// tokumu never merges the two: each keeps its own claims, and each page
// says "possibly the same as" the other, with the claim that says so.

// SameAs is one identity link seen from one of its two entities: the
// other entity and the claim (grade, source) that links them.
type SameAs struct {
	Other string
	Claim *tokumu.Claim
}

// FindSameAs returns the identity links of entity id among claims, from
// either side, ordered by the other entity's id and then the claim's.
func FindSameAs(id string, claims []*tokumu.Claim, vocab *tokumu.Vocab) []SameAs {
	if vocab == nil {
		return nil
	}
	var out []SameAs
	for _, c := range claims {
		if c.Object == "" || !vocab.Is(c.Predicate, tokumu.RoleSameAs) {
			continue
		}
		switch id {
		case c.Subject:
			out = append(out, SameAs{c.Object, c})
		case c.Object:
			out = append(out, SameAs{c.Subject, c})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Other != out[j].Other {
			return out[i].Other < out[j].Other
		}
		return out[i].Claim.ID < out[j].Claim.ID
	})
	return out
}

// SameAsJSON is an identity link in an entity's JSON: the other entity,
// the claim, its grade and source.
type SameAsJSON struct {
	Entity  string       `json:"entity"`
	Label   string       `json:"label"`
	Claim   string       `json:"claim"`
	Grade   tokumu.Grade `json:"grade"`
	Source  string       `json:"source"`
	Locator string       `json:"locator,omitempty"`
}
