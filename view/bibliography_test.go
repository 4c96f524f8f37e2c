package view_test

import (
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

func TestBibliography(t *testing.T) {
	srcs := []*tokumu.Source{
		{ID: "mono", Kind: tokumu.Scholarly, Authors: []tokumu.Agent{{Family: "Coox"}}},
		{ID: "memo", Kind: tokumu.Memoir, Editors: []tokumu.Agent{{Literal: "NIDS"}}},
		{ID: "jawp", Kind: tokumu.Reference, URL: "https://ja.wikipedia.org/wiki/X", Accessed: "2026-12-03", Authors: []tokumu.Agent{{Literal: "Wikipedia contributors"}}},
		{ID: "copy", Kind: tokumu.Web, URL: "https://wikipedia.org.example.com/X"},
		{ID: "ach", Kind: tokumu.Analysis, Authors: []tokumu.Agent{{Literal: "editors"}}},
	}
	b := view.Bibliography(srcs, map[string]int{"mono": 5, "memo": 1, "jawp": 3, "copy": 1, "ach": 10})
	// 6 strong and 3 Wikipedia of 20 claims; of the 10 that are not the
	// editors' analysis, 60% and 30%.
	want := view.BibliographyStats{Claims: 20, Strong: 6, StrongShare: 0.3, Wikipedia: 3, WikiShare: 0.15,
		Sources: 5, WithAuthor: 4, AuthorShare: 0.8, WebSources: 2, WithAccessed: 1,
		Evidence: 10, EvidenceStrong: 0.6, EvidenceWikipedia: 0.3}
	if b.ByKind[tokumu.Scholarly] != 5 || b.ByKind[tokumu.Web] != 1 {
		t.Errorf("ByKind = %v", b.ByKind)
	}
	b.ByKind = nil
	if !reflect.DeepEqual(b, want) {
		t.Errorf("got %+v\nwant %+v", b, want)
	}
}
