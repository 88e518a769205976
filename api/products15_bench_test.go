package api_test

import (
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
)

// benchCollabs is the number of collaborations the product and calendar
// benchmarks seed: HUOBAN_BENCH_COLLABS, default 100000 (1000000 to check
// the 1M budget; seeding takes a while).
func benchCollabs() int {
	if n, err := strconv.Atoi(os.Getenv("HUOBAN_BENCH_COLLABS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// BenchmarkProductAndCalendarReads times product performance and calendar
// reads (uncached) over a brand whose collaborations are seeded in bulk:
// one in a hundred lists a product as an item, one in ten is a timed
// livestream, spread over four years.
func BenchmarkProductAndCalendarReads(b *testing.B) {
	e := newEnv(b, uncached)
	o := e.register("山茶花")
	var buyer int64
	for i := 0; i < 100; i++ {
		id := e.createBuyer(o.Token, map[string]any{"name": "买手" + itoa(int64(i))})
		if buyer == 0 {
			buyer = id
		}
	}
	var product int64
	for i := 0; i < 20; i++ {
		id := jnum(e.must(201, "POST", "/api/v1/products", o.Token, map[string]any{"name": "商品" + itoa(int64(i)),
			"sku": "SKU-" + itoa(int64(i)), "category": "户外"}).JSON(), "id")
		if product == 0 {
			product = id
		}
	}
	n := benchCollabs()
	w := e.db.W
	if err := w.Exec(`WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)
		INSERT INTO collaborations (brand_id, buyer_id, type, title, status, start_on, gmv_cents, slot_fee_cents,
			starts_at, duration_minutes, created_at, updated_at)
		SELECT 1, ? + i % 100, CASE WHEN i % 10 = 0 THEN 'livestream' ELSE 'note' END, '合作 ' || i,
			CASE WHEN i % 3 = 0 THEN 'planned' ELSE 'completed' END, date('2024-01-01', '+' || (i % 1461) || ' days'),
			10000 + i % 5000, 1000,
			CASE WHEN i % 10 = 0 THEN datetime('2024-01-01 12:00:00', '+' || (i % 1461) || ' days') || '+00:00' END,
			CASE WHEN i % 10 = 0 THEN 60 END, '2026-11-23 10:00:00+00:00', '2026-11-23 10:00:00+00:00'
		FROM seq`, n, buyer).Error; err != nil {
		b.Fatal(err)
	}
	if err := w.Exec(`INSERT INTO collaboration_items (brand_id, collaboration_id, product_id, buyer_id, status, start_on,
			units, gmv_cents, net_gmv_cents, cost_cents)
		SELECT brand_id, id, ? + id % 20, buyer_id, status, start_on, 3, gmv_cents, gmv_cents, slot_fee_cents
		FROM collaborations WHERE id % 100 = 0`, product).Error; err != nil {
		b.Fatal(err)
	}
	if err := w.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
	for name, path := range map[string]string{
		"performance":    "/api/v1/products/" + itoa(product) + "/performance",
		"calendar30":     "/api/v1/calendar?from=2026-11-01&to=2026-11-30",
		"calendar92":     "/api/v1/calendar?from=2026-10-01&to=2026-12-31",
		"calendarBuyer":  "/api/v1/calendar?from=2026-10-01&to=2026-12-31&buyer_id=" + itoa(buyer),
		"matchByProduct": "/api/v1/buyers/match?product_id=" + itoa(product),
	} {
		if got := e.must(200, "GET", path, o.Token, nil).List(); len(got) == 0 && name != "matchByProduct" {
			b.Fatalf("%s: no rows", name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("GET", path, nil)
				req.Header.Set("Authorization", "Bearer "+o.Token)
				rec := httptest.NewRecorder()
				e.srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
				}
			}
		})
	}
}
