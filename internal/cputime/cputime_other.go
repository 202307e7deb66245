//go:build !unix

package cputime

import "time"

// Used returns 0: this platform's CPU time is not read.
func Used() time.Duration { return 0 }
