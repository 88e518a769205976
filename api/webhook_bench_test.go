package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"huoban/api"
)

// BenchmarkCollaborationCreate measures a collaboration write without and
// with one active endpoint subscribed to it (the outbox rows written in the
// write's transaction). The two kinds of write alternate in one run, on two
// brands of one server, so the machine's noise falls on both alike; the
// medians are reported, and overhead_% is how much slower the write with an
// endpoint is (the issue asks for at most 10).
func BenchmarkCollaborationCreate(b *testing.B) {
	e := newEnv(b, func(c *api.Config) { c.WebhookAllowPrivate = true })
	plain := e.register("基准甲")
	hooked := e.register("基准乙")
	e.addHook(hooked.Token, map[string]any{"url": "http://127.0.0.1:9/unused", "events": []string{"collaboration.created"}})
	bodies := map[string]map[string]any{
		plain.Token:  collabFor(e.createBuyer(plain.Token, map[string]any{"name": "甲买手"})),
		hooked.Token: collabFor(e.createBuyer(hooked.Token, map[string]any{"name": "乙买手"})),
	}
	write := func(tok string) time.Duration {
		start := time.Now()
		if r := e.do("POST", "/api/v1/collaborations", tok, bodies[tok]); r.Status != 201 {
			b.Fatalf("%d %s", r.Status, r.Body)
		}
		return time.Since(start)
	}
	for range 20 { // warm both paths
		write(plain.Token)
		write(hooked.Token)
	}
	var a, h []time.Duration
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			a, h = append(a, write(plain.Token)), append(h, write(hooked.Token))
		} else {
			h, a = append(h, write(hooked.Token)), append(a, write(plain.Token))
		}
	}
	ma, mh := median(a), median(h)
	b.ReportMetric(float64(ma.Nanoseconds()), "ns/write_plain")
	b.ReportMetric(float64(mh.Nanoseconds()), "ns/write_with_endpoint")
	b.ReportMetric(100*(float64(mh)-float64(ma))/float64(ma), "overhead_%")
}

// median returns the middle of ds (which it sorts).
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// BenchmarkWebhookWorker measures deliveries per second to a local
// receiver: events queued for endpoints (one, or four served at once), then
// the worker runs until all are delivered. Reported as events/s.
func BenchmarkWebhookWorker(b *testing.B) {
	for _, endpoints := range []int{1, 4} {
		b.Run(map[int]string{1: "one_endpoint", 4: "four_endpoints"}[endpoints], func(b *testing.B) {
			rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNoContent)
			}))
			defer rec.Close()
			e := newEnv(b, func(c *api.Config) { c.WebhookAllowPrivate = true; c.Now = time.Now })
			owner := e.register("投递")
			for range endpoints {
				e.addHook(owner.Token, map[string]any{"url": rec.URL, "events": []string{"buyer.created"}})
			}
			const perRound = 500
			b.ResetTimer()
			var sent int
			var took time.Duration
			for range b.N {
				b.StopTimer()
				for i := range perRound / endpoints {
					e.createBuyer(owner.Token, map[string]any{"name": "投" + itoa(int64(i))})
				}
				b.StartTimer()
				start := time.Now()
				for {
					n, err := e.srv.DeliverWebhooks(context.Background())
					if err != nil {
						b.Fatal(err)
					}
					if n == 0 {
						break
					}
				}
				took += time.Since(start)
				sent += perRound / endpoints * endpoints
			}
			b.ReportMetric(float64(sent)/took.Seconds(), "events/s")
		})
	}
}
