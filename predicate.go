package tokumu

// Literal is the kind of value a literal predicate takes.
type Literal string

// The literal kinds. A predicate whose range is entity types has Literal "".
const (
	LiteralText   Literal = "text"
	LiteralNumber Literal = "number"
	LiteralPoint  Literal = "point" // "lat, lon" in WGS 84 degrees
	LiteralNone   Literal = "none"  // a dated fact with no object: born, founded, occurred
)

// Predicate is an entry of the vocabulary: what a claim may say.
type Predicate struct {
	ID      string            `json:"id"`
	Label   map[string]string `json:"label"`           // by language: en, ja, ru
	Inverse map[string]string `json:"inverse"`         // how a claim reads from its object's side
	Domain  []EntityType      `json:"domain"`          // the types a claim with this predicate may be about
	Range   []EntityType      `json:"range,omitempty"` // the types its object may have; empty for literals
	Literal Literal           `json:"literal,omitempty"`
	// Hierarchy marks the edges of the organization chart (child → parent).
	Hierarchy bool `json:"hierarchy,omitempty"`
	// Roles say what the engine may rely on the predicate to mean (see
	// Role): the views find predicates by role, never by id.
	Roles  []Role `json:"roles,omitempty"`
	Origin string `json:"origin,omitempty"`
}

// LabelIn returns the label in lang, falling back to English and then the id.
func (p *Predicate) LabelIn(lang string) string { return pick(p.Label, lang, p.ID) }

// InverseIn returns the inverse label in lang, falling back as LabelIn does.
func (p *Predicate) InverseIn(lang string) string {
	return pick(p.Inverse, lang, "← "+p.LabelIn(lang))
}

// AllowsSubject reports whether a claim with this predicate may be about an entity of type t.
func (p *Predicate) AllowsSubject(t EntityType) bool { return containsType(p.Domain, t) }

// AllowsObject reports whether a claim with this predicate may point at an entity of type t.
func (p *Predicate) AllowsObject(t EntityType) bool { return containsType(p.Range, t) }

func containsType(ts []EntityType, t EntityType) bool {
	for _, v := range ts {
		if v == t {
			return true
		}
	}
	return false
}

func pick(m map[string]string, lang, fallback string) string {
	if s := m[lang]; s != "" {
		return s
	}
	if s := m["en"]; s != "" {
		return s
	}
	return fallback
}
