package sqlite

import "testing"

// TestClaimIndexesDropNames: Replace drops every claim index by its name,
// also one written CREATE INDEX IF NOT EXISTS.
func TestClaimIndexesDropNames(t *testing.T) {
	create, drop := claimIndexes()
	if len(create) != 6 || len(drop) != 6 {
		t.Fatalf("%d creates, %d drops; want 6 and 6 (5 in 0002, 1 in 0005)", len(create), len(drop))
	}
	if want := "DROP INDEX IF EXISTS claim_object_predicate"; drop[5] != want {
		t.Errorf("last drop %q, want %q", drop[5], want)
	}
}
