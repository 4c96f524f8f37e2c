package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/storetest"
)

var tokenLine = regexp.MustCompile(`(?m)^tokumu_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$`)

// fixtureDBs returns the storetest fixture in an SQLite file and in a
// PostgreSQL schema, as --db values.
// TestImportReachesServers: an import onto a PostgreSQL database that
// servers are serving (the upgrade path, under them) is read by every
// one of them within a second: the import announces itself as an edit
// does, and a server compares the corpus's hash as well as its revision.
// SIGHUP reloads rather than ending the server.
func TestImportReachesServers(t *testing.T) {
	dsn := postgresDSN(t)
	var log syncBuf
	base := startServe(t, dsn, &log)
	release := func() string {
		res, err := http.Get(base + "/api/release")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var r struct{ Release string }
		json.NewDecoder(res.Body).Decode(&r)
		return r.Release
	}
	before := release()
	ctx := context.Background()
	pg, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	ds := storetest.Fixture()
	ds.Hash = "feedfacecafe" + strings.Repeat("0", 52)
	if err := pg.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	imported := time.Now()
	for release() != "feedfacecafe" {
		if time.Since(imported) > 2*time.Second {
			t.Fatalf("the server still cites %s 2 s after the import (was %s):\n%s", release(), before, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	res, err := http.Get(base + "/api/entities/harbin-tokumu-kikan")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("an entity of the imported data: %d", res.StatusCode)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(log.String(), "tokumu: reloaded ") {
		if time.Since(imported) > 10*time.Second {
			t.Fatalf("no reload on SIGHUP:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if release() != "feedfacecafe" {
		t.Errorf("after SIGHUP the server cites %s", release())
	}
}

func fixtureDBs(t *testing.T) map[string]string {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "team.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	dsn := postgresDSN(t)
	pg, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := pg.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	pg.Close()
	return map[string]string{"sqlite": path, "postgres": dsn}
}

// teamStore is a fixture database opened as the server opens it.
type teamStore interface {
	tokumu.Store
	tokumu.Editor
	tokumu.Accounts
}

// openTeam opens the --db value db of a fixtureDBs kind.
func openTeam(t *testing.T, kind, db string) teamStore {
	t.Helper()
	ctx := context.Background()
	var st teamStore
	var err error
	if kind == "sqlite" {
		st, err = sqlite.Open(ctx, db, sqlite.Options{})
	} else {
		st, err = postgres.Open(ctx, db)
	}
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestUserTokenHistory: user add prints a token once and refuses a taken
// name or an unknown role; user list shows the token's id, never the
// token; token revoke ends it; history shows a revision with its author,
// reason and what changed.
func TestUserTokenHistory(t *testing.T) {
	for kind, db := range fixtureDBs(t) {
		t.Run(kind, func(t *testing.T) {
			code, out, errs := run(t, db, "user", "add", "alice", "--role", "editor")
			m := tokenLine.FindStringSubmatch(out)
			if code != 0 || m == nil || !strings.Contains(out, "account alice (editor) created") {
				t.Fatalf("user add: exit %d, stdout %q, stderr %q", code, out, errs)
			}
			token, id := m[0], m[1]
			if code, _, errs := run(t, db, "user", "add", "alice"); code != 1 || !strings.Contains(errs, `account "alice" exists already`) {
				t.Errorf("a second alice: exit %d, %q; want 1 and the reason", code, errs)
			}
			if code, _, errs := run(t, db, "user", "add", "bob", "--role", "boss"); code != 2 || !strings.Contains(errs, "give reader, editor or admin") {
				t.Errorf("--role boss: exit %d, %q; want 2 and the roles", code, errs)
			}
			if code, _, errs := run(t, db, "user", "add", "Bob Smith"); code != 2 || !strings.Contains(errs, "account name") {
				t.Errorf("a name with a space: exit %d, %q; want 2", code, errs)
			}
			code, out, _ = run(t, db, "user", "list")
			if code != 0 || !regexp.MustCompile(`alice\s+editor\s+`+id+`\s+api\s+valid`).MatchString(out) || strings.Contains(out, token) {
				t.Errorf("user list: exit %d:\n%s", code, out)
			}
			if code, out, _ := run(t, db, "token", "revoke", id); code != 0 || out != "revoked token "+id+"\n" {
				t.Errorf("token revoke: exit %d, %q", code, out)
			}
			if code, _, errs := run(t, db, "token", "revoke", "00000000000000ff"); code != 1 || !strings.Contains(errs, "no token") {
				t.Errorf("revoking an unknown token: exit %d, %q", code, errs)
			}
			code, out, _ = run(t, db, "--json", "user", "list")
			var users []struct {
				Name   string
				Tokens []struct{ ID, Revoked string }
			}
			if err := json.Unmarshal([]byte(out), &users); code != 0 || err != nil || len(users) != 1 || users[0].Tokens[0].Revoked == "" {
				t.Errorf("user list --json after the revocation: %v %s", err, out)
			}
			if code, _, errs := run(t, db, "history"); code != 1 || !strings.Contains(errs, "no revisions yet") {
				t.Errorf("history before any edit: exit %d, %q", code, errs)
			}
			// One edit through the store, as the server makes it.
			ctx := context.Background()
			st := openTeam(t, kind, db)
			cs, err := st.Claims(ctx, tokumu.ClaimFilter{Subject: "doihara-kenji"})
			if err != nil {
				t.Fatal(err)
			}
			var c *tokumu.Claim
			for _, x := range cs {
				if x.ID == "c-doihara-head" {
					c = x
				}
			}
			old := c.Locator
			c.Locator = "p/77"
			if err := st.Apply(ctx, &tokumu.Revision{Author: "alice", Message: "the page is 77",
				Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			code, out, _ = run(t, db, "history", "c-doihara-head")
			want := fmt.Sprintf("changed claim c-doihara-head: loc: %s → p/77", old)
			if code != 0 || !regexp.MustCompile(`^r1  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  alice  the page is 77\n`).MatchString(out) || !strings.Contains(out, want) {
				t.Errorf("history c-doihara-head: exit %d:\n%s\nwant r1 by alice and %q", code, out, want)
			}
			code, out, _ = run(t, db, "--json", "history")
			var revs []tokumu.Revision
			if err := json.Unmarshal([]byte(out), &revs); code != 0 || err != nil || len(revs) != 1 || revs[0].Author != "alice" || revs[0].Changes[0].ID != "c-doihara-head" {
				t.Errorf("history --json: %v %s", err, out)
			}
			if code, _, _ := run(t, db, "history", "--author", "bob"); code != 1 {
				t.Errorf("history --author bob: exit %d, want 1 (none)", code)
			}
			// The entity's history holds the claim about it; another
			// entity's holds nothing.
			if code, out, _ := run(t, db, "history", "--entity", "doihara-kenji"); code != 0 || !strings.HasPrefix(out, "r1  ") || !strings.Contains(out, want) {
				t.Errorf("history --entity doihara-kenji: exit %d:\n%s", code, out)
			}
			if code, _, errs := run(t, db, "history", "--entity", "harbin"); code != 1 || !strings.Contains(errs, "no revision changed harbin") {
				t.Errorf("history --entity harbin: exit %d %q; want 1, none", code, errs)
			}
		})
	}
}

// syncBuf is a log written by a server while the test reads it.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuf) Write(p []byte) (int, error) { b.mu.Lock(); defer b.mu.Unlock(); return b.b.Write(p) }
func (b *syncBuf) String() string              { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs `tokumu serve --db db` in this process until the test
// ends, and waits until it answers.
func startServe(t *testing.T, db string, log io.Writer) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: log, Stderr: log, Getenv: func(string) string { return "" }}
		done <- m.Run(ctx, []string{"serve", "--db", db, "--addr", addr})
	}()
	t.Cleanup(func() { cancel(); <-done })
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + addr + "/api/stats")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return "http://" + addr
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, log)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("serve on %s did not answer within 60 s", addr)
	return ""
}

// TestTwoInstances: two `tokumu serve` on one PostgreSQL database; a claim
// written through the first is in the second's search within 1 s
// (LISTEN/NOTIFY), and neither log holds the token.
func TestTwoInstances(t *testing.T) {
	dsn := postgresDSN(t)
	code, out, errs := run(t, dsn, "user", "add", "alice", "--role", "editor")
	token := tokenLine.FindString(out)
	if code != 0 || token == "" {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	var logA, logB syncBuf
	a := startServe(t, dsn, &logA)
	b := startServe(t, dsn, &logB)
	search := func(base, q string) string {
		res, err := http.Get(base + "/api/search?q=" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return string(body)
	}
	note := "glorpwizzle"
	if strings.Contains(search(b, note), "kwantung") {
		t.Fatal("the note is found before it is written")
	}
	body := fmt.Sprintf(`{"reason": "two instances", "claim": {"subject": "harbin-tokumu-kikan", "predicate": "located_in", "object": "harbin", "source": "zor23", "note": "%s"}}`, note)
	req, _ := http.NewRequest("POST", a+"/api/claims", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ans struct{ Claim struct{ ID string } }
	json.NewDecoder(res.Body).Decode(&ans)
	res.Body.Close()
	if res.StatusCode != 201 || ans.Claim.ID == "" {
		t.Fatalf("POST to the first instance: %d", res.StatusCode)
	}
	written := time.Now()
	if !strings.Contains(search(a, note), ans.Claim.ID) {
		t.Errorf("the first instance's search lacks %s right after the write", ans.Claim.ID)
	}
	for !strings.Contains(search(b, note), ans.Claim.ID) {
		if time.Since(written) > time.Second {
			t.Fatalf("the second instance's search lacks %s 1 s after the write", ans.Claim.ID)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the second instance found the claim %v after the first answered", time.Since(written).Round(time.Millisecond))
	_, secret, _ := tokumu.ParseToken(token)
	for name, log := range map[string]string{"first": logA.String(), "second": logB.String()} {
		if strings.Contains(log, secret) {
			t.Errorf("the %s instance's log holds the token", name)
		}
	}
	if !strings.Contains(logA.String(), "author=alice") || !strings.Contains(logB.String(), "read models rebuilt") {
		t.Errorf("the logs lack the write (first) or the rebuild (second):\n%s\n---\n%s", logA.String(), logB.String())
	}
}

// TestServeEditsSQLite: `tokumu serve` on an SQLite file takes writes into
// the file it serves (its connections are pinned but not immutable) and
// shows them at once; the file watcher does not mistake its own writes
// for a new file.
func TestServeEditsSQLite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "team.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, out, _ := run(t, db, "user", "add", "alice")
	token := tokenLine.FindString(out)
	var log syncBuf
	base := startServe(t, db, &log)
	body := `{"reason": "sqlite", "claim": {"subject": "kwantung-army", "predicate": "located_in", "object": "harbin", "source": "zor23", "note": "snorkelfizz"}}`
	req, _ := http.NewRequest("POST", base+"/api/claims", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("POST: %d\n%s", res.StatusCode, log.String())
	}
	res, err = http.Get(base + "/api/search?q=snorkelfizz")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(got), "kwantung-army~") {
		t.Errorf("search after the write: %s", got)
	}
	time.Sleep(1500 * time.Millisecond) // past the watcher's next look
	if strings.Contains(log.String(), "reloaded") {
		t.Errorf("the watcher reloaded after the server's own write:\n%s", log.String())
	}
	if code, out, _ := run(t, db, "history"); code != 0 || !strings.Contains(out, "alice  sqlite") {
		t.Errorf("history after the write: %d %s", code, out)
	}
	// stats names the data as the server's footer does: edited, no
	// release holds it.
	if code, out, _ := run(t, db, "stats"); code != 0 || !regexp.MustCompile(`release\s+\S+\+r1\n`).MatchString(out) {
		t.Errorf("stats after the write: %d %s; want the release with +r1", code, out)
	}
	// A backup taken while the server runs holds the write (a copy of
	// the file alone may lack what is still in its write-ahead log), and
	// the account; a second backup to the same name is refused.
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errs := run(t, db, "backup", copyPath); code != 0 || !strings.Contains(out, "backed up "+db+" to "+copyPath) {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, copyPath, "history"); code != 0 || !strings.Contains(out, "alice  sqlite") {
		t.Errorf("history of the backup: %d %s", code, out)
	}
	if code, out, _ := run(t, copyPath, "user", "list"); code != 0 || !strings.Contains(out, "alice") {
		t.Errorf("accounts of the backup: %d %s", code, out)
	}
	if code, _, errs := run(t, db, "backup", copyPath); code == 0 || !strings.Contains(errs, "a backup never overwrites a file") {
		t.Errorf("a backup over an existing file: %d %s", code, errs)
	}
}

// TestImportKeepsEdits: an import onto a database that holds edits made
// since its corpus was imported writes nothing and says how to keep them;
// --discard-edits replaces it, after which the edits no longer count as
// made on the data (a second import needs no flag) and a server serves
// the import's release, not "+r1".
func TestImportKeepsEdits(t *testing.T) {
	for kind, db := range fixtureDBs(t) {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			open := func() teamStore { return openTeam(t, kind, db) }
			if code, _, errs := run(t, db, "import", good); code != 0 {
				t.Fatalf("import onto a database without edits: exit %d, %s", code, errs)
			}
			if code, _, errs := run(t, db, "user", "add", "alice", "--role", "editor"); code != 0 {
				t.Fatalf("user add: exit %d, %s", code, errs)
			}
			st := open()
			cs, err := st.Claims(ctx, tokumu.ClaimFilter{})
			if err != nil || len(cs) == 0 {
				t.Fatal(err, len(cs))
			}
			c := cs[0]
			c.Locator = "p/77"
			if err := st.Apply(ctx, &tokumu.Revision{Author: "alice", Message: "the page is 77",
				Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			code, _, errs := run(t, db, "import", good)
			if code != 1 || !strings.Contains(errs, "holds 1 revision made through the editor since its corpus was imported (r") ||
				!strings.Contains(errs, "by alice") || !strings.Contains(errs, "nothing was written") || !strings.Contains(errs, "--discard-edits") {
				t.Fatalf("import over an edit: exit %d, stderr %q; want 1 and what would be lost", code, errs)
			}
			st = open()
			after, err := st.Claims(ctx, tokumu.ClaimFilter{Subject: c.Subject})
			st.Close()
			kept := false
			for _, x := range after {
				kept = kept || x.ID == c.ID && x.Locator == "p/77"
			}
			if err != nil || !kept {
				t.Fatalf("after the refused import the edit is gone (%v); want it kept", err)
			}
			if code, _, errs := run(t, db, "import", good, "--discard-edits"); code != 0 {
				t.Fatalf("import --discard-edits: exit %d, %s", code, errs)
			}
			if code, _, errs := run(t, db, "import", good); code != 0 {
				t.Errorf("a second import after --discard-edits: exit %d, %s; the edit was made before the first", code, errs)
			}
			st = open()
			defer st.Close()
			head, _ := tokumu.HeadRevision(ctx, st)
			since, _ := tokumu.ImportRevision(ctx, st)
			// On both stores an import replaces the corpus, not the team:
			// the history stays, marked as made before the import, and
			// the accounts with it.
			if head != 1 || since != 1 {
				t.Errorf("%s after the import: head %d, import revision %d; want the history kept (1) and the import after it", kind, head, since)
			}
			if accs, err := st.Accounts(ctx); err != nil || len(accs) != 1 || accs[0].Name != "alice" {
				t.Errorf("%s after the import: accounts %v %v; want alice kept", kind, accs, err)
			}
			if revs, n, err := tokumu.EditsSinceImport(ctx, st, 10); err != nil || n != 0 || len(revs) != 0 {
				t.Errorf("edits since the import: %d %v %v; want none", n, revs, err)
			}
			code, out, _ := run(t, db, "history")
			if code != 0 || !strings.HasPrefix(out, "— the corpus was imported after r1: the revisions below changed the data that import replaced —\nr1  ") {
				t.Errorf("history after the import: exit %d:\n%s", code, out)
			}
		})
	}
}

// TestOlderEmbeddedWithEdits: a database holding an earlier version's
// embedded corpus is rebuilt from this version's — unless it holds edits,
// which a rebuild would lose: then it is kept and stderr says how to move.
func TestOlderEmbeddedWithEdits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds := storetest.Fixture()
	ds.Hash = embeddedPrefix + "0123456789abcdef"
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	c.Locator = "p/77"
	if err := db.Apply(ctx, &tokumu.Revision{Author: "alice", Message: "the page is 77",
		Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errs := run(t, path, "--json", "stats")
	if code != 0 || !strings.Contains(errs, "holds 1 revision made through the editor") || !strings.Contains(errs, "To keep them: tokumu export --db "+path) || !strings.Contains(errs, "delete the file") {
		t.Fatalf("stats on an edited older embedded corpus: exit %d, stderr %q", code, errs)
	}
	var st struct{ Claims int }
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Claims != len(ds.Claims) {
		t.Errorf("stats: %v %s; want the kept database's %d claims", err, out, len(ds.Claims))
	}
}

// TestRevokeEndsSessions: revoking an API token ends its account's
// browser sessions (a session does not record the token it was opened
// with), so that a leaked token's browser cannot keep writing; another
// account's sessions stay.
func TestRevokeEndsSessions(t *testing.T) {
	for kind, db := range fixtureDBs(t) {
		t.Run(kind, func(t *testing.T) {
			code, out, _ := run(t, db, "user", "add", "boris", "--role", "editor")
			m := tokenLine.FindStringSubmatch(out)
			if code != 0 || m == nil {
				t.Fatalf("user add: %d %q", code, out)
			}
			run(t, db, "user", "add", "carol", "--role", "editor")
			ctx := context.Background()
			acc := openTeam(t, kind, db)
			defer acc.Close()
			session := func(name string) string {
				_, tok, err := tokumu.NewToken(name, tokumu.TokenSession, time.Now(), 12*time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				if err := acc.AddToken(ctx, tok); err != nil {
					t.Fatal(err)
				}
				return tok.ID
			}
			boris, carol := session("boris"), session("carol")
			code, out, errs := run(t, db, "token", "revoke", m[1])
			if code != 0 || out != "revoked token "+m[1]+" and ended its account's browser session\n" {
				t.Fatalf("token revoke: exit %d, %q %q", code, out, errs)
			}
			for id, want := range map[string]bool{boris: true, carol: false} {
				tok, _, err := acc.Token(ctx, id)
				if err != nil || tok.Revoked.IsZero() == want {
					t.Errorf("session %s of %s: revoked %v, want %v (%v)", id, tok.Account, !tok.Revoked.IsZero(), want, err)
				}
			}
		})
	}
}

// TestExportKeepsEditedIDs: a claim created through the editor has a
// derived id; an edit of what the id was derived from (its source) keeps
// the id, so the YAML export writes it out explicitly — and that corpus
// must load back, with the claim under its permalink.
func TestExportKeepsEditedIDs(t *testing.T) {
	db := fixtureDBs(t)["sqlite"]
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &tokumu.Claim{Subject: "harbin-tokumu-kikan", Predicate: "located_in", Object: "harbin", Where: "", Source: "zor23",
		Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}}
	c.ID = tokumu.DeriveClaimID(c)
	if err := st.Apply(ctx, &tokumu.Revision{Author: "alice", Message: "new", Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}); err != nil {
		t.Fatal(err)
	}
	edited := *c
	edited.Source = "yak"
	if err := st.Apply(ctx, &tokumu.Revision{Base: 1, Author: "alice", Message: "the other book", Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: &edited}}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, errs := run(t, db, "export", "--format", "yaml", "-o", dir); code != 0 {
		t.Fatalf("export: exit %d, %s", code, errs)
	}
	if code, out, errs := run(t, "", "check", dir); code != 0 {
		t.Fatalf("check of the export: exit %d\n%s%s", code, out, errs)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if code, _, errs := run(t, back, "import", dir); code != 0 {
		t.Fatalf("import of the export: exit %d, %s", code, errs)
	}
	if code, out, _ := run(t, back, "show", c.ID); code != 0 || !strings.Contains(out, "yak") {
		t.Errorf("show %s after the round trip: exit %d\n%s", c.ID, code, out)
	}
}

// TestUserRoleRevoke: an account's role changes from its next request on,
// and a member who leaves loses every token and session while the account
// stays, named on its revisions; mistakes are refused with the fix.
func TestUserRoleRevoke(t *testing.T) {
	for kind, db := range fixtureDBs(t) {
		t.Run(kind, func(t *testing.T) {
			if code, _, errs := run(t, db, "user", "add", "rita", "--role", "reader"); code != 0 {
				t.Fatalf("user add: %d %s", code, errs)
			}
			if code, out, errs := run(t, db, "user", "role", "rita", "editor"); code != 0 || out != "rita is now an editor\n" {
				t.Errorf("user role: %d %q %s", code, out, errs)
			}
			if code, out, errs := run(t, db, "user", "revoke", "rita"); code != 0 || !strings.HasPrefix(out, "revoked 1 token or session of rita: the account stays") {
				t.Errorf("user revoke: %d %q %s", code, out, errs)
			}
			if code, out, _ := run(t, db, "user", "list"); code != 0 || !regexp.MustCompile(`rita\s+editor\s+\S+\s+api\s+revoked`).MatchString(out) {
				t.Errorf("user list after role and revoke: %d\n%s", code, out)
			}
			if code, _, errs := run(t, db, "user", "role", "rita", "boss"); code != 2 || !strings.Contains(errs, "reader, editor or admin") {
				t.Errorf("a bad role: %d %s", code, errs)
			}
			if code, _, errs := run(t, db, "user", "role", "nobody", "editor"); code != 1 || !strings.Contains(errs, `no account "nobody"`) {
				t.Errorf("the role of no account: %d %s", code, errs)
			}
		})
	}
}
