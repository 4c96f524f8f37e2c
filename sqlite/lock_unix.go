//go:build unix

package sqlite

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f for as long as f is
// open; the kernel drops it when the process dies, kill -9 included.
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// tryLockFile reports whether nobody holds the lock on f (its writer is
// gone), taking the lock if so.
func tryLockFile(f *os.File, _ string) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

func isUnsupported(err error) bool { return errors.Is(err, syscall.EINVAL) }
