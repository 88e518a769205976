package api_test

// Issue 17, finding 6: a request body could trickle in for 5 minutes, and
// 300 slow sockets all stayed open. These tests run the real http.Server on
// a loopback listener of a free port.

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"huoban/api"
)

// serveReal serves e's server on a free loopback port until the test ends.
func serveReal(t *testing.T, e *env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestSlowBodyIsCutOff: the reported case — a body trickling in is cut off
// after the body timeout, not after minutes; one arriving at the minimum
// rate is read in full although it takes longer than the timeout.
func TestSlowBodyIsCutOff(t *testing.T) {
	e := newEnv(t, func(c *api.Config) {
		c.Conn = api.ConnLimits{BodyTimeout: 300 * time.Millisecond, MinBodyRate: 1024}
	})
	addr := serveReal(t, e)
	c := dial(t, addr)
	start := time.Now()
	_, _ = io.WriteString(c, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"em")
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.ReadAll(c) // the answer, if any, then EOF when the server closes
	took := time.Since(start)
	if err != nil && !strings.Contains(err.Error(), "reset") {
		t.Fatalf("after %v: %v", took, err)
	}
	if took < 250*time.Millisecond || took > 3*time.Second {
		t.Fatalf("a stalled body held the connection %v, want about 300ms", took)
	}

	// 3 KiB in 3 pieces over 900 ms: longer than the timeout, faster than 1 KiB/s.
	c = dial(t, addr)
	body := `{"email":"x@example.com","password":"` + strings.Repeat("p", 3*1024-40) + `"}`
	_, _ = io.WriteString(c, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "+
		itoa(int64(len(body)))+"\r\n\r\n")
	for i := 0; i < 3; i++ {
		end := (i + 1) * len(body) / 3
		_, _ = io.WriteString(c, body[i*len(body)/3:end])
		time.Sleep(300 * time.Millisecond)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	r, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.StatusCode != 401 { // read in full and judged: wrong credentials
		t.Fatalf("a body at the minimum rate: %d", r.StatusCode)
	}
}

// TestHeaderAndIdleTimeouts: a client that never finishes its headers, or a
// kept-alive connection left idle, is closed.
func TestHeaderAndIdleTimeouts(t *testing.T) {
	e := newEnv(t, func(c *api.Config) {
		c.Conn = api.ConnLimits{HeaderTimeout: 200 * time.Millisecond, IdleTimeout: 200 * time.Millisecond}
	})
	addr := serveReal(t, e)
	c := dial(t, addr)
	start := time.Now()
	_, _ = io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n")
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _ = io.ReadAll(c)
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("unfinished headers held the connection %v", took)
	}

	c = dial(t, addr)
	_, _ = io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	r, err := http.ReadResponse(br, nil)
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", r, err)
	}
	_, _ = io.Copy(io.Discard, r.Body)
	start = time.Now()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF && (err == nil || !strings.Contains(err.Error(), "reset")) {
		t.Fatalf("idle connection: %v", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("an idle connection stayed open %v", took)
	}
}

// TestConnectionCap: the reported case — slow sockets all stayed open. Past
// the cap a connection gets 503 with the contract's error body; a freed
// place is usable again.
func TestConnectionCap(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.Conn = api.ConnLimits{MaxConnections: 3} })
	addr := serveReal(t, e)
	var idle []net.Conn
	for i := 0; i < 3; i++ {
		idle = append(idle, dial(t, addr))
	}
	time.Sleep(100 * time.Millisecond) // let the server accept them
	get := func() (int, string, string) {
		c := dial(t, addr)
		_, _ = io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		r, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b), r.Header.Get("Retry-After")
	}
	status, body, retry := get()
	if status != 503 || !strings.Contains(body, `"code":"unavailable"`) || retry == "" {
		t.Fatalf("over the cap: %d %s (Retry-After %q)", status, body, retry)
	}
	idle[0].Close()
	time.Sleep(100 * time.Millisecond)
	if status, body, _ := get(); status != 200 {
		t.Fatalf("after a place was freed: %d %s", status, body)
	}
}
