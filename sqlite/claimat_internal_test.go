package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestClaimAtEquivalence asks a random synthetic corpus for entities'
// claims at a date through the interval index (claim_at) and through the
// plain query on the same file, and wants the same claims in the same
// order: after the import, after edits that move and retract claims, and
// with every entity given the same key (every candidate a collision).
func TestClaimAtEquivalence(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	c, err := synth.Write(dir, 4000, 11)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if !s.hasAt {
		t.Fatal("a migrated file has no claim_at")
	}
	// The index holds every claim with an object and dated bounds.
	want := 0
	for _, cl := range ds.Claims {
		if cl.Object != "" && !cl.When.IsZero() && cl.When.Earliest <= cl.When.Latest {
			want++
		}
	}
	if got := count(t, s, `SELECT COUNT(*) FROM claim_at`); got != want || want < 1000 {
		t.Fatalf("claim_at has %d rows; the dataset has %d dated relations (want the same, and over 1000)", got, want)
	}
	// ANALYZE's samples of claim_subject are gone (a bound subject would
	// make SQLite compile the statement again on each call); the others stay.
	if n := count(t, s, `SELECT COUNT(*) FROM sqlite_stat4 WHERE idx = 'claim_subject'`); n != 0 {
		t.Errorf("%d stat4 samples of claim_subject after Replace; want 0", n)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM sqlite_stat4 WHERE idx = 'claim_object'`); n == 0 {
		t.Error("no stat4 samples of claim_object after Replace: did ANALYZE run?")
	}
	// The question is answered from the R*Tree, not the (object, lo, hi) index.
	q, args := s.claimQuery(tokumu.ClaimFilter{About: "org-3", At: 19380701})
	if plan := queryPlan(t, s, q, args); !strings.Contains(plan, "claim_at VIRTUAL TABLE") || strings.Contains(plan, "claim_object ") {
		t.Errorf("plan of the at-date query does not walk claim_at:\n%s", plan)
	}
	// The network page's question walks claim_rel in order, with no sort.
	q, args = s.claimQuery(tokumu.ClaimFilter{RelationsOnly: true, From: 19370101, To: 19411231, Limit: 5000})
	if plan := queryPlan(t, s, q, args); !strings.Contains(plan, "USING INDEX claim_rel") || strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("plan of the network query does not walk claim_rel in order:\n%s", plan)
	}
	plain := &DB{db: s.db, path: s.path} // the same file, asked without the index
	ids := append(append([]string{}, c.Orgs...), c.Persons...)
	r := rand.New(rand.NewPCG(5, 6))
	compare := func(stage string) {
		t.Helper()
		nonEmpty := 0
		for i := 0; i < 300; i++ {
			id := ids[r.IntN(len(ids))]
			if i%3 == 0 {
				id = c.Orgs[r.IntN(min(20, len(c.Orgs)))] // the hubs
			}
			day := tokumu.Day((1860+r.IntN(100))*10000 + (1+r.IntN(12))*100 + 1 + r.IntN(28))
			for _, f := range []tokumu.ClaimFilter{
				{About: id, At: day},
				{Object: id, At: day},
				{About: id, At: day, Predicate: "member_of"},
				{Object: id, At: day, Limit: 3},
			} {
				got := claims(t, s, f)
				exp := claims(t, plain, f)
				if !reflect.DeepEqual(got, exp) {
					t.Fatalf("%s: %+v: %d claims through claim_at, %d through the plain query", stage, f, len(got), len(exp))
				}
				if len(got) > 0 {
					nonEmpty++
				}
			}
		}
		if nonEmpty < 200 {
			t.Fatalf("%s: only %d of 1200 questions had an answer: the comparison proves little", stage, nonEmpty)
		}
	}
	compare("after import")

	// Edits: a dated relation moved to another object, another retracted.
	var moved, gone *tokumu.Claim
	for _, cl := range ds.Claims {
		if cl.Object == "" || cl.When.IsZero() {
			continue
		}
		if moved == nil && cl.Predicate == "member_of" && cl.Object != "org-1" {
			moved = cl
		} else if gone == nil && cl.Object == "org-0" {
			gone = cl
		}
	}
	upd := *moved
	upd.Object = "org-1"
	day := moved.When.Earliest
	before := claims(t, s, tokumu.ClaimFilter{Object: "org-1", At: day})
	if err := s.Apply(ctx, &tokumu.Revision{Author: "t", Message: "moved and retracted", Changes: []tokumu.Change{
		{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: upd.ID, After: &upd},
		{Op: tokumu.OpRetract, Kind: tokumu.KindClaim, ID: gone.ID},
	}}); err != nil {
		t.Fatal(err)
	}
	after := claims(t, s, tokumu.ClaimFilter{Object: "org-1", At: day})
	if len(after) != len(before)+1 {
		t.Errorf("org-1 at %d: %d claims before moving %s to it, %d after; want one more", day, len(before), upd.ID, len(after))
	}
	for _, cl := range claims(t, s, tokumu.ClaimFilter{Object: "org-0", At: gone.When.Earliest}) {
		if cl.ID == gone.ID {
			t.Errorf("retracted %s is still answered at %d", gone.ID, gone.When.Earliest)
		}
	}
	if got := count(t, s, `SELECT COUNT(*) FROM claim_at`); got != want-1 {
		t.Errorf("claim_at has %d rows after one move and one retraction; want %d", got, want-1)
	}
	compare("after edits")

	// Every entity on one key: every claim at the date is a candidate, and
	// the exact condition must drop all but the entity's own.
	keyOf = func(string) int64 { return 7 }
	defer func() { keyOf = fnvKey }()
	if _, err := s.db.ExecContext(ctx, `UPDATE claim_at SET k0 = 7, k1 = 7`); err != nil {
		t.Fatal(err)
	}
	compare("all keys colliding")
}

func claims(t *testing.T, s *DB, f tokumu.ClaimFilter) []*tokumu.Claim {
	t.Helper()
	cs, err := s.Claims(context.Background(), f)
	if err != nil {
		t.Fatalf("Claims(%+v): %v", f, err)
	}
	return cs
}

func count(t *testing.T, s *DB, q string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func queryPlan(t *testing.T, s *DB, q string, args []any) string {
	t.Helper()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, detail)
	}
	return b.String()
}

// TestClaimAtMigration: a file written before the interval index gets it,
// filled from its claims, when it is next opened for writing; opened
// read-only it is asked the plain query.
func TestClaimAtMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds := storetest.Fixture()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	f := tokumu.ClaimFilter{About: "kwantung-army", At: 19380701}
	want := claims(t, s, f)
	if len(want) == 0 {
		t.Fatal("the fixture has no claims about kwantung-army on 1938-07-01")
	}
	rows := count(t, s, `SELECT COUNT(*) FROM claim_at`)
	// Make it a file of the previous version: no claim_at, samples of claim_subject.
	for _, q := range []string{`DROP TABLE claim_at`, `DELETE FROM migrations WHERE name = 'migration/0007_claim_at.sql'`, `ANALYZE`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ro.hasAt {
		t.Error("a file without claim_at opened read-only says it has it")
	}
	if got := claims(t, ro, f); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only, plain query: %d claims; want the %d of before", len(got), len(want))
	}
	ro.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, `SELECT COUNT(*) FROM claim_at`); !s.hasAt || n != rows {
		t.Errorf("after the migration: hasAt %v, %d rows in claim_at; want true, %d as Replace wrote", s.hasAt, n, rows)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM sqlite_stat4 WHERE idx = 'claim_subject'`); n != 0 {
		t.Errorf("%d stat4 samples of claim_subject after the migration; want 0", n)
	}
	if got := claims(t, s, f); !reflect.DeepEqual(got, want) {
		t.Errorf("through claim_at after the migration: %d claims; want the %d of before", len(got), len(want))
	}
}
