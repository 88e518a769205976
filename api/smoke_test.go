package api_test

import "testing"

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	r := e.must(200, "GET", "/healthz", "", nil)
	if r.JSON()["status"] != "ok" {
		t.Fatalf("body %s", r.Body)
	}
}

func TestRegisterAndBuyerRoundTrip(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	id := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "interest_circles": []string{"拼豆"}})
	r := e.must(200, "GET", "/api/v1/buyers/"+itoa(id), o.Token, nil)
	if r.JSON()["stage"] != "prospect" {
		t.Fatalf("stage = %v", r.JSON()["stage"])
	}
	other := e.register("别家")
	if got := e.do("GET", "/api/v1/buyers/"+itoa(id), other.Token, nil); got.Status != 404 || got.ErrCode() != "not_found" {
		t.Fatalf("other brand: %d %s", got.Status, got.Body)
	}
}
