package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPages loads every view, waits for what its script draws (or, for
// pages without a script, for its server-rendered content), and checks
// the console and the network log.
func TestPages(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	for _, tt := range []struct {
		name, path, ready string
	}{
		{"home", "/", "ol.periods li.period"},
		{"entity", "/entities/harbin-tokumu-kikan", "svg.mini"},
		{"entity-ja", "/entities/doihara-kenji?lang=ja", "table.names"},
		{"search", "/search?q=Harbin", "ol.hits li"},
		{"timeline", "/timeline", "#tl-svg a.ev"},
		{"timeline-period", "/timeline?period=period-3&from=1938&to=1942", "#tl-svg a.ev"},
		{"map", "/map?year=1939", "#map-svg a.mk.ev"},
		{"structure", "/structure", "#chart-b li.org"},
		{"network", "/network", "#net-svg a.node"},
		{"estimates", "/estimates", ".est-chart svg circle"},
		{"sources", "/sources", "ol.bib li"},
		{"source", "/sources/zor22", "table.src-claims tr"},
		{"index", "/entities?type=person", "ul.index-list li"},
		{"ledger", "/ledger", "table.ledger tr"},
		{"ach-index", "/ach", "ul.matrices li a"},
		{"ach", "/ach/imperial-conference-1941", "table.ach td.rating"},
		{"ach-1938", "/ach/lyushkov-defection-1938", "table.ach-rank tr"},
		{"estimates-filtered", "/estimates?by=ija-general-staff&from=1934", ".est-chart svg"},
		{"estimates-one", "/estimates?q=est-soviet-far-eastern-forces-strength-men", ".est-chart svg rect"},
		{"disagreements", "/disagreements", "div.dis"},
		{"audit", "/audit", "div.finding"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b.run(t, "load "+tt.path, chromedp.Navigate(base+tt.path), visible(tt.ready), settle())
			b.screenshot(t, tt.name)
			b.check(t, tt.path)
		})
	}
}

// TestPhone renders each view at a phone's width: no page may be wider
// than the screen (tables and charts scroll or wrap inside it).
func TestPhone(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	b.run(t, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, tt := range []struct{ name, path, ready string }{
		{"home", "/", "ol.periods"},
		{"entity", "/entities/harbin-tokumu-kikan", "table.names"},
		{"timeline", "/timeline", "#tl-svg a.ev"},
		{"map", "/map", "#map-svg a.mk"},
		{"structure", "/structure", "#chart-b"},
		{"network", "/network", "#net-svg a.node"},
		{"estimates", "/estimates", ".est-chart svg"},
		{"estimates-one", "/estimates?q=est-soviet-far-eastern-forces-strength-men", "table.est-table tr.estimate"},
		{"source", "/sources/zor22", "table.src-claims"},
		{"ledger", "/ledger", "table.ledger"},
		{"ach", "/ach/imperial-conference-1941", "table.ach"},
		// A form's text boxes fit too (size="60" made the token box 469 px).
		{"signin", "/signin?next=%2Fmap%3Fyear%3D1939", "#token"},
		{"predicates", "/predicates?lang=ru", "table.preds"},
		{"predicate", "/predicates/member_of", "table.src-claims"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var overflow int
			b.run(t, tt.path, chromedp.Navigate(base+tt.path), visible(tt.ready),
				chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow))
			b.screenshot(t, "phone-"+tt.name)
			if overflow > 0 {
				// Name the outermost elements that stick out, so the
				// failure says which rule to fix.
				var wide []string
				b.run(t, tt.path+" wide", chromedp.Evaluate(`(() => {
					const w = document.documentElement.clientWidth, out = [];
					for (const el of document.body.querySelectorAll('*')) {
						if (el.getBoundingClientRect().right <= w + 1) continue;
						const p = el.parentElement;
						if (p && p !== document.body && p.getBoundingClientRect().right > w + 1) continue;
						out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : '') + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
					}
					return out.slice(0, 5);
				})()`, &wide))
				t.Errorf("%s is %d px wider than a 390 px phone screen: %v", tt.path, overflow, wide)
			}
			// A figure is never broken over lines, digit by digit (issue
			// 16: the estimate tables showed one digit per line at 390 px).
			var broken []string
			var cells, rows int
			b.run(t, tt.path+" figures", chromedp.Evaluate(`(() => {
				const out = [];
				const cells = [...document.querySelectorAll('td.num')].filter((td) => td.offsetParent !== null && td.textContent.trim());
				for (const td of cells) {
					// The figure itself: the text before any citation in the cell.
					const r = document.createRange(); r.selectNodeContents(td);
					const cite = td.querySelector('details, a, br');
					if (cite) r.setEndBefore(cite);
					const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
					if (tops.size > 1) out.push(td.textContent.trim().slice(0, 40) + ' (' + tops.size + ' lines)');
				}
				window.__cells = cells.length;
				return out;
			})()`, &broken), chromedp.Evaluate(`window.__cells`, &cells),
				chromedp.Evaluate(`document.querySelectorAll('table.est-table tr.estimate').length`, &rows))
			if len(broken) > 0 {
				t.Errorf("%s: %d of %d figures break over lines at 390 px: %v", tt.path, len(broken), cells, broken[:min(5, len(broken))])
			}
			// The figures' tables are on each quantity's own page (the
			// overview draws only charts): this one has the most rows, and
			// every estimate row shows at least its figure, so fewer
			// figures than rows means the check did not see the table.
			if tt.name == "estimates-one" && (rows == 0 || cells < rows) {
				t.Errorf("%s: %d figures visible at 390 px for %d estimate rows; the check saw no table", tt.path, cells, rows)
			}
			b.check(t, "phone "+tt.path)
		})
	}
}

// TestSearchScripts types a name in each script into the search box and
// follows the suggestion for the Harbin agency with the keyboard; if the
// index does not suggest it, Enter submits the form and the test follows
// the link on the results page. Either way it must reach the entity page.
func TestSearchScripts(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	const want = "harbin-tokumu-kikan"
	for _, q := range []string{"Harbin", "ハルビン", "Харбин"} {
		t.Run(q, func(t *testing.T) {
			b.run(t, "home", chromedp.Navigate(base+"/"), chromedp.WaitVisible("#q"), chromedp.SendKeys("#q", q))
			var hrefs []string
			b.run(t, "suggestions", chromedp.WaitVisible(`#suggest li[role="option"]`),
				chromedp.Evaluate(`[...document.querySelectorAll('#suggest li[role="option"]')].map(li => new URL(li.dataset.href, location.href).pathname)`, &hrefs))
			i := slices.Index(hrefs, "/entities/"+want)
			if i >= 0 {
				// The combobox names the option the arrows reach, and
				// only that option is selected; focus stays in the box.
				var state struct {
					Active, Expanded, Focus string
					Selected                []string
				}
				b.run(t, "arrow to suggestion", chromedp.SendKeys("#q", strings.Repeat(kb.ArrowDown, i+1)),
					chromedp.Evaluate(`({Active: q.getAttribute('aria-activedescendant'), Expanded: q.getAttribute('aria-expanded'), Focus: document.activeElement.id,
						Selected: [...document.querySelectorAll('#suggest [aria-selected="true"]')].map(li => li.id)})`, &state))
				wantID := fmt.Sprintf("sg-%d", i)
				if state.Active != wantID || state.Expanded != "true" || state.Focus != "q" || !slices.Equal(state.Selected, []string{wantID}) {
					t.Errorf("%q after %d ArrowDown: aria-activedescendant %q, aria-expanded %q, focus #%s, selected %v; want %s, true, #q, [%s]",
						q, i+1, state.Active, state.Expanded, state.Focus, state.Selected, wantID, wantID)
				}
				b.run(t, "choose suggestion", chromedp.SendKeys("#q", kb.Enter))
			} else {
				t.Logf("%q: %s not among the suggestions %v; using the results page", q, want, hrefs)
				b.run(t, "submit", chromedp.SendKeys("#q", kb.Enter), chromedp.WaitVisible("ol.hits"),
					chromedp.Click(fmt.Sprintf(`ol.hits a[href^="/entities/%s"]`, want)))
			}
			var path, h1 string
			b.run(t, "entity page", chromedp.WaitVisible(`article.entity[data-id="`+want+`"]`),
				chromedp.Evaluate(`location.pathname`, &path), chromedp.Text("h1", &h1))
			if path != "/entities/"+want {
				t.Errorf("%q led to %s, want /entities/%s", q, path, want)
			}
			if !strings.Contains(h1, "Harbin") {
				t.Errorf("%q: page heading %q", q, h1)
			}
			b.check(t, "search "+q)
		})
	}
	b.screenshot(t, "search-landed")
}

// TestStructureDate moves the structure view's year slider from 1939 to
// 1941 with the keyboard: the Harbin agency must leave the Kwantung Army's
// chart and the Intelligence Department that replaced it in 1940 enter.
func TestStructureDate(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	orgs := func(date string) []string {
		var ids []string
		b.run(t, "chart on "+date, chromedp.WaitVisible(`#chart-a[data-date="`+date+`"]`),
			chromedp.Evaluate(`[...document.querySelectorAll('#chart-a li.org')].map(li => li.dataset.id)`, &ids))
		return ids
	}
	b.run(t, "structure 1939", chromedp.Navigate(base+"/structure?root=kwantung-army&date=1939-06-01"))
	before := orgs("1939-06-01")
	b.screenshot(t, "structure-1939")
	b.run(t, "slider", chromedp.Focus("#st-year"), chromedp.SendKeys("#st-year", kb.ArrowRight+kb.ArrowRight))
	after := orgs("1941-06-01")
	b.screenshot(t, "structure-1941")
	var loc, focused string
	b.run(t, "url", chromedp.Evaluate(`location.search`, &loc), chromedp.Evaluate(`document.activeElement.id`, &focused))
	if !strings.Contains(loc, "date=1941-06-01") {
		t.Errorf("the URL does not keep the date: %q", loc)
	}
	// The page the slider loaded gives the slider the focus back: a
	// keyboard user goes on year by year (WCAG 2.4.3).
	if focused != "st-year" {
		t.Errorf("after the slider's reload the focus is on %q, want st-year", focused)
	}
	// Leaving "On" for "Compare with" does not reload the page (WCAG 3.2.2).
	b.run(t, "date field", chromedp.Evaluate(`document.getElementById('st-date').focus(); document.getElementById('st-date').select()`, nil),
		chromedp.SendKeys("#st-date", "1940"+kb.Tab), settle(),
		chromedp.Evaluate(`document.activeElement.id`, &focused), chromedp.Evaluate(`location.search`, &loc))
	if focused != "st-compare" || strings.Contains(loc, "date=1940") {
		t.Errorf("Tab from a typed date: focus on %q, URL %q; want st-compare and no reload", focused, loc)
	}
	for _, c := range []struct {
		id             string
		in1939, in1941 bool
	}{
		{"harbin-tokumu-kikan", true, false},
		{"kwantung-army-intelligence-department", false, true},
	} {
		if got := slices.Contains(before, c.id); got != c.in1939 {
			t.Errorf("1939-06-01: %s in chart = %v, want %v (chart: %v)", c.id, got, c.in1939, before)
		}
		if got := slices.Contains(after, c.id); got != c.in1941 {
			t.Errorf("1941-06-01: %s in chart = %v, want %v (chart: %v)", c.id, got, c.in1941, after)
		}
	}
	b.check(t, "structure")
}

// TestMapSlider moves the map's year slider and checks that the markers
// for places with events or organizations change with it, and that the
// year goes into the URL.
func TestMapSlider(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	markers := func() (year string, ids []string) {
		b.run(t, "markers", chromedp.Sleep(100*time.Millisecond),
			chromedp.Evaluate(`document.getElementById('map-svg').dataset.year`, &year),
			chromedp.Evaluate(`[...document.querySelectorAll('#map-svg a.mk.ev, #map-svg a.mk.org')].map(a => a.dataset.id + ':' + a.getAttribute('class'))`, &ids))
		return year, ids
	}
	b.run(t, "map 1925", chromedp.Navigate(base+"/map?year=1925"), chromedp.WaitVisible("#map-svg a.mk"))
	y1, m1 := markers()
	b.screenshot(t, "map-1925")
	b.run(t, "slider", chromedp.Focus("#map-year"), chromedp.SendKeys("#map-year", strings.Repeat(kb.ArrowRight, 14)))
	y2, m2 := markers()
	b.screenshot(t, "map-1939")
	if y1 != "1925" || y2 != "1939" {
		t.Fatalf("map years %q then %q, want 1925 then 1939", y1, y2)
	}
	if len(m1) == 0 || len(m2) == 0 {
		t.Fatalf("no active markers: 1925 %v, 1939 %v", m1, m2)
	}
	if slices.Equal(m1, m2) {
		t.Errorf("the markers did not change between 1925 and 1939: %v", m1)
	}
	var loc, count string
	b.run(t, "url", chromedp.Evaluate(`location.search`, &loc), chromedp.Text("#map-count", &count))
	if !strings.Contains(loc, "year=1939") {
		t.Errorf("the URL does not keep the year: %q", loc)
	}
	if !strings.Contains(count, "1939") {
		t.Errorf("the count does not follow the slider: %q", count)
	}
	b.check(t, "map")
}

// TestTimelineZoom zooms the timeline in with the keyboard: the range in
// the URL narrows and the axis follows.
func TestTimelineZoom(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	var before, after, loc string
	b.run(t, "timeline", chromedp.Navigate(base+"/timeline"), chromedp.WaitVisible("#tl-svg a.ev"),
		chromedp.Text("#tl-range", &before),
		chromedp.Focus("#tl-svg"), chromedp.SendKeys("#tl-svg", "+"),
		chromedp.Text("#tl-range", &after), chromedp.Evaluate(`location.search`, &loc))
	if before != "1919–1953" {
		t.Errorf("initial range %q, want 1919–1953", before)
	}
	if after == before {
		t.Errorf("+ did not zoom: range still %q", after)
	}
	if !strings.Contains(loc, "from=") || !strings.Contains(loc, "to=") || strings.Contains(loc, "from=1919&to=1953") {
		t.Errorf("the URL does not keep the zoom: %q", loc)
	}
	b.screenshot(t, "timeline-zoomed")
	// Panning with focus on an event keeps the focus in the chart, on the
	// same event where it is still drawn (WCAG 2.4.3).
	var id, after1 string
	b.run(t, "pan from an event", chromedp.Evaluate(`(() => { const a = document.querySelector('#tl-svg a.ev'); a.focus(); return a.dataset.id })()`, &id),
		chromedp.KeyEvent(kb.ArrowRight), settle(),
		chromedp.Evaluate(`(() => { const e = document.activeElement; return e.closest('#tl-svg') ? (e.dataset.id || 'svg') : e.tagName })()`, &after1))
	if after1 == "BODY" || after1 == "" {
		t.Errorf("after → on event %s the focus is on %q; want the chart", id, after1)
	}
	b.check(t, "timeline zoom")
}

// TestNetworkClick opens an entity's page by clicking its node.
func TestNetworkClick(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	var id, path string
	b.run(t, "network", chromedp.Navigate(base+"/network?from=1937&to=1941"), chromedp.WaitVisible("#net-svg a.node"),
		chromedp.Evaluate(`document.querySelector('#net-svg a.node').dataset.id`, &id),
		chromedp.Click(`#net-svg a.node circle`),
		chromedp.WaitVisible("article.entity"), chromedp.Evaluate(`location.pathname`, &path))
	if id == "" || path != "/entities/"+id {
		t.Errorf("clicking node %q led to %q", id, path)
	}
	b.check(t, "network click")
}
