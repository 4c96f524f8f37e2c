package web_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestNetworkBounds: the network over a range drops a holding whose open
// end other evidence closes before it (Hata's Moscow attaché posting,
// "1926-12/", ended by his Warsaw posting of 1930: not in 1941), keeps it
// as possible where it may hold (1927), naming the claim that bounds it,
// and draws a link some claim certainly makes as certain.
func TestNetworkBounds(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	hataMoscow := `<a href="/entities/hata-hikosaburo" class="ent t-person">Hata Hikosaburō</a> — military attaché in — <a href="/entities/moscow-attache-office"`
	checkURLs(t, ts.URL, []urlCase{
		{"/network?from=1941&to=1941", 200, nil, []string{hataMoscow}},
		{"/network?from=1927&to=1927", 200, []string{`<li class="possible">` + hataMoscow,
			// A bound reads as a day and names its claim by what it says and
			// its source, not by an id a reader cannot follow.
			"(possible: military attaché in December 1926 – unknown; ended by 31 December 1930 at the latest (next posting: Hata Hikosaburō — military attaché in — Japanese military attaché office, Warsaw (1930–1932); Wikipedia contributors, 秦彦三郎 C2))",
			`"certain":false,"why":["possible: military attaché in December 1926`, `"certain":true`,
			`<a class="skip-inline" href="#net-lists">`, `id="net-lists"`}, nil},
		// The same explanation in the reader's language.
		{"/network?from=1927&to=1927&lang=ja", 200, []string{"(可能性あり：駐在武官 1926年12月～不明；遅くとも 1930年12月31日 に終了（次の補職：", "(1930年～1932年)（Wikipedia contributors, 秦彦三郎 C2）"},
			[]string{"at the latest", "next posting", "hata-hikosaburo~"}},
		{"/map?year=1939&lang=ru", 200, []string{"(возможно: не ранее 1 марта 1932 г. (основание: "}, []string{"at the earliest", "founding:"}},
	}, nil)
}

// TestMapBounds: the map's list in 1939 names Changchun's period name
// (Hsinking, 1932–1945), marks what was only possibly there and names the
// founding claim that bounds it; an event dated within the year is
// certain; in 1925 Changchun has no period name yet.
func TestMapBounds(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/map?year=1939", 200, []string{`<a href="/entities/hsinking" class="ent t-place">Changchun</a></strong> <span class="former">(Hsinking)</span>`,
			`Manchukuo Security Bureau</a> <span class="why">(possible: from 28 December 1937 at the earliest (founding: Manchukuo Security Bureau — founded (28 December 1937); アジア歴史資料センター (Japan Center for Asian Historical Records), 治安部警務司 B2))`,
			`<a href="/entities/khalkhin-gol-counteroffensive-1939" class="ent t-event">Soviet counter-offensive at Khalkhin Gol</a>`,
			`"former":[{"text":"Hsinking","lo":1932,"hi":1945}]`, `id="map-zoom">`},
			// Each organization once, however many claims place it there.
			[]string{`Harbin Special Service Agency</a>, <a href="/entities/harbin-tokumu-kikan"`, `Kwantung Army</a>, <a href="/entities/kwantung-army" `}},
		// The deception of 1939, whose start is unknown ("/1939-08-20"),
		// stands at its end, as on the timeline: not in 1925.
		{"/map?year=1925", 200, nil, []string{`<span class="former">(Hsinking)</span>`, `khalkhin-gol-deception-1939" class`,
			// An undated period name is shown in no year: Kuibyshev was not Samara's name in 1925.
			`<span class="former">(Kuibyshev)</span>`}},
		{"/map?year=1939&lang=ru", 200, []string{`Далянь`}, []string{`<span class="former">(Дальний)</span>`}},
	}, nil)
}

// TestTimelineFilters: from and to filter the list (Khalkhin Gol, 1939,
// is listed in 1938–1939, Kantokuen, 1941, is not, though the chart's
// data keeps it for zooming out); a single year is a range; a tag keeps
// the events that carry it; an unknown tag is a 400 naming it.
func TestTimelineFilters(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	li := func(id string) string { return `<a href="/entities/` + id + `" class="ent t-` }
	checkURLs(t, ts.URL, []urlCase{
		{"/timeline?from=1938&to=1939", 200, []string{li("khalkhin-gol-1939"), `"id":"kantokuen-1941"`, `"from":1938,"to":1940`},
			[]string{li("kantokuen-1941"), "<h2>1941</h2>"}},
		{"/timeline?from=1939&to=1939", 200, []string{li("khalkhin-gol-1939"), "in 1939–1939"}, []string{li("khasan-1938"), "<h2>1937</h2>"}},
		{"/timeline?tag=sabotage", 200, []string{li("first-fascist-unit-raid-1936"), li("asano-detachment-founding-1938"), li("operation-medved-1939"),
			`id="tl-count">3 in 1919–1953<`, `<option value="sabotage" selected>`}, []string{li("khalkhin-gol-1939")}},
		{"/timeline?tag=nosuchtag", 400, []string{`tag &#34;nosuchtag&#34; is on no event or operation`}, nil},
	}, nil)
	// The count in range is the number of events the list shows: counted
	// from the page rather than written here, so that it follows the
	// corpus.
	body := get(t, ts.URL+"/timeline?from=1938&to=1939")
	list := body[strings.Index(body, `id="tl-list"`):]
	n := strings.Count(list, `<li class="t-`)
	if want := fmt.Sprintf(`id="tl-count">%d in 1938–1939<`, n); n < 10 || !strings.Contains(body, want) {
		t.Errorf("/timeline?from=1938&to=1939: %d events listed, and the page lacks %s", n, want)
	}
}
