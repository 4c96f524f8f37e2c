package network_test

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
)

// randomGraph is a graph of n persons and organizations with about 2.5n
// dated relations, hubs as in internal/synth (a few organizations get most
// links). Deterministic for n.
func randomGraph(n int) *network.Graph {
	cs, ents := randomClaims(n, false)
	return network.Build(cs, ents, network.Options{At: tokumu.DayOf(1935, 6, 1)})
}

// randomClaims are randomGraph's relations and entities. With life, a
// third of the relations are open-ended ("1930/") and every organization
// has a founding and every tenth person a death, so that the evidence
// has something to bound.
func randomClaims(n int, life bool) ([]*tokumu.Claim, map[string]*tokumu.Entity) {
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
	open := tokumu.When{EDTF: "1930/", Earliest: tokumu.DayOf(1930, 1, 1), LatestStart: tokumu.DayOf(1930, 12, 31),
		EarliestEnd: tokumu.DayOf(1930, 1, 1), Latest: tokumu.MaxDay, Interval: true}
	when := func() tokumu.When {
		if life && r.IntN(3) == 0 {
			return open
		}
		return w
	}
	cs := make([]*tokumu.Claim, 0, 5*n/2)
	for i := 1; i < n; i++ {
		cs = append(cs, &tokumu.Claim{ID: fmt.Sprint("c", len(cs)), Subject: ids[i], Predicate: "member_of", Object: ids[r.IntN(i)], When: when()}) // connected
		for k := 0; k < 2 && r.IntN(4) != 0; k++ {
			hub := int(float64(n) * r.Float64() * r.Float64() * r.Float64())
			cs = append(cs, &tokumu.Claim{ID: fmt.Sprint("c", len(cs)), Subject: ids[i], Predicate: "member_of", Object: ids[hub], When: when()})
		}
	}
	if life {
		for i := range ids {
			day := tokumu.DayOf(1920+r.IntN(30), 1+r.IntN(12), 1)
			switch {
			case i%5 == 0:
				cs = append(cs, &tokumu.Claim{ID: fmt.Sprint("f", i), Subject: ids[i], Predicate: "founded", When: tokumu.When{EDTF: "x", Earliest: day, LatestStart: day, EarliestEnd: day, Latest: day}})
			case i%10 == 1:
				cs = append(cs, &tokumu.Claim{ID: fmt.Sprint("d", i), Subject: ids[i], Predicate: "died", When: tokumu.When{EDTF: "x", Earliest: day, LatestStart: day, EarliestEnd: day, Latest: day}})
			}
		}
	}
	return cs, ents
}

// BenchmarkBuildPossible: the graph at a date over 100,000 nodes (about
// 250,000 relations, a third open-ended), as /api/path builds it, without
// and with the evidence's bounds (Options.Possible, view.Bound).
//
//	go test ./network -run X -bench BuildPossible -benchtime 5x -count 5
func BenchmarkBuildPossible(b *testing.B) {
	cs, ents := randomClaims(100000, true)
	v, err := tokumu.NewVocab([]*tokumu.Predicate{
		{ID: "member_of", Roles: []tokumu.Role{tokumu.RoleHierarchy}},
		{ID: "died", Roles: []tokumu.Role{tokumu.RoleDied}},
		{ID: "founded", Roles: []tokumu.Role{tokumu.RoleFounded}},
	})
	if err != nil {
		b.Fatal(err)
	}
	ev := view.NewEvidence(v, cs)
	at := tokumu.DayOf(1935, 6, 1)
	for _, c := range []struct {
		name     string
		possible func(*tokumu.Claim, tokumu.Day, tokumu.Day) bool
	}{
		{"own-dates", nil},
		{"bounded", func(c *tokumu.Claim, from, to tokumu.Day) bool { return ev.Bound(c).PossiblyIn(c, from, to) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			edges := 0
			for i := 0; i < b.N; i++ {
				edges = len(network.Build(cs, ents, network.Options{At: at, Possible: c.possible}).Edges())
			}
			b.ReportMetric(float64(edges), "edges")
		})
	}
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
