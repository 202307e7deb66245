//go:build !unix

package extract

import "time"

// cpuTime is not measured here; BenchmarkRead then reports wall-clock
// throughput only.
func cpuTime() time.Duration { return 0 }
