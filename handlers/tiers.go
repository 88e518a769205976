package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// TierCriteriaBody are a tier's criteria: floors a buyer must reach.
type TierCriteriaBody struct {
	GMVCents90d     int64      `json:"gmv_cents_90d"`
	Completed90d    int64      `json:"completed_90d"`
	PromisesKeptPct models.Pct `json:"promises_kept_pct"`
}

// TierResponse is the contract's tier.
type TierResponse struct {
	ID       int64            `json:"id"`
	Name     string           `json:"name"`
	Rank     int              `json:"rank"`
	Criteria TierCriteriaBody `json:"criteria"`
	Benefits []string         `json:"benefits"`
}

func toTierResponse(t *models.Tier) TierResponse {
	return TierResponse{ID: t.ID, Name: t.Name, Rank: t.Rank, Benefits: nonNil(t.Benefits),
		Criteria: TierCriteriaBody{GMVCents90d: t.GMVCents90d, Completed90d: t.Completed90d, PromisesKeptPct: t.PromisesKeptPct}}
}

// TierCriteriaRequest is decoded member by member so a PATCH can change one criterion.
type TierCriteriaRequest struct {
	set             bool
	GMVCents90d     Opt[int64]      `json:"gmv_cents_90d"`
	Completed90d    Opt[int64]      `json:"completed_90d"`
	PromisesKeptPct Opt[models.Pct] `json:"promises_kept_pct"`
}

func (r *TierCriteriaRequest) markSet() { r.set = true }

// TierRequest is the body of POST /tiers and PATCH /tiers/{id}.
type TierRequest struct {
	Name     Opt[string]         `json:"name"`
	Rank     Opt[int]            `json:"rank"`
	Criteria TierCriteriaRequest `json:"criteria"`
	Benefits Opt[[]string]       `json:"benefits"`
}

// apply validates the request and copies it onto t.
func (r *TierRequest) apply(t *models.Tier, creating bool) error {
	ve := &models.ValidationError{}
	if creating || r.Name.Set {
		v := r.Name.V
		checkText(ve, "name", &v, 1, 50)
		t.Name = v
	}
	if creating && !r.Rank.Set {
		ve.Add("rank", "is required")
	}
	if r.Rank.Set {
		if r.Rank.Null || r.Rank.V < 1 || r.Rank.V > 100 {
			ve.Add("rank", "must be between 1 (the entry tier) and 100")
		}
		t.Rank = r.Rank.V
	}
	cr := &r.Criteria
	if cr.GMVCents90d.Set {
		if cr.GMVCents90d.Null || cr.GMVCents90d.V < 0 {
			ve.Add("criteria.gmv_cents_90d", "must be >= 0")
		}
		t.GMVCents90d = cr.GMVCents90d.V
	}
	if cr.Completed90d.Set {
		if cr.Completed90d.Null || cr.Completed90d.V < 0 {
			ve.Add("criteria.completed_90d", "must be >= 0")
		}
		t.Completed90d = cr.Completed90d.V
	}
	if cr.PromisesKeptPct.Set {
		if cr.PromisesKeptPct.Null || cr.PromisesKeptPct.V < 0 || cr.PromisesKeptPct.V > 10000 {
			ve.Add("criteria.promises_kept_pct", "must be between 0 and 100")
		}
		t.PromisesKeptPct = cr.PromisesKeptPct.V
	}
	if r.Benefits.Set {
		t.Benefits = cleanList(ve, "benefits", r.Benefits.V, maxLabels)
	}
	if t.Benefits == nil {
		t.Benefits = models.StringList{}
	}
	return ve.Err()
}

// ListTiers returns the brand's tiers, entry tier first.
func (h *Handlers) ListTiers(c *gin.Context) error {
	rows, err := h.Store.ListTiers(c.Request.Context(), brandID(c))
	if err != nil {
		return err
	}
	out := make([]TierResponse, 0, len(rows))
	for i := range rows {
		out = append(out, toTierResponse(&rows[i]))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// CreateTier defines a tier; every buyer's tier follows at once.
func (h *Handlers) CreateTier(c *gin.Context) error {
	var req TierRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var t models.Tier
	if err := req.apply(&t, true); err != nil {
		return err
	}
	if err := h.Store.CreateTier(c.Request.Context(), actor(c), &t); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toTierResponse(&t))
	return nil
}

// PatchTier changes a tier; every buyer's tier follows at once.
func (h *Handlers) PatchTier(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req TierRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := req.apply(&models.Tier{}, false); err != nil {
		return err
	}
	t, err := h.Store.UpdateTier(c.Request.Context(), actor(c), id, func(t *models.Tier) error { return req.apply(t, false) })
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toTierResponse(t))
	return nil
}

// DeleteTier removes a tier; buyers pinned to it are unpinned and re-assigned.
func (h *Handlers) DeleteTier(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteTier(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
