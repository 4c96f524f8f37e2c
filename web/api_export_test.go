package web_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestAPIExport(t *testing.T) {
	ts := fixtureServer(t)
	checkURLs(t, ts.URL, []urlCase{
		{url: "/api/export?format=ntriples&base=https://example.org/tk/", status: 200, contains: []string{
			`<https://example.org/tk/claims/c-doihara-head> <http://www.cidoc-crm.org/cidoc-crm/P140_assigned_attribute_to> <https://example.org/tk/entities/doihara-kenji> .`}},
		// The IRIs default to the server's own address.
		{url: "/api/export?format=turtle&entity=harbin-tokumu-kikan", status: 200, contains: []string{ts.URL + "/entities/harbin-tokumu-kikan"},
			lacks: []string{"soviet-far-eastern-forces"}},
		{url: "/api/export?format=csv&table=claims&from=1936&to=1936", status: 200, contains: []string{"c-est-1936,", "c-real-1936,", "c-kikan-part-of,"},
			lacks: []string{"c-doihara-head"}},
		{url: "/api/export?format=bibtex", status: 200, contains: []string{"@book{zor23,", "author = {Зорихин, А. Г.}"}},
		{url: "/api/export", status: 400, contains: []string{"parameter format: format: give a format, one of bibtex"}},
		{url: "/api/export?format=xlsx", status: 400, contains: []string{`format \"xlsx\" is unknown`}},
		{url: "/api/export?format=csv&from=1939-13", status: 400, contains: []string{"parameter from="}},
		{url: "/api/export?format=csv&to=x", status: 400, contains: []string{"parameter to="}},
		{url: "/api/export?format=csv&type=persn", status: 400, contains: []string{`type \"persn\"`}},
		{url: "/api/export?format=csv&entity=nobody", status: 400, contains: []string{`entity \"nobody\" is not in the corpus`}},
		{url: "/api/export?format=csv&lang=fr", status: 400, contains: []string{"parameter lang="}},
		{url: "/api/export?format=csv&base=ftp://x/", status: 400, contains: []string{"must start with http://"}},
	}, func(t *testing.T, res *http.Response, body string) {
		if res.StatusCode != 200 {
			return
		}
		cd := res.Header.Get("Content-Disposition")
		if !strings.HasPrefix(cd, `attachment; filename="tokumu`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if res.Request.URL.Query().Get("table") == "claims" && (res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasSuffix(cd, `-claims.csv"`)) {
			t.Errorf("one CSV table: %q, %q", res.Header.Get("Content-Type"), cd)
		}
	})
}
