// Package cluster tests several instances of the real server binary on one
// PostgreSQL database behaving as one system (docs/SCALING.md): attempt
// limits and ended sessions hold on every instance, the daily job runs once,
// an instance killed with SIGKILL under load loses no acknowledged write
// while the others keep serving, and an instance that loses its database
// answers 503 and recovers by itself. It needs HUOBAN_TEST_POSTGRES (make
// test-postgres sets it) and skips without it.
//
// To test another cluster-wide property, start a cluster with
// startCluster(t, n, opts...), drive its nodes with node.call, observe the
// database with cluster.db, and stop or kill nodes with node.kill.
package cluster

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"huoban/db/dbtest"
)

// serverBin is the server binary built once for the package's tests.
var serverBin string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	if dbtest.PostgresServer() == "" || testing.Short() {
		return m.Run() // every test skips
	}
	dir, err := os.MkdirTemp("", "huoban-cluster-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	serverBin = os.Getenv("HUOBAN_CLUSTER_BIN") // reuse a build when given
	if serverBin == "" {
		serverBin = filepath.Join(dir, "huoban")
		cmd := exec.Command("go", "build", "-o", serverBin, "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
			return 1
		}
	}
	return m.Run()
}
