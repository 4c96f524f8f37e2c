package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/corpus"
)

const convertData = "../../format/testdata/convert/"

// testConvert holds the convert tests' own files.
const testConvert = "testdata/convert/"

// copyCorpus writes the embedded corpus's YAML into a new directory.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	err := fs.WalkDir(corpus.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := fs.ReadFile(corpus.FS, p)
		if err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		return os.WriteFile(full, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var checkCounts = regexp.MustCompile(`ok — (\d+) entities, (\d+) claims, (\d+) sources`)

func counts(t *testing.T, dir string) (entities, claims, sources int) {
	t.Helper()
	code, out, _ := run(t, "", "check", dir)
	m := checkCounts.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("check %s: exit %d: %s", dir, code, out)
	}
	e, _ := strconv.Atoi(m[1])
	c, _ := strconv.Atoi(m[2])
	s, _ := strconv.Atoi(m[3])
	return e, c, s
}

// TestConvert: a 3-entry BibTeX file, a 3-entry RIS file and a 20-row
// claims CSV go into a copy of the corpus (--corpus alone writes there), which then passes check with 6
// more sources and 20 more claims; an entity's file keeps its text and
// gains one line a claim.
func TestConvert(t *testing.T) {
	dir := copyCorpus(t)
	e0, c0, s0 := counts(t, dir)
	before, _ := os.ReadFile(filepath.Join(dir, "entities/person/ozaki-hotsumi.yaml"))
	code, out, errs := convertZotero(t, convertData+"zotero.bib", convertData+"zotero.ris", convertData+"claims-20.csv", "--corpus", dir)
	if code != 0 {
		t.Fatalf("convert: exit %d\n%s%s", code, out, errs)
	}
	if out != "wrote 17 files to "+dir+": 6 sources, 20 claims on 11 entities\n" {
		t.Errorf("convert into its corpus says %q", out)
	}
	e1, c1, s1 := counts(t, dir)
	if e1 != e0 || c1 != c0+20 || s1 != s0+6 {
		t.Errorf("after convert: %d entities, %d claims, %d sources; want %d, %d, %d", e1, c1, s1, e0, c0+20, s0+6)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "entities/person/ozaki-hotsumi.yaml"))
	want := string(before) + `  - {p: description, v: Adviser to Prime Minister Konoe and member of the Sorge ring., source: johnson1964, note: Test row.}
  - {p: member_of, o: sorge-ring, when: 1930/1941-10, source: johnson1964, note: Test row.}
`
	if string(after) != want {
		t.Errorf("ozaki-hotsumi.yaml after convert:\n%s\nwant\n%s", after, want)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "sources/kuromiya2009.yaml"))
	for _, w := range []string{"kind: scholarly", "{family: Pepłoński, given: Andrzej}", "title: 'Między Warszawą a Tokio: polsko-japońska współpraca wywiadowcza 1904–1944'", "language: pl"} {
		if !strings.Contains(string(src), w) {
			t.Errorf("sources/kuromiya2009.yaml lacks %q:\n%s", w, src)
		}
	}
	// Again (--to defaulted to --corpus above; here both are given): every
	// source and claim is now in the corpus, and said so.
	code, _, errs = run(t, "", "convert", convertData+"zotero.ris", "--corpus", dir, "--to", dir)
	if code != 1 || !strings.Contains(errs, "zotero.ris:1: source coox1985 is already in the corpus") {
		t.Errorf("converting twice: exit %d\n%s", code, errs)
	}
}

// TestConvertMistakes: five planted mistakes, five problems at their row
// and column with a fix, and nothing written.
func TestConvertMistakes(t *testing.T) {
	to := filepath.Join(t.TempDir(), "out")
	code, out, errs := convertZotero(t, convertData+"zotero.bib", convertData+"zotero.ris", convertData+"claims-bad.csv", "--to", to)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errs)
	}
	f := convertData + "claims-bad.csv"
	want := []string{
		f + `:2:2: predicate "comanded" is not in the vocabulary (did you mean commanded?)`,
		f + `:3:3: object: no entity has the id or name "kwantung-army-23rd-divison" (did you mean kwantung-army-23rd-division?)`,
		f + `:4:6: when: "1939-13" is not a date: month 13 out of range 01–12`,
		f + `:5:8: source "goldman2021" is not in the bibliography; add sources/goldman2021.yaml or fix the key (did you mean goldman2012?)`,
		f + `:6:10: grade: bad grade "B9": credibility must be a digit 1–6 (e.g. B2)`,
		"5 problems; nothing written",
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], w)
		}
	}
	if _, err := os.Stat(to); !os.IsNotExist(err) {
		t.Errorf("convert with problems created %s", to)
	}
}

func TestConvertUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"convert"}, "convert needs at least one file"},
		{[]string{"convert", "a.bib"}, "give the corpus to add to with --corpus DIR, or a directory for the new files with --to DIR"},
		{[]string{"convert", "x.docx", "--to", t.TempDir()}, "cannot read x.docx"},
		{[]string{"convert", convertData + "claims-template.csv", "--to"}, "flag --to needs a value"},
	} {
		code, _, errs := run(t, "", tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %s", tt.args, code, errs)
		}
	}
}

// TestConvertFieldCount: a row with more or fewer fields than the header
// (an unquoted comma in a note, a cell lost) is refused as such, all of
// them, not with messages about the columns its fields shifted into;
// a quoted comma and a row of empty cells are fine.
func TestConvertFieldCount(t *testing.T) {
	to := filepath.Join(t.TempDir(), "out")
	f := testConvert + "fieldcount.csv"
	code, out, errs := convertZotero(t, convertData+"zotero.bib", convertData+"zotero.ris", f, "--to", to)
	want := f + `:2: 14 fields, the header has 12; quote a field that contains a comma
` + f + `:3: 10 fields, the header has 12; give every column a field, an empty one as ,,
` + f + `:5: 11 fields, the header has 12; give every column a field, an empty one as ,,
3 problems; nothing written
`
	if code != 1 || errs != want {
		t.Errorf("exit %d\n%s%s\nwant\n%s", code, out, errs, want)
	}
	if _, err := os.Stat(to); !os.IsNotExist(err) {
		t.Errorf("convert with problems created %s", to)
	}
}

// TestConvertSeparators: a CSV separated by semicolons (Excel where the
// decimal mark is a comma) or tabs is read by its header, with a note; a
// header that is one column with semicolons in it gets one message that
// says why; a decimal comma is refused rather than read as thousands.
func TestConvertSeparators(t *testing.T) {
	for _, tt := range []struct {
		file   string
		code   int
		stderr string
		yaml   map[string]string // entity file → a line it must have
	}{
		{"semicolon.csv", 0, "semicolon.csv:1: note: read as separated by semicolons, as its header is\n", map[string]string{
			"entities/person/komatsubara-michitaro.yaml": `  - {p: commanded, o: kwantung-army-23rd-division, when: 1938-07/1939-11, source: drea1981, loc: p. 9, note: 'Drea, p. 9, gives the division but not the date.'}`,
			"entities/person/zhukov-georgy.yaml":         `  - {p: description, v: Commander at Khalkhin Gol, when: "1939", source: drea1981, note: Drea; p. 9}`,
		}},
		{"tab.csv", 0, "tab.csv:1: note: read as separated by tabs, as its header is\n", map[string]string{
			"entities/person/zhukov-georgy.yaml": `  - {p: description, v: 'Commander, 1st Army Group', source: drea1981, note: 'A tab, and a comma.'}`,
		}},
		{"semicolon-de.csv", 1, `semicolon-de.csv:1: the header is one column, "Subjekt;Prädikat;Objekt;Quelle": convert reads fields separated by commas (or semicolons or tabs between the column names of CORPUS.md); save the sheet as "CSV UTF-8 (comma delimited)"
1 problem; nothing written
`, nil},
		// The sheet's columns, not the YAML's fields, in its messages.
		{"object-column.csv", 1, `object-column.csv:2:2: predicate head_of needs an object: in the object column, the id or a name of an organization, a unit or an operation
` + testConvert + `object-column.csv:2:3: predicate head_of takes an entity (in the object column), not a value
2 problems; nothing written
`, nil},
		// Two rows with one id: said at the id column, not as two claims
		// alike (their values differ).
		{"dup-id.csv", 1, `dup-id.csv:3:1: duplicate id musk-1 (also at ` + testConvert + `dup-id.csv:2): give each claim its own id
1 problem; nothing written
`, nil},
		// "1922-23" by hand: the season or the years? Asked; "autumn
		// 1922" is read.
		{"season.csv", 1, `season.csv:2:4: when: "1922-23" is EDTF for autumn 1922, and also how a source writes the years 1922 to 1923: write 1922/1923 for the years, or autumn 1922 for the season
1 problem; nothing written
`, nil},
		// What check would warn of, said at the row.
		{"single-witness.csv", 0, "single-witness.csv:2: warning: graded B1 (confirmed by other sources) but it rests on one source: cite the confirming source in the note, or lower the credibility\n", nil},
		// Rows, not lines of the file: row 2's note has line breaks in it.
		{"multiline.csv", 1, `multiline.csv:3:2: predicate "descripton" is not in the vocabulary (did you mean description?)
1 problem; nothing written
`, nil},
		{"decimal.csv", 1, `decimal.csv:1: note: read as separated by semicolons, as its header is
` + testConvert + `decimal.csv:3:4: value: "75,5" has a decimal comma, which would read as 755: write 75.5
1 problem; nothing written
`, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			to := filepath.Join(t.TempDir(), "out")
			code, out, errs := convertZotero(t, convertData+"zotero.bib", testConvert+tt.file, "--to", to)
			if code != tt.code || errs != testConvert+tt.stderr {
				t.Fatalf("exit %d, want %d\n%s%s\nwant\n%s", code, tt.code, out, errs, testConvert+tt.stderr)
			}
			for p, line := range tt.yaml {
				b, err := os.ReadFile(filepath.Join(to, p))
				if err != nil || !strings.Contains(string(b), line+"\n") {
					t.Errorf("%s lacks\n%s\n%s", p, line, b)
				}
			}
		})
	}
}

// TestConvertElsewhere: --to another directory than the corpus writes only
// the new and changed files, and the message says so and what to do; done
// as it says (copied into the corpus), the corpus passes check with the
// new claim. With the embedded corpus it says how to get a corpus.
// Counts agree with their nouns.
func TestConvertElsewhere(t *testing.T) {
	dir := copyCorpus(t)
	_, c0, _ := counts(t, dir)
	to := filepath.Join(t.TempDir(), "new")
	code, out, errs := convertZotero(t, convertData+"zotero.bib", testConvert+"tab.csv", "--corpus", dir, "--to", to)
	want := "wrote 4 files to " + to + ": 3 sources, 1 claim on 1 entity\n" +
		to + " holds only the new and changed files, not a whole corpus: copy them into " + dir + " (cp -R " + to + "/. " + dir + "/), or convert without --to\n"
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s%s\nwant\n%s", code, out, errs, want)
	}
	err := filepath.WalkDir(to, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(to, p)
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, c1, _ := counts(t, dir); c1 != c0+1 {
		t.Errorf("copied into the corpus: %d claims, want %d", c1, c0+1)
	}

	to = filepath.Join(t.TempDir(), "new")
	code, out, errs = convertZotero(t, convertData+"zotero.bib", testConvert+"semicolon.csv", "--to", to)
	want = "wrote 5 files to " + to + ": 3 sources, 2 claims on 2 entities\n" +
		to + " holds only the new and changed files, checked against the embedded corpus. To add them to a corpus of your own, write one out with tokumu export --format yaml -o DIR and convert again with --corpus DIR\n"
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s%s\nwant\n%s", code, out, errs, want)
	}
}

// TestConvertLang: a text value with no lang is tagged ru or ja by its
// script, left untagged (en) when mostly Latin, and refused where the
// script leaves the language open (kanji alone; Cyrillic letters Russian
// lacks); a lang the row gives is kept.
func TestConvertLang(t *testing.T) {
	for _, tt := range []struct {
		file   string
		stderr string            // "" when it converts
		yaml   map[string]string // entity file → a line it must have
	}{
		{"lang.csv", "", map[string]string{
			"entities/operation/kantokuen-1941.yaml":     `  - {p: description, v: 'Мобилизация под видом особых манёвров Квантунской армии, июль 1941 г.', lang: ru, source: drea1981, note: 'Cyrillic: ru'}`,
			"entities/person/komatsubara-michitaro.yaml": `  - {p: description, v: 秦郁彦はノモンハン事件を再評価した。, lang: ja, source: drea1981, note: 'kana: ja'}`,
			"entities/person/zhukov-georgy.yaml":         `  - {p: description, v: Commander of the 1st Army Group (1-я армейская группа) at Khalkhin Gol., source: drea1981, note: 'mostly Latin: no tag'}`,
		}},
		{"lang-column.csv", "", map[string]string{
			"entities/person/komatsubara-michitaro.yaml": `  - {p: description, v: 第二十三師団長, lang: ja, source: drea1981}`,
			"entities/person/zhukov-georgy.yaml":         `  - {p: description, v: Командующий 1-й армейской группой, lang: ru, source: drea1981}`,
		}},
		{"lang-bad.csv", testConvert + `lang-bad.csv:2:3: value: the text is in Han characters without kana, which may be Japanese or Chinese: give the row's language in a lang column (ja, zh-Hans, zh-Hant)
` + testConvert + `lang-bad.csv:3:3: value: the text is in Cyrillic with letters Russian does not have: give the row's language in a lang column (uk, be, mn …)
2 problems; nothing written
`, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			to := filepath.Join(t.TempDir(), "out")
			code, out, errs := convertZotero(t, convertData+"zotero.bib", testConvert+tt.file, "--to", to)
			if errs != tt.stderr || (code == 0) != (tt.stderr == "") {
				t.Fatalf("exit %d\n%s%s\nwant\n%s", code, out, errs, tt.stderr)
			}
			for p, line := range tt.yaml {
				b, err := os.ReadFile(filepath.Join(to, p))
				if err != nil || !strings.Contains(string(b), line+"\n") {
					t.Errorf("%s lacks\n%s\n%s", p, line, b)
				}
			}
		})
	}
}

// TestConvertUnknownEntity: a subject or object no entity has as id or
// name is refused with the entities meant: an id a typo away, or what
// tokumu search finds by name, in any script.
func TestConvertUnknownEntity(t *testing.T) {
	f := testConvert + "unknown-entity.csv"
	code, out, errs := convertZotero(t, convertData+"zotero.bib", f, "--to", filepath.Join(t.TempDir(), "out"))
	want := f + `:2:1: subject: no entity has the id or name "Lake Hasan battle"; did you mean khasan-1938 (Battle of Lake Khasan)?
` + f + `:3:3: object: no entity has the id or name "Kwantung-Army-23rd-Divison" (did you mean kwantung-army-23rd-division?)
` + f + `:4:1: subject: no entity has the id or name "Жуков Георгий"; did you mean zhukov-georgy (Georgy Zhukov)?
` + f + `:5:1: subject: no entity has the id or name "Xyzzy Plugh"
4 problems; nothing written
`
	if code != 1 || errs != want {
		t.Errorf("exit %d\n%s%s\nwant\n%s", code, out, errs, want)
	}
}

// TestConvertHoldingDate: a bare date on a holding (an office, a posting)
// is written with a warning that it reads as the start; an interval, a
// predicate that is no holding, and a row refused for another reason get
// none.
func TestConvertHoldingDate(t *testing.T) {
	f := testConvert + "holding.csv"
	code, out, errs := convertZotero(t, convertData+"zotero.bib", convertData+"zotero.ris", f, "--to", filepath.Join(t.TempDir(), "out"))
	want := f + `:2:5: warning: when: "1939" on commanded, a holding, reads as its start (1939/): if the source gives the span, write it (1939/1939 for within 1939); if it only shows the post held then, leave when empty and give the date in the note
` + f + `:3:5: warning: when: "昭和14年" on commanded, a holding, reads as its start (1939/): if the source gives the span, write it (1939/1939 for within 1939); if it only shows the post held then, leave when empty and give the date in the note
` + f + `:6:3: object: no entity has the id or name "kwantung-army-23rd-divison" (did you mean kwantung-army-23rd-division?)
1 problem; nothing written
`
	if code != 1 || errs != want {
		t.Errorf("exit %d\n%s%s\nwant\n%s", code, out, errs, want)
	}
}

// TestConvertBibProblems: a bibliography file's syntax error is reported
// at its line and column, and a field the source cannot keep (a
// translator) is a warning at its entry, not lost without a word.
func TestConvertBibProblems(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.bib")
	if err := os.WriteFile(broken, []byte("@book{coox1985x,\n  title = {Nomonhan},\n  author = {Coox, Alvin D.},\n  year = {1985\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "", "convert", broken, "--to", filepath.Join(dir, "out"))
	if code != 1 || !regexp.MustCompile(`^`+regexp.QuoteMeta(broken)+`:\d+:\d+: `).MatchString(errs) {
		t.Errorf("a broken BibTeX file: exit %d, %q; want file:line:col first", code, errs)
	}
	translated := filepath.Join(dir, "translated.bib")
	if err := os.WriteFile(translated, []byte("@incollection{hata1976x,\n  title = {The Japanese--Soviet Confrontation},\n  author = {Hata, Ikuhiko},\n  translator = {Coox, Alvin D.},\n  booktitle = {Deterrent Diplomacy},\n  year = {1976}\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "", "convert", translated, "--to", filepath.Join(dir, "out2"))
	if code != 0 || !strings.Contains(errs, translated+":1: warning: entry hata1976x: translator") {
		t.Errorf("an entry with a translator: exit %d, %q; want it written with a warning naming the field", code, errs)
	}
}

// dreaSeries is the warning every conversion of zotero.bib gives: Drea's
// Leavenworth Paper is number 2 of a series, which a source cannot keep.
const dreaSeries = convertData + `zotero.bib:2: warning: entry drea1981: number "2" (in its series) is not kept: a tokumu source has no field for it, and citations will lack it` + "\n" +
	convertData + `zotero.bib:2: warning: entry drea1981: series "Leavenworth Papers" is not kept: a tokumu source has no field for it, and citations will lack it` + "\n"

// convertZotero runs convert with zotero.bib among its files and checks,
// then takes out of stderr, the warning of Drea's series, so that the
// tests of the other files compare only what they are about.
func convertZotero(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	code, out, errs := run(t, "", append([]string{"convert"}, args...)...)
	if !strings.Contains(errs, dreaSeries) {
		t.Errorf("convert of zotero.bib: no warning of the series it cannot keep:\n%s", errs)
	}
	return code, out, strings.Replace(errs, dreaSeries, "", 1)
}

// TestConvertAwaitedKeys: claims written first, citing the citation
// manager's keys, then the bibliography converted into the corpus: the
// keys it brings are what the corpus lacks, so convert adds them rather
// than refusing the corpus; a key no input brings is still refused.
func TestConvertAwaitedKeys(t *testing.T) {
	dir := copyCorpus(t)
	p := filepath.Join(dir, "entities/person/zhukov-georgy.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	with := string(b) + "  - {p: description, v: Commander at Khalkhin Gol., source: goldman2012}\n"
	os.WriteFile(p, []byte(with), 0o644)
	code, out, errs := convertZotero(t, convertData+"zotero.bib", "--corpus", dir)
	if code != 0 || !strings.Contains(out, "sources") {
		t.Fatalf("convert into a corpus awaiting goldman2012: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "sources/goldman2012.yaml")); err != nil {
		t.Errorf("goldman2012 not written: %v", err)
	}
	if code, _, _ := run(t, "", "check", dir); code != 0 {
		t.Errorf("check after convert: exit %d", code)
	}
	// A key the bibliography does not bring: the corpus's error stands.
	os.WriteFile(p, []byte(with+"  - {p: description, v: Another., source: nosuch1999}\n"), 0o644)
	code, _, errs = run(t, "", "convert", convertData+"zotero.bib", "--to", filepath.Join(t.TempDir(), "out"), "--corpus", dir)
	if code == 0 || !strings.Contains(errs, `source "nosuch1999" is not in the bibliography`) {
		t.Errorf("a key no input brings: exit %d\n%s", code, errs)
	}
}
