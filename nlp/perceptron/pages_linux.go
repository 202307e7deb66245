package perceptron

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on (x86-64 and arm64 with 4 KiB base pages).
const hugePage = 2 << 20

// mapTable returns memory for n zeroed values of T, mapped apart from the
// Go heap and marked for transparent huge pages (madvise(MADV_HUGEPAGE)),
// or nil when the table is small or the mapping fails; free unmaps it.
//
// Look-ups land at random in tables of tens of megabytes. With 4 KiB
// pages nearly each one misses the TLB as well as the cache, and the
// page walk costs about as much again; 2 MiB pages keep the whole table
// in the TLB. The Go runtime asks for no huge pages where the kernel
// gives them only on request (transparent_hugepage=madvise, the default
// of most distributions), hence a mapping of its own. Values of T hold
// no pointers, so the garbage collector need not see the memory.
func mapTable[T uint64 | uint32](n int) (table []T, free func()) {
	size := n * int(unsafe.Sizeof(T(0)))
	if size < hugePage {
		return nil, nil
	}
	size = (size + hugePage - 1) &^ (hugePage - 1)
	// Map a huge page more than needed and use the aligned part, so
	// that every page of the table can be a huge one.
	b, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	off := int(-uintptr(unsafe.Pointer(unsafe.SliceData(b)))) & (hugePage - 1)
	// Without huge pages (transparent_hugepage=never) the table still
	// works, in small pages: the advice is only advice.
	_ = syscall.Madvise(b[off:off+size], syscall.MADV_HUGEPAGE)
	table = unsafe.Slice((*T)(unsafe.Pointer(&b[off])), n)
	return table, func() { _ = syscall.Munmap(b) }
}
