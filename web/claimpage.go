package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// A claim's permalink is /claims/{id}. Derived ids ("subject~hash") name
// their subject and survive edits of the date, place, locator, grade and
// note (tokumu.DeriveClaimID), so the link a historian cites keeps
// working after an editor adds a page number. The same URL answers HTML
// to a browser and JSON to Accept: application/json (or ?format=json).

// findClaim returns the claim with the id, or ENOTFOUND.
func (s *Server) findClaim(ctx context.Context, st *state, id string) (*tokumu.Claim, error) {
	subject := ""
	if subj, _, ok := strings.Cut(id, "~"); ok {
		subject = subj
	} else {
		// A claim with an id of its own: the analyses, built from every
		// claim once per state, know its subject.
		subject = st.snap.analyses().explicit[id]
	}
	if subject != "" {
		cs, err := st.store.Claims(ctx, tokumu.ClaimFilter{Subject: subject})
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.ID == id {
				return c, nil
			}
		}
	}
	return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no claim %q: a claim id is \"<entity id>~<16 hex digits>\" or the id its corpus gives it", id)
}

// ReleaseOf shortens a store's hash to the release name: 12 hex digits,
// without the "embedded:" mark of the embedded corpus's database.
func ReleaseOf(hash string) string {
	if i := strings.LastIndexByte(hash, ':'); i >= 0 {
		hash = hash[i+1:]
	}
	if len(hash) > 12 {
		hash = hash[:12]
	}
	return hash
}

// claimPage is one claim at its permalink.
type claimPage struct {
	base
	C         *tokumu.Claim
	Permalink string
	Release   string
	// AsOf marks the claim as a release holds it (releases.go): the page
	// says so and links the claim as it is now, instead of editing it.
	AsOf    bool
	Chicago string
	Cite    citation // "Cite this" in four forms (cite.go)
	// Warnings are what tokumu check would warn of the claim as it now
	// stands (claimWarnings): shown to every reader, so that the editor
	// who has just saved it sees them, and a reader weighing it sees what
	// the check doubts. A release's claim is frozen and shows none.
	Warnings []string
}

// claimJSON is the claim's permalink as JSON: the claim, its source and a
// citation of it, with the release it is cited from.
type claimJSON struct {
	Claim     *tokumu.Claim   `json:"claim"`
	Subject   string          `json:"subject_label"`
	Predicate string          `json:"predicate_label"`
	Source    *tokumu.Source  `json:"source"`
	CSL       *format.CSLItem `json:"source_csl,omitempty"`
	Permalink string          `json:"permalink"`
	Release   string          `json:"release"`
	Chicago   string          `json:"cite_chicago"`
	Warnings  []string        `json:"warnings,omitempty"`
}

// claimType is the media type the client asked for: ?format=json, else
// by Accept as an entity URL negotiates (conneg.go); HTML when none fits.
func claimType(r *http.Request) string {
	if f := r.URL.Query().Get("format"); f != "" {
		if f == "json" {
			return "application/json"
		}
		return "text/html"
	}
	if mt := negotiate(r.Header.Get("Accept"), entityOffers); mt != "" {
		return mt
	}
	return "text/html"
}

func (s *Server) handleClaimPage(w http.ResponseWriter, r *http.Request) {
	if rel := r.URL.Query().Get("release"); rel != "" {
		// "Claim X as of release R" asked of the claim's own URL: its
		// page is /releases/R/claims/X (releases.go).
		q := r.URL.Query()
		q.Del("release")
		target := "/releases/" + url.PathEscape(rel) + "/claims/" + url.PathEscape(r.PathValue("id"))
		if enc := q.Encode(); enc != "" {
			target += "?" + enc
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	st := s.st(r)
	mt := claimType(r)
	w.Header().Add("Vary", "Accept")
	c, err := s.findClaim(r.Context(), st, r.PathValue("id"))
	if err != nil {
		if mt != "text/html" {
			s.writeError(w, r, err)
		} else {
			s.htmlError(w, r, err)
		}
		return
	}
	if mt == "application/ld+json" || mt == "text/turtle" {
		// The claim's own graph: it is its permalink's IRI in the export.
		s.serveRDF(w, r, mt, format.Query{Entity: c.Subject, Claim: c.ID})
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	p := claimPage{base: s.base(r, "entities", ""), C: c, Permalink: scheme + "://" + r.Host + "/claims/" + c.ID, Release: st.snap.releaseName()}
	// A citation gives the claim as the release it names holds it, where
	// that address answers — a frozen release, or the import while
	// unedited — so that a reader following it months later sees what was
	// cited, not what was edited since; data no release holds ("+r12")
	// has only the live address.
	cited := p.Permalink
	if tokumu.CheckReleaseName(p.Release) == nil {
		cited = scheme + "://" + r.Host + "/releases/" + url.PathEscape(p.Release) + "/claims/" + c.ID
	}
	src := st.snap.Sources[c.Source]
	p.Title = p.Label(c.Subject) + ": " + p.Pred(c.Predicate)
	p.Chicago = chicago(st.snap.dataset(), src, c, cited, p.Release)
	live := p.Permalink
	p.Permalink = cited
	p.Cite = p.claimCitation(src)
	p.Permalink = live
	p.Warnings = claimWarnings(st, c)
	if mt == "application/json" {
		out := claimJSON{Claim: c, Subject: p.Label(c.Subject), Predicate: p.Pred(c.Predicate), Source: src,
			Permalink: p.Permalink, Release: p.Release, Chicago: p.Chicago, Warnings: p.Warnings}
		if src != nil {
			csl := format.CSL(src)
			out.CSL = &csl
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	s.render(w, r, http.StatusOK, "claim", &p)
}

// chicago cites a claim in the notes style of the Chicago Manual: the
// source's reference with the locator, then the claim as a dataset entry
// with its release and permalink.
func chicago(d datasetCite, src *tokumu.Source, c *tokumu.Claim, permalink, rel string) string {
	var b strings.Builder
	if src != nil {
		b.WriteString(titleStop(src.Reference()))
	} else {
		b.WriteString(c.Source)
	}
	if c.Locator != "" {
		b.WriteString(", " + c.Locator)
	}
	b.WriteString(". Cited in " + d.in() + ", claim " + c.ID)
	if rel != "" {
		b.WriteString(", release " + rel)
	}
	b.WriteString(". Accessed " + accessed() + ". " + permalink + ".")
	return b.String()
}

// handleClaimAPI is GET /api/claims/{id}: the claim's JSON, as its page
// gives it with ?format=json, at the path where it is written (PUT,
// PATCH, DELETE).
func (s *Server) handleClaimAPI(w http.ResponseWriter, r *http.Request) {
	r2 := r.Clone(r.Context())
	q := r2.URL.Query()
	q.Del("release")
	q.Set("format", "json")
	r2.URL.RawQuery = q.Encode()
	s.handleClaimPage(w, r2)
}
