// Package format writes a corpus, or a part of it, in the formats the
// field's tools read: spreadsheets (CSV), triple stores (N-Triples, Turtle,
// JSON-LD on CIDOC-CRM), network tools (GEXF, GraphML), GIS and gazetteers
// (GeoJSON, Linked Places), citation managers (CSL-JSON, BibTeX, RIS) and
// timelines (TimelineJS). Each format is one file that registers itself;
// a format that needs a dependency of its own lives in a subpackage, or is
// registered by the program that links it (the YAML corpus, by
// cmd/tokumu, since format may not import an adapter).
//
// A format reads an Export: a view of a store filtered by a Query, walked
// entity by entity, so that memory grows with the number of entities (their
// ids) and the claims of one entity, never with the number of claims.
package format

import (
	"context"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
)

// Format is one export format.
type Format struct {
	Name      string // what --format and ?format= take: "csv", "turtle" …
	MediaType string // the Content-Type of the output
	Ext       string // the file extension, with the dot: ".ttl"
	Summary   string // one line for help texts
	Write     func(ctx context.Context, w io.Writer, x *Export) error
}

var (
	mu       sync.RWMutex
	registry = map[string]*Format{}
)

// Register adds f to the registry. It panics on a duplicate name, which
// is a programming error found at start-up.
func Register(f *Format) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[f.Name]; dup {
		panic("format: Register called twice for " + f.Name)
	}
	registry[f.Name] = f
}

// Lookup returns the format called name, or an EINVALID error that lists
// the formats there are.
func Lookup(name string) (*Format, error) {
	mu.RLock()
	defer mu.RUnlock()
	if f := registry[name]; f != nil {
		return f, nil
	}
	if name == "" {
		return nil, tokumu.Errorf(tokumu.EINVALID, "format: give a format, one of %s", strings.Join(namesLocked(), ", "))
	}
	return nil, tokumu.Errorf(tokumu.EINVALID, "format %q is unknown: use one of %s", name, strings.Join(namesLocked(), ", "))
}

// Names lists the registered formats in alphabetical order.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	return namesLocked()
}

// All returns the registered formats in alphabetical order of name.
func All() []*Format {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*Format, 0, len(registry))
	for _, n := range namesLocked() {
		out = append(out, registry[n])
	}
	return out
}

func namesLocked() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
