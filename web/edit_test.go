package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/loadtest"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

// editStore is a store that can be edited and keeps accounts.
type editStore interface {
	tokumu.Store
	tokumu.Editor
	tokumu.Accounts
}

// bothStores runs f on the fixture in an SQLite file and in a schema of
// the throwaway PostgreSQL server (TOKUMU_TEST_POSTGRES; without it the
// PostgreSQL half fails, it never skips).
func bothStores(t *testing.T, f func(t *testing.T, db editStore)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Replace(context.Background(), storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		f(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		db, err := postgres.Open(context.Background(), pgSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Replace(context.Background(), storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		f(t, db)
	})
}

var pgSeq atomic.Int64

// pgSchema makes an empty schema for one test on TOKUMU_TEST_POSTGRES and
// returns a DSN that uses it; the schema is dropped after the test.
func pgSchema(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("TOKUMU_TEST_POSTGRES")
	if dsn == "" {
		t.Fatal("TOKUMU_TEST_POSTGRES is not set: run `bash scripts/test.sh`, or `source scripts/test-postgres.sh` first")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("web%d_%d", os.Getpid(), pgSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err == nil {
			c.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
			c.Close(ctx)
		}
	})
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// syncBuffer is a log that tests read while the server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type editServer struct {
	srv    *web.Server
	url    string
	log    *syncBuffer
	tokens map[string]string // account → API token
}

// newEditServer serves db with three accounts: alice (editor), rita
// (reader) and ada (admin), and logs at the debug level into log.
func newEditServer(t testing.TB, db editStore) *editServer {
	t.Helper()
	es := &editServer{log: &syncBuffer{}, tokens: map[string]string{}}
	for name, role := range map[string]tokumu.AccountRole{"alice": tokumu.RoleEditor, "rita": tokumu.RoleReader, "ada": tokumu.RoleAdmin} {
		text, tok, err := tokumu.NewToken(name, tokumu.TokenAPI, time.Now(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AddAccount(context.Background(), &tokumu.Account{Name: name, Role: role, Created: tok.Created}, tok); err != nil {
			t.Fatal(err)
		}
		es.tokens[name] = text
	}
	srv, err := web.New(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	srv.Logger = slog.New(slog.NewTextHandler(es.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	es.url, es.srv = ts.URL, srv
	return es
}

// call sends a JSON request as the account ("" for none) and returns the
// status and the decoded answer.
func (es *editServer) call(t *testing.T, method, path, account string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, es.url+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if account != "" {
		req.Header.Set("Authorization", "Bearer "+es.tokens[account])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: status %d, not JSON: %.300s", method, path, res.StatusCode, b)
	}
	return res.StatusCode, out
}

func newClaim(note string) map[string]any {
	return map[string]any{"subject": "kwantung-army", "predicate": "located_in", "object": "harbin",
		"source": "zor23", "loc": "p/3", "when": "1939-05", "note": note}
}

// TestWriteAPI: writes need an editor's token (401 without, 403 for a
// reader); a claim is created, found by search at once, changed with its
// base (409 on a stale one), patched, refused with the field named,
// retracted and brought back by a revert; /changes lists each with its
// author and reason; and no token reaches the log.
func TestWriteAPI(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		body := map[string]any{"reason": "Coox p. 3 says so", "claim": newClaim("quuxfrobnicate headquarters")}
		if st, a := es.call(t, "POST", "/api/claims", "", body); st != 401 || a["code"] != "unauthorized" {
			t.Errorf("POST without a token: %d %v; want 401", st, a)
		}
		if st, a := es.call(t, "POST", "/api/claims", "rita", body); st != 403 || a["code"] != "forbidden" {
			t.Errorf("POST with a reader's token: %d %v; want 403", st, a)
		}
		es.tokens["mallory"] = es.tokens["alice"][:len(es.tokens["alice"])-2] + "xx"
		if st, _ := es.call(t, "POST", "/api/claims", "mallory", body); st != 401 {
			t.Errorf("POST with a forged token: %d; want 401", st)
		}
		st, a := es.call(t, "POST", "/api/claims", "alice", body)
		if st != 201 {
			t.Fatalf("POST as alice: %d %v", st, a)
		}
		claim := a["claim"].(map[string]any)
		id := claim["id"].(string)
		if !strings.HasPrefix(id, "kwantung-army~") || claim["loc"] != "p/3" {
			t.Errorf("created claim %v", claim)
		}
		rev1 := a["revision"].(map[string]any)
		if rev1["author"] != "alice" || rev1["message"] != "Coox p. 3 says so" || rev1["id"].(float64) != 1 {
			t.Errorf("revision %v; want 1 by alice with the reason", rev1)
		}
		// The write returns once this server's search shows it.
		if st, a := es.call(t, "GET", "/api/search?q=quuxfrobnicate", "", nil); st != 200 || !strings.Contains(fmt.Sprint(a), id) {
			t.Errorf("search right after the write: %d, lacks %s: %v", st, id, a)
		}
		if st, _ := es.call(t, "POST", "/api/claims", "alice", body); st != 409 {
			t.Errorf("POST of the same claim again: %d; want 409", st)
		}
		// PUT from base 0 (before revision 1 created it): stale.
		upd := newClaim("quuxfrobnicate headquarters, moved")
		upd["loc"] = "p/4"
		if st, a := es.call(t, "PUT", "/api/claims/"+id, "alice", map[string]any{"reason": "page 4", "base": 0, "claim": upd}); st != 409 || !strings.Contains(a["error"].(string), "current version is 1") {
			t.Errorf("PUT on a stale base: %d %v; want 409 naming version 1", st, a)
		}
		if st, a := es.call(t, "PUT", "/api/claims/"+id, "alice", map[string]any{"reason": "page 4", "claim": upd}); st != 400 || !strings.Contains(a["error"].(string), "base:") {
			t.Errorf("PUT without a base: %d %v; want 400 naming base", st, a)
		}
		if st, a := es.call(t, "PUT", "/api/claims/"+id, "alice", map[string]any{"reason": "page 4", "base": 1, "claim": upd}); st != 200 || a["claim"].(map[string]any)["loc"] != "p/4" {
			t.Errorf("PUT on base 1: %d %v", st, a)
		}
		if st, a := es.call(t, "PATCH", "/api/claims/"+id, "alice", map[string]any{"reason": "grade", "base": 2, "claim": map[string]any{"grade": "C3"}}); st != 200 ||
			a["claim"].(map[string]any)["grade"] != "C3" || a["claim"].(map[string]any)["loc"] != "p/4" {
			t.Errorf("PATCH of the grade: %d %v; want grade C3, loc p/4 kept", st, a)
		}
		for _, tt := range []struct {
			claim map[string]any
			field string
		}{
			{map[string]any{"predicate": "no_such"}, "claim.predicate"},
			{map[string]any{"when": "the spring"}, "claim.when"},
			{map[string]any{"source": "no-such-source"}, "claim.source"},
			{map[string]any{"object": "nobody-at-all"}, "claim.object"},
		} {
			st, a := es.call(t, "PATCH", "/api/claims/"+id, "alice", map[string]any{"reason": "bad", "base": 3, "claim": tt.claim})
			if st != 400 || a["field"] != tt.field {
				t.Errorf("PATCH %v: %d %v; want 400 naming %s", tt.claim, st, a, tt.field)
			}
		}
		if st, a := es.call(t, "DELETE", "/api/claims/"+id, "alice", map[string]any{"reason": "not in Coox after all", "base": 3}); st != 200 {
			t.Fatalf("DELETE: %d %v", st, a)
		}
		if st, _ := es.call(t, "GET", "/claims/"+id+"?format=json", "", nil); st != 404 {
			t.Errorf("the retracted claim's permalink: %d; want 404", st)
		}
		if st, a := es.call(t, "GET", "/api/search?q=quuxfrobnicate", "", nil); st != 200 || strings.Contains(fmt.Sprint(a), id) {
			t.Errorf("search after the retraction still finds %s: %v", id, a)
		}
		if st, a := es.call(t, "POST", "/api/revisions/4/revert", "alice", map[string]any{"reason": "it is in Coox, p. 4"}); st != 201 {
			t.Fatalf("revert of r4: %d %v", st, a)
		}
		if st, a := es.call(t, "GET", "/claims/"+id+"?format=json", "", nil); st != 200 || !strings.Contains(fmt.Sprint(a), "p/4") {
			t.Errorf("the claim after reverting its retraction: %d %v", st, a)
		}
		st, a = es.call(t, "GET", "/api/changes?limit=2", "", nil)
		revs := a["revisions"].([]any)
		if st != 200 || a["head"].(float64) != 5 || len(revs) != 2 || a["next"] != "4" {
			t.Fatalf("/api/changes?limit=2: %d head %v, %d revisions, next %v; want head 5, 2, next 4", st, a["head"], len(revs), a["next"])
		}
		r5 := revs[0].(map[string]any)
		if r5["author"] != "alice" || r5["message"] != "revert r4: it is in Coox, p. 4" {
			t.Errorf("r5: %v", r5)
		}
		st, a = es.call(t, "GET", "/api/claims/"+id+"/history", "", nil)
		if n := len(a["revisions"].([]any)); st != 200 || n != 5 {
			t.Errorf("history of %s: %d, %d revisions; want 5", id, st, n)
		}
		r3 := a["revisions"].([]any)[2].(map[string]any)
		if d := fmt.Sprint(r3["summary"]); !strings.Contains(d, "grade: A2 → C3") && !strings.Contains(d, "→ C3") {
			t.Errorf("r3's summary lacks the grade change: %s", d)
		}
		// Reverting r2 (the PUT): r3 changed the claim since and is still
		// in force, so it conflicts. Reverting r3 (the grade): r4 and r5
		// touched the claim but left it as r3 did, so it goes through.
		if st, a := es.call(t, "POST", "/api/revisions/2/revert", "alice", map[string]any{"reason": "no"}); st != 409 {
			t.Errorf("revert of r2 under r3's change: %d %v; want 409", st, a)
		}
		if st, a := es.call(t, "POST", "/api/revisions/3/revert", "alice", map[string]any{"reason": "the grade was right"}); st != 201 {
			t.Errorf("revert of r3, whose claim later revisions left as r3 did: %d %v; want 201", st, a)
		}
		if st, a := es.call(t, "GET", "/claims/"+id+"?format=json", "", nil); st != 200 || a["claim"].(map[string]any)["grade"] == "C3" || a["claim"].(map[string]any)["loc"] != "p/4" {
			t.Errorf("after reverting r3: %d %v; want the grade before C3 and loc p/4", st, a["claim"])
		}
		checkNoTokens(t, es)
	})
}

// checkNoTokens fails if any token, or its secret, is in the server's log.
func checkNoTokens(t *testing.T, es *editServer) {
	t.Helper()
	log := es.log.String()
	if !strings.Contains(log, "author=alice") {
		t.Errorf("the log lacks the writes (author=alice); is it the server's log?\n%s", log)
	}
	for name, text := range es.tokens {
		_, secret, _ := tokumu.ParseToken(text)
		if strings.Contains(log, text) || (secret != "" && strings.Contains(log, secret)) {
			t.Errorf("%s's token is in the server log", name)
		}
	}
	if regexp.MustCompile(`tokumu_[0-9a-f]{16}_`).MatchString(log) {
		t.Errorf("a token's text is in the server log")
	}
}

// browserClient is an HTTP client with a cookie jar that does not follow
// redirects, as a test of forms needs.
func browserClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([0-9a-f]{64})"`)

func getPage(t testing.TB, c *http.Client, u string) (int, string, *http.Response) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b), res
}

func postForm(t testing.TB, c *http.Client, u string, v url.Values) (int, string, *http.Response) {
	t.Helper()
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b), res
}

// TestForms: signing in with a token sets an HttpOnly, SameSite=Strict
// session cookie; the claim form adds a claim, shows a refused one's
// error beside its field, and refuses a post without the CSRF token;
// /changes shows the revision and reverts it.
func TestForms(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		c := browserClient()
		// Signed out, the form sends the browser to sign in.
		st, _, res := getPage(t, c, es.url+"/entities/kwantung-army/claims/new")
		if st != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/signin?next=") {
			t.Fatalf("the form signed out: %d to %q; want 303 to /signin", st, res.Header.Get("Location"))
		}
		st, body, _ := getPage(t, c, es.url+"/signin")
		m := csrfInput.FindStringSubmatch(body)
		if st != 200 || m == nil {
			t.Fatalf("/signin: %d, no CSRF field", st)
		}
		if st, _, _ := postForm(t, c, es.url+"/signin", url.Values{"token": {es.tokens["alice"]}}); st != 403 {
			t.Errorf("sign-in without its CSRF field: %d; want 403", st)
		}
		if st, body, _ := postForm(t, c, es.url+"/signin", url.Values{"token": {"tokumu_nonsense"}, "csrf": {m[1]}}); st != 401 || !strings.Contains(body, "unknown, revoked or expired") {
			t.Errorf("sign-in with a wrong token: %d; want 401 with the reason", st)
		}
		st, _, res = postForm(t, c, es.url+"/signin", url.Values{"token": {es.tokens["alice"]}, "csrf": {m[1]}, "next": {"/entities/kwantung-army/claims/new"}})
		if st != 303 || res.Header.Get("Location") != "/entities/kwantung-army/claims/new" {
			t.Fatalf("sign-in: %d to %q", st, res.Header.Get("Location"))
		}
		var session *http.Cookie
		for _, ck := range res.Cookies() {
			if ck.Name == "tokumu_session" {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure {
			t.Errorf("session cookie %+v; want HttpOnly, SameSite=Strict, not Secure on plain HTTP", session)
		}
		st, body, _ = getPage(t, c, es.url+"/entities/kwantung-army/claims/new")
		m = csrfInput.FindStringSubmatch(body)
		if st != 200 || m == nil || !strings.Contains(body, `name="base" value="0"`) {
			t.Fatalf("the form signed in: %d, csrf %v", st, m)
		}
		form := url.Values{"subject": {"kwantung-army"}, "predicate": {"located_in"}, "object": {"harbin"}, "source": {"zor23"},
			"loc": {"p/8"}, "when": {"1940"}, "note": {"zyzzyvaform note"}, "reason": {"from the form"}, "base": {"0"}}
		if st, _, _ := postForm(t, c, es.url+"/entities/kwantung-army/claims", form); st != 403 {
			t.Errorf("a form post without the CSRF token: %d; want 403", st)
		}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("csrf", m[1])
		bad.Set("when", "sometime")
		st, body, _ = postForm(t, c, es.url+"/entities/kwantung-army/claims", bad)
		if st != 400 || !strings.Contains(body, `id="e-when"`) || !strings.Contains(body, `value="p/8"`) {
			t.Errorf("a bad date: %d; want 400 with the message beside the when field and the form kept:\n%.1500s", st, body)
		}
		// A screen reader hears at once that the form was not saved: the
		// title counts the problems, and a summary that takes the focus
		// links each to its field (WCAG 3.3.1).
		for _, want := range []string{`<title>1 problem – `, `<div class="error" role="alert" id="form-errors" tabindex="-1" autofocus><p>The form was not saved: 1 problem`, `<li><a href="#f-when">`} {
			if !strings.Contains(body, want) {
				t.Errorf("a bad date: the page lacks %s", want)
			}
		}
		// Every problem at once, each beside its field: a bad date and a
		// bad grade read by the form; then, those fixed, the store's
		// refusals of the predicate and of an object given by name, which
		// names the entity the form wants.
		bad.Set("grade", "B9")
		bad.Set("by", "kwantung-armyy")
		bad.Set("reason", "")
		st, body, _ = postForm(t, c, es.url+"/entities/kwantung-army/claims", bad)
		if st != 400 || !strings.Contains(body, `id="e-when"`) || !strings.Contains(body, `id="e-grade"`) || !strings.Contains(body, `id="e-reason"`) ||
			!strings.Contains(body, `id="e-by"`) || !strings.Contains(body, "did you mean kwantung-army?") || !strings.Contains(body, `value="p/8"`) {
			t.Errorf("a bad date, grade, perspective and no reason: %d; want all four messages beside their fields in one round, the id suggested:\n%.2500s", st, body)
		}
		bad.Set("by", "")
		bad.Set("reason", "from the form")
		bad.Set("when", "1940")
		bad.Set("grade", "B2")
		bad.Set("predicate", "head_of")
		bad.Set("object", "Harbin")
		st, body, _ = postForm(t, c, es.url+"/entities/kwantung-army/claims", bad)
		if st != 400 || !strings.Contains(body, `id="e-predicate"`) || !strings.Contains(body, `id="e-object"`) ||
			!strings.Contains(body, "no entity has the id &#34;Harbin&#34;: the form takes ids — harbin") || strings.Contains(body, "changes[0]") {
			t.Errorf("a wrong predicate and an object by name: %d; want each beside its field, the id suggested, no internal path:\n%.3000s", st, body)
		}
		form.Set("csrf", m[1])
		st, _, res = postForm(t, c, es.url+"/entities/kwantung-army/claims", form)
		loc := res.Header.Get("Location")
		if st != 303 || !strings.HasPrefix(loc, "/claims/kwantung-army~") {
			t.Fatalf("the form post: %d to %q", st, loc)
		}
		if st, body, _ := getPage(t, c, es.url+loc); st != 200 || !strings.Contains(body, "zyzzyvaform note") {
			t.Errorf("the new claim's page: %d", st)
		}
		st, body, _ = getPage(t, c, es.url+"/changes")
		if st != 200 || !strings.Contains(body, `<span class="author name">alice</span>`) || !strings.Contains(body, "from the form") || !strings.Contains(body, `action="/changes/1/revert"`) {
			t.Fatalf("/changes: %d, lacks the author, the reason or the revert form:\n%.2000s", st, body)
		}
		m = csrfInput.FindStringSubmatch(body)
		if st, _, _ := postForm(t, c, es.url+"/changes/1/revert", url.Values{"reason": {"test"}}); st != 403 {
			t.Errorf("a revert without the CSRF token: %d; want 403", st)
		}
		if st, _, _ := postForm(t, c, es.url+"/changes/1/revert", url.Values{"reason": {"wrong entity"}, "csrf": {m[1]}}); st != 303 {
			t.Errorf("the revert form: %d; want 303", st)
		}
		if st, _, _ := getPage(t, c, es.url+loc); st != 404 {
			t.Errorf("the claim after the revert of its creation: %d; want 404", st)
		}
		if st, body, _ := getPage(t, c, es.url+"/changes"); st != 200 || !strings.Contains(body, "revert r1: wrong entity") {
			t.Errorf("/changes after the revert lacks it")
		}
		// The edit form of an existing claim: filled with it and the
		// newest revision as its base; saved; a second save from the same
		// base is a conflict shown on the form.
		st, body, _ = getPage(t, c, es.url+"/claims/c-doihara-head/edit")
		if st != 200 || !strings.Contains(body, `name="base" value="2"`) {
			t.Fatalf("the edit form: %d, base 2 missing:\n%.1500s", st, body)
		}
		edit := formValues(body)
		if edit.Get("predicate") == "" || edit.Get("source") == "" || edit.Get("subject") != "doihara-kenji" {
			t.Fatalf("the edit form is not filled with the claim: %v", edit)
		}
		edit.Set("loc", "p/42")
		edit.Set("reason", "page 42 in the 1993 edition")
		st, _, res = postForm(t, c, es.url+"/claims/c-doihara-head/edit", edit)
		if st != 303 || res.Header.Get("Location") != "/claims/c-doihara-head" {
			t.Fatalf("saving the edit form: %d to %q", st, res.Header.Get("Location"))
		}
		if st, a := es.call(t, "GET", "/claims/c-doihara-head?format=json", "", nil); st != 200 || a["claim"].(map[string]any)["loc"] != "p/42" {
			t.Errorf("the claim after the form's edit: %d %v; want loc p/42", st, a["claim"])
		}
		edit.Set("loc", "p/43")
		st, body, _ = postForm(t, c, es.url+"/claims/c-doihara-head/edit", edit)
		if st != 409 || !strings.Contains(body, "Someone saved a change to this claim after you opened the form.") || !strings.Contains(body, `value="p/43"`) ||
			!strings.Contains(body, `name="base" value="3"`) || !strings.Contains(body, `href="/claims/c-doihara-head/history"`) {
			t.Errorf("a second save from base 2: %d; want 409 with the conflict in the form's words, a link to what changed, the form kept on base 3:\n%.1500s", st, body)
		}
		// Saved again from the form it came back with: a deliberate
		// choice to write over the other change, which now succeeds.
		again := formValues(body)
		again.Set("csrf", edit.Get("csrf"))
		if st, _, _ = postForm(t, c, es.url+"/claims/c-doihara-head/edit", again); st != 303 {
			t.Errorf("saving the form the conflict gave back: %d; want 303", st)
		}
		if st, a := es.call(t, "GET", "/claims/c-doihara-head?format=json", "", nil); st != 200 || a["claim"].(map[string]any)["loc"] != "p/43" {
			t.Errorf("the claim after the second save: %d %v; want loc p/43", st, a["claim"])
		}
		// Saving the form of a claim keeps what the form shows beyond the
		// plain fields: the language, the operation that planted it, the
		// source's own words and the evidence links. (The form once had no
		// inputs for them, and a save dropped them.)
		st, body, _ = getPage(t, c, es.url+"/claims/c-est-1936/edit")
		if st != 200 || !strings.Contains(body, `name="named_by" value="the Japanese"`) || !strings.Contains(body, `name="supported_by" value="c-kikan-part-of"`) {
			t.Fatalf("the edit form of c-est-1936: %d, lacks the source's words or the evidence:\n%.3000s", st, body)
		}
		edit = formValues(body)
		edit.Set("loc", "p/90")
		edit.Set("reason", "page 90")
		if st, _, _ = postForm(t, c, es.url+"/claims/c-est-1936/edit", edit); st != 303 {
			t.Fatalf("saving the form of c-est-1936: %d", st)
		}
		st, a := es.call(t, "GET", "/claims/c-est-1936?format=json", "", nil)
		got, _ := json.Marshal(a["claim"])
		for _, want := range []string{`"loc":"p/90"`, `"planted_by":"placeholder-deception"`, `"named_as":{"by":"the Japanese","subject":"the Red Army in the Far East"}`,
			`"supported_by":["c-kikan-part-of"]`, `"complicated_by":["harbin","c-kikan-located"]`} {
			if st != 200 || !strings.Contains(string(got), want) {
				t.Errorf("c-est-1936 after the form's save: %d %s; want %s", st, got, want)
			}
		}
		if st, body, _ := getPage(t, c, es.url+"/claims/c-est-1936"); st != 200 || !strings.Contains(body, "the source says “the Japanese”") ||
			!strings.Contains(body, "the source calls the subject “the Red Army in the Far East”") {
			t.Errorf("the claim's page does not show the source's words: %d\n%.3000s", st, body)
		}
		// A reader signed in may not edit.
		rc := browserClient()
		_, body, _ = getPage(t, rc, es.url+"/signin")
		m = csrfInput.FindStringSubmatch(body)
		postForm(t, rc, es.url+"/signin", url.Values{"token": {es.tokens["rita"]}, "csrf": {m[1]}})
		if st, _, _ := getPage(t, rc, es.url+"/entities/kwantung-army/claims/new"); st != 403 {
			t.Errorf("the form for a reader: %d; want 403", st)
		}
		checkNoTokens(t, es)
	})
}

// TestTeamLoad is the short team load (scripts/loadtest.sh TEAM=1 runs
// the long one): 16 readers and 4 editors for 5 s on each store, after 5 s
// of the readers alone. No request fails, no update is lost, and every
// editor got writes through.
func TestTeamLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the team load runs 20 s; skipped under -short")
	}
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		rep, err := loadtest.RunTeam(context.Background(), loadtest.TeamConfig{Base: es.url, Readers: 16, Editors: 4,
			Duration: 5 * time.Second, Token: es.tokens["alice"], Baseline: true})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		rep.Print(&b)
		t.Log("\n" + b.String())
		if rep.Errors() != 0 || len(rep.Lost) != 0 {
			t.Errorf("%d errors, lost updates %v", rep.Errors(), rep.Lost)
		}
		// Every editor got writes through; the shared claim got some (on
		// a loaded machine one editor may lose every race for it in 5 s,
		// and get one write through in all: half start on the shared
		// claim).
		shared := 0
		for e := range rep.Writes {
			shared += rep.Shared[e]
			if rep.Writes[e]+rep.Shared[e] == 0 {
				t.Errorf("editor %d got no write through (own %d, shared %d); want some", e, rep.Writes[e], rep.Shared[e])
			}
		}
		if shared == 0 {
			t.Errorf("no editor got a write to the shared claim through")
		}
		if rep.Read.Requests < 100 {
			t.Errorf("the readers made %d requests in 5 s; want at least 100", rep.Read.Requests)
		}
	})
}

// TestClosedServer: with ReadRole set, reading needs an account: the API
// answers 401 without a token and 200 with a reader's, a page sends the
// browser to /signin, and /signin itself stays open.
func TestClosedServer(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	text, tok, _ := tokumu.NewToken("rita", tokumu.TokenAPI, time.Now(), 0)
	if err := db.AddAccount(ctx, &tokumu.Account{Name: "rita", Role: tokumu.RoleReader, Created: tok.Created}, tok); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	srv.ReadRole = tokumu.RoleReader
	srv.SecureCookies = true // TLS ended by a proxy in front
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := browserClient()
	if st, _, res := getPage(t, c, ts.URL+"/api/stats"); st != 401 || res.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("/api/stats without a token: %d; want 401 with WWW-Authenticate", st)
	}
	if st, _, res := getPage(t, c, ts.URL+"/entities/doihara-kenji"); st != 303 || res.Header.Get("Location") != "/signin?next=%2Fentities%2Fdoihara-kenji" {
		t.Errorf("a page without a token: %d to %q; want 303 to /signin", st, res.Header.Get("Location"))
	}
	st, _, res := getPage(t, c, ts.URL+"/signin")
	if st != 200 || len(res.Cookies()) != 1 || !res.Cookies()[0].Secure || !res.Cookies()[0].HttpOnly {
		t.Errorf("/signin on a closed server with SecureCookies: %d, cookies %v; want 200 and a Secure, HttpOnly cookie", st, res.Cookies())
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/stats", nil)
	req.Header.Set("Authorization", "Bearer "+text)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("/api/stats with a reader's token: %d", res.StatusCode)
	}
}

var (
	inputRe  = regexp.MustCompile(`<input (?:type="hidden" )?(?:id="[^"]*" )?name="([a-z_]+)" value="([^"]*)"`)
	selectRe = regexp.MustCompile(`(?s)<select id="[^"]*" name="([a-z_]+)".*?</select>`)
	chosenRe = regexp.MustCompile(`<option value="([^"]*)" selected[ >]`)
)

// formValues reads a form's inputs and selected options, as a browser
// would send them.
func formValues(body string) url.Values {
	v := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectRe.FindAllStringSubmatch(body, -1) {
		if c := chosenRe.FindStringSubmatch(m[0]); c != nil {
			v.Set(m[1], html.UnescapeString(c[1]))
		}
	}
	return v
}

// TestWriteWarnings: a claim written through the API comes back with what
// tokumu check would warn of it — here a bare figure whose note calls it
// "about" — and is written all the same; a signed figure draws none.
func TestWriteWarnings(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		claim := map[string]any{"subject": "soviet-far-eastern-forces", "predicate": "strength", "value": "40", "unit": "divisions",
			"source": "zor23", "when": "1938", "note": "about 40 divisions, as the page gives it"}
		st, a := es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "a test figure", "claim": claim})
		if st != 201 {
			t.Fatalf("POST: %d %v", st, a)
		}
		ws, _ := a["warnings"].([]any)
		if len(ws) != 1 || !strings.Contains(fmt.Sprint(ws[0]), `v: the note says "about 40" of this figure`) || !strings.Contains(fmt.Sprint(ws[0]), `write v: "~40"`) {
			t.Errorf("warnings %v; want one asking for ~40", a["warnings"])
		}
		id := a["claim"].(map[string]any)["id"].(string)
		// The claim's page, where the HTML form's save lands, shows the
		// same warning to whoever reads it, and its JSON carries it.
		c := browserClient()
		st, body, _ := getPage(t, c, es.url+"/claims/"+id)
		if st != 200 || !strings.Contains(body, `<section class="warnings"`) || !strings.Contains(body, `write v: &#34;~40&#34;`) {
			t.Errorf("the claim's page: %d; want the warning asking for ~40:\n%.3000s", st, body)
		}
		if st, a := es.call(t, "GET", "/claims/"+id+"?format=json", "", nil); st != 200 || fmt.Sprint(a["warnings"]) != fmt.Sprint(ws) {
			t.Errorf("the claim's JSON: %d, warnings %v; want %v", st, a["warnings"], ws)
		}
		rev := a["revision"].(map[string]any)["id"].(float64)
		claim["value"] = "~40"
		st, a = es.call(t, "PUT", "/api/claims/"+id, "alice", map[string]any{"reason": "the source says about", "base": rev, "claim": claim})
		if st != 200 || a["warnings"] != nil {
			t.Errorf("PUT with the sign: %d, warnings %v; want 200 and none", st, a["warnings"])
		}
		id = a["claim"].(map[string]any)["id"].(string)
		if st, body, _ := getPage(t, c, es.url+"/claims/"+id); st != 200 || strings.Contains(body, `class="warnings"`) {
			t.Errorf("the page of the claim with its sign: %d; want no warnings", st)
		}
		// A note naming a key that is no source, entity or claim is warned
		// of, with the nearest source key; known keys are not.
		claim = map[string]any{"subject": "soviet-far-eastern-forces", "predicate": "strength", "value": "41", "unit": "divisions",
			"source": "zor23", "when": "1938", "note": "as in (zor-23, p. 5), the forces (soviet-far-eastern-forces) and the book (zor23)"}
		st, a = es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "a test note", "claim": claim})
		ws, _ = a["warnings"].([]any)
		if st != 201 || len(ws) != 1 || !strings.HasPrefix(fmt.Sprint(ws[0]), "note: the note names (zor-23), which is no source, entity or claim") ||
			!strings.Contains(fmt.Sprint(ws[0]), "did you mean zor23") {
			t.Errorf("POST with an unknown key in the note: %d, warnings %v; want one naming (zor-23), suggesting zor23", st, a["warnings"])
		}
		// A grade whose letter is better than its source's (a popular
		// book of reliability C) is warned of, with the credibility alone
		// to write instead.
		claim = map[string]any{"subject": "soviet-far-eastern-forces", "predicate": "strength", "value": "42", "unit": "divisions",
			"source": "yak", "when": "1938", "grade": "B3", "note": "a test"}
		st, a = es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "a test grade", "claim": claim})
		ws, _ = a["warnings"].([]any)
		if st != 201 || len(ws) != 1 || !strings.HasPrefix(fmt.Sprint(ws[0]), "grade: ") || !strings.Contains(fmt.Sprint(ws[0]), `its source yak has reliability C`) ||
			!strings.Contains(fmt.Sprint(ws[0]), `write grade: "3"`) {
			t.Errorf("POST graded B3 on a C source: %d, %v; want one warning asking for \"3\"", st, a)
		}
	})
}

// TestEditKeepsDateWording, on both stores: an edit of another field, by
// PATCH or by the form saved as shown, keeps the date as the source wrote
// it (明治16年8月8日 beside its EDTF); a date the edit changes is read
// anew.
func TestEditKeepsDateWording(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		const id = "c-doihara-born"
		if st, a := es.call(t, "PATCH", "/api/claims/"+id, "alice", map[string]any{"reason": "grade", "base": 0, "claim": map[string]any{"grade": "C3"}}); st != 200 {
			t.Fatalf("PATCH grade: %d %v", st, a)
		}
		_, a := es.call(t, "GET", "/api/claims/"+id, "", nil)
		when, _ := a["claim"].(map[string]any)["when"].(map[string]any)
		if when["text"] != "明治16年8月8日" || when["edtf"] != "1883-08-08" {
			t.Errorf("after a PATCH of the grade the date is %v; want 明治16年8月8日 kept beside 1883-08-08", when)
		}
		c := browserClient()
		signIn(t, c, es, "alice", "/claims/"+id+"/edit")
		_, body, _ := getPage(t, c, es.url+"/claims/"+id+"/edit")
		if !strings.Contains(body, `value="明治16年8月8日"`) {
			t.Errorf("the edit form does not show the date as the source wrote it")
		}
		if st, a := es.call(t, "PATCH", "/api/claims/"+id, "alice", map[string]any{"reason": "redated", "base": 1, "claim": map[string]any{"when": "1883-08"}}); st != 200 {
			t.Fatalf("PATCH when: %d %v", st, a)
		}
		_, a = es.call(t, "GET", "/api/claims/"+id, "", nil)
		if when, _ := a["claim"].(map[string]any)["when"].(map[string]any); when["edtf"] != "1883-08" || when["text"] != nil {
			t.Errorf("after a new date: %v; want 1883-08 with no wording", when)
		}
	})
}

// TestWriteTagsScript: a text value written with no language is tagged
// by its script, as tokumu convert tags a sheet's: Russian typed into the
// API or the form is not stored as English; Han characters without kana
// (Japanese or Chinese) are refused beside the language field; a value
// with a language given keeps it.
func TestWriteTagsScript(t *testing.T) {
	{
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ds := storetest.Fixture()
		ds.Predicates = append(ds.Predicates, &tokumu.Predicate{ID: "description", Label: map[string]string{"en": "description"},
			Inverse: map[string]string{}, Domain: []tokumu.EntityType{tokumu.Organization}, Literal: tokumu.LiteralText})
		if err := db.Replace(context.Background(), ds); err != nil {
			t.Fatal(err)
		}
		es := newEditServer(t, db)
		for i, tt := range []struct {
			value, lang, want string
			status            int
		}{
			{"Бюро издавало журнал.", "", "ru", 201},
			{"ハルビンの機関。", "", "ja", 201},
			{"The bureau published a journal.", "", "", 201},
			{"Бюро издавало журнал «Вестник».", "uk", "uk", 201},
			{"哈爾濱機關", "", "", 400},
		} {
			claim := map[string]any{"subject": "harbin-tokumu-kikan", "predicate": "description", "value": tt.value, "source": "zor23"}
			if tt.lang != "" {
				claim["lang"] = tt.lang
			}
			st, a := es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "test", "base": i, "claim": claim})
			if st != tt.status {
				t.Fatalf("%q: %d %v; want %d", tt.value, st, a, tt.status)
			}
			if st == 400 {
				if a["field"] != "claim.lang" {
					t.Errorf("%q refused at %v; want claim.lang", tt.value, a["field"])
				}
				continue
			}
			if got, _ := a["claim"].(map[string]any)["lang"].(string); got != tt.want {
				t.Errorf("%q stored with lang %q; want %q", tt.value, got, tt.want)
			}
		}
		// "1922-23" typed: EDTF's autumn of 1922, or the years 1922–23 as
		// sources write them; the writer is asked which.
		claim := map[string]any{"subject": "harbin-tokumu-kikan", "predicate": "description", "value": "Active.", "source": "zor23", "when": "1922-23"}
		if st, a := es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "test", "claim": claim}); st != 400 || a["field"] != "claim.when" ||
			!strings.Contains(fmt.Sprint(a["error"]), "write 1922/1923 for the years, or autumn 1922 for the season") {
			t.Errorf("when 1922-23: %d %v", st, a)
		}
	}
}
