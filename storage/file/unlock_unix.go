//go:build unix

package file

import (
	"os"
	"syscall"
)

// unlock releases bbolt's lock on f (a flock), which lives as long as any
// mapping of the file does, even after f is closed.
func unlock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
