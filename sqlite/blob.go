package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// PutBlob stores data under name, replacing what was there, with the key
// that says what it was built from (see Blob). The store does not read
// blobs itself; they are caches of derived data, such as the search index,
// that would otherwise be rebuilt from the claims on every start.
func (s *DB) PutBlob(ctx context.Context, name, key string, data []byte) error {
	if _, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO blob (name, key, data) VALUES (?, ?, ?)`, name, key, data); err != nil {
		return fmt.Errorf("sqlite: write blob %s: %w", name, err)
	}
	return nil
}

// Blob returns the data stored under name if it was stored with key, and
// ok false if there is none or it was built from something else (an older
// dataset or builder), so that a stale cache is never used.
func (s *DB) Blob(ctx context.Context, name, key string) (data []byte, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT data FROM blob WHERE name = ? AND key = ?`, name, key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: read blob %s: %w", name, err)
	}
	return data, true, nil
}
