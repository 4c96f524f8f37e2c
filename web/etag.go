package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// Every GET of the API is a function of the data (the release: the
// store's content hash, and the newest revision edited since), the program version, the URL and the language
// of labels — so its ETag is their hash, known before the handler runs,
// and a client revalidating an unchanged answer gets 304 without the
// server building it again. The tag is weak (W/): the gzipped and the
// plain body are the same answer. /api/openapi.json has its own tag (the
// document's hash), and a store without a hash gets none.

// notModified sets the ETag of an API GET and answers 304 when the
// request's If-None-Match names it; it reports whether it answered.
func (s *Server) notModified(w http.ResponseWriter, r *http.Request, st *state) bool {
	if r.Method != http.MethodGet || st.snap.hash == "" || r.URL.Path == "/api/openapi.json" ||
		!(strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/reconcile")) {
		return false
	}
	h := sha256.New()
	// The release name too: /api/release changes when a release freezes
	// the served edits, which makes no revision.
	for _, part := range []string{tokumu.Version, st.snap.hash, st.snap.releaseName(), strconv.FormatInt(st.rev, 10), r.URL.RequestURI(), langOf(r)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	etag := `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Add("Vary", "Accept-Language")
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// etagMatch is If-None-Match's weak comparison (RFC 9110 §13.1.2): a
// listed tag equal to etag, W/ aside, or "*".
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
