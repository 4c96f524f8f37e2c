package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/web"
)

// TestReleaseClaim, on both stores: after a release of the fixture and an
// edit of one of its claims, /releases/R/claims/ID shows the claim as the
// release holds it (the old locator), cites it with the release's
// permalink and links the claim as it is now, which shows the edit; the
// JSON forms agree; /api/releases lists the release; a malformed name is a
// 400 naming it, an unknown release or claim a 404.
func TestReleaseClaim(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		rs := db.(tokumu.Releases)
		r := &tokumu.Release{Name: "0123456789ab", Hash: "0123456789ab" + strings.Repeat("0", 52), Created: time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC),
			Note: "for the article", Entities: 8, Claims: 9, Sources: 3}
		if err := rs.CreateRelease(context.Background(), r, storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		es := newEditServer(t, db)
		if st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "p. 77", "base": 0, "claim": map[string]any{"loc": "p/77"}}); st != 200 {
			t.Fatalf("the edit after the release: %d %v", st, a)
		}
		st, body, _ := getPage(t, http.DefaultClient, es.url+"/releases/0123456789ab/claims/c-doihara-head")
		if st != 200 || !strings.Contains(body, "p/14") || strings.Contains(body, "p/77") || !strings.Contains(body, "As frozen in release 0123456789ab.") ||
			!strings.Contains(body, `<a href="/claims/c-doihara-head">The claim as it is now</a>`) || !strings.Contains(body, "/releases/0123456789ab/claims/c-doihara-head") ||
			strings.Contains(body, `href="/claims/c-doihara-head/edit"`) {
			t.Errorf("the claim as of the release: %d; want p/14 (not p/77), the release named, its permalink, a link to the claim now, no edit link:\n%.3000s", st, body)
		}
		if st, body, _ := getPage(t, http.DefaultClient, es.url+"/claims/c-doihara-head"); st != 200 || !strings.Contains(body, "p/77") {
			t.Errorf("the claim now: %d; want p/77\n%s", st, es.log.String())
		}
		for _, u := range []string{"/api/releases/0123456789ab/claims/c-doihara-head", "/releases/0123456789ab/claims/c-doihara-head?format=json"} {
			st, a := es.call(t, "GET", u, "", nil)
			c, _ := a["claim"].(map[string]any)
			if st != 200 || c["loc"] != "p/14" || a["release"] != "0123456789ab" || !strings.HasSuffix(fmt.Sprint(a["permalink"]), "/releases/0123456789ab/claims/c-doihara-head") {
				t.Errorf("%s: %d %v; want loc p/14, the release and its permalink", u, st, a)
			}
		}
		// The claim's own URL with ?release= leads there.
		if st, _, res := getPage(t, browserClient(), es.url+"/claims/c-doihara-head?release=0123456789ab&format=json"); st != 302 ||
			res.Header.Get("Location") != "/releases/0123456789ab/claims/c-doihara-head?format=json" {
			t.Errorf("/claims/c-doihara-head?release=0123456789ab: %d to %q; want 302 to the release's page", st, res.Header.Get("Location"))
		}
		if st, body, _ := getPage(t, http.DefaultClient, es.url+"/releases"); st != 200 || !strings.Contains(body, `<tr id="rel-0123456789ab"><td><code>0123456789ab</code></td><td><time datetime="2026-12-03T09:30:00Z">`) ||
			!strings.Contains(body, "for the article") || !strings.Contains(body, "<code>/releases/0123456789ab/claims/ID</code>") {
			t.Errorf("/releases: %d; want the release's row and how to cite it:\n%.3000s", st, body)
		}
		st, a := es.call(t, "GET", "/api/releases", "", nil)
		l, _ := a["releases"].([]any)
		if st != 200 || len(l) != 1 || l[0].(map[string]any)["name"] != "0123456789ab" || l[0].(map[string]any)["note"] != "for the article" || l[0].(map[string]any)["claims"].(float64) != 9 {
			t.Errorf("/api/releases: %d %v", st, a)
		}
		for _, tt := range []struct {
			url  string
			code int
			want string
		}{
			{"/api/releases/0123456789AB/claims/c-doihara-head", 400, "12 hex digits"},
			{"/api/releases/ffffffffffff/claims/c-doihara-head", 404, "no release ffffffffffff"},
			{"/api/releases/0123456789ab/claims/no-such-claim", 404, "holds no claim no-such-claim"},
		} {
			if st, a := es.call(t, "GET", tt.url, "", nil); st != tt.code || !strings.Contains(fmt.Sprint(a["error"]), tt.want) {
				t.Errorf("%s: %d %v; want %d with %q", tt.url, st, a, tt.code, tt.want)
			}
		}
		if st, _, _ := getPage(t, http.DefaultClient, es.url+"/releases/ffffffffffff/claims/c-doihara-head"); st != 404 {
			t.Errorf("the page of an unknown release: %d; want 404", st)
		}
	})
}

// TestServedRelease, on both stores: the footer and /api/release name the
// import while nothing is edited; after an edit the data is no release,
// and they say so ("NAME+r1", edited); once a release freezes the newest
// revision (`tokumu release create` makes no revision of its own), they
// name that release within a second, without a rebuild.
func TestServedRelease(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		release := func() map[string]any {
			t.Helper()
			st, a := es.call(t, "GET", "/api/release", "", nil)
			if st != 200 {
				t.Fatalf("/api/release: %d %v", st, a)
			}
			return a
		}
		footer := func() string {
			t.Helper()
			_, body, _ := getPage(t, http.DefaultClient, es.url+"/")
			i := strings.Index(body, `<p class="release">`)
			if i < 0 {
				t.Fatalf("no release in the footer")
			}
			return body[i:min(len(body), i+200)]
		}
		a := release()
		imported := fmt.Sprint(a["release"])
		if a["edited"] == true || a["revision"] != nil || !strings.Contains(footer(), "<code>"+imported+"</code>") {
			t.Fatalf("before any edit: %v, footer %q; want the import's name, not edited", a, footer())
		}
		if st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "p. 77", "base": 0, "claim": map[string]any{"loc": "p/77"}}); st != 200 {
			t.Fatalf("the edit: %d %v", st, a)
		}
		a = release()
		edited := imported + "+r1"
		if a["release"] != edited || a["edited"] != true || a["revision"] != float64(1) || !strings.Contains(footer(), "<code>"+strings.ReplaceAll(edited, "+", "&#43;")+"</code>") {
			t.Fatalf("after an edit: %v, footer %q; want %s, edited, revision 1", a, footer(), edited)
		}
		r := &tokumu.Release{Name: "fedcba987654", Hash: "fedcba987654" + strings.Repeat("0", 52), Revision: 1, Created: time.Now().UTC(), Claims: 9}
		if err := db.(tokumu.Releases).CreateRelease(context.Background(), r, storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for a = release(); a["release"] != "fedcba987654" && time.Now().Before(deadline); a = release() {
			time.Sleep(200 * time.Millisecond)
		}
		if a["release"] != "fedcba987654" || a["edited"] == true || !strings.Contains(footer(), "<code>fedcba987654</code>") {
			t.Errorf("after a release of revision 1: %v, footer %q; want the release's name, not edited", a, footer())
		}
	})
}

// TestServedReleaseAfterImport, on both stores: edits made before an
// import changed data the import replaced, so a server of the imported
// data names the import, not "+r1", and does not call it edited.
func TestServedReleaseAfterImport(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		_, a := es.call(t, "GET", "/api/release", "", nil)
		imported := fmt.Sprint(a["release"])
		if st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "p. 77", "base": 0, "claim": map[string]any{"loc": "p/77"}}); st != 200 {
			t.Fatalf("the edit: %d %v", st, a)
		}
		if err := db.Replace(context.Background(), storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		srv, err := web.New(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		es.url = ts.URL
		_, a = es.call(t, "GET", "/api/release", "", nil)
		if a["release"] != imported || a["edited"] == true || a["revision"] != nil {
			t.Errorf("after an import over an edit: %v; want %s, not edited, no revision", a, imported)
		}
	})
}

// TestImportAsRelease: before any release is frozen, a citation names the
// import's hash (the footer's release); its permalink resolves while the
// data is the import's, and after edits too, with the claim as imported
// (from the history); the binary's own release (Server.Frozen: the
// embedded corpus) answers as frozen.
func TestImportAsRelease(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		imported := storetest.Fixture()
		imported.Hash = "feedfacecafe" + strings.Repeat("0", 52) // as the loader hashes a corpus
		if err := db.Replace(context.Background(), imported); err != nil {
			t.Fatal(err)
		}
		es := newEditServer(t, db)
		_, a := es.call(t, "GET", "/api/release", "", nil)
		name, _ := a["release"].(string)
		if name != "feedfacecafe" {
			t.Fatalf("/api/release: %v; want release feedfacecafe", a)
		}
		u := "/api/releases/" + name + "/claims/c-doihara-head"
		if st, a := es.call(t, "GET", u, "", nil); st != 200 || a["release"] != name || a["claim"].(map[string]any)["loc"] != "p/14" {
			t.Errorf("%s before any edit: %d %v; want the import's claim", u, st, a)
		}
		if st, body, _ := getPage(t, http.DefaultClient, es.url+"/releases/"+name+"/claims/c-doihara-head"); st != 200 || !strings.Contains(body, "As frozen in release "+name+".") {
			t.Errorf("the page of the import's release: %d\n%.2000s", st, body)
		}
		if st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "p. 77", "base": 0, "claim": map[string]any{"loc": "p/77"}}); st != 200 {
			t.Fatalf("the edit: %d %v", st, a)
		}
		// After the edit the import's name still gives the claim as it was
		// imported (read back from the history), not as edited.
		if st, a := es.call(t, "GET", u, "", nil); st != 200 || a["claim"].(map[string]any)["loc"] != "p/14" {
			t.Errorf("%s after an edit: %d %v; want the imported claim, loc p/14", u, st, a)
		}
		if st, body, _ := getPage(t, http.DefaultClient, es.url+"/releases/"+name+"/claims/c-doihara-head"); st != 200 || !strings.Contains(body, "p/14") || strings.Contains(body, "p/77") {
			t.Errorf("the page of the import's release after an edit: %d", st)
		}
		st, a := es.call(t, "POST", "/api/claims", "alice", map[string]any{"reason": "Coox p. 3", "claim": newClaim("added after the import")})
		if st != 201 {
			t.Fatalf("POST: %d %v", st, a)
		}
		added := a["claim"].(map[string]any)["id"].(string)
		if st, a := es.call(t, "GET", "/api/releases/"+name+"/claims/"+added, "", nil); st != 404 || !strings.Contains(fmt.Sprint(a["error"]), "added after the import") {
			t.Errorf("a claim added after the import, asked of the import's release: %d %v; want 404", st, a)
		}
		frozen := storetest.Fixture()
		es.srv.Frozen = func(n string) (*tokumu.Dataset, bool) { return frozen, n == name }
		if st, a := es.call(t, "GET", u, "", nil); st != 200 || a["claim"].(map[string]any)["loc"] != "p/14" {
			t.Errorf("%s after an edit, the binary holding the release: %d %v; want loc p/14", u, st, a)
		}
		if st, a := es.call(t, "GET", "/api/releases/"+name+"/claims/no-such-claim", "", nil); st != 404 || !strings.Contains(fmt.Sprint(a["error"]), "no claim") {
			t.Errorf("a claim the frozen release lacks: %d %v; want 404", st, a)
		}
	})
}

// TestRevertBeforeImport: a revision made before the corpus was imported
// changed data the import replaced; reverting it would put the old data
// back over the import's (fields the revision never touched too), so it
// is refused with a 409 that says why, and /changes shows no revert form
// for it, only why.
func TestRevertBeforeImport(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		if st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "a date", "base": 0, "claim": map[string]any{"loc": "p/15"}}); st != 200 {
			t.Fatalf("the edit before the import: %d %v", st, a)
		}
		if err := db.Replace(context.Background(), storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		if err := es.srv.Swap(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		st, a := es.call(t, "POST", "/api/revisions/1/revert", "alice", map[string]any{"reason": "undo"})
		if st != 409 || !strings.Contains(fmt.Sprint(a["error"]), "the corpus imported after revision 1 replaced") {
			t.Errorf("reverting r1 after the import: %d %v; want 409 saying why", st, a)
		}
		if _, body, _ := getPage(t, http.DefaultClient, es.url+"/changes"); !strings.Contains(body, "cannot be reverted; correct what it changed with a new edit.") {
			t.Errorf("/changes does not say why r1 has no revert:\n%.3000s", body)
		}
	})
}

// TestHealth: /api/health reads the database now — 200 with the release
// and whether the read models are current, open on a closed server too —
// and answers 503 with the reason when the database does not answer,
// while the pages served from memory would still say 200.
func TestHealth(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		es.srv.ReadRole = tokumu.RoleReader
		st, a := es.call(t, "GET", "/api/health", "", nil)
		if st != 200 || a["status"] != "ok" || a["current"] != true || a["release"] == "" {
			t.Errorf("/api/health on a closed server: %d %v; want 200, ok, current", st, a)
		}
		if st, _ := es.call(t, "GET", "/api/stats", "", nil); st != 401 {
			t.Errorf("/api/stats on a closed server without a token: %d; want 401", st)
		}
		db.Close()
		st, a = es.call(t, "GET", "/api/health", "", nil)
		if st != 503 || a["status"] != "unavailable" || !strings.Contains(fmt.Sprint(a["error"]), "the database does not answer") {
			t.Errorf("/api/health with the database closed: %d %v; want 503 and why", st, a)
		}
	})
}

// fullDisk is a store whose writes fail as a full disk makes them fail.
type fullDisk struct{ editStore }

var errFullDisk = errors.New("sqlite: apply: commit: database or disk is full (13)")

func (fullDisk) Apply(context.Context, *tokumu.Revision) error { return errFullDisk }

// TestUnavailable: an error that is the database's state, not a fault
// (Server.Unavailable: here a full disk), is a 503 with words for the
// person, not "internal error"; the claim form comes back with what was
// typed and why nothing was saved.
func TestUnavailable(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, fullDisk{db})
		es.srv.Unavailable = func(err error) string {
			if errors.Is(err, errFullDisk) {
				return "the disk that holds the database is full: nothing was saved"
			}
			return ""
		}
		st, a := es.call(t, "PATCH", "/api/claims/c-doihara-head", "alice", map[string]any{"reason": "p. 77", "base": 0, "claim": map[string]any{"loc": "p/77"}})
		if st != 503 || a["code"] != "unavailable" || !strings.Contains(fmt.Sprint(a["error"]), "the disk that holds the database is full") {
			t.Errorf("a write on a full disk: %d %v; want 503 saying why", st, a)
		}
		c := browserClient()
		csrf := signIn(t, c, es, "alice", "/entities/kwantung-army/claims/new")
		form := url.Values{"subject": {"kwantung-army"}, "predicate": {"located_in"}, "object": {"harbin"}, "source": {"zor23"},
			"note": {"a long note typed by hand"}, "reason": {"from the form"}, "base": {"0"}, "csrf": {csrf}}
		st, body, _ := postForm(t, c, es.url+"/entities/kwantung-army/claims", form)
		if st != 503 || !strings.Contains(body, "a long note typed by hand") || !strings.Contains(body, "nothing was saved") {
			t.Errorf("the claim form on a full disk: %d; want 503 with the form and its text kept:\n%.2000s", st, body)
		}
	})
}

// TestReleaseOfUneditedImport, on both stores: `release create` on an
// unedited import freezes it under its export's name, and from then on
// the footer and every citation give that name — the one `export
// --release` writes back out — not the import's; a release made at the
// same revision number before a later import froze other data and names
// nothing.
func TestReleaseOfUneditedImport(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		ctx := context.Background()
		release := func() map[string]any {
			t.Helper()
			_, a := es.call(t, "GET", "/api/release", "", nil)
			return a
		}
		imported := fmt.Sprint(release()["release"])
		head, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		old := &tokumu.Release{Name: "0ddba11c0ffe", Hash: "0ddba11c0ffe" + strings.Repeat("0", 52), Revision: head, Created: time.Now().UTC().Add(-time.Hour), Claims: 9}
		if err := db.(tokumu.Releases).CreateRelease(ctx, old, storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1100 * time.Millisecond) // the server asks again at most once a second
		if a := release(); a["release"] != imported {
			t.Errorf("with a release made before the import at the same revision: %v; want the import's %s", a, imported)
		}
		r := &tokumu.Release{Name: "c0ffee123456", Hash: "c0ffee123456" + strings.Repeat("0", 52), Revision: head, Created: time.Now().UTC(), Claims: 9}
		if err := db.(tokumu.Releases).CreateRelease(ctx, r, storetest.Fixture()); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		a := release()
		for ; a["release"] != "c0ffee123456" && time.Now().Before(deadline); a = release() {
			time.Sleep(200 * time.Millisecond)
		}
		if a["release"] != "c0ffee123456" || a["edited"] == true {
			t.Errorf("after a release of the unedited import: %v; want c0ffee123456, not edited", a)
		}
		if _, body, _ := getPage(t, http.DefaultClient, es.url+"/entities/harbin-tokumu-kikan"); !strings.Contains(body, "release c0ffee123456") {
			t.Error("the entity's Cite this does not name the frozen release")
		}
	})
}
