package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/web"
)

// readmeHost is the address the README's curl examples name: tokumu
// serve's default.
const readmeHost = "http://127.0.0.1:8080"

// TestREADMEAPIExamples runs every "$ curl …" example of the README
// against the web server on the embedded corpus and compares the answer
// with what the README shows. curl is not run: the test reads the few
// options the examples use (-s, -G, -H 'K: V', --data-urlencode 'k=v',
// which makes a form POST unless -G) and asks the server itself, so the
// test needs no network tool. A shown line that ends with "…" is a prefix
// of the answer's line; a last line "…" alone means more lines follow.
func TestREADMEAPIExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	ctx := context.Background()
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	st, err := m.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	words := regexp.MustCompile(`'[^']*'|\S+`)
	examples := 0
	for _, ex := range readmeExamples(string(readme), "curl") {
		line, want := ex.line, ex.want
		examples++
		t.Run(line, func(t *testing.T) {
			var (
				target string
				get    bool
				header = http.Header{}
				form   = url.Values{}
			)
			args := words.FindAllString(line, -1)[1:]
			for j := 0; j < len(args); j++ {
				a := strings.Trim(args[j], "'")
				switch a {
				case "-s":
				case "-G":
					get = true
				case "-H":
					j++
					k, v, _ := strings.Cut(strings.Trim(args[j], "'"), ":")
					header.Set(k, strings.TrimSpace(v))
				case "--data-urlencode":
					j++
					k, v, _ := strings.Cut(strings.Trim(args[j], "'"), "=")
					form.Add(k, v)
				default:
					if !strings.HasPrefix(a, readmeHost) {
						t.Fatalf("unknown curl argument %q (the test knows -s, -G, -H, --data-urlencode and %s URLs)", a, readmeHost)
					}
					target = ts.URL + strings.TrimPrefix(a, readmeHost)
				}
			}
			method, body := "GET", io.Reader(nil)
			if len(form) > 0 && get {
				target += "?" + form.Encode()
			} else if len(form) > 0 {
				method, body = "POST", strings.NewReader(form.Encode())
				header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			req, _ := http.NewRequest(method, target, body)
			req.Header = header
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(res.Body)
			res.Body.Close()
			got := strings.Split(strings.Trim(strings.ReplaceAll(string(raw), ts.URL, readmeHost), "\n"), "\n")
			wl := strings.Split(want, "\n")
			if wl[len(wl)-1] == "…" {
				wl = wl[:len(wl)-1]
			} else if len(got) != len(wl) {
				t.Errorf("%d lines, the README shows %d:\n%s", len(got), len(wl), strings.Join(got, "\n"))
			}
			for k, w := range wl {
				g := ""
				if k < len(got) {
					g = got[k]
				}
				if p, ok := strings.CutSuffix(w, "…"); ok && strings.HasPrefix(g, p) || g == w {
					continue
				}
				t.Errorf("line %d differs from the README.\nREADME: %s\ngot:    %.400s", k+1, w, g)
			}
		})
	}
	if examples < 2 {
		t.Fatalf("found %d curl examples in the README; the pattern no longer matches its blocks", examples)
	}
}
