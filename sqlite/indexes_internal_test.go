package sqlite

import "testing"

// TestClaimIndexesDropNames: Replace drops every claim index by its name,
// also one written CREATE INDEX IF NOT EXISTS.
func TestClaimIndexesDropNames(t *testing.T) {
	create, drop := claimIndexes()
	if len(create) != 7 || len(drop) != 7 {
		t.Fatalf("%d creates, %d drops; want 7 and 7 (5 in 0002, 1 in 0005, 1 in 0008)", len(create), len(drop))
	}
	if want := "DROP INDEX IF EXISTS claim_object_predicate"; drop[5] != want {
		t.Errorf("drop 5 %q, want %q", drop[5], want)
	}
	if want := "DROP INDEX IF EXISTS claim_rel"; drop[6] != want {
		t.Errorf("last drop %q, want %q", drop[6], want)
	}
}
