// Package bench holds the end-to-end benchmarks of tokumu on synthetic
// corpora: import, an entity's page, an entity's relations at a date, an
// organization subtree at a date, each beside the same question asked of
// plain SQLite in the same run. Sizes come from -sizes (claims):
//
//	go test ./internal/bench -run X -bench . -sizes 10000,100000,1000000 -benchtime 2000x
//
// Generated corpora are cached in $TMPDIR/tokumu-synth-KEY-N-s42 between
// runs, KEY a hash of the vocabulary and the generator's version.
package bench

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var sizes = flag.String("sizes", "10000", "comma-separated corpus sizes in claims")

// dbPath is a database 'tokumu import' already wrote from the synthetic
// corpus of the (single) size in -sizes, queried as is instead of
// importing the corpus again (minutes at 1M claims on a loaded machine).
var dbPath = flag.String("db", "", "an imported synthetic database of the size in -sizes, to query instead of importing")

type fixture struct {
	corpus *synth.Corpus
	db     *sqlite.DB
	raw    *sql.DB
	path   string
}

var fixtures = map[int]*fixture{}

func sizeList(b *testing.B) []int {
	var out []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			b.Fatalf("bad -sizes: %v", err)
		}
		out = append(out, n)
	}
	return out
}

// The fixtures are kept for the whole run and shared by the benchmarks,
// so their files live in one directory that outlives any one benchmark
// (b.TempDir goes when the benchmark that made it ends: a store opening
// a new connection to a fixture made there then failed), removed after
// the run by TestMain.
var sharedDir struct {
	once sync.Once
	dir  string
	err  error
}

func fixtureDir(b *testing.B) string {
	sharedDir.once.Do(func() { sharedDir.dir, sharedDir.err = os.MkdirTemp("", "tokumu-bench-") })
	if sharedDir.err != nil {
		b.Fatal(sharedDir.err)
	}
	return sharedDir.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir.dir != "" {
		os.RemoveAll(sharedDir.dir)
	}
	os.Exit(code)
}

// generate returns the synthetic corpus of n claims (seed 42), cached
// between runs under a directory named by the vocabulary and the
// generator's version (synth.Cached), so a cache never goes stale.
func generate(b *testing.B, n int) *synth.Corpus {
	start := time.Now()
	c, err := synth.Cached(n, 42)
	if err != nil {
		b.Fatal(err)
	}
	if c.Claims != 0 {
		b.Logf("generated %d claims in %v", c.Claims, time.Since(start))
	}
	return c
}

func get(b *testing.B, n int) *fixture {
	if f := fixtures[n]; f != nil {
		return f
	}
	if *dbPath != "" {
		ctx := context.Background()
		db, err := sqlite.Open(ctx, *dbPath, sqlite.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		raw, err := sql.Open("sqlite", "file:"+*dbPath+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		f := &fixture{corpus: synth.Describe("", n), db: db, raw: raw, path: *dbPath}
		fixtures[n] = f
		return f
	}
	c := generate(b, n)
	path := filepath.Join(fixtureDir(b), fmt.Sprintf("bench-%d.db", n))
	ds, err := yamlcorpus.Load(os.DirFS(c.Dir))
	if err != nil {
		b.Fatal(err)
	}
	c.Claims = len(ds.Claims)
	ctx := context.Background()
	w, err := sqlite.Open(ctx, path, sqlite.Options{Bulk: true})
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Replace(ctx, ds); err != nil {
		b.Fatal(err)
	}
	w.Close()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{corpus: c, db: db, raw: raw, path: path}
	fixtures[n] = f
	return f
}

// latencies runs op b.N times and reports p50 and p99 beside the mean.
func latencies(b *testing.B, op func(i int)) {
	ds := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		op(i)
		ds[i] = time.Since(t)
	}
	b.StopTimer()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds())/1e3, "p99-µs")
}

func BenchmarkImport(b *testing.B) {
	for _, n := range sizeList(b) {
		c := generate(b, n)
		b.Run(fmt.Sprintf("claims=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				start := time.Now()
				ds, err := yamlcorpus.Load(os.DirFS(c.Dir))
				if err != nil {
					b.Fatal(err)
				}
				parsed := time.Since(start)
				db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("i%d.db", i)), sqlite.Options{Bulk: true})
				if err != nil {
					b.Fatal(err)
				}
				if err := db.Replace(context.Background(), ds); err != nil {
					b.Fatal(err)
				}
				db.Close()
				total := time.Since(start)
				b.ReportMetric(float64(len(ds.Claims))/total.Seconds(), "claims/s")
				b.ReportMetric(parsed.Seconds(), "parse-s")
				b.ReportMetric(total.Seconds(), "total-s")
			}
		})
	}
}

// BenchmarkImportStream is the import as 'tokumu import' runs it into an
// SQLite file: the corpus read in two passes (yamlcorpus.Stream) and the
// claims written as the second pass gives them, never all in memory.
func BenchmarkImportStream(b *testing.B) {
	for _, n := range sizeList(b) {
		c := generate(b, n)
		b.Run(fmt.Sprintf("claims=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				start := time.Now()
				st, err := yamlcorpus.Prepare(os.DirFS(c.Dir))
				if err != nil {
					b.Fatal(err)
				}
				prepared := time.Since(start)
				claims := func(add func(*tokumu.Claim) error) error {
					return st.Claims(func(cs []*tokumu.Claim) error {
						for _, c := range cs {
							if err := add(c); err != nil {
								return err
							}
						}
						return nil
					})
				}
				path := filepath.Join(b.TempDir(), fmt.Sprintf("s%d.db", i))
				if err := sqlite.WriteFileStream(context.Background(), path, st.Head(), claims, nil); err != nil {
					b.Fatal(err)
				}
				total := time.Since(start)
				b.ReportMetric(float64(st.NumClaims())/total.Seconds(), "claims/s")
				b.ReportMetric(prepared.Seconds(), "pass1-s")
				b.ReportMetric(total.Seconds(), "total-s")
			}
		})
	}
}

// BenchmarkShow is an entity page: the entity, all claims about it from
// both sides, the entities, sources and predicates they mention.
func BenchmarkShow(b *testing.B) {
	for _, n := range sizeList(b) {
		f := get(b, n)
		b.Run(fmt.Sprintf("claims=%d/tokumu", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			latencies(b, func(int) {
				id := f.corpus.Persons[r.IntN(len(f.corpus.Persons))]
				if _, err := view.LoadEntityView(context.Background(), f.db, id); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("claims=%d/plain-sqlite", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			latencies(b, func(int) {
				id := f.corpus.Persons[r.IntN(len(f.corpus.Persons))]
				countRows(b, f.raw, `SELECT * FROM claim WHERE subject = ? UNION ALL SELECT * FROM claim WHERE object = ?`, id, id)
			})
		})
	}
}

// BenchmarkAt is one entity's claims that held on a date.
func BenchmarkAt(b *testing.B) {
	for _, n := range sizeList(b) {
		f := get(b, n)
		b.Run(fmt.Sprintf("claims=%d/tokumu", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			latencies(b, func(int) {
				id := f.corpus.Orgs[r.IntN(len(f.corpus.Orgs))]
				if _, err := f.db.Claims(context.Background(), tokumu.ClaimFilter{About: id, At: 19380701}); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("claims=%d/plain-sqlite", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			latencies(b, func(int) {
				id := f.corpus.Orgs[r.IntN(len(f.corpus.Orgs))]
				countRows(b, f.raw, `SELECT * FROM claim WHERE subject = ? AND lo <= 19380701 AND hi >= 19380701
					UNION ALL SELECT * FROM claim WHERE object = ? AND lo <= 19380701 AND hi >= 19380701`, id, id)
			})
		})
	}
}

// BenchmarkSubtree is an organization's subtree at a date: in the server's
// in-memory chart, and as a recursive CTE on plain SQLite.
func BenchmarkSubtree(b *testing.B) {
	for _, n := range sizeList(b) {
		f := get(b, n)
		ctx := context.Background()
		var claims []*tokumu.Claim
		for _, p := range []string{"part_of", "subordinate_to", "head_of", "commanded"} {
			cs, err := f.db.Claims(ctx, tokumu.ClaimFilter{Predicate: p})
			if err != nil {
				b.Fatal(err)
			}
			claims = append(claims, cs...)
		}
		ch := chart.Build(claims, testVocab)
		// Mid-rank organizations, as perf-peers.md queried: hubs among the first few.
		roots := f.corpus.Orgs[:min(50, len(f.corpus.Orgs))]
		b.Run(fmt.Sprintf("claims=%d/tokumu-chart", n), func(b *testing.B) {
			sizes := 0
			latencies(b, func(i int) { sizes += len(ch.Subtree(roots[i%len(roots)], 19300701)) })
			b.ReportMetric(float64(sizes)/float64(b.N), "nodes/op")
		})
		b.Run(fmt.Sprintf("claims=%d/plain-sqlite-cte", n), func(b *testing.B) {
			latencies(b, func(i int) {
				countRows(b, f.raw, `WITH RECURSIVE sub(id) AS (SELECT ? UNION
					SELECT c.subject FROM claim c JOIN sub ON c.object = sub.id
					WHERE c.predicate IN ('part_of','subordinate_to') AND c.lo <= 19300701 AND c.hi >= 19300701)
					SELECT id FROM sub`, roots[i%len(roots)])
			})
		})
	}
}

func countRows(b *testing.B, db *sql.DB, q string, args ...any) int {
	rows, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}
