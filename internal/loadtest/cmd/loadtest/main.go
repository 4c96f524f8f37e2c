// Command loadtest runs tokumu's load-and-abuse test against a server on
// loopback; see package loadtest and scripts/loadtest.sh.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/tokumu/tokumu/internal/loadtest"
)

func main() {
	var c loadtest.Config
	flag.StringVar(&c.Base, "base", "http://127.0.0.1:18540", "server (loopback only)")
	flag.IntVar(&c.Clients, "c", 20, "well-formed clients")
	flag.DurationVar(&c.Duration, "d", 20*time.Second, "duration")
	flag.IntVar(&c.Idle, "idle", 200, "idle keep-alive connections")
	flag.IntVar(&c.Slow, "slow", 5, "slow clients of each kind")
	flag.BoolVar(&c.Huge, "huge", true, "send huge URLs and headers")
	flag.BoolVar(&c.Killers, "killers", true, "send the parameters that killed the server before")
	editors := flag.Int("editors", 0, "editors writing through the API at once (the team load: -c readers, no abuse; the editor token in $TOKUMU_TOKEN)")
	flag.Parse()
	if *editors > 0 {
		rep, err := loadtest.RunTeam(context.Background(), loadtest.TeamConfig{Base: c.Base, Readers: c.Clients, Editors: *editors,
			Duration: c.Duration, Token: os.Getenv("TOKUMU_TOKEN"), Baseline: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(2)
		}
		rep.Print(os.Stdout)
		if rep.Errors() > 0 {
			os.Exit(1)
		}
		return
	}
	rep, err := loadtest.Run(context.Background(), c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	rep.Print(os.Stdout)
	if rep.Errors > 0 || rep.After != "200" {
		os.Exit(1)
	}
}
