package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// FuzzWriteAPI sends odd bodies and ids to the write API as an editor.
// Whatever arrives, the server answers in JSON without a 5xx; a refusal
// says what to fix ("error"); and a refused write leaves the store as it
// was — the head revision moves only when the answer is a success, and
// then by one revision, which the next read serves; and nothing is logged
// as an error.
func FuzzWriteAPI(f *testing.F) {
	ctx := context.Background()
	db := fixtureDB(f)
	es := newEditServer(f, db)
	srv, text := es.srv, es.tokens["alice"]

	// An existing claim, so that PUT, PATCH and DELETE reach past "not found".
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{About: "kwantung-army", Limit: 1})
	if err != nil || len(cs) == 0 {
		f.Fatalf("no claim about kwantung-army in the fixture: %v", err)
	}
	existing := cs[0].ID
	valid, _ := json.Marshal(map[string]any{"reason": "fuzz", "claim": newClaim("fuzz")})
	for _, s := range []struct {
		op   uint8
		id   string
		body string
	}{
		{0, "", string(valid)},
		{0, "", `{"reason":"r","claim":{"subject":"kwantung-army","predicate":"located_in","object":"harbin","source":"zor23","when":"0011-05/1939"}}`},
		{0, "", `{"reason":"r","claim":{"subject":"kwantung-army","predicate":"strength","value":"1e400","unit":"men","source":"zor23"}}`},
		{0, "", `{"reason":"r","claim":{"subject":"nobody","predicate":"head_of","object":"harbin","source":"nosuch","grade":"Z9"}}`},
		{0, "", `{"reason":"r","claim":{"subject":"kwantung-army","predicate":"located_in","object":"harbin","source":"zor23","named_as":{"by":"` + string(bytes.Repeat([]byte("x"), 3000)) + `"}}}`},
		{0, "", `{"reason":"","claim":{}}`},
		{0, "", `{"reason":"r","claim":null}`},
		{0, "", `{"reason":"r","claim":[1,2,3],"extra":true}`},
		{0, "", `[`},
		{0, "", "\x00\xff"},
		{1, existing, `{"reason":"r","base":1,"claim":{"subject":"kwantung-army","predicate":"located_in","object":"harbin","source":"zor23"}}`},
		{1, existing, `{"reason":"r","base":-9223372036854775808,"claim":{}}`},
		{2, existing, `{"reason":"r","base":1,"claim":{"when":"1939-13-45"}}`},
		{2, existing, `{"reason":"r","base":9223372036854775807,"claim":{"note":"n"}}`},
		{2, "../../api/health", `{"reason":"r","base":1,"claim":{}}`},
		{3, existing, `{"reason":"r","base":1}`},
		{3, "no-such-claim", `{"reason":"r","base":1}`},
	} {
		f.Add(s.op, s.id, []byte(s.body))
	}
	methods := []string{"POST", "PUT", "PATCH", "DELETE"}
	logged := 0 // how much of the server's log the runs before have read
	f.Fuzz(func(t *testing.T, op uint8, id string, body []byte) {
		method := methods[int(op)%len(methods)]
		path := "/api/claims"
		if method != "POST" {
			path += "/" + url.PathEscape(id)
		}
		before, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+text)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %.300s", method, path, body, rec.Code, rec.Body.String())
		}
		var ans map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
			t.Fatalf("%s %s %q: %d, not JSON: %.300s", method, path, body, rec.Code, rec.Body.String())
		}
		after, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case rec.Code >= 300:
			if msg, _ := ans["error"].(string); msg == "" {
				t.Fatalf("%s %s %q: %d without an error message: %.300s", method, path, body, rec.Code, rec.Body.String())
			}
			if after != before {
				t.Fatalf("%s %s %q: refused (%d) but the head moved from %d to %d", method, path, body, rec.Code, before, after)
			}
		case after != before+1:
			t.Fatalf("%s %s %q: %d, head moved from %d to %d, not by one revision", method, path, body, rec.Code, before, after)
		default:
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/changes?limit=1", nil))
			var ch struct{ Head int64 }
			if err := json.Unmarshal(rec.Body.Bytes(), &ch); err != nil || ch.Head != after {
				t.Fatalf("%s %s %q: wrote revision %d, but /api/changes serves %.200s", method, path, body, after, rec.Body.String())
			}
		}
		// An error in the log (a rebuild of the read models that failed
		// after a write, an internal error) fails the run.
		log := es.log.String()
		if i := strings.Index(log[logged:], "level=ERROR"); i >= 0 {
			t.Fatalf("%s %s %q: the server logged an error: %.500s", method, path, body, log[logged+i:])
		}
		logged = len(log)
	})
}

// FuzzForms posts odd form fields, with a valid session and CSRF token,
// to every form that writes. Whatever arrives, no answer is a 5xx, and
// the head revision moves only on a success (303 to what was written),
// then by one revision; a refused form is shown again and writes nothing.
func FuzzForms(f *testing.F) {
	ctx := context.Background()
	db := fixtureDB(f)
	es := newEditServer(f, db)
	c := browserClient()
	csrf := signIn(f, c, es, "alice", "/sources/new")
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{About: "kwantung-army", Limit: 1})
	if err != nil || len(cs) == 0 {
		f.Fatalf("no claim about kwantung-army in the fixture: %v", err)
	}
	forms := []string{"/entities/kwantung-army/claims", "/claims/" + cs[0].ID + "/edit", "/sources/new", "/sources/zor23/edit",
		"/entities/new", "/entities/kwantung-army/names/new"}
	for i, body := range []string{
		"base=0&predicate=located_in&object=harbin&source=zor23&when=1939-05&reason=r",
		"base=0&predicate=strength&value=1e999&unit=men&source=zor23&reason=r",
		"base=0&predicate=located_in&object=harbin&source=zor23&when=May+11%E2%80%93Sept+16%2C+1939&reason=r",
		"base=0&action=read&paste=%40book%7Bx%2C+title%3D%7BT%7D%7D",
		"base=0&kind=scholarly&reliability=Z&type=book&title=%FF&reason=r",
		"base=0&type=person&name-en=&name-ja=%E8%A9%A6&reason=r",
		"base=0&text=%E3%81%97&lang=ja_hira%21&kind=transcribed&reason=r",
		"base=-1&reason=",
		"%zz=1&&&=",
	} {
		f.Add(uint8(i), body)
	}
	f.Fuzz(func(t *testing.T, form uint8, body string) {
		u := es.url + forms[int(form)%len(forms)]
		v, _ := url.ParseQuery(body) // what parses; the rest is dropped, as a browser's form would not send it
		v.Set("csrf", csrf)
		before, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		st, page, res := postForm(t, c, u, v)
		if st >= 500 {
			t.Fatalf("POST %s %q: %d %.300s", u, v.Encode(), st, page)
		}
		after, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case after == before:
		case st != 303:
			t.Fatalf("POST %s %q: %d, but the head moved from %d to %d", u, v.Encode(), st, before, after)
		case after != before+1:
			t.Fatalf("POST %s %q: head moved from %d to %d, not by one revision", u, v.Encode(), before, after)
		case res.Header.Get("Location") == "":
			t.Fatalf("POST %s %q: wrote revision %d without saying where it went", u, v.Encode(), after)
		}
	})
}
