package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/web/i18n"
)

// The ways code names a message: templates call T/TH with the key
// ({{.T "nav.map"}}, {{$.B.TH "claim.at" …}}); Go calls .T("…"), .TH("…")
// or base() with a title key; the page scripts call t('js.…', …).
var (
	tmplKeyRE = regexp.MustCompile(`\bTH? "([a-z][a-z0-9_.]*)"`)
	goKeyRE   = regexp.MustCompile(`\.TH?\("([a-z][a-z0-9_.]*)"|s\.base\(r, "[a-z]*", "([a-z][a-z0-9_.]*\.[a-z0-9_.]+)"`)
	jsKeyRE   = regexp.MustCompile(`\bt\('([a-z][a-z0-9_.]*)'`)
)

// TestTemplatesUseCatalogueKeys fails when a template, a Go file of the
// web or the CLI, or a page script uses a message key the catalogue does
// not have — a typo would otherwise show the key itself to readers.
func TestTemplatesUseCatalogueKeys(t *testing.T) {
	check := func(glob string, re *regexp.Regexp) int {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("no files match %s", glob)
		}
		n := 0
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				key := m[1]
				if key == "" && len(m) > 2 {
					key = m[2]
				}
				if key == "" || strings.HasSuffix(key, ".") {
					continue // a prefix the code completes; TestClosedValuesTranslated checks those
				}
				n++
				if !i18n.Has(key) {
					t.Errorf("%s uses the message %q, which web/i18n/messages/en.yaml lacks", f, key)
				}
			}
		}
		return n
	}
	if n := check("templates/*.html", tmplKeyRE); n < 300 {
		t.Errorf("found only %d message keys in the templates; is the pattern still right?", n)
	}
	if n := check("*.go", goKeyRE); n < 20 {
		t.Errorf("found only %d message keys in web's Go code; is the pattern still right?", n)
	}
	if n := check("../cmd/tokumu/*.go", goKeyRE); n < 15 {
		t.Errorf("found only %d message keys in the CLI; is the pattern still right?", n)
	}
	if n := check("ui/src/*.js", jsKeyRE); n < 6 {
		t.Errorf("found only %d message keys in the page scripts; is the pattern still right?", n)
	}
}

// TestClosedValuesTranslated: the values a page shows through TypeName,
// Reason and the structure and audit pages (entity types, name and source
// kinds, search matches, audit kinds, changes, bounds) each have a
// message, so a new type or kind in the domain fails here until it is
// translated.
func TestClosedValuesTranslated(t *testing.T) {
	var keys []string
	for _, v := range tokumu.EntityTypes {
		keys = append(keys, "type."+string(v), "types."+string(v))
	}
	for _, v := range tokumu.NameKinds {
		keys = append(keys, "namekind."+string(v))
	}
	for _, v := range tokumu.SourceKinds {
		keys = append(keys, "kind."+string(v))
	}
	for _, v := range []search.Match{search.MatchExact, search.MatchName, search.MatchDerived, search.MatchPrefix, search.MatchFuzzy, search.MatchText} {
		keys = append(keys, "search.match."+string(v))
	}
	for _, v := range []string{audit.AfterDeath, audit.BeforeBirth, audit.BeforeFounding, audit.AfterDissolution, audit.DissolvedParent, audit.TwoPostings, audit.Cycle, audit.EstimateBefore, audit.CitedBeforePrinted} {
		keys = append(keys, "audit.kind."+v)
	}
	for _, v := range []string{chart.Added, chart.Removed, chart.Moved, chart.Renamed, chart.NoEvidence} {
		keys = append(keys, "structure.badge."+v, "structure.change."+v, "structure.diff."+v)
	}
	for _, v := range []string{"death", "dissolution", "successor", "next posting", "predecessor", "founding", "end", "start", "same post"} {
		keys = append(keys, "bound."+strings.ReplaceAll(v, " ", "_"))
	}
	for _, v := range []string{"different objects", "different values", "different dates", "different places", "two holders at once", "two holders possibly at once"} {
		keys = append(keys, "reason."+strings.ReplaceAll(v, " ", "_"))
	}
	for _, c := range "ABCDEF" {
		keys = append(keys, "grade.r."+string(c))
	}
	for c := 0; c <= 6; c++ {
		keys = append(keys, "grade.c."+string(rune('0'+c)))
	}
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("web/i18n/messages/en.yaml lacks %q", k)
		}
	}
}
