package bench

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestChartAgreesWithCTE checks the in-memory chart against the recursive
// SQL query the benchmarks compare it with: for many roots and dates, both
// must reach the same organizations. (An earlier note suspected they did
// not at 1M claims; the suspicion came from reading a latency as a row
// count.)
func TestChartAgreesWithCTE(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	c, err := synth.Write(dir, 20000, 42)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	var claims []*tokumu.Claim
	for _, p := range []string{"part_of", "subordinate_to", "head_of"} {
		cs, err := db.Claims(ctx, tokumu.ClaimFilter{Predicate: p})
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, cs...)
	}
	ch := chart.Build(claims, testVocab)
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	compared, nonTrivial := 0, 0
	for _, d := range []tokumu.Day{19250101, 19300701, 19391231} {
		for _, root := range c.Orgs[:60] {
			var got []string
			for _, n := range ch.Subtree(root, d) {
				got = append(got, n.ID)
			}
			rows, err := raw.QueryContext(ctx, `WITH RECURSIVE sub(id) AS (SELECT ? UNION
				SELECT c.subject FROM claim c JOIN sub ON c.object = sub.id
				WHERE c.predicate IN ('part_of','subordinate_to') AND c.lo <= ? AND c.hi >= ?)
				SELECT id FROM sub`, root, d, d)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for rows.Next() {
				var id string
				rows.Scan(&id)
				want = append(want, id)
			}
			rows.Close()
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s on %s: chart %d organizations, CTE %d", root, d, len(got), len(want))
			}
			compared++
			if len(want) > 1 {
				nonTrivial++
			}
		}
	}
	if nonTrivial < compared/4 {
		t.Fatalf("only %d of %d subtrees have children: the comparison says little", nonTrivial, compared)
	}
	t.Logf("%d subtrees compared, %d with children", compared, nonTrivial)
}

// testVocab declares the roles the chart reads, as the embedded
// vocabulary (which synth corpora use) does.
var testVocab = tokumu.MustVocab([]*tokumu.Predicate{
	{ID: "part_of", Hierarchy: true},
	{ID: "subordinate_to", Hierarchy: true},
	{ID: "head_of", Roles: []tokumu.Role{tokumu.RoleOffice}},
	{ID: "commanded", Roles: []tokumu.Role{tokumu.RoleOffice}},
})
