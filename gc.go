package main

import (
	"os"
	"runtime/debug"
)

// Garbage collector defaults for serve. Huoban's live heap is small (tens of
// MiB: caches, pools) and nearly all it allocates is garbage by the end of a
// request, so Go's default of collecting whenever the heap doubles spent a
// third of an uncached list's CPU in the collector. Collecting at five times
// the live heap raised uncached list throughput by half at about 100 MiB RSS
// (docs/PERFORMANCE.md); the soft limit makes the collector work harder
// instead of letting a large CSV import grow the heap past it. At 512 MiB an
// import under the mixed load took the process to 928 MiB RSS (the heap at
// five times an import's live set, plus SQLite's page caches outside Go's
// heap); at 160 MiB it still reached 824 MiB, so most of that is the
// import's live set, but steady traffic (a live heap of tens of MiB) never
// meets the lower limit and an import's garbage is collected sooner. The standard
// GOGC and GOMEMLIMIT variables override both.
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 160 << 20
)

// tuneGC applies the defaults the environment does not override.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
