package sqlite

import "os"

// LockForTest takes the lock WriteFile holds on its temporary.
func LockForTest(f *os.File) error { return lockFile(f) }
