package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
)

// A release is what a citation names: the corpus's content hash (the
// same data gives the same hash, whatever store holds it) and the program
// version that served it. The page footer, /api/, /api/release and every
// "Cite this" show it, so a reader can tell whether two citations are of
// the same data.

// releaseJSON is /api/release.
type releaseJSON struct {
	Release string `json:"release"`
	Hash    string `json:"hash"`
	Version string `json:"version"`
	Cite    string `json:"cite"`
}

func (s *Server) handleRelease(w http.ResponseWriter, r *http.Request) {
	sn := s.st(r).snap
	rel := ReleaseOf(sn.hash)
	writeJSON(w, http.StatusOK, releaseJSON{Release: rel, Hash: sn.hash, Version: tokumu.Version,
		Cite: chicagoRelease(rel, baseURL(r))})
}

// Release is the release of the data the page shows, for the footer.
func (b *base) Release() string { return ReleaseOf(b.sn.hash) }

// Version is the program's version, for the footer.
func (b *base) Version() string { return tokumu.Version }

// chicagoRelease cites the whole release as a dataset.
func chicagoRelease(rel, base string) string {
	return "tokumu: " + corpusTitle + ". Dataset, release " + rel + " (program version " + tokumu.Version + "). " + base + "."
}

// corpusTitle is what a citation calls the corpus.
const corpusTitle = "A Source-Grounded Knowledge Base of Japanese Military Intelligence against the USSR, 1922–1945"
