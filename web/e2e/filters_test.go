package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// noOverlap is a script that returns the pairs of visible labels of an
// SVG chart whose boxes overlap (by more than a pixel each way).
const noOverlap = `(sel => {
  const bs = [...document.querySelectorAll(sel)].filter(t => t.style.display !== 'none').map(t => [t.textContent, t.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const [a, r] = bs[i], [b, s] = bs[j];
    if (r.left + 1 < s.right && s.left + 1 < r.right && r.top + 1 < s.bottom && s.top + 1 < r.bottom) out.push(a + ' / ' + b);
  }
  return out;
})`

// TestNetworkViews: the network draws certain links solid and possible
// ones dashed, and focusing a node names the claim that bounds a possible
// link (Akikusa's headship of the Nakano School in 1938 is ended by his
// next posting); no two labels overlap; +, −, 0 and the buttons zoom and
// reset; the skip link moves focus past the graph; the type, tag and ego
// filters keep what they say.
func TestNetworkViews(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	var certain, possible, labels int
	var overlaps []string
	// Headless Chromium sends focus events only to a page it treats as
	// focused.
	b.run(t, "network 1938", emulation.SetFocusEmulationEnabled(true), chromedp.Navigate(base+"/network?from=1938&to=1938"), ready("#net-svg a.node"),
		chromedp.Evaluate(`document.querySelectorAll('#net-svg line.link.certain').length`, &certain),
		chromedp.Evaluate(`document.querySelectorAll('#net-svg line.link.possible').length`, &possible),
		chromedp.Evaluate(`document.querySelectorAll('#net-svg a.node text').length`, &labels),
		chromedp.Evaluate(noOverlap+`('#net-svg a.node text')`, &overlaps))
	if certain == 0 || possible == 0 {
		t.Errorf("1938: %d certain and %d possible links drawn; want some of each", certain, possible)
	}
	if labels < 10 || len(overlaps) > 0 {
		t.Errorf("1938: %d labels, overlapping: %v", labels, overlaps)
	}
	var dash string
	b.run(t, "dash", chromedp.Evaluate(`getComputedStyle(document.querySelector('#net-svg line.link.possible')).strokeDasharray`, &dash))
	if dash == "none" || dash == "" {
		t.Errorf("a possible link is not dashed: stroke-dasharray %q", dash)
	}
	var detail string
	b.run(t, "focus a node", chromedp.Focus(`#net-svg a.node[data-id="akikusa-shun"]`), chromedp.Sleep(100*time.Millisecond),
		chromedp.Text("#net-detail", &detail))
	if !strings.Contains(detail, "Army Nakano School") || !strings.Contains(detail, "next posting: Akikusa Shun — head of — Hoshi Agency") {
		t.Errorf("focusing Akikusa's node does not name the claim bounding his Nakano headship: %q", detail)
	}
	var z1, z2, z3, z4 string
	b.run(t, "zoom keys", chromedp.Focus("#net-svg"), chromedp.Evaluate(`document.getElementById('net-svg').dataset.zoom`, &z1),
		chromedp.SendKeys("#net-svg", "++"), chromedp.Evaluate(`document.getElementById('net-svg').dataset.zoom`, &z2),
		chromedp.SendKeys("#net-svg", kb.ArrowLeft+"0"), chromedp.Evaluate(`document.getElementById('net-svg').dataset.zoom`, &z3),
		chromedp.Click(`#net-zoom button[data-zoom="in"]`), chromedp.Evaluate(`document.getElementById('net-svg').dataset.zoom`, &z4))
	if z1 != "1.00" || z2 != "1.56" || z3 != "1.00" || z4 != "1.25" {
		t.Errorf("zoom: start %s, ++ %s, 0 %s, button + %s; want 1.00 1.56 1.00 1.25", z1, z2, z3, z4)
	}
	var active string
	b.run(t, "skip link", chromedp.Focus("a.skip-inline"), chromedp.SendKeys("a.skip-inline", kb.Enter), chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`document.activeElement.id`, &active))
	if active != "net-lists" {
		t.Errorf("the skip link moved focus to %q, want net-lists", active)
	}
	b.screenshot(t, "network-1938")
	b.check(t, "network 1938")

	for _, tt := range []struct{ name, query, want, lacks string }{
		{"type", "?from=1930&to=1945&type=organization", "t-organization", "t-person"},
		{"tag", "?from=1930&to=1945&tag=soviet", "blyukher-vasily", "kwantung-army"},
		{"ego", "?from=1937&to=1939&ego=lyushkov-genrikh", "lyushkov-genrikh", ""},
	} {
		var classes []string
		var ids []string
		b.run(t, tt.name, chromedp.Navigate(base+"/network"+tt.query), ready("#net-svg a.node"),
			chromedp.Evaluate(`[...document.querySelectorAll('#net-svg a.node')].map(a => a.getAttribute('class'))`, &classes),
			chromedp.Evaluate(`[...document.querySelectorAll('#net-svg a.node')].map(a => a.dataset.id)`, &ids))
		all := strings.Join(classes, " ") + " " + strings.Join(ids, " ")
		if !strings.Contains(all, tt.want) || (tt.lacks != "" && strings.Contains(all, tt.lacks)) {
			t.Errorf("%s %s: nodes %v %v; want %q, not %q", tt.name, tt.query, classes, ids, tt.want, tt.lacks)
		}
		b.check(t, "network "+tt.name)
	}
}

// TestMapViews: the map zooms with the keys and the buttons, "Whole map"
// brings Warsaw, Riga, Moscow and Helsinki into the frame (they are off
// it at first), period names stand beside modern ones (Changchun in 1939
// is Hsinking), no two labels collide at any zoom tried, and the slider
// marks what was only possibly there with the claim that bounds it.
func TestMapViews(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	inFrame := `(ids => { const r = document.getElementById('map-svg').getBoundingClientRect();
	  return ids.filter(id => { const c = document.querySelector('#map-svg a.mk[data-id="' + id + '"] circle').getBoundingClientRect();
	    return c.left >= r.left && c.right <= r.right && c.top >= r.top && c.bottom <= r.bottom; }); })(['warsaw', 'riga', 'moscow', 'helsinki'])`
	var before, after, overlaps []string
	var z1, z2, z3 string
	b.run(t, "map 1939", chromedp.Navigate(base+"/map?year=1939"), ready("#map-svg a.mk"),
		chromedp.Evaluate(inFrame, &before),
		chromedp.Evaluate(noOverlap+`('#map-svg a.mk text')`, &overlaps),
		chromedp.Focus("#map-svg"), chromedp.SendKeys("#map-svg", "+"), chromedp.Evaluate(`document.getElementById('map-svg').dataset.zoom`, &z1),
		chromedp.SendKeys("#map-svg", "0"), chromedp.Evaluate(`document.getElementById('map-svg').dataset.zoom`, &z2),
		chromedp.Click(`#map-zoom button[data-zoom="all"]`), chromedp.Evaluate(`document.getElementById('map-svg').dataset.zoom`, &z3),
		chromedp.Evaluate(inFrame, &after))
	if len(before) == 4 {
		t.Errorf("all of %v are in the first frame; the map no longer opens on East Asia", before)
	}
	if len(after) != 4 {
		t.Errorf("after Whole map only %v of Warsaw, Riga, Moscow, Helsinki are in the frame", after)
	}
	if len(overlaps) > 0 {
		t.Errorf("map labels overlap: %v", overlaps)
	}
	if z1 != "1.25" || z2 != "1.00" || z3 == "1.00" {
		t.Errorf("map zoom: + %s, 0 %s, whole map %s", z1, z2, z3)
	}
	b.run(t, "labels after whole map", chromedp.Evaluate(noOverlap+`('#map-svg a.mk text')`, &overlaps))
	if len(overlaps) > 0 {
		t.Errorf("map labels overlap on the whole map: %v", overlaps)
	}
	b.screenshot(t, "map-whole")
	var label, list string
	b.run(t, "period name", chromedp.Evaluate(`document.querySelector('#map-svg a.mk[data-id="hsinking"] text').textContent`, &label),
		chromedp.Text("#map-list", &list))
	if label != "Changchun (Hsinking)" {
		t.Errorf("Changchun's label in 1939 is %q, want Changchun (Hsinking)", label)
	}
	if !strings.Contains(list, "(possible") {
		t.Errorf("the 1939 list marks nothing as possible:\n%s", list)
	}
	b.check(t, "map views")
}

// TestTimelineFilters: the list follows from/to (1938–1939 lists Khalkhin
// Gol, not Kantokuen), zooming the chart out lists Kantokuen again and
// the count follows; the tag filter chosen in the form keeps the tagged
// events in chart and list.
func TestTimelineFilters(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	has := func(id string) string {
		return `!!document.querySelector('#tl-list a[href="/entities/` + id + `"]')`
	}
	var kg, kt1, kt2 bool
	var count1, count2, loc string
	var listed int
	b.run(t, "timeline 1938-1939", chromedp.Navigate(base+"/timeline?from=1938&to=1939"), ready("#tl-svg a.ev"),
		chromedp.Evaluate(has("khalkhin-gol-1939"), &kg), chromedp.Evaluate(has("kantokuen-1941"), &kt1),
		chromedp.Text("#tl-count", &count1), chromedp.Evaluate(`document.querySelectorAll('#tl-list li').length`, &listed),
		chromedp.Focus("#tl-svg"), chromedp.SendKeys("#tl-svg", "--"),
		chromedp.Evaluate(has("kantokuen-1941"), &kt2), chromedp.Text("#tl-count", &count2), chromedp.Evaluate(`location.search`, &loc))
	if !kg || kt1 {
		t.Errorf("1938–1939 list: Khalkhin Gol %v (want true), Kantokuen %v (want false)", kg, kt1)
	}
	// The count is the number of events listed, which follows the corpus.
	if want := fmt.Sprintf("%d in 1938–1939", listed); listed < 10 || count1 != want {
		t.Errorf("count %q, want %q (%d events listed)", count1, want, listed)
	}
	if !kt2 || count2 == count1 {
		t.Errorf("after zooming out the list has Kantokuen %v, count %q (was %q); the list does not follow the chart (URL %s)", kt2, count2, count1, loc)
	}
	b.check(t, "timeline from/to")
	var ids []string
	var search string
	b.run(t, "tag", chromedp.Navigate(base+"/timeline"), ready("#tl-svg a.ev"),
		chromedp.SetValue(`select[name="tag"]`, "sabotage"), chromedp.Click(`#tl-filters button[type="submit"]`, chromedp.NodeVisible))
	b.run(t, "tagged", chromedp.Sleep(500*time.Millisecond), ready("#tl-svg a.ev"), chromedp.Evaluate(`location.search`, &search),
		chromedp.Evaluate(`[...document.querySelectorAll('#tl-list a:not(.disputed)')].map(a => a.getAttribute('href'))`, &ids))
	if !strings.Contains(search, "tag=sabotage") {
		t.Errorf("the form sent %q", search)
	}
	if strings.Join(ids, " ") != "/entities/first-fascist-unit-raid-1936 /entities/asano-detachment-founding-1938 /entities/operation-medved-1939" {
		t.Errorf("tag sabotage lists %v", ids)
	}
	b.screenshot(t, "timeline-tag")
	b.check(t, "timeline tag")

	// The list the script writes as it zooms files an event whose start is
	// unknown at its end, as the server does, and marks a disputed date.
	var early, disputed bool
	b.run(t, "zoomed 1922-1926", chromedp.Navigate(base+"/timeline?from=1922&to=1926"), ready("#tl-svg a.ev"),
		chromedp.Focus("#tl-svg"), chromedp.SendKeys("#tl-svg", "+-"),
		chromedp.Evaluate(has("khalkhin-gol-deception-1939"), &early))
	b.run(t, "zoomed 1944", chromedp.Navigate(base+"/timeline?from=1943&to=1945"), ready("#tl-svg a.ev"),
		chromedp.Focus("#tl-svg"), chromedp.SendKeys("#tl-svg", "+-"),
		chromedp.Evaluate(`!!document.querySelector('#tl-list a.disputed[href^="/entities/futamata-branch-1944"]')`, &disputed))
	if early || !disputed {
		t.Errorf("after zooming: the 1939 deception listed in the 1920s %v (want false); the Futamata opening marked disputed %v (want true)", early, disputed)
	}
}
