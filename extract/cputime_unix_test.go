//go:build unix

package extract

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) this process has used,
// so that a throughput figure taken on a loaded machine counts our work
// and not the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
