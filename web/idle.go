package web

import (
	"sync"
	"sync/atomic"
	"time"
)

// After a burst of requests the heap holds their garbage until the next
// collection, up to the runtime's goal of twice the live heap, and the
// runtime keeps the pages it frees up to that goal rather than give them
// back: at 1M claims a server that had served every kind of page stood at
// 1.55× its database file (and main's RSS 15 s later was the same to the
// tenth of a MB), where one collection and the return of its free pages
// bring it to 1.15× (BENCHMARKS.md,
// "Memory"). So a server idle for idleAfter after serving gives its free
// memory back (releaseMemory): one forced collection, 0.2 s on two
// cores at 1M claims (BenchmarkRSS times it), at most once per idle spell.
const idleAfter = 10 * time.Second

var idle struct {
	once sync.Once
	last atomic.Int64 // when the last request ended, in Unix nanoseconds
	// served: a request ended since the last release.
	served atomic.Bool
}

// noteRequest records that a request ended, and starts the releaser once
// per process (every Server of the process shares it: tests make many).
func noteRequest() {
	idle.last.Store(time.Now().UnixNano())
	idle.served.Store(true)
	idle.once.Do(func() { go releaseWhenIdle() })
}

func releaseWhenIdle() {
	for now := range time.Tick(idleAfter / 4) {
		if idleSince(now, idle.served.Load(), idle.last.Load()) {
			idle.served.Store(false)
			releaseMemory()
		}
	}
}

// idleSince reports whether, at now, the server has served (served) and
// has been idle for idleAfter since the last request ended (last, Unix
// nanoseconds).
func idleSince(now time.Time, served bool, last int64) bool {
	return served && now.Sub(time.Unix(0, last)) >= idleAfter
}
