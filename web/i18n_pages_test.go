package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
)

// i18nPaths is every page type, for the tests that render each in every
// language.
func i18nPaths(t *testing.T, base string) []string {
	t.Helper()
	paths := []string{"/", "/entities/harbin-tokumu-kikan", "/entities/lyushkov-genrikh", "/search?q=Harbin", "/timeline", "/map?year=1939",
		"/structure", "/network", "/estimates", "/sources", "/sources/zor22", "/predicates", "/predicates/member_of", "/entities", "/ledger", "/ach", "/disagreements", "/audit", "/entities/nobody"}
	var ach []struct{ ID string }
	getJSON(t, base+"/api/ach", &ach)
	if len(ach) == 0 {
		t.Fatal("/api/ach lists no matrix")
	}
	var cl struct{ Items []struct{ ID string } }
	getJSON(t, base+"/api/claims?about=harbin-tokumu-kikan&limit=1", &cl)
	if len(cl.Items) == 0 {
		t.Fatal("/api/claims found no claim about harbin-tokumu-kikan")
	}
	return append(paths, "/ach/"+ach[0].ID, "/claims/"+cl.Items[0].ID)
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
}

// keyRE finds a message key shown as itself ("nav.map"), which is what
// x/text prints for a key missing from the catalogue.
var keyRE = regexp.MustCompile(`>\s*(nav|home|entity|search|structure|timeline|map|network|estimates|ledger|ach|audit|dis|cite|grade|claim|source|sources|filter|error|pager|js|type|types|kind)\.[a-z_.]+\s*<`)

// TestEveryPageInEveryLanguage renders each page type in English,
// Japanese and Russian: the page declares the language, no message is
// missing its arguments (fmt's "%!") or shows as its key, and a word the
// issue names is translated.
func TestEveryPageInEveryLanguage(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	want := map[string][]string{ // a word of the chrome on every page: the nav's "Timeline"
		"en": {">Timeline</a>", ">Skip to content<"},
		"ja": {">年表</a>", ">本文へ移動<"},
		"ru": {">Хронология</a>", ">Перейти к содержанию<"},
	}
	for _, path := range i18nPaths(t, ts.URL) {
		for _, lang := range []string{"en", "ja", "ru"} {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			u := ts.URL + path + sep + "lang=" + lang
			res, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			page := string(b)
			if res.StatusCode != 200 && !(path == "/entities/nobody" && res.StatusCode == 404) {
				t.Errorf("%s: status %d", u, res.StatusCode)
			}
			if !strings.Contains(page, `<html lang="`+lang+`"`) {
				t.Errorf("%s: does not declare <html lang=%q>", u, lang)
			}
			if i := strings.Index(page, "%!"); i >= 0 {
				t.Errorf("%s: a message lacks an argument: %q", u, page[max(0, i-80):min(len(page), i+40)])
			}
			if m := keyRE.FindString(page); m != "" {
				t.Errorf("%s: a message key shows as itself: %s", u, m)
			}
			for _, w := range want[lang] {
				if !strings.Contains(page, w) {
					t.Errorf("%s lacks %s", u, w)
				}
			}
		}
	}
}

// TestLanguageChoice: the URL's lang first, then the cookie the reader's
// choice set, then Accept-Language; a choice by URL sets the cookie.
func TestLanguageChoice(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	get := func(path, cookie, accept string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "lang", Value: cookie})
		}
		if accept != "" {
			req.Header.Set("Accept-Language", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(b)
	}
	for _, tt := range []struct {
		path, cookie, accept, want string
	}{
		{"/sources", "", "", "en"},
		{"/sources", "", "ja,en;q=0.5", "ja"},
		{"/sources", "ru", "ja,en;q=0.5", "ru"}, // the cookie beats the header
		{"/sources?lang=en", "ru", "ja", "en"},  // the URL beats both
		{"/sources?lang=xx", "ru", "ja", "ru"},  // an unknown lang is ignored
		{"/sources", "xx", "ja", "ja"},          // so is an unknown cookie
		{"/sources?lang=ja", "", "", "ja"},      // and a choice by URL
		{"/entities/nobody", "ru", "", "ru"},    // error pages too
		{"/sources?lang=ja&kind=memoir", "", "", "ja"},
	} {
		_, page := get(tt.path, tt.cookie, tt.accept)
		if !strings.Contains(page, `<html lang="`+tt.want+`"`) {
			t.Errorf("%s cookie=%q Accept-Language=%q: want <html lang=%q>, got %.60q", tt.path, tt.cookie, tt.accept, tt.want, page[strings.Index(page, "<html"):])
		}
	}
	res, _ := get("/sources?lang=ru", "", "")
	var c *http.Cookie
	for _, k := range res.Cookies() {
		if k.Name == "lang" {
			c = k
		}
	}
	if c == nil || c.Value != "ru" || c.Path != "/" || c.MaxAge <= 0 {
		t.Errorf("?lang=ru set the cookie %+v; want lang=ru, Path=/, a max age", c)
	}
	if res, _ := get("/sources?lang=ru", "ru", ""); len(res.Cookies()) != 0 {
		t.Errorf("?lang=ru with the cookie already ru set it again: %v", res.Cookies())
	}
	if res, _ := get("/sources", "", ""); len(res.Cookies()) != 0 {
		t.Errorf("a page without ?lang set a cookie: %v", res.Cookies())
	}
	if v := res.Header.Values("Vary"); !strings.Contains(strings.Join(v, ","), "Cookie") {
		t.Errorf("Vary %v does not name Cookie", v)
	}
}

// TestLocalizedFormats: dates and numbers as each language writes them,
// and the plural the issue reports ("(1 organizations)").
func TestLocalizedFormats(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	page := func(u string) string {
		res, err := http.Get(ts.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return string(b)
	}
	for _, tt := range []struct{ url, want string }{
		// The structure page's date heading and a claim date in words.
		{"/structure?root=kwantung-army&date=1939-06-01&lang=ja", "1939年6月1日 時点"},
		{"/structure?root=kwantung-army&date=1939-06-01&lang=ru", "На 1 июня 1939 г."},
		{"/entities/lyushkov-genrikh?lang=ja", "1938年6月13日"},
		{"/entities/lyushkov-genrikh?lang=ru", "13 июня 1938 г."},
		{"/entities/lyushkov-genrikh", "13 June 1938"},
	} {
		if p := page(tt.url); !strings.Contains(p, tt.want) {
			t.Errorf("%s lacks %q", tt.url, tt.want)
		}
	}
	// Counts on the home page, grouped per language: the corpus has over a
	// thousand claims.
	for lang, re := range map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`\d,\d{3} claims`),
		"ja": regexp.MustCompile(`記述 \d,\d{3} 件`),
		"ru": regexp.MustCompile(`\d\x{00a0}\d{3} утвержден`),
	} {
		if p := page("/?lang=" + lang); !re.MatchString(p) {
			t.Errorf("/?lang=%s: no count matching %s", lang, re)
		}
	}
	// No "(1 organizations)" anywhere on the structure chart.
	for _, lang := range []string{"en", "ru"} {
		p := page("/structure?lang=" + lang)
		for _, bad := range []string{"(1 organizations", "(1 организаций", "(1 организации"} {
			if strings.Contains(p, bad) {
				t.Errorf("/structure?lang=%s has %q", lang, bad)
			}
		}
	}
}

// TestReferencesNoDoublePeriod: an author ending in an initial is closed
// by that period alone ("Coox, Alvin D. 1985", not "D.. 1985"), in every
// language's rendering of the bibliography.
func TestReferencesNoDoublePeriod(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	double := regexp.MustCompile(`\p{Lu}\.\.`)
	for _, lang := range []string{"en", "ja", "ru"} {
		res, err := http.Get(ts.URL + "/sources?lang=" + lang)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		page := string(b)
		if m := double.FindStringIndex(page); m != nil {
			t.Errorf("/sources?lang=%s has a double period: %q", lang, page[max(0, m[0]-40):m[1]+20])
		}
		coox := "Coox, Alvin D.</span> 19"
		if lang == "ru" {
			coox = "Coox A. D.</span> <cite" // GOST: initials, no year after the name
		}
		if !strings.Contains(page, coox) {
			t.Errorf("/sources?lang=%s lacks %s (the case this test is about)", lang, coox)
		}
	}
}

// TestGOSTReferences: on a Russian page the bibliography is written as
// Russian reference lists write it (ГОСТ Р 7.0.5): the author with
// initials heading the entry, «– М. : Вече, 2014», «//» before a journal
// with its volume and issue, «[и др.]» after the title for four authors or
// more, the editors in the nominative after «ред.», the access date as
// 03.12.2026, and no full stop doubled after «гг.».
func TestGOSTReferences(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	_, page := getAccept(t, ts.URL+"/sources?lang=ru", "")
	for _, want := range []string{
		`<span>Яковкин Е. В.</span> <cite>Русские солдаты Квантунской армии</cite>. – М. : Вече, 2014.`,
		`<cite>От Версаля до Барбароссы. Великое противостояние держав (1920-е – начало 1940-х гг.)</cite> / В. Н. Богданов [и др.].`,
		`<span>Хаттори Т.</span> <cite>Япония в войне 1941–1945 гг.</cite> <span class="kind">`,
		`// Conflict. – 1973. – № 5.`,
		`<cite lang="ja">戦わざる日ソ戦</cite> [<span lang="en">The Japanese–Soviet war that was not fought</span>] // 第二次世界大戦―発生と拡大― / ред. 軍事史学会. – 1990. – С. 292–308.`,
		`/ ред. Е. М. Примаков. – М. : Международные отношения.`,
		`(дата обращения: 03.12.2026).`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/sources?lang=ru lacks %s", want)
		}
	}
	for _, bad := range []string{"В кн.:", "Дата обращения:", "под ред.", "гг.</cite>."} {
		if strings.Contains(page, bad) {
			t.Errorf("/sources?lang=ru still writes %q", bad)
		}
	}
	if m := regexp.MustCompile(`<span[^>]*>[^<]* and [^<]*</span> <cite`).FindString(page); m != "" {
		t.Errorf("/sources?lang=ru joins authors with English 'and': %s", m)
	}
	if _, p := getAccept(t, ts.URL+"/entities/lyushkov-genrikh?lang=ru", ""); !strings.Contains(p, "Богданов и др., От Версаля") || strings.Contains(p, "Богданов et al.") {
		t.Error("the short citation on a Russian page does not say «и др.»")
	}
	// The chart names a source by author and year, or an institution's
	// work by its title, not by its key.
	_, p := getAccept(t, ts.URL+"/structure?date=1939-06-01&lang=ru", "")
	for _, want := range []string{`>Яковкин 2014</a>`, `<span lang="zh">日本关东军侵华罪恶史</span></a>`} {
		if !strings.Contains(p, want) {
			t.Errorf("/structure?date=1939-06-01&lang=ru lacks %s", want)
		}
	}
	if strings.Contains(p, `>yak</a>`) {
		t.Error("/structure names a source by its key")
	}
}

// TestCorpusFileLink: a citation shows readers no local path ("Written
// at entities/…yaml:26"); with a repository in the corpus settings it
// links "Corpus file" to the line on the repository.
func TestCorpusFileLink(t *testing.T) {
	serve := func(repo string) string {
		ctx := context.Background()
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ds := storetest.Fixture()
		ds.Settings.Repository = repo
		for _, c := range ds.Claims {
			c.Origin = "entities/unit/" + c.Subject + ".yaml:7"
		}
		if err := db.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
		ts := serveStore(t, db)
		res, err := http.Get(ts.URL + "/entities/harbin-tokumu-kikan")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return string(b)
	}
	page := serve("")
	for _, bad := range []string{"Written at", ".yaml:7", "Corpus file"} {
		if strings.Contains(page, bad) {
			t.Errorf("without a repository the page shows %q", bad)
		}
	}
	page = serve("https://github.com/o/r/blob/main/corpus/")
	if want := `<a href="https://github.com/o/r/blob/main/corpus/entities/unit/harbin-tokumu-kikan.yaml#L7" rel="noreferrer">Corpus file</a>`; !strings.Contains(page, want) {
		t.Errorf("with a repository the page lacks %s", want)
	}
}

// TestLanguageOfParts: text in another language than the page's carries
// its lang (WCAG 3.1.2), so that a screen reader reads Russian titles with
// a Russian voice: a citation's short form and a reference by the
// source's recorded language, a search snippet and the source's words in
// named_as by their script.
func TestLanguageOfParts(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	for _, tt := range []struct{ url, want string }{
		{"/entities/lyushkov-genrikh", `<span class="cite-short"><span lang="ru">Мозохин`},
		{"/sources?lang=ja", `<cite lang="en">Nomonhan`},
		{"/sources?lang=en", `<cite lang="ru">`},
		{"/search?q=%D0%9B%D1%8E%D1%88%D0%BA%D0%BE%D0%B2", `<p class="snippet" lang="ru">`},
		{"/ledger?lang=ru", `«<span lang="en">Japanese military intelligence`},
	} {
		if _, body := getAccept(t, ts.URL+tt.url, ""); !strings.Contains(body, tt.want) {
			t.Errorf("%s lacks %s", tt.url, tt.want)
		}
	}
}

// TestThenName: a claim on an organization that bore another name on the
// claim's start says so, in the page's language (Doi became head of what
// was still the Russia Group in 1935; it became the Russia Section in
// 1936); so does a claim's place (Zabaykalsk was the station Otpor from
// 1929 to 1958), inside the phrase that names the place, and the
// timeline's places; a network drawn over years that all fall within an
// earlier name labels the organization by it. A claim of 1958, when
// either name may be meant, says nothing (tokumu.Entity.NameOn).
func TestThenName(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	for _, tt := range []struct{ url, want string }{
		{"/entities/doi-akio?lang=ja", `ロシア課</a><span class="then">（当時はロシア班）</span>`},
		{"/entities/doi-akio", `</a> <span class="then">(then the Russia Group, General Staff 2nd Bureau)</span>`},
		{"/entities/otpor-incident-1938", `at <a href="/entities/otpor" class="ent t-place">Zabaykalsk</a> <span class="then">(then Otpor)</span></span>`},
		{"/entities/otpor-incident-1938?lang=ja", `ザバイカリスク</a><span class="then">（当時はオトポール）</span>にて</span>`},
		{"/entities/otpor-incident-1938?lang=ru", `(место: <a href="/entities/otpor?lang=ru" class="ent t-place">Забайкальск</a><span class="then">, тогда — Отпор</span>)`},
		{"/timeline", `Zabaykalsk (then Otpor)`},
		{"/ledger", `General Staff 2nd Bureau</a> <span class="then">(then the Russia Group, General Staff 2nd Bureau)</span>`},
		{"/entities/red-army", `(then the Russia Group, General Staff 2nd Bureau)</span>`},
		{"/network?from=1932&to=1935", `"label":"Russia Group, General Staff 2nd Bureau"`},
		{"/structure?root=ija-general-staff&date=1935-06-01", `Russia Section (5th Section), General Staff 2nd Bureau</a> <span class="then">(then the Russia Group`},
	} {
		if _, body := getAccept(t, ts.URL+tt.url, ""); !strings.Contains(body, tt.want) {
			t.Errorf("%s lacks %s", tt.url, tt.want)
		}
	}
	// Over 1932–1938 the section bore two names: its present one.
	if _, body := getAccept(t, ts.URL+"/network?from=1932&to=1938", ""); !strings.Contains(body, `"id":"ija-gs-russia-section","label":"Russia Section (5th Section), General Staff 2nd Bureau"`) {
		t.Error("/network?from=1932&to=1938 does not label the section by its present name, though it was renamed in 1936")
	}
}

// TestJapaneseReferences: on a Japanese page a Japanese work is cited as
// Japanese reference lists cite it: the author as written (西原征夫), the
// book in 『』, an article in 「」 within its 『』, the editors with 編.
func TestJapaneseReferences(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	_, page := getAccept(t, ts.URL+"/sources?lang=ja", "")
	for _, want := range []string{`>西原征夫.</span>`, `>『全記録ハルビン特務機関`, `大越兼二・小池新.`, `軍事史学会編`} {
		if !strings.Contains(page, want) {
			t.Errorf("/sources?lang=ja lacks %s", want)
		}
	}
	if strings.Contains(page, "西原, 征夫") {
		t.Error("/sources?lang=ja writes 西原, 征夫")
	}
}

// TestRankTerms: a rank the corpus writes in English reads in the page's
// language, the English kept in the title; an English page shows it as is.
func TestRankTerms(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	for _, tt := range []struct{ url, want string }{
		{"/entities/higuchi-kiichiro?lang=ja", `<span class="val" title="Major General">少将</span>`},
		{"/entities/higuchi-kiichiro?lang=ru", `<span class="val" title="Major General">генерал-майор</span>`},
		{"/entities/higuchi-kiichiro", `<span class="val">Major General</span>`},
	} {
		if _, body := getAccept(t, ts.URL+tt.url, ""); !strings.Contains(body, tt.want) {
			t.Errorf("%s lacks %s", tt.url, tt.want)
		}
	}
}

// TestRoleTerms: a post the corpus names often reads in the page's
// language, the English in the title; a role of the editors' own words
// stays English, marked so.
func TestRoleTerms(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		// Japanese brackets a role in full-width parentheses, with no space.
		{"/entities/hata-hikosaburo?lang=ja", 200, []string{`（<span class="role" title="deputy chief of staff">参謀副長</span>）`}, []string{` (<span class="role"`}},
		{"/entities/hata-hikosaburo?lang=ru", 200, []string{` (<span class="role" title="deputy chief of staff">заместитель начальника штаба</span>)`}, nil},
		{"/entities/hata-hikosaburo?lang=ja", 200, []string{`（<span class="role" title="military attaché in Poland and Latvia">ポーランド・ラトビア駐在武官</span>）`}, nil},
		{"/entities/hata-hikosaburo", 200, []string{` (<span class="role">deputy chief of staff</span>)`}, nil},
		// The inverse list (the army's staff) brackets roles the same way.
		{"/entities/kwantung-army?lang=ja", 200, []string{`（<span class="role" title="chief of staff">参謀長</span>）`}, nil},
	}, nil)
}

// TestReadingBesideName: on a Japanese page a person's kana reading
// stands beside the name in the heading, as reference works give it.
func TestReadingBesideName(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	if _, body := getAccept(t, ts.URL+"/entities/akikusa-shun?lang=ja", ""); !strings.Contains(body, `<h1>秋草俊</h1><p class="reading" lang="ja">（あきくさ しゅん）</p>`) {
		t.Error("the Japanese page of Akikusa Shun lacks his reading beside his name")
	}
	for _, u := range []string{"/entities/akikusa-shun", "/entities/kantokuen-1941?lang=ja"} {
		if _, body := getAccept(t, ts.URL+u, ""); strings.Contains(body, `class="reading"`) {
			t.Errorf("%s shows a kana reading under the heading", u)
		}
	}
}

// TestFiguresInPageLanguage: a figure with its unit reads in the page's
// language on the entity page, the ledger and the estimates page, the
// corpus's English in the title; an English page is as the corpus writes.
func TestFiguresInPageLanguage(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/entities/57th-special-corps?lang=ja", 200, []string{`<span class="val" title="581 aircraft">581機</span>`}, nil},
		{"/entities/57th-special-corps?lang=ru", 200, []string{`<span class="val" title="581 aircraft">581 самолёт</span>`}, nil},
		{"/entities/57th-special-corps", 200, []string{`<span class="val">581 <span class="unit">aircraft</span></span>`}, nil},
		{"/ledger?lang=ru", 200, []string{`<span title="tanks">500 танков</span>`}, nil},
		{"/ledger", 200, []string{`≥4 divisions`}, nil},
		{"/estimates?lang=ja", 200, []string{`<span class="unit" title="rifle divisions">狙撃師団</span>`}, nil},
	}, nil)
}
