package tokumu

import (
	"encoding/json"
	"fmt"
)

// Claim is one statement with its provenance: subject — predicate — object
// or value, when, where, according to which source, at what grade, and from
// whose perspective. Entities are anchors; claims are the knowledge.
type Claim struct {
	ID        string `json:"id"`
	Subject   string `json:"subject"`          // entity id
	Predicate string `json:"predicate"`        // predicate id
	Object    string `json:"object,omitempty"` // entity id, for relations
	Value     string `json:"value,omitempty"`  // literal value, for text, number and point predicates
	Unit      string `json:"unit,omitempty"`   // unit of a number: men, divisions, aircraft, tanks …
	Role      string `json:"role,omitempty"`   // the position held, for member_of and the like
	Lang      string `json:"lang,omitempty"`   // language of a text value
	When      When   `json:"when,omitzero"`
	Where     string `json:"where,omitempty"` // place entity id

	Source  string `json:"source"`        // bibliography key; every claim has one
	Locator string `json:"loc,omitempty"` // page, folio, archive file
	Grade   Grade  `json:"grade"`         // effective grade: the claim's own, or its source's default

	// Perspective is the entity (an organ, a person) that held or reported
	// this belief. Empty means the historiography's view.
	Perspective string `json:"by,omitempty"`
	// PlantedBy is the operation that planted this claim, if the other side
	// fed it (deception, a controlled agent).
	PlantedBy string `json:"planted_by,omitempty"`
	// NamedAs keeps the source's own words for an entity the claim links
	// where the editors identified it: a memoir says "the Japanese" and
	// the claim says by: kwantung-army. Readers see both, and can judge
	// the identification apart from what the page says.
	NamedAs NamedAs `json:"named_as,omitzero"`

	Note          string   `json:"note,omitempty"`
	SupportedBy   []string `json:"supported_by,omitempty"` // for thesis claims: evidence, as claim or entity ids
	ComplicatedBy []string `json:"complicated_by,omitempty"`

	Origin string `json:"origin,omitempty"` // file:line where the claim is written
}

// IsRelation reports whether the claim links two entities.
func (c *Claim) IsRelation() bool { return c.Object != "" }

// About reports whether the claim is about entity id, from either side.
func (c *Claim) About(id string) bool { return c.Subject == id || c.Object == id }

// NamedAs is the wording of the source for the entities a claim names
// by the editors' identification: its subject, its object, its
// perspective. An empty field means the source names that entity itself
// (or the editors had nothing to add).
type NamedAs struct {
	Subject     string `json:"subject,omitempty"`
	Object      string `json:"object,omitempty"`
	Perspective string `json:"by,omitempty"`
	// Words says whose words the fields are: "" for the source's own
	// (or those of the translation the editors read), WordsEditors for the
	// editors' account of how the source named the entity — the source's
	// words were not written down when it was read, or it was read only in
	// summary. Pages print the first as a quotation, the second as the
	// editors' account, never in quotation marks.
	Words string `json:"words,omitempty"`
}

// WordsEditors marks a NamedAs in the editors' words.
const WordsEditors = "editors"

// IsZero reports whether no wording is kept.
func (n NamedAs) IsZero() bool { return n == NamedAs{} }

// Encode is the stores' form of n: a JSON object, or "" when n is zero.
func (n NamedAs) Encode() string {
	if n.IsZero() {
		return ""
	}
	b, _ := json.Marshal(n) // four strings: cannot fail
	return string(b)
}

// DecodeNamedAs reads what Encode wrote.
func DecodeNamedAs(s string) (NamedAs, error) {
	var n NamedAs
	if s == "" {
		return n, nil
	}
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		return n, fmt.Errorf("named_as %q: %w", s, err)
	}
	return n, nil
}
