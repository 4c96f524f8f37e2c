package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole run to the file named by
// TOKUMU_CPUPROFILE, when set: how BENCHMARKS.md finds where import and
// start-up spend their time (go tool pprof -top tokumu FILE). It returns
// the function that stops it.
func startProfile() func() {
	path := os.Getenv("TOKUMU_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tokumu: TOKUMU_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "tokumu: TOKUMU_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// writeHeapProfile writes a heap profile to the file named by
// TOKUMU_MEMPROFILE, when set, at a point of a run where memory peaks
// (import calls it when every claim is written, before the indexes are
// built): what BENCHMARKS.md's import section reads the live heap from
// (go tool pprof -sample_index=inuse_space -top tokumu FILE).
func writeHeapProfile() {
	path := os.Getenv("TOKUMU_MEMPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tokumu: TOKUMU_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "tokumu: TOKUMU_MEMPROFILE: %v\n", err)
	}
}
