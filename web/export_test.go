package web

// The tests of this package (internal and external) fetch pages right
// after New or Swap: they build the chart and the analyses before the
// state is published, so each page is whole. TestBackgroundLoad checks
// the background path itself.
func init() { backgroundLoad = false }
