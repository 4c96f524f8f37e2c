package audit_test

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var benchClaims = flag.Int("claims", 1_000_000, "size of the synthetic corpus BenchmarkAudit builds (claims)")

// BenchmarkAudit is the audit of a synthetic corpus (internal/synth; a
// million claims by default, -claims to change), built in the benchmark
// and reused from the temporary directory by later runs. It reports the
// load of the YAML (what `tokumu audit DIR` also pays) as load-s and times
// audit.Run alone:
//
//	go test ./audit -run X -bench Audit -benchtime 3x
func BenchmarkAudit(b *testing.B) {
	n := *benchClaims
	sc, err := synth.Cached(n, 42)
	if err != nil {
		b.Fatal(err)
	}
	dir := sc.Dir
	start := time.Now()
	ds, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	vocab := tokumu.MustVocab(ds.Predicates)
	b.ResetTimer()
	var r *audit.Report
	for i := 0; i < b.N; i++ {
		r = audit.Run(ds.Claims, vocab, ds.Sources)
	}
	b.StopTimer()
	b.ReportMetric(load.Seconds(), "load-s")
	b.ReportMetric(float64(len(ds.Claims)), "claims")
	b.ReportMetric(float64(r.Certain), "certain")
	b.ReportMetric(float64(r.Possible), "possible")
}
