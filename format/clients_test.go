package format_test

// The exports checked by the programs their users use: rapper (Debian's
// raptor2-utils) for Turtle and N-Triples, npm's jsonld for JSON-LD,
// networkx for GEXF and GraphML, ogrinfo (gdal-bin) for GeoJSON, ajv with
// the World Historical Gazetteer's schema for Linked Places and CSL's own
// schema for CSL-JSON, pandoc for
// BibTeX and CSL-JSON (rendered with --citeproc) and bibutils' ris2xml for
// RIS (Debian's pandoc 2.17 has no RIS reader). A missing client fails the
// test: bash scripts/test.sh installs them.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/sqlite"
)

// fixture is storetest's fixture with a coordinates predicate and a point
// for Harbin, so that the place formats have something to place.
func fixture() *tokumu.Dataset {
	ds := baseFixture()
	ds.Predicates = append(ds.Predicates, &tokumu.Predicate{ID: "coordinates", Label: map[string]string{"en": "coordinates"},
		Domain: []tokumu.EntityType{tokumu.Place}, Literal: tokumu.LiteralPoint, Roles: []tokumu.Role{tokumu.RoleCoordinates}})
	ds.Claims = append(ds.Claims, &tokumu.Claim{ID: "c-harbin-point", Subject: "harbin", Predicate: "coordinates",
		Value: "45.75, 126.63", Source: "zor23", Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}})
	return ds
}

func openFixture(t *testing.T) tokumu.Store { return openWith(t, nil) }

// openWith opens the fixture with more sources.
func openWith(t *testing.T, srcs []*tokumu.Source) tokumu.Store {
	t.Helper()
	ds := fixture()
	ds.Sources = append(ds.Sources, srcs...)
	return openDataset(t, ds)
}

// openDataset opens an SQLite store in memory holding ds.
func openDataset(t *testing.T, ds *tokumu.Dataset) tokumu.Store {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:", sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	return db
}

var embedded tokumu.Store

func openEmbedded(t *testing.T) tokumu.Store {
	t.Helper()
	if embedded == nil {
		db, err := corpustest.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		embedded = db
	}
	return embedded
}

// write exports st in format name to a file in a temporary directory.
func write(t *testing.T, st tokumu.Store, name string, q format.Query, o format.Options, file string) (string, *format.Export) {
	t.Helper()
	ctx := context.Background()
	f, err := format.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	x, err := format.NewExport(ctx, st, q, o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(ctx, &b, x); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, x
}

// need returns the path of a client program, failing the test when it is
// missing.
func need(t *testing.T, prog, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		t.Fatalf("%s is not installed: install the Debian package %s (bash scripts/test.sh does)", prog, pkg)
	}
	return p
}

// node runs a script of testdata/clients with its npm packages.
func node(t *testing.T, script string, args ...string) string {
	t.Helper()
	need(t, "node", "nodejs")
	dir, _ := filepath.Abs("testdata/clients")
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		t.Fatalf("the npm clients are not installed: run npm ci in format/testdata/clients (bash scripts/test.sh does)")
	}
	return run(t, dir, "node", append([]string{script}, args...)...)
}

func run(t *testing.T, dir, prog string, args ...string) string {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", prog, strings.Join(args, " "), err, errb.String(), out.String())
	}
	return out.String() + errb.String()
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

var rapperCount = regexp.MustCompile(`returned (\d+) triples`)

func rapper(t *testing.T, syntax, file string) int {
	t.Helper()
	need(t, "rapper", "raptor2-utils")
	out := run(t, "", "rapper", "-i", syntax, "-c", file)
	m := rapperCount.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("rapper gave no count: %s", out)
	}
	return atoi(t, m[1])
}

// fixtureTriples is the fixture's graph counted by hand (see rdf.go for
// the model): predicates 20 (8 types, 12 labels); sources 12 (yak: 2
// types, a title and its language; zor23: 2 types, title, English title,
// language, author, date and url); entities 54
// (2 types and a label each, 21; 15 names; 1 summary; 1 tag; and two
// names as appellations: Harbin's dated Russian name, a link, its type,
// text, kind and time-span link, and the time-span's type, EDTF and four
// bounds, 11; Doihara's Russian name from a source, a link, type, text,
// kind and source, 5); claims 133:
// born 14, head_of 14, part_of 14, succeeded_by 13, dissolved 12,
// located_in 6, the other part_of 14, the estimate 24 (with its belief,
// argumentation and the source's words for its perspective), the actual
// count 16 and Harbin's point 6.
const fixtureTriples = 20 + 12 + 54 + 133

func TestRDFWithRapperAndJSONLD(t *testing.T) {
	st := openFixture(t)
	o := format.Options{Base: "https://example.org/tk/"}
	ttl, _ := write(t, st, "turtle", format.Query{}, o, "f.ttl")
	nt, _ := write(t, st, "ntriples", format.Query{}, o, "f.nt")
	jl, _ := write(t, st, "jsonld", format.Query{}, o, "f.jsonld")
	if n := rapper(t, "turtle", ttl); n != fixtureTriples {
		t.Errorf("rapper counts %d triples in the Turtle, want %d", n, fixtureTriples)
	}
	if n := rapper(t, "ntriples", nt); n != fixtureTriples {
		t.Errorf("rapper counts %d triples in the N-Triples, want %d", n, fixtureTriples)
	}
	if n := atoi(t, node(t, "jsonld-count.js", jl)); n != fixtureTriples {
		t.Errorf("jsonld counts %d triples in the JSON-LD, want %d", n, fixtureTriples)
	}
	b, _ := os.ReadFile(nt)
	for _, want := range []string{
		`<https://example.org/tk/claims/c-doihara-head> <http://www.cidoc-crm.org/cidoc-crm/P4_has_time-span> <https://example.org/tk/claims/c-doihara-head#time> .`,
		`<https://example.org/tk/claims/c-doihara-head#time> <http://www.cidoc-crm.org/cidoc-crm/P82a_begin_of_the_begin> "1932-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .`,
		`<https://example.org/tk/claims/c-doihara-head#time> <http://www.cidoc-crm.org/cidoc-crm/P82b_end_of_the_end> "1932-12-31"^^<http://www.w3.org/2001/XMLSchema#date> .`,
		`<https://example.org/tk/claims/c-est-1936#argumentation> <http://www.cidoc-crm.org/cidoc-crm/P14_carried_out_by> <https://example.org/tk/entities/kwantung-army> .`,
		`<https://example.org/tk/claims/c-est-1936#belief> <http://www.ics.forth.gr/isl/CRMinf/J4_that> <https://example.org/tk/claims/c-est-1936> .`,
		`<https://example.org/tk/claims/c-est-1936> <https://tokumu.github.io/ns#perspectiveNamedAs> "the Japanese" .`,
		`<https://example.org/tk/entities/doihara-kenji> <https://schema.org/name> "土肥原賢二"@ja .`,
		`<https://example.org/tk/entities/harbin-tokumu-kikan#name-2-time> <http://www.cidoc-crm.org/cidoc-crm/P170i_time_is_defined_by> "1919/1940" .`,
		`<https://example.org/tk/entities/doihara-kenji#name-2> <http://www.cidoc-crm.org/cidoc-crm/P70i_is_documented_in> <https://example.org/tk/sources/yak> .`,
		`<https://example.org/tk/entities/doihara-kenji#name-2> <https://tokumu.github.io/ns#nameKind> "transcribed" .`,
		`<https://example.org/tk/sources/zor23> <https://schema.org/name> "Военная разведка Японии против СССР"@ru .`,
		`<https://example.org/tk/sources/zor23> <https://schema.org/name> "Japanese military intelligence against the USSR"@en .`,
		`<https://example.org/tk/claims/c-est-1936> <http://www.cidoc-crm.org/cidoc-crm/P141_assigned> "100" .`,
		`<https://example.org/tk/claims/c-kikan-part-of> <http://www.cidoc-crm.org/cidoc-crm/P70i_is_documented_in> <https://example.org/tk/sources/zor23> .`,
	} {
		if !bytes.Contains(b, []byte(want+"\n")) {
			t.Errorf("N-Triples lack\n%s", want)
		}
	}

	// The embedded corpus: the three serializations are one graph.
	em := openEmbedded(t)
	ttl, _ = write(t, em, "turtle", format.Query{}, format.Options{}, "c.ttl")
	nt, _ = write(t, em, "ntriples", format.Query{}, format.Options{}, "c.nt")
	jl, _ = write(t, em, "jsonld", format.Query{}, format.Options{}, "c.jsonld")
	b, _ = os.ReadFile(nt)
	lines := bytes.Count(b, []byte("\n"))
	// A text value is tagged with its language, English by default.
	if !regexp.MustCompile(`P141_assigned> "On 11 May 1939 Japanese[^"]*"@en \.\n`).Match(b) {
		t.Errorf("the corpus's description of Khalkhin Gol has no @en tag in N-Triples")
	}
	// A cover name and a former name are no one's own name: alternateName,
	// and an appellation that says what kind of name it is and when.
	for _, want := range []string{
		`<http://localhost:8080/entities/lyushkov-genrikh> <https://schema.org/alternateName> "Yamaguchi Toshikazu"@ja-Latn .`,
		`<http://localhost:8080/entities/hsinking> <https://schema.org/alternateName> "Hsinking"@en .`,
	} {
		if !bytes.Contains(b, []byte(want+"\n")) {
			t.Errorf("N-Triples of the corpus lack\n%s", want)
		}
	}
	if !regexp.MustCompile(`(?m)^<http://localhost:8080/entities/hsinking#name-\d+-time> <http://www.cidoc-crm.org/cidoc-crm/P170i_time_is_defined_by> "1932-03-14/1945-08" \.$`).Match(b) ||
		!regexp.MustCompile(`(?m)^<http://localhost:8080/entities/lyushkov-genrikh#name-\d+> <https://tokumu.github.io/ns#nameKind> "codename" \.$`).Match(b) {
		t.Error("the corpus's former and cover names have no appellation with their kind and dates")
	}
	if bytes.Contains(b, []byte(`<http://localhost:8080/entities/lyushkov-genrikh> <https://schema.org/name> "Yamaguchi Toshikazu"`)) {
		t.Error("Lyushkov's cover name is his schema:name")
	}
	nttl, nnt, njl := rapper(t, "turtle", ttl), rapper(t, "ntriples", nt), atoi(t, node(t, "jsonld-count.js", jl))
	if nttl != lines || nnt != lines || njl != lines {
		t.Errorf("embedded corpus: %d lines of N-Triples, rapper counts %d (Turtle) and %d (N-Triples), jsonld %d", lines, nttl, nnt, njl)
	}
	// A neighbourhood parses too.
	ttl, _ = write(t, em, "turtle", format.Query{Entity: "harbin-tokumu-kikan"}, format.Options{}, "n.ttl")
	if n := rapper(t, "turtle", ttl); n < 100 {
		t.Errorf("the neighbourhood of harbin-tokumu-kikan has %d triples; it has dozens of claims", n)
	}
}

const networkxCount = `
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1]) if sys.argv[1].endswith(".gexf") else nx.read_graphml(sys.argv[1])
print(g.number_of_nodes(), g.number_of_edges())
`

// python returns a python3 that imports networkx: the one on PATH, or
// Debian's, where apt-get puts python3-networkx (a pyenv python on PATH
// does not see it).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import networkx").Run() == nil {
			return p
		}
	}
	t.Fatalf("no python3 with networkx: install the Debian package python3-networkx (bash scripts/test.sh does)")
	return ""
}

func networkx(t *testing.T, file string) (nodes, edges int) {
	t.Helper()
	out := run(t, "", python(t), "-c", networkxCount, file)
	f := strings.Fields(out)
	if len(f) != 2 {
		t.Fatalf("networkx: %q", out)
	}
	return atoi(t, f[0]), atoi(t, f[1])
}

func TestNetworksWithNetworkx(t *testing.T) {
	st := openFixture(t)
	for _, name := range []string{"gexf", "graphml"} {
		p, _ := write(t, st, name, format.Query{}, format.Options{}, "f."+name)
		// 7 entities; 5 claims between two of them (head_of, two part_of,
		// succeeded_by, located_in).
		if n, e := networkx(t, p); n != 7 || e != 5 {
			t.Errorf("%s: networkx reads %d nodes and %d edges, want 7 and 5", name, n, e)
		}
	}
	// The spell of a dated edge: head_of in 1932.
	p, _ := write(t, st, "gexf", format.Query{}, format.Options{}, "spell.gexf")
	out := run(t, "", python(t), "-c", `
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
d = g.get_edge_data("doihara-kenji", "harbin-tokumu-kikan")
print(d["spells"])`, p)
	if !strings.Contains(out, "1932-01-01") || !strings.Contains(out, "1932-12-31") {
		t.Errorf("networkx reads the spell of head_of 1932 as %s", out)
	}

	em := openEmbedded(t)
	for _, name := range []string{"gexf", "graphml"} {
		p, x := write(t, em, name, format.Query{}, format.Options{}, "c."+name)
		edges := 0
		x.Claims(context.Background(), func(c *tokumu.Claim) error {
			if c.Object != "" {
				edges++
			}
			return nil
		})
		n, e := networkx(t, p)
		if n != len(x.EntityIDs()) || e != edges {
			t.Errorf("%s of the corpus: networkx reads %d nodes and %d edges, want %d and %d", name, n, e, len(x.EntityIDs()), edges)
		}
	}
}

func TestPlacesWithOgrinfoAndAjv(t *testing.T) {
	need(t, "ogrinfo", "gdal-bin")
	st := openFixture(t)
	p, _ := write(t, st, "geojson", format.Query{}, format.Options{}, "f.geojson")
	out := run(t, "", "ogrinfo", "-ro", "-al", p)
	for _, want := range []string{"Feature Count: 1", "name_ru (String) = Харбин", "name_zh-Hans (String) = 哈尔滨", "POINT (126.63 45.75)"} {
		if !strings.Contains(out, want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, out)
		}
	}
	lp, _ := write(t, st, "lpf", format.Query{}, format.Options{}, "f.lpf.json")
	if n := atoi(t, node(t, "lpf-validate.js", lp)); n != 1 {
		t.Errorf("ajv validated %d Linked Places features, want 1", n)
	}

	em := openEmbedded(t)
	places, err := em.Entities(context.Background(), tokumu.EntityFilter{Type: tokumu.Place})
	if err != nil {
		t.Fatal(err)
	}
	p, _ = write(t, em, "geojson", format.Query{}, format.Options{}, "c.geojson")
	out = run(t, "", "ogrinfo", "-ro", "-so", "-al", p)
	if want := "Feature Count: " + strconv.Itoa(len(places)); !strings.Contains(out, want) {
		t.Errorf("ogrinfo on the corpus: want %q in\n%s", want, out)
	}
	lp, _ = write(t, em, "lpf", format.Query{}, format.Options{}, "c.lpf.json")
	if n := atoi(t, node(t, "lpf-validate.js", lp)); n != len(places) {
		t.Errorf("ajv validated %d Linked Places features, want %d", n, len(places))
	}
}

func TestBibliographyWithPandocAndBibutils(t *testing.T) {
	need(t, "pandoc", "pandoc")
	st := openFixture(t)
	bib, _ := write(t, st, "bibtex", format.Query{}, format.Options{}, "f.bib")
	out := run(t, "", "pandoc", "-f", "bibtex", "-t", "csljson", bib)
	for _, want := range []string{`"id": "zor23"`, `"family": "Зорихин"`, `"id": "yak"`, `"title": "Японская военная миссия"`} {
		if !strings.Contains(out, want) {
			t.Errorf("pandoc reads the BibTeX without %s:\n%s", want, out)
		}
	}
	need(t, "ris2xml", "bibutils")
	ris, _ := write(t, st, "ris", format.Query{}, format.Options{}, "f.ris")
	out = run(t, "", "ris2xml", ris)
	if n := strings.Count(out, "<mods ID="); n != 2 {
		t.Errorf("ris2xml reads %d references, want 2:\n%s", n, out)
	}
	if !strings.Contains(out, "Зорихин") || !strings.Contains(out, "Военная разведка Японии против СССР") {
		t.Errorf("ris2xml lost the author or title:\n%s", out)
	}
	csl, _ := write(t, st, "csljson", format.Query{}, format.Options{}, "f.json")
	if n := atoi(t, node(t, "csl-validate.js", csl)); n != 2 {
		t.Errorf("ajv validated %d CSL-JSON items against CSL's schema, want 2", n)
	}
	md := filepath.Join(t.TempDir(), "all.md")
	os.WriteFile(md, []byte("---\nnocite: \"@*\"\n---\n"), 0o644)
	out = run(t, "", "pandoc", "--citeproc", "--bibliography", csl, "-t", "plain", md)
	for _, want := range []string{"Зорихин, А. Г. 2023", "Японская военная миссия"} {
		if !strings.Contains(out, want) {
			t.Errorf("pandoc --citeproc's bibliography lacks %q:\n%s", want, out)
		}
	}

	em := openEmbedded(t)
	srcs, _ := em.Sources(context.Background())
	bib, _ = write(t, em, "bibtex", format.Query{}, format.Options{}, "c.bib")
	out = run(t, "", "pandoc", "-f", "bibtex", "-t", "csljson", bib)
	if n := strings.Count(out, "\n  {\n"); n != len(srcs) {
		t.Errorf("pandoc reads %d BibTeX entries of the corpus, want %d", n, len(srcs))
	}
	ris, _ = write(t, em, "ris", format.Query{}, format.Options{}, "c.ris")
	out = run(t, "", "ris2xml", ris)
	if n := strings.Count(out, "<mods ID="); n != len(srcs) {
		t.Errorf("ris2xml reads %d references of the corpus, want %d", n, len(srcs))
	}
	csl, _ = write(t, em, "csljson", format.Query{}, format.Options{}, "c.json")
	if n := atoi(t, node(t, "csl-validate.js", csl)); n != len(srcs) {
		t.Errorf("ajv validated %d CSL-JSON items of the corpus against CSL's schema, want %d", n, len(srcs))
	}
	out = run(t, "", "pandoc", "--citeproc", "--bibliography", csl, "-t", "plain", "--columns", "1000", md)
	for _, want := range []string{"Бивор", "Балмасов", "Алексеев", "Coox"} {
		if !strings.Contains(out, want) {
			t.Errorf("the corpus's bibliography by pandoc --citeproc lacks the author %q", want)
		}
	}
}

// TestRDFDatasetNode: an export names the dataset it is part of at its
// base IRI — the corpus's title, editors and persistent address, and the
// release — in five triples that rapper and jsonld read, so a file can
// be told from another release's; a source's own graph holds none.
func TestRDFDatasetNode(t *testing.T) {
	ds := fixture()
	ds.Settings = tokumu.Settings{Title: "Fixture Corpus", Editors: []string{"Fixture editors"}, URL: "https://doi.org/10.5281/zenodo.1"}
	db := openDataset(t, ds)
	o := format.Options{Base: "https://example.org/tk/", Release: "0123456789ab+r3"}
	ttl, _ := write(t, db, "turtle", format.Query{}, o, "d.ttl")
	nt, _ := write(t, db, "ntriples", format.Query{}, o, "d.nt")
	jl, _ := write(t, db, "jsonld", format.Query{}, o, "d.jsonld")
	for _, n := range []int{rapper(t, "turtle", ttl), rapper(t, "ntriples", nt), atoi(t, node(t, "jsonld-count.js", jl))} {
		if n != fixtureTriples+5 {
			t.Errorf("%d triples, want the fixture's %d and the dataset's 5", n, fixtureTriples)
		}
	}
	b, _ := os.ReadFile(nt)
	for _, want := range []string{
		`<https://example.org/tk/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Dataset> .`,
		`<https://example.org/tk/> <https://schema.org/name> "Fixture Corpus" .`,
		`<https://example.org/tk/> <https://schema.org/editor> "Fixture editors" .`,
		`<https://example.org/tk/> <https://schema.org/version> "0123456789ab+r3" .`,
		`<https://example.org/tk/> <https://schema.org/sameAs> <https://doi.org/10.5281/zenodo.1> .`,
	} {
		if !bytes.Contains(b, []byte(want+"\n")) {
			t.Errorf("N-Triples lack\n%s", want)
		}
	}
	src, _ := write(t, db, "ntriples", format.Query{Source: "zor23"}, o, "s.nt")
	if b, _ := os.ReadFile(src); bytes.Contains(b, []byte("Dataset")) || !bytes.Contains(b, []byte("/sources/zor23>")) {
		t.Errorf("a source's own graph:\n%s", b)
	}
}
