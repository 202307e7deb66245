package cputime

import (
	"runtime"
	"testing"
)

func TestUsedGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("CPU time not read here")
	}
	before := Used()
	x := 0
	for i := range 50_000_000 {
		x ^= i
	}
	if Used() <= before || x == 1 {
		t.Errorf("CPU time did not grow: %v then %v", before, Used())
	}
}
