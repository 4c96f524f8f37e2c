package bench

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
)

// BenchmarkNetwork measures the network package on the synthetic corpora
// beside recursive CTEs on the same SQLite file in the same run: the
// 2-hop neighbourhood of a person at a date, a shortest path between two
// persons at that date (the CTE bounded at 4 hops), and betweenness on a
// date-bounded subgraph of at most 10,000 nodes. The graph at the date is
// built once (reported as build); the CTEs do everything per query.
//
//	go test ./internal/bench -run X -bench Network -sizes 10000,100000,1000000 -benchtime 200x
func BenchmarkNetwork(b *testing.B) {
	ctx := context.Background()
	at := tokumu.DayOf(1935, 6, 1)
	for _, n := range sizeList(b) {
		f := get(b, n)
		c, err := view.LoadCorpus(ctx, f.db)
		if err != nil {
			b.Fatal(err)
		}
		var g *network.Graph
		b.Run(fmt.Sprintf("build/%d", n), func(b *testing.B) {
			latencies(b, func(int) {
				cs, err := f.db.Claims(ctx, tokumu.ClaimFilter{RelationsOnly: true, At: at})
				if err != nil {
					b.Fatal(err)
				}
				g = network.Build(cs, c.Entities, network.Options{At: at})
			})
			b.ReportMetric(float64(len(g.Nodes())), "nodes")
			b.ReportMetric(float64(len(g.Edges())), "edges")
		})
		persons := f.corpus.Persons
		b.Run(fmt.Sprintf("2hop/tokumu/%d", n), func(b *testing.B) {
			latencies(b, func(i int) {
				if e := g.Ego(persons[i*7919%len(persons)], 2); e != nil {
					_ = e.Nodes()
				}
			})
		})
		b.Run(fmt.Sprintf("2hop/cte/%d", n), func(b *testing.B) {
			latencies(b, func(i int) {
				countRows(b, f.raw, `WITH RECURSIVE hop(id, d) AS (SELECT ?1, 0
					UNION SELECT c.object, hop.d + 1 FROM hop JOIN claim c ON c.subject = hop.id
						WHERE hop.d < 2 AND c.object IS NOT NULL AND c.lo <= ?2 AND c.hi >= ?2
					UNION SELECT c.subject, hop.d + 1 FROM hop JOIN claim c ON c.object = hop.id
						WHERE hop.d < 2 AND c.lo <= ?2 AND c.hi >= ?2)
					SELECT DISTINCT id FROM hop`, persons[i*7919%len(persons)], int64(at))
			})
		})
		pair := func(i int) (string, string) {
			return persons[i*7919%len(persons)], persons[(i*104729+1)%len(persons)]
		}
		found := 0
		b.Run(fmt.Sprintf("path/tokumu/%d", n), func(b *testing.B) {
			found = 0
			latencies(b, func(i int) {
				a, z := pair(i)
				if _, err := g.Path(a, z); err == nil {
					found++
				}
			})
			b.ReportMetric(float64(found)/float64(b.N), "found")
		})
		b.Run(fmt.Sprintf("path/cte/%d", n), func(b *testing.B) {
			latencies(b, func(i int) {
				a, z := pair(i)
				countRows(b, f.raw, `WITH RECURSIVE hop(id, d) AS (SELECT ?1, 0
					UNION SELECT c.object, hop.d + 1 FROM hop JOIN claim c ON c.subject = hop.id
						WHERE hop.d < 4 AND c.object IS NOT NULL AND c.lo <= ?2 AND c.hi >= ?2
					UNION SELECT c.subject, hop.d + 1 FROM hop JOIN claim c ON c.object = hop.id
						WHERE hop.d < 4 AND c.lo <= ?2 AND c.hi >= ?2)
					SELECT min(d) FROM hop WHERE id = ?3`, a, int64(at), z)
			})
		})
		// Betweenness on at most 10,000 nodes: those nearest the root
		// organization in the graph at the date.
		sub := g.Ego(f.corpus.Root, 1)
		for r := 2; sub != nil && len(sub.Nodes()) < 10000; r++ {
			next := g.Ego(f.corpus.Root, r)
			if len(next.Nodes()) > 10000 || len(next.Nodes()) == len(sub.Nodes()) {
				break
			}
			sub = next
		}
		if sub == nil {
			continue
		}
		b.Run(fmt.Sprintf("betweenness/%d", n), func(b *testing.B) {
			start, cpu := time.Now(), cpuTime()
			for i := 0; i < b.N; i++ {
				sub.Betweenness()
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/op-wall")
			// CPU time is what a shared, loaded machine cannot inflate.
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "s/op-cpu")
			b.ReportMetric(float64(len(sub.Nodes())), "nodes")
			b.ReportMetric(float64(len(sub.Edges())), "edges")
		})
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
