package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestConcurrentRequests runs writes and reads from many goroutines at once:
// no 5xx (no SQLITE_BUSY leaking out), no lost writes, and -race stays quiet.
func TestConcurrentRequests(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	const workers, each = 8, 8
	var wg sync.WaitGroup
	errs := make(chan string, workers*each*3)
	send := func(method, path string, body any) (int, []byte) {
		var b []byte
		if body != nil {
			b, _ = json.Marshal(body)
		}
		req := httptest.NewRequest(method, path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+o.Token)
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		e.srv.ServeHTTP(w, req)
		return w.Code, w.Body.Bytes()
	}
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				code, body := send("POST", "/api/v1/buyers", map[string]any{"name": fmt.Sprintf("买手%d-%d", g, i), "xhs_id": fmt.Sprintf("x%d-%d", g, i)})
				if code != 201 {
					errs <- fmt.Sprintf("create: %d %s", code, body)
					continue
				}
				var m map[string]any
				_ = json.Unmarshal(body, &m)
				id := int64(m["id"].(float64))
				if code, body := send("PATCH", "/api/v1/buyers/"+itoa(id), map[string]any{"followers": i}); code != 200 {
					errs <- fmt.Sprintf("patch: %d %s", code, body)
				}
				if code, body := send("GET", "/api/v1/buyers?limit=5&sort=-created_at", nil); code != 200 {
					errs <- fmt.Sprintf("list: %d %s", code, body)
				}
			}
		}(g)
	}
	// Concurrent presentations of one refresh token: exactly one may win.
	wins := make(chan int, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _ := json.Marshal(map[string]any{"refresh_token": o.Refresh})
			req := httptest.NewRequest("POST", "/api/v1/auth/refresh", bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			e.srv.ServeHTTP(w, req)
			wins <- w.Code
		}()
	}
	wg.Wait()
	close(errs)
	close(wins)
	for s := range errs {
		t.Error(s)
	}
	ok := 0
	for c := range wins {
		switch c {
		case 200:
			ok++
		case 401:
		default:
			t.Errorf("refresh answered %d", c)
		}
	}
	if ok != 1 {
		t.Errorf("%d concurrent refreshes of one token succeeded, want 1", ok)
	}
	r := e.must(200, "GET", "/api/v1/buyers?total=true&limit=1", o.Token, nil)
	if n := jnum(r.JSON(), "total"); n != workers*each {
		t.Fatalf("%d buyers, want %d", n, workers*each)
	}
}
