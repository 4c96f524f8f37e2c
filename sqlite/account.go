package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tokumu/tokumu"
)

var _ tokumu.Accounts = (*DB)(nil)

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// AddAccount creates the account with its first token in one transaction.
func (s *DB) AddAccount(ctx context.Context, a *tokumu.Account, t *tokumu.Token) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: add account: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO account (name, role, created) VALUES (?, ?, ?)`,
		a.Name, string(a.Role), timeText(a.Created)); err != nil {
		if isConflict(err) {
			return tokumu.Errorf(tokumu.ECONFLICT, "account %q exists already; pick another name, or add a token to it with 'tokumu token add %s'", a.Name, a.Name)
		}
		return fmt.Errorf("sqlite: add account: %w", err)
	}
	if err := insertToken(ctx, tx, t); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: add account: %w", err)
	}
	return nil
}

func insertToken(ctx context.Context, q interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, t *tokumu.Token) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO token (id, account, kind, hash, created, expires, revoked) VALUES (?,?,?,?,?,?,?)`,
		t.ID, t.Account, string(t.Kind), t.Hash, timeText(t.Created), timeText(t.Expires), timeText(t.Revoked)); err != nil {
		return fmt.Errorf("sqlite: add token: %w", err)
	}
	return nil
}

// Accounts lists every account by name.
func (s *DB) Accounts(ctx context.Context) ([]*tokumu.Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, role, created FROM account ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: accounts: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Account
	for rows.Next() {
		a := &tokumu.Account{}
		var role, created string
		if err := rows.Scan(&a.Name, &role, &created); err != nil {
			return nil, fmt.Errorf("sqlite: accounts: %w", err)
		}
		a.Role = tokumu.AccountRole(role)
		if a.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("sqlite: account %s: %w", a.Name, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetRole changes an account's role.
func (s *DB) SetRole(ctx context.Context, name string, role tokumu.AccountRole) error {
	res, err := s.db.ExecContext(ctx, `UPDATE account SET role = ? WHERE name = ?`, string(role), name)
	if err != nil {
		return fmt.Errorf("sqlite: set role: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no account %q (tokumu user list shows them)", name)
	}
	return nil
}

// AddToken adds a token to an existing account.
func (s *DB) AddToken(ctx context.Context, t *tokumu.Token) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM account WHERE name = ?`, t.Account).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: add token: %w", err)
	}
	if n == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no account %q (tokumu user list shows them)", t.Account)
	}
	return insertToken(ctx, s.db, t)
}

const tokenColumns = `t.id, t.account, t.kind, t.hash, t.created, t.expires, t.revoked`

func scanToken(sc interface{ Scan(...any) error }, extra ...any) (*tokumu.Token, error) {
	t := &tokumu.Token{}
	var kind, created, expires, revoked string
	if err := sc.Scan(append([]any{&t.ID, &t.Account, &kind, &t.Hash, &created, &expires, &revoked}, extra...)...); err != nil {
		return nil, err
	}
	t.Kind = tokumu.TokenKind(kind)
	var err error
	if t.Created, err = parseTime(created); err == nil {
		if t.Expires, err = parseTime(expires); err == nil {
			t.Revoked, err = parseTime(revoked)
		}
	}
	return t, err
}

// Token returns the token with the id and its account.
func (s *DB) Token(ctx context.Context, id string) (*tokumu.Token, *tokumu.Account, error) {
	a := &tokumu.Account{}
	var role, created string
	t, err := scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenColumns+`, a.name, a.role, a.created
		FROM token t JOIN account a ON a.name = t.account WHERE t.id = ?`, id), &a.Name, &role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, tokumu.Errorf(tokumu.ENOTFOUND, "no token %q", id)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: token: %w", err)
	}
	a.Role = tokumu.AccountRole(role)
	if a.Created, err = parseTime(created); err != nil {
		return nil, nil, fmt.Errorf("sqlite: account %s: %w", a.Name, err)
	}
	return t, a, nil
}

// Tokens lists an account's tokens by creation.
func (s *DB) Tokens(ctx context.Context, account string) ([]*tokumu.Token, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM token t WHERE t.account = ? ORDER BY t.created, t.id`, account)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tokens: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks the token revoked now, keeping an earlier revocation.
func (s *DB) RevokeToken(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE token SET revoked = CASE WHEN revoked = '' THEN ? ELSE revoked END WHERE id = ?`,
		timeText(time.Now()), id)
	if err != nil {
		return fmt.Errorf("sqlite: revoke token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no token %q (tokumu user list shows each account's tokens)", id)
	}
	return nil
}

// DeleteExpiredSessions deletes the expired and revoked session tokens.
// Times are RFC 3339 text, compared as times (julianday), not as text:
// RFC 3339 with trimmed fractions does not sort as text.
func (s *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM token WHERE kind = ? AND (revoked <> '' OR (expires <> '' AND julianday(expires) <= julianday(?)))`,
		string(tokumu.TokenSession), timeText(now))
	if err != nil {
		return 0, fmt.Errorf("sqlite: delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
