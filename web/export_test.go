package web

// The tests of this package (internal and external) fetch pages right
// after New or Swap: they build the chart and the analyses before the
// state is published, so each page is whole. TestBackgroundLoad checks
// the background path itself.
func init() { backgroundLoad = false }

// IdleAfter is how long the server waits without a request before it
// gives its free memory back (idle.go), for BenchmarkRSS.
const IdleAfter = idleAfter
