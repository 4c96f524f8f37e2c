package format_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/format"
)

// TestBibTeXAgainstPandoc reads each .bib file of testdata/convert with
// tokumu's reader and with pandoc's (the reader most scholars' toolchains
// use), and requires the two to agree on every entry's title, authors and
// year. bibin.go is hand-written because no BibTeX module is served to this
// project; pandoc is its oracle.
func TestBibTeXAgainstPandoc(t *testing.T) {
	need(t, "pandoc", "pandoc")
	files, _ := filepath.Glob("testdata/convert/*.bib")
	if len(files) < 2 {
		t.Fatalf("found %d .bib files in testdata/convert, want at least 2", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var theirs []struct {
				ID     string `json:"id"`
				Title  string `json:"title"`
				Author []struct {
					Family, Given, Literal string
					Particle               string `json:"non-dropping-particle"`
					Dropping               string `json:"dropping-particle"`
				} `json:"author"`
				Issued struct {
					DateParts [][]any `json:"date-parts"`
				} `json:"issued"`
			}
			if err := json.Unmarshal([]byte(run(t, "", "pandoc", "-f", "bibtex", "-t", "csljson", f)), &theirs); err != nil {
				t.Fatalf("pandoc's CSL-JSON: %v", err)
			}
			r, _ := os.Open(f)
			defer r.Close()
			ours, err := format.ParseBibTeX(r)
			if err != nil {
				t.Fatal(err)
			}
			if len(ours) != len(theirs) {
				t.Fatalf("tokumu reads %d entries, pandoc %d", len(ours), len(theirs))
			}
			for i, e := range ours {
				p, s := theirs[i], e.Source
				if s.ID != format.SourceID(p.ID) {
					t.Errorf("entry %d: id %q, pandoc's key %q", i, s.ID, p.ID)
				}
				if norm(s.Title) != norm(p.Title) {
					t.Errorf("%s: title %q, pandoc %q", s.ID, s.Title, p.Title)
				}
				if len(s.Authors) != len(p.Author) {
					t.Fatalf("%s: %d authors %+v, pandoc %d %+v", s.ID, len(s.Authors), s.Authors, len(p.Author), p.Author)
				}
				for j, a := range s.Authors {
					pa := p.Author[j]
					// tokumu keeps particles in the family name (CSL's
					// non-dropping form); pandoc splits them off.
					family := strings.TrimSpace(strings.Join(strings.Fields(pa.Dropping+" "+pa.Particle+" "+pa.Family), " "))
					if a.Literal != pa.Literal || a.Family != family || a.Given != pa.Given {
						t.Errorf("%s: author %d %+v, pandoc %+v", s.ID, j, a, pa)
					}
				}
				year := ""
				if dp := p.Issued.DateParts; len(dp) > 0 && len(dp[0]) > 0 {
					year = strings.TrimSpace(strings.Trim(string(mustJSON(dp[0][0])), `"`))
				}
				if !strings.HasPrefix(s.Issued, year) || year == "" {
					t.Errorf("%s: issued %q, pandoc's year %q", s.ID, s.Issued, year)
				}
			}
		})
	}
}

var spaces = regexp.MustCompile(`\s+`)

// norm compares titles as readers see them, whatever their case: pandoc
// turns English titles into sentence case for CSL (whose styles apply their
// own), tokumu keeps them as written; pandoc also writes typographic
// apostrophes.
func norm(s string) string {
	s = strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(s))
	return spaces.ReplaceAllString(strings.TrimSpace(s), " ")
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
