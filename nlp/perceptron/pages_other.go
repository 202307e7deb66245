//go:build !linux

package perceptron

// mapTable returns nil: elsewhere than Linux tables live on the Go heap.
func mapTable[T uint64 | uint32](n int) (table []T, free func()) { return nil, nil }
