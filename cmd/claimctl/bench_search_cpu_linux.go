//go:build linux

package main

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the calling thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID). The caller must hold runtime.LockOSThread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3
	if _, _, e := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
