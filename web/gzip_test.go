package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"":                     false,
		"gzip":                 true,
		"gzip, deflate, br":    true,
		"br;q=1.0, gzip;q=0.8": true,
		"gzip;q=0":             false,
		"gzip; q=0.0, br":      false,
		"*":                    true,
		"*;q=0":                false,
		"identity":             false,
		"deflate, GZIP":        true,
		"gzip;q=0, *":          false, // gzip named and refused; * does not override
	} {
		if got := acceptsGzip(h); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", h, got, want)
		}
	}
}

// TestGzipMiddleware: a long HTML answer is compressed and decompresses to
// the same bytes; a short one, a refused encoding, a binary type and an
// answer already encoded by its handler all pass untouched.
func TestGzipMiddleware(t *testing.T) {
	long := "<!doctype html><p>" + strings.Repeat("claim ", 1000) // 6,018 bytes
	h := http.NewServeMux()
	h.HandleFunc("/long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, long[:100]) // in two writes, across the threshold
		io.WriteString(w, long[100:])
	})
	h.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	})
	h.HandleFunc("/png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(make([]byte, 5000))
	})
	h.HandleFunc("/pre", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("already-gzipped-bytes" + strings.Repeat("x", 2000)))
	})
	get := func(path, ae string) *http.Response {
		req := httptest.NewRequest("GET", path, nil)
		if ae != "" {
			req.Header.Set("Accept-Encoding", ae)
		}
		rec := httptest.NewRecorder()
		serveGzip(h, rec, req)
		return rec.Result()
	}

	r := get("/long", "gzip, br")
	if r.StatusCode != 404 || r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("/long: status %d, Content-Encoding %q, Vary %q; want 404, gzip, Accept-Encoding", r.StatusCode, r.Header.Get("Content-Encoding"), r.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if string(body) != long {
		t.Errorf("/long decompressed to %d bytes, want the %d sent", len(body), len(long))
	}

	r = get("/long", "gzip;q=0")
	if b, _ := io.ReadAll(r.Body); r.Header.Get("Content-Encoding") != "" || string(b) != long {
		t.Errorf("/long with gzip refused: Content-Encoding %q, %d bytes; want plain %d", r.Header.Get("Content-Encoding"), len(b), len(long))
	}
	r = get("/short", "gzip")
	if b, _ := io.ReadAll(r.Body); r.Header.Get("Content-Encoding") != "" || string(b) != `{"ok":true}` {
		t.Errorf("/short: Content-Encoding %q, body %q; want plain", r.Header.Get("Content-Encoding"), b)
	}
	r = get("/png", "gzip")
	if b, _ := io.ReadAll(r.Body); r.Header.Get("Content-Encoding") != "" || len(b) != 5000 {
		t.Errorf("/png: Content-Encoding %q, %d bytes; want plain 5000", r.Header.Get("Content-Encoding"), len(b))
	}
	r = get("/pre", "gzip")
	if b, _ := io.ReadAll(r.Body); r.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(string(b), "already-gzipped-bytes") {
		t.Errorf("/pre: body changed (%q…); an encoded answer must pass untouched", b[:20])
	}
}
