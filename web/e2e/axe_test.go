package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axe-core is Deque's accessibility rules engine, the one Lighthouse and
// the browsers' own audits use; running it straight in Chromium lets the
// test pick the pages, languages, widths and states (the suggestion list
// open) and report every violating element. scripts/test.sh installs it
// from web/e2e/package-lock.json with npm ci.
const axePath = "node_modules/axe-core/axe.min.js"

// axePage is one page type of the audit and what shows it is drawn.
type axePage struct {
	name, path, ready string
}

// axePages is every page type of the web UI. Pages linked from the header
// navigation that are not listed here are found and audited too (see
// navPages), so a view another issue adds is covered from the day its
// link appears.
var axePages = []axePage{
	{"home", "/", "ol.periods li.period"},
	{"entity", "/entities/harbin-tokumu-kikan", "svg.mini a"},
	{"entity-person", "/entities/lyushkov-genrikh", "table.names"},
	{"search", "/search?q=Harbin", "ol.hits li"},
	{"timeline", "/timeline", "#tl-svg a.ev"},
	{"map", "/map?year=1939", "#map-svg a.mk.ev"},
	{"structure", "/structure", "#chart-a li.org"},
	{"network", "/network", "#net-svg a.node"},
	{"estimates", "/estimates", ".est-chart svg circle"},
	{"estimates-one", "/estimates?q=est-soviet-far-eastern-forces-strength-men", ".est-chart svg circle"},
	{"sources", "/sources", "ol.bib li"},
	{"source", "/sources/zor22", "table.src-claims tr"},
	{"predicates", "/predicates", "table.preds tr"},
	{"predicate", "/predicates/member_of", "table.src-claims tr"},
	{"index", "/entities", "main h1"},
	{"changes", "/changes", "main h1"},
	{"signin", "/signin", "#token"},
	// Linked from the footer, not the header; its claim-id links once
	// failed target-size on a phone.
	{"audit", "/audit", "div.finding"},
}

// axeResult is what the test keeps of axe.run's answer.
type axeResult struct {
	Version    string
	Violations []struct {
		ID, Impact, Help string
		Nodes            []struct {
			Target []any
			HTML   string
		}
	}
	Passes int
}

// axeRun injects axe-core through the DevTools protocol (the page's CSP,
// default-src 'self', forbids a script tag from elsewhere, but not the
// debugger) and runs its default rules: WCAG 2.0–2.2 A and AA and Deque's
// best practices, and target-size (WCAG 2.5.8), which axe leaves off by
// default but Lighthouse turns on: /audit's claim-id links failed it on a
// phone while this test passed.
const axeRun = `(async () => {
  const r = await axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
  return { Version: axe.version, Passes: r.passes.length,
    Violations: r.violations.map(v => ({ ID: v.id, Impact: v.impact || '', Help: v.help,
      Nodes: v.nodes.map(n => ({ Target: n.target, HTML: n.html.slice(0, 200) })) })) };
})()`

func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		abs, _ := filepath.Abs(axePath)
		t.Fatalf("axe-core not found at %s (%v): run `bash scripts/test.sh`, which installs it, or `cd web/e2e && npm ci`", abs, err)
	}
	return string(src)
}

// audit runs axe on the page the browser shows and fails the test for
// every violation, whatever its impact, naming the rule and the elements.
func (b *browser) audit(t *testing.T, axeSrc, what string) axeResult {
	t.Helper()
	var res axeResult
	b.runFor(t, time.Minute, "axe "+what,
		chromedp.Evaluate(axeSrc+";0", nil),
		chromedp.Evaluate(axeRun, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if res.Passes == 0 {
		t.Errorf("%s: axe %s passed no rule at all; it did not run on the page", what, res.Version)
	}
	for _, v := range res.Violations {
		var nodes []string
		for i, n := range v.Nodes {
			if i == 5 {
				nodes = append(nodes, fmt.Sprintf("… %d more", len(v.Nodes)-5))
				break
			}
			tg, _ := json.Marshal(n.Target)
			nodes = append(nodes, fmt.Sprintf("%s %s", tg, n.HTML))
		}
		t.Errorf("%s: axe %s: %s (%s, %d element(s)): %s\n\t%s", what, res.Version, v.ID, v.Impact, len(v.Nodes), v.Help, strings.Join(nodes, "\n\t"))
	}
	return res
}

// ready waits for the page's own content, then for every chart to be
// drawn: a .viz box's svg has children and nothing is aria-busy.
func ready(sel string) chromedp.Action {
	return chromedp.Tasks{
		visible(sel),
		chromedp.Poll(`[...document.querySelectorAll('.viz svg')].every(s => s.childElementCount > 0) && !document.querySelector('[aria-busy="true"]')`, nil,
			chromedp.WithPollingTimeout(10*time.Second)),
	}
}

// visible waits for sel after scrolling the element that holds it into
// view: charts below the fold (/estimates, under its filters and table of
// contents) are drawn only as they near the screen, as a reader scrolls.
func visible(sel string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.ScrollIntoView(strings.Fields(sel)[0], chromedp.ByQuery),
		chromedp.WaitVisible(sel),
	}
}

// navPages returns the header's view links that axePages does not cover.
func navPages(t *testing.T, b *browser, base string) []axePage {
	var hrefs []string
	b.run(t, "nav links", chromedp.Navigate(base+"/"), chromedp.WaitVisible("nav[aria-label=Views]"),
		chromedp.Evaluate(`[...document.querySelectorAll('nav[aria-label=Views] a')].map(a => new URL(a.href).pathname)`, &hrefs))
	var extra []axePage
	for _, h := range hrefs {
		if !slices.ContainsFunc(axePages, func(p axePage) bool { u, _ := url.Parse(p.path); return u.Path == h }) {
			extra = append(extra, axePage{strings.Trim(h, "/"), h, "main h1"})
		}
	}
	return extra
}

// TestAxe audits every page type with axe-core in English, Japanese and
// Russian names, at a desktop and a phone width: no violation of any
// impact is allowed.
func TestAxe(t *testing.T) {
	axeSrc := loadAxe(t)
	base := server(t)
	pages := append(slices.Clone(axePages), navPages(t, newBrowser(t), base)...)
	for _, width := range []struct {
		name string
		set  chromedp.Action
	}{
		{"desktop", chromedp.EmulateViewport(1350, 940)},
		{"phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)},
	} {
		for _, lang := range []string{"en", "ja", "ru"} {
			t.Run(width.name+"/"+lang, func(t *testing.T) {
				b := newBrowser(t) // one browser per language and width: each has 3 minutes
				b.run(t, "viewport", width.set)
				for _, p := range pages {
					t.Run(p.name, func(t *testing.T) {
						u := base + p.path
						if lang != "en" {
							sep := "?"
							if strings.Contains(p.path, "?") {
								sep = "&"
							}
							u += sep + "lang=" + lang
						}
						b.run(t, "load "+u, chromedp.Navigate(u), ready(p.ready))
						b.audit(t, axeSrc, u)
						b.check(t, u)
					})
				}
			})
		}
	}
}

// TestAxeSuggestions audits a page with the search suggestions open and
// one of them chosen with the arrow keys: the state the default scans
// miss because it shows only after typing.
func TestAxeSuggestions(t *testing.T) {
	axeSrc := loadAxe(t)
	base := server(t)
	b := newBrowser(t)
	for _, width := range []struct {
		name string
		set  chromedp.Action
	}{
		{"desktop", chromedp.EmulateViewport(1350, 940)},
		{"phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)},
	} {
		t.Run(width.name, func(t *testing.T) {
			var n int
			b.run(t, "type", width.set, chromedp.Navigate(base+"/?lang=ja"), chromedp.WaitVisible("#q"),
				chromedp.SendKeys("#q", "Harb"), chromedp.WaitVisible(`#suggest li[role="option"]`),
				chromedp.SendKeys("#q", kb.ArrowDown),
				chromedp.Evaluate(`document.querySelectorAll('#suggest li[role="option"]').length`, &n))
			if n < 2 {
				t.Fatalf(`"Harb" brought %d suggestions; the audit needs an open list of several`, n)
			}
			b.audit(t, axeSrc, "home with suggestions open")
			b.check(t, "suggestions")
		})
	}
}
