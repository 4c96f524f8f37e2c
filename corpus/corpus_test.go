package corpus_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestInvariants checks what the loader cannot: the editorial rules of
// CORPUS.md that make the embedded corpus trustworthy.
func TestInvariants(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatalf("the embedded corpus does not load:\n%v", err)
	}
	ix := tokumu.NewIndex(ds)
	for _, c := range ds.Claims {
		if c.Source == "" || ix.Sources[c.Source] == nil {
			t.Errorf("%s: claim without a bibliography source", c.Origin)
		}
	}
	// Each thesis claim of each period has evidence that supports it.
	periods := 0
	for _, e := range ds.Entities {
		if e.Type != tokumu.Period {
			continue
		}
		periods++
		theses := 0
		for _, c := range ds.Claims {
			if c.Subject == e.ID && c.Predicate == "thesis" {
				theses++
				if len(c.SupportedBy) == 0 {
					t.Errorf("%s: thesis claim %s has no supporting evidence", c.Origin, c.ID)
				}
			}
		}
		if theses == 0 {
			t.Errorf("period %s has no thesis claims", e.ID)
		}
	}
	if periods != 4 {
		t.Errorf("%d periods, want the thesis's 4", periods)
	}
	// Names in their own script: a Japanese name is written in Japanese
	// script, a Russian one in Cyrillic; persons and organizations with a
	// ja or ru name have it in that script.
	for _, e := range ds.Entities {
		for _, n := range e.Names {
			switch n.Lang {
			case "ja":
				if !hasScript(n.Text, unicode.Han, unicode.Hiragana, unicode.Katakana) {
					t.Errorf("%s: ja name %q has no kanji or kana", e.Origin, n.Text)
				}
			case "ru":
				if !hasScript(n.Text, unicode.Cyrillic) {
					t.Errorf("%s: ru name %q is not in Cyrillic", e.Origin, n.Text)
				}
			}
			if strings.HasSuffix(n.Lang, "-Latn") && hasScript(n.Text, unicode.Han, unicode.Cyrillic) {
				t.Errorf("%s: %s name %q is not in Latin script", e.Origin, n.Lang, n.Text)
			}
		}
	}
	// The estimates beside the actual figures: at least one strength
	// claim with a perspective and one without, for the same year.
	est, act := map[string]bool{}, map[string]bool{}
	for _, c := range ds.Claims {
		if c.Predicate == "strength" {
			if c.Perspective != "" {
				est[c.When.EDTF[:min(4, len(c.When.EDTF))]] = true
			} else if !c.When.IsZero() {
				act[c.When.EDTF[:min(4, len(c.When.EDTF))]] = true
			}
		}
	}
	both := 0
	for y := range est {
		if act[y] {
			both++
		}
	}
	if both == 0 {
		t.Errorf("no year has both a Japanese estimate and an actual figure (estimates %v, actual %v)", est, act)
	}
}

func hasScript(s string, tables ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.In(r, tables...) {
			return true
		}
	}
	return false
}
