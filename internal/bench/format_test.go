package bench

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// countingWriter counts what an export writes and throws it away.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// peakHeap samples the live heap every millisecond while f runs and
// returns the highest value above what was live before it started: the
// memory the export itself holds, which should grow with the number of
// entities (their ids) and not with the number of claims.
func peakHeap(f func()) (peak uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var max atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > max.Load() {
					max.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if m := max.Load(); m > base {
		return m - base
	}
	return 0
}

// BenchmarkExport writes the whole synthetic corpus in every format,
// beside a baseline in the same run: the claim table read with plain SQL
// and written with encoding/csv (no domain decoding, no query per entity).
//
//	go test ./internal/bench -run X -bench Export -sizes 10000,100000 -benchtime 1x
func BenchmarkExport(b *testing.B) {
	for _, n := range sizeList(b) {
		f := get(b, n)
		ctx := context.Background()
		run := func(b *testing.B, write func(w io.Writer) error) {
			var out countingWriter
			var peak uint64
			start := time.Now()
			for i := 0; i < b.N; i++ {
				out.n = 0
				p := peakHeap(func() {
					if err := write(&out); err != nil {
						b.Fatal(err)
					}
				})
				peak = max(peak, p)
			}
			el := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
			b.ReportMetric(float64(out.n)/(1<<20), "MB-out")
			b.ReportMetric(float64(n)/el.Seconds(), "claims/s")
		}
		b.Run(fmt.Sprintf("claims=%d/baseline-sql-csv", n), func(b *testing.B) {
			run(b, func(w io.Writer) error {
				rows, err := f.raw.Query(`SELECT id, subject, predicate, coalesce(object, ''), value, unit, role, lang, source, locator FROM claim`)
				if err != nil {
					return err
				}
				defer rows.Close()
				cw := csv.NewWriter(w)
				rec := make([]string, 10)
				ptr := make([]any, 10)
				for i := range rec {
					ptr[i] = &rec[i]
				}
				for rows.Next() {
					if err := rows.Scan(ptr...); err != nil {
						return err
					}
					cw.Write(rec)
				}
				cw.Flush()
				return rows.Err()
			})
		})
		for _, ft := range format.All() {
			b.Run(fmt.Sprintf("claims=%d/%s", n, ft.Name), func(b *testing.B) {
				run(b, func(w io.Writer) error {
					x, err := format.NewExport(ctx, f.db, format.Query{}, format.Options{})
					if err != nil {
						return err
					}
					return ft.Write(ctx, w, x)
				})
			})
		}
		// The YAML corpus (registered by cmd/tokumu, which a benchmark
		// cannot import): the same entity-by-entity walk, in one stream.
		b.Run(fmt.Sprintf("claims=%d/yaml", n), func(b *testing.B) {
			run(b, func(w io.Writer) error {
				x, err := format.NewExport(ctx, f.db, format.Query{}, format.Options{})
				if err != nil {
					return err
				}
				srcs := map[string]*tokumu.Source{}
				for _, s := range x.Sources() {
					srcs[s.ID] = s
				}
				return x.EntityClaims(ctx, func(e *tokumu.Entity, cs []*tokumu.Claim) error {
					return yamlcorpus.WriteEntity(w, e, cs, func(id string) *tokumu.Source { return srcs[id] })
				})
			})
		})
	}
}
