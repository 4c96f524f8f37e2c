//go:build !unix

package sqlite

import (
	"os"
	"time"
)

// Without flock a temporary is taken as stale once it is an hour old:
// no import of a corpus runs that long.
func lockFile(f *os.File) error { return nil }

func tryLockFile(f *os.File, name string) bool {
	st, err := os.Stat(name)
	return err == nil && time.Since(st.ModTime()) > time.Hour
}

func isUnsupported(err error) bool { return true }
