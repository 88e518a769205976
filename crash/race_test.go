//go:build race

package crash

// raceBuild makes the server binary with -race when the tests run with it,
// so go build reuses the race-built packages already in the build cache.
const raceBuild = true
