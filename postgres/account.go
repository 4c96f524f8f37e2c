package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
)

var _ tokumu.Accounts = (*DB)(nil)

// nullTime is a time for a nullable column: NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func fromNull(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// AddAccount creates the account with its first token in one transaction.
func (s *DB) AddAccount(ctx context.Context, a *tokumu.Account, t *tokumu.Token) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: add account: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO account (name, role, created) VALUES ($1, $2, $3)`, a.Name, string(a.Role), a.Created.UTC()); err != nil {
		if isConflict(err) {
			return tokumu.Errorf(tokumu.ECONFLICT, "account %q exists already; pick another name, or add a token to it with 'tokumu token add %s'", a.Name, a.Name)
		}
		return fmt.Errorf("postgres: add account: %w", err)
	}
	if err := insertToken(ctx, tx, t); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: add account: %w", err)
	}
	return nil
}

func insertToken(ctx context.Context, tx pgx.Tx, t *tokumu.Token) error {
	if _, err := tx.Exec(ctx, `INSERT INTO token (id, account, kind, hash, created, expires, revoked) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
		t.ID, t.Account, string(t.Kind), t.Hash, t.Created.UTC(), nullTime(t.Expires), nullTime(t.Revoked)); err != nil {
		return fmt.Errorf("postgres: add token: %w", err)
	}
	return nil
}

// Accounts lists every account by name.
func (s *DB) Accounts(ctx context.Context) ([]*tokumu.Account, error) {
	rows, err := s.pool.Query(ctx, `SELECT name, role, created FROM account ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("postgres: accounts: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Account
	for rows.Next() {
		a := &tokumu.Account{}
		var role string
		if err := rows.Scan(&a.Name, &role, &a.Created); err != nil {
			return nil, fmt.Errorf("postgres: accounts: %w", err)
		}
		a.Role, a.Created = tokumu.AccountRole(role), a.Created.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetRole changes an account's role.
func (s *DB) SetRole(ctx context.Context, name string, role tokumu.AccountRole) error {
	tag, err := s.pool.Exec(ctx, `UPDATE account SET role = $1 WHERE name = $2`, string(role), name)
	if err != nil {
		return fmt.Errorf("postgres: set role: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no account %q (tokumu user list shows them)", name)
	}
	return nil
}

// AddToken adds a token to an existing account.
func (s *DB) AddToken(ctx context.Context, t *tokumu.Token) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: add token: %w", err)
	}
	defer tx.Rollback(ctx)
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM account WHERE name = $1`, t.Account).Scan(&n); err != nil {
		return fmt.Errorf("postgres: add token: %w", err)
	}
	if n == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no account %q (tokumu user list shows them)", t.Account)
	}
	if err := insertToken(ctx, tx, t); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

const tokenColumns = `t.id, t.account, t.kind, t.hash, t.created, t.expires, t.revoked`

func scanToken(sc pgx.Row, extra ...any) (*tokumu.Token, error) {
	t := &tokumu.Token{}
	var kind string
	var expires, revoked *time.Time
	if err := sc.Scan(append([]any{&t.ID, &t.Account, &kind, &t.Hash, &t.Created, &expires, &revoked}, extra...)...); err != nil {
		return nil, err
	}
	t.Kind, t.Created, t.Expires, t.Revoked = tokumu.TokenKind(kind), t.Created.UTC(), fromNull(expires), fromNull(revoked)
	return t, nil
}

// Token returns the token with the id and its account.
func (s *DB) Token(ctx context.Context, id string) (*tokumu.Token, *tokumu.Account, error) {
	a := &tokumu.Account{}
	var role string
	t, err := scanToken(s.pool.QueryRow(ctx, `SELECT `+tokenColumns+`, a.name, a.role, a.created
		FROM token t JOIN account a ON a.name = t.account WHERE t.id = $1`, id), &a.Name, &role, &a.Created)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, tokumu.Errorf(tokumu.ENOTFOUND, "no token %q", id)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: token: %w", err)
	}
	a.Role, a.Created = tokumu.AccountRole(role), a.Created.UTC()
	return t, a, nil
}

// Tokens lists an account's tokens by creation.
func (s *DB) Tokens(ctx context.Context, account string) ([]*tokumu.Token, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+tokenColumns+` FROM token t WHERE t.account = $1 ORDER BY t.created, t.id`, account)
	if err != nil {
		return nil, fmt.Errorf("postgres: tokens: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks the token revoked now, keeping an earlier revocation.
func (s *DB) RevokeToken(ctx context.Context, id string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE token SET revoked = COALESCE(revoked, $1) WHERE id = $2`, time.Now().UTC(), id)
	if err != nil {
		return fmt.Errorf("postgres: revoke token: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return tokumu.Errorf(tokumu.ENOTFOUND, "no token %q (tokumu user list shows each account's tokens)", id)
	}
	return nil
}

// DeleteExpiredSessions deletes the expired and revoked session tokens.
func (s *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM token WHERE kind = $1 AND (revoked IS NOT NULL OR expires <= $2)`, string(tokumu.TokenSession), now.UTC())
	if err != nil {
		return 0, fmt.Errorf("postgres: delete expired sessions: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
