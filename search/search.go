// Package search finds entities, claims and sources from what a user
// types, in any script: 土肥原, どいはら, Doihara, Dohihara and Доихара all
// land on the same person.
//
// The index lives in memory and is built from a tokumu.Store. All
// normalization and spelling derivation happens here, in Go, so that every
// store (SQLite now, PostgreSQL later) searches the same way; no database
// tokenizer is involved.
package search

import (
	"github.com/tokumu/tokumu"
)

// Query is one search request. Zero fields do not filter.
type Query struct {
	Text        string
	Types       []tokumu.EntityType // entity types to keep
	From, To    tokumu.Day          // keep hits whose time possibly overlaps [From, To]
	Period      string              // period entity id: shorthand for its From/To
	Perspective string              // keep claims seen from this perspective
	Source      string              // keep claims citing this source
	Lang        string              // language of labels: en (default), ja, ru
	Limit       int                 // hits to return, 0 to MaxLimit; 0 means DefaultLimit
	Offset      int                 // hits to skip, 0 to MaxOffset
}

// Bounds of a page of results. Search refuses a Query outside them with
// an EINVALID error naming the parameter and its range, so that no caller
// (an HTTP parameter, a CLI flag) sizes what a search allocates: a search
// holds at most Offset+Limit hits, and never more hits than match.
const (
	DefaultLimit = 20    // hits when Query.Limit is 0
	MaxLimit     = 500   // the most hits one Search returns, and one Suggest
	MaxOffset    = 10000 // the most hits one Search skips; page further with filters
)

// Kind says what a hit is.
type Kind string

const (
	KindEntity Kind = "entity"
	KindClaim  Kind = "claim"
	KindSource Kind = "source"
)

// Match says how a hit matched, best first. Ranking sorts by it before
// the text score.
type Match string

const (
	MatchExact   Match = "exact"   // the whole query is one of the entity's names
	MatchName    Match = "name"    // whole words of a name
	MatchDerived Match = "derived" // a derived spelling (romaji, Cyrillic, old kanji …)
	MatchPrefix  Match = "prefix"  // a name starts with the query
	MatchFuzzy   Match = "fuzzy"   // a Latin-script name within a small edit distance
	MatchText    Match = "text"    // words of a claim value, note or source title
	// MatchSameAs is an entity the query did not match itself but that
	// the corpus says is possibly the same as one it matched (Hit.SameAs);
	// it follows that entity in the results.
	MatchSameAs Match = "possibly_same"
)

// Hit is one result.
type Hit struct {
	Kind   Kind   `json:"kind"`
	Entity string `json:"entity,omitempty"` // entity id (the subject, for a claim hit)
	Claim  string `json:"claim,omitempty"`
	Source string `json:"source,omitempty"`
	// Perspective and Grade are a claim hit's: whose view it is (the
	// entity id; none for the historiography's) and how its source and
	// content are graded, so that a belief is never listed as a fact.
	Perspective      string            `json:"by,omitempty"`
	PerspectiveLabel string            `json:"by_label,omitempty"`
	Grade            *tokumu.Grade     `json:"grade,omitempty"`
	Type             tokumu.EntityType `json:"type,omitempty"`
	Label            string            `json:"label"`          // the entity's label, or the source's title
	Name             string            `json:"name,omitempty"` // the stored name or spelling that matched
	Match            Match             `json:"match"`
	Score            float64           `json:"score"`
	Snippet          string            `json:"snippet,omitempty"` // HTML-escaped, matches in <mark>
	// SameAs is, for a MatchSameAs hit, the matched entity it is possibly
	// the same as; Claim is then the claim that says so.
	SameAs      string `json:"possibly_same_as,omitempty"`
	SameAsLabel string `json:"possibly_same_as_label,omitempty"`
}

// Results is the answer to a Query.
type Results struct {
	Query string `json:"query"`
	Total int    `json:"total"` // hits before Limit/Offset
	Hits  []Hit  `json:"hits"`
}
