package view

import (
	"net/url"
	"strings"

	"github.com/tokumu/tokumu"
)

// BibliographyStats measures how well the claims are sourced: how many
// rest on each kind of source, on the strong kinds (scholarly, official,
// memoir, archival), on Wikipedia, and how complete the bibliography's
// entries are.
type BibliographyStats struct {
	Claims       int                       `json:"claims"`
	ByKind       map[tokumu.SourceKind]int `json:"claims_by_source_kind"`
	Strong       int                       `json:"claims_scholarly_official_memoir"`
	StrongShare  float64                   `json:"share_scholarly_official_memoir"`
	Archival     int                       `json:"claims_archival"`
	Wikipedia    int                       `json:"claims_wikipedia"`
	WikiShare    float64                   `json:"share_wikipedia"`
	Sources      int                       `json:"sources"`
	WithAuthor   int                       `json:"sources_with_author_or_issuer"`
	AuthorShare  float64                   `json:"share_sources_with_author_or_issuer"`
	WebSources   int                       `json:"web_sources"`
	WithAccessed int                       `json:"web_sources_with_access_date"`

	// The same shares over the claims that report history, leaving out
	// the editors' own analysis (sources of kind analysis: ratings of a
	// hypothesis matrix, placements of events in periods), which rests on
	// no outside source by design and would otherwise dilute both shares.
	Evidence          int     `json:"claims_evidence"`
	EvidenceStrong    float64 `json:"share_scholarly_official_memoir_of_evidence"`
	EvidenceWikipedia float64 `json:"share_wikipedia_of_evidence"`
}

// Bibliography computes BibliographyStats from the bibliography and the
// number of claims citing each source (tokumu.Stats.BySource).
func Bibliography(sources []*tokumu.Source, bySource map[string]int) BibliographyStats {
	b := BibliographyStats{ByKind: map[tokumu.SourceKind]int{}, Sources: len(sources)}
	for _, s := range sources {
		n := bySource[s.ID]
		b.Claims += n
		b.ByKind[s.Kind] += n
		switch s.Kind {
		case tokumu.Scholarly, tokumu.Official, tokumu.Memoir:
			b.Strong += n
		case tokumu.Archival:
			b.Archival += n
		}
		if IsWikipedia(s.URL) {
			b.Wikipedia += n
		}
		if len(s.Authors) > 0 || len(s.Editors) > 0 {
			b.WithAuthor++
		}
		if s.URL != "" {
			b.WebSources++
			if s.Accessed != "" {
				b.WithAccessed++
			}
		}
	}
	share := func(n, d int) float64 {
		if d == 0 {
			return 0
		}
		return float64(int(1000*float64(n)/float64(d)+0.5)) / 1000
	}
	b.StrongShare, b.WikiShare = share(b.Strong, b.Claims), share(b.Wikipedia, b.Claims)
	b.AuthorShare = share(b.WithAuthor, b.Sources)
	b.Evidence = b.Claims - b.ByKind[tokumu.Analysis]
	b.EvidenceStrong, b.EvidenceWikipedia = share(b.Strong, b.Evidence), share(b.Wikipedia, b.Evidence)
	return b
}

// IsWikipedia reports whether u is a page of a Wikipedia (any language).
func IsWikipedia(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	h := strings.ToLower(p.Hostname())
	return h == "wikipedia.org" || strings.HasSuffix(h, ".wikipedia.org")
}
