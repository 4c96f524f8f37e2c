package format_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/format"
)

// TestTimelineJSContent: on the corpus, the timeline has the Khalkhin Gol
// battle's dates in words, as the web UI writes them, the dated offices
// and postings besides the once-only events, and every slide's text cites
// its source as a reader would, never a bare key.
func TestTimelineJSContent(t *testing.T) {
	st := openEmbedded(t)
	p, _ := write(t, st, "timelinejs", format.Query{}, format.Options{}, "tl.json")
	data, _ := os.ReadFile(p)
	var tl struct {
		Events []struct {
			StartDate struct {
				Display string `json:"display_date"`
			} `json:"start_date"`
			Text struct {
				Headline, Text string
			} `json:"text"`
			Group    string `json:"group"`
			UniqueID string `json:"unique_id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &tl); err != nil {
		t.Fatal(err)
	}
	edtfCode := regexp.MustCompile(`\d{4}-\d{2}|/|\.\.|[?~%]$`)
	groups := map[string]int{}
	var battle bool
	for _, e := range tl.Events {
		groups[e.Group]++
		if d := e.StartDate.Display; d == "" || edtfCode.MatchString(d) {
			t.Errorf("%s: display_date %q is not in words", e.UniqueID, d)
		}
		if !strings.Contains(e.Text.Text, "Source: ") || !strings.Contains(e.Text.Text, "(grade ") ||
			regexp.MustCompile(`^\s*\([a-z0-9-]+, [A-F][1-6]\)\s*$`).MatchString(e.Text.Text) {
			t.Errorf("%s: text %q does not cite its source in words", e.UniqueID, e.Text.Text)
		}
		if strings.HasPrefix(e.Text.Headline, "Battles of Khalkhin Gol: took place") && e.StartDate.Display == "11 May – 16 September 1939" {
			battle = true
		}
	}
	if !battle {
		t.Errorf("no slide for the battle dated 11 May – 16 September 1939: %+v", tl.Events)
	}
	t.Logf("%d slides: %v", len(tl.Events), groups)
	for _, g := range []string{"took place", "born", "head of", "commanded"} {
		if groups[g] == 0 {
			t.Errorf("no slide in group %q: %v", g, groups)
		}
	}
}
