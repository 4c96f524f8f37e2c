package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
)

var _ tokumu.Releases = (*DB)(nil)

// releaseBatch bounds the bodies sent in one statement.
const releaseBatch = 5000

// CreateRelease keeps ds as the release r, in one transaction: the new
// bodies in batches (a body already kept is skipped), the object rows by
// COPY.
func (s *DB) CreateRelease(ctx context.Context, r *tokumu.Release, ds *tokumu.Dataset) error {
	objs, err := tokumu.ReleaseObjects(ds)
	if err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: create release: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO corpus_release (name, hash, revision, created, note, entities, claims, sources)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.Name, r.Hash, r.Revision, r.Created.UTC(), r.Note, r.Entities, r.Claims, r.Sources); err != nil {
		if isConflict(err) {
			return tokumu.Errorf(tokumu.ECONFLICT, "release %s exists already: the database has not changed since it was made", r.Name)
		}
		return fmt.Errorf("postgres: create release: %w", err)
	}
	seen := map[string]bool{}
	var sums, bodies []string
	flush := func() error {
		if len(sums) == 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO release_body (sum, body) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (sum) DO NOTHING`, sums, bodies)
		sums, bodies = sums[:0], bodies[:0]
		return err
	}
	rows := make([][]any, 0, len(objs))
	for _, o := range objs {
		if !seen[o.Sum] {
			seen[o.Sum] = true
			sums, bodies = append(sums, o.Sum), append(bodies, o.Body)
			if len(sums) == releaseBatch {
				if err := flush(); err != nil {
					return fmt.Errorf("postgres: create release: %w", err)
				}
			}
		}
		rows = append(rows, []any{r.Name, o.Kind, o.ID, int32(o.Ord), o.Sum})
	}
	if err := flush(); err != nil {
		return fmt.Errorf("postgres: create release: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"release_object"}, []string{"rel", "kind", "id", "ord", "sum"}, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("postgres: create release: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: create release: %w", err)
	}
	return nil
}

const releaseColumns = `name, hash, revision, created, note, entities, claims, sources`

func scanRelease(sc pgx.Row) (*tokumu.Release, error) {
	r := &tokumu.Release{}
	if err := sc.Scan(&r.Name, &r.Hash, &r.Revision, &r.Created, &r.Note, &r.Entities, &r.Claims, &r.Sources); err != nil {
		return nil, err
	}
	r.Created = r.Created.UTC()
	return r, nil
}

// ListReleases returns every release, newest first.
func (s *DB) ListReleases(ctx context.Context) ([]*tokumu.Release, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+releaseColumns+` FROM corpus_release ORDER BY created DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("postgres: releases: %w", err)
	}
	defer rows.Close()
	out := []*tokumu.Release{}
	for rows.Next() {
		r, err := scanRelease(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: releases: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Release returns the release with the name.
func (s *DB) Release(ctx context.Context, name string) (*tokumu.Release, error) {
	return release(ctx, s.pool, name)
}

func release(ctx context.Context, q queryRower, name string) (*tokumu.Release, error) {
	r, err := scanRelease(q.QueryRow(ctx, `SELECT `+releaseColumns+` FROM corpus_release WHERE name = $1`, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no release %s (tokumu release list shows the releases)", name)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: release %s: %w", name, err)
	}
	return r, nil
}

// ReleaseDataset returns the release's content, read in one transaction.
func (s *DB) ReleaseDataset(ctx context.Context, name string) (*tokumu.Dataset, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: release %s: %w", name, err)
	}
	defer tx.Rollback(ctx)
	r, err := release(ctx, tx, name)
	if err != nil {
		return nil, err
	}
	ds := &tokumu.Dataset{Hash: r.Hash}
	for _, kind := range tokumu.ReleaseKindOrder {
		rows, err := tx.Query(ctx, `SELECT b.body FROM release_object o JOIN release_body b ON b.sum = o.sum
			WHERE o.rel = $1 AND o.kind = $2 ORDER BY o.ord`, name, kind)
		if err != nil {
			return nil, fmt.Errorf("postgres: release %s: %w", name, err)
		}
		for rows.Next() {
			var body string
			if err := rows.Scan(&body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres: release %s: %w", name, err)
			}
			if err := tokumu.AddReleaseObject(ds, kind, body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres: release %s: %s: %w", name, kind, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: release %s: %w", name, err)
		}
	}
	return ds, nil
}

// ReleaseClaim returns the claim as the release holds it.
func (s *DB) ReleaseClaim(ctx context.Context, name, id string) (*tokumu.Claim, error) {
	var body string
	err := s.pool.QueryRow(ctx, `SELECT b.body FROM release_object o JOIN release_body b ON b.sum = o.sum
		WHERE o.rel = $1 AND o.kind = $2 AND o.id = $3`, name, string(tokumu.KindClaim), id).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		if _, rerr := s.Release(ctx, name); rerr != nil {
			return nil, rerr
		}
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "release %s holds no claim %s", name, id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: release %s: claim %s: %w", name, id, err)
	}
	v, err := tokumu.DecodeObject(tokumu.KindClaim, body)
	if err != nil {
		return nil, fmt.Errorf("postgres: release %s: claim %s: %w", name, id, err)
	}
	return v.(*tokumu.Claim), nil
}
