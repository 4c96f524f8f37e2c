package format_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

var lineRef = regexp.MustCompile(`^line \d+(, column \d+)?: `)

// FuzzParseBibTeX: no input makes the reader panic or hang, and every
// refusal is EINVALID and names the line.
func FuzzParseBibTeX(f *testing.F) {
	for _, p := range []string{"testdata/convert/zotero.bib", "testdata/convert/tricky.bib"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(`@string{a = "x" # b}@book{k, title = a # {y}, month = jan}`)
	f.Add(`@book{k, author = {\'{\i} and \v}, title = {\={`)
	f.Fuzz(func(t *testing.T, s string) {
		_, err := format.ParseBibTeX(strings.NewReader(s))
		checkRefusal(t, err)
	})
}

// FuzzParseRIS: as FuzzParseBibTeX, for RIS.
func FuzzParseRIS(f *testing.F) {
	b, err := os.ReadFile("testdata/convert/zotero.ris")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("TY  - BOOK\nAU  - \nER  - \n")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := format.ParseRIS(strings.NewReader(s))
		checkRefusal(t, err)
	})
}

func checkRefusal(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *format.ParseError
	if tokumu.ErrorCode(err) != tokumu.EINVALID || !lineRef.MatchString(tokumu.ErrorMessage(err)) || !errors.As(err, &pe) || pe.Line < 1 || pe.Col < 1 {
		t.Fatalf("refusal %v: want EINVALID, a *format.ParseError at a line and column", err)
	}
}

// FuzzParseCSLJSON: as FuzzParseBibTeX, for CSL-JSON; an accepted file
// gives one entry an item, each with the line its item starts on.
func FuzzParseCSLJSON(f *testing.F) {
	f.Add(`[
  {"id": "http://zotero.org/users/1/items/AB12", "citation-key": "coox1985", "type": "book",
   "title": "Nomonhan", "author": [{"family": "Coox", "given": "Alvin D."}],
   "issued": {"date-parts": [[1985]]}, "accessed": {"raw": "2026-12-01"},
   "publisher": "Stanford University Press", "translator": [{"family": "X"}], "custom": {"title_en": "E"}}
]`)
	f.Add(`[{"id": "a", "issued": {"date-parts": [["1939", "8", 20]]}}, {"id": "a", "type": 5}]`)
	f.Add(`[{"id": "b", "issued": {"literal": "c. 1940"}, "note": "x\ny"}]`)
	f.Add("\ufeff[]")
	f.Fuzz(func(t *testing.T, s string) {
		es, err := format.ParseCSLJSON(strings.NewReader(s))
		checkRefusal(t, err)
		if err != nil {
			return
		}
		lines := strings.Count(s, "\n") + 1
		for _, e := range es {
			if e.Source == nil || e.Line < 1 || e.Line > lines {
				t.Fatalf("entry %+v: want a source and a line in 1..%d", e, lines)
			}
		}
	})
}
