package search

import (
	"context"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ikawaha/kagome-dict/dict"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
)

var update = flag.Bool("update", false, "rewrite readings.tsv from the embedded corpus and the dictionary")

// TestReadingTable checks readings.tsv against the embedded corpus and the
// dictionary: every run of kanji in a Japanese name has its line, and the
// line says what the dictionary says. After a change to the corpus's
// Japanese names (or to kagome), rewrite it with
//
//	go test ./search -run TestReadingTable -update
func TestReadingTable(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es, err := db.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The runs deriveKeys reads: kanji in a name whose language is ja, and
	// the pieces of those that embed a person's or a place's name…
	want := map[string][]string{}
	d := &deriver{}
	read := func(form string) {
		if _, ok := want[form]; !ok {
			want[form] = d.analyze(form)
		}
	}
	owns, fs := ownForms(es)
	for i, e := range es {
		for _, n := range e.Names {
			if !strings.HasPrefix(n.Lang, "ja") {
				continue
			}
			for _, tok := range tokenize(n.Text) {
				if tok.script == scriptCJK && !isKana(tok.text) && hasHan(tok.text) {
					form := readingForm(n.Text[tok.start:tok.end])
					read(form)
					if owns[i] == nil {
						for _, p := range fs.pieces(form) {
							read(p.text)
						}
					}
				}
			}
		}
	}
	if *update {
		if err := os.WriteFile("readings.tsv", []byte(formatReadings(want)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d readings to readings.tsv", len(want))
		return
	}
	got := parseReadings(readingsTSV)
	var missing, wrong, extra []string
	for form, parts := range want {
		p, ok := got[form]
		switch {
		case !ok:
			missing = append(missing, form)
		case !reflect.DeepEqual(p, parts):
			wrong = append(wrong, form+" ("+strings.Join(p, " ")+" ≠ "+strings.Join(parts, " ")+")")
		}
	}
	for form := range got {
		if _, ok := want[form]; !ok {
			extra = append(extra, form)
		}
	}
	if len(missing)+len(wrong)+len(extra) > 0 {
		slices.Sort(missing)
		slices.Sort(wrong)
		slices.Sort(extra)
		t.Errorf("readings.tsv is out of date (run go test ./search -run TestReadingTable -update):\nmissing %q\nwrong %q\nno longer in the corpus %q", missing, wrong, extra)
	}
}

// TestNoDictionary: indexing the embedded corpus reads every kanji name
// from the table and never loads the dictionary; a name the table lacks
// loads it and is read.
func TestNoDictionary(t *testing.T) {
	ix := embedded(t)
	if ix.analyzed {
		t.Error("indexing the embedded corpus loaded the dictionary: readings.tsv lacks a name (see TestReadingTable)")
	}
	// Nor does a query: a kanji query matches kanji names as written.
	for _, q := range []string{"東京帝国大学", "関東軍", "Kantogun", "Кантогун", "かんとうぐん"} {
		if _, err := ix.Search(Query{Text: q}); err != nil {
			t.Fatal(err)
		}
		ix.Suggest(q, 5, "ja")
	}
	if ix.derive.analyzed() {
		t.Error("a query loaded the dictionary")
	}
	d := &deriver{}
	d.parts(readingForm("関東軍"))
	if d.analyzed() {
		t.Error("a name of the table loaded the dictionary")
	}
	const unknown = "東京帝国大学" // in no name of the corpus
	if _, ok := knownReadings()[unknown]; ok {
		t.Fatalf("%s is in the table; pick a name that is not", unknown)
	}
	if r := d.readings(unknown); !slices.Contains(r, "とうきょう") || !d.analyzed() {
		t.Errorf("a name the table lacks: readings %q, dictionary loaded %v", r, d.analyzed())
	}
}

// formatReadings writes m as readings.tsv: a header, then one line a form,
// sorted.
func formatReadings(m map[string][]string) string {
	forms := make([]string, 0, len(m))
	for f := range m {
		forms = append(forms, f)
	}
	slices.Sort(forms)
	var b strings.Builder
	b.WriteString("# Readings of the kanji names of the embedded corpus by kagome (IPA dictionary),\n" +
		"# so that indexing it needs no dictionary. Form, tab, the reading of each\n" +
		"# morpheme (\"-\": no reading). Written by: go test ./search -run TestReadingTable -update\n")
	for _, f := range forms {
		b.WriteString(f)
		b.WriteByte('\t')
		if m[f] == nil {
			b.WriteString("-")
		} else {
			b.WriteString(strings.Join(m[f], " "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestUserDict checks userdict.csv: it parses, each entry's morphemes
// spell its text, and each reading is katakana (the analyzer turns it into
// hiragana like its own).
func TestUserDict(t *testing.T) {
	d := userDict()
	recs, err := dict.NewUserDicRecords(strings.NewReader(userDictCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Contents) != len(recs) || len(recs) < 10 {
		t.Fatalf("%d entries parsed, %d records", len(d.Contents), len(recs))
	}
	for _, r := range recs {
		if got := strings.Join(r.Tokens, ""); got != r.Text {
			t.Errorf("%s: its morphemes spell %s", r.Text, got)
		}
		for _, y := range r.Yomi {
			for _, c := range y {
				if !unicode.Is(unicode.Katakana, c) && c != 'ー' {
					t.Errorf("%s: reading %q is not katakana", r.Text, y)
					break
				}
			}
		}
	}
}
