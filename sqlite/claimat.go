package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"hash/fnv"
	"math"

	sqlite3 "modernc.org/sqlite"
)

// The interval index of the relations by date (migration 0007_claim_at.sql):
// an R*Tree on (object key, [lo, hi]). entityKey is the object's key on
// its first axis: a hash, so that neither an import nor an edit needs a
// table of entity numbers, and a new entity has its key at once. Two ids
// with one key only cost extra candidate rows, which the exact condition
// on claim drops, so the answers are those of the plain query.
func entityKey(id string) int64 { return keyOf(id) }

// keyOf is the hash behind entityKey; a test swaps it for one that gives
// every entity the same key, to check that collisions change no answer.
var keyOf = fnvKey

func fnvKey(id string) int64 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int64(int32(h.Sum32()))
}

func init() {
	// tokumu_key(object) is entityKey in SQL, for the statements that fill
	// the index from claim rows (the migration, Replace, an edit). Reads
	// compute the key in Go and bind it, so a reader needs no function.
	sqlite3.MustRegisterDeterministicScalarFunction("tokumu_key", 1, func(_ *sqlite3.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return entityKey(v), nil
		case []byte:
			return entityKey(string(v)), nil
		case nil:
			return nil, nil
		}
		return nil, fmt.Errorf("tokumu_key: want text, got %T", args[0])
	})
}

// claimAtFill inserts into claim_at the rows of the claims that the WHERE
// condition appended to it selects: those with an object and bounds that
// can hold a day in 32 bits (a claim outside them never answers a date
// the index is asked about: see atIndexed).
const claimAtFill = `INSERT INTO claim_at (id, k0, k1, lo, hi)
	SELECT seq, tokumu_key(object), tokumu_key(object), max(lo, -2147483648), min(hi, 2147483647)
	FROM claim WHERE object IS NOT NULL AND lo <= hi AND lo <= 2147483647 AND hi >= -2147483648`

// atIndexed reports whether a question for day d can be asked of claim_at:
// the index stores bounds clamped into 32 bits, which answer exactly for
// every day strictly inside them (every yyyymmdd day is).
func atIndexed(d int64) bool { return d > math.MinInt32 && d < math.MaxInt32 }

// hasClaimAt reports whether the file has the interval index: a file
// written before it and opened read-only (no migration runs) has not,
// and is asked the plain query.
func hasClaimAt(ctx context.Context, q queryer) bool {
	rows, err := q.QueryContext(ctx, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claim_at'`)
	if err != nil {
		return false
	}
	defer rows.Close()
	return rows.Next()
}

// dropSubjectSamples removes ANALYZE's stat4 samples of the claim_subject
// index, keeping its sqlite_stat1 row. With samples, SQLite compiles a
// statement again whenever a value bound to "subject = ?" changes, since
// the plan might depend on it: that re-parse was a third of the CPU of an
// entity's claims at a date at 1M claims even with the statement
// prepared once (BENCHMARKS.md). claim_subject is the only index on
// subject, so no plan chooses between it and another by the samples.
func dropSubjectSamples(ctx context.Context, tx execer) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat4'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM sqlite_stat4 WHERE idx = 'claim_subject'`)
	return err
}

// afterMigration runs Go code a migration's SQL cannot hold, in its
// transaction, once, when the migration is applied.
var afterMigration = map[string]func(context.Context, execer) error{
	"migration/0007_claim_at.sql":           dropSubjectSamples,
	"migration/0008_claim_rel.sql":          analyzeIfAnalyzed("claim_rel"),
	"migration/0010_approximate_bounds.sql": reboundApproximate,
}

// analyzeIfAnalyzed returns a step that gathers the statistics of a new
// index on a file that has statistics (Replace ran ANALYZE): without them
// the planner would not know the index serves the query it was made for.
// A file never analyzed (new, empty) is left so.
func analyzeIfAnalyzed(index string) func(context.Context, execer) error {
	return func(ctx context.Context, tx execer) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).Scan(&n); err != nil || n == 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, `ANALYZE `+index)
		return err
	}
}

// execer is a transaction, as the migrations and Replace hold one.
type execer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
