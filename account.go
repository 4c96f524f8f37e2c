package tokumu

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// AccountRole is what an account may do. Reading needs no account unless
// the server is configured so; every write needs an editor or an admin.
type AccountRole string

// The roles, from least to most allowed: each may do what the ones before
// it may.
const (
	RoleReader AccountRole = "reader" // reads, also on a server closed to the public
	RoleEditor AccountRole = "editor" // writes revisions and reverts them
	RoleAdmin  AccountRole = "admin"  // as an editor for now; kept for the account management to come
)

var roleRank = map[AccountRole]int{RoleReader: 1, RoleEditor: 2, RoleAdmin: 3}

// Valid reports whether r is one of the three roles.
func (r AccountRole) Valid() bool { return roleRank[r] > 0 }

// Allows reports whether an account with role r may do what needs role need.
func (r AccountRole) Allows(need AccountRole) bool {
	return roleRank[r] >= roleRank[need] && roleRank[r] > 0
}

// ParseAccountRole reads a role name; the error lists the three.
func ParseAccountRole(s string) (AccountRole, error) {
	r := AccountRole(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", Errorf(EINVALID, "role %q: give reader, editor or admin", s)
	}
	return r, nil
}

// Account is a person (or a program) that signs revisions.
type Account struct {
	Name    string      `json:"name"`
	Role    AccountRole `json:"role"`
	Created time.Time   `json:"created"`
}

var accountName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidateAccountName checks a name: it is the author of every revision
// the account writes, so it is short, lower case and safe in a URL.
func ValidateAccountName(name string) error {
	if !accountName.MatchString(name) {
		return Errorf(EINVALID, "account name %q: use 1–64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit", name)
	}
	return nil
}

// TokenKind says what a token is for.
type TokenKind string

// The kinds of token. An API token is printed once by `tokumu user add`
// and lasts until revoked; a session token is what the browser's cookie
// holds after signing in with an API token, and expires.
const (
	TokenAPI     TokenKind = "api"
	TokenSession TokenKind = "session"
)

// Token is what a store keeps of a token: never the secret, only its
// SHA-256. The secret is 32 random bytes, so a fast hash is enough (there
// is nothing to guess from a dictionary); the id, which the token text
// carries in clear, finds the row, and the hashes are compared in
// constant time.
type Token struct {
	ID      string    `json:"id"`
	Account string    `json:"account"`
	Kind    TokenKind `json:"kind"`
	Hash    []byte    `json:"-"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires,omitzero"` // zero: never
	Revoked time.Time `json:"revoked,omitzero"` // zero: not revoked
}

// Accounts keeps accounts and their tokens. The SQLite and PostgreSQL
// stores implement it beside Store and Editor.
type Accounts interface {
	// AddAccount creates the account with its first token in one
	// transaction. ECONFLICT if the name is taken.
	AddAccount(ctx context.Context, a *Account, t *Token) error
	// Accounts lists every account by name.
	Accounts(ctx context.Context) ([]*Account, error)
	// SetRole changes an account's role (ENOTFOUND if there is none):
	// the next request of any of its tokens or sessions has the new one.
	SetRole(ctx context.Context, name string, role AccountRole) error
	// AddToken adds a token to an existing account (ENOTFOUND if none).
	AddToken(ctx context.Context, t *Token) error
	// Token returns the token with the id and its account; ENOTFOUND if
	// there is none.
	Token(ctx context.Context, id string) (*Token, *Account, error)
	// Tokens lists an account's tokens, revoked ones too, by creation.
	Tokens(ctx context.Context, account string) ([]*Token, error)
	// RevokeToken marks the token revoked now; ENOTFOUND if there is no
	// such token. Revoking a revoked token keeps its first time.
	RevokeToken(ctx context.Context, id string) error
	// DeleteExpiredSessions deletes the session tokens that expired at
	// or before now or were revoked (signed out), which can never sign in
	// again, and returns how many it deleted. API tokens stay, revoked or
	// not: they are the record of who could write.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// tokenPrefix starts every token, so that a leaked one is recognisable
// (secret scanners key on such prefixes).
const tokenPrefix = "tokumu_"

// NewToken makes a token for the account: the text to hand to its owner
// once, and the Token to store, which holds only the secret's hash.
func NewToken(account string, kind TokenKind, now time.Time, ttl time.Duration) (text string, t *Token, err error) {
	var id [8]byte
	var secret [32]byte
	if _, err := rand.Read(id[:]); err != nil {
		return "", nil, err
	}
	if _, err := rand.Read(secret[:]); err != nil {
		return "", nil, err
	}
	sec := base64.RawURLEncoding.EncodeToString(secret[:])
	h := sha256.Sum256([]byte(sec))
	t = &Token{ID: hex.EncodeToString(id[:]), Account: account, Kind: kind, Hash: h[:], Created: now.UTC().Truncate(time.Microsecond)}
	if ttl > 0 {
		t.Expires = t.Created.Add(ttl)
	}
	return tokenPrefix + t.ID + "_" + sec, t, nil
}

// ParseToken splits a token's text into its id and its secret.
func ParseToken(text string) (id, secret string, ok bool) {
	rest, ok := strings.CutPrefix(text, tokenPrefix)
	if !ok {
		return "", "", false
	}
	id, secret, ok = strings.Cut(rest, "_")
	if !ok || len(id) != 16 || len(secret) != 43 {
		return "", "", false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", "", false
	}
	return id, secret, true
}

// Matches reports, in constant time, whether secret is the token's.
func (t *Token) Matches(secret string) bool {
	h := sha256.Sum256([]byte(secret))
	return subtle.ConstantTimeCompare(h[:], t.Hash) == 1
}

// Authenticate returns the account a token's text signs in as, if the
// token exists, matches, is of the kind, and is neither revoked nor
// expired at now. Every failure is the same EUNAUTHORIZED, so that an
// answer does not tell a guesser which part was wrong; the text is never
// part of an error.
func Authenticate(ctx context.Context, a Accounts, text string, kind TokenKind, now time.Time) (*Account, *Token, error) {
	fail := Errorf(EUNAUTHORIZED, "the token is unknown, revoked or expired; ask an admin for a new one (tokumu user add / tokumu token add)")
	id, secret, ok := ParseToken(text)
	if !ok {
		return nil, nil, fail
	}
	t, acc, err := a.Token(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, fail
	}
	if err != nil {
		return nil, nil, fmt.Errorf("authenticate: %w", err)
	}
	if !t.Matches(secret) || t.Kind != kind || !t.Revoked.IsZero() || (!t.Expires.IsZero() && !now.Before(t.Expires)) {
		return nil, nil, fail
	}
	return acc, t, nil
}
