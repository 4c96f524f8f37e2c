package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reconGet asks ts for u and returns the status and body.
func reconGet(t *testing.T, u string) (int, []byte) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

type reconAnswer map[string]struct {
	Result []struct {
		ID    string  `json:"id"`
		Name  string  `json:"name"`
		Score float64 `json:"score"`
		Match bool    `json:"match"`
		Type  []struct {
			ID string `json:"id"`
		} `json:"type"`
	} `json:"result"`
}

// TestReconcileScripts: a historian's column of names in three scripts
// reconciles each row to the right entity first, by POST (OpenRefine's
// way) and by GET, and every answer is valid by the specification's
// schemas.
func TestReconcileScripts(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	batch := map[string]map[string]any{
		"q0": {"query": "Lyushkov"}, "q1": {"query": "リュシコフ"}, "q2": {"query": "Люшков"},
		"q3": {"query": "Harbin"}, "q4": {"query": "ハルビン"}, "q5": {"query": "Харбин"},
		"q6": {"query": "Doihara Kenji", "type": "person"}, "q7": {"query": "土肥原賢二", "type": "person"}, "q8": {"query": "Доихара", "type": "person"},
		"q9": {"query": "関東軍", "limit": 3},
	}
	want := map[string]string{ // by hand: the corpus's ids
		"q0": "lyushkov-genrikh", "q1": "lyushkov-genrikh", "q2": "lyushkov-genrikh",
		"q3": "harbin", "q4": "harbin", "q5": "harbin",
		"q6": "doihara-kenji", "q7": "doihara-kenji", "q8": "doihara-kenji",
		"q9": "kwantung-army",
	}
	qb, _ := json.Marshal(batch)
	res, err := http.PostForm(ts.URL+"/reconcile", url.Values{"queries": {string(qb)}})
	if err != nil {
		t.Fatal(err)
	}
	post, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST /reconcile: %d %s", res.StatusCode, post)
	}
	st, get := reconGet(t, ts.URL+"/reconcile?queries="+url.QueryEscape(string(qb)))
	if st != 200 || string(get) != string(post) {
		t.Errorf("GET /reconcile answers %d, not as POST does:\n%s\n%s", st, get, post)
	}
	var ans reconAnswer
	if err := json.Unmarshal(post, &ans); err != nil {
		t.Fatal(err)
	}
	for k, id := range want {
		r := ans[k].Result
		if len(r) == 0 || r[0].ID != id {
			t.Errorf("%s %v: first candidate %+v, want %s", k, batch[k]["query"], r, id)
			continue
		}
		if r[0].Name == "" || len(r[0].Type) != 1 || r[0].Score <= 0 || r[0].Score > 100 {
			t.Errorf("%s: candidate %+v lacks a name, a type or a score in 0–100", k, r[0])
		}
	}
	if n := len(ans["q9"].Result); n > 3 {
		t.Errorf("q9: %d candidates, limit 3", n)
	}
	// The exact names are sure matches; a surname alone is not.
	for k, m := range map[string]bool{"q1": true, "q2": true, "q5": true, "q7": true, "q0": false} {
		if r := ans[k].Result; len(r) > 0 && r[0].Match != m {
			t.Errorf("%s %v: match %v, want %v", k, batch[k]["query"], r[0].Match, m)
		}
	}
	for k, r := range ans {
		if (k == "q6" || k == "q7" || k == "q8") && len(r.Result) > 0 {
			for _, c := range r.Result {
				if c.Type[0].ID != "person" {
					t.Errorf("%s: type person asked, candidate %s is %s", k, c.ID, c.Type[0].ID)
				}
			}
		}
	}

	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	_, man := reconGet(t, ts.URL+"/reconcile")
	_, sugg := reconGet(t, ts.URL+"/reconcile/suggest/entity?prefix=Har")
	for _, c := range []struct {
		schema string
		files  []string
	}{
		{"manifest", []string{write("manifest.json", man)}},
		{"reconciliation-query-batch", []string{write("queries.json", qb)}},
		{"reconciliation-result-batch", []string{write("post.json", post), write("get.json", get)}},
		{"suggest-entities-response", []string{write("suggest.json", sugg)}},
	} {
		if out := webClient(t, "reconcile-check.mjs", append([]string{c.schema}, c.files...)...); out != itoa(len(c.files)) {
			t.Errorf("%s: %s", c.schema, out)
		}
	}
	if !strings.Contains(string(man), `"view":{"url":"`+ts.URL+`/entities/{{id}}"}`) {
		t.Errorf("manifest's view template: %s", man)
	}
	if !strings.Contains(string(sugg), `"id":"harbin"`) {
		t.Errorf("suggest Har lacks harbin: %s", sugg)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestReconcileProperties: a date property raises the candidate whose
// claims agree and lowers the one whose claims differ.
func TestReconcileProperties(t *testing.T) {
	ts := fixtureServer(t)
	// The fixture's Doihara was born in 1883 (storetest.Fixture).
	q := func(v string) float64 {
		b, _ := json.Marshal(map[string]any{"q": map[string]any{"query": "Doihara", "properties": []any{map[string]any{"pid": "born", "v": v}}}})
		st, body := reconGet(t, ts.URL+"/reconcile?queries="+url.QueryEscape(string(b)))
		var ans reconAnswer
		if err := json.Unmarshal(body, &ans); err != nil || st != 200 || len(ans["q"].Result) == 0 {
			t.Fatalf("%d %s", st, body)
		}
		return ans["q"].Result[0].Score
	}
	plain := func() float64 {
		_, body := reconGet(t, ts.URL+"/reconcile?queries="+url.QueryEscape(`{"q":{"query":"Doihara"}}`))
		var ans reconAnswer
		json.Unmarshal(body, &ans)
		return ans["q"].Result[0].Score
	}()
	if agree, differ := q("1883"), q("1901-05"); !(agree > plain && differ < plain) {
		t.Errorf("scores: plain %v, born 1883 %v (want higher), born 1901-05 %v (want lower)", plain, agree, differ)
	}
}

// TestReconcileErrors: a bad batch is a 400 that names the query and the fix.
func TestReconcileErrors(t *testing.T) {
	ts := fixtureServer(t)
	many := map[string]any{}
	for i := 0; i < 101; i++ {
		many["q"+itoa(i)] = map[string]any{"query": "x"}
	}
	mb, _ := json.Marshal(many)
	props := map[string]any{}
	for i := 0; i < 11; i++ {
		var ps []any
		for j := 0; j < 10; j++ {
			ps = append(ps, map[string]any{"pid": "born", "v": "1883"})
		}
		props["q"+itoa(i)] = map[string]any{"query": "x", "properties": ps}
	}
	pb, _ := json.Marshal(props)
	for _, c := range []struct{ queries, want string }{
		{`nonsense`, "not a JSON object"},
		{`{"q0":{"query":"x","type":"ghost"}}`, `type \"ghost\" is not an entity type`},
		{`{"q0":{"query":"x","limit":0}}`, "limit 0 must be a whole number from 1 to 25"},
		{`{"q0":{"query":"x","color":"red"}}`, `unknown field \"color\"`},
		{`{"q0":{}}`, "has neither query nor properties"},
		{`{"q0":{"query":"x","properties":[{"pid":"nope","v":"1"}]}}`, `pid \"nope\" is not a predicate`},
		{string(mb), "101 queries: at most 100"},
		{string(pb), "110 properties in all: at most 100"},
	} {
		st, body := reconGet(t, ts.URL+"/reconcile?queries="+url.QueryEscape(c.queries))
		if st != 400 || !strings.Contains(string(body), c.want) {
			t.Errorf("%.40s: %d %s, want 400 with %s", c.queries, st, body, c.want)
		}
	}
	if st, body := reconGet(t, ts.URL+"/reconcile?callback=alert(1)"); st != 400 {
		t.Errorf("callback=alert(1): %d %s", st, body)
	}
	if st, body := reconGet(t, ts.URL+"/reconcile?callback=cb"); st != 200 || !strings.HasPrefix(string(body), `cb({"versions":["0.2"]`) {
		t.Errorf("JSONP: %d %.80s", st, body)
	}
	if st, body := reconGet(t, ts.URL+"/reconcile/preview?id=doihara-kenji"); st != 200 || !strings.Contains(string(body), "土肥原賢二") {
		t.Errorf("preview: %d %s", st, body)
	}
}
