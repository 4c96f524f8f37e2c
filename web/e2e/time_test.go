package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTimelineSpans: each event's possible span is drawn faded and, for
// an interval with certain days, its certain span solid over it.
func TestTimelineSpans(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	var got struct {
		Possible, Certain int
		FadedOpacity      string
		SolidOpacity      string
	}
	b.run(t, "timeline", chromedp.Navigate(base+"/timeline"), chromedp.WaitVisible("#tl-svg a.ev"),
		chromedp.Evaluate(`(() => {
			const p = document.querySelectorAll('#tl-svg a.ev rect.possible'), c = document.querySelectorAll('#tl-svg a.ev rect.certain');
			return {Possible: p.length, Certain: c.length,
				FadedOpacity: p.length ? getComputedStyle(p[0]).opacity : '',
				SolidOpacity: c.length ? getComputedStyle(c[0]).opacity : ''};
		})()`, &got))
	if got.Possible == 0 || got.Certain == 0 {
		t.Fatalf("%d possible and %d certain spans drawn; want both (the corpus has dated intervals)", got.Possible, got.Certain)
	}
	if got.Certain > got.Possible {
		t.Errorf("%d certain spans for %d events", got.Certain, got.Possible)
	}
	if got.FadedOpacity != "0.35" || got.SolidOpacity != "1" {
		t.Errorf("opacity: possible %q, certain %q; want 0.35 and 1", got.FadedOpacity, got.SolidOpacity)
	}
	b.check(t, "timeline spans")
}
