package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// ProductRef names a catalogue product.
type ProductRef struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	SKU      string `json:"sku"`
	Category string `json:"category"`
}

// SoldBody is how a selected product sold with the buyer afterwards
// (completed collaborations that list it as an item).
type SoldBody struct {
	Collaborations int64 `json:"collaborations"`
	Units          int64 `json:"units"`
	GMVCents       int64 `json:"gmv_cents"`
}

// SelectionResponse is one entry of a buyer's selection log.
type SelectionResponse struct {
	ID        int64           `json:"id"`
	BuyerID   int64           `json:"buyer_id"`
	Product   ProductRef      `json:"product"`
	Decision  models.Decision `json:"decision"`
	Reason    string          `json:"reason"`
	By        models.Side     `json:"by"`
	ByUser    *BuyerRef       `json:"by_user"`
	DecidedAt time.Time       `json:"decided_at"`
	Sold      SoldBody        `json:"sold"`
}

func toSelectionResponse(r *store.SelectionRow) SelectionResponse {
	out := SelectionResponse{ID: r.ID, BuyerID: r.BuyerID, Decision: r.Decision, Reason: r.Reason, By: r.BySide,
		DecidedAt: r.DecidedAt.UTC(),
		Product:   ProductRef{ID: r.ProductID, Name: r.ProductName, SKU: r.ProductSKU, Category: r.ProductCategory},
		Sold:      SoldBody{Collaborations: r.SoldCollaborations, Units: r.SoldUnits, GMVCents: r.SoldGMVCents}}
	if r.ByUserID != nil && r.ByName != nil {
		out.ByUser = &BuyerRef{ID: *r.ByUserID, Name: *r.ByName}
	}
	return out
}

// SelectionRequest is the body of POST /buyers/{id}/selections.
type SelectionRequest struct {
	ProductID int64           `json:"product_id"`
	Decision  models.Decision `json:"decision"`
	Reason    string          `json:"reason"`
}

// validate checks a selection; allowed are the decisions its side may take.
func (r *SelectionRequest) validate(allowed ...models.Decision) error {
	ve := &models.ValidationError{}
	if r.ProductID <= 0 {
		ve.Add("product_id", "must be a product's id")
	}
	ok := false
	names := ""
	for i, d := range allowed {
		ok = ok || r.Decision == d
		if i > 0 {
			names += ", "
		}
		names += string(d)
	}
	if !ok {
		ve.Add("decision", "must be one of "+names)
	}
	checkText(ve, "reason", &r.Reason, 0, 1000)
	return ve.Err()
}

// ListSelections returns a buyer's selection log, newest first.
func (h *Handlers) ListSelections(c *gin.Context) error {
	return buyerSubList(c, h.Store.ListSelections, toSelectionResponse)
}

// CreateSelection records a staff decision: picked, declined or trial.
func (h *Handlers) CreateSelection(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req SelectionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := req.validate(models.DecisionPicked, models.DecisionDeclined, models.DecisionTrial); err != nil {
		return err
	}
	row, err := h.Store.CreateSelection(c.Request.Context(), actor(c), &models.Selection{BuyerID: id, ProductID: req.ProductID,
		Decision: req.Decision, Reason: req.Reason})
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toSelectionResponse(row))
	return nil
}

// PortalSelectionRequest is the body of POST /portal/selections.
type PortalSelectionRequest struct {
	BuyerID   int64           `json:"buyer_id"`
	ProductID int64           `json:"product_id"`
	Decision  models.Decision `json:"decision"`
	Reason    string          `json:"reason"`
}

// PortalSelect records a buyer's interest in, or refusal of, a pool product.
func (h *Handlers) PortalSelect(c *gin.Context) error {
	var req PortalSelectionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sr := SelectionRequest{ProductID: req.ProductID, Decision: req.Decision, Reason: req.Reason}
	err := sr.validate(models.DecisionInterested, models.DecisionDeclined)
	if req.BuyerID <= 0 {
		ve := &models.ValidationError{}
		if err != nil {
			ve = err.(*models.ValidationError)
		}
		ve.Add("buyer_id", "must be one of your partnerships' buyer_id")
		err = ve
	}
	if err != nil {
		return err
	}
	row, err := h.Store.PortalSelect(c.Request.Context(), CurrentPrincipal(c).UserID, &models.Selection{BuyerID: req.BuyerID,
		ProductID: req.ProductID, Decision: req.Decision, Reason: sr.Reason})
	if err != nil {
		return err
	}
	r := toSelectionResponse(row)
	r.ByUser = nil
	c.JSON(http.StatusCreated, r)
	return nil
}
