package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var metaDesc = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)

// TestPageHeads checks what every page's head owes search engines and
// screen readers (issue 18): a description of its own, and <html lang="en">
// — the interface's language — whatever language the names are shown in,
// with the names in Japanese marked lang="ja" where they appear. And the
// HTML is sent gzipped to a client that accepts it.
func TestPageHeads(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	seen := map[string]string{}
	for _, path := range []string{"/", "/entities/harbin-tokumu-kikan", "/search?q=Harbin", "/timeline", "/map", "/structure",
		"/network", "/estimates", "/sources", "/sources/zor22", "/predicates", "/predicates/member_of", "/entities", "/entities/nobody"} {
		for _, lang := range []string{"", "ja", "ru"} {
			u := ts.URL + path
			if lang != "" {
				if strings.Contains(path, "?") {
					u += "&lang=" + lang
				} else {
					u += "?lang=" + lang
				}
			}
			res, err := http.Get(u) // the client asks for gzip and decodes it
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			page := string(body)
			want := lang
			if want == "" {
				want = "en"
			}
			if !strings.HasPrefix(page, "<!doctype html>\n<html lang=\""+want+"\" data-names=\""+want+"\">") {
				t.Errorf("%s: page does not start with <html lang=%q data-names=%q>: %.80q", u, want, want, page)
			}
			if !res.Uncompressed {
				t.Errorf("%s: HTML (%d bytes) was not sent gzipped", u, len(body))
			}
			m := metaDesc.FindStringSubmatch(page)
			if m == nil || len(m[1]) < 50 {
				t.Errorf("%s: no meta description of at least 50 characters (%v)", u, m)
				continue
			}
			if lang == "" && path != "/entities/nobody" {
				if other, ok := seen[m[1]]; ok {
					t.Errorf("%s has the same description as %s: %q", path, other, m[1])
				}
				seen[m[1]] = path
			}
		}
	}

	// The Harbin agency's page with Japanese names links the Kwantung
	// Army by its Japanese name, in the page's language (no lang of its own).
	res, err := http.Get(ts.URL + "/entities/harbin-tokumu-kikan?lang=ja")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if want := `class="ent t-unit">関東軍</a>`; !strings.Contains(string(body), want) {
		t.Errorf("/entities/harbin-tokumu-kikan?lang=ja lacks %s", want)
	}

	// The size the network saves, by hand: /sources is ~120 KB of HTML
	// that gzip takes to ~27 KB (4.5×). (/estimates, once 200 KB, is now an
	// overview of ~40 KB that links each quantity's own page.)
	req, _ := http.NewRequest("GET", ts.URL+"/sources", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	zipped, _ := io.ReadAll(res.Body)
	res.Body.Close()
	zr, err := gzip.NewReader(strings.NewReader(string(zipped)))
	if err != nil {
		t.Fatalf("/sources with Accept-Encoding: gzip: %v (Content-Encoding %q)", err, res.Header.Get("Content-Encoding"))
	}
	plain, _ := io.ReadAll(zr)
	if len(plain) < 100_000 || len(zipped)*4 > len(plain) {
		t.Errorf("/sources: %d bytes gzipped from %d; want a page over 100 KB compressed at least 4×", len(zipped), len(plain))
	}
}
