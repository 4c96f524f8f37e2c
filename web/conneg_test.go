package web_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func getAccept(t *testing.T, u, accept string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

var rapperTriples = regexp.MustCompile(`returned (\d+) triples`)

// TestEntityContentNegotiation: one entity URL, four answers by Accept,
// each the same as the API or the export gives, with Vary: Accept; the
// Turtle read by rapper.
func TestEntityContentNegotiation(t *testing.T) {
	ts := fixtureServer(t)
	u := ts.URL + "/entities/harbin-tokumu-kikan"
	_, apiJSON := getAccept(t, ts.URL+"/api/entities/harbin-tokumu-kikan", "")
	_, ld := getAccept(t, ts.URL+"/api/export?format=jsonld&entity=harbin-tokumu-kikan", "")
	_, ttl := getAccept(t, ts.URL+"/api/export?format=turtle&entity=harbin-tokumu-kikan", "")
	for _, c := range []struct {
		accept, ctype, want string
	}{
		{"", "text/html", "<h1>Harbin Special Service Agency</h1>"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html", "<h1>Harbin Special Service Agency</h1>"},
		{"application/json", "application/json", apiJSON},
		{"application/ld+json", "application/ld+json", ld},
		{"text/turtle", "text/turtle", ttl},
	} {
		res, body := getAccept(t, u, c.accept)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), c.ctype) {
			t.Errorf("Accept %q: %d %s", c.accept, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept") {
			t.Errorf("Accept %q: Vary %q lacks Accept", c.accept, res.Header.Get("Vary"))
		}
		if c.ctype == "text/html" && !strings.Contains(body, c.want) || c.ctype != "text/html" && body != c.want {
			t.Errorf("Accept %q: body differs from what it should be:\n%.300s\nwant\n%.300s", c.accept, body, c.want)
		}
	}
	if !strings.Contains(ttl, "<"+ts.URL+"/entities/harbin-tokumu-kikan>") {
		t.Errorf("the Turtle does not name the entity by its URL:\n%.500s", ttl)
	}
	// rapper reads the Turtle: the entity's neighbourhood in the fixture.
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Fatal("rapper is not installed: install the Debian package raptor2-utils (bash scripts/test.sh does)")
	}
	_, body := getAccept(t, u, "text/turtle")
	f := filepath.Join(t.TempDir(), "e.ttl")
	os.WriteFile(f, []byte(body), 0o644)
	out, err := exec.Command("rapper", "-i", "turtle", "-c", f).CombinedOutput()
	m := rapperTriples.FindStringSubmatch(string(out))
	if err != nil || m == nil {
		t.Fatalf("rapper: %v %s", err, out)
	}
	// As many triples as the N-Triples export of the same entity has
	// lines (one triple a line), and more than the entity's own 2 types,
	// label and 3 names (storetest.Fixture).
	_, nt := getAccept(t, ts.URL+"/api/export?format=ntriples&entity=harbin-tokumu-kikan", "")
	lines := strings.Count(strings.TrimSpace(nt), "\n") + 1
	if n, _ := strconv.Atoi(m[1]); n != lines || n <= 6 {
		t.Errorf("rapper reads %d triples from the entity's Turtle; the N-Triples export has %d", n, lines)
	}
	// An unknown entity: 404 in each type.
	for _, a := range []string{"application/json", "application/ld+json", "text/turtle", ""} {
		if res, _ := getAccept(t, ts.URL+"/entities/nobody", a); res.StatusCode != 404 {
			t.Errorf("/entities/nobody as %q: %d", a, res.StatusCode)
		}
	}
}

// TestClaimContentNegotiation: a claim's permalink answers its own graph
// in Turtle (read by rapper) and JSON-LD: the claim, not its neighbours.
func TestClaimContentNegotiation(t *testing.T) {
	ts := fixtureServer(t)
	u := ts.URL + "/claims/c-doihara-head"
	res, ttl := getAccept(t, u, "text/turtle")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Vary"), "Accept") {
		t.Fatalf("%d, Vary %q: %.300s", res.StatusCode, res.Header.Get("Vary"), ttl)
	}
	f := filepath.Join(t.TempDir(), "c.ttl")
	os.WriteFile(f, []byte(ttl), 0o644)
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Fatal("rapper is not installed: install the Debian package raptor2-utils (bash scripts/test.sh does)")
	}
	nt, err := exec.Command("rapper", "-q", "-i", "turtle", "-o", "ntriples", f).Output()
	if err != nil {
		t.Fatalf("rapper: %v", err)
	}
	subject := "<" + u + "> "
	if n := strings.Count(string(nt), "\n"+subject); n < 3 {
		t.Errorf("the claim's IRI is the subject of %d triples, want its type, its source and its time at least:\n%s", n, nt)
	}
	for _, other := range []string{"c-doihara-born", "c-kikan-located"} {
		if strings.Contains(string(nt), "/claims/"+other+">") {
			t.Errorf("the claim's graph holds another claim, %s", other)
		}
	}
	res, ld := getAccept(t, u, "application/ld+json")
	if res.StatusCode != 200 || !strings.Contains(ld, u) || strings.Contains(ld, "c-doihara-born") {
		t.Errorf("JSON-LD: %d %.500s", res.StatusCode, ld)
	}
	if res, _ := getAccept(t, ts.URL+"/claims/nothing-here", "text/turtle"); res.StatusCode != 404 {
		t.Errorf("an unknown claim as Turtle: %d", res.StatusCode)
	}
}

// TestRecordContentNegotiation: a source's and a predicate's URLs are
// the IRIs every exported claim names (P70i, P177), so they answer as an
// entity's do — the page, the API's JSON, and their own record alone as
// RDF, which rapper reads — and 404 in each type for an unknown id.
func TestRecordContentNegotiation(t *testing.T) {
	ts := fixtureServer(t)
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Fatal("rapper is not installed: install the Debian package raptor2-utils (bash scripts/test.sh does)")
	}
	for _, c := range []struct {
		path, api, h1 string
		wantNT        []string // N-Triples lines the record's Turtle must hold
	}{
		{"/sources/zor23", "/api/sources/zor23", "<h1>Военная разведка Японии против СССР</h1>", []string{
			`<https://schema.org/name> "Japanese military intelligence against the USSR"@en .`,
			`<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.cidoc-crm.org/cidoc-crm/E31_Document> .`}},
		{"/predicates/part_of", "/api/predicates/part_of", "<h1>part of</h1>", []string{
			`<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.cidoc-crm.org/cidoc-crm/E55_Type> .`,
			`<http://www.w3.org/2000/01/rdf-schema#label> "part of"@en .`}},
	} {
		u := ts.URL + c.path
		_, apiJSON := getAccept(t, ts.URL+c.api, "")
		if res, body := getAccept(t, u, ""); res.StatusCode != 200 || !strings.Contains(body, c.h1) {
			t.Errorf("%s as HTML: %d %.300s", c.path, res.StatusCode, body)
		}
		if res, body := getAccept(t, u, "application/json"); res.StatusCode != 200 || body != apiJSON {
			t.Errorf("%s as JSON: %d, not the API's answer:\n%.300s\nwant\n%.300s", c.path, res.StatusCode, body, apiJSON)
		}
		res, ttl := getAccept(t, u, "text/turtle")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/turtle") || !strings.Contains(res.Header.Get("Vary"), "Accept") {
			t.Fatalf("%s as Turtle: %d %s Vary %q", c.path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Vary"))
		}
		f := filepath.Join(t.TempDir(), "r.ttl")
		os.WriteFile(f, []byte(ttl), 0o644)
		nt, err := exec.Command("rapper", "-q", "-i", "turtle", "-o", "ntriples", f).Output()
		if err != nil {
			t.Fatalf("rapper on %s: %v\n%s", c.path, err, ttl)
		}
		// The record alone: every triple is about its IRI, and it has
		// the ones it must.
		for _, line := range strings.Split(strings.TrimSpace(string(nt)), "\n") {
			if !strings.HasPrefix(line, "<"+u+"> ") {
				t.Errorf("%s: a triple about something else: %s", c.path, line)
			}
		}
		for _, want := range c.wantNT {
			if !strings.Contains(string(nt), "<"+u+"> "+want) {
				t.Errorf("%s: no triple %q in\n%s", c.path, want, nt)
			}
		}
		if res, ld := getAccept(t, u, "application/ld+json"); res.StatusCode != 200 || !strings.Contains(ld, u) {
			t.Errorf("%s as JSON-LD: %d %.300s", c.path, res.StatusCode, ld)
		}
	}
	for _, p := range []string{"/sources/nothing", "/predicates/nothing"} {
		for _, a := range []string{"application/json", "application/ld+json", "text/turtle", ""} {
			if res, _ := getAccept(t, ts.URL+p, a); res.StatusCode != 404 {
				t.Errorf("%s as %q: %d", p, a, res.StatusCode)
			}
		}
	}
}
