package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestSignKnownVector is the Standard Webhooks spec's published example.
func TestSignKnownVector(t *testing.T) {
	got, err := Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, []byte(`{"test": 2432232314}`))
	if err != nil || got != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Fatalf("Sign = %q, %v", got, err)
	}
	if _, err := Sign("no-prefix", "x", 1, nil); err == nil {
		t.Fatal("a secret without whsec_ signed")
	}
	s := NewSecret()
	if !strings.HasPrefix(s, "whsec_") || len(s) != len("whsec_")+44 || s == NewSecret() {
		t.Fatalf("NewSecret = %q", s)
	}
}

func TestForbidden(t *testing.T) {
	for _, c := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true}, {"::1", true}, {"10.0.0.8", true}, {"172.16.3.4", true}, {"192.168.0.1", true},
		{"169.254.169.254", true}, {"fe80::1", true}, {"fc00::1", true}, {"224.0.0.251", true}, {"ff02::1", true},
		{"0.0.0.0", true}, {"::", true}, {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"100.64.0.1", true},
		{"255.255.255.255", true}, {"64:ff9b::7f00:1", true},
		{"1.1.1.1", false}, {"203.0.113.9", false}, {"2606:4700:4700::1111", false}, {"120.92.1.1", false},
	} {
		if got := Forbidden(netip.MustParseAddr(c.ip)); got != c.want {
			t.Errorf("Forbidden(%s) = %v, want %v", c.ip, got, c.want)
		}
	}
}

// TestTransportRefusesPrivateTargets dials through the safe transport: the
// address check runs on the resolved address of every connection, names
// included, so nothing reaches the local server.
func TestTransportRefusesPrivateTargets(t *testing.T) {
	reached := false
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	client := &http.Client{Transport: NewTransport(false, 2*time.Second)}
	for _, u := range []string{srv.URL, "http://localhost:" + port, "http://[::1]:" + port, "http://10.255.255.1:" + port,
		"http://169.254.169.254:" + port} {
		_, err := client.Post(u, "application/json", strings.NewReader("{}"))
		if !errors.Is(err, ErrForbiddenTarget) {
			t.Errorf("%s: %v, want the forbidden-target error", u, err)
		}
	}
	if reached {
		t.Fatal("a private target was reached")
	}
	// With the override it goes through.
	res, err := (&http.Client{Transport: NewTransport(true, 2*time.Second)}).Post(srv.URL, "application/json", strings.NewReader("{}"))
	if err != nil || res.StatusCode != 200 || !reached {
		t.Fatalf("with private targets allowed: %v", err)
	}
	res.Body.Close()
}

// TestSendNoRedirectBoundedAnswer: a redirect is an answer (not followed),
// at most 64 KiB of an answer is read, and a slow receiver times out.
func TestSendNoRedirectBoundedAnswer(t *testing.T) {
	followed := false
	mux := http.NewServeMux()
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/target", http.StatusFound) })
	mux.HandleFunc("/target", func(http.ResponseWriter, *http.Request) { followed = true })
	mux.HandleFunc("/big", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(strings.Repeat("x", 10<<20)))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var read int64
	w := New(nil, Options{AllowPrivate: true, Timeout: 2 * time.Second, Transport: countingTransport{http.DefaultTransport, &read}})
	h := testHook(srv.URL + "/redirect")
	ev := testEvent()
	code, _, err := w.send(context.Background(), h, ev, time.Now())
	if err != nil || code != http.StatusFound || followed {
		t.Fatalf("redirect: %d %v followed=%v", code, err, followed)
	}
	h.URL = srv.URL + "/big"
	code, answer, err := w.send(context.Background(), h, ev, time.Now())
	if err != nil || code != 200 || len(answer) != keptAnswer || read > maxAnswer+32<<10 {
		t.Fatalf("big answer: %d %v kept %d read %d", code, err, len(answer), read)
	}
	h.URL = srv.URL + "/slow"
	start := time.Now()
	if _, _, err := w.send(context.Background(), h, ev, time.Now()); err == nil || time.Since(start) > 4500*time.Millisecond {
		t.Fatalf("slow receiver: %v after %s", err, time.Since(start))
	}
}

// countingTransport counts the answer bytes the client read.
type countingTransport struct {
	rt http.RoundTripper
	n  *int64
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := c.rt.RoundTrip(r)
	if err == nil {
		res.Body = &countingBody{res.Body, c.n}
	}
	return res, err
}

type countingBody struct {
	io.ReadCloser
	n *int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	*b.n += int64(n)
	return n, err
}

// TestDefaultBackoff: at least 24 hours over the first 8 attempts, growing.
func TestDefaultBackoff(t *testing.T) {
	var total time.Duration
	prev := time.Duration(0)
	for n := 1; n < 8; n++ {
		d := DefaultBackoff(n)
		if d < prev && d < 12*time.Hour {
			t.Fatalf("backoff %d = %s, shorter than %s", n, d, prev)
		}
		prev = d
		total += d
	}
	if total < 24*time.Hour || DefaultBackoff(20) > 15*time.Hour {
		t.Fatalf("7 waits add up to %s", total)
	}
}
