package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"
)

// BenchmarkCLICold runs the tokumu binary as a user does, a new process
// per command, and compares a cold "tokumu search" with a cold "tokumu
// show" on the same database (issue 16 asks search ≤ 4× show), on the
// embedded corpus and on the -sizes synthetic corpora. The two commands
// alternate, so that load from other processes hits both alike; the
// metrics are medians and 90th percentiles over b.N runs of each. With
// TOKUMU_BASELINE_BIN set to an older binary, its search is measured in
// the same run too (a database it imported, with its own schema).
//
//	go test ./internal/bench -run X -bench CLICold -sizes 100000 -benchtime 30x
func BenchmarkCLICold(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "tokumu")
	build := exec.Command("go", "build", "-o", bin, "./cmd/tokumu")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	type corpus struct {
		name, dir, show, query string
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "../..")
	corpora := []corpus{{"embedded", filepath.Join(root, "corpus"), "lyushkov-genrikh", "Люшков"}}
	for _, n := range sizeList(b) {
		sd := generate(b, n).Dir
		corpora = append(corpora, corpus{fmt.Sprintf("claims=%d", n), sd, "person-1", "Komatsubara"})
	}
	baseline := os.Getenv("TOKUMU_BASELINE_BIN")
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			db := filepath.Join(dir, c.name+".db")
			runCLI(b, bin, "import", c.dir, "--db", db)
			var baseDB string
			if baseline != "" {
				baseDB = filepath.Join(dir, c.name+"-baseline.db")
				runCLI(b, baseline, "import", c.dir, "--db", baseDB)
			}
			runCLI(b, bin, "search", c.query, "--db", db) // the page cache holds the file for both
			var show, search, base []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				show = append(show, runCLI(b, bin, "show", c.show, "--db", db))
				search = append(search, runCLI(b, bin, "search", c.query, "--db", db))
				if baseline != "" {
					base = append(base, runCLI(b, baseline, "search", c.query, "--db", baseDB))
				}
			}
			b.StopTimer()
			p := func(ds []time.Duration, q int) float64 {
				s := append([]time.Duration(nil), ds...)
				sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
				return float64(s[len(s)*q/100].Microseconds()) / 1e3
			}
			b.ReportMetric(p(show, 50), "show-p50-ms")
			b.ReportMetric(p(show, 90), "show-p90-ms")
			b.ReportMetric(p(search, 50), "search-p50-ms")
			b.ReportMetric(p(search, 90), "search-p90-ms")
			b.ReportMetric(p(search, 50)/p(show, 50), "search/show")
			if baseline != "" {
				b.ReportMetric(p(base, 50), "baseline-search-p50-ms")
			}
		})
	}
}

// runCLI runs the binary and returns how long it took; exit 1 (nothing
// found) is a failure here, as every query is chosen to find something.
func runCLI(b *testing.B, bin string, args ...string) time.Duration {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TOKUMU_DB=")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, out)
	}
	return d
}
