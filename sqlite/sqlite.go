// Package sqlite is tokumu's default store: one SQLite file, written with
// the pure-Go modernc.org/sqlite driver so that the binary builds without
// cgo. The schema lives in migration/*.sql, embedded and applied in order.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tokumu/tokumu"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migration/*.sql
var migrations embed.FS

// DB is a tokumu store in an SQLite file. It implements tokumu.Store.
type DB struct {
	db   *sql.DB
	path string
	// hasAt says the file has the interval index claim_at (claimat.go).
	hasAt bool
	// noNamedAs says the file was written before claim.named_as and is
	// read where no migration reaches it (read-only, or an old release's
	// frozen snapshot): claim queries select '' in its place.
	noNamedAs bool
	// stmts caches the prepared statements of the claim queries by their
	// text (see prepared).
	stmts stmtCache
}

var _ tokumu.Store = (*DB)(nil)

// Options tune how a database is opened.
type Options struct {
	// Bulk opens a database that is being built from scratch: no journal
	// and no fsync. Use it only on a file that is renamed into place
	// afterwards, never on a database someone is reading.
	Bulk bool
	// ReadOnly opens the file read-only.
	ReadOnly bool
	// Snapshot opens the file read-only and immutable with exactly Conns
	// connections, opened at once and kept for the life of the DB: every
	// query then reads the file that was at path when Open ran, even
	// after an import renames a new file over it (a pool that opened
	// connections on demand read the new file through the old DB and
	// served a mix of both datasets). It suits the server, which swaps to
	// a new DB when the file changes (see web.Server.SwapClose). Imports
	// never write into a published file, which is what makes immutable
	// true.
	Snapshot bool
	// Writable, with Snapshot, keeps the pinned connections but opens
	// them read-write and not immutable, so that the server can apply
	// edits (tokumu.Editor) to the file it serves and read them back:
	// an immutable connection would never see the write-ahead log.
	Writable bool
	Conns    int
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. path may be ":memory:".
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(off)")
	if opt.Bulk {
		q.Add("_pragma", "journal_mode(OFF)")
		q.Add("_pragma", "synchronous(OFF)")
		// 16 MiB of page cache (it was 256): the load appends rows in
		// order and the indexes are built by SQLite's sorter, whose
		// memory is sized from this too, spilling to a temporary file
		// past it. A 1M-claim import, claims streamed and the Go heap
		// held to 768 MiB, peaked at 1.14 GiB of RSS with 64 MiB, 0.99 GiB
		// with 32 MiB and 0.96 GiB with 16 MiB, its CPU the same within
		// the noise of this machine (BENCHMARKS.md).
		q.Add("_pragma", "cache_size(-16384)")
	} else if path != ":memory:" && !opt.ReadOnly {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	frozen := opt.Snapshot && !opt.Writable
	if opt.ReadOnly || frozen {
		q.Add("mode", "ro")
	}
	if frozen {
		q.Add("immutable", "1")
	}
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Every connection to :memory: is a new database; keep one.
		db.SetMaxOpenConns(1)
	}
	s := &DB{db: db, path: path}
	if frozen {
		if err := s.pin(ctx, max(opt.Conns, 1)); err != nil {
			db.Close()
			return nil, err
		}
		s.hasAt = hasClaimAt(ctx, s.db)
		s.noNamedAs = !hasNamedAs(ctx, s.db)
		return s, nil
	}
	if !opt.ReadOnly {
		if err := s.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	if opt.Snapshot {
		if err := s.pin(ctx, max(opt.Conns, 1)); err != nil {
			db.Close()
			return nil, err
		}
	}
	s.hasAt = hasClaimAt(ctx, s.db)
	s.noNamedAs = !hasNamedAs(ctx, s.db)
	return s, nil
}

// pin opens n connections now and keeps them: the pool never opens
// another (MaxOpenConns) nor closes one for being idle or old.
func (s *DB) pin(ctx context.Context, n int) error {
	s.db.SetMaxOpenConns(n)
	s.db.SetMaxIdleConns(n)
	s.db.SetConnMaxLifetime(0)
	s.db.SetConnMaxIdleTime(0)
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close() // back to the pool, which keeps it
		}
	}()
	for i := 0; i < n; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("sqlite: open %s: %w", s.path, err)
		}
		conns = append(conns, c)
		var v int
		if err := c.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master`).Scan(&v); err != nil {
			return fmt.Errorf("sqlite: open %s: %w (not a tokumu database, or damaged: import the corpus again)", s.path, err)
		}
	}
	return nil
}

// Close closes the database.
func (s *DB) Close() error {
	s.stmts.closeAll()
	return s.db.Close()
}

// migrate applies the migrations not yet applied, each in a transaction.
func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY) WITHOUT ROWID`); err != nil {
		return fmt.Errorf("sqlite: create migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if after := afterMigration[name]; after != nil {
		if err := after(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// claimIndexes returns the statements of the claim-index migration, which
// Replace drops before a bulk load and runs again after it.
func claimIndexes() (create []string, drop []string) {
	var body []byte
	for _, name := range []string{"migration/0002_claim_indexes.sql", "migration/0005_claim_object_predicate.sql", "migration/0008_claim_rel.sql"} {
		b, err := fs.ReadFile(migrations, name)
		if err != nil {
			panic(err) // embedded at build time
		}
		body = append(append(body, b...), '\n')
	}
	for _, stmt := range strings.Split(string(body), ";") {
		var lines []string
		for _, l := range strings.Split(stmt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		sql := strings.Join(lines, " ")
		create = append(create, sql)
		// "CREATE [UNIQUE] INDEX name ON …"
		f := strings.Fields(sql)
		for i, w := range f {
			if w == "INDEX" && i+1 < len(f) {
				name := f[i+1]
				if name == "IF" && i+4 < len(f) { // IF NOT EXISTS name
					name = f[i+4]
				}
				drop = append(drop, "DROP INDEX IF EXISTS "+name)
				break
			}
		}
	}
	return create, drop
}

// Settings returns the corpus's view defaults of the last Replace (zero
// if the database is empty).
func (s *DB) Settings(ctx context.Context) (*tokumu.Settings, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'settings'`).Scan(&v)
	if err == sql.ErrNoRows {
		return &tokumu.Settings{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: read settings: %w", err)
	}
	var st tokumu.Settings
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return nil, fmt.Errorf("sqlite: settings: %w", err)
	}
	return &st, nil
}

// ImportRevision returns the newest revision the database held when
// its corpus was last imported (see tokumu.ImportRevision).
func (s *DB) ImportRevision(ctx context.Context) (int64, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'import_revision'`).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: read import revision: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("sqlite: import revision %q: %w", v, err)
	}
	return n, nil
}

// ImportedAt returns when the corpus was last imported (see
// tokumu.ImportedAt); zero for a database imported before it was kept.
func (s *DB) ImportedAt(ctx context.Context) (time.Time, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'imported_at'`).Scan(&v)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: read import time: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: import time %q: %w", v, err)
	}
	return t, nil
}

// Hash returns the corpus hash recorded by the last Replace, or "" if
// the database is empty.
func (s *DB) Hash(ctx context.Context) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'hash'`).Scan(&h)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: read hash: %w", err)
	}
	return h, nil
}
