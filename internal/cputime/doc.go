// Package cputime reads the CPU time the process has used, for benchmarks
// on a shared machine: wall time counts other people's work too, so the
// speed benchmarks report tokens per CPU-second beside tokens per second.
package cputime
