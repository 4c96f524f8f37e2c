package search

import (
	"context"
	"testing"

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
	for b.Loop() {
		if _, err := Build(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
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
	for range b.N {
		if _, err := Build(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
}
