// Package crash tests the real server binary as an operator runs it: it
// loses no acknowledged write when killed with SIGKILL under concurrent write
// load, and its backup and restore commands work against a live server.
package crash

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// writers is the number of concurrent HTTP clients writing while the server dies.
const writers = 8

// binary builds the server into dir, or reuses HUOBAN_CRASH_BIN (scripts/crash-rounds.sh builds once).
func binary(t *testing.T, dir string) string {
	t.Helper()
	if bin := os.Getenv("HUOBAN_CRASH_BIN"); bin != "" {
		return bin
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go build is not available")
	}
	bin := filepath.Join(dir, "huoban")
	args := []string{"build", "-o", bin}
	if raceBuild {
		args = append(args, "-race")
	}
	cmd := exec.Command(gobin, append(args, "..")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// server is one run of the binary.
type server struct {
	cmd  *exec.Cmd
	base string
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func start(t *testing.T, bin, dbPath, logPath string) *server {
	t.Helper()
	addr := freeAddr(t)
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "HUOBAN_DATABASE="+dbPath, "HUOBAN_ADDR="+addr,
		"HUOBAN_JWT_SECRET=crash-test-secret-0123456789abcdef")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(s.base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("server did not become healthy: %v\n%s", err, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// call sends a JSON request; err is non-nil when no answer came back.
func call(c *http.Client, method, url, token string, body any) (int, map[string]any, error) {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil && res.StatusCode != 204 {
		return 0, nil, err // a cut-off answer is no acknowledgement
	}
	return res.StatusCode, m, nil
}

// state is what the server acknowledged for one buyer, and the update in
// flight when it died (which may or may not have been applied).
type state struct {
	name                 string
	followers, inFlight  int64
	city, inFlightCity   string
	hasInFlight, created bool
}

// TestCrashLosesNoAcknowledgedWrite starts the server binary, runs 8
// writers creating and updating buyers, SIGKILLs the server at a random
// moment, checks integrity_check on the files left behind, restarts the
// server on them and checks every acknowledged write is there with its
// acknowledged values (or, for the one update in flight per writer, the
// value it was sending).
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
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
		"brand_name": "崩溃测试", "name": "Owner", "email": "crash@example.com", "password": "correct horse"})
	if err != nil || st != 201 {
		t.Fatalf("register: %d %v %v", st, m, err)
	}
	token := m["access_token"].(string)

	var mu sync.Mutex
	acked := map[int64]*state{}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int64(0); ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("买手-%d-%d", w, i)
				st, m, err := call(client, "POST", srv.base+"/api/v1/buyers", token, map[string]any{"name": name, "followers": i})
				if err != nil {
					return // the server is gone
				}
				if st != 201 {
					t.Errorf("create: %d %v", st, m)
					return
				}
				id := int64(m["id"].(float64))
				s := &state{name: name, followers: i, created: true}
				mu.Lock()
				acked[id] = s
				mu.Unlock()
				for u := int64(1); u <= 3; u++ {
					f, city := i*100+u, fmt.Sprintf("城市%d", u)
					mu.Lock()
					s.inFlight, s.inFlightCity, s.hasInFlight = f, city, true
					mu.Unlock()
					st, m, err := call(client, "PATCH", fmt.Sprintf("%s/api/v1/buyers/%d", srv.base, id), token,
						map[string]any{"followers": f, "city": city})
					if err != nil {
						return
					}
					if st != 200 {
						t.Errorf("patch: %d %v", st, m)
						return
					}
					mu.Lock()
					s.followers, s.city, s.hasInFlight = f, city, false
					mu.Unlock()
				}
			}
		}()
	}
	// Let every writer get going (a slow machine may need a while), then kill at a random moment.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= writers {
			break
		}
	}
	time.Sleep(time.Duration(100+rand.IntN(900)) * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Wait()
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(acked) < writers {
		t.Fatalf("only %d buyers were acknowledged before the kill; the load did not run", len(acked))
	}

	// The files as the crash left them: SQLite recovers the WAL on open.
	conn, err := sql.Open("sqlite3", "file:"+dbPath+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after SIGKILL: %q %v", check, err)
	}
	var fk int
	conn.QueryRow("SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&fk)
	conn.Close()
	if fk != 0 {
		t.Fatalf("%d foreign key violations after SIGKILL", fk)
	}

	srv = start(t, bin, dbPath, logPath)
	lost := 0
	for id, s := range acked {
		st, m, err := call(client, "GET", fmt.Sprintf("%s/api/v1/buyers/%d", srv.base, id), token, nil)
		if err != nil || st != 200 {
			t.Errorf("acknowledged buyer %d (%s): %d %v", id, s.name, st, err)
			lost++
			continue
		}
		f, city := int64(m["followers"].(float64)), m["city"].(string)
		okAcked := f == s.followers && city == s.city
		okFlight := s.hasInFlight && f == s.inFlight && city == s.inFlightCity
		if m["name"] != s.name || !(okAcked || okFlight) {
			t.Errorf("buyer %d: got %v/%d/%q, acknowledged %s/%d/%q (in flight %v: %d/%q)",
				id, m["name"], f, city, s.name, s.followers, s.city, s.hasInFlight, s.inFlight, s.inFlightCity)
			lost++
		}
	}
	t.Logf("%d acknowledged buyers checked after SIGKILL and restart, %d lost or wrong", len(acked), lost)
}
