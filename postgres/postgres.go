// Package postgres is tokumu's store on PostgreSQL, for a team server that
// several tokumu processes share: the same tables and the same answers as
// the SQLite store, through github.com/jackc/pgx/v5. The schema lives in
// migration/*.sql, embedded and applied in order by number, as in the
// SQLite store.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tokumu/tokumu"
)

//go:embed migration/*.sql
var migrations embed.FS

// DB is a tokumu store in a PostgreSQL database. It implements
// tokumu.Store. It is safe for concurrent use, also by several processes
// on one database.
type DB struct {
	pool *pgxpool.Pool
}

var _ tokumu.Store = (*DB)(nil)

// migrationLock is the key of the advisory lock that serialises migrations
// when several tokumu processes start on one database at once.
const migrationLock = 0x746f6b756d75 // "tokumu"

// Open connects to the database at dsn (a postgres:// URL or a libpq
// key=value string; a search_path parameter picks the schema) and brings
// its schema up to date. The database must be UTF-8: names are written in
// three scripts, and another encoding would refuse or mangle them.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's message hides a password; the DSN itself is not repeated.
		return nil, tokumu.Errorf(tokumu.EINVALID, "postgres: the DSN does not parse (%v); write postgres://USER@HOST:PORT/DATABASE", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	s := &DB{pool: pool}
	if err := s.checkEncoding(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close closes every connection.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

func (s *DB) checkEncoding(ctx context.Context) error {
	var enc string
	if err := s.pool.QueryRow(ctx, `SHOW server_encoding`).Scan(&enc); err != nil {
		return fmt.Errorf("postgres: connect: %w", err)
	}
	if enc != "UTF8" {
		return tokumu.Errorf(tokumu.EINVALID, "postgres: the database's encoding is %s; tokumu needs UTF8 (createdb -E UTF8 -T template0 NAME)", enc)
	}
	return nil
}

// migrate applies the migrations not yet applied, each in a transaction
// that holds an advisory lock, so that two processes starting together do
// not both apply one.
func (s *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("postgres: migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT COLLATE "C" PRIMARY KEY)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM migrations WHERE name = $1`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	// The simple protocol runs a file of several statements in one call.
	if _, err := tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol); err != nil {
		return err
	}
	if after := afterMigration[name]; after != nil {
		if err := after(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO migrations (name) VALUES ($1)`, name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Settings returns the corpus's view defaults of the last Replace (zero
// if the database is empty).
func (s *DB) Settings(ctx context.Context) (*tokumu.Settings, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'settings'`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return &tokumu.Settings{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: read settings: %w", err)
	}
	var st tokumu.Settings
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return nil, fmt.Errorf("postgres: settings: %w", err)
	}
	return &st, nil
}

// ImportRevision returns the newest revision the database held when its
// corpus was last imported (see tokumu.ImportRevision).
func (s *DB) ImportRevision(ctx context.Context) (int64, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'import_revision'`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("postgres: read import revision: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("postgres: import revision %q: %w", v, err)
	}
	return n, nil
}

// ImportedAt returns when the corpus was last imported (see
// tokumu.ImportedAt); zero for a database imported before it was kept.
func (s *DB) ImportedAt(ctx context.Context) (time.Time, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'imported_at'`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("postgres: read import time: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("postgres: import time %q: %w", v, err)
	}
	return t, nil
}

// Hash returns the corpus hash recorded by the last Replace, or "" if the
// database is empty.
func (s *DB) Hash(ctx context.Context) (string, error) {
	var h string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'hash'`).Scan(&h)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("postgres: read hash: %w", err)
	}
	return h, nil
}
