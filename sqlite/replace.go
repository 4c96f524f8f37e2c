package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tokumu/tokumu"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// Replace swaps the whole content of the database for ds in one
// transaction. The claim indexes are dropped for the load and rebuilt
// after it, inside the same transaction, so a failure anywhere leaves the
// database as it was.
func (s *DB) Replace(ctx context.Context, ds *tokumu.Dataset) error {
	return s.ReplaceStream(ctx, ds, claimsOf(ds))
}

// Claims gives claims to add, one at a time, in order; it returns the
// first error add returns, or its own. ReplaceStream takes it so that an
// import writes claims as it reads them rather than holding them all.
type Claims func(add func(*tokumu.Claim) error) error

// claimsOf gives ds.Claims.
func claimsOf(ds *tokumu.Dataset) Claims {
	return func(add func(*tokumu.Claim) error) error {
		for _, c := range ds.Claims {
			if err := add(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// ReplaceStream is Replace with the claims given by claims instead of
// ds.Claims (which it ignores). An error from claims, as any other,
// leaves the database as it was.
func (s *DB) ReplaceStream(ctx context.Context, ds *tokumu.Dataset, claims Claims) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	defer tx.Rollback()
	create, drop := claimIndexes()
	for _, q := range drop {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: replace: %w", err)
		}
	}
	for _, t := range []string{"meta", "predicate", "source", "entity", "name", "claim", "claim_at"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("sqlite: replace: clear %s: %w", t, err)
		}
	}
	if err := insertAll(ctx, tx, ds, claims); err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	for _, q := range create {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			if isConflict(err) {
				// The unique index on claim ids is built after the load.
				return fmt.Errorf("sqlite: replace: %w", duplicateClaim(ctx, tx))
			}
			return fmt.Errorf("sqlite: replace: %s: %w", q, err)
		}
	}
	// The interval index is filled once from the loaded rows, like the
	// indexes above, not row by row during the load.
	if _, err := tx.ExecContext(ctx, claimAtFill); err != nil {
		return fmt.Errorf("sqlite: replace: interval index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("sqlite: replace: analyze: %w", err)
	}
	if err := dropSubjectSamples(ctx, tx); err != nil {
		return fmt.Errorf("sqlite: replace: analyze: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('settings', ?)`, mustJSON(ds.Settings)); err != nil {
		return fmt.Errorf("sqlite: write settings: %w", err)
	}
	st, err := countStats(ctx, tx)
	if err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('stats', ?)`, mustJSON(st)); err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	// The revisions made before this import were made on the data it
	// replaced (ImportRevision).
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) SELECT 'import_revision', COALESCE(MAX(id), 0) FROM revision`); err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	// When it was imported: a release created at the same revision number
	// before it froze other data (tokumu.ImportedAt).
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('imported_at', ?)`, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('hash', ?)`, ds.Hash); err != nil {
		return fmt.Errorf("sqlite: replace: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: replace: commit: %w", err)
	}
	return nil
}

// isConflict reports whether err is SQLite refusing a second row with the
// same key.
func isConflict(err error) bool {
	var e *sqlite3.Error
	return errors.As(err, &e) && (e.Code() == sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY ||
		e.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE)
}

// rowError describes the failed insert of the row of a kind with an id:
// ECONFLICT when the dataset holds the id twice.
func rowError(err error, kind, id string) error {
	if isConflict(err) {
		return tokumu.Errorf(tokumu.ECONFLICT, "two %ss have the id %q", kind, id)
	}
	return fmt.Errorf("%s %s: %w", kind, id, err)
}

// duplicateClaim names a claim id the claim table holds twice.
func duplicateClaim(ctx context.Context, tx *sql.Tx) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM claim GROUP BY id HAVING COUNT(*) > 1 LIMIT 1`).Scan(&id)
	if err != nil {
		return fmt.Errorf("find the duplicate claim id: %w", err)
	}
	return tokumu.Errorf(tokumu.ECONFLICT, "two claims have the id %q", id)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data is marshalled here
	}
	return string(b)
}

func listJSON(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return mustJSON(v)
}

func insertAll(ctx context.Context, tx *sql.Tx, ds *tokumu.Dataset, claims Claims) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO predicate (id, ord, label, inverse, domain, range_, literal, hierarchy, roles, origin) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for i, p := range ds.Predicates {
		dom, rng := p.Domain, p.Range
		if dom == nil {
			dom = []tokumu.EntityType{}
		}
		if rng == nil {
			rng = []tokumu.EntityType{}
		}
		roles := p.Roles
		if roles == nil {
			roles = []tokumu.Role{}
		}
		if _, err := st.ExecContext(ctx, p.ID, i, mustJSON(p.Label), mustJSON(p.Inverse), mustJSON(dom), mustJSON(rng), string(p.Literal), p.Hierarchy, mustJSON(roles), p.Origin); err != nil {
			return rowError(err, "predicate", p.ID)
		}
	}
	st.Close()

	st, err = tx.PrepareContext(ctx, `INSERT INTO source (id, kind, data) VALUES (?,?,?)`)
	if err != nil {
		return err
	}
	for _, src := range ds.Sources {
		if _, err := st.ExecContext(ctx, src.ID, string(src.Kind), mustJSON(newSourceRow(src))); err != nil {
			return rowError(err, "source", src.ID)
		}
	}
	st.Close()

	st, err = tx.PrepareContext(ctx, `INSERT INTO entity (id, type, summary, tags, origin) VALUES (?,?,?,?,?)`)
	if err != nil {
		return err
	}
	nst, err := tx.PrepareContext(ctx, `INSERT INTO name (entity, ord, text, lang, kind, when_, source) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	for _, e := range ds.Entities {
		summary := "{}"
		if len(e.Summary) > 0 {
			summary = mustJSON(e.Summary)
		}
		if _, err := st.ExecContext(ctx, e.ID, string(e.Type), summary, listJSON(e.Tags), e.Origin); err != nil {
			return rowError(err, "entity", e.ID)
		}
		for i, n := range e.Names {
			if _, err := nst.ExecContext(ctx, e.ID, i, n.Text, n.Lang, string(n.Kind), whenText(n.When), n.Source); err != nil {
				return fmt.Errorf("entity %s name %d: %w", e.ID, i, err)
			}
		}
	}
	st.Close()
	nst.Close()

	cols := `INSERT INTO claim (id, subject, predicate, object, value, unit, role, lang,
		edtf, edtf_text, lo, ls, ee, hi, interval, place, source, locator, grade, perspective, planted_by, named_as, note,
		supported_by, complicated_by, origin) VALUES `
	b, err := newBatcher(ctx, tx, cols, 26)
	if err != nil {
		return err
	}
	defer b.close()
	err = claims(func(c *tokumu.Claim) error {
		var obj any
		if c.Object != "" {
			obj = c.Object
		}
		var lo, ls, ee, hi any
		if !c.When.IsZero() {
			lo, ls, ee, hi = int64(c.When.Earliest), int64(c.When.LatestStart), int64(c.When.EarliestEnd), int64(c.When.Latest)
		}
		if err := b.add(ctx, c.ID, c.Subject, c.Predicate, obj, c.Value, c.Unit, c.Role, c.Lang,
			c.When.EDTF, c.When.Text, lo, ls, ee, hi, c.When.Interval, c.Where, c.Source, c.Locator, c.Grade.String(),
			c.Perspective, c.PlantedBy, c.NamedAs.Encode(), c.Note, listJSON(c.SupportedBy), listJSON(c.ComplicatedBy), c.Origin); err != nil {
			return fmt.Errorf("claims (the batch ending with %s): %w", c.ID, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	return nil
}

// batchRows is how many rows one INSERT of a batcher writes: one
// statement per 64 claims instead of one per claim took the rows'
// insert of a 1M-claim import from 21.2 s to 16.1 s of CPU (profiles in
// BENCHMARKS.md); 64 × 26 columns stays far below SQLite's 32,766
// parameters.
const batchRows = 64

// batcher inserts rows batchRows at a time with one multi-row INSERT
// statement, prepared once; the rows left at the end go one by one.
type batcher struct {
	tx    *sql.Tx
	head  string
	cols  int
	multi *sql.Stmt
	one   *sql.Stmt
	args  []any
}

func newBatcher(ctx context.Context, tx *sql.Tx, head string, cols int) (*batcher, error) {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	multi, err := tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+",", batchRows), ","))
	if err != nil {
		return nil, err
	}
	one, err := tx.PrepareContext(ctx, head+row)
	if err != nil {
		multi.Close()
		return nil, err
	}
	return &batcher{tx: tx, head: head, cols: cols, multi: multi, one: one, args: make([]any, 0, cols*batchRows)}, nil
}

// add queues one row, writing a full batch.
func (b *batcher) add(ctx context.Context, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args) < b.cols*batchRows {
		return nil
	}
	_, err := b.multi.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the rows queued.
func (b *batcher) flush(ctx context.Context) error {
	for i := 0; i < len(b.args); i += b.cols {
		if _, err := b.one.ExecContext(ctx, b.args[i:i+b.cols]...); err != nil {
			return err
		}
	}
	b.args = b.args[:0]
	return nil
}

func (b *batcher) close() {
	b.multi.Close()
	b.one.Close()
}

// sourceRow is how a source is kept in the data column: its CSL fields,
// plus the reliability that the JSON form of tokumu.Source leaves out.
type sourceRow struct {
	*tokumu.Source
	Reliability string `json:"reliability,omitempty"`
}

func newSourceRow(s *tokumu.Source) sourceRow {
	r := sourceRow{Source: s}
	if s.Reliability != 0 {
		r.Reliability = string(rune(s.Reliability))
	}
	return r
}

// whenRow is how a name's time is kept: compact, and with its bounds.
type whenRow struct {
	E string   `json:"e"`
	T string   `json:"t,omitempty"`
	B [4]int64 `json:"b"`
	I bool     `json:"i,omitempty"`
}

func whenText(w tokumu.When) string {
	if w.IsZero() {
		return ""
	}
	return mustJSON(whenRow{w.EDTF, w.Text, [4]int64{int64(w.Earliest), int64(w.LatestStart), int64(w.EarliestEnd), int64(w.Latest)}, w.Interval})
}

// parseWhenText reads what whenText wrote, with the bounds this build
// derives (tokumu.When.Rederive): names are read whole, never asked by
// their bounds in SQL, so no migration rewrites them.
func parseWhenText(s string) (tokumu.When, error) {
	if s == "" {
		return tokumu.When{}, nil
	}
	var r whenRow
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return tokumu.When{}, err
	}
	return tokumu.When{EDTF: r.E, Text: r.T, Earliest: tokumu.Day(r.B[0]), LatestStart: tokumu.Day(r.B[1]),
		EarliestEnd: tokumu.Day(r.B[2]), Latest: tokumu.Day(r.B[3]), Interval: r.I}.Rederive(), nil
}
