// Command synth writes a synthetic corpus in the corpus layout, for
// benchmarks and for anyone who wants to try tokumu at scale:
//
//	go run ./internal/synth/cmd/synth -claims 1000000 -seed 42 -out /tmp/synth-1m
//	tokumu import /tmp/synth-1m --db /tmp/synth-1m.db
//
// The output is deterministic for a claim count and a seed (byte-identical
// trees); -out must not exist or be empty.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/tokumu/tokumu/internal/synth"
)

func main() {
	claims := flag.Int("claims", 10000, "about how many claims to write (1–100000000)")
	seed := flag.Uint64("seed", 42, "random seed: the same seed and -claims give the same files")
	out := flag.String("out", "", "directory to write the corpus into (must not exist or be empty)")
	flag.Parse()
	if err := run(*claims, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(2)
	}
}

func run(claims int, seed uint64, out string) error {
	if out == "" {
		return fmt.Errorf("-out is required: the directory to write the corpus into (e.g. -out /tmp/synth-%d)", claims)
	}
	if claims < 1 || claims > 100_000_000 {
		return fmt.Errorf("-claims=%d: give 1 to 100000000", claims)
	}
	if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
		return fmt.Errorf("-out %s is not empty: give a new directory (synth never overwrites files)", out)
	}
	start := time.Now()
	c, err := synth.Write(out, claims, seed)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d claims about %d entities into %s in %v (seed %d)\n", c.Claims, c.Entities, out, time.Since(start).Round(time.Millisecond), seed)
	return nil
}
