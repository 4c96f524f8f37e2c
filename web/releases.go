package web

import (
	"context"
	"net/http"

	"github.com/tokumu/tokumu"
)

// Releases frozen by `tokumu release create` (tokumu.Releases), which a
// citation names: "claim X as of release R" has its own permalink, the
// claim as the release holds it, whatever was edited since.
//
//	GET /releases/{rel}/claims/{id}       the claim as of the release (HTML; JSON with ?format=json or Accept)
//	GET /api/releases/{rel}/claims/{id}   the same as JSON
//	GET /api/releases                     the releases, newest first

// releasesOf returns the store's releases, or ENOTFOUND if it keeps none.
func releasesOf(st *state) (tokumu.Releases, error) {
	rs, ok := st.store.(tokumu.Releases)
	if !ok {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "this server's store keeps no releases")
	}
	return rs, nil
}

type releasesAnswer struct {
	Releases []*tokumu.Release `json:"releases"`
}

func (s *Server) handleReleasesAPI(w http.ResponseWriter, r *http.Request) {
	rs, err := releasesOf(s.st(r))
	var l []*tokumu.Release
	if err == nil {
		l, err = rs.ListReleases(r.Context())
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, releasesAnswer{Releases: l})
}

// releaseClaim reads the claim as of the release, and the page that
// shows it.
func (s *Server) releaseClaim(r *http.Request) (*claimPage, error) {
	name := r.PathValue("rel")
	if err := tokumu.CheckReleaseName(name); err != nil {
		return nil, err
	}
	st := s.st(r)
	c, err := s.frozenClaim(r.Context(), st, name, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	p := &claimPage{base: s.base(r, "entities", ""), C: c, Release: name, AsOf: true,
		Permalink: scheme + "://" + r.Host + "/releases/" + name + "/claims/" + c.ID}
	// The source as the server holds it now: a release keeps its
	// sources, but a claim's page cites the bibliography entry, which
	// edits correct rather than change.
	src := st.snap.Sources[c.Source]
	p.Title = p.Label(c.Subject) + ": " + p.Pred(c.Predicate)
	p.Chicago = chicago(st.snap.dataset(), src, c, p.Permalink, name)
	p.Cite = p.claimCitation(src)
	return p, nil
}

// frozenClaim reads claim id as of release name: from the releases the
// store froze; else, when name is the data the server imported and
// nothing was edited since, from that data; else from the release the
// binary holds (Frozen: the embedded corpus). A citation names the
// import's hash before any release is made (servedRelease), so its
// permalink must resolve without one.
func (s *Server) frozenClaim(ctx context.Context, st *state, name, id string) (*tokumu.Claim, error) {
	rs, err := releasesOf(st)
	if err == nil {
		var c *tokumu.Claim
		if c, err = rs.ReleaseClaim(ctx, name, id); err == nil || tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
			return c, err
		}
	}
	if name == ReleaseOf(st.snap.hash) {
		// The import's name: its data while nothing was edited, and after
		// edits each claim as it stood at the import, read back from the
		// history — a citation made before the edits still answers.
		if st.rev > st.importRev {
			c, changed, err := tokumu.ClaimBefore(ctx, st.store, id, st.importRev)
			if err != nil {
				return nil, err
			}
			if changed {
				if c == nil {
					return nil, tokumu.Errorf(tokumu.ENOTFOUND, "release %s has no claim %q: it was added after the import", name, id)
				}
				return c, nil
			}
		}
		return s.findClaim(ctx, st, id)
	}
	if s.Frozen != nil {
		if ds, ok := s.Frozen(name); ok {
			for _, c := range ds.Claims {
				if c.ID == id {
					return c, nil
				}
			}
			return nil, tokumu.Errorf(tokumu.ENOTFOUND, "release %s has no claim %q", name, id)
		}
	}
	return nil, err
}

func (s *Server) releaseClaimJSON(w http.ResponseWriter, r *http.Request, p *claimPage) {
	src := s.st(r).snap.Sources[p.C.Source]
	writeJSON(w, http.StatusOK, claimJSON{Claim: p.C, Subject: p.Label(p.C.Subject), Predicate: p.Pred(p.C.Predicate), Source: src,
		Permalink: p.Permalink, Release: p.Release, Chicago: p.Chicago})
}

func (s *Server) handleReleaseClaimAPI(w http.ResponseWriter, r *http.Request) {
	p, err := s.releaseClaim(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.releaseClaimJSON(w, r, p)
}

// handleReleaseClaimPage answers HTML, or JSON to a client that asks for
// any other form (the release keeps claims, not their RDF graphs).
func (s *Server) handleReleaseClaimPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept")
	html := claimType(r) == "text/html"
	p, err := s.releaseClaim(r)
	if err != nil {
		if html {
			s.htmlError(w, r, err)
		} else {
			s.writeError(w, r, err)
		}
		return
	}
	if !html {
		s.releaseClaimJSON(w, r, p)
		return
	}
	s.render(w, r, http.StatusOK, "claim", p)
}

// JSONPath is the claim page's link to its own JSON form.
func (p *claimPage) JSONPath() string {
	if p.AsOf {
		return "/releases/" + p.Release + "/claims/" + p.C.ID + "?format=json"
	}
	return "/claims/" + p.C.ID + "?format=json"
}

// releasesPage is /releases: the releases, newest first, each with how to
// cite a claim of it and write it out.
type releasesPage struct {
	base
	Releases []*tokumu.Release
}

func (s *Server) handleReleasesPage(w http.ResponseWriter, r *http.Request) {
	rs, err := releasesOf(s.st(r))
	var l []*tokumu.Release
	if err == nil {
		l, err = rs.ListReleases(r.Context())
	}
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "releases", &releasesPage{base: s.base(r, "", "release.title"), Releases: l})
}
