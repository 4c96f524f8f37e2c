package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

var (
	embeddedOnce sync.Once
	embeddedSrv  *web.Server
	embeddedErr  error
)

// embedded returns a server over the embedded corpus, built once per run.
func embedded(t testing.TB) *web.Server {
	t.Helper()
	embeddedOnce.Do(func() {
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "tokumu-web-test-")
		if err != nil {
			embeddedErr = err
			return
		}
		db, err := corpustest.Open(ctx, filepath.Join(dir, "e.db"))
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedSrv, embeddedErr = web.New(ctx, db)
	})
	if embeddedErr != nil {
		t.Fatalf("server over the embedded corpus: %v", embeddedErr)
	}
	return embeddedSrv
}

// TestPagesWithoutJavaScript reads each page as a browser without
// scripts would: the content must be in the HTML the server sends.
func TestPagesWithoutJavaScript(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/", 200, []string{"Period I:", "Period IV:", `href="/entities/period-2"`, "Supported by", "Complicated by", "Key events", "Key organizations", `id="q"`}, nil},
		{"/entities/harbin-tokumu-kikan", 200, []string{`lang="ja"`, "ハルビン特務機関", "Харбинская японская военная миссия", "headed by",
			`href="/sources/nids-higuchi#c-`, `class="grade`, "Related", `svg class="mini"`}, nil},
		// The mini-timeline draws a claim with one side known from that
		// side, marked open: Hyakutake, head of the Harbin agency from
		// August 1931 (end not given), was left out and Doihara read as
		// the first head.
		{"/entities/harbin-tokumu-kikan", 200, []string{`<g class="row interval open"><title>headed by Hyakutake Harukichi …, August 1931 – unknown`}, nil},
		// Russian labels are nouns joined by a colon, so that neither the
		// gender of the subject nor the case of the name matters.
		// The audit's own English sentence is for English pages; others
		// read the finding in the heading and the claims listed.
		// A claim hit says it is a statement and names its source by
		// author and year, not by key.
		{"/search?q=%D0%A1%D0%B5%D0%BC%D1%91%D0%BD%D0%BE%D0%B2&lang=ru", 200, []string{`<span class="type t-claim">утверждение</span>`}, []string{`<code>moz-sdv</code>`}},
		{"/audit", 200, []string{`<p class="why">`}, nil},
		{"/audit?lang=ru", 200, []string{`class="finding`}, []string{`<p class="why">`}},
		{"/entities/harbin-tokumu-kikan?lang=ru", 200, []string{"в составе: Квантунская армия", "создание (1918 г."}, []string{"входит в Квантунская армия", "создан 1918"}},
		{"/entities/asano-detachment", 200, []string{"Where the sources disagree", `class="side"`, "different dates"}, nil},
		{"/entities/doihara-kenji", 200, []string{"<h1>Doihara Kenji</h1>", "Lawrence of Manchuria"}, nil},
		{"/entities/harbin-tokumu-kikan?lang=ja", 200, []string{`<html lang="ja" data-names="ja">`, "<h1>ハルビン特務機関</h1>"}, nil},
		{"/entities/soviet-far-eastern-forces", 200, []string{"according to", `class="persp"`, "703,714 <span class=\"unit\">men</span>"}, []string{"703714"}},
		// The corpus's English units and roles are marked as English on
		// the other languages' pages; figures are grouped as they write them.
		{"/entities/soviet-far-eastern-forces?lang=ru", 200, []string{"<span class=\"val\" title=\"703,714 men\">703\u00a0714 человек</span>"}, []string{"703714"}},
		{"/entities/kwantung-army?lang=ja", 200, []string{`<span class="role" title="chief of staff">参謀長</span>`}, []string{`<span class="role">(chief of staff)`}},
		{"/entities/nobody", 404, []string{"no entity"}, nil},
		{"/search?q=Harbin", 200, []string{`href="/entities/harbin-tokumu-kikan"`, `value="Harbin"`}, nil},
		{"/search?q=Harbin&type=spy", 400, []string{"not an entity type"}, nil},
		// A bad date marks its field, which the message describes.
		{"/search?q=Harbin&from=1939-13-01", 400, []string{`name="from" value="1939-13-01" placeholder="1931" size="10" aria-invalid="true" aria-describedby="search-err" autofocus`, `<p class="error" role="alert" id="search-err">`}, nil},
		// A claim hit says whose belief it is, its source and its grade.
		{"/search?q=bent+round+the+Far+East", 200, []string{`<span class="persp">according to <a href="/entities/ija-general-staff"`, `href="/sources/bushueva-khalkhin"`, `class="grade`}, nil},
		{"/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>alert(1)"}},
		{"/timeline", 200, []string{"Battles of Khalkhin Gol", `id="tl-data"`, `<h2>1939</h2>`}, nil},
		{"/timeline?type=operation", 200, []string{"Kantokuen"}, []string{"Battles of Khalkhin Gol"}},
		{"/timeline?place=khalkhin-gol", 200, []string{"Battles of Khalkhin Gol"}, []string{"Kantokuen"}},
		{"/map?year=1939", 200, []string{"with events or organizations in 1939", "Battles of Khalkhin Gol", `"basemap":"/static/geo/countries-110m.json?v=`}, nil},
		{"/map?year=1925", 200, []string{"in 1925"}, []string{`href="/entities/khalkhin-gol-1939"`}},
		{"/structure", 200, []string{`data-date="1939-06-01"`, `data-date="1941-06-01"`, "Harbin Special Service Agency", "Kwantung Army Intelligence Department", "What changed"}, nil},
		{"/structure?root=kwantung-army&date=1939-06-01", 200, []string{"Harbin Special Service Agency"}, []string{"Kwantung Army Intelligence Department", "What changed"}},
		{"/structure?root=kwantung-army&date=1941-06-01", 200, []string{"Kwantung Army Intelligence Department"}, []string{`data-id="harbin-tokumu-kikan"`}},
		// A refused date comes back in its field, marked and explained, over the chart of the default date.
		{"/structure?date=1939-13-01&compare=1941-06-01", 400, []string{"not a date", `value="1939-13-01" aria-invalid="true" aria-describedby="st-date-err st-iso" autofocus`,
			`<div class="error" role="alert"><p id="st-date-err">On: `, `value="1941-06-01"`, "The chart below is for 1939-06-01.", "Harbin Special Service Agency"}, nil},
		{"/structure?date=1939-06-01&compare=1941-99", 400, []string{`value="1941-99" aria-invalid="true" aria-describedby="st-compare-err st-iso" autofocus`, `<p id="st-compare-err">Compare with: `}, []string{`id="chart-b"`}},
		// A head carries his source and grade, as the chart's links do.
		{"/structure?root=kwantung-army&date=1939-06-01", 200, []string{`Ueda Kenkichi</a> <span class="hw" title="1936/1939">1936–1939</span> <a class="src" href="/sources/kotobank-ueda#c-`, `title="fairly reliable, probably true">C2</abbr>`}, nil},
		{"/structure?root=nowhere", 404, []string{"not in the organization chart"}, nil},
		// A visual page cites itself (the view, the release, its address)
		// and links its data, with its range, in the formats its readers use.
		{"/map?year=1939", 200, []string{`<h2 id="viewcite-h">Cite this view</h2>`, `“Map of places.” In A Source-Grounded Knowledge Base of Japanese Military Intelligence against the USSR, 1922–1945, edited by tokumu editors. Dataset, release `, `/map?year=1939.`, `href="/api/export?format=geojson&amp;from=1939&amp;to=1939" download>geojson</a>`,
			`<dd class="gost" lang="ru">Map of places // A Source-Grounded Knowledge Base of Japanese Military Intelligence against the USSR, 1922–1945 : набор данных / tokumu editors. – Версия `,
			`<dd class="sist" lang="ja">tokumu editors編. “Map of places”. A Source-Grounded Knowledge Base`}, nil},
		// A view is cited with the parameters in effect, defaults filled in,
		// so that a change of the corpus's defaults does not change what the
		// citation shows; its data is the view's.
		{"/structure", 200, []string{`/structure?compare=1941-06-01&amp;date=1939-06-01&amp;root=kwantung-army.`, "compared with 1 June 1941"}, nil},
		{"/network?ego=harbin-tokumu-kikan&radius=1", 200, []string{`entity=harbin-tokumu-kikan`, `/network?ego=harbin-tokumu-kikan&amp;from=1937&amp;radius=1&amp;to=1941.`}, nil},
		{"/sources", 200, nil, []string{`id="viewcite-h"`}},
		// The slider on the comparison's year: one chart, no empty comparison.
		{"/structure?root=kwantung-army&date=1941-06-01&compare=1941-06-01", 200, []string{`id="chart-a"`}, []string{`id="chart-b"`}},
		// A head a source names without dates is possible whenever the
		// evidence allows (view.Bound): the page lists him apart, as named
		// without dates, never among the heads the dates place there;
		// where other sources date his tenure of the post (Komatsubara's,
		// 1932–1933), the undated one is bounded by it.
		{"/structure?root=harbin-tokumu-kikan&date=1925-06-01", 200, []string{`named head without dates: <a href="/entities/`, `Matsui Iwane</a> <a class="src"`}, []string{`Komatsubara Michitarō</a>`, `<span class="heads">head: <a href="/entities/matsui-iwane"`}},
		// A witness's account (Ōshima's recollection that Kasahara headed
		// the Russia Section) is no head of the chart: it would read as fact.
		{"/structure?root=ija-general-staff&date=1945-08-09", 200, []string{`Russia Section`}, []string{`kasahara-yukio`}},
		{"/structure?root=harbin-tokumu-kikan&date=1933-01-01", 200, []string{`Komatsubara Michitarō</a>`}, nil},
		{"/network?from=1938&to=1940", 200, []string{"Most connected", `id="net-data"`, "in 1938–1940"}, nil},
		// The overview draws the charts and links each quantity's own page;
		// the figures with their citations are on that page (a phone laid
		// out 3,300 elements when every table was on the overview).
		{"/estimates", 200, []string{"Soviet forces in the Far East", "historiography", `id="est-data"`, `data-chart="est-soviet-far-eastern-forces-strength-men"`,
			`href="/estimates?q=est-soviet-far-eastern-forces-strength-men"`, `href="/estimates?q=est-khasan-1938-soviet_losses-killed"`}, []string{`class="estimate"`, `class="cite"`}},
		{"/estimates?q=est-soviet-far-eastern-forces-strength-men", 200, []string{"<title>Soviet forces in the Far East: strength, men · Estimates and reality", `class="estimate"`, `class="cite"`,
			`data-chart="est-soviet-far-eastern-forces-strength-men"`, `aria-current="page"`, `<input type="hidden" name="q" value="est-soviet-far-eastern-forces-strength-men">`},
			[]string{`data-chart="est-soviet-far-eastern-forces-strength-tanks"`, `id="organs"`}},
		// An undated quantity has no chart, only its table.
		{"/estimates?q=est-khasan-1938-soviet_losses-killed&lang=ja", 200, []string{`class="cite"`, `href="/estimates?lang=ja#organs"`, `href="/estimates?lang=ja&amp;q=est-khasan-1938-soviet_losses-killed" aria-current="page"`}, []string{`class="est-chart"`}},
		{"/estimates?q=est-nothing", 404, []string{"parameter q=&#34;est-nothing&#34; names no quantity"}, nil},
		{"/sources", 200, []string{`href="/sources/zor22"`, "claims"}, nil},
		{"/sources/nids-higuchi", 200, []string{"resting on this source", `id="c-`}, nil},
		{"/sources/nothing", 404, []string{"no source"}, nil},
		// The vocabulary: every predicate with its count, each linking its
		// page, which lists the claims that use it.
		{"/predicates", 200, []string{`href="/predicates/member_of"`, `<code>part_of</code>`, "What a claim may say"}, nil},
		{"/predicates/member_of?lang=ru", 200, []string{"<code>member_of</code>", `id="c-`, "Прочтение с другой стороны"}, nil},
		{"/predicates/nothing", 404, []string{"no predicate", "/predicates lists them"}, nil},
		{"/entities?type=person", 200, []string{"Doihara Kenji"}, nil},
		{"/no/such/page", 404, []string{"no page at"}, nil},
	}, func(t *testing.T, res *http.Response, body string) {
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("Content-Type %q", ct)
		}
	})
}

// TestAPINotFound: an unknown API path answers JSON, not an HTML page.
func TestAPINotFound(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	res, err := http.Get(ts.URL + "/api/nothing")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(string(body), `"code":"not_found"`) {
		t.Errorf("/api/nothing: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}

// TestAssets checks that every script a page names is embedded, served
// gzipped to a browser that asks, and small enough: the budget is 300 KB
// compressed for all the JavaScript of one page.
func TestAssets(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	for _, page := range []string{"/", "/entities/harbin-tokumu-kikan", "/timeline", "/map", "/structure", "/network", "/estimates", "/sources", "/search?q=x"} {
		res, err := http.Get(ts.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		total := 0
		for _, src := range scriptSources(string(body)) {
			req, _ := http.NewRequest("GET", ts.URL+src, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("%s: %s: status %d", page, src, res.StatusCode)
			}
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: %s not gzipped", page, src)
			}
			if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
				t.Errorf("%s: %s: Cache-Control %q for a hashed URL", page, src, res.Header.Get("Cache-Control"))
			}
			total += int(n)
		}
		t.Logf("%-32s JavaScript %6d bytes gzipped", page, total)
		if total == 0 && page != "/sources" {
			t.Errorf("%s: no script", page)
		}
		if total > 300<<10 {
			t.Errorf("%s: %d bytes of gzipped JavaScript, over the 300 KB budget", page, total)
		}
	}
}

func scriptSources(html string) []string {
	var out []string
	for _, part := range strings.Split(html, `<script src="`)[1:] {
		out = append(out, strings.ReplaceAll(part[:strings.IndexByte(part, '"')], "&amp;", "&"))
	}
	return out
}

// TestStructureDiff checks that the structure page's change table is the
// chart's own Diff, on the corpus's 1940 reorganization.
func TestStructureDiff(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	page := get(t, ts.URL+"/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01")
	api := get(t, ts.URL+"/api/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01")
	var v struct {
		Changes []struct{ ID, Kind string }
	}
	if err := json.Unmarshal([]byte(api), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Changes) == 0 {
		t.Fatal("the API reports no change across 1940")
	}
	for _, c := range v.Changes {
		row := `<tr class="ch-` + c.Kind + `"><td><a href="/entities/` + c.ID + `"`
		if !strings.Contains(page, row) {
			t.Errorf("the page lacks the change %s %s", c.Kind, c.ID)
		}
	}
	if n := strings.Count(page, `<tr class="ch-`); n != len(v.Changes) {
		t.Errorf("the page shows %d changes, the API %d", n, len(v.Changes))
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("%s: status %d", url, res.StatusCode)
	}
	return string(b)
}

// TestTimelineDates: the timeline dates an event by its most credible
// source and says when others date it otherwise (it took the earliest
// claim: the Futamata branch under 1943, on a source graded improbable);
// an event whose start is unknown is filed at its end, not under the
// year -10000000 nor in every period before it; the home page's "all N
// events" counts what the linked timeline lists.
func TestTimelineDates(t *testing.T) {
	srv := httptest.NewServer(embedded(t))
	defer srv.Close()
	page := get(t, srv.URL+"/timeline?from=1944&to=1944")
	i := strings.Index(page, `href="/entities/futamata-branch-1944"`)
	if i < 0 {
		t.Fatal("the Futamata branch's opening is not under 1944")
	}
	li := page[strings.LastIndex(page[:i], "<li"):i]
	if !strings.Contains(li, "1 September 1944") || !strings.Contains(li, `class="disputed"`) {
		t.Errorf("the Futamata branch's opening: %q, want 1 September 1944, marked disputed", li)
	}
	if strings.Contains(get(t, srv.URL+"/timeline?from=1943&to=1943"), `href="/entities/futamata-branch-1944"`) {
		t.Error("the Futamata branch's opening is still under 1943")
	}
	all := get(t, srv.URL+"/timeline")
	if strings.Contains(all, "<h2>-") {
		t.Error("an event with an unknown start is filed under a negative year")
	}
	if strings.Contains(get(t, srv.URL+"/timeline?period=period-1"), `href="/entities/khalkhin-gol-deception-1939"`) {
		t.Error("the 1939 deception is listed in Period I (1922–1931)")
	}
	home := get(t, srv.URL+"/")
	for _, per := range []string{"period-1", "period-2", "period-3", "period-4"} {
		tl := get(t, srv.URL+"/timeline?period="+per)
		m := regexp.MustCompile(`(\d+) events?\.`).FindStringSubmatch(tl)
		if m == nil {
			t.Fatalf("%s: no count on the timeline", per)
		}
		want := `href="/timeline?period=` + per + `">All ` + m[1] + ` events on the timeline`
		if !strings.Contains(home, want) {
			t.Errorf("the home page does not link %s's timeline as %q", per, want)
		}
	}
}

// TestOfficeDisagreementHolders: where two holders of an office held it
// at once, the office's page names them beside their dates (it named the
// office twice), and the API lists them as holders. The embedded corpus's
// heads hand over within their dates' precision, so the fixture gets two
// tenures that overlap for a whole year.
func TestOfficeDisagreementHolders(t *testing.T) {
	mustWhen := func(t *testing.T, s string) tokumu.When {
		w, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	ds := storetest.Fixture()
	for _, c := range ds.Claims {
		if c.ID == "c-doihara-head" {
			c.When = mustWhen(t, "1931/1934")
		}
	}
	ds.Claims = append(ds.Claims, &tokumu.Claim{ID: "c-lyushkov-head", Subject: "lyushkov-genrikh", Predicate: "head_of",
		Object: "harbin-tokumu-kikan", When: mustWhen(t, "1933/1935"), Source: "zor23", Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}})
	srv := serveMemory(t, ds)
	page := get(t, srv.URL+"/entities/harbin-tokumu-kikan")
	i := strings.Index(page, `class="disagreements"`)
	j := strings.Index(page, `aria-labelledby="claims-h"`)
	if i < 0 || j < i {
		t.Fatal("no disagreements section on the Harbin agency's page")
	}
	dis := page[i:j]
	for _, holder := range []string{"doihara-kenji", "lyushkov-genrikh"} {
		if !strings.Contains(dis, `<a href="/entities/`+holder+`"`) {
			t.Errorf("the disagreements do not name %s", holder)
		}
	}
	var v struct {
		Items []struct {
			Reason  string   `json:"reason"`
			Holders []string `json:"holders"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(get(t, srv.URL+"/api/disagreements?id=harbin-tokumu-kikan")), &v); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range v.Items {
		if strings.HasPrefix(d.Reason, "two holders") {
			found = true
			if len(d.Holders) != 2 || d.Holders[0] == "harbin-tokumu-kikan" {
				t.Errorf("%s: holders %v", d.Reason, d.Holders)
			}
		}
	}
	if !found {
		t.Error("the API lists no two-holders disagreement for the Harbin agency")
	}
}

// TestRussianIndexOrder: the Russian person index lists surnames first
// and runs in the Russian alphabet, ё with е (it opened with «Ёкомидзо»
// and filed Lyushkov under Г).
func TestRussianIndexOrder(t *testing.T) {
	srv := httptest.NewServer(embedded(t))
	defer srv.Close()
	page := get(t, srv.URL+"/entities?type=person&lang=ru")
	last := -1
	for _, name := range []string{"Акикуса Сюн", "Ёкомидзо Мицутэру", "Жуков Георгий", "Люшков Генрих Самойлович", "Ямада Отодзо"} {
		i := strings.Index(page, ">"+name+"<")
		if i < 0 {
			t.Fatalf("the index lacks %q", name)
		}
		if i < last {
			t.Errorf("%q comes before the name listed above it", name)
		}
		last = i
	}
}
