package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// ProductResponse is the contract's product.
type ProductResponse struct {
	ID         int64                `json:"id"`
	Name       string               `json:"name"`
	SKU        string               `json:"sku"`
	Category   string               `json:"category"`
	PriceCents int64                `json:"price_cents"`
	Circles    []string             `json:"circles"`
	ImageURL   string               `json:"image_url"`
	Status     models.ProductStatus `json:"status"`
	InPool     bool                 `json:"in_pool"`
	PoolNote   string               `json:"pool_note"`
	CreatedAt  time.Time            `json:"created_at"`
	UpdatedAt  time.Time            `json:"updated_at"`
}

func toProductResponse(p *models.Product) ProductResponse {
	return ProductResponse{ID: p.ID, Name: p.Name, SKU: p.SKU, Category: p.Category, PriceCents: p.PriceCents,
		Circles: nonNil(p.Circles), ImageURL: p.ImageURL, Status: p.Status, InPool: p.InPool, PoolNote: p.PoolNote,
		CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
}

// ProductRequest is the body of POST /products and PATCH /products/{id}.
type ProductRequest struct {
	Name       Opt[string]               `json:"name"`
	SKU        Opt[string]               `json:"sku"`
	Category   Opt[string]               `json:"category"`
	PriceCents Opt[int64]                `json:"price_cents"`
	Circles    Opt[[]string]             `json:"circles"`
	ImageURL   Opt[string]               `json:"image_url"`
	Status     Opt[models.ProductStatus] `json:"status"`
	InPool     Opt[bool]                 `json:"in_pool"`
	PoolNote   Opt[string]               `json:"pool_note"`
}

// apply copies the fields sent onto p and validates the result.
func (r *ProductRequest) apply(p *models.Product, creating bool) error {
	ve := &models.ValidationError{}
	if creating {
		if !r.Name.Set {
			ve.Add("name", "is required")
		}
		if !r.SKU.Set {
			ve.Add("sku", "is required")
		}
	}
	str := func(field string, o Opt[string], dst *string) {
		if !o.Set {
			return
		}
		if o.Null {
			ve.Add(field, "must be text")
			return
		}
		*dst = o.V
	}
	str("name", r.Name, &p.Name)
	str("sku", r.SKU, &p.SKU)
	str("category", r.Category, &p.Category)
	str("image_url", r.ImageURL, &p.ImageURL)
	str("pool_note", r.PoolNote, &p.PoolNote)
	optAmount(ve, "price_cents", r.PriceCents, &p.PriceCents)
	if r.Circles.Set {
		p.Circles = models.StringList(r.Circles.V)
	}
	if r.Status.Set {
		p.Status = r.Status.V
	}
	if r.InPool.Set {
		if r.InPool.Null {
			ve.Add("in_pool", "must be true or false")
		}
		p.InPool = r.InPool.V
	}
	if !ve.Has("name") {
		checkText(ve, "name", &p.Name, 1, 200)
	}
	if !ve.Has("sku") {
		checkText(ve, "sku", &p.SKU, 1, 64)
	}
	checkText(ve, "category", &p.Category, 0, 100)
	checkText(ve, "pool_note", &p.PoolNote, 0, 500)
	checkURL(ve, "image_url", &p.ImageURL)
	p.Circles = cleanList(ve, "circles", p.Circles, 20)
	if p.PriceCents < 0 || p.PriceCents > maxAmount {
		ve.Add("price_cents", "must be between 0 and 10000000000000")
	}
	if !p.Status.Valid() {
		ve.Add("status", "must be active or retired")
	}
	if p.Status == models.ProductRetired && p.InPool {
		ve.Add("in_pool", "a retired product cannot be in the pool")
	}
	return ve.Err()
}

// ListProducts returns a page of the catalogue, newest first.
func (h *Handlers) ListProducts(c *gin.Context) error {
	ve := &models.ValidationError{}
	q := store.ProductQuery{Q: strings.TrimSpace(c.Query("q")), Category: strings.TrimSpace(c.Query("category")),
		Circle: strings.TrimSpace(c.Query("circle")), Status: c.Query("status"), Cursor: c.Query("cursor")}
	if q.Status != "" && !models.ProductStatus(q.Status).Valid() {
		ve.Add("status", "must be active or retired")
	}
	if c.Query("in_pool") != "" {
		b, err := boolQuery(c, "in_pool")
		if err != nil {
			ve.Add("in_pool", "must be true or false")
		}
		q.InPool = &b
	}
	if s := c.Query("sort"); s != "" && s != "-created_at" {
		ve.Add("sort", "must be -created_at (newest first)")
	}
	paging(c, ve, &q.Limit, &q.WithTotal)
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListProducts(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, toProductResponse))
	return nil
}

// CreateProduct adds a product to the catalogue; a SKU already used in the brand is 409.
func (h *Handlers) CreateProduct(c *gin.Context) error {
	var req ProductRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p := models.Product{Status: models.ProductActive, Circles: models.StringList{}}
	if err := req.apply(&p, true); err != nil {
		return err
	}
	if err := h.Store.CreateProduct(c.Request.Context(), actor(c), &p); err != nil {
		return skuConflict(err)
	}
	c.JSON(http.StatusCreated, toProductResponse(&p))
	return nil
}

// skuConflict words a unique clash on a product as the SKU's.
func skuConflict(err error) error {
	if store.IsConflict(err) {
		return models.Errorf(models.ErrConflict, "another product of this brand has this sku")
	}
	return err
}

// GetProduct returns one product.
func (h *Handlers) GetProduct(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := h.Store.GetProduct(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toProductResponse(p))
	return nil
}

// PatchProduct changes the fields sent (retire with status: retired).
func (h *Handlers) PatchProduct(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ProductRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p, err := h.Store.UpdateProduct(c.Request.Context(), actor(c), id, func(p *models.Product) error { return req.apply(p, false) })
	if err != nil {
		return skuConflict(err)
	}
	c.JSON(http.StatusOK, toProductResponse(p))
	return nil
}

// DeleteProduct removes a product nothing refers to; a used one is 409 (retire it).
func (h *Handlers) DeleteProduct(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteProduct(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// PerformanceResponse is how one buyer sold a product.
type PerformanceResponse struct {
	Buyer          BuyerRef      `json:"buyer"`
	Collaborations int64         `json:"collaborations"`
	Units          int64         `json:"units"`
	GMVCents       int64         `json:"gmv_cents"`
	NetGMVCents    int64         `json:"net_gmv_cents"`
	ROI            *models.Ratio `json:"roi"`
	LastOn         models.Date   `json:"last_on"`
}

// BuyerRef names a buyer.
type BuyerRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ProductPerformance ranks the buyers who sold a product in completed
// collaborations, best GMV first.
func (h *Handlers) ProductPerformance(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ve := &models.ValidationError{}
	limit, total := 50, false
	paging(c, ve, &limit, &total)
	if err := ve.Err(); err != nil {
		return err
	}
	rows, err := h.Store.ProductPerformance(c.Request.Context(), brandID(c), id, limit)
	if err != nil {
		return err
	}
	out := make([]PerformanceResponse, 0, len(rows))
	for _, r := range rows {
		out = append(out, PerformanceResponse{Buyer: BuyerRef{ID: r.BuyerID, Name: r.BuyerName}, Collaborations: r.Collaborations,
			Units: r.Units, GMVCents: r.GMVCents, NetGMVCents: r.NetGMVCents, ROI: models.RatioOf(r.NetGMVCents, r.CostCents),
			LastOn: r.LastOn})
	}
	c.JSON(http.StatusOK, out)
	return nil
}
