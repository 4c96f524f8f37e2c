package web

import (
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// TestGradeClass: B4 is not coloured as B1 (issue 16): the reliability
// half and the credibility half each have their colour.
func TestGradeClass(t *testing.T) {
	for in, want := range map[string]string{
		"A1": "g-hi gc-hi",
		"B1": "g-hi gc-hi",
		"B4": "g-hi gc-lo",
		"C3": "g-mid gc-mid",
		"E2": "g-lo gc-hi",
		"F6": "g-lo gc-lo",
	} {
		g, err := tokumu.ParseGrade(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := gradeClass(g); got != want {
			t.Errorf("gradeClass(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestOriginURL: a claim's file:line becomes the line's address on the
// repository the corpus settings name; without a repository there is no
// link (readers are not shown "entities/…yaml:26").
func TestOriginURL(t *testing.T) {
	if got, want := originURL("https://github.com/tokumu/tokumu/blob/main/corpus/", "entities/person/lyushkov-genrikh.yaml:26"),
		"https://github.com/tokumu/tokumu/blob/main/corpus/entities/person/lyushkov-genrikh.yaml#L26"; got != want {
		t.Errorf("originURL = %q, want %q", got, want)
	}
	if got, want := originURL("https://example.org/c", "a b/c.yaml"), "https://example.org/c/a%20b/c.yaml"; got != want {
		t.Errorf("originURL without a line = %q, want %q", got, want)
	}
	c := &tokumu.Claim{Origin: "entities/x.yaml:3"}
	b := &base{Lang: "en", sn: &snapshot{}}
	b.sn.Corpus = nil
	if got := b.OriginURL(c); got != "" {
		t.Errorf("OriginURL without a corpus = %q, want \"\"", got)
	}
	b.sn.Corpus = &view.Corpus{}
	if got := b.OriginURL(c); got != "" {
		t.Errorf("OriginURL without a repository = %q, want \"\"", got)
	}
	b.sn.Settings.Repository = "https://git.example/corpus/"
	if got, want := b.OriginURL(c), "https://git.example/corpus/entities/x.yaml#L3"; got != want {
		t.Errorf("OriginURL = %q, want %q", got, want)
	}
}
