package crash

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdownOnSIGTERM sends SIGTERM to the running binary while a
// request is in flight: the request completes, the process exits 0 after
// logging that it stopped, and the database reopens cleanly.
func TestGracefulShutdownOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	dir := t.TempDir()
	bin := binary(t, dir)
	dbPath := filepath.Join(dir, "data", "huoban.db")
	logPath := filepath.Join(dir, "server.log")
	srv := start(t, bin, dbPath, logPath)
	client := &http.Client{Timeout: 60 * time.Second}
	done := make(chan int, 1)
	go func() {
		// Registration spends a bcrypt hash: long enough to be in flight at the signal.
		st, _, _ := call(client, "POST", srv.base+"/api/v1/auth/register", "", map[string]any{
			"brand_name": "停机", "name": "Owner", "email": "term@example.com", "password": "correct horse"})
		done <- st
	}()
	time.Sleep(20 * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if st := <-done; st != 201 {
		t.Fatalf("the request in flight at SIGTERM answered %d", st)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop within 30 s of SIGTERM")
	}
	log, _ := os.ReadFile(logPath)
	if !strings.Contains(string(log), "huoban stopped") {
		t.Fatalf("no clean stop in the log:\n%s", log)
	}
	again := start(t, bin, dbPath, logPath)
	if st, _, err := call(client, "POST", again.base+"/api/v1/auth/login", "", map[string]any{
		"email": "term@example.com", "password": "correct horse"}); err != nil || st != 200 {
		t.Fatalf("login after restart: %d %v", st, err)
	}
}
