package web_test

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"os"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/memstore"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestRenamedVocabulary serves a corpus whose predicates have other names
// than the embedded corpus's (testdata/renamed: gehoert_zu for part_of,
// leitet for head_of, geschah for occurred …) and no settings file: the
// chart, the at-date view, the timeline and the estimates find the
// predicates by the roles its vocabulary declares, and the views start
// from what the data spans.
func TestRenamedVocabulary(t *testing.T) {
	ds, err := yamlcorpus.Load(os.DirFS("testdata/renamed"))
	if err != nil {
		t.Fatal(err)
	}
	ts := serveMemory(t, ds)
	checkURLs(t, ts.URL, []urlCase{
		// The chart opens on the corpus's root in its first year; the first
		// chief's open tenure ends when the second arrives (role office).
		{"/structure", 200, []string{"Central Office", "Field Office", "Second Chief"}, []string{"First Chief"}},
		{"/structure?root=aussenstelle&date=1927-06-01", 200, []string{"First Chief"}, []string{"Second Chief"}},
		{"/api/at?date=1932-06-01&id=aussenstelle", 200, []string{`"status":"exists"`, `"leiter-b"`, `"zentrale"`}, []string{`"leiter-a~`}},
		{"/api/at?date=1936-06-01&id=aussenstelle", 200, []string{`"status":"dissolved"`}, nil},
		{"/timeline", 200, []string{"The Border Incident"}, nil},
		{"/timeline?org=aussenstelle", 200, []string{"The Border Incident"}, nil},
		{"/estimates", 200, []string{"Opposing Army", "×1.50"}, nil},
		{"/api/disagreements?id=aussenstelle", 200, []string{"[]"}, nil},
	}, nil)
}

// A claim shown on its object's page (the inverse view) keeps the
// source's words for an organ the editors identified as its perspective.
func TestInverseClaimShowsNamedPerspective(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/renamed"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("testdata/renamed/" + p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const extra = "  - {p: gehoert_zu, o: zentrale, when: \"1930\", by: leiter-a, named_as: {by: \"the old chief\"}, source: buch, grade: C3}\n"
	fsys["entities/organization/aussenstelle.yaml"].Data = append(fsys["entities/organization/aussenstelle.yaml"].Data, extra...)
	ds, err := yamlcorpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveMemory(t, ds)
	checkURLs(t, ts.URL, []urlCase{
		{"/entities/zentrale", 200, []string{"the source says “the old chief”"}, nil},
	}, nil)
}

// serveMemory serves ds from a memory store: the views read any store, and
// the SQLite one has its own suite.
func serveMemory(t *testing.T, ds *tokumu.Dataset) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db := memstore.New()
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	return serveStore(t, db)
}
