package sqlite

import (
	"context"
	"fmt"

	"github.com/tokumu/tokumu"
)

// approximateClaims selects the claims whose dates are approximate.
const approximateClaims = `SELECT seq, edtf FROM claim WHERE edtf LIKE '%~%' OR edtf LIKE '%!%%' ESCAPE '!'`

// reboundApproximate gives the claims whose dates are approximate the
// bounds this build derives (migration 0010): at-date questions read the
// stored columns and claim_at, never the EDTF, so a claim dated "1938-06~"
// stored unwidened would still be certain on 1 July 1938. A date that no
// longer parses keeps its bounds; check reports it.
func reboundApproximate(ctx context.Context, tx execer) error {
	type row struct {
		seq  int64
		edtf string
	}
	var todo []row
	rows, err := tx.QueryContext(ctx, approximateClaims)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.edtf); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		w, _, err := tokumu.ParseWhen(r.edtf)
		if err != nil || w.IsZero() {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claim SET lo = ?, ls = ?, ee = ?, hi = ? WHERE seq = ?`,
			int64(w.Earliest), int64(w.LatestStart), int64(w.EarliestEnd), int64(w.Latest), r.seq); err != nil {
			return fmt.Errorf("claim %d (%s): %w", r.seq, r.edtf, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM claim_at WHERE id = ?`, r.seq); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, claimAtFill+` AND seq = ?`, r.seq); err != nil {
			return err
		}
	}
	return nil
}
