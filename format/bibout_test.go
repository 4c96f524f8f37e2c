package format_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// bibSources are sources of the kinds the walkthrough's exports got wrong:
// a Wikipedia article, a web page, an English article whose title has
// proper nouns, and a note the editors wrote for the corpus's readers.
func bibSources() []*tokumu.Source {
	return []*tokumu.Source{
		{ID: "jawp-nomonhan", Kind: tokumu.Reference, Type: "entry-encyclopedia", Authors: []tokumu.Agent{{Literal: "Wikipedia contributors"}},
			Title: "ノモンハン事件", Container: "Wikipedia (日本語版)", Publisher: "Wikimedia Foundation",
			URL: "https://ja.wikipedia.org/wiki/ノモンハン事件", Accessed: "2026-11-25", Language: "ja"},
		{ID: "site-page", Kind: tokumu.Web, Type: "webpage", Authors: []tokumu.Agent{{Family: "Ivanov", Given: "I."}},
			Title: "Бои на Халхин-Голе", Container: "Hrono", URL: "https://example.org/hg", Accessed: "2026-11-30", Language: "ru"},
		{ID: "coox1973", Kind: tokumu.Scholarly, Type: "article-journal", Authors: []tokumu.Agent{{Family: "Coox", Given: "Alvin D."}},
			Title: "The Lake Khasan Affair of 1938: Overview and Lessons", Container: "Soviet Studies", Issued: "1973-07",
			Volume: "25", Issue: "1", Pages: "51–65", Language: "en",
			Note: "Read only in a long quotation posted to a discussion forum, which is not cited."},
		{ID: "rgva-doc", Kind: tokumu.Archival, Type: "manuscript", Authors: []tokumu.Agent{{Literal: "Штаб 1-й армейской группы"}},
			Title: "Оперативная сводка № 1", Archive: "RGVA", ArchiveLocation: "f. 33987, op. 3", Language: "ru", Note: "Read in a copy."},
	}
}

// bibEntry returns the text of the entry with key id in a BibTeX file.
func bibEntry(t *testing.T, bib, id string) string {
	t.Helper()
	i := strings.Index(bib, "{"+id+",\n")
	if i < 0 {
		t.Fatalf("no entry %s in\n%s", id, bib)
	}
	i = strings.LastIndex(bib[:i], "@")
	end := strings.Index(bib[i:], "\n}\n")
	return bib[i : i+end+2]
}

// TestBibTeXTypesTitlesLanguages: entry types biblatex and pandoc read
// back as what the source is, titles braced whole, langid in biblatex's
// names, the editors' note in annotation and the English title in
// titleaddon.
func TestBibTeXTypesTitlesLanguages(t *testing.T) {
	st := openWith(t, bibSources())
	p, _ := write(t, st, "bibtex", format.Query{}, format.Options{}, "b.bib")
	data, _ := os.ReadFile(p)
	bib := string(data)
	for _, tt := range []struct {
		id   string
		want []string
		not  []string
	}{
		{"jawp-nomonhan", []string{"@inreference{", "title = {{ノモンハン事件}}", "booktitle = {{Wikipedia (日本語版)}}", "langid = {japanese}", "urldate = {2026-11-25}"},
			[]string{"incollection", "language ="}},
		{"site-page", []string{"@online{", "organization = {Hrono}", "langid = {russian}"}, nil},
		{"coox1973", []string{"@article{", "title = {{The Lake Khasan Affair of 1938: Overview and Lessons}}", "langid = {english}",
			"annotation = {Read only in a long quotation"}, []string{"  note =", "note = {Read"}},
		{"zor23", []string{"titleaddon = {{[Japanese military intelligence against the USSR]}}", "langid = {russian}"}, nil},
		{"rgva-doc", []string{"@unpublished{", "note = {RGVA f. 33987, op. 3}", "annotation = {Read in a copy.}"}, nil},
	} {
		e := bibEntry(t, bib, tt.id)
		for _, w := range tt.want {
			if !strings.Contains(e, w) {
				t.Errorf("%s lacks %q:\n%s", tt.id, w, e)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(e, w) {
				t.Errorf("%s has %q:\n%s", tt.id, w, e)
			}
		}
	}
	// What the export writes, the reader of tokumu convert reads back.
	es, err := format.ParseBibTeX(strings.NewReader(bib))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*tokumu.Source{}
	for _, e := range es {
		got[e.Source.ID] = e.Source
	}
	if s := got["jawp-nomonhan"]; s == nil || s.Type != "entry-encyclopedia" || s.Container != "Wikipedia (日本語版)" || s.Language != "ja" {
		t.Errorf("jawp-nomonhan read back as %+v", s)
	}
	if s := got["site-page"]; s == nil || s.Type != "webpage" || s.Container != "Hrono" {
		t.Errorf("site-page read back as %+v", s)
	}
	if s := got["coox1973"]; s == nil || s.Note != bibSources()[2].Note || s.Title != bibSources()[2].Title {
		t.Errorf("coox1973 read back as %+v", s)
	}
	if s := got["zor23"]; s == nil || s.TitleEn != "Japanese military intelligence against the USSR" {
		t.Errorf("zor23 read back as %+v", s)
	}
}

// TestBibTeXWithPandoc: pandoc, reading the export as biblatex, sees an
// encyclopedia entry and a web page as CSL's entry-encyclopedia and
// webpage, takes each entry's language from langid, keeps an English
// title's capitals (also as plain BibTeX, which sentence-cases), and puts
// no editors' note where styles print it.
func TestBibTeXWithPandoc(t *testing.T) {
	need(t, "pandoc", "pandoc")
	st := openWith(t, bibSources())
	bib, _ := write(t, st, "bibtex", format.Query{}, format.Options{}, "b.bib")
	var items []map[string]any
	for _, from := range []string{"biblatex", "bibtex"} {
		out := run(t, "", "pandoc", "-f", from, "-t", "csljson", bib)
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("%s: %v\n%s", from, err, out)
		}
		byID := map[string]map[string]any{}
		for _, it := range items {
			byID[it["id"].(string)] = it
		}
		for _, tt := range []struct{ id, key, want string }{
			{"jawp-nomonhan", "type", "entry-encyclopedia"},
			{"jawp-nomonhan", "language", "ja-JP"},
			{"site-page", "type", "webpage"},
			{"site-page", "language", "ru-RU"},
			{"coox1973", "title", "The Lake Khasan Affair of 1938: Overview and Lessons"},
			{"coox1973", "language", "en-US"},
			{"coox1973", "note", "<nil>"},
			{"coox1973", "annote", "Read only in a long quotation posted to a discussion forum, which is not cited."},
		} {
			if from == "bibtex" && tt.key != "title" {
				continue // plain BibTeX has no @inreference or langid
			}
			if got := fmt.Sprint(byID[tt.id][tt.key]); got != tt.want {
				t.Errorf("pandoc -f %s: %s's %s is %q, want %q", from, tt.id, tt.key, got, tt.want)
			}
		}
	}
}

// TestNotesAndEnglishTitles: the editors' note goes to no field a style
// prints (CSL annote, RIS N1, which Zotero keeps as a child note), and
// title_en goes where each format has a place for it (RIS TT, CSL in
// brackets after the title and in custom.title_en); each reader takes
// them back.
func TestNotesAndEnglishTitles(t *testing.T) {
	st := openWith(t, bibSources())
	csl, _ := write(t, st, "csljson", format.Query{}, format.Options{}, "b.json")
	data, _ := os.ReadFile(csl)
	var items []map[string]any
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		switch it["id"] {
		case "coox1973":
			if it["note"] != nil || it["annote"] != bibSources()[2].Note {
				t.Errorf("CSL-JSON coox1973: note %v, annote %v", it["note"], it["annote"])
			}
		case "zor23":
			if it["title"] != "Военная разведка Японии против СССР [Japanese military intelligence against the USSR]" ||
				fmt.Sprint(it["custom"]) != "map[title_en:Japanese military intelligence against the USSR]" {
				t.Errorf("CSL-JSON zor23: title %v, custom %v", it["title"], it["custom"])
			}
		}
	}
	ris, _ := write(t, st, "ris", format.Query{}, format.Options{}, "b.ris")
	data, _ = os.ReadFile(ris)
	if !strings.Contains(string(data), "TT  - Japanese military intelligence against the USSR\r\n") {
		t.Errorf("RIS has no TT for zor23:\n%s", data)
	}
	for name, parse := range map[string]func(string) ([]format.BibEntry, error){
		csl: func(p string) ([]format.BibEntry, error) {
			f, _ := os.Open(p)
			defer f.Close()
			return format.ParseCSLJSON(f)
		},
		ris: func(p string) ([]format.BibEntry, error) {
			f, _ := os.Open(p)
			defer f.Close()
			return format.ParseRIS(f)
		},
	} {
		es, err := parse(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			s := e.Source
			switch s.ID {
			case "zor23":
				if s.Title != "Военная разведка Японии против СССР" || s.TitleEn != "Japanese military intelligence against the USSR" {
					t.Errorf("%s: zor23 read back as %q, %q", name, s.Title, s.TitleEn)
				}
			case "coox1973":
				if s.Note != bibSources()[2].Note {
					t.Errorf("%s: coox1973's note read back as %q", name, s.Note)
				}
			}
		}
	}
}
