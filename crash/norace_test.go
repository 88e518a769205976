//go:build !race

package crash

// raceBuild: see race_test.go.
const raceBuild = false
