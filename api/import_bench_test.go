package api_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
)

// BenchmarkImport100k imports a 100,000-row CSV file (about 1,000 buyers)
// through the HTTP handler: read, decode, validate, insert, stats, audit.
func BenchmarkImport100k(b *testing.B) {
	e := newEnv(b)
	o := e.register("山茶花")
	const buyers = 1000
	for i := 0; i < buyers; i++ {
		e.createBuyer(o.Token, map[string]any{"name": fmt.Sprintf("买手%d", i), "xhs_id": fmt.Sprintf("xhs_%d", i), "commission_pct": 10})
	}
	body := synthCSV(100_000, buyers)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		r := e.doCSV(importPath, o.Token, body, false)
		if r.Status != 200 {
			b.Fatalf("import: %d %.500s", r.Status, r.Body)
		}
	}
}

// synthCSV returns a realistic collaborations CSV of n rows.
func synthCSV(n, buyers int) []byte {
	rng := rand.New(rand.NewSource(1))
	types := []string{"livestream", "note", "shop_window", "seeding"}
	statuses := []string{"completed", "completed", "completed", "planned", "in_progress", "cancelled"}
	var buf bytes.Buffer
	buf.WriteString("buyer_xhs_id,type,title,products,status,start_on,slot_fee_cents,commission_pct,views,viewers,clicks,orders,units,gmv_cents,refund_cents,interactions,brand_rating,shared_feedback\n")
	for i := 0; i < n; i++ {
		gmv := int64(rng.ExpFloat64() * 500000)
		orders := gmv / 8000
		fmt.Fprintf(&buf, "xhs_%d,%s,\"双11 专场 %d, 拼豆\",套装A|套装B,%s,2026-%02d-%02d,%d,%d.5,%d,%d,%d,%d,%d,%d,%d,%d,%d,节奏不错\n",
			rng.Intn(buyers), types[rng.Intn(4)], i, statuses[rng.Intn(len(statuses))], 1+rng.Intn(10), 1+rng.Intn(28),
			rng.Intn(50000), rng.Intn(30), rng.Intn(200000), rng.Intn(50000), rng.Intn(10000), orders, orders+orders/10,
			gmv, gmv/20, rng.Intn(5000), 1+rng.Intn(5))
	}
	return buf.Bytes()
}
