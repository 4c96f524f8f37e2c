package search

import (
	"context"
	"testing"
	"time"

	"github.com/tokumu/tokumu/internal/corpustest"
)

// BenchmarkBuild builds the index of the embedded corpus from a store
// opened once. In one process the Japanese dictionary is loaded at most
// once, so b.N > 1 measures the build with the dictionary in memory (the
// server's case); BenchmarkBuildFirst measures what a CLI command pays.
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := Build(ctx, db); err != nil { // load whatever loads once
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Build(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkBuildFirst is the first build in a process, dictionary loading
// included: what every `tokumu search` pays. It means something only as
// the one benchmark of a fresh process:
//
//	go test -c -o search.test ./search
//	for i in $(seq 10); do ./search.test -test.run '^$' -test.bench BuildFirst -test.benchtime 1x; done
func BenchmarkBuildFirst(b *testing.B) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		if _, err := Build(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the process's CPU time since since per operation,
// beside ns/op: steadier than wall time on a shared machine (it counts
// the garbage collector's work on other cores too). Not on every OS.
func reportCPU(b *testing.B, since time.Duration) {
	if now := cpuTime(); now > 0 {
		b.ReportMetric(float64(now-since)/float64(b.N), "cpu-ns/op")
	}
}
