package web

import (
	"strings"
	"testing"
)

// TestBackgroundLoad: as serve runs it, the state answers at once while
// its chart and analyses are built after it is published; once built, a
// hub's page is paged by group and the structure view has its chart.
func TestBackgroundLoad(t *testing.T) {
	backgroundLoad = true
	defer func() { backgroundLoad = false }()
	srv := newServer(t, openFixture(t, bigFixture(300)))
	if res, _ := get(t, srv, "/api/stats"); res.StatusCode != 200 {
		t.Fatalf("/api/stats while loading: %d", res.StatusCode)
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
