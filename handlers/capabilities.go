package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// SelectionBody is a buyer's product-selection (选品) capacity.
type SelectionBody struct {
	set               bool
	SkusPerMonth      int64      `json:"skus_per_month"`
	CategoriesCovered int64      `json:"categories_covered"`
	HitRatePct        models.Pct `json:"hit_rate_pct"`
	ShopWindowItems   int64      `json:"shop_window_items"`
}

func (b *SelectionBody) markSet() { b.set = true }

// LivestreamBody is a buyer's livestream (直播) capacity.
type LivestreamBody struct {
	set              bool
	SessionsPerMonth int64 `json:"sessions_per_month"`
	AvgMinutes       int64 `json:"avg_minutes"`
	AvgViewers       int64 `json:"avg_viewers"`
	PeakViewers      int64 `json:"peak_viewers"`
	AvgGMVCents      int64 `json:"avg_gmv_cents"`
}

func (b *LivestreamBody) markSet() { b.set = true }

// CapabilityRequest is the body of POST /buyers/{id}/capabilities.
type CapabilityRequest struct {
	RecordedOn Opt[models.Date] `json:"recorded_on"`
	Selection  SelectionBody    `json:"selection"`
	Livestream LivestreamBody   `json:"livestream"`
	Assessment string           `json:"assessment"`
}

// CapabilityResponse is the contract's capability snapshot.
type CapabilityResponse struct {
	ID         int64          `json:"id"`
	BuyerID    int64          `json:"buyer_id"`
	RecordedOn models.Date    `json:"recorded_on"`
	Selection  SelectionBody  `json:"selection"`
	Livestream LivestreamBody `json:"livestream"`
	Assessment string         `json:"assessment"`
	RecordedBy *int64         `json:"recorded_by"`
	CreatedAt  time.Time      `json:"created_at"`
}

func toCapabilityResponse(c *models.CapabilitySnapshot) CapabilityResponse {
	return CapabilityResponse{
		ID: c.ID, BuyerID: c.BuyerID, RecordedOn: c.RecordedOn,
		Selection: SelectionBody{SkusPerMonth: c.SkusPerMonth, CategoriesCovered: c.CategoriesCovered,
			HitRatePct: c.HitRatePct, ShopWindowItems: c.ShopWindowItems},
		Livestream: LivestreamBody{SessionsPerMonth: c.SessionsPerMonth, AvgMinutes: c.AvgMinutes,
			AvgViewers: c.AvgViewers, PeakViewers: c.PeakViewers, AvgGMVCents: c.AvgGMVCents},
		Assessment: c.Assessment, RecordedBy: c.RecordedBy, CreatedAt: c.CreatedAt.UTC(),
	}
}

// subPaging reads ?limit= and ?cursor= of a list with a fixed order.
func subPaging(c *gin.Context, ve *models.ValidationError) store.SubQuery {
	var q store.SubQuery
	var total bool
	paging(c, ve, &q.Limit, &total)
	q.Cursor = c.Query("cursor")
	return q
}

// ListCapabilities returns a buyer's capability snapshots, newest first.
func (h *Handlers) ListCapabilities(c *gin.Context) error {
	return buyerSubList(c, h.Store.ListCapabilities, toCapabilityResponse)
}

// buyerSubList answers a paged list of records of the buyer named in the path.
func buyerSubList[M, T any](c *gin.Context, list func(context.Context, int64, int64, store.SubQuery) (*store.Page[M], error),
	conv func(*M) T) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ve := &models.ValidationError{}
	q := subPaging(c, ve)
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := list(c.Request.Context(), brandID(c), id, q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, conv))
	return nil
}

// CreateCapability records a capability snapshot; recorded_on defaults to today.
func (h *Handlers) CreateCapability(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CapabilityRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	snap := models.CapabilitySnapshot{BuyerID: id, RecordedOn: h.Store.Today(), Assessment: req.Assessment}
	if req.RecordedOn.Set {
		if req.RecordedOn.Null {
			ve.Add("recorded_on", models.InvalidDate())
		} else if req.RecordedOn.V > h.Store.Today() {
			ve.Add("recorded_on", models.NotFuture())
		}
		snap.RecordedOn = req.RecordedOn.V
	}
	s, l := req.Selection, req.Livestream
	for _, f := range []struct {
		name string
		v    int64
	}{{"selection.skus_per_month", s.SkusPerMonth}, {"selection.categories_covered", s.CategoriesCovered},
		{"selection.shop_window_items", s.ShopWindowItems}, {"livestream.sessions_per_month", l.SessionsPerMonth},
		{"livestream.avg_minutes", l.AvgMinutes}, {"livestream.avg_viewers", l.AvgViewers},
		{"livestream.peak_viewers", l.PeakViewers}, {"livestream.avg_gmv_cents", l.AvgGMVCents}} {
		if f.v < 0 || f.v > maxAmount {
			ve.Add(f.name, models.Min(0))
		}
	}
	if s.HitRatePct < 0 || s.HitRatePct > 10000 {
		ve.Add("selection.hit_rate_pct", models.Between(0, 100))
	}
	checkText(ve, "assessment", &snap.Assessment, 0, 5000)
	if err := ve.Err(); err != nil {
		return err
	}
	snap.SkusPerMonth, snap.CategoriesCovered, snap.HitRatePct, snap.ShopWindowItems =
		s.SkusPerMonth, s.CategoriesCovered, s.HitRatePct, s.ShopWindowItems
	snap.SessionsPerMonth, snap.AvgMinutes, snap.AvgViewers, snap.PeakViewers, snap.AvgGMVCents =
		l.SessionsPerMonth, l.AvgMinutes, l.AvgViewers, l.PeakViewers, l.AvgGMVCents
	if err := h.Store.CreateCapability(c.Request.Context(), actor(c), &snap); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toCapabilityResponse(&snap))
	return nil
}
