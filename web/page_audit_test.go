package web_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// /disagreements lists the corpus's disagreements, certain first, paged;
// Akikusa's birth, on which his sources give different dates and places,
// is among them.
func TestDisagreementsPage(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	page := get(t, ts.URL+"/disagreements?limit=500")
	if !strings.Contains(page, "<h1>Where the sources disagree</h1>") {
		t.Fatal("no /disagreements page")
	}
	if !strings.Contains(page, `href="/entities/akikusa-shun"`) || !strings.Contains(page, "different dates, different places") {
		t.Error("the page lacks the disagreement on Akikusa's birth")
	}
	// Certain before possible: no certain heading after the first possible one.
	if i, j := strings.Index(page, `class="dis possible"`), strings.LastIndex(page, `class="dis"`); i >= 0 && j > i {
		t.Error("a certain disagreement follows a possible one")
	}
	first := get(t, ts.URL+"/disagreements?limit=2")
	if n := strings.Count(first, `<div class="dis`); n != 2 {
		t.Errorf("limit=2 shows %d disagreements", n)
	}
	if !strings.Contains(first, "1–2 of ") || !strings.Contains(first, `offset=2&amp;limit=2" rel="next"`) {
		t.Error("the first page has no count or next link")
	}
	if !strings.Contains(get(t, ts.URL+"/"), `href="/disagreements"`) {
		t.Error("the home page does not link to /disagreements")
	}
}

// /audit and /api/audit: the embedded corpus has no certain finding, and
// the page and the API show what audit.Run finds on the corpus itself (7
// possible ones when CORPUS.md was written).
func TestAuditPage(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := audit.Run(ds.Claims, tokumu.MustVocab(ds.Predicates), ds.Sources)
	if want.Possible < 3 {
		t.Fatalf("audit.Run finds %d possible findings on the embedded corpus; the test needs 3 to page", want.Possible)
	}
	var v struct {
		Certain, Possible, Total, Limit int
		Findings                        []struct {
			Kind   string
			Claims []struct{ ID, Source string }
		}
	}
	if err := json.Unmarshal([]byte(get(t, ts.URL+"/api/audit?limit=3")), &v); err != nil {
		t.Fatal(err)
	}
	if v.Certain != 0 || v.Possible != want.Possible || v.Total != want.Possible || len(v.Findings) != 3 || v.Limit != 3 {
		t.Errorf("/api/audit?limit=3: certain %d possible %d total %d shown %d limit %d; want 0 %d %d 3 3",
			v.Certain, v.Possible, v.Total, len(v.Findings), v.Limit, want.Possible, want.Possible)
	}
	page := get(t, ts.URL+"/audit")
	if !strings.Contains(page, "<strong>0 certain</strong>") || strings.Count(page, `<div class="finding possible">`) != want.Possible {
		t.Errorf("the /audit page does not show 0 certain and %d possible findings", want.Possible)
	}
	for _, f := range want.Findings {
		for _, c := range f.Claims {
			if !strings.Contains(page, `<li data-claim="`+c.ID+`">`) || !strings.Contains(page, `#c-`+c.ID+`" class="cid">`+c.ID+`</a>`) {
				t.Errorf("the /audit page does not name claim %s of the %s finding on %s", c.ID, f.Kind, f.Subject)
			}
		}
	}
}
