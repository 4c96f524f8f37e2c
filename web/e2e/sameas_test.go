package e2e

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/web"
)

// sameasServer serves view/testdata/sameas, whose planted pair (Hawk
// possibly Ivan Pakhomov, C3, a memoir) the embedded corpus lacks.
func sameasServer(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	db, err := corpustest.OpenDir(ctx, "../../view/testdata/sameas")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ListenAndServe(ctx, ln)
	t.Cleanup(func() { cancel(); db.Close() })
	return "http://" + ln.Addr().String()
}

// TestSameAsPages: each page of the pair says "possibly the same as" the
// other, with the grade, and its citation opens from the keyboard; search
// lists the partner; axe finds nothing at desktop and phone width.
func TestSameAsPages(t *testing.T) {
	axeSrc := loadAxe(t)
	base := sameasServer(t)
	b := newBrowser(t)
	for _, width := range []struct {
		name string
		set  chromedp.Action
	}{
		{"desktop", chromedp.EmulateViewport(1350, 940)},
		{"phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)},
	} {
		for _, tt := range []struct{ id, other string }{{"agent-hawk", "Ivan Pakhomov"}, {"pakhomov-ivan", "Hawk"}} {
			var text string
			var open bool
			var overflow int
			b.run(t, tt.id, width.set, chromedp.Navigate(base+"/entities/"+tt.id), ready("section.sameas li"),
				chromedp.Text("section.sameas", &text),
				chromedp.Focus("section.sameas summary"), chromedp.SendKeys("section.sameas summary", kb.Enter),
				chromedp.Evaluate(`document.querySelector('section.sameas details').open`, &open),
				chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow))
			if !strings.Contains(text, "Possibly the same as") || !strings.Contains(text, tt.other) || !strings.Contains(text, "C3") || !strings.Contains(text, "Zeuge 1960") {
				t.Errorf("%s %s: the identity section reads %q", width.name, tt.id, text)
			}
			if !open {
				t.Errorf("%s %s: Enter on the citation did not open it", width.name, tt.id)
			}
			if overflow > 0 {
				t.Errorf("%s %s is %d px wider than the screen", width.name, tt.id, overflow)
			}
			b.audit(t, axeSrc, width.name+" "+tt.id)
			b.screenshot(t, "sameas-"+width.name+"-"+tt.id)
			b.check(t, tt.id)
		}
	}
	var hit string
	b.run(t, "search", chromedp.Navigate(base+"/search?q=Hawk"), ready("ol.hits li"), chromedp.Text("ol.hits", &hit))
	if !strings.Contains(hit, "Ivan Pakhomov") || !strings.Contains(hit, "possibly the same as Hawk") {
		t.Errorf("search Hawk lists %q", hit)
	}
	b.check(t, "search")
}
