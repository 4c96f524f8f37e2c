package tokumu

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"time"
)

// Release is a frozen snapshot of a living database, which permalinks
// cite ("claim X as of release R"). Its name is the first 12 hex digits of
// its content hash, the form the page footer and /api/release give a
// corpus's hash: the same content gives the same name in any store.
type Release struct {
	// Name is Hash's first 12 hex digits: what a citation names.
	Name string `json:"name"`
	// Hash identifies the content: the SHA-256 the YAML corpus loader
	// gives the corpus this release exports as (yamlcorpus.Hash), so that
	// a server importing that export shows this release in its footer.
	Hash string `json:"hash"`
	// Revision is the newest edit in the release (0: none since import).
	Revision int64     `json:"revision"`
	Created  time.Time `json:"created"`
	Note     string    `json:"note,omitempty"`
	Entities int       `json:"entities"`
	Claims   int       `json:"claims"`
	Sources  int       `json:"sources"`
}

// Releases is what a store that keeps releases does beside Store. A
// release is kept whole (vocabulary, settings, sources, entities, claims)
// and never changed: edits and imports after it leave it as it was.
type Releases interface {
	// CreateRelease keeps ds as the release r in one transaction.
	// ECONFLICT if a release of that name exists.
	CreateRelease(ctx context.Context, r *Release, ds *Dataset) error
	// ListReleases returns every release, newest first.
	ListReleases(ctx context.Context) ([]*Release, error)
	// Release returns the release with the name; ENOTFOUND if none.
	Release(ctx context.Context, name string) (*Release, error)
	// ReleaseDataset returns the release's whole content, in the order it
	// was given; ENOTFOUND if there is no such release.
	ReleaseDataset(ctx context.Context, name string) (*Dataset, error)
	// ReleaseClaim returns the claim as the release holds it; ENOTFOUND
	// if there is no such release or it holds no such claim.
	ReleaseClaim(ctx context.Context, name, id string) (*Claim, error)
}

// ReleaseName is the name a content hash gives its release.
func ReleaseName(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

var releaseName = regexp.MustCompile(`^[0-9a-f]{12}$`)

// CheckReleaseName refuses what cannot be a release's name, naming the
// parameter, before any lookup.
func CheckReleaseName(name string) error {
	if !releaseName.MatchString(name) {
		return Errorf(EINVALID, "release %q: a release is named by 12 hex digits, as `tokumu release list` and /api/releases show", clipText(name, 40))
	}
	return nil
}

func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// The kinds of object a release keeps, beside the Editor's.
const (
	releasePredicate = "predicate"
	releaseSettings  = "settings"
)

// ReleaseObject is one object of a release as a store keeps it: its kind,
// id and position, and its JSON body (EncodeObject's form) with the
// body's SHA-256, under which a store keeps each body once however many
// releases hold it.
type ReleaseObject struct {
	Kind string
	ID   string
	Ord  int
	Body string
	Sum  string
}

// ReleaseObjects turns a dataset into the objects a store keeps.
func ReleaseObjects(ds *Dataset) ([]ReleaseObject, error) {
	var out []ReleaseObject
	add := func(kind, id string, i int, v any) error {
		var body string
		var err error
		switch kind {
		case releasePredicate, releaseSettings:
			var b []byte
			b, err = json.Marshal(v)
			body = string(b)
		default:
			body, err = EncodeObject(v)
		}
		if err != nil {
			return fmt.Errorf("release: %s %s: %w", kind, id, err)
		}
		sum := sha256.Sum256([]byte(body))
		out = append(out, ReleaseObject{Kind: kind, ID: id, Ord: i, Body: body, Sum: hex.EncodeToString(sum[:])})
		return nil
	}
	if err := add(releaseSettings, "", 0, &ds.Settings); err != nil {
		return nil, err
	}
	for i, p := range ds.Predicates {
		if err := add(releasePredicate, p.ID, i, p); err != nil {
			return nil, err
		}
	}
	for i, s := range ds.Sources {
		if err := add(string(KindSource), s.ID, i, s); err != nil {
			return nil, err
		}
	}
	for i, e := range ds.Entities {
		if err := add(string(KindEntity), e.ID, i, e); err != nil {
			return nil, err
		}
	}
	for i, c := range ds.Claims {
		if err := add(string(KindClaim), c.ID, i, c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AddReleaseObject reads back one object of ReleaseObjects into ds; a
// store calls it for each object in kind and ord order.
func AddReleaseObject(ds *Dataset, kind, body string) error {
	switch kind {
	case releaseSettings:
		return json.Unmarshal([]byte(body), &ds.Settings)
	case releasePredicate:
		p := &Predicate{}
		if err := json.Unmarshal([]byte(body), p); err != nil {
			return err
		}
		ds.Predicates = append(ds.Predicates, p)
		return nil
	}
	v, err := DecodeObject(ObjectKind(kind), body)
	if err != nil {
		return err
	}
	ds.add(v)
	return nil
}

// ReleaseKindOrder is the order a store reads a release's objects in:
// settings, vocabulary, sources, entities, claims.
var ReleaseKindOrder = []string{releaseSettings, releasePredicate, string(KindSource), string(KindEntity), string(KindClaim)}
