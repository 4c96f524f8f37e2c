package format_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tokumu/tokumu/format"
)

// TestTimelineJSInChromium loads the timelinejs export into TimelineJS
// itself (npm's @knight-lab/timelinejs, from testdata/clients, offline) in
// Debian's headless Chromium, and reads back the slides it made.
func TestTimelineJSInChromium(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s not found: install Debian's chromium (bash scripts/test.sh does)", chromium)
	}
	dist, _ := filepath.Abs("testdata/clients/node_modules/@knight-lab/timelinejs/dist")
	if _, err := os.Stat(filepath.Join(dist, "js", "timeline.js")); err != nil {
		t.Fatalf("TimelineJS is not installed: run npm ci in format/testdata/clients (bash scripts/test.sh does)")
	}
	st := openFixture(t)
	p, _ := write(t, st, "timelinejs", format.Query{}, format.Options{}, "f.json")
	data, _ := os.ReadFile(p)
	page := filepath.Join(t.TempDir(), "tl.html")
	html := `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://` + dist + `/css/timeline.css">
<script src="file://` + dist + `/js/timeline.js"></script></head>
<body><div id="tl" style="width:1000px;height:600px"></div>
<script>window.errors = []; window.onerror = function(m){ window.errors.push(String(m)); };
window.tl = new TL.Timeline("tl", ` + string(data) + `, {script_path: "file://` + dist + `/js/"});</script></body></html>`
	os.WriteFile(page, []byte(html), 0o644)

	profile, err := os.MkdirTemp("", "tokumu-tl-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("allow-file-access-from-files", true), chromedp.UserDataDir(profile))
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer func() { cancelT(); cancelC(); cancelA(); os.RemoveAll(profile) }()

	var headlines []string
	var errs []string
	var ids []string
	err = chromedp.Run(ctx,
		chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(".tl-slide", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Evaluate(`window.errors`, &errs),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".tl-slide .tl-headline")).map(e => e.textContent.trim()).filter(s => s)`, &headlines),
		chromedp.Evaluate(`window.tl.config.events.map(e => e.unique_id)`, &ids),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if len(errs) > 0 {
		t.Errorf("TimelineJS raised: %v", errs)
	}
	// The fixture's two dated events, Doihara born and the kikan
	// dissolved, his dated office and the kikan's conversion.
	if strings.Join(ids, " ") != "c-doihara-born c-doihara-head c-kikan-dissolved c-kikan-succeeded" {
		t.Errorf("TimelineJS has events %v, want c-doihara-born, c-doihara-head, c-kikan-dissolved and c-kikan-succeeded", ids)
	}
	joined := strings.Join(headlines, " | ")
	for _, want := range []string{"Doihara Kenji: born", "Harbin Special Service Agency: dissolved", "Doihara Kenji: head of Harbin Special Service Agency"} {
		if !strings.Contains(joined, want) {
			t.Errorf("TimelineJS's slides lack %q: %s", want, joined)
		}
	}
}
