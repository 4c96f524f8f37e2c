package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// The 1939 → 1941 chart of the Kwantung Army: the Harbin agency is
// converted (not removed), BREM has no evidence of its parent in 1941
// (listed as "parent unknown at this date", not gone), and the 23rd
// Division and the Manchouli agency are unchanged.
func TestStructureStates(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	page := get(t, ts.URL+"/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01")
	for _, want := range []string{
		`<tr class="ch-renamed"><td><a href="/entities/harbin-tokumu-kikan"`,
		`converted into <a href="/entities/kwantung-army-intelligence-department"`,
		`<tr class="ch-no_evidence"><td><a href="/entities/brem"`,
		"Parent unknown at this date",
		"0 founded, 0 dissolved",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, id := range []string{"kwantung-army-23rd-division", "manchouli-tokumu-kikan"} {
		if strings.Contains(page, `<tr class="ch-removed"><td><a href="/entities/`+id) || strings.Contains(page, `<tr class="ch-added"><td><a href="/entities/`+id) {
			t.Errorf("%s is marked added or removed", id)
		}
	}
	// Dates in words, the EDTF in the title.
	// (Komatsubara's command of the 23rd Division.)
	if !strings.Contains(page, `<span class="hw" title="1938-07-07/1939-11-06">7 July 1938 – 6 November 1939</span>`) {
		t.Error("heads' dates are not in words with the EDTF in the title")
	}
}

// /api/structure lists, beside the nodes, the organizations that existed
// on the date with their parent unknown: BREM in 1941, last placed under
// the Harbin agency.
func TestStructureUnplacedAPI(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	body := get(t, ts.URL+"/api/structure?root=kwantung-army&date=1941-06-01")
	if !strings.Contains(body, `"unplaced":[{"id":"brem","parent":"harbin-tokumu-kikan"`) || !strings.Contains(body, `"parent_unknown":true`) {
		t.Errorf("/api/structure on 1941-06-01 does not list brem with its parent unknown: %.600s", body[max(0, strings.Index(body, `"unplaced"`)):])
	}
}
