package tokumu

import "context"

// Regrade adds to rev what a corrected source implies for the claims that
// cite it. A claim takes from its source what it does not write (no grade:
// the default whole; "3": the reliability), but a store keeps only the
// effective grade, so for each source rev puts with another default grade
// than the stored one, every claim citing it is read back to what it
// would have written against the old source (WrittenGrade) and regraded
// against the new one (EffectiveGrade); a claim whose grade moves is put
// in the same revision, so that the history shows it and a revert of the
// revision puts it back. A claim rev itself puts is left as rev puts it.
// A claim changed by another revision since rev.Base makes Apply refuse
// rev with ECONFLICT, as any stale edit is. What a claim wrote is read
// from its grade, so a claim whose own grade equals the old source's
// default is taken to follow it; the store keeps nothing that tells the
// two apart. A revert needs no Regrade: it puts back the claims the
// revision regraded.
func Regrade(ctx context.Context, store Store, rev *Revision) error {
	own := map[string]bool{}
	for _, ch := range rev.Changes {
		if ch.Kind == KindClaim {
			own[ch.ID] = true
		}
	}
	n := len(rev.Changes)
	for _, ch := range rev.Changes[:n] {
		after, ok := ch.After.(*Source)
		if ch.Kind != KindSource || ch.Op != OpPut || !ok {
			continue
		}
		before, err := store.Source(ctx, ch.ID)
		if ErrorCode(err) == ENOTFOUND {
			continue // a new source: no claim cites it yet
		}
		if err != nil {
			return err
		}
		if before.DefaultGrade() == after.DefaultGrade() {
			continue
		}
		cs, err := store.Claims(ctx, ClaimFilter{Source: ch.ID})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if own[c.ID] {
				continue
			}
			g := EffectiveGrade(after, WrittenGrade(before, c.Grade))
			if g == c.Grade {
				continue
			}
			cc := *c
			cc.Grade = g
			rev.Changes = append(rev.Changes, Change{Op: OpPut, Kind: KindClaim, ID: c.ID, After: &cc})
			own[c.ID] = true
		}
	}
	return nil
}
