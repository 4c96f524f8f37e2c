package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/storetest"
)

// signIn signs c in as the account and returns the session's CSRF value,
// read from the page at path (a form).
func signIn(t testing.TB, c *http.Client, es *editServer, account, path string) string {
	t.Helper()
	_, body, _ := getPage(t, c, es.url+"/signin")
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("/signin has no CSRF field")
	}
	if st, _, _ := postForm(t, c, es.url+"/signin", url.Values{"token": {es.tokens[account]}, "csrf": {m[1]}}); st != 303 {
		t.Fatalf("signing in as %s: %d", account, st)
	}
	st, body, _ := getPage(t, c, es.url+path)
	m = csrfInput.FindStringSubmatch(body)
	if st != 200 || m == nil {
		t.Fatalf("%s signed in: %d, no CSRF field:\n%.1000s", path, st, body)
	}
	return m[1]
}

// fieldError reports whether body shows a message beside the field that
// contains want.
func fieldError(body, field, want string) bool {
	i := strings.Index(body, `<span class="error" id="e-`+field+`">`)
	if i < 0 {
		return false
	}
	j := strings.Index(body[i:], "</span>")
	return j > 0 && strings.Contains(body[i:i+j], want)
}

const bibtexPaste = `@book{Coox1985,
  author    = {Coox, Alvin D.},
  title     = {Nomonhan: Japan Against Russia, 1939},
  publisher = {Stanford University Press},
  address   = {Stanford},
  year      = {1985}
}`

// TestSourceEntityNameForms: the source form reads a BibTeX paste into its
// fields for review, refuses a bad paste and a missing language beside
// their fields, and saves; a CSL-JSON paste saves at once; the entity form
// asks for the romaji of a Japanese name and Cyrillic in the Russian one,
// makes the id from the romaji, and the entity is found by its Japanese
// name; the name form adds a name and refuses a bad language tag and a
// repeated name; the entity's history lists the entity, the name and a
// claim about it, newest first, paged; every post needs the CSRF token.
func TestSourceEntityNameForms(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		c := browserClient()
		if st, _, res := getPage(t, c, es.url+"/sources/new"); st != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/signin?next=") {
			t.Fatalf("the source form signed out: %d; want 303 to /signin", st)
		}
		csrf := signIn(t, c, es, "alice", "/sources/new")
		post := func(path string, v url.Values) (int, string, *http.Response) {
			t.Helper()
			return postForm(t, c, es.url+path, v)
		}

		// Sources.
		if st, _, _ := post("/sources/new", url.Values{"base": {"0"}, "paste": {bibtexPaste}, "reason": {"r"}}); st != 403 {
			t.Errorf("a source post without the CSRF token: %d; want 403", st)
		}
		st, body, _ := post("/sources/new", url.Values{"csrf": {csrf}, "base": {"0"}, "paste": {bibtexPaste}, "action": {"read"}})
		if st != 200 || !strings.Contains(body, `name="id" value="coox1985"`) || !strings.Contains(body, `name="title" value="Nomonhan: Japan Against Russia, 1939"`) ||
			!strings.Contains(body, `<option value="scholarly" selected>`) || !strings.Contains(body, ">Coox, Alvin D.</textarea>") {
			t.Fatalf("reading a BibTeX paste: %d; want the fields filled (id coox1985, title, kind scholarly, author):\n%.3000s", st, body)
		}
		if st, body, _ := post("/sources/new", url.Values{"csrf": {csrf}, "base": {"0"}, "title": {"Nomonhan\xff"}, "reason": {"r"}}); st != 400 || !strings.Contains(body, `form field &#34;title&#34; is not UTF-8`) {
			t.Errorf("a title with a byte that is not UTF-8: %d; want 400 naming the field:\n%.1000s", st, body)
		}
		// A refused paste comes back as typed.
		if st, body, _ := post("/sources/new", url.Values{"csrf": {csrf}, "base": {"0"}, "paste": {"hello world"}, "reason": {"r"}}); st != 400 || !fieldError(body, "paste", "not CSL-JSON, BibTeX or RIS") || !strings.Contains(body, ">hello world</textarea>") {
			t.Errorf("a paste in no format: %d; want 400 with the message beside the paste box:\n%.3000s", st, body)
		}
		v := url.Values{"csrf": {csrf}, "base": {"0"}, "paste": {bibtexPaste}, "reason": {"The standard account of Nomonhan"}}
		if st, body, _ := post("/sources/new", v); st != 400 || !fieldError(body, "language", "no language") {
			t.Errorf("a source without a language: %d; want 400 beside the language field:\n%.3000s", st, body)
		}
		v.Set("language", "en")
		v.Set("url", "https://wikimili.com/en/Battles_of_Khalkhin_Gol")
		v.Set("accessed", "2026-12-04")
		if st, body, _ := post("/sources/new", v); st != 400 || !fieldError(body, "url", "a site that copies or generates text") {
			t.Errorf("a source read on a mirror: %d; want 400 beside the url field:\n%.3000s", st, body)
		}
		v.Del("url")
		v.Del("accessed")
		v.Set("reason", "")
		if st, body, _ := post("/sources/new", v); st != 400 || !fieldError(body, "reason", "reason") {
			t.Errorf("a source without a reason: %d; want 400 beside the reason field", st)
		}
		v.Set("reason", "The standard account of Nomonhan")
		if st, _, res := post("/sources/new", v); st != 303 || res.Header.Get("Location") != "/sources/coox1985" {
			t.Fatalf("saving the source: %d to %q; want 303 to /sources/coox1985", st, res.Header.Get("Location"))
		}
		if st, a := es.call(t, "GET", "/api/sources/coox1985", "", nil); st != 200 || !strings.Contains(fmt.Sprint(a), "Stanford University Press") {
			t.Errorf("/api/sources/coox1985 after the form: %d %v", st, a)
		}
		if st, body, _ := post("/sources/new", v); st != 400 || !fieldError(body, "id", "coox1985 exists already") {
			t.Errorf("the same source again: %d; want 400 beside the id", st)
		}
		csl := `{"id": "Hata1999", "type": "book", "title": "ノモンハン戦争", "author": [{"family": "秦", "given": "郁彦"}], "issued": {"date-parts": [[2014]]}, "language": "ja"}`
		if st, _, res := post("/sources/new", url.Values{"csrf": {csrf}, "base": {"1"}, "paste": {csl}, "reason": {"Hata's history"}}); st != 303 || res.Header.Get("Location") != "/sources/hata1999" {
			t.Fatalf("saving a CSL-JSON paste: %d to %q; want 303 to /sources/hata1999", st, res.Header.Get("Location"))
		}

		// Entities.
		ent := url.Values{"csrf": {csrf}, "base": {"2"}, "type": {"person"}, "name-en": {"Shiken Taro"}, "name-ja": {"試験太郎"},
			"name-ru": {"Shiken"}, "reason": {"A test person"}}
		st, body, _ = post("/entities/new", ent)
		if st != 400 || !fieldError(body, "name-ja-latn", "romaji") || !fieldError(body, "name-ru", "not in Cyrillic") {
			t.Errorf("an entity without the romaji and a Latin Russian name: %d; want 400 beside both fields:\n%.4000s", st, body)
		}
		ent.Set("name-ja-latn", "Shiken Tarō")
		ent.Set("name-ru", "Сикэн Таро")
		ent.Set("type", "wizard")
		if st, body, _ := post("/entities/new", ent); st != 400 || !fieldError(body, "type", "type") {
			t.Errorf("an entity of no type: %d; want 400 beside the type", st)
		}
		ent.Set("type", "person")
		st, _, res := post("/entities/new", ent)
		if st != 303 || res.Header.Get("Location") != "/entities/shiken-taro" {
			t.Fatalf("saving the entity: %d to %q; want 303 to /entities/shiken-taro (the romaji without its macron)", st, res.Header.Get("Location"))
		}
		if st, a := es.call(t, "GET", "/api/search?q=試験太郎", "", nil); st != 200 || !strings.Contains(fmt.Sprint(a), "shiken-taro") {
			t.Errorf("search for the Japanese name: %d %v", st, a)
		}
		if st, body, _ := post("/entities/new", ent); st != 400 || !fieldError(body, "id", "shiken-taro exists already") {
			t.Errorf("the same entity again: %d; want 400 beside the id", st)
		}

		// Names.
		csrfName := csrf
		if st, body, _ := getPage(t, c, es.url+"/entities/shiken-taro/names/new"); st != 200 || !strings.Contains(body, `name="base" value="3"`) {
			t.Fatalf("the name form: %d, base 3 missing", st)
		}
		name := url.Values{"csrf": {csrfName}, "base": {"3"}, "text": {"しけん たろう"}, "lang": {"ja_hira!"}, "kind": {"transcribed"}, "reason": {"The reading"}}
		if st, body, _ := post("/entities/shiken-taro/names/new", name); st != 400 || !fieldError(body, "lang", "not a language tag") {
			t.Errorf("a name with a bad tag: %d; want 400 beside lang:\n%.3000s", st, body)
		}
		name.Set("lang", "ja-Hira")
		if st, _, res := post("/entities/shiken-taro/names/new", name); st != 303 || res.Header.Get("Location") != "/entities/shiken-taro" {
			t.Fatalf("saving the name: %d to %q", st, res.Header.Get("Location"))
		}
		if st, a := es.call(t, "GET", "/api/entities/shiken-taro", "", nil); st != 200 || !strings.Contains(fmt.Sprint(a), "しけん たろう") {
			t.Errorf("the entity after the name form: %d %v", st, a)
		}
		// A second form opened before that save (base 3) comes back on
		// the newest revision with the reason, not "reapply with base 4",
		// so that its second Save is a deliberate one.
		other := url.Values{"csrf": {csrfName}, "base": {"3"}, "text": {"Siken Tarô"}, "lang": {"ja-Latn"}, "kind": {"alias"}, "reason": {"Kunrei spelling"}}
		if st, body, _ := post("/entities/shiken-taro/names/new", other); st != 409 || !strings.Contains(body, "Someone saved a change here after you opened the form.") ||
			!strings.Contains(body, `name="base" value="4"`) || !strings.Contains(body, `value="Siken Tarô"`) {
			t.Errorf("a name form opened before another save: %d; want 409, the form kept on base 4:\n%s", st, body[strings.Index(body, "<main"):])
		}
		name.Set("base", "4")
		if st, body, _ := post("/entities/shiken-taro/names/new", name); st != 400 || !fieldError(body, "text", "already") {
			t.Errorf("the same name again: %d; want 400 beside the text", st)
		}

		// The entity's history: the claim (r5), the name (r4), the entity (r3).
		if st, a := es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "born", "claim": map[string]any{
			"subject": "shiken-taro", "predicate": "born", "when": "1900", "source": "hata1999"}}); st != 201 {
			t.Fatalf("a claim about the entity: %d %v", st, a)
		}
		st, a := es.call(t, "GET", "/api/entities/shiken-taro/history?limit=2", "", nil)
		revs, _ := a["revisions"].([]any)
		if st != 200 || len(revs) != 2 || a["next"] != "4" || revs[0].(map[string]any)["id"].(float64) != 5 || revs[1].(map[string]any)["id"].(float64) != 4 {
			t.Fatalf("/api/entities/shiken-taro/history?limit=2: %d %v; want r5, r4 and next 4", st, a)
		}
		if d := fmt.Sprint(revs[1].(map[string]any)["summary"]); !strings.Contains(d, "names: + しけん たろう (ja-Hira, transcribed)") {
			t.Errorf("r4's summary lacks the name added: %s", d)
		}
		st, a = es.call(t, "GET", "/api/entities/shiken-taro/history?before=4", "", nil)
		revs, _ = a["revisions"].([]any)
		if st != 200 || len(revs) != 1 || revs[0].(map[string]any)["message"] != "A test person" {
			t.Errorf("the history's second page: %d %v; want r3, the creation", st, a)
		}
		st, body, _ = getPage(t, c, es.url+"/entities/shiken-taro/history")
		if st != 200 || !strings.Contains(body, `id="r5"`) || !strings.Contains(body, `id="r3"`) || strings.Contains(body, `id="r2"`) || !strings.Contains(body, `action="/changes/5/revert"`) {
			t.Errorf("/entities/shiken-taro/history: %d; want r5…r3, not r2, with revert forms:\n%.3000s", st, body)
		}
		if st, _, _ := getPage(t, c, es.url+"/entities/no-such-entity/history"); st != 404 {
			t.Errorf("the history of no entity: %d; want 404", st)
		}
		if st, body, _ := getPage(t, c, es.url+"/entities/shiken-taro"); st != 200 || !strings.Contains(body, `href="/entities/shiken-taro/history"`) || !strings.Contains(body, `href="/entities/shiken-taro/names/new"`) {
			t.Errorf("the entity page lacks the history and add-name links: %d", st)
		}
		// A reader may not use the forms.
		rc := browserClient()
		_, body, _ = getPage(t, rc, es.url+"/signin")
		m := csrfInput.FindStringSubmatch(body)
		postForm(t, rc, es.url+"/signin", url.Values{"token": {es.tokens["rita"]}, "csrf": {m[1]}})
		for _, p := range []string{"/sources/new", "/entities/new", "/entities/shiken-taro/names/new"} {
			if st, _, _ := getPage(t, rc, es.url+p); st != 403 {
				t.Errorf("%s for a reader: %d; want 403", p, st)
			}
		}
		checkNoTokens(t, es)
	})
}

// TestHeaderAccount: every page of a server that keeps accounts says in
// its header who is signed in (with the role) and offers sign-out, or
// offers sign-in back to the same page; a server without accounts (the
// embedded corpus) shows neither.
func TestHeaderAccount(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		c := browserClient()
		_, body, _ := getPage(t, c, es.url+"/entities/kwantung-army")
		if !strings.Contains(body, `<div class="account"><a href="/signin?next=%2Fentities%2Fkwantung-army">Sign in</a></div>`) {
			t.Errorf("signed out, the header offers no sign-in back to the page:\n%.2000s", body)
		}
		// The link keeps the page's query: sign-in comes back to the same view.
		if _, body, _ = getPage(t, c, es.url+"/map?year=1939"); !strings.Contains(body, `href="/signin?next=%2Fmap%3Fyear%3D1939"`) {
			t.Error("the header's sign-in link drops the page's query")
		}
		signIn(t, c, es, "alice", "/entities/kwantung-army/claims/new")
		_, body, _ = getPage(t, c, es.url+"/sources?lang=ru")
		if !strings.Contains(body, `Вы вошли как <strong class="name">alice</strong> (редактор)`) || !strings.Contains(body, `<form method="post" action="/signout">`) {
			t.Errorf("signed in, the header does not say who, in the page's language, with a sign-out form:\n%.2500s", body)
		}
		m := csrfInput.FindStringSubmatch(body[strings.Index(body, `class="account"`):])
		if m == nil {
			t.Fatal("the header's sign-out form has no CSRF field")
		}
		if st, _, _ := postForm(t, c, es.url+"/signout", url.Values{"csrf": {m[1]}}); st != 303 {
			t.Fatalf("signing out from the header: %d", st)
		}
		if _, body, _ = getPage(t, c, es.url+"/sources"); strings.Contains(body, "alice") || !strings.Contains(body, `href="/signin?next=%2Fsources"`) {
			t.Errorf("signed out again, the header still names the account or offers no sign-in")
		}
	})
	ts := serveMemory(t, storetest.Fixture())
	if _, body := getAccept(t, ts.URL+"/sources", ""); strings.Contains(body, `class="account"`) || !strings.Contains(body, "<h1>") {
		t.Error("a server without accounts shows a sign-in state")
	}
}

// TestSourceEditRegrades: the source form corrects an existing source,
// its fields filled in and its id fixed; a corrected kind regrades, in the
// same revision, the claims that take a part of their grade from the
// source and leaves a claim with a reliability of its own; reverting the
// revision puts source and grades back. Fields the form did not show
// before (reliability, derived_from) survive an edit.
func TestSourceEditRegrades(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		c := browserClient()
		csrf := signIn(t, c, es, "alice", "/sources/yak/edit")
		st, body, _ := getPage(t, c, es.url+"/sources/yak/edit")
		if st != 200 || !strings.Contains(body, `name="id" value="yak" size="60" required readonly`) ||
			!strings.Contains(body, `<option value="C" selected>`) || !strings.Contains(body, `name="derived_from" value="zor23"`) {
			t.Fatalf("the edit form of yak: %d\n%.3000s", st, body)
		}
		if _, page, _ := getPage(t, c, es.url+"/sources/yak"); !strings.Contains(page, `href="/sources/yak/edit"`) {
			t.Error("the source page does not link its edit form")
		}
		grade := func(id string) string {
			t.Helper()
			_, a := es.call(t, "GET", "/api/claims/"+id, "", nil)
			cl, _ := a["claim"].(map[string]any)
			return fmt.Sprint(cl["grade"])
		}
		// yak: popular, reliability C (default C3). c-doihara-born writes
		// C4 (its credibility on the source's letter); c-doihara-head B2
		// (a reliability of its own).
		if g1, g2 := grade("c-doihara-born"), grade("c-doihara-head"); g1 != "C4" || g2 != "B2" {
			t.Fatalf("before: %s %s", g1, g2)
		}
		v := url.Values{"csrf": {csrf}, "base": {"0"}, "kind": {"scholarly"}, "reliability": {""}, "type": {"book"},
			"title": {"Японская военная миссия"}, "language": {"ru"}, "derived_from": {"zor23"}, "reason": {"The book is a scholarly monograph"}}
		bad := url.Values{}
		for k, vs := range v {
			bad[k] = vs
		}
		bad.Set("derived_from", "zor23 nosuch")
		if st, body, _ := postForm(t, c, es.url+"/sources/yak/edit", bad); st != 400 || !fieldError(body, "derived_from", "nosuch") {
			t.Errorf("derived from an unknown source: %d; want 400 beside the field", st)
		}
		if st, body, res := postForm(t, c, es.url+"/sources/yak/edit", v); st != 303 || res.Header.Get("Location") != "/sources/yak" {
			t.Fatalf("saving the corrected source: %d to %q: %q", st, res.Header.Get("Location"), regexp.MustCompile(`class="error"[^>]*>[^<]*`).FindAllString(body, -1))
		}
		if g1, g2 := grade("c-doihara-born"), grade("c-doihara-head"); g1 != "B4" || g2 != "B2" {
			t.Errorf("after the kind was corrected: c-doihara-born %s (want B4), c-doihara-head %s (want B2)", g1, g2)
		}
		_, a := es.call(t, "GET", "/api/sources/yak", "", nil)
		if s := fmt.Sprint(a); !strings.Contains(s, "scholarly") || !strings.Contains(s, "derived_from:[zor23]") {
			t.Errorf("/api/sources/yak after the edit: %v", a)
		}
		// One revision holds the source and the regraded claim; its revert
		// puts both back.
		_, ch := es.call(t, "GET", "/api/changes?limit=1", "", nil)
		revs, _ := ch["revisions"].([]any)
		if len(revs) != 1 {
			t.Fatalf("/api/changes: %v", ch)
		}
		rev := revs[0].(map[string]any)
		if n := len(rev["changes"].([]any)); n != 2 {
			t.Errorf("the revision has %d changes; want the source and c-doihara-born", n)
		}
		if st, a := es.call(t, "POST", fmt.Sprintf("/api/revisions/%v/revert", rev["id"]), "alice", map[string]any{"reason": "undo"}); st != 201 {
			t.Fatalf("revert: %d %v", st, a)
		}
		// A revert puts back what was, and regrades nothing else:
		// c-doihara-head's B2 (now the source's default) stays.
		if g1, g2 := grade("c-doihara-born"), grade("c-doihara-head"); g1 != "C4" || g2 != "B2" {
			t.Errorf("after the revert: c-doihara-born %s (want C4), c-doihara-head %s (want B2)", g1, g2)
		}
	})
}
