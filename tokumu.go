// Package tokumu is the domain of a source-grounded, multilingual, temporal
// knowledge system for intelligence history.
//
// Everything the system knows is a Claim: a subject, a predicate, an object
// entity or a literal value, a time written in EDTF, a place, and — always —
// the Source it comes from, with a locator and a Grade. Entities (persons,
// organizations, units, places, events, operations, documents, periods) are
// anchors that claims hang on. A claim may carry a perspective: the
// historical actor who held the belief, as distinct from the historian's
// source, so that what Tokyo believed can be set beside what was true.
//
// This package holds the types and the rules that do not depend on storage,
// transport or file formats. Implementations live in sub-packages named
// after what they wrap: yamlcorpus (the corpus on disk), sqlite (the default
// store), web (HTTP); cmd/tokumu wires them together.
package tokumu

// Version is the program version, set at build time with
// -ldflags "-X github.com/tokumu/tokumu.Version=…".
var Version = "dev"
