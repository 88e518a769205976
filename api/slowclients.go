package api

import (
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// Defaults of the limits on slow and numerous clients (issue 17).
const (
	defaultHeaderTimeout  = 10 * time.Second
	defaultBodyTimeout    = 30 * time.Second
	defaultMinBodyRate    = 64 << 10 // bytes per second beyond the first BodyTimeout
	defaultIdleTimeout    = 2 * time.Minute
	defaultMaxConnections = 1000
)

// ConnLimits bound what slow or numerous clients can hold.
type ConnLimits struct {
	// HeaderTimeout is how long a client may take to send the request
	// headers; 0 means 10 s.
	HeaderTimeout time.Duration
	// BodyTimeout is how long a request body may take; a longer one must keep
	// arriving at MinBodyRate (a 20 MiB CSV upload at 64 KiB/s takes 320 s
	// more). 0 means 30 s.
	BodyTimeout time.Duration
	// MinBodyRate is that rate in bytes per second; 0 means 64 KiB/s.
	MinBodyRate int64
	// IdleTimeout closes a kept-alive connection idle this long; 0 means 2 minutes.
	IdleTimeout time.Duration
	// MaxConnections caps open connections; one more is answered 503 and
	// closed. 0 means 1000; negative means no cap.
	MaxConnections int
}

func (l *ConnLimits) defaults() {
	if l.HeaderTimeout == 0 {
		l.HeaderTimeout = defaultHeaderTimeout
	}
	if l.BodyTimeout == 0 {
		l.BodyTimeout = defaultBodyTimeout
	}
	if l.MinBodyRate == 0 {
		l.MinBodyRate = defaultMinBodyRate
	}
	if l.IdleTimeout == 0 {
		l.IdleTimeout = defaultIdleTimeout
	}
	if l.MaxConnections == 0 {
		l.MaxConnections = defaultMaxConnections
	}
}

// bodyDeadline gives every request body a read deadline: BodyTimeout from
// when the headers are in, pushed back by each byte read at
// MinBodyRate. A body trickling in slower is cut off, and the connection
// with it. It needs a real connection; under httptest it does nothing.
func (s *Server) bodyDeadline(c *gin.Context) {
	if c.Request.Body == nil || c.Request.Body == http.NoBody {
		c.Next()
		return
	}
	rc := http.NewResponseController(c.Writer)
	start := time.Now()
	lim := s.cfg.Conn
	if rc.SetReadDeadline(start.Add(lim.BodyTimeout)) == nil {
		c.Request.Body = &rateBody{ReadCloser: c.Request.Body, rc: rc, start: start, grace: lim.BodyTimeout, rate: lim.MinBodyRate}
	}
	c.Next()
}

// rateBody moves the read deadline on as bytes arrive at the minimum rate.
type rateBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	start time.Time
	grace time.Duration
	rate  int64
	n     int64
}

func (b *rateBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.n += int64(n)
		earned := time.Duration(b.n * int64(time.Second) / b.rate)
		_ = b.rc.SetReadDeadline(b.start.Add(b.grace + earned))
	}
	return n, err
}

// httpServer is the http.Server with the timeouts of s.cfg.Conn. The body
// deadline is per request (bodyDeadline), so ReadTimeout stays off.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.Conn.HeaderTimeout,
		WriteTimeout:      5 * time.Minute, // large CSV exports
		IdleTimeout:       s.cfg.Conn.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on ln, under the connection cap, until ctx ends, then shuts
// down gracefully. It also runs the daily maintenance in the background.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.httpServer()
	if s.cfg.Conn.MaxConnections > 0 {
		ln = newCapListener(ln, s.cfg.Conn.MaxConnections, s.log.Warn)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go s.runMaintenance(ctx, s.cfg.MaintenanceInterval)
	go s.reloadKeys(ctx)
	go s.hooks.Run(ctx) // webhook deliveries (webhook/)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// capListener accepts at most max open connections; one more is answered
// 503 with the contract's error body and closed at once, so a flood of idle
// or slow sockets cannot take every file descriptor and goroutine.
type capListener struct {
	net.Listener
	max    int64
	open   atomic.Int64
	warn   func(msg string, args ...any)
	warned atomic.Int64 // unix seconds of the last warning, to log once a minute at most
}

func newCapListener(ln net.Listener, max int, warn func(string, ...any)) *capListener {
	return &capListener{Listener: ln, max: int64(max), warn: warn}
}

// fullAnswer is what a connection over the cap gets.
var fullAnswer = func() []byte {
	body := `{"error":{"code":"unavailable","message":"the server has too many open connections; try again shortly"}}`
	return []byte("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n" +
		"Retry-After: 1\r\nConnection: close\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
}()

// Accept returns the next connection under the cap.
func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) > l.max {
			l.open.Add(-1)
			go l.refuse(c)
			continue
		}
		return &cappedConn{Conn: c, l: l}, nil
	}
}

func (l *capListener) refuse(c net.Conn) {
	if now := time.Now().Unix(); l.warned.Swap(now) != now && l.warn != nil {
		l.warn("connection refused: at the connection cap", "max", l.max)
	}
	_ = c.SetDeadline(time.Now().Add(time.Second))
	_, _ = c.Write(fullAnswer)
	// Closing with unread request bytes would reset the connection before
	// the client reads the answer; a half close lets it arrive.
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
		_, _ = io.Copy(io.Discard, io.LimitReader(c, 64<<10))
	}
	_ = c.Close()
}

// cappedConn gives its place under the cap back when closed, once.
type cappedConn struct {
	net.Conn
	l    *capListener
	once sync.Once
}

func (c *cappedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}
