package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tokumu/tokumu"
)

// afterMigration runs Go code a migration's SQL cannot hold, in its
// transaction, once, when the migration is applied.
var afterMigration = map[string]func(context.Context, pgx.Tx) error{
	"migration/0007_approximate_bounds.sql": reboundApproximate,
}

// reboundApproximate gives the claims whose dates are approximate the
// bounds this build derives (migration 0007): at-date questions read the
// stored columns, never the EDTF, so a claim dated "1938-06~" stored
// unwidened would still be certain on 1 July 1938. A date that no longer
// parses keeps its bounds; check reports it.
func reboundApproximate(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT id, edtf FROM claim WHERE edtf LIKE '%~%' OR edtf LIKE '%!%%' ESCAPE '!'`)
	if err != nil {
		return err
	}
	type row struct{ id, edtf string }
	todo, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		err := r.Scan(&x.id, &x.edtf)
		return x, err
	})
	if err != nil {
		return err
	}
	for _, r := range todo {
		w, _, err := tokumu.ParseWhen(r.edtf)
		if err != nil || w.IsZero() {
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE claim SET lo = $1, ls = $2, ee = $3, hi = $4 WHERE id = $5`,
			int64(w.Earliest), int64(w.LatestStart), int64(w.EarliestEnd), int64(w.Latest), r.id); err != nil {
			return fmt.Errorf("claim %s (%s): %w", r.id, r.edtf, err)
		}
	}
	return nil
}
