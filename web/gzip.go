package web

import (
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// gzipMin is the size below which a response is sent as it is: the gzip
// header and trailer (18 bytes) and the CPU are not worth it for a short
// JSON answer or an error line, and one TCP packet holds it either way.
const gzipMin = 1024

// gzipWriters reuses compressors: each holds about 800 KB of tables, too
// much to allocate per request.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return zw
}}

// serveGzip runs h, compressing its answer with gzip when the client
// accepts it and the answer is text (HTML, JSON, CSS, JavaScript, SVG)
// of at least gzipMin bytes. The pages are mostly repeated markup, so
// /estimates goes from ~200 KB to ~20 KB. An answer the handler already
// encoded (the embedded assets carry their gzip form) passes untouched.
func serveGzip(h http.Handler, w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Encoding")
	if r.Method == http.MethodHead || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.ServeHTTP(w, r)
		return
	}
	gw := &gzipResponse{w: w}
	defer gw.close()
	h.ServeHTTP(gw, r)
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip:
// listed as gzip or *, and not with q=0 (RFC 9110 §12.5.3).
func acceptsGzip(header string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
					ok = false
				}
			}
		}
		if name == "*" {
			star = ok
			continue
		}
		return ok
	}
	return star
}

// compressible reports whether a Content-Type is text worth compressing.
func compressible(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/json", mt == "application/javascript",
		mt == "application/geo+json", mt == "image/svg+xml",
		strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	return false
}

// gzipResponse holds back the status and the first gzipMin bytes until it
// knows whether to compress: the decision needs the handler's headers
// and, for short answers, the length.
type gzipResponse struct {
	w       http.ResponseWriter
	status  int
	buf     []byte
	zw      *gzip.Writer
	decided bool // the headers have gone out, plain or gzipped
}

func (g *gzipResponse) Header() http.Header { return g.w.Header() }

// Unwrap lets http.ResponseController reach the real writer.
func (g *gzipResponse) Unwrap() http.ResponseWriter { return g.w }

func (g *gzipResponse) WriteHeader(status int) {
	if g.status != 0 || g.decided {
		return
	}
	g.status = status
	// Answers without a body, or with an encoding of their own, go out now.
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified || g.w.Header().Get("Content-Encoding") != "" {
		g.decided = true
		g.w.WriteHeader(status)
	}
}

func (g *gzipResponse) Write(p []byte) (int, error) {
	if g.status == 0 {
		g.WriteHeader(http.StatusOK)
	}
	if g.decided {
		if g.zw != nil {
			return g.zw.Write(p)
		}
		return g.w.Write(p)
	}
	g.buf = append(g.buf, p...)
	if len(g.buf) >= gzipMin {
		if err := g.start(true); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// start sends the headers, gzipped if big is true and the type is text,
// then what was held back.
func (g *gzipResponse) start(big bool) error {
	g.decided = true
	h := g.w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", http.DetectContentType(g.buf))
	}
	if big && compressible(h.Get("Content-Type")) {
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		g.zw = gzipWriters.Get().(*gzip.Writer)
		g.zw.Reset(g.w)
		g.w.WriteHeader(g.status)
		_, err := g.zw.Write(g.buf)
		g.buf = nil
		return err
	}
	g.w.WriteHeader(g.status)
	_, err := g.w.Write(g.buf)
	g.buf = nil
	return err
}

// close ends the answer: a short one goes out plain, a gzipped one gets
// its trailer and its compressor goes back to the pool.
func (g *gzipResponse) close() {
	if !g.decided {
		if g.status == 0 {
			return // the handler wrote nothing; net/http sends 200 and no body
		}
		g.start(false)
		return
	}
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(io.Discard)
		gzipWriters.Put(g.zw)
		g.zw = nil
	}
}
