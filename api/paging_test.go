package api_test

import (
	"encoding/base64"
	"fmt"
	"math/rand"
	"net/url"
	"testing"
	"time"
)

var buyerSorts = []string{"name", "created_at", "followers", "gmv_cents_90d", "last_collaboration_on", "health"}

// pagingEnv makes buyers whose sort values tie often (to exercise the id
// tie-break) and include NULL last_collaboration_on values.
func pagingEnv(t *testing.T, n int) (*env, account, *rand.Rand) {
	e := newEnv(t)
	o := e.register("品牌")
	e.must(200, "GET", "/api/v1/buyers", o.Token, nil) // lets the daily stats roll happen before stats are set below
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < n; i++ {
		addPagingBuyer(e, o, rng)
	}
	return e, o, rng
}

var pagingNames = []string{"林小拼", "周露营", "母婴王", "Amy", "amy", "张三", "李四"}

func addPagingBuyer(e *env, o account, rng *rand.Rand) int64 {
	if rng.Intn(3) == 0 {
		e.now.Advance(time.Duration(rng.Intn(1500)+1) * time.Millisecond)
	}
	id := e.createBuyer(o.Token, map[string]any{"name": pagingNames[rng.Intn(len(pagingNames))], "followers": rng.Intn(4) * 100})
	var last any
	if rng.Intn(3) > 0 {
		last = fmt.Sprintf("2026-10-%02d", rng.Intn(4)+10)
	}
	if err := e.db.W.Exec(`UPDATE buyers SET gmv_cents_90d = ?, health_score = ?, last_collaboration_on = ? WHERE id = ?`,
		rng.Intn(3)*1000, rng.Intn(3)*25, last, id).Error; err != nil {
		e.t.Fatal(err)
	}
	return id
}

// pageAll walks a sort with limit, calling between after every page.
func pageAll(t *testing.T, e *env, token, sort string, limit int, between func()) []int64 {
	t.Helper()
	var out []int64
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 500 {
			t.Fatal("paging does not end")
		}
		path := "/api/v1/buyers?sort=" + url.QueryEscape(sort) + "&limit=" + itoa(int64(limit))
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		r := e.must(200, "GET", path, token, nil)
		page := ids(r)
		if len(page) > limit {
			t.Fatalf("page of %d > limit %d", len(page), limit)
		}
		out = append(out, page...)
		next, _ := r.JSON()["next_cursor"].(string)
		if next == "" {
			return out
		}
		if len(page) == 0 {
			t.Fatal("empty page with a next cursor")
		}
		cursor = next
		if between != nil {
			between()
		}
	}
}

func TestBuyerCursorPagingEverySort(t *testing.T) {
	e, o, _ := pagingEnv(t, 23)
	for _, field := range buyerSorts {
		for _, sort := range []string{field, "-" + field} {
			whole := ids(e.must(200, "GET", "/api/v1/buyers?limit=200&sort="+url.QueryEscape(sort), o.Token, nil))
			if len(whole) != 23 {
				t.Fatalf("%s: one page has %d rows", sort, len(whole))
			}
			for _, limit := range []int{1, 2, 5, 22, 23} {
				got := pageAll(t, e, o.Token, sort, limit, nil)
				if !jsonEq(got, whole) {
					t.Errorf("sort %s limit %d:\n got %v\nwant %v", sort, limit, got, whole)
				}
			}
		}
	}
}

func TestBuyerCursorPagingWhileInserting(t *testing.T) {
	for _, field := range buyerSorts {
		for _, sort := range []string{field, "-" + field} {
			t.Run(sort, func(t *testing.T) {
				t.Parallel()
				e, o, rng := pagingEnv(t, 15)
				orig := ids(e.must(200, "GET", "/api/v1/buyers?limit=200&sort="+url.QueryEscape(sort), o.Token, nil))
				var added []int64
				got := pageAll(t, e, o.Token, sort, 3, func() {
					for i := 0; i < 2; i++ {
						added = append(added, addPagingBuyer(e, o, rng))
					}
				})
				seen := map[int64]bool{}
				for _, id := range got {
					if seen[id] {
						t.Fatalf("row %d repeated: %v", id, got)
					}
					seen[id] = true
				}
				// Every row that existed before paging appears, in its order.
				var kept []int64
				for _, id := range got {
					if contains(orig, id) {
						kept = append(kept, id)
					}
				}
				if !jsonEq(kept, orig) {
					t.Fatalf("rows that existed all along were skipped or reordered:\n got %v\nwant %v", kept, orig)
				}
				// Rows inserted while paging may appear, but only once and only among known rows.
				for _, id := range got {
					if !contains(orig, id) && !contains(added, id) {
						t.Fatalf("unknown row %d", id)
					}
				}
			})
		}
	}
}

func TestBuyerCursorIsCheckedAndOpaque(t *testing.T) {
	e, o, _ := pagingEnv(t, 5)
	r := e.must(200, "GET", "/api/v1/buyers?limit=2&sort=followers", o.Token, nil)
	cur := r.JSON()["next_cursor"].(string)
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for name, q := range map[string]string{
		"garbage":           "cursor=%25%25%25",
		"not base64":        "cursor=***",
		"base64 not json":   "cursor=" + enc("hello"),
		"other sort":        "sort=name&cursor=" + cur,
		"other direction":   "sort=-followers&cursor=" + cur,
		"default sort":      "cursor=" + cur,
		"wrong value type":  "sort=followers&cursor=" + enc(`{"s":"followers","v":"lots","i":1}`),
		"bad time":          "sort=created_at&cursor=" + enc(`{"s":"created_at","v":"yesterday","i":1}`),
		"null on not-null":  "sort=followers&cursor=" + enc(`{"s":"followers","v":null,"i":1}`),
		"zero id":           "sort=followers&cursor=" + enc(`{"s":"followers","v":"1","i":0}`),
		"truncated":         "sort=followers&cursor=" + cur[:len(cur)-3],
		"overlong":          "sort=followers&cursor=" + enc(fmt.Sprintf(`{"s":"followers","v":"%0600d","i":1}`, 1)),
		"injection attempt": "sort=name&cursor=" + enc(`{"s":"name","v":"' OR 1=1 --","i":1}`),
	} {
		r := e.do("GET", "/api/v1/buyers?"+q, o.Token, nil)
		if name == "injection attempt" {
			// A well-formed cursor with an odd value is just a position; it must not break the query.
			if r.Status != 200 {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
			continue
		}
		if r.Status != 400 || r.ErrCode() != "bad_request" {
			t.Errorf("%s: %d %s, want 400 bad_request", name, r.Status, r.Body)
		}
	}
	// The same cursor with its own sort works.
	e.must(200, "GET", "/api/v1/buyers?limit=2&sort=followers&cursor="+cur, o.Token, nil)
	// Another brand's cursor only positions within the caller's brand.
	other := e.register("别家")
	if r := e.must(200, "GET", "/api/v1/buyers?limit=2&sort=followers&cursor="+cur, other.Token, nil); len(ids(r)) != 0 {
		t.Fatalf("a cursor reaches another brand's rows: %s", r.Body)
	}
}
