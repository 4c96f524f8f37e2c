package view_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/memstore"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// storeOf writes ds into a new SQLite file with a content hash (the
// stored model is keyed by it; a store without one keeps none).
func storeOf(t *testing.T, ds *tokumu.Dataset) *sqlite.DB {
	t.Helper()
	ds.Hash = "test-hash"
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Replace(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return st
}

// putStored encodes the model LoadCorpus builds from st and stores it
// under the key of st's content and head revision.
func putStored(t *testing.T, st *sqlite.DB) *view.Corpus {
	t.Helper()
	ctx := context.Background()
	built, err := view.LoadCorpus(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	data, err := built.Encode()
	if err != nil {
		t.Fatal(err)
	}
	hash, err := st.Hash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := tokumu.HeadRevision(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutBlob(ctx, view.CorpusBlobName, view.CorpusBlobKey(hash, rev), data); err != nil {
		t.Fatal(err)
	}
	return built
}

// sameCorpus fails t with the first field in which a and b differ, and
// where a shares one claim between two parts (a figure that is also a
// thesis's evidence) and b does not.
func sameCorpus(t *testing.T, a, b *view.Corpus) {
	t.Helper()
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := 0; i < va.NumField(); i++ {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			t.Errorf("%s differs:\nbuilt:  %s\nstored: %s", va.Type().Field(i).Name, short(va.Field(i).Interface()), short(vb.Field(i).Interface()))
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the corpora differ")
	}
	if sa, sb := sharedClaims(a), sharedClaims(b); sa != sb {
		t.Errorf("claims held by two parts: %d built, %d stored", sa, sb)
	}
}

func short(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 600 {
		s = s[:600] + " …"
	}
	return s
}

// sharedClaims counts the claim pointers that more than one part holds.
func sharedClaims(c *view.Corpus) int {
	seen := map[*tokumu.Claim]int{}
	for _, cl := range c.Numbers {
		seen[cl]++
	}
	for _, cl := range c.Evidence {
		seen[cl]++
	}
	for _, p := range c.Periods {
		for _, cl := range p.Thesis {
			seen[cl]++
		}
	}
	for _, p := range c.Places {
		for _, o := range p.Orgs {
			if o.FromBy != nil {
				seen[o.FromBy]++
			}
			if o.ToBy != nil {
				seen[o.ToBy]++
			}
		}
	}
	n := 0
	for _, k := range seen {
		if k > 1 {
			n++
		}
	}
	return n
}

// TestStoredCorpusEmbedded: on the embedded corpus the stored model,
// decoded, is the model LoadCorpus builds, field by field (periods with
// their thesis, events, places with their organizations, figures,
// evidence, every entity with its names), so every page served from it
// is the page served from a rebuilt one.
func TestStoredCorpusEmbedded(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	built := storedRoundTrip(t, ds)
	// The comparison proves something only if the corpus fills every part.
	if len(built.Periods) == 0 || len(built.Events) == 0 || len(built.Places) == 0 || len(built.Numbers) == 0 ||
		len(built.Evidence) == 0 || len(built.Entities) < 100 {
		t.Errorf("the embedded corpus leaves a part empty: %d periods, %d events, %d places, %d figures, %d evidence, %d entities",
			len(built.Periods), len(built.Events), len(built.Places), len(built.Numbers), len(built.Evidence), len(built.Entities))
	}
	if sharedClaims(built) == 0 {
		t.Error("no claim is held by two parts: sharing goes untested")
	}
}

// TestStoredCorpusSynthetic is the same comparison on the 10k-claim
// synthetic corpus (its entities have many names; its organizations are
// located at places with dated foundings and dissolutions).
func TestStoredCorpusSynthetic(t *testing.T) {
	c, err := synth.Cached(10000, 42)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := yamlcorpus.Load(os.DirFS(c.Dir))
	if err != nil {
		t.Fatal(err)
	}
	built := storedRoundTrip(t, ds)
	orgs := 0
	for _, p := range built.Places {
		orgs += len(p.Orgs)
	}
	if len(built.Events) == 0 || orgs == 0 || len(built.Entities) < 1000 {
		t.Errorf("the synthetic corpus leaves a part empty: %d events, %d organizations at places, %d entities", len(built.Events), orgs, len(built.Entities))
	}
}

// TestStoredCorpusStaleOrDamaged: a model stored for another revision, or
// one that does not decode, is never served; LoadCorpusStored rebuilds.
func TestStoredCorpusStaleOrDamaged(t *testing.T) {
	ctx := context.Background()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	st := storeOf(t, ds)
	putStored(t, st)
	data, ok, err := st.Blob(ctx, view.CorpusBlobName, view.CorpusBlobKey("test-hash", 0))
	if err != nil || !ok {
		t.Fatalf("no stored model under the key of revision 0 (ok %v, err %v)", ok, err)
	}

	// An edit: the SQLite store drops the blob with it; a blob written
	// back under the key of the revision before (a writer that raced the
	// edit) must still be passed over.
	cl := &tokumu.Claim{ID: "c-stored-edit", Subject: "kwantung-army", Predicate: "located_in", Object: "harbin", Source: ds.Sources[0].ID}
	if err := st.Apply(ctx, &tokumu.Revision{Author: "t", Message: "edit", Changes: []tokumu.Change{
		{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: cl.ID, After: cl}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutBlob(ctx, view.CorpusBlobName, view.CorpusBlobKey("test-hash", 0), data); err != nil {
		t.Fatal(err)
	}
	got, stored, err := view.LoadCorpusStored(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if stored {
		t.Fatal("a model stored before an edit was served after it")
	}
	want, err := view.LoadCorpus(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	sameCorpus(t, want, got)

	// Damaged: one byte changed, the tail cut off, nothing at all.
	rev, err := tokumu.HeadRevision(ctx, st)
	if err != nil || rev != 1 {
		t.Fatalf("head revision %d (%v), want 1", rev, err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0x20
	for name, bad := range map[string][]byte{"flipped": flipped, "truncated": data[:len(data)/2], "empty": {}} {
		if err := st.PutBlob(ctx, view.CorpusBlobName, view.CorpusBlobKey("test-hash", rev), bad); err != nil {
			t.Fatal(err)
		}
		got, stored, err := view.LoadCorpusStored(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if stored {
			t.Errorf("%s: a damaged model was served", name)
		}
		sameCorpus(t, want, got)
	}
}

// storedGolden is the SHA-256 of the encoding of versionDataset's model,
// by corpusVersion. A change to what LoadCorpus derives, or to the
// encoding, changes it: then bump corpusVersion in stored.go (so that no
// model stored by an older build is decoded) and add the new version's
// hash here; the old entries stay, so a version is never reused.
var storedGolden = map[int]string{
	1: "e4b52c70bbc74eb723ae230a7635f595bc15998aff7404f5b89ae309a76612f8",
	2: "a91a04129413448f003dde801fa661536bf469556c0484d3d7f9eb14b7ba6273",
	3: "0971609bb62e1e09fa14a0bb4e7ae2dc928ac7fcf8ed9eb3f0e7e1ad7e6eb6c5",
	4: "6e303cec9dd3606cd0db6440e848eb89501063313445ead6d62f1769a342e5a1",
}

// versionDataset is a small hand-made dataset with a claim of every role
// LoadCorpus reads: a period with its span, thesis and an event in it; an
// event at a place with an organization taking part; an operation dated by
// its founding and dissolution; an organization located at a place with
// coordinates; a figure that the thesis cites as evidence, and a
// description.
func versionDataset(t *testing.T) *tokumu.Dataset {
	w := func(s string) tokumu.When {
		v, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	pred := func(id string, lit tokumu.Literal, roles ...tokumu.Role) *tokumu.Predicate {
		return &tokumu.Predicate{ID: id, Label: map[string]string{"en": id}, Literal: lit, Roles: roles}
	}
	ent := func(id string, typ tokumu.EntityType, name string) *tokumu.Entity {
		return &tokumu.Entity{ID: id, Type: typ, Names: []tokumu.Name{{Text: name, Lang: "en", Kind: "native"}}, Origin: id + ".yaml"}
	}
	cl := func(id, s, p, o, v, when string) *tokumu.Claim {
		c := &tokumu.Claim{ID: id, Subject: s, Predicate: p, Object: o, Value: v, Source: "src", Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}}
		if when != "" {
			c.When = w(when)
		}
		return c
	}
	thesis := cl("c-thesis", "period-a", "p-thesis", "", "the thesis", "")
	thesis.SupportedBy = []string{"c-strength", "c-desc"}
	figure := cl("c-strength", "unit-a", "p-strength", "", "1000", "1939-07")
	figure.Unit = "men"
	desc := cl("c-desc", "unit-a", "p-desc", "", "a description", "")
	desc.NamedAs = tokumu.NamedAs{Subject: "the unit"}
	return &tokumu.Dataset{
		Predicates: []*tokumu.Predicate{
			pred("p-covers", tokumu.LiteralNone, tokumu.RoleCovers), pred("p-thesis", tokumu.LiteralText, tokumu.RoleThesis),
			pred("p-in-period", "", tokumu.RoleInPeriod), pred("p-occurred", tokumu.LiteralNone, tokumu.RoleOccurred),
			pred("p-founded", tokumu.LiteralNone, tokumu.RoleFounded), pred("p-dissolved", tokumu.LiteralNone, tokumu.RoleDissolved),
			pred("p-located", "", tokumu.RoleLocatedIn), pred("p-coords", tokumu.LiteralPoint, tokumu.RoleCoordinates),
			pred("p-takes-part", "", tokumu.RoleTakesPart), pred("p-strength", tokumu.LiteralNumber, tokumu.RoleEstimate),
			pred("p-desc", tokumu.LiteralText, tokumu.RoleDescription),
		},
		Sources: []*tokumu.Source{{ID: "src", Kind: "scholarly", Title: "A book"}},
		Entities: []*tokumu.Entity{
			ent("period-a", tokumu.Period, "Period A"), ent("event-a", tokumu.Event, "Event A"),
			ent("op-a", tokumu.Operation, "Operation A"), ent("org-a", tokumu.Organization, "Org A"),
			ent("unit-a", tokumu.Unit, "Unit A"), ent("place-a", tokumu.Place, "Place A"),
		},
		Claims: []*tokumu.Claim{
			cl("c-covers", "period-a", "p-covers", "", "", "1937/1941"), thesis,
			cl("c-in-period", "event-a", "p-in-period", "period-a", "", ""),
			cl("c-occurred", "event-a", "p-occurred", "", "", "1939-05-11"),
			cl("c-op-founded", "op-a", "p-founded", "", "", "1938~"), cl("c-op-dissolved", "op-a", "p-dissolved", "", "", "1940"),
			cl("c-org-founded", "org-a", "p-founded", "", "", "1932"), cl("c-org-dissolved", "org-a", "p-dissolved", "", "", "1945-08"),
			cl("c-located", "org-a", "p-located", "place-a", "", "1933/1944"), cl("c-coords", "place-a", "p-coords", "", "45.75, 126.65", ""),
			cl("c-takes-part", "unit-a", "p-takes-part", "event-a", "", ""), cl("c-op-place", "op-a", "p-located", "place-a", "", ""),
			cl("c-unit-located", "unit-a", "p-located", "place-a", "", ""),
			figure, desc,
		},
	}
}

// TestStoredCorpusVersion: the model of a fixed dataset encodes to the
// bytes recorded for corpusVersion (see storedGolden).
func TestStoredCorpusVersion(t *testing.T) {
	st := memstore.New()
	if err := st.Replace(context.Background(), versionDataset(t)); err != nil {
		t.Fatal(err)
	}
	c, err := view.LoadCorpus(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	// Every part must be filled, or the hash would not notice a change
	// in how that part is derived.
	orgs := 0
	for _, p := range c.Places {
		orgs += len(p.Orgs)
	}
	if len(c.Periods) != 1 || len(c.Periods[0].Thesis) != 1 || len(c.Periods[0].Includes) != 1 || len(c.Events) != 2 ||
		len(c.Places) != 1 || orgs != 2 || len(c.Numbers) != 1 || len(c.Evidence) != 2 {
		t.Fatalf("the dataset does not fill every part: %d periods, %d events, %d places with %d organizations, %d figures, %d evidence",
			len(c.Periods), len(c.Events), len(c.Places), orgs, len(c.Numbers), len(c.Evidence))
	}
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	v := view.CorpusVersion()
	if storedGolden[v] != got {
		t.Errorf("the stored model of version %d hashes to %s, not %q: what LoadCorpus derives or how it is encoded changed; bump corpusVersion in stored.go and record the new hash under it", v, got, storedGolden[v])
	}
}

// storedRoundTrip stores the corpus read model of ds, loads it back as a
// server does and checks it is the model LoadCorpus builds; it returns
// the built one, for a test to check the corpus fills what it compares.
func storedRoundTrip(t *testing.T, ds *tokumu.Dataset) *view.Corpus {
	t.Helper()
	st := storeOf(t, ds)
	built := putStored(t, st)
	got, stored, err := view.LoadCorpusStored(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if !stored {
		t.Fatal("the stored model was not used")
	}
	sameCorpus(t, built, got)
	return built
}

// TestStoredCorpusInterned: the decoded model holds each repeated string
// once — the languages of names, the subjects of claims and the ids of
// the entities they name — the memory the interning saves (the values
// themselves are compared by storedRoundTrip).
func TestStoredCorpusInterned(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	st := storeOf(t, ds)
	putStored(t, st)
	got, stored, err := view.LoadCorpusStored(context.Background(), st)
	if err != nil || !stored {
		t.Fatalf("stored model not used: %v", err)
	}
	langs := map[string]*byte{}
	names, subjects := 0, 0
	for _, e := range got.Entities {
		for _, n := range e.Names {
			if p, ok := langs[n.Lang]; ok && p != unsafe.StringData(n.Lang) {
				t.Fatalf("%s: the language %q of a name is held twice", e.ID, n.Lang)
			}
			langs[n.Lang] = unsafe.StringData(n.Lang)
			names++
		}
	}
	for _, c := range got.Evidence {
		if e := got.Entities[c.Subject]; e != nil {
			if unsafe.StringData(e.ID) != unsafe.StringData(c.Subject) {
				t.Fatalf("claim %s: its subject %q is held apart from the entity's id", c.ID, c.Subject)
			}
			subjects++
		}
	}
	if names < 1000 || subjects < 10 {
		t.Fatalf("%d names, %d evidence claims about an entity: the test checks little", names, subjects)
	}
}
