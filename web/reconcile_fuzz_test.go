package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzReconcile sends /reconcile any query batch, by GET or POST, with
// any JSONP callback, and the suggest and preview services any text: no
// input may crash the server, answer 5xx or an oversized body, and every
// 200 answer is a batch of candidates whose scores are within 0–100.
func FuzzReconcile(f *testing.F) {
	for _, s := range []string{
		`{"q0":{"query":"Harbin"}}`,
		`{"q0":{"query":"土肥原","type":"person","limit":3},"q1":{"query":"Харбин","type":["place","organization"]}}`,
		`{"q":{"query":"Doihara","properties":[{"pid":"born","v":"1883"},{"pid":"head_of","v":{"id":"harbin-tokumu-kikan"}}]}}`,
		`{"q":{"query":"x","limit":1e308}}`, `{"q":{"query":"x","limit":-1}}`, `{"q":{"properties":[]}}`,
		`{"q":{"query":"","properties":[{"pid":"born","v":[1,2,true,null,{"id":""}]}]}}`,
		`{"q":{"query":"ﾊﾙﾋﾞﾝ","type_strict":"all","type":null}}`, `[]`, `null`, `{}`, `{"":{}}`, `"x"`,
		`{"q":{"query":"` + strings.Repeat("a", 600) + `"}}`,
	} {
		f.Add(s, "", false)
		f.Add(s, "cb", true)
	}
	f.Add("Har", "jQuery.cb_1", false)
	f.Add("", "</script>", false)
	srv := newServer(f, openFixture(f, nil))
	f.Fuzz(func(t *testing.T, queries, callback string, post bool) {
		q := url.Values{}
		if callback != "" {
			q.Set("callback", callback)
		}
		var rec *httptest.ResponseRecorder
		if post {
			rec = httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/reconcile?"+q.Encode(), strings.NewReader(url.Values{"queries": {queries}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			srv.ServeHTTP(rec, req)
		} else {
			q.Set("queries", queries)
			rec = httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", "/reconcile?"+q.Encode(), nil))
		}
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("%q: %d %.300s", queries, rec.Code, rec.Body.String())
		}
		if rec.Body.Len() > 4<<20 {
			t.Fatalf("%q: %d bytes", queries, rec.Body.Len())
		}
		body := rec.Body.Bytes()
		if rec.Code == 200 && callback != "" {
			s := strings.TrimSuffix(strings.TrimSpace(string(body)), ");")
			s, ok := strings.CutPrefix(s, callback+"(")
			if !ok || strings.Contains(s, "</") {
				t.Fatalf("JSONP %q: %.300s", callback, body)
			}
			body = []byte(s)
		}
		if rec.Code == 200 && queries != "" {
			var res map[string]struct {
				Result []struct {
					ID    string  `json:"id"`
					Score float64 `json:"score"`
				} `json:"result"`
			}
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatalf("%q: not a result batch: %v %.300s", queries, err, body)
			}
			for k, r := range res {
				for _, c := range r.Result {
					if c.ID == "" || c.Score < 0 || c.Score > 100 {
						t.Fatalf("%q: %s: candidate %+v", queries, k, c)
					}
				}
			}
		}
		for _, u := range []string{"/reconcile/suggest/entity?prefix=", "/reconcile/preview?id="} {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", u+url.QueryEscape(queries), nil))
			if rec.Code >= 500 {
				t.Fatalf("%s%q: %d", u, queries, rec.Code)
			}
		}
	})
}
