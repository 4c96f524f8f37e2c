package web

import (
	"strings"
	"testing"
)

// TestBackgroundLoad: as serve runs it, the state answers at once while
// its search index, chart and analyses are loaded after it is published; once built, a
// hub's page is paged by group and the structure view has its chart.
func TestBackgroundLoad(t *testing.T) {
	backgroundLoad = true
	defer func() { backgroundLoad = false }()
	srv := newServer(t, openFixture(t, bigFixture(300)))
	if res, _ := get(t, srv, "/api/stats"); res.StatusCode != 200 {
		t.Fatalf("/api/stats while loading: %d", res.StatusCode)
	}
	// The first state is published before its search index is loaded;
	// a search waits for it and finds what the index holds.
	if lt := srv.LoadTimes(); len(lt) == 0 || !strings.HasPrefix(lt[len(lt)-1].Part, "search index (loading after the first answer") {
		t.Errorf("load times %v: the first state waited for its search index", lt)
	}
	if res, body := get(t, srv, "/api/search?q=soviet"); res.StatusCode != 200 || !strings.Contains(body, `"soviet-far-eastern-forces"`) {
		t.Errorf("/api/search while loading: %d, found the entity: %v", res.StatusCode, strings.Contains(body, `"soviet-far-eastern-forces"`))
	}
	// Whether or not the analyses are ready yet, the page answers.
	if res, _ := get(t, srv, "/entities/soviet-far-eastern-forces"); res.StatusCode != 200 {
		t.Fatalf("hub page while loading: %d", res.StatusCode)
	}
	srv.WaitAnalyses()
	// 300 + the fixture's 2 strength claims: a hub (over 200), one group.
	_, body := get(t, srv, "/entities/soviet-far-eastern-forces")
	if !strings.Contains(body, "show all 302") || strings.Count(body, `id="c-c-big-`) != 20 {
		t.Errorf("hub page after loading: show-all link %v, %d claims (want 20)", strings.Contains(body, "show all 302"), strings.Count(body, `id="c-c-big-`))
	}
	if res, _ := get(t, srv, "/structure"); res.StatusCode != 200 {
		t.Errorf("/structure after loading: %d", res.StatusCode)
	}
}
