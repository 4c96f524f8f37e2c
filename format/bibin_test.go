package format_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// TestBibliographyRoundTrip: the fixture's bibliography written in each
// format and read back keeps ids, titles, authors, years and urls.
func TestBibliographyRoundTrip(t *testing.T) {
	st := openFixture(t)
	for _, tt := range []struct {
		format string
		parse  func(f *os.File) ([]format.BibEntry, error)
	}{
		{"bibtex", func(f *os.File) ([]format.BibEntry, error) { return format.ParseBibTeX(f) }},
		{"ris", func(f *os.File) ([]format.BibEntry, error) { return format.ParseRIS(f) }},
		{"csljson", func(f *os.File) ([]format.BibEntry, error) { return format.ParseCSLJSON(f) }},
	} {
		p, _ := write(t, st, tt.format, format.Query{}, format.Options{}, "b")
		f, _ := os.Open(p)
		es, err := tt.parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		if len(es) != 2 {
			t.Fatalf("%s: %d entries, want 2", tt.format, len(es))
		}
		yak, zor := es[0].Source, es[1].Source
		if yak.ID != "yak" || yak.Title != "Японская военная миссия" || yak.Language != "ru" {
			t.Errorf("%s: yak read back as %+v", tt.format, yak)
		}
		if zor.ID != "zor23" || zor.Title != "Военная разведка Японии против СССР" || zor.Issued != "2023" ||
			len(zor.Authors) != 1 || zor.Authors[0] != (tokumu.Agent{Family: "Зорихин", Given: "А. Г."}) || zor.URL != "https://example.org/zor23" {
			t.Errorf("%s: zor23 read back as %+v", tt.format, zor)
		}
	}
}

func TestParseBibTeXDetails(t *testing.T) {
	es, err := format.ParseBibTeX(strings.NewReader(`@comment{ignored}
@article{Hata_1936,
  author = "Hata, Hikosaburō and {Japan Defense Agency} and Alvin D. Coox",
  title = {The {Soviet} Army \& its \%s},
  journaltitle = {Kaikōsha kiji},
  date = {1936-05},
  pages = {10--20},
}`))
	if err != nil {
		t.Fatal(err)
	}
	s := es[0].Source
	if es[0].Line != 2 || s.ID != "hata-1936" || s.Type != "article-journal" || s.Kind != tokumu.Scholarly || s.Title != "The Soviet Army & its %s" ||
		s.Container != "Kaikōsha kiji" || s.Issued != "1936-05" || s.Pages != "10–20" {
		t.Errorf("got %+v at line %d", s, es[0].Line)
	}
	want := []tokumu.Agent{{Family: "Hata", Given: "Hikosaburō"}, {Literal: "Japan Defense Agency"}, {Family: "Coox", Given: "Alvin D."}}
	if len(s.Authors) != 3 || s.Authors[0] != want[0] || s.Authors[1] != want[1] || s.Authors[2] != want[2] {
		t.Errorf("authors %+v, want %+v", s.Authors, want)
	}
	es, err = format.ParseBibTeX(strings.NewReader(`% an @string in a comment opens nothing
@string{spb = "Санкт-Петербург"}
@book{k,
  author = {Andrzej Pep{\l}o{\'n}ski and Given von Family},
  title = {Sh\={o}wa, } # spb,
  year = 1996, month = jun,
}`))
	if err != nil {
		t.Fatal(err)
	}
	s = es[0].Source
	if es[0].Line != 3 || s.Title != "Shōwa, Санкт-Петербург" || s.Issued != "1996-06" ||
		len(s.Authors) != 2 || s.Authors[0] != (tokumu.Agent{Family: "Pepłoński", Given: "Andrzej"}) || s.Authors[1] != (tokumu.Agent{Family: "von Family", Given: "Given"}) {
		t.Errorf("macros, accents and particles: got %+v at line %d", s, es[0].Line)
	}
	// An archival file: its archive and place there are kept, and it is
	// archival whether the citation manager wrote @misc with a type of
	// work or @unpublished.
	for _, entry := range []string{
		"@misc{GARF5826,\n  title = {Донесения},\n  archive = {ГАРФ},\n  archive_location = {Ф. Р-5826, оп. 1, д. 52},\n  type = {manuscript},\n}",
		"@unpublished{GARF5826,\n  title = {Донесения},\n  archive = {ГАРФ},\n  archive_location = {Ф. Р-5826, оп. 1, д. 52},\n}",
		"@misc{GARF5826,\n  title = {Донесения},\n  archive = {ГАРФ},\n  archive_location = {Ф. Р-5826, оп. 1, д. 52},\n}",
	} {
		es, err = format.ParseBibTeX(strings.NewReader(entry))
		if err != nil {
			t.Fatal(err)
		}
		s = es[0].Source
		if s.Archive != "ГАРФ" || s.ArchiveLocation != "Ф. Р-5826, оп. 1, д. 52" || s.Kind != tokumu.Archival {
			t.Errorf("%s:\ngot archive %q, location %q, kind %s, type %s", entry, s.Archive, s.ArchiveLocation, s.Kind, s.Type)
		}
	}
	_, err = format.ParseBibTeX(strings.NewReader("@book{x,\n title = {open\n"))
	if tokumu.ErrorCode(err) != tokumu.EINVALID || !strings.Contains(tokumu.ErrorMessage(err), "line 2, column 10: this { is never closed") {
		t.Errorf("unclosed brace: %v", err)
	}
	_, err = format.ParseRIS(strings.NewReader("TY  - BOOK\nTI  - x\n"))
	if !strings.Contains(tokumu.ErrorMessage(err), "line 1, column 1: the reference that starts here has no ER") {
		t.Errorf("RIS without ER: %v", err)
	}
}

func TestSourceID(t *testing.T) {
	for in, want := range map[string]string{"Coox1985": "coox1985", "coox_nomonhan": "coox-nomonhan", "Яковкин2007": "yakovkin2007", "Pałasz1996": "palasz1996", "はた2014": "hata2014"} {
		if got := format.SourceID(in); got != want {
			t.Errorf("SourceID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseErrorPositions: a problem in a bibliography file is reported
// at its line and column: a JSON syntax error at the character, not a
// byte offset; an unclosed brace at the brace, not entries later where
// the parser gives up; and CSL-JSON items keep their lines, so that a
// duplicate key can be reported at its item.
func TestParseErrorPositions(t *testing.T) {
	for _, tt := range []struct {
		name      string
		parse     func(string) ([]format.BibEntry, error)
		in        string
		line, col int
		msg       string
	}{
		{"json syntax", func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) },
			"[\n  {\"id\": \"a\", \"title\": \"Ноябрь\" \"type\": \"book\"}\n]", 2, 33, "invalid character"},
		{"json type", func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) },
			"[\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"title\": 5}\n]", 3, 3, `in this item, "title" is a JSON number where CSL-JSON has a string`},
		{"json not an array", func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) },
			"\n{\"id\": \"a\"}", 2, 1, "the file is not an array"},
		{"json cut short", func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) },
			"[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n", 3, 14, "unexpected end of JSON input"},
		{"bibtex unclosed brace", func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) },
			"@book{a,\n  title = {A},\n}\n@article{coox1973,\n  title = {The Lake {Khasan Affair},\n  year = {1973},\n}\n\n@book{b,\n  title = {B},\n}\n",
			5, 11, "entry coox1973 (line 4) is not closed before the entry at line 9 begins: this value of title runs over the entry's end"},
		{"bibtex entry not closed", func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) },
			"@book{a,\n  title = {A},\n\n@book{b,\n  title = {B},\n}\n", 1, 1, "entry a is not closed before the entry at line 4 begins"},
		{"bibtex unclosed quote", func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) },
			"@book{a,\n  title = \"A,\n}\n@book{b,\n  title = {B},\n}\n", 2, 11, "this \" is not closed before the entry at line 4 begins"},
		{"bibtex missing =", func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) },
			"@book{a,\n  title {A},\n}\n", 2, 9, "entry a (line 1): expected field = {value}"},
		{"ris", func(s string) ([]format.BibEntry, error) { return format.ParseRIS(strings.NewReader(s)) },
			"TY  - BOOK\nTI - x\nER  - \n", 2, 1, "is not a RIS line"},
	} {
		_, err := tt.parse(tt.in)
		var pe *format.ParseError
		if !errors.As(err, &pe) || pe.Line != tt.line || pe.Col != tt.col || !strings.Contains(pe.Msg, tt.msg) || tokumu.ErrorCode(err) != tokumu.EINVALID {
			t.Errorf("%s: %v, want %d:%d: …%s…", tt.name, err, tt.line, tt.col, tt.msg)
		}
	}
	es, err := format.ParseCSLJSON(strings.NewReader("[\n  {\"id\": \"a\", \"title\": \"A\"},\n\n  {\n    \"id\": \"b\", \"title\": \"B\"}\n]\n"))
	if err != nil || len(es) != 2 || es[0].Line != 2 || es[1].Line != 4 {
		t.Errorf("CSL-JSON item lines: %v, %+v", err, es)
	}
}

// TestRISDates: RIS's YYYY/MM/DD/other dates, from PY, Y1, DA and Y2,
// become ISO dates, the most precise of PY, Y1 and DA winning in any
// order; what is no date is kept as written, for the loader to refuse.
func TestRISDates(t *testing.T) {
	for _, tt := range []struct{ lines, issued, accessed string }{
		{"PY  - 1973\nY1  - 1973/07//\n", "1973-07", ""},
		{"DA  - 1973/07/05/\nPY  - 1973\n", "1973-07-05", ""},
		{"PY  - 1985///\n", "1985", ""},
		{"Y1  - 1939/5/11/spring\n", "1939-05-11", ""},
		{"PY  - 2014\nY2  - 2026/11/30/\n", "2014", "2026-11-30"},
		{"Y2  - 2026-11-30\n", "", "2026-11-30"},
		{"Y2  - last week\n", "", "last week"},
	} {
		es, err := format.ParseRIS(strings.NewReader("TY  - BOOK\nTI  - T\n" + tt.lines + "ER  - \n"))
		if err != nil {
			t.Fatal(err)
		}
		if s := es[0].Source; s.Issued != tt.issued || s.Accessed != tt.accessed {
			t.Errorf("%q: issued %q, accessed %q; want %q, %q", tt.lines, s.Issued, s.Accessed, tt.issued, tt.accessed)
		}
	}
}

// TestRISNames: a RIS name with a comma is a person's, family first; one
// without is a creator of one field (Zotero's form for an institution)
// and is kept whole, not split into a given and a family name.
func TestRISNames(t *testing.T) {
	es, err := format.ParseRIS(strings.NewReader("TY  - ENCYC\nID  - wp\nTI  - Battles of Khalkhin Gol\nAU  - Wikipedia contributors\nAU  - Coox, Alvin D.\nA2  - Military History Section\nER  - \n"))
	if err != nil {
		t.Fatal(err)
	}
	s := es[0].Source
	want := []tokumu.Agent{{Literal: "Wikipedia contributors"}, {Family: "Coox", Given: "Alvin D."}}
	if !reflect.DeepEqual(s.Authors, want) || len(s.Editors) != 1 || s.Editors[0].Literal != "Military History Section" {
		t.Errorf("authors %+v, editors %+v; want %+v and the section whole", s.Authors, s.Editors, want)
	}
}

// TestBibTeXSeriesNumber: a book's number is its number in its series,
// which is not kept (with a warning), not an issue; an article's and a
// report's number stay.
func TestBibTeXSeriesNumber(t *testing.T) {
	es, err := format.ParseBibTeX(strings.NewReader(`@book{drea,title={Nomonhan},series={Leavenworth Papers},number={2},year={1981}}
@article{coox,title={Lake Khasan},journal={Soviet Studies},volume={25},number={1},year={1973}}
@techreport{r,title={Report},institution={X},number={138},year={1952}}`))
	if err != nil || len(es) != 3 {
		t.Fatal(err, len(es))
	}
	if es[0].Source.Issue != "" || !strings.Contains(strings.Join(es[0].Dropped, "\n"), `number "2" (in its series) is not kept`) {
		t.Errorf("book: issue %q, dropped %q", es[0].Source.Issue, es[0].Dropped)
	}
	if es[1].Source.Issue != "1" || es[2].Source.Issue != "138" {
		t.Errorf("article issue %q, report number %q; want both kept", es[1].Source.Issue, es[2].Source.Issue)
	}
}

// TestKeys: CSL-JSON's citation-key (or citation-label) is the key, not
// Zotero's item URI; an entry without a usable key gets its first
// author's family name romanized and the year, with a title word when
// that is taken or there is no year; one whose author is written in kanji
// is refused, naming the entry and the fix.
func TestKeys(t *testing.T) {
	csl := func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) }
	ris := func(s string) ([]format.BibEntry, error) { return format.ParseRIS(strings.NewReader(s)) }
	bib := func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) }
	const zotero = `"id": "http://zotero.org/users/local/xq3lr9ab/items/7KD2WQ9M", "type": "book", "title": "Nomonhan", "author": [{"family": "Coox", "given": "Alvin D."}], "issued": {"date-parts": [[1985]]}`
	for _, tt := range []struct {
		name  string
		parse func(string) ([]format.BibEntry, error)
		in    string
		want  []string
	}{
		{"citation-key", csl, `[{` + zotero + `, "citation-key": "Coox1985b"}]`, []string{"coox1985b"}},
		{"citation-label", csl, `[{` + zotero + `, "citation-label": "CooxNomonhan"}]`, []string{"cooxnomonhan"}},
		{"Zotero URI", csl, `[{` + zotero + `}, {` + zotero + `}]`, []string{"coox1985", "coox1985-nomonhan"}},
		{"RIS Polish", ris, "TY  - BOOK\nAU  - Pałasz-Rutkowska, Ewa\nTI  - Historia stosunków polsko-japońskich\nPY  - 1996\nER  - \n", []string{"palasz-rutkowska1996"}},
		{"RIS kana", ris, "TY  - BOOK\nAU  - はた\nTI  - ノモンハン\nPY  - 2014\nER  - \n", []string{"hata2014"}},
		{"RIS Cyrillic, no year", ris, "TY  - BOOK\nAU  - Кошкин, А. А.\nTI  - Кантокуэн\nER  - \n", []string{"koshkin-kantokuen"}},
		{"RIS no author", ris, "TY  - ELEC\nTI  - Battles of Khalkhin Gol\nUR  - https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol\nER  - \n", []string{"battles-khalkhin-gol"}},
		{"RIS with ID", ris, "TY  - BOOK\nID  - hata2014\nAU  - 秦, 郁彦\nTI  - 明と暗のノモンハン戦史\nPY  - 2014\nER  - \n", []string{"hata2014"}},
		{"BibTeX key in kanji", bib, "@book{秦2014,\n  author = {Hata, Ikuhiko},\n  title = {Meian},\n  year = {2014},\n}\n", []string{"hata2014"}},
		{"BibTeX key with ł", bib, "@book{Pałasz1996,\n  title = {Historia},\n}\n", []string{"palasz1996"}},
	} {
		es, err := tt.parse(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Source.ID)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: keys %v, want %v", tt.name, got, tt.want)
		}
	}
	_, err := ris("TY  - BOOK\nTI  - x\nER  - \n\nTY  - BOOK\nAU  - 秦, 郁彦\nTI  - 明と暗のノモンハン戦史\nPY  - 2014\nER  - \n")
	var pe *format.ParseError
	if !errors.As(err, &pe) || pe.Line != 5 || !strings.Contains(pe.Msg, `the entry "明と暗のノモンハン戦史" has no usable key`) ||
		!strings.Contains(pe.Msg, `"秦, 郁彦" cannot be romanized`) || !strings.Contains(pe.Msg, `add a line "ID  - hata2014"`) {
		t.Errorf("RIS, kanji author, no ID: %v", err)
	}
	_, err = csl(`[{"id": "http://zotero.org/users/local/x/items/ABCD2345", "type": "book", "title": "明と暗", "author": [{"literal": "秦郁彦"}]}]`)
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Msg, `"citation-key"`) {
		t.Errorf("CSL-JSON, kanji author, URI id: %v", err)
	}
}

// TestReferenceKind: an article on Wikipedia or another encyclopedia the
// corpus cites as reference is kind reference, whatever type the citation
// manager gave it; a generic type becomes the encyclopedia's.
func TestReferenceKind(t *testing.T) {
	for _, tt := range []struct {
		in, typ string
		kind    tokumu.SourceKind
	}{
		{"@misc{wp, title = {Battles of Khalkhin Gol}, howpublished = {Wikipedia}, url = {https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol}}", "entry-encyclopedia", tokumu.Reference},
		{"@online{wp, title = {Battles}, url = {https://ja.m.wikipedia.org/wiki/x}}", "entry-encyclopedia", tokumu.Reference},
		{"@online{kb, title = {土肥原 賢二}, url = {https://kotobank.jp/word/x}}", "entry-dictionary", tokumu.Reference},
		{"@incollection{bse, title = {Khalkhin Gol}, booktitle = {BSE}, url = {https://encyclopedia2.thefreedictionary.com/x}}", "chapter", tokumu.Reference},
		{"@online{blog, title = {Battles}, url = {https://example.org/wikipedia.org}}", "webpage", tokumu.Web},
		{"@online{fake, title = {Battles}, url = {https://notwikipedia.org/x}}", "webpage", tokumu.Web},
	} {
		es, err := format.ParseBibTeX(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if s := es[0].Source; s.Kind != tt.kind || s.Type != tt.typ {
			t.Errorf("%s: kind %s, type %s; want %s, %s", tt.in, s.Kind, s.Type, tt.kind, tt.typ)
		}
	}
	es, err := format.ParseRIS(strings.NewReader("TY  - ELEC\nTI  - Battles of Khalkhin Gol\nUR  - https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol\nY2  - 2026/11/30/\nER  - \n"))
	if err != nil || es[0].Source.Kind != tokumu.Reference {
		t.Errorf("RIS ELEC on Wikipedia: %v, %+v", err, es)
	}
}

// TestDroppedFields: a field a citation prints and a source cannot keep
// (translator, series, number of volumes) is named in the entry's
// Dropped, in each format; a biblatex subtitle is kept in the title.
func TestDroppedFields(t *testing.T) {
	for _, tt := range []struct {
		name  string
		parse func(string) ([]format.BibEntry, error)
		in    string
		want  []string
	}{
		{"bibtex", func(s string) ([]format.BibEntry, error) { return format.ParseBibTeX(strings.NewReader(s)) },
			"@incollection{hata1976,\n  author = {Hata, Ikuhiko},\n  translator = {Coox, Alvin D.},\n  title = {The Japanese-Soviet Confrontation},\n  subtitle = {1935--1939},\n  series = {Japan's Road to the Pacific War},\n}\n",
			[]string{`series "Japan's Road to the Pacific War" is not kept: a tokumu source has no field for it, and citations will lack it`,
				`translator "Coox, Alvin D." is not kept`}},
		{"csljson", func(s string) ([]format.BibEntry, error) { return format.ParseCSLJSON(strings.NewReader(s)) },
			`[{"id": "coox1985", "type": "book", "title": "Nomonhan", "number-of-volumes": 2, "collection-title": "Stanford", "translator": [{"family": "Coox", "given": "Alvin D."}]}]`,
			[]string{`collection-title (series) "Stanford" is not kept`, `number-of-volumes (number of volumes) "2" is not kept`,
				`translator "Coox, Alvin D." is not kept`}},
		{"ris", func(s string) ([]format.BibEntry, error) { return format.ParseRIS(strings.NewReader(s)) },
			"TY  - CHAP\nID  - hata1976\nTI  - The Japanese-Soviet Confrontation\nT3  - Japan's Road to the Pacific War\nA4  - Coox, Alvin D.\nER  - \n",
			[]string{`T3 (series) "Japan's Road to the Pacific War" is not kept`, `A4 (translator) "Coox, Alvin D." is not kept`}},
	} {
		es, err := tt.parse(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := strings.Join(es[0].Dropped, "\n")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Dropped lacks %q:\n%s", tt.name, w, got)
			}
		}
		if len(es[0].Dropped) != len(tt.want) {
			t.Errorf("%s: %d dropped, want %d:\n%s", tt.name, len(es[0].Dropped), len(tt.want), got)
		}
		if tt.name == "bibtex" && es[0].Source.Title != "The Japanese-Soviet Confrontation: 1935–1939" {
			t.Errorf("bibtex: subtitle not kept: %q", es[0].Source.Title)
		}
	}
}
