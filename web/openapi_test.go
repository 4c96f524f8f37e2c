package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// webClient runs a script of testdata/clients under node with its npm
// packages; a missing node or package fails the test (scripts/test.sh
// installs them).
func webClient(t *testing.T, script string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: install the Debian package nodejs (bash scripts/test.sh does)")
	}
	dir, _ := filepath.Abs(filepath.Join("testdata", "clients"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal("the npm clients are not installed: run npm ci in web/testdata/clients (bash scripts/test.sh does)")
	}
	cmd := exec.Command("node", append([]string{script}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, out)
	}
	return strings.TrimSpace(string(out))
}

// answer is one request and its answer, as openapi-check.mjs reads it.
type answer struct {
	Path        string `json:"path"` // the documented path
	Method      string `json:"method"`
	URL         string `json:"url"`
	Status      int    `json:"status"`
	ContentType string `json:"contentType"`
	Body        any    `json:"body"`
}

// exampleURLs are requests on the fixture for every documented GET route;
// the test fails when a route has none. A route is asked once for an
// answer and, where it has errors, once for an error.
var exampleURLs = map[string][]string{
	"/api/":                           {"/api/"},
	"/api/openapi.json":               {"/api/openapi.json"},
	"/api/release":                    {"/api/release"},
	"/api/releases":                   {"/api/releases"},
	"/api/releases/{rel}/claims/{id}": {"/api/releases/fa11edc0ffee/claims/c-doihara-head", "/api/releases/fa11edc0ffee/claims/no-such-claim", "/api/releases/zz/claims/c-doihara-head"},
	"/api/changes":                    {"/api/changes?limit=5", "/api/changes?limit=0"},
	"/api/claims/{id}/history":        {"/api/claims/no-such-claim/history"},
	"/api/claims/{id}":                {"/api/claims/c-doihara-head", "/api/claims/no-such-claim"},
	"/api/entities/{id}/history":      {"/api/entities/harbin-tokumu-kikan/history", "/api/entities/no-such-entity/history", "/api/entities/harbin-tokumu-kikan/history?limit=0"},
	"/api/entities":                   {"/api/entities?type=person&limit=2", "/api/entities?limit=0"},
	"/api/entities/{id}":              {"/api/entities/harbin-tokumu-kikan", "/api/entities/no-such-entity"},
	"/api/entities/{id}/claims":       {"/api/entities/harbin-tokumu-kikan/claims?p=part_of&inv=1&limit=3", "/api/entities/harbin-tokumu-kikan/claims?p=no-such", "/api/entities/no-such-entity/claims?p=part_of"},
	"/api/claims":                     {"/api/claims?about=harbin-tokumu-kikan&limit=3", "/api/claims?limit=1", "/api/claims?from=1940&to=1939"},
	"/api/at":                         {"/api/at?date=1939-06-01&id=harbin-tokumu-kikan", "/api/at?date=1939-06-01", "/api/at"},
	"/api/structure":                  {"/api/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01", "/api/structure?date=1939", "/api/structure?date=1939&root=nowhere"},
	"/api/sources":                    {"/api/sources?limit=2&offset=1"},
	"/api/sources/{id}":               {"/api/sources/zor23", "/api/sources/nothing"},
	"/api/predicates":                 {"/api/predicates"},
	"/api/predicates/{id}":            {"/api/predicates/part_of", "/api/predicates/nothing"},
	"/api/stats":                      {"/api/stats"},
	"/api/health":                     {"/api/health"},
	"/api/disagreements":              {"/api/disagreements", "/api/disagreements?id=soviet-far-eastern-forces"},
	"/api/audit":                      {"/api/audit?limit=5", "/api/audit?limit=99999"},
	"/api/search":                     {"/api/search?q=Harbin", "/api/search?q=土肥原&type=person", "/api/search?q=x&type=ghost"},
	"/api/suggest":                    {"/api/suggest?q=Har", "/api/suggest?q=zzzz"},
	"/api/export":                     {"/api/export?format=turtle&entity=harbin", "/api/export?format=geojson", "/api/export?format=nope"},
	"/api/ledger":                     {"/api/ledger", "/api/ledger?operation=maki-mirage", "/api/ledger?operation=nothing"},
	"/api/ach":                        {"/api/ach"},
	"/api/ach/{id}":                   {"/api/ach/nothing"},
	"/api/path":                       {"/api/path?from=doihara-kenji&to=kwantung-army", "/api/path?from=doihara-kenji"},
	"/api/estimates":                  {"/api/estimates", "/api/estimates?tolerance=-1", "/api/estimates?counts=strong", "/api/estimates?counts=some"},
	"/reconcile":                      {"/reconcile", "/reconcile?queries=" + url.QueryEscape(`{"q0":{"query":"Harbin"},"q1":{"query":"土肥原","type":"person","limit":2}}`), "/reconcile?queries=nonsense"},
	"/reconcile/suggest/entity":       {"/reconcile/suggest/entity?prefix=Har"},
	"/reconcile/preview":              {"/reconcile/preview?id=harbin", "/reconcile/preview?id=nothing"},
}

// TestOpenAPI validates /api/openapi.json with a real OpenAPI validator,
// then requests every documented GET route on the fixture and checks
// each answer — its status, its media type and its body — against the
// document.
func TestOpenAPI(t *testing.T) {
	ts := fixtureServer(t)
	res, err := http.Get(ts.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("ETag") == "" {
		t.Fatalf("/api/openapi.json: status %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	// The ETag answers a revalidation with 304.
	req, _ := http.NewRequest("GET", ts.URL+"/api/openapi.json", nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if r2, err := http.DefaultClient.Do(req); err != nil || r2.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %v %v, want 304", r2.StatusCode, err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	var answers []answer
	for path, ops := range doc.Paths {
		if _, ok := ops["get"]; !ok {
			continue
		}
		urls := exampleURLs[path]
		if len(urls) == 0 {
			t.Errorf("%s: no example request in exampleURLs: add one", path)
		}
		for _, u := range urls {
			res, err := http.Get(ts.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			a := answer{Path: path, Method: "get", URL: u, Status: res.StatusCode, ContentType: res.Header.Get("Content-Type")}
			if strings.HasPrefix(a.ContentType, "application/json") {
				if err := json.Unmarshal(b, &a.Body); err != nil {
					t.Errorf("%s: not JSON: %v", u, err)
				}
			}
			answers = append(answers, a)
		}
	}
	// POST /reconcile with a form.
	form := url.Values{"queries": {`{"a":{"query":"Харбин","type":["place"]}}`}}
	res, err = http.PostForm(ts.URL+"/reconcile", form)
	if err != nil {
		t.Fatal(err)
	}
	var body any
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	answers = append(answers, answer{Path: "/reconcile", Method: "post", URL: "POST /reconcile", Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"), Body: body})

	// Some of each kind: the examples must reach the answers and the errors.
	statuses := map[int]int{}
	for _, a := range answers {
		statuses[a.Status]++
	}
	if statuses[200] < 25 || statuses[400] < 8 || statuses[404] < 5 {
		t.Errorf("statuses %v: the examples should give at least 25 answers, 8 400s and 5 404s", statuses)
	}
	dir := t.TempDir()
	docFile, ansFile := filepath.Join(dir, "openapi.json"), filepath.Join(dir, "answers.json")
	os.WriteFile(docFile, raw, 0o644)
	ab, _ := json.Marshal(answers)
	os.WriteFile(ansFile, ab, 0o644)
	out := webClient(t, "openapi-check.mjs", docFile, ansFile)
	if n, err := strconv.Atoi(out); err != nil || n != len(answers) {
		t.Errorf("openapi-check checked %q answers, want %d", out, len(answers))
	}
}
