package bench

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
)

// BenchmarkNetworkSampled asks BenchmarkNetwork's questions with a fixed
// number of samples per question, so that one run at 1M claims
// (-benchtime 1x) measures every one of them beside its recursive CTE on
// the same SQLite file without repeating the betweenness (tens of
// seconds) as often as the 2-hop queries (milliseconds):
//
//	go test ./internal/bench -run X -bench NetworkSampled -sizes 1000000 -benchtime 1x -timeout 60m
//
// Each question is a sub-benchmark reporting p50 and p99 over its samples.
func BenchmarkNetworkSampled(b *testing.B) {
	ctx := context.Background()
	at := tokumu.DayOf(1935, 6, 1)
	const queries = 200 // 2-hop and path samples each, tokumu and CTE
	for _, n := range sizeList(b) {
		f := get(b, n)
		c, err := view.LoadCorpus(ctx, f.db)
		if err != nil {
			b.Fatal(err)
		}
		var g *network.Graph
		b.Run(fmt.Sprintf("build/%d", n), func(b *testing.B) {
			sampled(b, 3, func(int) {
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
		person := func(i int) string { return persons[i*7919%len(persons)] }
		b.Run(fmt.Sprintf("2hop/tokumu/%d", n), func(b *testing.B) {
			sampled(b, queries, func(i int) {
				if e := g.Ego(person(i), 2); e != nil {
					_ = e.Nodes()
				}
			})
		})
		b.Run(fmt.Sprintf("2hop/cte/%d", n), func(b *testing.B) {
			sampled(b, queries, func(i int) {
				countRows(b, f.raw, `WITH RECURSIVE hop(id, d) AS (SELECT ?1, 0
					UNION SELECT c.object, hop.d + 1 FROM hop JOIN claim c ON c.subject = hop.id
						WHERE hop.d < 2 AND c.object IS NOT NULL AND c.lo <= ?2 AND c.hi >= ?2
					UNION SELECT c.subject, hop.d + 1 FROM hop JOIN claim c ON c.object = hop.id
						WHERE hop.d < 2 AND c.lo <= ?2 AND c.hi >= ?2)
					SELECT DISTINCT id FROM hop`, person(i), int64(at))
			})
		})
		pair := func(i int) (string, string) { return person(i), persons[(i*104729+1)%len(persons)] }
		b.Run(fmt.Sprintf("path/tokumu/%d", n), func(b *testing.B) {
			found := 0
			sampled(b, queries, func(i int) {
				a, z := pair(i)
				if _, err := g.Path(a, z); err == nil {
					found++
				}
			})
			b.ReportMetric(float64(found)/queries, "found")
		})
		b.Run(fmt.Sprintf("path/cte/%d", n), func(b *testing.B) {
			sampled(b, queries, func(i int) {
				a, z := pair(i)
				countRows(b, f.raw, `WITH RECURSIVE hop(id, d) AS (SELECT ?1, 0
					UNION SELECT c.object, hop.d + 1 FROM hop JOIN claim c ON c.subject = hop.id
						WHERE hop.d < 4 AND c.object IS NOT NULL AND c.lo <= ?2 AND c.hi >= ?2
					UNION SELECT c.subject, hop.d + 1 FROM hop JOIN claim c ON c.object = hop.id
						WHERE hop.d < 4 AND c.lo <= ?2 AND c.hi >= ?2)
					SELECT min(d) FROM hop WHERE id = ?3`, a, int64(at), z)
			})
		})
		// Betweenness once, on the at most 10,000 nodes nearest the root
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
			sub.Betweenness()
			b.ReportMetric(time.Since(start).Seconds(), "s-wall")
			b.ReportMetric((cpuTime() - cpu).Seconds(), "s-cpu")
			b.ReportMetric(float64(len(sub.Nodes())), "nodes")
			b.ReportMetric(float64(len(sub.Edges())), "edges")
		})
	}
}

// sampled runs op k times (whatever b.N is) and reports p50 and p99.
func sampled(b *testing.B, k int, op func(i int)) {
	ds := make([]time.Duration, k)
	b.ResetTimer()
	for i := range ds {
		t := time.Now()
		op(i)
		ds[i] = time.Since(t)
	}
	b.StopTimer()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(ds[min(len(ds)-1, len(ds)*99/100)].Nanoseconds())/1e3, "p99-µs")
}
