package crash

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startNoSecret runs the binary without HUOBAN_JWT_SECRET, so it keeps its
// signing keys in data/jwt.key beside the SQLite file.
func startNoSecret(t *testing.T, bin, dbPath, logPath string) *server {
	t.Helper()
	addr := freeAddr(t)
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "HUOBAN_DATABASE="+dbPath, "HUOBAN_ADDR="+addr, "HUOBAN_JWT_SECRET=")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if res, err := http.Get(s.base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("server did not become healthy\n%s", log)
		}
	}
}

func kid(t *testing.T, token string) string {
	t.Helper()
	b, _ := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	var h map[string]any
	_ = json.Unmarshal(b, &h)
	s, _ := h["kid"].(string)
	return s
}

// TestRotateSecretCLI: the key file is made beside the database (0600) and
// holds no copy in the database; `huoban rotate-secret` while the server
// runs: the server signs with the new key within seconds, and a token of the
// previous key keeps working, across a restart too.
func TestRotateSecretCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	dir := t.TempDir()
	bin := binary(t, dir)
	dbPath := filepath.Join(dir, "data", "huoban.db")
	logPath := filepath.Join(dir, "server.log")
	srv := startNoSecret(t, bin, dbPath, logPath)
	keyFile := filepath.Join(dir, "data", "jwt.key")
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	client := &http.Client{Timeout: 60 * time.Second}
	st, m, err := call(client, "POST", srv.base+"/api/v1/auth/register", "", map[string]any{
		"brand_name": "轮换", "name": "Owner", "email": "rotate@example.com", "password": "correct horse"})
	if err != nil || st != 201 {
		t.Fatalf("register: %d %v %v", st, m, err)
	}
	old := m["access_token"].(string)
	cmd := exec.Command(bin, "rotate-secret")
	cmd.Env = append(os.Environ(), "HUOBAN_DATABASE="+dbPath, "HUOBAN_JWT_SECRET=")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "new signing key") {
		t.Fatalf("rotate-secret: %v\n%s", err, out)
	}
	// The running server picks the new key up within its reload interval.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		_, m, err := call(client, "POST", srv.base+"/api/v1/auth/login", "", map[string]any{"email": "rotate@example.com", "password": "correct horse"})
		if err == nil && m["access_token"] != nil && kid(t, m["access_token"].(string)) != kid(t, old) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server still signs with the previous key")
		}
	}
	if st, _, _ := call(client, "GET", srv.base+"/api/v1/me", old, nil); st != 200 {
		t.Fatalf("a token of the previous key after rotating: %d", st)
	}
	srv.cmd.Process.Kill()
	srv.cmd.Wait()
	srv = startNoSecret(t, bin, dbPath, logPath)
	if st, _, _ := call(client, "GET", srv.base+"/api/v1/me", old, nil); st != 200 {
		t.Fatalf("a token of the previous key after a restart: %d", st)
	}
}
