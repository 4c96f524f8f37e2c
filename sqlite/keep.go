package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// teamTables are what a team keeps in a database besides the corpus: its
// history, accounts with their tokens and sessions, and releases. An
// import replaces the corpus; these stay, as they do on PostgreSQL, where
// the import is one transaction on the same tables.
var teamTables = []string{"revision", "change", "account", "token", "corpus_release", "release_body", "release_object"}

// KeepFrom copies the history, accounts, tokens and releases of the
// database file at old into s, a new file an import is writing before it
// is renamed over old (WriteFileThen), and records the newest revision
// copied as the import's (ImportRevision): the revisions changed the data
// this import replaces. A missing old file, or one without such tables
// (a corpus-only file), has nothing to keep. A table whose columns the new
// schema cannot take from the old file is an error, so that nothing is
// dropped without a word.
func (s *DB) KeepFrom(ctx context.Context, old string) error {
	if _, err := os.Stat(old); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	uri := "file:" + old + "?mode=ro"
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS old`, uri); err != nil {
		return fmt.Errorf("sqlite: reading the history and accounts of %s: %w", old, err)
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE old`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range teamTables {
		have, err := columns(ctx, tx, "old", t)
		if err != nil {
			return err
		}
		if len(have) == 0 {
			continue // an older file, or one that never had a team
		}
		var list []string
		for _, c := range order(ctx, tx, t) {
			if !have[c] {
				return fmt.Errorf("sqlite: %s's table %s has no column %s: export its edits first (tokumu export --format yaml) and import that", old, t, c)
			}
			list = append(list, `"`+c+`"`)
		}
		q := fmt.Sprintf(`INSERT INTO main.%s (%s) SELECT %s FROM old.%s`, t, strings.Join(list, ", "), strings.Join(list, ", "), t)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: keeping %s of %s: %w", t, old, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = (SELECT COALESCE(MAX(id), 0) FROM revision) WHERE key = 'import_revision'`); err != nil {
		return err
	}
	return tx.Commit()
}

// columns returns the columns of schema.table, none if it does not exist.
func columns(ctx context.Context, tx *sql.Tx, schema, table string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_table_info(?, ?)`, table, schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}

// order returns the new table's columns in their order.
func order(ctx context.Context, tx *sql.Tx, table string) []string {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid`, table)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			out = append(out, c)
		}
	}
	return out
}

// BackupTo writes a consistent copy of the database into the new file
// out (VACUUM INTO): the edits still in the write-ahead log included,
// which a copy of the file alone lacks, and readable while a server
// writes. out must not exist.
func (s *DB) BackupTo(ctx context.Context, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("sqlite: %s exists: a backup never overwrites a file; give a new name", out)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, out); err != nil {
		return fmt.Errorf("sqlite: backup into %s: %w", out, err)
	}
	return nil
}
