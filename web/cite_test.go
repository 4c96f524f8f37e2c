package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
)

var (
	preBlock = regexp.MustCompile(`(?s)<dt>(BibTeX|RIS|CSL-JSON)</dt><dd><pre tabindex="0" lang="en">(.*?)</pre>`)
	footRel  = regexp.MustCompile(`release <a href="/api/release"><code>([^<]*)</code>`)
)

// citeForms reads the "Cite this" forms of a page.
func citeForms(t *testing.T, body string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range preBlock.FindAllStringSubmatch(body, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	if len(out) != 3 {
		t.Fatalf("the page has %d citation forms, want BibTeX, RIS and CSL-JSON:\n%.2000s", len(out), body)
	}
	return out
}

// tool runs a program on stdin and returns its output; a missing program
// fails the test.
func tool(t *testing.T, pkg string, stdin string, prog string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		t.Fatalf("%s is not installed: install the Debian package %s (bash scripts/test.sh does)", prog, pkg)
	}
	cmd := exec.Command(prog, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", prog, err, errb.String())
	}
	return out.String()
}

// TestCiteThis: the entity and claim pages cite their permalink with the
// release in BibTeX, RIS and CSL-JSON that pandoc and bibutils read back
// with the title, the URL and the release; the footer names the release.
func TestCiteThis(t *testing.T) {
	ts := fixtureServer(t)
	for _, c := range []struct {
		url, title, permalink string
	}{
		{"/entities/harbin-tokumu-kikan", "Harbin Special Service Agency", ts.URL + "/entities/harbin-tokumu-kikan"},
		// A claim's title says what it says (two "founded" claims differ).
		{"/claims/c-doihara-head", "Doihara Kenji: head of Harbin Special Service Agency, 1932", ts.URL + "/claims/c-doihara-head"},
	} {
		_, body := getAccept(t, ts.URL+c.url, "text/html")
		if m := footRel.FindStringSubmatch(body); m == nil || m[1] != "fixture-1" {
			t.Errorf("%s: the footer does not name release fixture-1: %v", c.url, m)
		}
		// The claim page heads its citation "Cite this" and folds only the
		// citation manager's formats under it, not the heading again.
		if n := strings.Count(body, "Cite this"); n != 1 || (!strings.Contains(body, "<summary>Cite this</summary>") && !strings.Contains(body, "<summary>In a citation manager")) {
			t.Errorf("%s: \"Cite this\" %d times; want once, with the formats folded", c.url, n)
		}
		forms := citeForms(t, body)
		// BibTeX and CSL-JSON, read by pandoc into CSL-JSON.
		for _, f := range []struct{ form, from string }{{"BibTeX", "bibtex"}, {"CSL-JSON", "csljson"}} {
			out := tool(t, "pandoc", forms[f.form], "pandoc", "-f", f.from, "-t", "csljson")
			var items []map[string]any
			if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 {
				t.Fatalf("%s %s: pandoc gave %v %s", c.url, f.form, err, out)
			}
			it := items[0]
			if it["title"] != c.title || it["URL"] != c.permalink || it["version"] != "fixture-1" {
				t.Errorf("%s %s read by pandoc: title %q URL %q version %q, want %q %q fixture-1", c.url, f.form, it["title"], it["URL"], it["version"], c.title, c.permalink)
			}
			// The release as the genre, which Chicago prints for a
			// dataset (it prints no version); one key in both forms.
			if it["genre"] != "Dataset, release fixture-1" || !strings.HasPrefix(fmt.Sprint(it["id"]), "tokumu:") || strings.Contains(fmt.Sprint(it["id"]), "~") {
				t.Errorf("%s %s read by pandoc: genre %q id %q", c.url, f.form, it["genre"], it["id"])
			}
		}
		// RIS, read by bibutils' ris2xml into MODS.
		dir := t.TempDir()
		ris := filepath.Join(dir, "c.ris")
		os.WriteFile(ris, []byte(forms["RIS"]), 0o644)
		mods := tool(t, "bibutils", "", "ris2xml", ris)
		// ris2xml splits a title at its colon into title and subtitle.
		head, sub, _ := strings.Cut(c.title, ": ")
		want := []string{"<title>" + head + "</title>", c.permalink, "release fixture-1"}
		if sub != "" {
			want = append(want, "<subTitle>"+sub+"</subTitle>")
		}
		for _, want := range want {
			if !strings.Contains(mods, want) {
				t.Errorf("%s RIS read by ris2xml lacks %q:\n%s", c.url, want, mods)
			}
		}
	}
	// The release in the API.
	_, rel := getAccept(t, ts.URL+"/api/release", "")
	if !strings.Contains(rel, `"release":"fixture-1"`) || !strings.Contains(rel, `"hash":"fixture-1"`) {
		t.Errorf("/api/release: %s", rel)
	}
	_, idx := getAccept(t, ts.URL+"/api/", "")
	if !strings.Contains(idx, `"release":"fixture-1"`) {
		t.Errorf("/api/: %s", idx)
	}
}

// TestExportMenus: the entity, search and sources pages link to
// /api/export, filtered where the export can be, and the links work.
func TestExportMenus(t *testing.T) {
	ts := fixtureServer(t)
	for _, c := range []struct {
		page  string
		links []string
		// links in the menu, by hand: the 12 formats of package format (the
		// 13th, the YAML corpus, is registered by cmd/tokumu, which this
		// test does not link), or the 3 of the bibliography
		n int
	}{
		{"/entities/harbin", []string{"/api/export?entity=harbin&amp;format=turtle", "/api/export?entity=harbin&amp;format=geojson"}, 12},
		{"/search?q=Harbin&type=place&from=1930", []string{"/api/export?format=csv&amp;from=1930&amp;type=place"}, 12},
		{"/sources", []string{"/api/export?format=bibtex", "/api/export?format=ris", "/api/export?format=csljson"}, 3},
	} {
		_, body := getAccept(t, ts.URL+c.page, "")
		i := strings.Index(body, `<details class="export-menu">`)
		if i < 0 {
			t.Errorf("%s: no export menu", c.page)
			continue
		}
		menu := body[i : i+strings.Index(body[i:], "</details>")]
		if n := strings.Count(menu, "<li>"); n != c.n {
			t.Errorf("%s: %d export links, want %d", c.page, n, c.n)
		}
		for _, l := range c.links {
			if !strings.Contains(menu, `href="`+l+`"`) {
				t.Errorf("%s: no link %s in\n%s", c.page, l, menu)
				continue
			}
			if res, b := getAccept(t, ts.URL+html.UnescapeString(l), ""); res.StatusCode != 200 || len(b) == 0 {
				t.Errorf("%s: %d", l, res.StatusCode)
			}
		}
	}
}

// TestDatasetCitation: a corpus is cited by its own title, editors and
// persistent address (settings.yaml's citation:), not the embedded
// corpus's, with the day of access; one that names none is "A tokumu
// dataset" at the address it was served from; the BibTeX names the
// editors as a body (braced), and pandoc reads them as one literal name.
func TestDatasetCitation(t *testing.T) {
	ds := storetest.Fixture()
	ds.Settings.Title = "Harbin Papers"
	ds.Settings.Editors = []string{"Okada, Yuki", "Research Group on Manchuria"}
	ds.Settings.URL = "https://doi.org/10.5281/zenodo.0000000"
	ts := serveMemory(t, ds)
	today := time.Now().Format("January 2, 2006")
	var rel struct {
		Cite, Title, URL string
		CiteGOST         string `json:"cite_gost"`
		CiteSIST         string `json:"cite_sist"`
		Editors          []string
	}
	getJSON(t, ts.URL+"/api/release", &rel)
	if want := "Okada, Yuki, and Research Group on Manchuria, eds. Harbin Papers. Dataset, release "; !strings.HasPrefix(rel.Cite, want) ||
		!strings.HasSuffix(rel.Cite, "Accessed "+today+". https://doi.org/10.5281/zenodo.0000000.") || rel.Title != "Harbin Papers" || len(rel.Editors) != 2 {
		t.Errorf("/api/release: %+v", rel)
	}
	// The Russian and Japanese forms: GOST's initials before the name and
	// its date of access, SIST's 編 and 参照.
	today2 := time.Now().Format("02.01.2006")
	if !strings.HasPrefix(rel.CiteGOST, "Harbin Papers : набор данных / под редакцией Y. Okada ; Research Group on Manchuria. – Версия ") ||
		!strings.HasSuffix(rel.CiteGOST, " – URL: https://doi.org/10.5281/zenodo.0000000 (дата обращения: "+today2+").") ||
		!strings.HasPrefix(rel.CiteSIST, "Okada, Yuki; Research Group on Manchuria編. Harbin Papers. リリース ") ||
		!strings.HasSuffix(rel.CiteSIST, ". https://doi.org/10.5281/zenodo.0000000, (参照 "+time.Now().Format("2006-01-02")+").") {
		t.Errorf("/api/release in GOST and SIST:\n%s\n%s", rel.CiteGOST, rel.CiteSIST)
	}
	_, body := getAccept(t, ts.URL+"/entities/harbin-tokumu-kikan", "")
	for _, want := range []string{"In Harbin Papers, edited by Yuki Okada and Research Group on Manchuria (https://doi.org/10.5281/zenodo.0000000). Dataset, release ",
		"Harbin Special Service Agency // Harbin Papers : набор данных / под редакцией Y. Okada ; Research Group on Manchuria. – Версия ",
		". – URL: " + ts.URL + "/entities/harbin-tokumu-kikan (дата обращения: " + today2 + ").",
		"Okada, Yuki; Research Group on Manchuria編. “Harbin Special Service Agency”. Harbin Papers. リリース ",
		"Part of the dataset https://doi.org/10.5281/zenodo.0000000.",
		"editor = {Okada, Yuki and {Research Group on Manchuria}},", "urldate = {" + time.Now().Format("2006-01-02") + "},", "ED  - Okada, Yuki", "ED  - Research Group on Manchuria"} {
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("the entity's Cite this lacks %q", want)
		}
	}
	// pandoc reads the BibTeX's editors: a person, and a body as one
	// literal name.
	m := regexp.MustCompile(`(?s)<dt>BibTeX</dt><dd><pre[^>]*>(.*?)</pre>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no BibTeX on the entity page")
	}
	out := tool(t, "pandoc", html.UnescapeString(m[1]), "pandoc", "-f", "bibtex", "-t", "csljson")
	if !strings.Contains(out, `"literal": "Research Group on Manchuria"`) || !strings.Contains(out, `"family": "Okada"`) || !strings.Contains(out, `"given": "Yuki"`) || !strings.Contains(out, `"editor"`) {
		t.Errorf("pandoc reads the editors as:\n%s", out)
	}
	if _, home := getAccept(t, ts.URL+"/", ""); !strings.Contains(home, "<h1>Harbin Papers</h1>") {
		t.Error("the home page of another corpus does not carry its title")
	}
	ds.Settings = tokumu.Settings{}
	ts = serveMemory(t, ds)
	getJSON(t, ts.URL+"/api/release", &rel)
	if !strings.HasPrefix(rel.Cite, "A tokumu dataset. Dataset, release ") || !strings.HasSuffix(rel.Cite, ts.URL+"/.") {
		t.Errorf("a corpus without citation settings: %q", rel.Cite)
	}
}

// TestCitationGivesRelease: a claim of the embedded corpus is cited at the
// address of the release its citation names, which answers with the claim
// as cited; the page's own permalink stays the live claim.
func TestCitationGivesRelease(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	var rel struct{ Release string }
	getJSON(t, ts.URL+"/api/release", &rel)
	var cl struct{ Items []struct{ ID string } }
	getJSON(t, ts.URL+"/api/claims?about=harbin-tokumu-kikan&limit=1", &cl)
	if len(cl.Items) == 0 || rel.Release == "" {
		t.Fatal("no claim or no release")
	}
	id := cl.Items[0].ID
	_, body := getAccept(t, ts.URL+"/claims/"+id, "")
	cited := ts.URL + "/releases/" + rel.Release + "/claims/" + id
	for _, want := range []string{"url = {" + cited + "}", "UR  - " + cited, `"URL": "` + cited + `"`, `<a href="` + ts.URL + "/claims/" + id + `">`} {
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("the claim page lacks %q", want)
		}
	}
	if res, page := getAccept(t, cited, ""); res.StatusCode != 200 || !strings.Contains(page, "As frozen in release "+rel.Release+".") {
		t.Errorf("the cited address: %d", res.StatusCode)
	}
	// Rendered in Chicago author-date by pandoc's citeproc, the reference
	// has the import's year, not "n.d.", and names the release.
	m := regexp.MustCompile(`(?s)<dt>CSL-JSON</dt><dd><pre[^>]*>(.*?)</pre>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSL-JSON on the claim page")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c.json"), []byte(html.UnescapeString(m[1])), 0o644)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\nbibliography: c.json\n---\nText [@tokumu:"+strings.ReplaceAll(id, "~", "-")+"].\n"), 0o644)
	cmd := exec.Command("pandoc", "--citeproc", "--wrap=none", "-t", "plain", "a.md")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	year := strconv.Itoa(time.Now().Year())
	if err != nil || !strings.Contains(string(out), "Dataset, release "+rel.Release) || strings.Contains(string(out), "n.d.") || !strings.Contains(string(out), year) {
		t.Errorf("pandoc --citeproc renders the claim's citation as:\n%s (%v)", out, err)
	}
}

// TestNamedAsEditorsWords: a named_as in the editors' words (words:
// editors) is said as theirs, never as the source's quotation, on the
// entity's page and in the claim's JSON.
func TestNamedAsEditorsWords(t *testing.T) {
	ts := fixtureServer(t)
	_, body := getAccept(t, ts.URL+"/entities/soviet-far-eastern-forces", "text/html")
	body = html.UnescapeString(body)
	if !strings.Contains(body, "the source's words not recorded; in the editors' account: the Japanese") || strings.Contains(body, "the source says “the Japanese”") {
		t.Errorf("the editors' account of the holder's name is shown as:\n%s", body[max(0, strings.Index(body, "the Japanese")-300):min(len(body), strings.Index(body, "the Japanese")+100)])
	}
	_, js := getAccept(t, ts.URL+"/claims/c-est-1936", "application/json")
	if !strings.Contains(js, `"words":"editors"`) {
		t.Errorf("the claim's JSON lacks named_as.words: %s", js)
	}
}

// TestClaimCitationNamesSource: the Russian and Japanese forms of a
// claim's citation name the work the claim rests on first, and the
// dataset as where it was found (GOST's «Цит. по:», after the work in
// GOST's own form; 所引), as the
// Chicago form names it.
func TestClaimCitationNamesSource(t *testing.T) {
	ts := fixtureServer(t)
	_, body := getAccept(t, ts.URL+"/claims/c-doihara-head", "text/html")
	body = html.UnescapeString(body)
	for _, want := range []string{"Японская военная миссия. – p/14. Цит. по: Doihara Kenji: head of", "Японская военная миссия, p/14. ", " 所引."} {
		if !strings.Contains(body, want) {
			t.Errorf("the claim page's citations lack %q", want)
		}
	}
	if i, j := strings.Index(body, "Японская военная миссия"), strings.Index(body, "Цит. по:"); i < 0 || j < 0 || i > j {
		t.Errorf("GOST: the source (at %d) does not come before «Цит. по:» (at %d)", i, j)
	}
}

// TestViewCitationKeepsAbbreviation: a Russian view's title ends in «г.»,
// which keeps its full stop in every form: GOST's «1939 г. //», SIST's
// “… г.”, and Chicago's “… г.” without a second one.
func TestViewCitationKeepsAbbreviation(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	_, body := getAccept(t, ts.URL+"/structure?date=1939-06-01&lang=ru", "")
	body = html.UnescapeString(body)
	for _, want := range []string{"1 июня 1939 г. // A Source-Grounded", "1 июня 1939 г.</span>” In ", "“Организационная структура: Квантунская армия, 1 июня 1939 г.”. A Source-Grounded"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Russian structure page's citations lack %q", want)
		}
	}
	for _, bad := range []string{"г..", "1939 г //", "1939 г”"} {
		if strings.Contains(body, bad) {
			t.Errorf("the Russian structure page's citations have %q", bad)
		}
	}
}

// TestClaimSISTUsesJapaneseReference: the SIST 02 form of a claim's
// citation names the work it rests on as a Japanese page does (no
// English "n.d.", no kind label), as the GOST form does in Russian.
func TestClaimSISTUsesJapaneseReference(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	_, body := getAccept(t, ts.URL+"/claims/lyushkov-genrikh~154b520abd8974e4?lang=ja", "")
	m := regexp.MustCompile(`(?s)<dd class="sist" lang="ja">(.*?)</dd>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the claim page has no SIST citation")
	}
	sist := html.UnescapeString(m[1])
	if !strings.HasPrefix(sist, "Мозохин, Олег Борисович. Сталин и Дальний Восток. tokumu editors編. “") {
		t.Errorf("the SIST citation does not begin with the Japanese page's reference: %s", sist)
	}
	for _, bad := range []string{"n.d.", "学術研究"} {
		if strings.Contains(sist, bad) {
			t.Errorf("the SIST citation has %q: %s", bad, sist)
		}
	}
}

// TestNoteLinks: a note's keys in parentheses link to the source or
// entity they name, with its citation or label as the title, and a claim
// id links to the claim; the rest of the note stays text.
func TestNoteLinks(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/entities/hata-hikosaburo", 200, []string{`ja.wikipedia (<a href="/sources/jawp-hata" title="Wikipedia contributors, 秦彦三郎">jawp-hata</a>, § 略歴) gives the year 1926`}, nil},
		{"/entities/hata-hikosaburo?lang=ru", 200, []string{`<a href="/sources/jawp-hata?lang=ru" title=`}, nil},
		{"/ach/imperial-conference-1941", 200, []string{`Weighs <a href="/claims/kantokuen-1941~0f709a42264c087b" title="Kantokuen">kantokuen-1941~0f709a42264c087b</a> (`}, nil},
	}, nil)
}

// TestChicagoTitleLang: the English Chicago line marks the quoted title of
// a Russian or Japanese page in its own language.
func TestChicagoTitleLang(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/structure?date=1939-06-01&lang=ru", 200, []string{`<p class="chicago" lang="en">“<span lang="ru">Организационная структура: Квантунская армия, 1 июня 1939 г.</span>” In `}, nil},
		{"/structure?date=1939-06-01", 200, []string{`<p class="chicago" lang="en">“Organization chart`}, []string{`“<span lang=`}},
	}, nil)
}
