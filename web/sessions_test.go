package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/web"
)

// addSession stores a session token for the account created at created
// and lasting ttl, and returns its id.
func addSession(t *testing.T, db editStore, account string, created time.Time, ttl time.Duration) string {
	t.Helper()
	_, tok, err := tokumu.NewToken(account, tokumu.TokenSession, created, ttl)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddToken(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	return tok.ID
}

func tokenIDs(t *testing.T, db editStore, account string) map[string]tokumu.TokenKind {
	t.Helper()
	ts, err := db.Tokens(context.Background(), account)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]tokumu.TokenKind{}
	for _, tk := range ts {
		out[tk.ID] = tk.Kind
	}
	return out
}

// TestExpiredSessionsDeleted, on both stores: signing in deletes the
// sessions that expired (alice's from yesterday), leaving her API token
// and the new session; SweepSessions deletes one that expires while the
// server runs.
func TestExpiredSessionsDeleted(t *testing.T) {
	bothStores(t, func(t *testing.T, db editStore) {
		es := newEditServer(t, db)
		old := addSession(t, db, "alice", time.Now().Add(-25*time.Hour), time.Hour)
		if ids := tokenIDs(t, db, "alice"); len(ids) != 2 || ids[old] != tokumu.TokenSession {
			t.Fatalf("alice's tokens before signing in: %v; want her API token and the old session", ids)
		}
		c := browserClient()
		_, body, _ := getPage(t, c, es.url+"/signin")
		m := csrfInput.FindStringSubmatch(body)
		if st, _, _ := postForm(t, c, es.url+"/signin", url.Values{"token": {es.tokens["alice"]}, "csrf": {m[1]}}); st != 303 {
			t.Fatalf("signing in: %d", st)
		}
		ids := tokenIDs(t, db, "alice")
		sessions := 0
		for _, k := range ids {
			if k == tokumu.TokenSession {
				sessions++
			}
		}
		if _, ok := ids[old]; ok || len(ids) != 2 || sessions != 1 {
			t.Errorf("alice's tokens after signing in: %v; want her API token and only the new session", ids)
		}

		// The periodic sweep, on a server of its own.
		srv, err := web.New(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		brief := addSession(t, db, "rita", time.Now(), 50*time.Millisecond)
		go srv.SweepSessions(ctx, 20*time.Millisecond)
		deadline := time.Now().Add(3 * time.Second)
		for {
			if _, ok := tokenIDs(t, db, "rita")[brief]; !ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("SweepSessions left a session that expired 3 s ago")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if ids := tokenIDs(t, db, "rita"); len(ids) != 1 {
			t.Errorf("rita's tokens after the sweep: %v; want her API token only", ids)
		}
	})
}
