package cluster

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver the tests observe the database with

	"huoban/db/dbtest"
)

// cluster is a set of server processes on one fresh PostgreSQL schema.
type cluster struct {
	t *testing.T
	// url is the schema's URL (what the nodes connect to, unless through proxy).
	url string
	// db observes the schema directly (not through the proxy).
	db    *sql.DB
	nodes []*node
	proxy *pgProxy
	env   []string
	dir   string
	// secret is the JWT signing secret every node is given.
	secret string
}

// node is one running instance of the server binary.
type node struct {
	name string
	base string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// option configures startCluster.
type option func(*cluster)

// withEnv adds environment variables (KEY=value) to every node.
func withEnv(kv ...string) option { return func(c *cluster) { c.env = append(c.env, kv...) } }

// throughProxy makes the nodes reach PostgreSQL through a TCP proxy the test
// can cut and restore (c.proxy), to take the database away from them.
func throughProxy() option { return func(c *cluster) { c.proxy = &pgProxy{} } }

// newCluster makes a fresh schema without starting nodes; seed it, then start them.
func newCluster(t *testing.T, opts ...option) *cluster {
	t.Helper()
	if serverBin == "" {
		t.Skip("needs PostgreSQL: set " + dbtest.EnvPostgres + " (make test-postgres does)")
	}
	c := &cluster{t: t, url: dbtest.PostgresURL(t), dir: t.TempDir(), secret: randomSecret(t)}
	for _, o := range opts {
		o(c)
	}
	if c.proxy != nil {
		c.proxy.start(t, c.url)
	}
	db, err := sql.Open("pgx", c.url)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(4)
	t.Cleanup(func() { db.Close() })
	c.db = db
	return c
}

// startCluster makes a fresh schema and starts n nodes on it at once (they
// migrate the empty schema together).
func startCluster(t *testing.T, n int, opts ...option) *cluster {
	t.Helper()
	c := newCluster(t, opts...)
	c.startNodes(n)
	return c
}

// nodeURL is the database URL the nodes get: the schema's, or the proxy's.
func (c *cluster) nodeURL() string {
	if c.proxy == nil {
		return c.url
	}
	u, _ := url.Parse(c.url)
	u.Host = c.proxy.addr
	return u.String()
}

// startNodes starts n more nodes together and waits until all are healthy.
func (c *cluster) startNodes(n int) {
	c.t.Helper()
	var started []*node
	for range n {
		started = append(started, c.spawn())
	}
	for _, nd := range started {
		nd.waitHealthy(c.t, 60*time.Second)
	}
}

// spawn starts one node without waiting for it.
func (c *cluster) spawn() *node {
	c.t.Helper()
	name := string(rune('A' + len(c.nodes)))
	addr := freeAddr(c.t)
	nd := &node{name: name, base: "http://" + addr, log: filepath.Join(c.dir, name+".log"), done: make(chan struct{})}
	logf, err := os.Create(nd.log)
	if err != nil {
		c.t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(serverBin, "serve")
	// One signing secret shared by every node, as a deployment on
	// PostgreSQL must give it (the secret never lives in the database).
	cmd.Env = append(os.Environ(), "HUOBAN_DATABASE="+c.nodeURL(), "HUOBAN_ADDR="+addr,
		"HUOBAN_LOG_REQUESTS=false", "HUOBAN_JWT_SECRET="+c.secret, "HUOBAN_JWT_KEY_FILE=")
	cmd.Env = append(cmd.Env, c.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	nd.cmd = cmd
	go func() { cmd.Wait(); close(nd.done) }()
	c.t.Cleanup(func() {
		nd.kill()
		if c.t.Failed() {
			b, _ := os.ReadFile(nd.log)
			c.t.Logf("log of node %s:\n%s", nd.name, tail(string(b), 3000))
		}
	})
	c.nodes = append(c.nodes, nd)
	return nd
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
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

// waitHealthy waits until the node's /healthz answers 200.
func (n *node) waitHealthy(t *testing.T, within time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(within)
	for {
		res, err := client.Get(n.base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		select {
		case <-n.done:
			b, _ := os.ReadFile(n.log)
			t.Fatalf("node %s exited:\n%s", n.name, tail(string(b), 3000))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("node %s not healthy after %v: %v", n.name, within, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// kill ends the node with SIGKILL and waits for it.
func (n *node) kill() {
	if n.cmd.Process != nil {
		_ = n.cmd.Process.Signal(syscall.SIGKILL)
	}
	<-n.done
}

// client is the HTTP client of the tests: generous timeouts for bcrypt on a busy machine.
var client = &http.Client{Timeout: 60 * time.Second}

// answer is one HTTP answer.
type answer struct {
	status int
	header http.Header
	body   map[string]any
}

// code returns error.code of an error answer.
func (a answer) code() string {
	e, _ := a.body["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// num returns a top-level number of the body.
func (a answer) num(key string) int64 {
	f, _ := a.body[key].(float64)
	return int64(f)
}

// call sends a JSON request to the node; err is non-nil when no complete
// answer came back (no acknowledgement).
func (n *node) call(method, path, token string, body any) (answer, error) {
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return answer{}, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, n.base+path, rd)
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	a := answer{status: res.StatusCode, header: res.Header}
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return answer{}, err
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &a.body); err != nil {
			return answer{}, fmt.Errorf("%s %s: answer %d is not JSON: %q", method, path, res.StatusCode, raw)
		}
	}
	return a, nil
}

// must sends a request and fails the test unless it is answered with want.
func (n *node) must(t *testing.T, want int, method, path, token string, body any) answer {
	t.Helper()
	a, err := n.call(method, path, token, body)
	if err != nil {
		t.Fatalf("node %s: %s %s: %v", n.name, method, path, err)
	}
	if a.status != want {
		t.Fatalf("node %s: %s %s: %d %v, want %d", n.name, method, path, a.status, a.body, want)
	}
	return a
}

// wantError fails unless a is the contract's error answer with status and code.
func wantError(t *testing.T, what string, a answer, status int, code string) {
	t.Helper()
	e, _ := a.body["error"].(map[string]any)
	msg, _ := e["message"].(string)
	if a.status != status || a.code() != code || msg == "" {
		t.Fatalf("%s: %d %v, want %d %s with a message", what, a.status, a.body, status, code)
	}
}

// session is a signed-in user.
type session struct {
	email, access, refresh string
	userID                 int64
}

func sessionOf(a answer, email string) session {
	u, _ := a.body["user"].(map[string]any)
	id, _ := u["id"].(float64)
	access, _ := a.body["access_token"].(string)
	refresh, _ := a.body["refresh_token"].(string)
	return session{email: email, access: access, refresh: refresh, userID: int64(id)}
}

// password is every test user's password.
const password = "correct horse battery"

// register makes a brand and its owner through node n.
func (n *node) register(t *testing.T, email string) session {
	t.Helper()
	return sessionOf(n.must(t, 201, "POST", "/api/v1/auth/register", "", map[string]any{
		"brand_name": "集群 " + email, "name": "Owner", "email": email, "password": password}), email)
}

// scalar runs a query returning one integer on the schema.
func (c *cluster) scalar(query string, args ...any) int64 {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int64
	if err := c.db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// pgProxy forwards TCP connections to PostgreSQL until cut: cutting closes
// every open connection and refuses new ones, as a network partition or a
// database restart would look from the nodes.
type pgProxy struct {
	addr, target string
	mu           sync.Mutex
	down         bool
	conns        map[net.Conn]bool
}

func (p *pgProxy) start(t *testing.T, dsn string) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p.target = u.Host
	p.conns = map[net.Conn]bool{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = l.Addr().String()
	t.Cleanup(func() { l.Close(); p.cut() })
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			go p.serve(in)
		}
	}()
}

func (p *pgProxy) serve(in net.Conn) {
	p.mu.Lock()
	if p.down {
		p.mu.Unlock()
		if tc, ok := in.(*net.TCPConn); ok {
			tc.SetLinger(0) // a reset, like a refused connection
		}
		in.Close()
		return
	}
	p.mu.Unlock()
	out, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		in.Close()
		return
	}
	p.mu.Lock()
	if p.down {
		p.mu.Unlock()
		in.Close()
		out.Close()
		return
	}
	p.conns[in], p.conns[out] = true, true
	p.mu.Unlock()
	go func() { io.Copy(out, in); out.Close(); in.Close() }()
	io.Copy(in, out)
	in.Close()
	out.Close()
	p.mu.Lock()
	delete(p.conns, in)
	delete(p.conns, out)
	p.mu.Unlock()
}

// cut closes every forwarded connection and refuses new ones until restore.
func (p *pgProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// restore lets connections through again.
func (p *pgProxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// eventually polls cond every 25 ms until it holds or within passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// randomSecret returns 32 random bytes, hex-encoded, as a signing secret.
func randomSecret(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
