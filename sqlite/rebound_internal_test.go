package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
)

// TestReboundApproximate: a file written before approximate dates were
// widened (its claim rows and claim_at rows hold the unwidened bounds, and
// migration 0010 not applied) answers by the widened bounds once opened:
// "1938-06~/1938-09" possibly began in May 1938, so it is among the claims
// possibly held on 15 May 1938, from the index and from the plain query,
// and its stored blobs are gone.
func TestReboundApproximate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ds := storetest.ApproximateFixture()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if err := s.PutBlob(ctx, "search", "old-key", []byte("old")); err != nil {
		t.Fatal(err)
	}
	// Make the file as an older build left it.
	for _, q := range []string{
		`UPDATE claim SET lo = 19380601, ls = 19380630, ee = 19380901, hi = 19380930 WHERE id = 'c-approx'`,
		`DELETE FROM claim_at WHERE id IN (SELECT seq FROM claim WHERE id = 'c-approx')`,
		claimAtFill + ` AND id = 'c-approx'`,
		`DELETE FROM migrations WHERE name = 'migration/0010_approximate_bounds.sql'`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	may15 := tokumu.DayOf(1938, 5, 15)
	if got := approxIDs(t, s, may15); len(got) != 0 {
		t.Fatalf("before the migration, claims on 1938-05-15: %v; want none (the test's old file is not old)", got)
	}
	s.Close()

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := approxIDs(t, s, may15); len(got) != 1 {
		t.Errorf("after the migration, claims about lyushkov-genrikh possibly on 1938-05-15: %v; want c-approx", got)
	}
	var lo, ls, ee, hi int64
	if err := s.db.QueryRowContext(ctx, `SELECT lo, ls, ee, hi FROM claim WHERE id = 'c-approx'`).Scan(&lo, &ls, &ee, &hi); err != nil {
		t.Fatal(err)
	}
	if want := [4]int64{19380501, 19380731, 19380901, 19380930}; [4]int64{lo, ls, ee, hi} != want {
		t.Errorf("bounds after the migration %v, want %v", [4]int64{lo, ls, ee, hi}, want)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM claim_at WHERE id IN (SELECT seq FROM claim WHERE id = 'c-approx') AND lo = 19380501`); n != 1 {
		t.Errorf("claim_at rows of c-approx from 1938-05-01: %d, want 1", n)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM blob`); n != 0 {
		t.Errorf("%d blobs kept across the migration; want 0 (they were derived from the old bounds)", n)
	}
	// The other claims' bounds are untouched.
	if n := count(t, s, `SELECT COUNT(*) FROM claim WHERE id = 'c-doihara-head' AND lo = 19320101 AND hi = 19321231`); n != 1 {
		t.Error("a claim without an approximate date changed its bounds")
	}
}

// approxIDs returns the ids of the claims about lyushkov-genrikh that
// possibly held on d, asked through the index (About) and checked against
// the plain query (Subject).
func approxIDs(t *testing.T, s *DB, d tokumu.Day) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, f := range []tokumu.ClaimFilter{{About: "harbin-tokumu-kikan", At: d}, {Subject: "lyushkov-genrikh", At: d}} {
		cs, err := s.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range cs {
			if c.Subject == "lyushkov-genrikh" {
				ids = append(ids, c.ID)
			}
		}
		if out != nil && len(ids) != len(out) {
			t.Fatalf("the index gives %v, the plain query %v", out, ids)
		}
		out = ids
	}
	return out
}
