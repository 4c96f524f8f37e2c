package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// An entity's URL, /entities/{id}, is also its IRI in the RDF exports
// (format.Options.Base + "entities/" + id), so it answers what the client
// asks for: HTML to a browser, the API's JSON to application/json, the
// entity's JSON-LD to application/ld+json and its Turtle to text/turtle —
// the same graph /api/export?format=…&entity={id} gives. Linked-data
// clients dereference the IRIs of an export and get data back.

// entityOffers are the media types an entity URL answers in, the first
// the default (a request without Accept, or with */*).
var entityOffers = []string{"text/html", "application/json", "application/ld+json", "text/turtle"}

// negotiate picks the best of offers for an Accept header (RFC 9110
// §12.5.1): the highest weight, a more specific range before a wildcard
// of the same weight, then the order of offers. It returns offers[0] for
// an empty header, and "" when the header accepts none of them.
func negotiate(accept string, offers []string) string {
	if strings.TrimSpace(accept) == "" {
		return offers[0]
	}
	best, bestQ, bestSpec := "", 0.0, -1
	// An Accept header is at most a few hundred bytes from real clients;
	// the server's header limit bounds the rest, and ranges past the
	// first 64 are ignored.
	ranges := strings.SplitN(accept, ",", 65)
	if len(ranges) > 64 {
		ranges = ranges[:64]
	}
	for i, offer := range offers {
		q, spec := -1.0, -1
		for _, part := range ranges {
			mt, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			mt = strings.ToLower(strings.TrimSpace(mt))
			s := 0
			switch {
			case mt == offer:
				s = 2
			case mt == "*/*":
				s = 0
			case strings.HasSuffix(mt, "/*") && strings.HasPrefix(offer, strings.TrimSuffix(mt, "*")):
				s = 1
			default:
				continue
			}
			w := 1.0
			for _, p := range strings.Split(params, ";") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
					if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
						w = f
					}
				}
			}
			if s > spec { // the most specific range that matches decides
				q, spec = w, s
			}
		}
		if q <= 0 {
			continue
		}
		if q > bestQ || (q == bestQ && spec > bestSpec) {
			best, bestQ, bestSpec = offers[i], q, spec
		}
	}
	return best
}

// serveEntityAs answers an entity URL in the negotiated type, when that
// is not HTML; it reports whether it answered.
func (s *Server) serveEntityAs(w http.ResponseWriter, r *http.Request) bool {
	id := r.PathValue("id")
	return s.serveAs(w, r, s.handleEntity, s.st(r).snap.Entities[id] != nil,
		tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", clip(id)), format.Query{Entity: id})
}

// serveSourceAs answers a source's URL, /sources/{id}, its IRI in the
// exports, as serveEntityAs does an entity's: its record and the API's
// page of its claims as JSON, its bibliographic record alone as RDF.
func (s *Server) serveSourceAs(w http.ResponseWriter, r *http.Request) bool {
	id := r.PathValue("id")
	return s.serveAs(w, r, s.handleSource, s.st(r).snap.Sources[id] != nil,
		tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", clip(id)), format.Query{Source: id})
}

// servePredicateAs answers a predicate's URL, /predicates/{id}, the IRI
// every claim's property type names: its vocabulary entry as JSON, its
// labels as RDF.
func (s *Server) servePredicateAs(w http.ResponseWriter, r *http.Request) bool {
	id := r.PathValue("id")
	return s.serveAs(w, r, s.handlePredicate, s.st(r).snap.preds[id] != nil,
		tokumu.Errorf(tokumu.ENOTFOUND, "no predicate %q in the vocabulary", clip(id)), format.Query{Predicate: id})
}

// serveAs answers a URL that is also an IRI in the type Accept asks for:
// JSON by the API's handler, JSON-LD or Turtle by the export of q, a
// not-found error (found false) in either. It reports whether it
// answered; HTML is the caller's.
func (s *Server) serveAs(w http.ResponseWriter, r *http.Request, api http.HandlerFunc, found bool, notFound error, q format.Query) bool {
	w.Header().Add("Vary", "Accept")
	mt := negotiate(r.Header.Get("Accept"), entityOffers)
	switch mt {
	case "", "text/html":
		return false
	case "application/json":
		api(w, r)
		return true
	}
	if !found {
		s.writeError(w, r, notFound)
		return true
	}
	s.serveRDF(w, r, mt, q)
	return true
}

// serveRDF answers the export of q as JSON-LD or Turtle (mt).
func (s *Server) serveRDF(w http.ResponseWriter, r *http.Request, mt string, q format.Query) {
	name := map[string]string{"application/ld+json": "jsonld", "text/turtle": "turtle"}[mt]
	f, err := format.Lookup(name)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	x, err := format.NewExport(r.Context(), s.st(r).store, q, format.Options{Base: baseURL(r), Lang: langOf(r), Release: s.st(r).snap.releaseName()})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", mt+"; charset=utf-8")
	if err := f.Write(r.Context(), w, x); err != nil {
		s.Logger.Error("RDF answer cut short", "format", name, "url", r.URL.String(), "err", err)
	}
}
