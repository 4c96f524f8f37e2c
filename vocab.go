package tokumu

import (
	"fmt"
	"slices"
	"strings"
)

// Role is what the engine knows a predicate to mean. The vocabulary
// declares roles (`roles: [office]` in its YAML); the views ask the
// vocabulary which predicates play a role instead of naming predicate ids,
// so a corpus whose predicates have other names still gets the chart, the
// at-date views, the timeline, the map and the estimates.
//
// Two kinds of role exist. A unique role (founded, occurred, covers …) is
// played by at most one predicate: the views look it up with Vocab.ID. A
// shared role (hierarchy, office, functional …) may be played by many: the
// views test it with Vocab.Has.
type Role string

// The unique roles: each names one predicate of the vocabulary.
const (
	RoleBorn        Role = "born"          // a person's birth (literal none: when, where)
	RoleDied        Role = "died"          // a person's death
	RoleFounded     Role = "founded"       // an organization or operation begins
	RoleDissolved   Role = "dissolved"     // an organization or operation ends
	RoleSuccessor   Role = "successor"     // an organization converted into another
	RoleOccurred    Role = "occurred"      // an event happened
	RoleIssued      Role = "issued"        // a document was issued
	RoleCoordinates Role = "coordinates"   // a place's point
	RoleLocatedIn   Role = "located_in"    // where an organization or event is
	RoleCovers      Role = "covers"        // the span of a period of the thesis
	RoleThesis      Role = "thesis"        // a period's thesis statement, with its evidence
	RoleInPeriod    Role = "part_of_event" // an event or entity belongs to a period or larger event
	RoleDescription Role = "description"   // a free-text description, citable as evidence
	RoleEstimate    Role = "strength"      // the strength of a force: estimates (with by) and actual counts
	// RoleHypothesisOf links a hypothesis to the event or document its
	// question is about: the hypotheses of one object form one matrix.
	RoleHypothesisOf Role = "hypothesis_of"
	// RoleRating is an analyst's rating of one piece of evidence against a
	// hypothesis: value CC, C, N, I, II or NA, the evidence claim in
	// supported_by, the analyst in by.
	RoleRating Role = "ach_rating"
	// RoleSameAs says two entities may be one (a cover name and a person)
	// without merging them; the claim's grade says how likely.
	RoleSameAs Role = "possibly_same_as"
)

// The shared roles: any number of predicates may play them.
const (
	// RoleHierarchy marks the edges of the organization chart, child →
	// parent (also written `hierarchy: true`).
	RoleHierarchy Role = "hierarchy"
	// RoleOffice marks a post held by one person at a time (head of,
	// commander): a successor's arrival ends a predecessor's tenure, and
	// two holders at once disagree.
	RoleOffice Role = "office"
	// RolePosting marks a posting or membership of a person (served in,
	// attaché in): dated holdings that may repeat.
	RolePosting Role = "posting"
	// RoleFunctional marks what holds once per subject (born, founded,
	// coordinates): two claims that differ disagree.
	RoleFunctional Role = "functional"
	// RoleOncePerObject marks a relation that holds once for a subject
	// and object (a person graduates from a school once).
	RoleOncePerObject Role = "once_per_object"
	// RoleExclusive marks a posting a person holds one at a time
	// (attaché in a capital): the next one ends an earlier posting whose
	// end the source does not give. Offices are exclusive too.
	RoleExclusive Role = "exclusive"
	// RoleTakesPart marks the links of an event or operation to what took
	// part in it or was concerned (participant, conducted by, targeted):
	// the timeline filters events by them.
	RoleTakesPart Role = "takes_part"
)

// uniqueRoles and sharedRoles are the roles the vocabulary may declare.
var (
	uniqueRoles = []Role{RoleBorn, RoleDied, RoleFounded, RoleDissolved, RoleSuccessor, RoleOccurred,
		RoleIssued, RoleCoordinates, RoleLocatedIn, RoleCovers, RoleThesis, RoleInPeriod, RoleDescription,
		RoleEstimate, RoleHypothesisOf, RoleRating, RoleSameAs}
	sharedRoles = []Role{RoleHierarchy, RoleOffice, RolePosting, RoleExclusive, RoleFunctional, RoleOncePerObject, RoleTakesPart}
)

// Unique reports whether at most one predicate may play r.
func (r Role) Unique() bool { return slices.Contains(uniqueRoles, r) }

// ParseRole reads a role name; the error lists the roles there are.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if slices.Contains(uniqueRoles, r) || slices.Contains(sharedRoles, r) {
		return r, nil
	}
	names := make([]string, 0, len(uniqueRoles)+len(sharedRoles))
	for _, r := range append(slices.Clone(uniqueRoles), sharedRoles...) {
		names = append(names, string(r))
	}
	slices.Sort(names)
	return "", Errorf(EINVALID, "unknown role %q (roles: %s)", s, strings.Join(names, ", "))
}

// HasRole reports whether p plays role r.
func (p *Predicate) HasRole(r Role) bool {
	if r == RoleHierarchy && p.Hierarchy {
		return true
	}
	return slices.Contains(p.Roles, r)
}

// Vocab is the vocabulary with its roles resolved: lookup by id and by
// role. It is immutable once built and safe for concurrent use.
type Vocab struct {
	list   []*Predicate
	byID   map[string]*Predicate
	unique map[Role]string
	shared map[Role]map[string]bool
}

// NewVocab indexes preds (in vocabulary order). It returns EINVALID when
// two predicates claim one unique role.
func NewVocab(preds []*Predicate) (*Vocab, error) {
	v := &Vocab{list: preds, byID: make(map[string]*Predicate, len(preds)),
		unique: map[Role]string{}, shared: map[Role]map[string]bool{}}
	for _, p := range preds {
		v.byID[p.ID] = p
		roles := p.Roles
		if p.Hierarchy {
			roles = append(slices.Clone(roles), RoleHierarchy)
		}
		for _, r := range roles {
			if r.Unique() {
				if prev, dup := v.unique[r]; dup && prev != p.ID {
					return nil, Errorf(EINVALID, "predicates %s and %s both declare the role %s; one predicate plays it", prev, p.ID, r)
				}
				v.unique[r] = p.ID
				continue
			}
			if v.shared[r] == nil {
				v.shared[r] = map[string]bool{}
			}
			v.shared[r][p.ID] = true
		}
	}
	return v, nil
}

// MustVocab is NewVocab for vocabularies already checked by the loader
// (the store only holds checked ones); it panics on a role conflict.
func MustVocab(preds []*Predicate) *Vocab {
	v, err := NewVocab(preds)
	if err != nil {
		panic(fmt.Sprintf("tokumu: %v", err))
	}
	return v
}

// List returns the predicates in vocabulary order. The caller must not
// modify it.
func (v *Vocab) List() []*Predicate { return v.list }

// Pred returns the predicate with the id, or nil.
func (v *Vocab) Pred(id string) *Predicate { return v.byID[id] }

// Map returns the predicates by id. The caller must not modify it.
func (v *Vocab) Map() map[string]*Predicate { return v.byID }

// ID returns the predicate that plays unique role r, or "" if none does.
func (v *Vocab) ID(r Role) string { return v.unique[r] }

// Is reports whether predicate id plays role r (unique or shared).
func (v *Vocab) Is(id string, r Role) bool {
	if id == "" {
		return false
	}
	if r.Unique() {
		return v.unique[r] == id
	}
	return v.shared[r][id]
}

// IDs returns the predicates that play shared role r, in vocabulary order.
func (v *Vocab) IDs(r Role) []string {
	var out []string
	for _, p := range v.list {
		if v.Is(p.ID, r) {
			out = append(out, p.ID)
		}
	}
	return out
}

// Numbers returns the predicates whose values are numbers, in vocabulary order.
func (v *Vocab) Numbers() []string {
	var out []string
	for _, p := range v.list {
		if p.Literal == LiteralNumber {
			out = append(out, p.ID)
		}
	}
	return out
}
