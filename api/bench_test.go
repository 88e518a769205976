package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"huoban/api"
)

// benchEnv is a brand with 200 buyers and 400 collaborations, for
// end-to-end handler benchmarks (routing, auth, query, JSON encoding).
func benchEnv(b *testing.B, opts ...envOption) (*env, account, int64) {
	e := newEnv(b, opts...)
	o := e.register("山茶花")
	var first int64
	for i := 0; i < 200; i++ {
		id := e.createBuyer(o.Token, map[string]any{"name": "买手" + itoa(int64(i)), "interest_circles": []string{"露营"},
			"categories": []string{"户外/露营装备"}, "followers": i * 100})
		if first == 0 {
			first = id
		}
		for _, day := range []string{"2026-10-01", "2026-11-01"} {
			e.createCollab(o.Token, collabBody(id, map[string]any{"start_on": day, "end_on": day}))
		}
	}
	return e, o, first
}

// uncached turns the response cache off, so every request reads the database.
func uncached(c *api.Config) { c.NoResponseCache = true }

// benchGet times one read, answered from the response cache ("cached")
// and read from the database every time ("uncached").
func benchGet(b *testing.B, path string) {
	b.Run("cached", func(b *testing.B) { benchGetWith(b, path) })
	b.Run("uncached", func(b *testing.B) { benchGetWith(b, path, uncached) })
}

func benchGetWith(b *testing.B, path string, opts ...envOption) {
	e, o, buyer := benchEnv(b, opts...)
	path = replaceBuyer(path, buyer)
	if items, ok := e.must(200, "GET", path, o.Token, nil).JSON()["items"].([]any); ok && len(items) == 0 {
		b.Fatalf("%s returned no rows", path)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+o.Token)
		w := httptest.NewRecorder()
		e.srv.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
	}
}

func replaceBuyer(path string, id int64) string { return strings.ReplaceAll(path, "#", itoa(id)) }

func BenchmarkGetBuyer(b *testing.B)                { benchGet(b, "/api/v1/buyers/#") }
func BenchmarkListBuyersByGMV90d(b *testing.B)      { benchGet(b, "/api/v1/buyers?sort=-gmv_cents_90d") }
func BenchmarkListBuyersByCircle(b *testing.B)      { benchGet(b, "/api/v1/buyers?circle=露营") }
func BenchmarkListBuyerCollaborations(b *testing.B) { benchGet(b, "/api/v1/collaborations?buyer_id=#") }

func BenchmarkDashboard(b *testing.B) { benchGet(b, "/api/v1/dashboard") }
