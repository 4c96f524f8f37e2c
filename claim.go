package tokumu

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

	Note          string   `json:"note,omitempty"`
	SupportedBy   []string `json:"supported_by,omitempty"` // for thesis claims: evidence, as claim or entity ids
	ComplicatedBy []string `json:"complicated_by,omitempty"`

	Origin string `json:"origin,omitempty"` // file:line where the claim is written
}

// IsRelation reports whether the claim links two entities.
func (c *Claim) IsRelation() bool { return c.Object != "" }

// About reports whether the claim is about entity id, from either side.
func (c *Claim) About(id string) bool { return c.Subject == id || c.Object == id }
