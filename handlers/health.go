package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/partnership"
)

// BuyerHealth returns a buyer's partnership health with its factors and GMV trend.
func (h *Handlers) BuyerHealth(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	hl, err := h.Store.BuyerHealth(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, hl)
	return nil
}

// MatchResponse is one ranked buyer for a product.
type MatchResponse struct {
	Buyer   BuyerResponse `json:"buyer"`
	Score   int           `json:"score"`
	Reasons []string      `json:"reasons"`
}

// MatchBuyers ranks the brand's active buyers for a category, circle and collaboration type.
func (h *Handlers) MatchBuyers(c *gin.Context) error {
	q := partnership.MatchQuery{Category: strings.TrimSpace(c.Query("category")), Circle: strings.TrimSpace(c.Query("circle")),
		Type: c.Query("type")}
	ve := &models.ValidationError{}
	if q.Type != "" && !validCollabType(q.Type) {
		ve.Add("type", models.OneOf(models.CollabTypes...))
	}
	limit := 20
	var total bool
	if c.Query("limit") != "" {
		paging(c, ve, &limit, &total)
	}
	if err := ve.Err(); err != nil {
		return err
	}
	product, err := h.matchProduct(c, &q) // ?product_id= (issue 15)
	if err != nil {
		return err
	}
	buyers, cands, err := h.Store.MatchCandidates(c.Request.Context(), brandID(c), q.Circle, q.Category)
	if err != nil {
		return err
	}
	ranked := partnership.Rank(q, cands, h.locale(c))
	if ranked, err = h.matchHistory(c, product, ranked); err != nil {
		return err
	}
	if len(ranked) > limit {
		ranked = ranked[:limit]
	}
	out := make([]MatchResponse, 0, len(ranked))
	for _, m := range ranked {
		b := buyers[m.BuyerID]
		out = append(out, MatchResponse{Buyer: toBuyerResponse(&b), Score: m.Score, Reasons: m.Reasons})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// locale returns the caller's UI locale.
func (h *Handlers) locale(c *gin.Context) string {
	if p := CurrentPrincipal(c); p != nil && p.Locale != "" {
		return p.Locale
	}
	return models.LocaleZH
}

func validCollabType(t string) bool {
	switch t {
	case "livestream", "note", "shop_window", "seeding":
		return true
	}
	return false
}
