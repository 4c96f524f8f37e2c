package yamlcorpus_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// goodFS copies testdata/good into a map file system whose officer file
// the caller may rewrite.
func goodFS(t *testing.T, officer string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, p := range []string{
		"vocabulary/core.yaml", "sources/test-memoir.yaml", "sources/test-monograph.yaml",
		"entities/organization/test-agency.yaml", "entities/organization/test-army.yaml",
	} {
		data, err := os.ReadFile("testdata/good/" + p)
		if err != nil {
			t.Fatal(err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	fsys["entities/person/test-officer.yaml"] = &fstest.MapFile{Data: []byte(officer)}
	return fsys
}

const officerHead = `id: test-officer
type: person
names:
  - {text: 試験太郎, lang: ja}
claims:
`

// A claim's permalink survives the edits an editor makes to it: a page
// number found, a grade revised, a note added, a date narrowed, a place
// added, the claim moved to another line.
func TestClaimIDSurvivesEdits(t *testing.T) {
	load := func(claims string) string {
		t.Helper()
		ds, err := yamlcorpus.Load(goodFS(t, officerHead+claims))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		for _, c := range ds.Claims {
			if c.Subject == "test-officer" && c.Predicate == "head_of" {
				return c.ID
			}
		}
		t.Fatal("no head_of claim")
		return ""
	}
	base := load(`  - {p: head_of, o: test-agency, when: "1932", source: test-monograph}` + "\n")
	if !strings.HasPrefix(base, "test-officer~") || len(base) != len("test-officer~")+16 {
		t.Fatalf("id %q: want test-officer~ and 16 hex digits (64 bits)", base)
	}
	for _, edit := range []struct{ name, claims string }{
		{"locator", `  - {p: head_of, o: test-agency, when: "1932", source: test-monograph, loc: "p. 12"}` + "\n"},
		{"grade", `  - {p: head_of, o: test-agency, when: "1932", source: test-monograph, grade: B3}` + "\n"},
		{"note", `  - {p: head_of, o: test-agency, when: "1932", source: test-monograph, note: "From the career table."}` + "\n"},
		{"date", `  - {p: head_of, o: test-agency, when: "1932-03/1934-06", source: test-monograph}` + "\n"},
		{"order", `  - {p: born, when: "1890", source: test-monograph}` + "\n" +
			`  - {p: head_of, o: test-agency, when: "1932", source: test-monograph}` + "\n"},
	} {
		if got := load(edit.claims); got != base {
			t.Errorf("after editing the %s: id %s, want %s", edit.name, got, base)
		}
	}
	// What identifies the claim does change it.
	if got := load(`  - {p: head_of, o: test-agency, when: "1932", source: test-memoir}` + "\n"); got == base {
		t.Errorf("another source kept the id %s", got)
	}
}

// Two claims with one identity are an error naming both, never merged;
// an explicit id on one resolves it.
func TestClaimIDCollision(t *testing.T) {
	two := `  - {p: head_of, o: test-agency, when: "1932", source: test-monograph}
  - {p: head_of, o: test-agency, when: "1936", source: test-monograph}
`
	_, err := yamlcorpus.Load(goodFS(t, officerHead+two))
	if err == nil {
		t.Fatal("Load accepted two claims with one identity")
	}
	msg := err.Error()
	for _, want := range []string{"entities/person/test-officer.yaml:7:5", "entities/person/test-officer.yaml:6", "explicit id"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	fixed := `  - {p: head_of, o: test-agency, when: "1932", source: test-monograph}
  - {id: test-officer-second-tenure, p: head_of, o: test-agency, when: "1936", source: test-monograph}
`
	ds, err := yamlcorpus.Load(goodFS(t, officerHead+fixed))
	if err != nil {
		t.Fatalf("with an explicit id: %v", err)
	}
	n := 0
	for _, c := range ds.Claims {
		if c.Subject == "test-officer" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d claims of test-officer, want both kept", n)
	}
}

func TestDeriveClaimIDIgnoresEditableFields(t *testing.T) {
	a := &tokumu.Claim{Subject: "x", Predicate: "head_of", Object: "y", Source: "s"}
	b := *a
	b.Where, b.Locator, b.Note = "z", "p. 3", "n"
	b.Grade = tokumu.Grade{Reliability: 'B', Credibility: 2}
	b.When = tokumu.When{EDTF: "1932"}
	if tokumu.DeriveClaimID(a) != tokumu.DeriveClaimID(&b) {
		t.Error("where, locator, note, grade or when changed the id")
	}
	c := *a
	c.Perspective = "army"
	if tokumu.DeriveClaimID(a) == tokumu.DeriveClaimID(&c) {
		t.Error("a perspective did not change the id")
	}
}

// A web source without its access date, or read on a copying site, is
// rejected at its url; one without an author or a language loads with a
// warning.
func TestSourceFields(t *testing.T) {
	fsys := goodFS(t, officerHead+"  - {p: born, when: \"1890\", source: web-page}\n")
	const head = "id: web-page\nkind: web\ntype: webpage\ntitle: A page\nurl: https://example.org/p\n"
	fsys["sources/web-page.yaml"] = &fstest.MapFile{Data: []byte(head + "language: en\nauthor: [{literal: A site}]\n")}
	if _, err := yamlcorpus.Load(fsys); err == nil || !strings.Contains(err.Error(), "sources/web-page.yaml:5:1: source web-page is on the web but has no access date") {
		t.Errorf("a web source without an access date: error %v", err)
	}
	// An access date that is not one is rejected at the date.
	fsys["sources/web-page.yaml"] = &fstest.MapFile{Data: []byte(head + "accessed: 2026/11/30/\nlanguage: en\nauthor: [{literal: A site}]\n")}
	if _, err := yamlcorpus.Load(fsys); err == nil || !strings.Contains(err.Error(), `sources/web-page.yaml:6:11: source web-page: accessed "2026/11/30/" is not a date: write accessed: "YYYY-MM-DD"`) {
		t.Errorf("a web source whose access date is not a date: error %v", err)
	}
	// A copy is rejected at its url, naming the host.
	fsys["sources/web-page.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(head, "https://example.org/p", "http://www.360doc.com/content/22/0214/1.shtml", 1) +
		"accessed: \"2026-12-03\"\nlanguage: zh\nauthor: [{literal: 360doc}]\n")}
	if _, err := yamlcorpus.Load(fsys); err == nil || !strings.Contains(err.Error(), "sources/web-page.yaml:5:1: source web-page is read at www.360doc.com, a site that copies or generates text") {
		t.Errorf("a source on an aggregator: error %v", err)
	}
	for _, c := range []struct{ yaml, want string }{
		{"accessed: \"2026-12-03\"\nauthor: [{literal: A site}]\n", "has no language"},
		{"accessed: \"2026-12-03\"\nlanguage: en\n", "names no author"},
	} {
		fsys["sources/web-page.yaml"] = &fstest.MapFile{Data: []byte(head + c.yaml)}
		ds, err := yamlcorpus.Load(fsys)
		if err != nil || len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], c.want) {
			t.Errorf("%q: %v, warnings %q, want one warning %q", c.yaml, err, ds.Warnings, c.want)
		}
	}
}
