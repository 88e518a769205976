package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"huoban/api"
	"huoban/db"
	"huoban/db/dbtest"
)

// env is one test server on its own fresh database.
type env struct {
	t   testing.TB
	srv *api.Server
	db  *db.DB
	now *clock
	// keyFile holds the server's JWT signing keys.
	keyFile string
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type envOption func(*api.Config)

// newEnv starts a server on a fresh database: a SQLite file in t.TempDir(),
// or a new PostgreSQL database when HUOBAN_TEST_POSTGRES is set.
func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	d := dbtest.Open(t, db.Options{})
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	cfg := api.Config{BcryptCost: 4, Now: clk.Now, LoginPerIP: 1000, LoginPerAccount: 1000, LoginPerAccountSlow: 1000, Quiet: true,
		JWTKeyFile: filepath.Join(t.TempDir(), "jwt.key")}
	if os.Getenv("HUOBAN_TEST_LOG") != "" { // see why a request failed
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := api.NewServer(cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, db: d, now: clk, keyFile: cfg.JWTKeyFile}
}

// resp is a recorded answer.
type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (r resp) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// List decodes a JSON array body.
func (r resp) List() []any {
	var l []any
	_ = json.Unmarshal(r.Body, &l)
	return l
}

// ErrCode returns error.code of an error body, or "".
func (r resp) ErrCode() string {
	e, _ := r.JSON()["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// Field returns error.fields[name] of an error body.
func (r resp) Field(name string) string {
	e, _ := r.JSON()["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	s, _ := f[name].(string)
	return s
}

// do sends a request; body may be nil, a string (sent as is) or a value (sent as JSON).
func (e *env) do(method, path, token string, body any) resp {
	e.t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/json"
	case []byte:
		rd, ct = bytes.NewReader(b), "application/json"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd, ct = bytes.NewReader(j), "application/json"
	}
	req := httptest.NewRequest(method, path, rd)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.RemoteAddr = "192.0.2.1:1234"
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	return resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
}

// must sends a request and fails the test unless the status is want.
func (e *env) must(want int, method, path, token string, body any) resp {
	e.t.Helper()
	r := e.do(method, path, token, body)
	if r.Status != want {
		e.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.Status, want, r.Body)
	}
	return r
}

var seq atomic.Int64

// account is a signed-in user in a test.
type account struct {
	Token   string
	Refresh string
	UserID  int64
	BrandID int64
	Email   string
}

// register makes a new brand with its owner.
func (e *env) register(brand string) account {
	e.t.Helper()
	email := fmt.Sprintf("owner%d@example.com", seq.Add(1))
	r := e.must(201, "POST", "/api/v1/auth/register", "", map[string]any{
		"brand_name": brand, "name": "Owner " + brand, "email": email, "password": "correct horse"})
	return sessionOf(r, email)
}

func sessionOf(r resp, email string) account {
	m := r.JSON()
	u := m["user"].(map[string]any)
	a := account{Token: m["access_token"].(string), Refresh: m["refresh_token"].(string),
		UserID: int64(u["id"].(float64)), Email: email}
	if b, ok := u["brand_id"].(float64); ok {
		a.BrandID = int64(b)
	}
	return a
}

// invite makes a staff member of role in the owner's brand.
func (e *env) invite(owner account, role string) account {
	e.t.Helper()
	r := e.must(201, "POST", "/api/v1/team/invites", owner.Token, map[string]any{"role": role})
	code := r.JSON()["code"].(string)
	email := fmt.Sprintf("%s%d@example.com", role, seq.Add(1))
	r = e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": code, "name": role, "email": email, "password": "correct horse"})
	return sessionOf(r, email)
}

// createBuyer adds a buyer and returns its id.
func (e *env) createBuyer(token string, body map[string]any) int64 {
	e.t.Helper()
	r := e.must(201, "POST", "/api/v1/buyers", token, body)
	return int64(r.JSON()["id"].(float64))
}
