package tokumu

import "strings"

// EntityType is the kind of thing an entity is. Claims hang on entities; the
// type decides which predicates may start from or point at it.
type EntityType string

// The entity types.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Unit         EntityType = "unit"
	Place        EntityType = "place"
	Event        EntityType = "event"
	Operation    EntityType = "operation"
	Document     EntityType = "document"
	Period       EntityType = "period"
	// Hypothesis is one answer to an analytic question (Heuer's ACH): it
	// is linked to the event or document the question is about, and the
	// analyst's ratings of evidence hang on it as claims.
	Hypothesis EntityType = "hypothesis"
)

// EntityTypes lists every entity type in display order.
var EntityTypes = []EntityType{Person, Organization, Unit, Place, Event, Operation, Document, Period, Hypothesis}

// Valid reports whether t is one of EntityTypes.
func (t EntityType) Valid() bool {
	for _, v := range EntityTypes {
		if t == v {
			return true
		}
	}
	return false
}

// NameKind says what a name is: the entity's own form in its own script, a
// romanization or transcription of it, or another name it went by.
type NameKind string

// The name kinds.
const (
	Native      NameKind = "native"      // in the entity's own language and script: 土肥原賢二, Люшков
	Romanized   NameKind = "romanized"   // Latin-script form by a system: Doihara Kenji
	Transcribed NameKind = "transcribed" // another script by a system: Доихара Кэндзи
	Alias       NameKind = "alias"       // another spelling or name: Dohihara, Nomonhan
	Codename    NameKind = "codename"    // a cover or code name: Ramsay
	Former      NameKind = "former"      // an earlier name, usually with a validity period
)

// NameKinds lists every name kind.
var NameKinds = []NameKind{Native, Romanized, Transcribed, Alias, Codename, Former}

// Valid reports whether k is one of NameKinds.
func (k NameKind) Valid() bool {
	for _, v := range NameKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Name is one name of an entity, in one language and script.
type Name struct {
	Text   string   `json:"text"`             // the name as written
	Lang   string   `json:"lang"`             // BCP 47 tag: ja, ja-Latn, ru, ru-Latn, en, zh-Hant …
	Kind   NameKind `json:"kind"`             // native, romanized, …
	When   When     `json:"when,omitzero"`    // when the name was in use, if it changed
	Source string   `json:"source,omitempty"` // bibliography key of the source that gives this form, if any
}

// Entity is an anchor for claims: a person, organization, unit, place,
// event, operation, document or period.
type Entity struct {
	ID      string            `json:"id"`
	Type    EntityType        `json:"type"`
	Names   []Name            `json:"names"`
	Summary map[string]string `json:"summary,omitempty"` // a one-line gloss by language (en, ja, ru)
	Tags    []string          `json:"tags,omitempty"`
	Origin  string            `json:"origin,omitempty"` // where it is defined, e.g. "entities/person/doihara-kenji.yaml"
}

// Label returns the best name of e for a reader of lang ("en", "ja" or
// "ru"): among the entity's proper names (its own, and their systematic
// romanizations and transcriptions) the one in that language, then the
// English one, then a romanized one, then any; an alias, cover name or former name only when
// the entity has no proper name ("Doihara Kenji", not "Lawrence of
// Manchuria"); the id if e has no names. It is the one label policy of
// tokumu: the CLI, the search, the web pages and the exports all use it.
func (e *Entity) Label(lang string) string {
	if e == nil {
		return ""
	}
	proper := false
	for _, n := range e.Names {
		if n.Kind.Proper() {
			proper = true
			break
		}
	}
	best, score := "", -1
	for _, n := range e.Names {
		if proper && !n.Kind.Proper() {
			continue
		}
		s := nameScore(n, lang)
		if s > score {
			best, score = n.Text, s
		}
	}
	if best == "" {
		return e.ID
	}
	return best
}

// Proper reports whether a name of kind k is the entity's own name or a
// systematic rendering of it, as opposed to an alias, a cover name or a
// former name.
func (k NameKind) Proper() bool {
	switch k {
	case Alias, Codename, Former:
		return false
	}
	return true
}

func nameScore(n Name, lang string) int {
	base := primaryLang(n.Lang)
	script := ""
	if i := strings.IndexByte(n.Lang, '-'); i >= 0 {
		script = n.Lang[i+1:]
	}
	s := 0
	switch {
	case lang == "en" && base == "en":
		s = 60
	case lang == "en" && script == "Latn":
		s = 50
	case base == lang && script == "":
		s = 60
	case base == lang:
		s = 40
	case base == "en":
		// A reader with no name in their language reads the English one
		// before another language's romanization: 白系露人事務局's reader
		// gets "Bureau for Russian Emigrants", not "Byuro po delam …".
		s = 36
	case script == "Latn":
		s = 30
	default:
		s = 10
	}
	// An alias or a code name is never the label while the entity has a
	// proper name a reader of lang can read: Doihara Kenji, not "Lawrence
	// of Manchuria".
	switch n.Kind {
	case Native, Romanized:
		s += 5
	case Former:
		s -= 5
	case Alias, Codename:
		s -= 15
	}
	return s
}

// primaryLang returns the language subtag of a BCP 47 tag: "ja" for "ja-Latn".
func primaryLang(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		return tag[:i]
	}
	return tag
}

// NameOn returns the name in lang that a dated name of e says it bore on
// day d, and "" when no dated name (other than an alias or a code name)
// covers d, or when two differing ones do (June 1936, when the Russia
// Group became the Russia Section: which name a claim of that month met
// is not known), or d is no day (an unknown start). A page or a list
// labels an organization by its current name; beside a claim that begins
// on d it says what the organization was then called, so that a head of
// the Russia Section in 1935 is seen to have headed what was then the
// Russia Group, before the 1936 reorganization.
func (e *Entity) NameOn(lang string, d Day) string {
	return e.NameDuring(lang, d, d)
}

// NameDuring is NameOn for the days from to to: the name a dated name
// says e bore on every one of them, and "" when none covers them all or a
// differing dated name covers any of them (a network drawn over 1934–1938
// cannot label the Russia Section by the name it lost in June 1936).
func (e *Entity) NameDuring(lang string, from, to Day) string {
	if from <= MinDay || to >= MaxDay || from > to {
		return ""
	}
	found := ""
	for _, n := range e.Names {
		if n.Lang != lang || n.When.IsZero() || n.Kind == Alias || n.Kind == Codename {
			continue
		}
		w := n.When.Stated()
		if w.Latest < from || to < w.Earliest {
			continue // not borne on any of the days
		}
		if found != "" && found != n.Text || w.Earliest > from || w.Latest < to {
			return "" // two names, or this one not on every day
		}
		found = n.Text
	}
	return found
}
