package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tokumu/tokumu"
)

// Replace swaps the whole content of the database for ds in one
// transaction, loading the rows with COPY. Rows are removed with DELETE
// rather than TRUNCATE so that readers keep reading the old content while
// the load runs (TRUNCATE would block them), and see the new content when
// it commits.
func (s *DB) Replace(ctx context.Context, ds *tokumu.Dataset) error {
	if err := checkUnique(ds); err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	defer tx.Rollback(ctx)
	// One writer at a time, Replace or Apply (the edit lock): a second
	// waits rather than failing on the rows the first is writing, and an
	// edit never interleaves with a bulk load.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(editLock)); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	for _, t := range []string{"meta", "predicate", "source", "entity", "name", "claim"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("postgres: replace: clear %s: %w", t, err)
		}
	}
	if err := copyAll(ctx, tx, ds); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('settings', $1), ('hash', $2)`, mustJSON(ds.Settings), ds.Hash); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	// The revisions made before this import were made on the data it
	// replaced (ImportRevision); they stay in the history, numbered as
	// they were, so that a server watching the numbers never goes back.
	if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) SELECT 'import_revision', COALESCE(MAX(id), 0)::text FROM revision`); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	// When it was imported: a release created at the same revision number
	// before it froze other data (tokumu.ImportedAt).
	if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('imported_at', $1)`, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	// The servers on this database rebuild from the new data (revision 0:
	// "compare with the newest", WatchRevisions), as after an edit; an
	// import adds no revision, so they compare the corpus's hash too.
	if _, err := tx.Exec(ctx, `SELECT pg_notify('`+notifyChannel+`', current_schema() || ':0')`); err != nil {
		return fmt.Errorf("postgres: replace: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: replace: commit: %w", err)
	}
	return nil
}

// checkUnique refuses a dataset that repeats an id, naming it, before any
// row is written (a failed COPY would only say which constraint broke).
func checkUnique(ds *tokumu.Dataset) error {
	check := func(kind string, n int, id func(int) string) error {
		seen := make(map[string]bool, n)
		for i := range n {
			if seen[id(i)] {
				return tokumu.Errorf(tokumu.ECONFLICT, "two %ss have the id %q", kind, id(i))
			}
			seen[id(i)] = true
		}
		return nil
	}
	if err := check("predicate", len(ds.Predicates), func(i int) string { return ds.Predicates[i].ID }); err != nil {
		return err
	}
	if err := check("source", len(ds.Sources), func(i int) string { return ds.Sources[i].ID }); err != nil {
		return err
	}
	if err := check("entity", len(ds.Entities), func(i int) string { return ds.Entities[i].ID }); err != nil {
		return err
	}
	return check("claim", len(ds.Claims), func(i int) string { return ds.Claims[i].ID })
}

// isConflict reports whether err is PostgreSQL refusing a second row with
// the same key (unique_violation).
func isConflict(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, n int, row func(i int) ([]any, error)) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, row))
	if isConflict(err) {
		var e *pgconn.PgError
		errors.As(err, &e)
		return tokumu.Errorf(tokumu.ECONFLICT, "two rows of %s have one key: %s", table, e.Detail)
	}
	if err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

func copyAll(ctx context.Context, tx pgx.Tx, ds *tokumu.Dataset) error {
	err := copyRows(ctx, tx, "predicate", []string{"id", "ord", "label", "inverse", "domain", "range_", "literal", "hierarchy", "roles", "origin"},
		len(ds.Predicates), func(i int) ([]any, error) {
			p := ds.Predicates[i]
			dom, rng, roles := p.Domain, p.Range, p.Roles
			if dom == nil {
				dom = []tokumu.EntityType{}
			}
			if rng == nil {
				rng = []tokumu.EntityType{}
			}
			if roles == nil {
				roles = []tokumu.Role{}
			}
			return []any{p.ID, int32(i), mustJSON(p.Label), mustJSON(p.Inverse), mustJSON(dom), mustJSON(rng), string(p.Literal), p.Hierarchy, mustJSON(roles), p.Origin}, nil
		})
	if err != nil {
		return err
	}
	err = copyRows(ctx, tx, "source", []string{"id", "kind", "data"}, len(ds.Sources), func(i int) ([]any, error) {
		src := ds.Sources[i]
		return []any{src.ID, string(src.Kind), mustJSON(newSourceRow(src))}, nil
	})
	if err != nil {
		return err
	}
	err = copyRows(ctx, tx, "entity", []string{"id", "type", "summary", "tags", "origin"}, len(ds.Entities), func(i int) ([]any, error) {
		e := ds.Entities[i]
		summary := "{}"
		if len(e.Summary) > 0 {
			summary = mustJSON(e.Summary)
		}
		return []any{e.ID, string(e.Type), summary, listJSON(e.Tags), e.Origin}, nil
	})
	if err != nil {
		return err
	}
	type nameRef struct {
		e *tokumu.Entity
		i int
	}
	var names []nameRef
	for _, e := range ds.Entities {
		for i := range e.Names {
			names = append(names, nameRef{e, i})
		}
	}
	err = copyRows(ctx, tx, "name", []string{"entity", "ord", "text", "lang", "kind", "when_", "source"}, len(names), func(i int) ([]any, error) {
		r := names[i]
		n := r.e.Names[r.i]
		return []any{r.e.ID, int32(r.i), n.Text, n.Lang, string(n.Kind), whenText(n.When), n.Source}, nil
	})
	if err != nil {
		return err
	}
	return copyRows(ctx, tx, "claim", claimColumnList, len(ds.Claims), func(i int) ([]any, error) {
		return claimRow(ds.Claims[i]), nil
	})
}

// claimColumnList is the claim table's columns in the order claimRow and
// scanClaim use.
var claimColumnList = []string{"id", "subject", "predicate", "object", "value", "unit", "role", "lang",
	"edtf", "edtf_text", "lo", "ls", "ee", "hi", "interval", "place", "source", "locator", "grade", "perspective",
	"planted_by", "named_as", "note", "supported_by", "complicated_by", "origin"}

// claimRow is c as the values of claimColumnList: NULL for no object and
// for the bounds of an undated claim.
func claimRow(c *tokumu.Claim) []any {
	var obj any
	if c.Object != "" {
		obj = c.Object
	}
	var lo, ls, ee, hi any
	if !c.When.IsZero() {
		lo, ls, ee, hi = int64(c.When.Earliest), int64(c.When.LatestStart), int64(c.When.EarliestEnd), int64(c.When.Latest)
	}
	return []any{c.ID, c.Subject, c.Predicate, obj, c.Value, c.Unit, c.Role, c.Lang,
		c.When.EDTF, c.When.Text, lo, ls, ee, hi, c.When.Interval, c.Where, c.Source, c.Locator, c.Grade.String(),
		c.Perspective, c.PlantedBy, c.NamedAs.Encode(), c.Note, listJSON(c.SupportedBy), listJSON(c.ComplicatedBy), c.Origin}
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
