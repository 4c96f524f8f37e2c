package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// static holds the stylesheet, the bundles built from web/ui by
// scripts/build-assets.sh, and the Natural Earth basemap. They are
// committed, so building tokumu never needs Node; nothing is fetched from
// another host at run time.
//
//go:embed static
var staticFS embed.FS

// asset is one embedded file, with its gzip form computed once.
type asset struct {
	body, gz []byte
	hash     string
	ctype    string
}

type assets struct {
	files map[string]*asset // by path under static/
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		f := &asset{body: body, hash: hex.EncodeToString(sum[:6]), ctype: mime.TypeByExtension(path.Ext(p))}
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			f.gz = buf.Bytes()
		}
		a.files[strings.TrimPrefix(p, "static/")] = f
		return nil
	})
	return a, err
}

// url returns the path of an embedded file with its content hash as a
// query, so that it can be cached for good and still change on upgrade.
func (a *assets) url(name string) string {
	if f := a.files[name]; f != nil {
		return "/static/" + name + "?v=" + f.hash
	}
	return "/static/" + name
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := a.files[r.PathValue("path")]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Vary", "Accept-Encoding")
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("ETag", `"`+f.hash+`"`)
	if r.Header.Get("If-None-Match") == `"`+f.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.body
	if f.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	w.Write(body)
}
