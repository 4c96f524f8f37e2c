package storetest

import (
	"testing"
	"time"

	"github.com/tokumu/tokumu"
)

// accountCases run when Config.Accounts is set: the store must implement
// tokumu.Accounts.
var accountCases = []testCase{
	{"Accounts", testAccounts},
	{"AccountsSurviveReplace", testAccountsSurviveReplace},
	{"DeleteExpiredSessions", testDeleteExpiredSessions},
}

func accounts(t testing.TB, h *harness) tokumu.Accounts {
	t.Helper()
	a, ok := h.s.(tokumu.Accounts)
	if !ok {
		t.Fatalf("Config.Accounts is set but %T does not implement tokumu.Accounts", h.s)
	}
	return a
}

func newAccount(t testing.TB, a tokumu.Accounts, name string, role tokumu.AccountRole) string {
	t.Helper()
	now := time.Now()
	text, tok, err := tokumu.NewToken(name, tokumu.TokenAPI, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddAccount(ctx(), &tokumu.Account{Name: name, Role: role, Created: tok.Created}, tok); err != nil {
		t.Fatalf("AddAccount(%s): %v", name, err)
	}
	return text
}

// testAccounts: accounts with tokens are kept and listed by name; a token
// signs in as its account until revoked; a wrong secret, a wrong kind, an
// expired or revoked token and an unknown id all fail alike; the store
// keeps only the hash.
func testAccounts(t testing.TB, h *harness) {
	a := accounts(t, h)
	bobText := newAccount(t, a, "bob", tokumu.RoleReader)
	aliceText := newAccount(t, a, "alice", tokumu.RoleEditor)
	tok := func(text string) *tokumu.Token {
		id, _, ok := tokumu.ParseToken(text)
		if !ok {
			t.Fatalf("ParseToken(NewToken's text) failed")
		}
		tk, _, err := a.Token(ctx(), id)
		if err != nil {
			t.Fatalf("Token(%s): %v", id, err)
		}
		return tk
	}
	err := a.AddAccount(ctx(), &tokumu.Account{Name: "alice", Role: tokumu.RoleAdmin, Created: time.Now()}, &tokumu.Token{ID: "0000000000000000", Account: "alice", Kind: tokumu.TokenAPI, Hash: []byte{1}, Created: time.Now()})
	checkCode(t, "a second account named alice", err, tokumu.ECONFLICT)
	as, err := a.Accounts(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Name != "alice" || as[0].Role != tokumu.RoleEditor || as[1].Name != "bob" || as[1].Role != tokumu.RoleReader {
		t.Fatalf("Accounts: %+v; want alice (editor) then bob (reader)", as)
	}
	if time.Since(as[0].Created) > time.Minute || as[0].Created.After(time.Now()) {
		t.Errorf("alice's Created = %v, want about now", as[0].Created)
	}
	acc, _, err := tokumu.Authenticate(ctx(), a, aliceText, tokumu.TokenAPI, time.Now())
	if err != nil || acc.Name != "alice" || acc.Role != tokumu.RoleEditor {
		t.Fatalf("Authenticate(alice's token) = %+v, %v; want alice, editor", acc, err)
	}
	// A role changed is the role of the account's next request.
	if err := a.SetRole(ctx(), "bob", tokumu.RoleEditor); err != nil {
		t.Fatalf("SetRole(bob, editor): %v", err)
	}
	if acc, _, err := tokumu.Authenticate(ctx(), a, bobText, tokumu.TokenAPI, time.Now()); err != nil || acc.Role != tokumu.RoleEditor {
		t.Errorf("Authenticate(bob's token) after SetRole = %+v, %v; want editor", acc, err)
	}
	checkCode(t, "SetRole of no account", a.SetRole(ctx(), "nobody", tokumu.RoleReader), tokumu.ENOTFOUND)
	if err := a.SetRole(ctx(), "bob", tokumu.RoleReader); err != nil {
		t.Fatalf("SetRole(bob, reader): %v", err)
	}
	stored := tok(aliceText)
	if len(stored.Hash) != 32 {
		t.Errorf("the stored hash has %d bytes, want SHA-256's 32", len(stored.Hash))
	}
	_, secret, _ := tokumu.ParseToken(aliceText)
	if string(stored.Hash) == secret {
		t.Errorf("the store keeps the secret itself")
	}
	// The last character of the secret changed: same id, wrong secret.
	wrong := aliceText[:len(aliceText)-1] + map[bool]string{true: "A", false: "B"}[aliceText[len(aliceText)-1] != 'A']
	for name, text := range map[string]string{"a wrong secret": wrong, "an unknown id": "tokumu_00000000000000ff_" + secret, "garbage": "Bearer x"} {
		_, _, err := tokumu.Authenticate(ctx(), a, text, tokumu.TokenAPI, time.Now())
		checkCode(t, name, err, tokumu.EUNAUTHORIZED)
	}
	_, _, err = tokumu.Authenticate(ctx(), a, aliceText, tokumu.TokenSession, time.Now())
	checkCode(t, "an API token as a session", err, tokumu.EUNAUTHORIZED)
	// A session token that expires in an hour: valid now, not in two.
	sText, sTok, err := tokumu.NewToken("bob", tokumu.TokenSession, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddToken(ctx(), sTok); err != nil {
		t.Fatal(err)
	}
	if acc, _, err := tokumu.Authenticate(ctx(), a, sText, tokumu.TokenSession, time.Now()); err != nil || acc.Name != "bob" {
		t.Errorf("Authenticate(bob's session) = %+v, %v", acc, err)
	}
	_, _, err = tokumu.Authenticate(ctx(), a, sText, tokumu.TokenSession, time.Now().Add(2*time.Hour))
	checkCode(t, "a session two hours later", err, tokumu.EUNAUTHORIZED)
	if got := tok(sText); !got.Expires.Equal(sTok.Expires) {
		t.Errorf("Expires read back as %v, want %v", got.Expires, sTok.Expires)
	}
	_, orphan, _ := tokumu.NewToken("carol", tokumu.TokenAPI, time.Now(), 0)
	checkCode(t, "a token for no account", a.AddToken(ctx(), orphan), tokumu.ENOTFOUND)
	ts, err := a.Tokens(ctx(), "bob")
	if err != nil || len(ts) != 2 || ts[0].Kind != tokumu.TokenAPI || ts[1].Kind != tokumu.TokenSession {
		t.Errorf("Tokens(bob) = %d tokens, %v; want the API token then the session", len(ts), err)
	}
	// Revocation.
	id := stored.ID
	if err := a.RevokeToken(ctx(), id); err != nil {
		t.Fatal(err)
	}
	first := tok(aliceText).Revoked
	if first.IsZero() {
		t.Fatal("a revoked token reads back not revoked")
	}
	_, _, err = tokumu.Authenticate(ctx(), a, aliceText, tokumu.TokenAPI, time.Now())
	checkCode(t, "a revoked token", err, tokumu.EUNAUTHORIZED)
	time.Sleep(2 * time.Millisecond)
	if err := a.RevokeToken(ctx(), id); err != nil {
		t.Fatal(err)
	}
	if again := tok(aliceText).Revoked; !again.Equal(first) {
		t.Errorf("revoking twice moved the time from %v to %v", first, again)
	}
	checkCode(t, "revoking an unknown token", a.RevokeToken(ctx(), "00000000000000ff"), tokumu.ENOTFOUND)
	if _, _, err := tokumu.Authenticate(ctx(), a, bobText, tokumu.TokenAPI, time.Now()); err != nil {
		t.Errorf("bob's token after alice's was revoked: %v", err)
	}
}

// testAccountsSurviveReplace: importing a corpus keeps the accounts.
func testAccountsSurviveReplace(t testing.TB, h *harness) {
	a := accounts(t, h)
	text := newAccount(t, a, "alice", tokumu.RoleAdmin)
	mustReplace(t, h.s, Fixture())
	mustReplace(t, h.s, smallDataset())
	if acc, _, err := tokumu.Authenticate(ctx(), a, text, tokumu.TokenAPI, time.Now()); err != nil || acc.Name != "alice" {
		t.Errorf("alice's token after two imports: %+v, %v", acc, err)
	}
}

// testDeleteExpiredSessions: the sessions that expired (one a microsecond
// before now, one exactly at now) or were signed out are deleted; a
// session still valid, an API token and a revoked API token stay; a
// second sweep deletes nothing.
func testDeleteExpiredSessions(t testing.TB, h *harness) {
	a := accounts(t, h)
	newAccount(t, a, "alice", tokumu.RoleEditor)
	now := time.Date(2026, 12, 3, 9, 0, 0, 500000000, time.UTC)
	session := func(created time.Time, ttl time.Duration) *tokumu.Token {
		t.Helper()
		_, tok, err := tokumu.NewToken("alice", tokumu.TokenSession, created, ttl)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.AddToken(ctx(), tok); err != nil {
			t.Fatal(err)
		}
		return tok
	}
	expired := session(now.Add(-time.Hour), time.Hour-time.Microsecond) // ended 1 µs before now
	atNow := session(now.Add(-2*time.Hour), 2*time.Hour)                // ends at now
	valid := session(now.Add(-time.Hour), 2*time.Hour)                  // ends in an hour
	signedOut := session(now.Add(-time.Minute), 2*time.Hour)            // valid, but revoked
	_, api2, _ := tokumu.NewToken("alice", tokumu.TokenAPI, now.Add(-time.Hour), 0)
	if err := a.AddToken(ctx(), api2); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{signedOut.ID, api2.ID} {
		if err := a.RevokeToken(ctx(), id); err != nil {
			t.Fatal(err)
		}
	}
	n, err := a.DeleteExpiredSessions(ctx(), now)
	if err != nil || n != 3 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 3 (expired, ended at now, signed out)", n, err)
	}
	ts, err := a.Tokens(ctx(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	for _, tk := range ts {
		left[tk.ID] = true
	}
	if len(ts) != 3 || !left[valid.ID] || !left[api2.ID] || left[expired.ID] || left[atNow.ID] || left[signedOut.ID] {
		t.Errorf("tokens left: %d %v; want alice's API token, the revoked API token and the valid session", len(ts), left)
	}
	if n, err := a.DeleteExpiredSessions(ctx(), now); err != nil || n != 0 {
		t.Errorf("a second sweep deleted %d, %v; want 0", n, err)
	}
}
