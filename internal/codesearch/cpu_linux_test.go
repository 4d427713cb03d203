//go:build linux

package codesearch_test

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the calling thread's CPU time; hold
// runtime.LockOSThread around its use.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	if _, _, e := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
