//go:build race

package search

// raceEnabled: the race detector instruments allocations, so tests that
// count them do not apply (as in the standard library's tests).
const raceEnabled = true
