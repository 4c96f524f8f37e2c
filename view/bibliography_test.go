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
	}
	b := view.Bibliography(srcs, map[string]int{"mono": 5, "memo": 1, "jawp": 3, "copy": 1})
	want := view.BibliographyStats{Claims: 10, Strong: 6, StrongShare: 0.6, Wikipedia: 3, WikiShare: 0.3,
		Sources: 4, WithAuthor: 3, AuthorShare: 0.75, WebSources: 2, WithAccessed: 1}
	if b.ByKind[tokumu.Scholarly] != 5 || b.ByKind[tokumu.Web] != 1 {
		t.Errorf("ByKind = %v", b.ByKind)
	}
	b.ByKind = nil
	if !reflect.DeepEqual(b, want) {
		t.Errorf("got %+v\nwant %+v", b, want)
	}
}
