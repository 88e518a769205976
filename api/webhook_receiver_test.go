package api_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// verifySignature checks a Standard Webhooks 1.0 signature header, written
// from the spec (standardwebhooks.com), not from the sender's code: the key
// is the base64 after "whsec_"; the signed content is id.timestamp.body;
// the header holds space-separated "v1,<base64 HMAC-SHA256>" entries, of
// which one must match.
func verifySignature(secret, id, timestamp string, body []byte, header string) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || !strings.HasPrefix(secret, "whsec_") {
		return errors.New("bad secret")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "." + string(body)))
	want := mac.Sum(nil)
	for _, part := range strings.Fields(header) {
		version, sig, ok := strings.Cut(part, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && subtle.ConstantTimeCompare(got, want) == 1 {
			return nil
		}
	}
	return errors.New("no signature matches")
}

// TestStandardWebhooksTestVector checks the verifier above against the
// spec's published example.
func TestStandardWebhooksTestVector(t *testing.T) {
	const (
		secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
		id     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
		ts     = "1614265330"
		body   = `{"test": 2432232314}`
		sig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
	)
	if err := verifySignature(secret, id, ts, []byte(body), sig); err != nil {
		t.Fatal(err)
	}
	if err := verifySignature(secret, id, ts, []byte(body), "v1,bm9wZQ== "+sig); err != nil {
		t.Fatal("a second, matching signature in the list:", err)
	}
	if verifySignature(secret, id, "1614265331", []byte(body), sig) == nil {
		t.Fatal("a changed timestamp verified")
	}
}

// hit is one request a receiver got.
type hit struct {
	id, timestamp, signature string
	header                   http.Header
	body                     []byte
}

// receiver is a webhook endpoint for tests: it records every request and
// answers with the statuses queued in answers, then 200.
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	hits    []hit
	answers []int
	reply   string
}

func newReceiver(t testing.TB, answers ...int) *receiver {
	r := &receiver{answers: answers}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.hits = append(r.hits, hit{id: req.Header.Get("webhook-id"), timestamp: req.Header.Get("webhook-timestamp"),
			signature: req.Header.Get("webhook-signature"), header: req.Header.Clone(), body: b})
		status := 200
		if len(r.answers) > 0 {
			status, r.answers = r.answers[0], r.answers[1:]
		}
		reply := r.reply
		r.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(r.Close)
	return r
}

// got returns a copy of the requests so far.
func (r *receiver) got() []hit {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hit(nil), r.hits...)
}

// checkSigned fails unless every request carries a valid signature of
// secret and a timestamp near now.
func checkSigned(t testing.TB, hits []hit, secret string, now time.Time) {
	t.Helper()
	for _, h := range hits {
		if err := verifySignature(secret, h.id, h.timestamp, h.body, h.signature); err != nil {
			t.Fatalf("delivery %s: %v (header %q)", h.id, err, h.signature)
		}
		ts, err := strconv.ParseInt(h.timestamp, 10, 64)
		if err != nil || now.Sub(time.Unix(ts, 0)).Abs() > 48*time.Hour {
			t.Fatalf("delivery %s: timestamp %q far from %s", h.id, h.timestamp, now)
		}
		if !strings.HasPrefix(h.id, "evt_") {
			t.Fatalf("webhook-id %q is not an event id", h.id)
		}
	}
}

// feishuSign is 飞书's robot signature, written from its guide.
func feishuSign(timestamp, secret string) string {
	m := hmac.New(sha256.New, []byte(timestamp+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func base64Decode(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
