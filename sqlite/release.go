package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tokumu/tokumu"
)

var _ tokumu.Releases = (*DB)(nil)

// CreateRelease keeps ds as the release r, in one transaction.
func (s *DB) CreateRelease(ctx context.Context, r *tokumu.Release, ds *tokumu.Dataset) error {
	objs, err := tokumu.ReleaseObjects(ds)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create release: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO corpus_release (name, hash, revision, created, note, entities, claims, sources)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.Name, r.Hash, r.Revision, timeText(r.Created), r.Note, r.Entities, r.Claims, r.Sources); err != nil {
		if isConflict(err) {
			return tokumu.Errorf(tokumu.ECONFLICT, "release %s exists already: the database has not changed since it was made", r.Name)
		}
		return fmt.Errorf("sqlite: create release: %w", err)
	}
	body, err := tx.PrepareContext(ctx, `INSERT INTO release_body (sum, body) VALUES (?, ?) ON CONFLICT (sum) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("sqlite: create release: %w", err)
	}
	defer body.Close()
	obj, err := tx.PrepareContext(ctx, `INSERT INTO release_object (rel, kind, id, ord, sum) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("sqlite: create release: %w", err)
	}
	defer obj.Close()
	for _, o := range objs {
		if _, err := body.ExecContext(ctx, o.Sum, o.Body); err != nil {
			return fmt.Errorf("sqlite: create release: %w", err)
		}
		if _, err := obj.ExecContext(ctx, r.Name, o.Kind, o.ID, o.Ord, o.Sum); err != nil {
			return fmt.Errorf("sqlite: create release: %s %s: %w", o.Kind, o.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create release: %w", err)
	}
	return nil
}

const releaseColumns = `name, hash, revision, created, note, entities, claims, sources`

func scanRelease(sc interface{ Scan(...any) error }) (*tokumu.Release, error) {
	r := &tokumu.Release{}
	var created string
	if err := sc.Scan(&r.Name, &r.Hash, &r.Revision, &created, &r.Note, &r.Entities, &r.Claims, &r.Sources); err != nil {
		return nil, err
	}
	var err error
	if r.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return nil, fmt.Errorf("sqlite: release %s: created: %w", r.Name, err)
	}
	return r, nil
}

// ListReleases returns every release, newest first.
func (s *DB) ListReleases(ctx context.Context) ([]*tokumu.Release, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+releaseColumns+` FROM corpus_release ORDER BY created DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: releases: %w", err)
	}
	defer rows.Close()
	out := []*tokumu.Release{}
	for rows.Next() {
		r, err := scanRelease(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: releases: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Release returns the release with the name.
func (s *DB) Release(ctx context.Context, name string) (*tokumu.Release, error) {
	return s.release(ctx, s.db, name)
}

func (s *DB) release(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, name string) (*tokumu.Release, error) {
	r, err := scanRelease(q.QueryRowContext(ctx, `SELECT `+releaseColumns+` FROM corpus_release WHERE name = ?`, name))
	if err == sql.ErrNoRows {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no release %s (tokumu release list shows the releases)", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: release %s: %w", name, err)
	}
	return r, nil
}

// ReleaseDataset returns the release's content, read in one transaction.
func (s *DB) ReleaseDataset(ctx context.Context, name string) (*tokumu.Dataset, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: release %s: %w", name, err)
	}
	defer tx.Rollback()
	r, err := s.release(ctx, tx, name)
	if err != nil {
		return nil, err
	}
	ds := &tokumu.Dataset{Hash: r.Hash}
	for _, kind := range tokumu.ReleaseKindOrder {
		rows, err := tx.QueryContext(ctx, `SELECT b.body FROM release_object o JOIN release_body b ON b.sum = o.sum
			WHERE o.rel = ? AND o.kind = ? ORDER BY o.ord`, name, kind)
		if err != nil {
			return nil, fmt.Errorf("sqlite: release %s: %w", name, err)
		}
		for rows.Next() {
			var body string
			if err := rows.Scan(&body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: release %s: %w", name, err)
			}
			if err := tokumu.AddReleaseObject(ds, kind, body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: release %s: %s: %w", name, kind, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: release %s: %w", name, err)
		}
	}
	return ds, nil
}

// ReleaseClaim returns the claim as the release holds it.
func (s *DB) ReleaseClaim(ctx context.Context, name, id string) (*tokumu.Claim, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT b.body FROM release_object o JOIN release_body b ON b.sum = o.sum
		WHERE o.rel = ? AND o.kind = ? AND o.id = ?`, name, string(tokumu.KindClaim), id).Scan(&body)
	if err == sql.ErrNoRows {
		if _, rerr := s.Release(ctx, name); rerr != nil {
			return nil, rerr
		}
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "release %s holds no claim %s", name, id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: release %s: claim %s: %w", name, id, err)
	}
	v, err := tokumu.DecodeObject(tokumu.KindClaim, body)
	if err != nil {
		return nil, fmt.Errorf("sqlite: release %s: claim %s: %w", name, id, err)
	}
	return v.(*tokumu.Claim), nil
}
