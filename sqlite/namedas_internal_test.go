package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/storetest"
)

// TestNamedAsOldFile: a file written before claim.named_as (a release's
// snapshot, a database opened read-only) is read with no words kept, the
// rest of every claim as before; opened for writing it gets the column.
func TestNamedAsOldFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	want := claims(t, s, tokumu.ClaimFilter{})
	named := 0
	for _, c := range want {
		if !c.NamedAs.IsZero() {
			named++
			c.NamedAs = tokumu.NamedAs{} // what an old file can give
		}
	}
	if named == 0 {
		t.Fatal("the fixture has no claim with named_as")
	}
	for _, q := range []string{`ALTER TABLE claim DROP COLUMN named_as`, `DELETE FROM migrations WHERE name = 'migration/0009_claim_named_as.sql'`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	for _, opt := range []Options{{ReadOnly: true}, {Snapshot: true}} {
		ro, err := Open(ctx, path, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := claims(t, ro, tokumu.ClaimFilter{}); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %d claims, not the %d of before without their words", opt, len(got), len(want))
		}
		about := claims(t, ro, tokumu.ClaimFilter{About: "kwantung-army", At: 19380701})
		if len(about) == 0 {
			t.Errorf("%+v: no claims about kwantung-army on 1938-07-01", opt)
		}
		ro.Close()
	}
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, `SELECT COUNT(*) FROM pragma_table_info('claim') WHERE name = 'named_as'`); n != 1 || s.noNamedAs {
		t.Errorf("opened for writing: %d named_as columns, noNamedAs %v; want the migration to add it", n, s.noNamedAs)
	}
	if got := claims(t, s, tokumu.ClaimFilter{}); !reflect.DeepEqual(got, want) {
		t.Errorf("after the migration: the claims differ from before")
	}
}
