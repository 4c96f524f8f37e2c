package network_test

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
)

// randomGraph is a graph of n persons and organizations with about 2.5n
// dated relations, hubs as in internal/synth (a few organizations get most
// links). Deterministic for n.
func randomGraph(n int) *network.Graph {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	ents := make(map[string]*tokumu.Entity, n)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint("e", i)
		t := tokumu.Person
		if i%5 == 0 {
			t = tokumu.Organization
		}
		ents[ids[i]] = &tokumu.Entity{ID: ids[i], Type: t}
	}
	w := tokumu.When{EDTF: "1930/1940", Earliest: tokumu.DayOf(1930, 1, 1), LatestStart: tokumu.DayOf(1930, 12, 31),
		EarliestEnd: tokumu.DayOf(1940, 1, 1), Latest: tokumu.DayOf(1940, 12, 31), Interval: true}
	cs := make([]*tokumu.Claim, 0, 5*n/2)
	for i := 1; i < n; i++ {
		cs = append(cs, &tokumu.Claim{Subject: ids[i], Object: ids[r.IntN(i)], When: w}) // connected
		for k := 0; k < 2 && r.IntN(4) != 0; k++ {
			hub := int(float64(n) * r.Float64() * r.Float64() * r.Float64())
			cs = append(cs, &tokumu.Claim{Subject: ids[i], Object: ids[hub], When: w})
		}
	}
	return network.Build(cs, ents, network.Options{At: tokumu.DayOf(1935, 6, 1)})
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBetweenness: betweenness on 10,000 nodes (the aim is ≤ 2 s).
//
//	go test ./network -run X -bench . -benchtime 3x
func BenchmarkBetweenness(b *testing.B) {
	g := randomGraph(10000)
	cpu := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Betweenness()
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "s/op-cpu")
	b.ReportMetric(float64(len(g.Edges())), "edges")
}

// BenchmarkPathAndEgo: shortest paths and 2-hop neighbourhoods on a
// graph of 100,000 nodes, with p50 and p99.
func BenchmarkPathAndEgo(b *testing.B) {
	g := randomGraph(100000)
	for _, op := range []string{"path", "ego2"} {
		b.Run(op, func(b *testing.B) {
			ds := make([]time.Duration, b.N)
			for i := 0; i < b.N; i++ {
				a, z := fmt.Sprint("e", i*7919%100000), fmt.Sprint("e", (i*104729+1)%100000)
				t := time.Now()
				if op == "path" {
					g.Path(a, z)
				} else {
					g.Ego(a, 2)
				}
				ds[i] = time.Since(t)
			}
			slicesSort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
		})
	}
}

func slicesSort(ds []time.Duration) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}
