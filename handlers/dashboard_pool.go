package handlers

import (
	"context"
	"time"
)

// PoolProductBrief is a pool product nobody has picked yet.
type PoolProductBrief struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	SKU       string    `json:"sku"`
	Category  string    `json:"category"`
	CreatedAt time.Time `json:"created_at"`
}

// AwaitingAnswer is a buyer's interest in a pool product that the brand has
// not answered yet.
type AwaitingAnswer struct {
	SelectionID int64      `json:"selection_id"`
	Buyer       BuyerRef   `json:"buyer"`
	Product     ProductRef `json:"product"`
	Reason      string     `json:"reason"`
	DecidedAt   time.Time  `json:"decided_at"`
}

// dashboardPool reads the dashboard's selection lists (issue 15).
func (h *Handlers) dashboardPool(ctx context.Context, brand int64) ([]PoolProductBrief, []AwaitingAnswer, error) {
	pool, err := h.Store.UnpickedPool(ctx, brand)
	if err != nil {
		return nil, nil, err
	}
	waiting, err := h.Store.WaitingForAnswer(ctx, brand)
	if err != nil {
		return nil, nil, err
	}
	unpicked := make([]PoolProductBrief, 0, len(pool))
	for _, p := range pool {
		unpicked = append(unpicked, PoolProductBrief{ID: p.ID, Name: p.Name, SKU: p.SKU, Category: p.Category, CreatedAt: p.CreatedAt.UTC()})
	}
	awaiting := make([]AwaitingAnswer, 0, len(waiting))
	for _, w := range waiting {
		awaiting = append(awaiting, AwaitingAnswer{SelectionID: w.SelectionID, Buyer: BuyerRef{ID: w.BuyerID, Name: w.BuyerName},
			Product: ProductRef{ID: w.ProductID, Name: w.ProductName}, Reason: w.Reason, DecidedAt: w.DecidedAt.UTC()})
	}
	return unpicked, awaiting, nil
}
