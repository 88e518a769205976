package handlers

import (
	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/partnership"
)

// matchProduct reads ?product_id=: the catalogue product to place. Its
// category and first circle fill those the query left empty. Another
// brand's product is not found.
func (h *Handlers) matchProduct(c *gin.Context, q *partnership.MatchQuery) (*models.Product, error) {
	v := c.Query("product_id")
	if v == "" {
		return nil, nil
	}
	id, ok := positiveInt(v)
	if !ok {
		return nil, &models.ValidationError{Fields: map[string]string{"product_id": "must be a positive integer"}}
	}
	p, err := h.Store.GetProduct(c.Request.Context(), brandID(c), id)
	if err != nil {
		return nil, err
	}
	if q.Category == "" {
		q.Category = p.Category
	}
	if q.Circle == "" && len(p.Circles) > 0 {
		q.Circle = p.Circles[0]
	}
	return p, nil
}

// matchHistory adds to the ranking how similar products sold with each buyer.
func (h *Handlers) matchHistory(c *gin.Context, p *models.Product, ranked []partnership.Match) ([]partnership.Match, error) {
	if p == nil {
		return ranked, nil
	}
	hist, err := h.Store.SimilarProductHistory(c.Request.Context(), brandID(c), p)
	if err != nil {
		return nil, err
	}
	return partnership.WithHistory(ranked, hist, h.locale(c)), nil
}
