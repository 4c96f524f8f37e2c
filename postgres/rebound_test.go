package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
)

// TestReboundApproximate: a database written before approximate dates
// were widened (its claim rows hold the unwidened bounds, and migration
// 0007 not applied) answers by the widened bounds once opened:
// "1938-06~/1938-09" possibly began in May 1938, so it is among the claims
// possibly held on 15 May 1938 (the GiST index follows the rows).
func TestReboundApproximate(t *testing.T) {
	ctx := context.Background()
	dsn := newSchema(t)
	ds := storetest.ApproximateFixture()
	db := mustOpen(t, dsn)
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	db.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// Make the database as an older build left it.
	for _, q := range []string{
		`UPDATE claim SET lo = 19380601, ls = 19380630, ee = 19380901, hi = 19380930 WHERE id = 'c-approx'`,
		`DELETE FROM migrations WHERE name = 'migration/0007_approximate_bounds.sql'`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	may15 := tokumu.DayOf(1938, 5, 15)
	ask := func(db tokumu.Store) int {
		n := 0
		for _, f := range []tokumu.ClaimFilter{{Object: "harbin-tokumu-kikan", At: may15}, {Subject: "lyushkov-genrikh", At: may15}} {
			cs, err := db.Claims(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if c.ID == "c-approx" {
					n++
				}
			}
		}
		return n
	}
	// The old state, read past the store.
	var lo int64
	if err := conn.QueryRow(ctx, `SELECT lo FROM claim WHERE id = 'c-approx'`).Scan(&lo); err != nil || lo != 19380601 {
		t.Fatalf("the old database's lo = %d (%v); want 19380601", lo, err)
	}
	db = mustOpen(t, dsn)
	defer db.Close()
	if n := ask(db); n != 2 {
		t.Errorf("after the migration c-approx is possibly on 1938-05-15 by %d of 2 queries (object, subject)", n)
	}
	var b [4]int64
	if err := conn.QueryRow(ctx, `SELECT lo, ls, ee, hi FROM claim WHERE id = 'c-approx'`).Scan(&b[0], &b[1], &b[2], &b[3]); err != nil {
		t.Fatal(err)
	}
	if want := [4]int64{19380501, 19380731, 19380901, 19380930}; b != want {
		t.Errorf("bounds after the migration %v, want %v", b, want)
	}
	var other int64
	if err := conn.QueryRow(ctx, `SELECT lo FROM claim WHERE id = 'c-doihara-head'`).Scan(&other); err != nil || other != 19320101 {
		t.Errorf("a claim without an approximate date has lo %d (%v); want 19320101", other, err)
	}
}
