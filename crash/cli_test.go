package crash

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBackupRestoreCLI drives `huoban backup` and `huoban restore` as an
// operator would: a backup while the server runs and writes, a refusal to
// overwrite it, a refusal to restore under the running server, and a restore
// after stopping it that brings back exactly the snapshot.
func TestBackupRestoreCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	dir := t.TempDir()
	bin := binary(t, dir)
	dbPath := filepath.Join(dir, "data", "huoban.db")
	logPath := filepath.Join(dir, "server.log")
	srv := start(t, bin, dbPath, logPath)
	client := &http.Client{Timeout: 60 * time.Second} // bcrypt in a -race build on a busy machine is slow
	st, m, err := call(client, "POST", srv.base+"/api/v1/auth/register", "", map[string]any{
		"brand_name": "备份", "name": "Owner", "email": "backup@example.com", "password": "correct horse"})
	if err != nil || st != 201 {
		t.Fatalf("register: %d %v %v", st, m, err)
	}
	token := m["access_token"].(string)
	buyer := func(name string) {
		t.Helper()
		if st, m, err := call(client, "POST", srv.base+"/api/v1/buyers", token, map[string]any{"name": name}); err != nil || st != 201 {
			t.Fatalf("create buyer: %d %v %v", st, m, err)
		}
	}
	total := func() int {
		t.Helper()
		st, m, err := call(client, "GET", srv.base+"/api/v1/buyers?total=true&limit=1", token, nil)
		if err != nil || st != 200 {
			t.Fatalf("list: %d %v %v", st, m, err)
		}
		return int(m["total"].(float64))
	}
	cli := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HUOBAN_DATABASE="+dbPath)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for i := range 3 {
		buyer(fmt.Sprintf("快照前%d", i))
	}
	backup := filepath.Join(dir, "backups", "snap.db")
	if out, err := cli("backup", backup); err != nil || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup while running: %v\n%s", err, out)
	}
	if out, err := cli("backup", backup); err == nil || !strings.Contains(out, "already exists") {
		t.Fatalf("backup over an existing file: %v\n%s", err, out)
	}
	buyer("快照后")
	if out, err := cli("restore", backup); err == nil || !strings.Contains(out, "in use") {
		t.Fatalf("restore under the running server: %v\n%s", err, out)
	}
	if total() != 4 {
		t.Fatal("the refused restore changed the live database")
	}
	srv.cmd.Process.Signal(syscall.SIGTERM)
	srv.cmd.Wait()
	out, err := cli("restore", backup)
	if err != nil || !strings.Contains(out, "kept as") {
		t.Fatalf("restore with the server stopped: %v\n%s", err, out)
	}
	srv = start(t, bin, dbPath, logPath)
	if n := total(); n != 3 {
		t.Fatalf("after restore the server lists %d buyers, want the snapshot's 3", n)
	}
}
