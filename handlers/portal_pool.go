package handlers

import (
	"context"
	"time"

	"huoban/models"
	"huoban/store"
)

// PortalProduct is a pool product as a buyer sees it: the price only when
// the brand wrote a pool note to go with it.
type PortalProduct struct {
	ID         int64            `json:"id"`
	Name       string           `json:"name"`
	SKU        string           `json:"sku"`
	Category   string           `json:"category"`
	Circles    []string         `json:"circles"`
	ImageURL   string           `json:"image_url"`
	PriceCents *int64           `json:"price_cents,omitempty"`
	PoolNote   string           `json:"pool_note"`
	Decision   *models.Decision `json:"decision"`
}

// PortalReview is a shared review as its buyer sees it: no internal notes.
type PortalReview struct {
	ID              int64                 `json:"id"`
	CollaborationID int64                 `json:"collaboration_id"`
	WentWell        string                `json:"went_well"`
	ToImprove       string                `json:"to_improve"`
	NextActions     []ActionBody          `json:"next_actions"`
	CreatedAt       time.Time             `json:"created_at"`
	Collaboration   ReviewedCollaboration `json:"collaboration"`
}

// PortalAction is a buyer-side next action from a review, still to do.
type PortalAction struct {
	ID                 int64       `json:"id"`
	ReviewID           int64       `json:"review_id"`
	CollaborationID    int64       `json:"collaboration_id"`
	CollaborationTitle string      `json:"collaboration_title"`
	Text               string      `json:"text"`
	DueOn              models.Date `json:"due_on"`
}

// portalSelectionParts are the parts of a portal partnership page that come
// from products, reviews and the calendar.
type portalSelectionParts struct {
	Pool        []PortalProduct
	Upcoming    []CalendarItemResponse
	Reviews     []PortalReview
	OpenActions []PortalAction
}

// portalParts reads the pool, the next 30 days, the shared reviews and the
// buyer's open review actions of one partnership.
func (h *Handlers) portalParts(ctx context.Context, userID int64, link *store.PortalLink) (*portalSelectionParts, error) {
	out := &portalSelectionParts{Pool: []PortalProduct{}, Upcoming: []CalendarItemResponse{}, Reviews: []PortalReview{},
		OpenActions: []PortalAction{}}
	pool, err := h.Store.PortalPool(ctx, link.BrandID, link.BuyerID)
	if err != nil {
		return nil, err
	}
	for _, p := range pool {
		pp := PortalProduct{ID: p.ID, Name: p.Name, SKU: p.SKU, Category: p.Category, Circles: nonNil(p.Circles),
			ImageURL: p.ImageURL, PoolNote: p.PoolNote, Decision: p.Decision}
		if p.PoolNote != "" {
			price := p.PriceCents
			pp.PriceCents = &price
		}
		out.Pool = append(out.Pool, pp)
	}
	today := h.Store.Today()
	items, err := h.Store.Calendar(ctx, 0, store.CalendarQuery{From: today, To: today.AddDays(30), UserID: userID, BuyerID: link.BuyerID})
	if err != nil {
		return nil, err
	}
	for i := range items {
		out.Upcoming = append(out.Upcoming, toCalendarItem(&items[i]))
	}
	reviews, err := h.Store.BuyerReviews(ctx, link.BrandID, link.BuyerID, true)
	if err != nil {
		return nil, err
	}
	for i := range reviews {
		r := &reviews[i].Review
		out.Reviews = append(out.Reviews, PortalReview{ID: r.ID, CollaborationID: r.CollaborationID, WentWell: r.WentWell,
			ToImprove: r.ToImprove, NextActions: toActionBodies(r.Actions), CreatedAt: r.CreatedAt.UTC(),
			Collaboration: toReviewedCollaboration(&reviews[i].Collaboration)})
	}
	acts, err := h.Store.OpenBuyerActions(ctx, link.BuyerID)
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		out.OpenActions = append(out.OpenActions, PortalAction{ID: a.ID, ReviewID: a.ReviewID, CollaborationID: a.CollaborationID,
			CollaborationTitle: a.CollaborationTitle, Text: a.Text, DueOn: a.DueOn})
	}
	return out, nil
}
